/**
 * A fake of the three services the Action talks to, on one 127.0.0.1 port, speaking their documented
 * protocols closely enough for the real clients (@actions/github's Octokit, @actions/artifact and the
 * @azure/storage-blob client inside it):
 *
 * - GitHub REST: GET /user, issue comments (list with Link pagination, create, update), artifacts
 *   (list for the repository by name, list for a run, zip download → 302 to a blob URL, delete), workflow
 *   runs (list with branch/event/status/head_sha filters), and GET a pull request.
 * - GitHub GraphQL: POST /graphql answering `viewer { login }` (what the token acts as).
 * - The Actions results service (Twirp JSON, snake_case fields): CreateArtifact, FinalizeArtifact,
 *   ListArtifacts, GetSignedArtifactURL, DeleteArtifact; 409 for a second artifact of one name in a run.
 * - Azure block blobs: PUT ?comp=block&blockid=…, PUT ?comp=blocklist (or one PUT), GET.
 *
 * Uploaded zips stay in memory, so a later run (a pull request) downloads what an earlier one (a push)
 * uploaded. Every request is logged for assertions; failures can be injected per route.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRun {
  runId: number;
  /** The Actions.Results ids the runtime token carries. */
  backendId: string;
  jobBackendId: string;
  headBranch: string;
  headSha: string;
  /**
   * The repository the run's head commit came from (a fork's id for fork pull requests). null: the fork was
   * deleted (GitHub then serves `head_repository: null` and `head_repository_id: null`); undefined: the
   * artifact listing omits the field altogether (it is optional in the OpenAPI description).
   */
  headRepositoryId?: number | null;
  /** The event that triggered the run; runAction sets its own eventName when this is unset. */
  event?: string;
  /** 'success' unless said otherwise; every run the fake knows is completed. */
  conclusion?: 'success' | 'failure' | 'cancelled';
}

export interface StoredArtifact {
  id: number;
  name: string;
  run: FakeRun;
  createdAt: string;
  expiresAt: string;
  /** The expires_at a CreateArtifact asked for (retention-days), or null for the repository default. */
  requestedExpiresAt: string | null;
  expired: boolean;
  finalized: boolean;
  deleted: boolean;
  zip: Buffer | null;
  digest: string | null;
  blocks: Map<string, Buffer>;
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; id: number; type: 'User' | 'Bot' };
  html_url: string;
  created_at: string;
  updated_at: string;
}

export interface FakePull {
  number: number;
  headSha: string;
  headRef: string;
  headRepo: string;
  baseRef: string;
  baseSha: string;
}

/** A token the fake knows: an Actions/App installation token (comments by github-actions[bot]) or a user's. */
export interface TokenInfo {
  kind: 'installation' | 'user';
  login: string;
  /** A fork pull request's token: every write answers 403. */
  readOnly?: boolean;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
  times: number;
  headers?: Record<string, string>;
  /** Answer only after this long (a hung connection, for client timeouts). */
  delayMs?: number;
}

const BOT = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' as const };

const base64url = (data: string): string => Buffer.from(data).toString('base64url');

export class FakeGitHub {
  readonly owner = 'acme';
  readonly repo = 'widgets';
  readonly repositoryId = 1001;
  url = '';
  readonly runs = new Map<string, FakeRun>();
  readonly artifacts: StoredArtifact[] = [];
  readonly comments: FakeComment[] = [];
  readonly pulls = new Map<number, FakePull>();
  readonly tokens = new Map<string, TokenInfo>();
  /** Requests answered (with their status). */
  readonly log: LoggedRequest[] = [];
  /** Requests received, answered or not. */
  readonly received: { method: string; path: string }[] = [];
  private readonly failures: Failure[] = [];
  private readonly barriers: {
    method: string;
    path: RegExp;
    waiting: number;
    all: Promise<void>;
    release: () => void;
  }[] = [];
  private nextId = 5000;
  private readonly runCreated = new Map<number, string>();
  private server: Server | null = null;

  static async start(): Promise<FakeGitHub> {
    const fake = new FakeGitHub();
    fake.server = createServer((req, res) => {
      fake
        .handle(req, res)
        .catch((err: unknown) => fake.send(res, req, 500, { message: `fake server bug: ${(err as Error).stack}` }));
    });
    await new Promise<void>((resolve) => fake.server!.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  get fullName(): string {
    return `${this.owner}/${this.repo}`;
  }

  /** A run the artifact service will accept uploads for; returns the ACTIONS_RUNTIME_TOKEN for it. */
  registerRun(run: FakeRun): string {
    // Keyed by job: matrix legs are jobs of one workflow run, each with its own runtime token.
    this.runs.set(`${run.backendId}:${run.jobBackendId}`, run);
    this.noteRunCreated(run, new Date().toISOString());
    return this.runtimeToken(run);
  }

  /** Every run the fake has heard of (registered, or the run of a planted artifact), newest (highest id) first. */
  allRuns(): FakeRun[] {
    const byId = new Map<number, FakeRun>();
    for (const run of [...this.runs.values(), ...this.artifacts.map((a) => a.run)]) byId.set(run.runId, run);
    const created = (r: FakeRun): string => this.runCreated.get(r.runId) ?? '';
    return [...byId.values()].sort((a, b) => created(b).localeCompare(created(a)) || b.runId - a.runId);
  }

  runtimeToken(run: FakeRun): string {
    const scp = `Actions.ExampleScope Actions.Results:${run.backendId}:${run.jobBackendId}`;
    return `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify({ scp, iss: 'fake' }))}.c2ln`;
  }

  /** Stores a finished artifact as if some earlier run had uploaded it. */
  plantArtifact(
    name: string,
    run: FakeRun,
    zip: Buffer,
    options: { expired?: boolean; createdAt?: string } = {},
  ): StoredArtifact {
    const artifact = this.newArtifact(name, run);
    artifact.zip = zip;
    artifact.digest = `sha256:${createHash('sha256').update(zip).digest('hex')}`;
    artifact.finalized = true;
    artifact.expired = options.expired ?? false;
    if (options.expired) artifact.expiresAt = new Date(Date.now() - 86_400_000).toISOString();
    if (options.createdAt) artifact.createdAt = options.createdAt;
    this.noteRunCreated(run, artifact.createdAt);
    return artifact;
  }

  /** A run starts before anything it uploads: its created_at is the earliest time the fake saw of it. */
  private noteRunCreated(run: FakeRun, at: string): void {
    const known = this.runCreated.get(run.runId);
    if (known === undefined || at < known) this.runCreated.set(run.runId, at);
  }

  liveArtifacts(name?: string): StoredArtifact[] {
    return this.artifacts.filter((a) => a.finalized && !a.deleted && (name === undefined || a.name === name));
  }

  /** The next `times` requests matching method and path answer `status` with `body`. */
  fail(
    method: string,
    path: RegExp,
    status: number,
    body: unknown = { message: 'injected failure' },
    times = 1,
    headers: Record<string, string> = {},
  ): void {
    this.failures.push({ method, path, status, body, times, headers });
  }

  /** The next `times` matching requests hang for `delayMs` before being served normally. */
  stall(method: string, path: RegExp, delayMs: number, times = 1): void {
    this.failures.push({ method, path, status: 0, body: null, times, delayMs });
  }

  /** Drops the injected failures no request has used up. */
  clearFailures(): void {
    this.failures.length = 0;
  }

  /** The next `count` matching requests are held until all of them have arrived, then answered together. */
  hold(method: string, path: RegExp, count: number): void {
    let release: () => void = () => {};
    const all = new Promise<void>((resolve) => (release = resolve));
    this.barriers.push({ method, path, waiting: count, all, release });
  }

  commentsOn(issue: number): FakeComment[] {
    return this.comments.filter((c) => c.issue === issue);
  }

  addComment(issue: number, body: string, user: FakeComment['user']): FakeComment {
    const id = this.nextId++;
    const now = new Date().toISOString();
    const comment: FakeComment = {
      id,
      issue,
      body,
      user,
      html_url: `https://github.com/${this.fullName}/pull/${issue}#issuecomment-${id}`,
      created_at: now,
      updated_at: now,
    };
    this.comments.push(comment);
    return comment;
  }

  /** GitHub's pagination: `per_page` (default 30, at most 100), `page`, and a Link header with next/last/prev/first. */
  private page<T>(url: URL, all: T[]): { items: T[]; headers: Record<string, string> } {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Number(url.searchParams.get('page') ?? 1);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const query = new URLSearchParams(url.searchParams);
    const link = (p: number, rel: string): string => {
      query.set('per_page', String(perPage));
      query.set('page', String(p));
      return `<${this.url}${url.pathname}?${query}>; rel="${rel}"`;
    };
    const links = [
      page < last ? link(page + 1, 'next') : '',
      page < last ? link(last, 'last') : '',
      page > 1 ? link(page - 1, 'prev') : '',
      page > 1 ? link(1, 'first') : '',
    ].filter(Boolean);
    return {
      items: all.slice((page - 1) * perPage, page * perPage),
      headers: links.length ? { link: links.join(', ') } : {},
    };
  }

  requests(method: string, path: RegExp): LoggedRequest[] {
    return this.log.filter((r) => r.method === method && path.test(r.path));
  }

  // ---- plumbing ---------------------------------------------------------------------------------

  private newArtifact(name: string, run: FakeRun): StoredArtifact {
    const artifact: StoredArtifact = {
      id: this.nextId++,
      name,
      run,
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
      requestedExpiresAt: null,
      expired: false,
      finalized: false,
      deleted: false,
      zip: null,
      digest: null,
      blocks: new Map(),
    };
    this.artifacts.push(artifact);
    return artifact;
  }

  private send(
    res: ServerResponse,
    req: IncomingMessage,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ): void {
    const url = new URL(req.url ?? '/', this.url);
    this.log.push({
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status,
    });
    if (body === undefined || Buffer.isBuffer(body)) {
      res.writeHead(status, headers);
      res.end(body);
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }

  private async readBody(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const body = await this.readBody(req);
    this.received.push({ method, path: url.pathname });
    const barrier = this.barriers.find((b) => b.waiting > 0 && b.method === method && b.path.test(url.pathname));
    if (barrier) {
      if (--barrier.waiting === 0) barrier.release();
      await barrier.all;
    }
    const failure = this.failures.find((f) => f.times > 0 && f.method === method && f.path.test(url.pathname));
    if (failure) {
      failure.times--;
      if (failure.delayMs === undefined) return this.send(res, req, failure.status, failure.body, failure.headers);
      await new Promise((resolve) => setTimeout(resolve, failure.delayMs));
      if (res.destroyed || req.destroyed) return; // the client gave up
    }
    if (url.pathname.startsWith('/twirp/')) return this.twirp(req, res, url, body);
    if (url.pathname.startsWith('/blob/')) return this.blob(req, res, url, body);
    return this.rest(req, res, url, body);
  }

  // ---- GitHub REST --------------------------------------------------------------------------------

  private tokenOf(req: IncomingMessage): TokenInfo | undefined {
    const match = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '');
    return match ? this.tokens.get(match[1]!) : undefined;
  }

  private async rest(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
    const method = req.method ?? 'GET';
    const token = this.tokenOf(req);
    if (!token) return this.send(res, req, 401, { message: 'Bad credentials' });
    const forbidden = {
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest',
    };
    const path = url.pathname;
    const repoPrefix = `/repos/${this.owner}/${this.repo}`;

    if (method === 'POST' && path === '/graphql') return this.graphql(req, res, token, body);
    if (method === 'GET' && path === '/user') {
      if (token.kind === 'installation') return this.send(res, req, 403, forbidden);
      return this.send(res, req, 200, { login: token.login, id: 7, type: 'User' });
    }
    if (!path.startsWith(`${repoPrefix}/`)) return this.send(res, req, 404, { message: 'Not Found' });
    const rest = path.slice(repoPrefix.length);
    let m: RegExpExecArray | null;

    if ((m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const issue = Number(m[1]);
      if (method === 'GET') {
        const { items, headers } = this.page(url, this.commentsOn(issue));
        return this.send(res, req, 200, items, headers);
      }
      if (method === 'POST') {
        if (token.readOnly) return this.send(res, req, 403, forbidden);
        const { body: text } = JSON.parse(body.toString()) as { body: string };
        const user = token.kind === 'installation' ? BOT : { login: token.login, id: 7, type: 'User' as const };
        return this.send(res, req, 201, this.addComment(issue, text, user));
      }
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest)) && method === 'DELETE') {
      if (token.readOnly) return this.send(res, req, 403, forbidden);
      const index = this.comments.findIndex((c) => c.id === Number(m![1]));
      if (index < 0) return this.send(res, req, 404, { message: 'Not Found' });
      this.comments.splice(index, 1);
      return this.send(res, req, 204);
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest)) && method === 'PATCH') {
      if (token.readOnly) return this.send(res, req, 403, forbidden);
      const comment = this.comments.find((c) => c.id === Number(m![1]));
      if (!comment) return this.send(res, req, 404, { message: 'Not Found' });
      comment.body = (JSON.parse(body.toString()) as { body: string }).body;
      comment.updated_at = new Date().toISOString();
      return this.send(res, req, 200, comment);
    }
    if (rest === '/actions/artifacts' && method === 'GET') {
      const name = url.searchParams.get('name') ?? undefined;
      const list = this.liveArtifacts(name).sort((a, b) => b.id - a.id);
      const { items, headers } = this.page(url, list);
      return this.send(
        res,
        req,
        200,
        { total_count: list.length, artifacts: items.map((a) => this.artifactJson(a)) },
        headers,
      );
    }
    if (rest === '/actions/runs' && method === 'GET') {
      const q = url.searchParams;
      const list = this.allRuns().filter((r) => {
        const conclusion = r.conclusion ?? 'success';
        const status = q.get('status');
        return (
          (!q.has('branch') || r.headBranch === q.get('branch')) &&
          (!q.has('event') || (r.event ?? 'push') === q.get('event')) &&
          (!q.has('head_sha') || r.headSha === q.get('head_sha')) &&
          (status === null || status === 'completed' || status === conclusion)
        );
      });
      const { items, headers } = this.page(url, list);
      const withPrs = q.get('exclude_pull_requests') !== 'true';
      return this.send(
        res,
        req,
        200,
        { total_count: list.length, workflow_runs: items.map((r) => this.runJson(r, withPrs)) },
        headers,
      );
    }
    if ((m = /^\/actions\/runs\/(\d+)\/artifacts$/.exec(rest)) && method === 'GET') {
      const runId = Number(m[1]);
      const name = url.searchParams.get('name') ?? undefined;
      const list = this.liveArtifacts(name).filter((a) => a.run.runId === runId);
      const { items, headers } = this.page(url, list);
      return this.send(
        res,
        req,
        200,
        { total_count: list.length, artifacts: items.map((a) => this.artifactJson(a)) },
        headers,
      );
    }
    if ((m = /^\/actions\/artifacts\/(\d+)\/zip$/.exec(rest)) && method === 'GET') {
      const artifact = this.liveArtifacts().find((a) => a.id === Number(m![1]));
      if (!artifact) return this.send(res, req, 404, { message: 'Not Found' });
      if (artifact.expired) return this.send(res, req, 410, { message: 'Artifact has expired' });
      return this.send(res, req, 302, undefined, {
        location: `${this.url}/blob/${artifact.id}/${encodeURIComponent(artifact.name)}.zip?sig=download-signature&sp=r`,
      });
    }
    if ((m = /^\/actions\/artifacts\/(\d+)$/.exec(rest)) && method === 'DELETE') {
      const artifact = this.liveArtifacts().find((a) => a.id === Number(m![1]));
      if (!artifact) return this.send(res, req, 404, { message: 'Not Found' });
      artifact.deleted = true;
      return this.send(res, req, 204);
    }
    if ((m = /^\/pulls\/(\d+)$/.exec(rest)) && method === 'GET') {
      const pull = this.pulls.get(Number(m[1]));
      if (!pull) return this.send(res, req, 404, { message: 'Not Found' });
      return this.send(res, req, 200, {
        number: pull.number,
        state: 'open',
        head: { sha: pull.headSha, ref: pull.headRef, repo: { full_name: pull.headRepo } },
        base: { sha: pull.baseSha, ref: pull.baseRef, repo: { id: this.repositoryId, full_name: this.fullName } },
      });
    }
    return this.send(res, req, 404, { message: `Not Found (fake has no ${method} ${path})` });
  }

  /** GraphQL: only `viewer { login }`, as GitHub answers it for user, App and Actions tokens alike. */
  private graphql(req: IncomingMessage, res: ServerResponse, token: TokenInfo, body: Buffer): void {
    const { query } = JSON.parse(body.toString() || '{}') as { query?: string };
    if (!query || !/\bviewer\s*\{\s*login\s*\}/.test(query)) {
      return this.send(res, req, 200, { errors: [{ type: 'INTERNAL', message: `fake has no answer for ${query}` }] });
    }
    return this.send(res, req, 200, { data: { viewer: { login: token.login } } });
  }

  /** A workflow run object as GET /actions/runs serves it (the fields memgate could read, nulls included). */
  private runJson(r: FakeRun, withPrs: boolean): Record<string, unknown> {
    const repo = { id: this.repositoryId, full_name: this.fullName };
    const createdAt = this.runCreated.get(r.runId) ?? new Date().toISOString();
    return {
      id: r.runId,
      name: 'memgate',
      head_branch: r.headBranch,
      head_sha: r.headSha,
      event: r.event ?? 'push',
      status: 'completed',
      conclusion: r.conclusion ?? 'success',
      run_attempt: 1,
      created_at: createdAt,
      updated_at: createdAt,
      ...(withPrs ? { pull_requests: [] } : {}),
      repository: repo,
      head_repository:
        r.headRepositoryId === undefined || r.headRepositoryId === null
          ? null
          : {
              id: r.headRepositoryId,
              full_name: r.headRepositoryId === this.repositoryId ? this.fullName : 'mallory/widgets',
            },
    };
  }

  private artifactJson(a: StoredArtifact): Record<string, unknown> {
    return {
      id: a.id,
      node_id: `MDg6QXJ0aWZhY3Q${a.id}`,
      name: a.name,
      size_in_bytes: a.zip?.length ?? 0,
      url: `${this.url}/repos/${this.fullName}/actions/artifacts/${a.id}`,
      archive_download_url: `${this.url}/repos/${this.fullName}/actions/artifacts/${a.id}/zip`,
      expired: a.expired,
      created_at: a.createdAt,
      updated_at: a.createdAt,
      expires_at: a.expiresAt,
      digest: a.digest,
      workflow_run: {
        id: a.run.runId,
        repository_id: this.repositoryId,
        ...(a.run.headRepositoryId === undefined ? {} : { head_repository_id: a.run.headRepositoryId }),
        head_branch: a.run.headBranch,
        head_sha: a.run.headSha,
      },
    };
  }

  // ---- Actions results service (Twirp) ------------------------------------------------------------

  private async twirp(req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer): Promise<void> {
    const method = url.pathname.replace('/twirp/github.actions.results.api.v1.ArtifactService/', '');
    const body = JSON.parse(raw.toString() || '{}') as Record<string, unknown>;
    const runBackendId = String(body['workflow_run_backend_id'] ?? '');
    const run = this.runs.get(`${runBackendId}:${String(body['workflow_job_run_backend_id'] ?? '')}`);
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!run || bearer !== this.runtimeToken(run)) {
      return this.send(res, req, 401, { code: 'unauthenticated', msg: 'unknown run or token' });
    }
    const name = typeof body['name'] === 'string' ? body['name'] : '';
    // Artifacts belong to the workflow run (every job and attempt of it), not to the job that uploaded them.
    const inRun = (): StoredArtifact[] => this.artifacts.filter((a) => a.run.backendId === run.backendId && !a.deleted);
    switch (method) {
      case 'CreateArtifact': {
        // A name is taken once any job of the run has created it (an unfinished upload of this very job is a retry).
        if (inRun().some((a) => a.name === name && (a.finalized || a.run.jobBackendId !== run.jobBackendId))) {
          return this.send(res, req, 409, {
            code: 'already_exists',
            msg: 'an artifact with this name already exists on the workflow run',
          });
        }
        for (const stale of inRun().filter((a) => a.name === name && a.run.jobBackendId === run.jobBackendId))
          stale.deleted = true;
        const artifact = this.newArtifact(name, run);
        // Twirp JSON carries a google.protobuf.Timestamp as an RFC 3339 string.
        if (typeof body['expires_at'] === 'string')
          artifact.expiresAt = artifact.requestedExpiresAt = body['expires_at'];
        return this.send(res, req, 200, {
          ok: true,
          signed_upload_url: `${this.url}/blob/${artifact.id}/${encodeURIComponent(name)}.zip?sig=upload-signature&sp=cw`,
        });
      }
      case 'FinalizeArtifact': {
        const artifact = inRun().find(
          (a) => a.name === name && !a.finalized && a.run.jobBackendId === run.jobBackendId,
        );
        if (!artifact || !artifact.zip)
          return this.send(res, req, 404, { code: 'not_found', msg: 'no upload to finalize' });
        const digest = `sha256:${createHash('sha256').update(artifact.zip).digest('hex')}`;
        const hash = body['hash'];
        if (String(body['size']) !== String(artifact.zip.length) || (hash !== undefined && hash !== digest)) {
          return this.send(res, req, 400, {
            code: 'invalid_argument',
            msg: `size/hash mismatch: ${String(body['size'])} ${String(hash)}`,
          });
        }
        artifact.digest = digest;
        artifact.finalized = true;
        return this.send(res, req, 200, { ok: true, artifact_id: String(artifact.id) });
      }
      case 'ListArtifacts': {
        const nameFilter = body['name_filter'];
        const idFilter = body['id_filter'];
        const list = inRun().filter(
          (a) =>
            a.finalized &&
            (nameFilter === undefined || a.name === nameFilter) &&
            (idFilter === undefined || String(a.id) === String(idFilter)),
        );
        return this.send(res, req, 200, {
          artifacts: list.map((a) => ({
            workflow_run_backend_id: a.run.backendId,
            workflow_job_run_backend_id: a.run.jobBackendId,
            database_id: String(a.id),
            name: a.name,
            size: String(a.zip?.length ?? 0),
            created_at: a.createdAt,
          })),
        });
      }
      case 'GetSignedArtifactURL': {
        const artifact = inRun().find((a) => a.name === name && a.finalized);
        if (!artifact) return this.send(res, req, 404, { code: 'not_found', msg: 'artifact not found' });
        return this.send(res, req, 200, {
          signed_url: `${this.url}/blob/${artifact.id}/${encodeURIComponent(name)}.zip?sig=download-signature&sp=r`,
        });
      }
      case 'DeleteArtifact': {
        const artifact = inRun().find((a) => a.name === name && a.finalized);
        if (!artifact) return this.send(res, req, 404, { code: 'not_found', msg: 'artifact not found' });
        artifact.deleted = true;
        return this.send(res, req, 200, { ok: true, artifact_id: String(artifact.id) });
      }
      default:
        return this.send(res, req, 404, { code: 'bad_route', msg: `no method ${method}` });
    }
  }

  // ---- Azure blob storage -------------------------------------------------------------------------

  private async blob(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
    const id = Number(url.pathname.split('/')[2]);
    const artifact = this.artifacts.find((a) => a.id === id);
    if (!artifact || !url.searchParams.get('sig')) return this.send(res, req, 403, Buffer.from('AuthenticationFailed'));
    const headers = {
      'x-ms-request-id': `req-${this.log.length}`,
      'x-ms-version': '2025-01-05',
      etag: `"0x${id.toString(16)}"`,
      'last-modified': new Date().toUTCString(),
    };
    const method = req.method ?? 'GET';
    const comp = url.searchParams.get('comp');
    if (method === 'PUT' && comp === 'block') {
      artifact.blocks.set(url.searchParams.get('blockid') ?? '', body);
      return this.send(res, req, 201, Buffer.alloc(0), { ...headers, 'x-ms-request-server-encrypted': 'true' });
    }
    if (method === 'PUT' && comp === 'blocklist') {
      const ids = [...body.toString().matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map((x) => x[1]!);
      const parts = ids.map((blockId) => artifact.blocks.get(blockId));
      if (parts.some((p) => p === undefined)) return this.send(res, req, 400, Buffer.from('InvalidBlockList'));
      artifact.zip = Buffer.concat(parts as Buffer[]);
      artifact.blocks.clear();
      return this.send(res, req, 201, Buffer.alloc(0), { ...headers, 'x-ms-request-server-encrypted': 'true' });
    }
    if (method === 'PUT' && comp === null && req.headers['x-ms-blob-type'] === 'BlockBlob') {
      artifact.zip = body;
      return this.send(res, req, 201, Buffer.alloc(0), { ...headers, 'x-ms-request-server-encrypted': 'true' });
    }
    if (method === 'GET' && artifact.zip) {
      return this.send(res, req, 200, artifact.zip, {
        ...headers,
        'content-type': 'application/zip',
        'content-length': String(artifact.zip.length),
        'content-disposition': `attachment; filename="${artifact.name}.zip"; filename*=UTF-8''${encodeURIComponent(artifact.name)}.zip`,
      });
    }
    return this.send(res, req, 404, Buffer.from('BlobNotFound'));
  }
}
