/**
 * Runs one probe process (Node or Python) and turns whatever happened into a `MeasureOutcome`.
 *
 * The probe reports through files in a private temp dir (see protocol.ts); the workload's stdout and
 * stderr are drained (and kept as a short tail for diagnostics) so they can never block or corrupt
 * anything. Workload problems never throw: they come back as `{ ok: false, error }`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  MeasureOutcome,
  MemoryFigures,
  ProbeResult,
  ProbeRetainers,
  RuntimeName,
  WorkloadError,
} from '../analysis/model.ts';
import { workloadEnv } from './workload-env.ts';
import { formatBytes } from '../analysis/format-bytes.ts';
import {
  describePhase,
  ENV_CONFIG,
  ENV_EVENTS,
  ENV_RESULT,
  PASS_PHASE,
  RETAINERS_SUFFIX,
  type ProbeConfig,
  type ProbeEvent,
  type ProbePhase,
} from './protocol.ts';

export interface RunProbeOptions {
  command: string;
  args: string[];
  cwd: string;
  config: ProbeConfig;
  timeoutSeconds: number;
  /** The runtime named in messages (its descriptor's name, runtimes/). */
  runtimeLabel: RuntimeName;
  /** Extra environment for the child (on top of ours). */
  env?: Record<string, string>;
  onProgress?: (message: string) => void;
  /** Copy the workload's stdout and stderr to our stderr as they come (default: only keep a tail). */
  echoOutput?: boolean;
}

/**
 * A probe shipped in dist/probe/ (e.g. 'node-probe.mjs'), found by walking up from this file to
 * memgate's package root: works from the bundles in dist/ and from the sources under tsx alike.
 */
export function locateProbe(fileName: string): string | null {
  // Beside the bundle first (dist/cli.js, dist/index.js, dist/chunks/*.js): a dist-only release has no
  // package.json. Not from the sources: src/measure/probe/ holds the probes' sources, not what ships.
  const fromBundle = !import.meta.url.endsWith('.ts');
  for (const near of fromBundle ? [`./probe/${fileName}`, `../probe/${fileName}`] : []) {
    const probe = fileURLToPath(new URL(near, import.meta.url));
    if (existsSync(probe)) return probe;
  }
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'memgate') {
          const probe = join(dir, 'dist', 'probe', fileName);
          return existsSync(probe) ? probe : null;
        }
      } catch {
        // Not ours; keep walking.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Bytes of the workload's output kept for error messages. */
const TAIL_BYTES = 16 * 1024;
const POLL_MS = 200;
const PROGRESS_EVERY_MS = 1000;

class Tail {
  private chunks: Buffer[] = [];
  private size = 0;
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size - (this.chunks[0]?.length ?? 0) >= TAIL_BYTES) this.size -= this.chunks.shift()!.length;
  }
  text(): string {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - TAIL_BYTES)).toString('utf8');
  }
}

/** Follows the events file as the probe appends to it. */
class EventReader {
  private offset = 0;
  private partial = '';
  readonly events: ProbeEvent[] = [];
  constructor(
    private readonly path: string,
    private readonly onEvent: (event: ProbeEvent) => void,
  ) {}

  async poll(): Promise<void> {
    const handle = await open(this.path, 'r').catch(() => null);
    if (!handle) return;
    try {
      for (;;) {
        const buffer = Buffer.alloc(64 * 1024);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.offset);
        if (bytesRead === 0) break;
        this.offset += bytesRead;
        const lines = (this.partial + buffer.subarray(0, bytesRead).toString('utf8')).split('\n');
        this.partial = lines.pop() ?? '';
        for (const line of lines) this.parse(line);
      }
    } finally {
      await handle.close();
    }
  }

  private parse(line: string): void {
    if (line.trim() === '') return;
    try {
      const event = JSON.parse(line) as ProbeEvent;
      this.events.push(event);
      this.onEvent(event);
    } catch {
      // A line cut short by a crash: nothing to learn from it.
    }
  }
}

const PHASE_LABEL: Record<ProbePhase, string> = {
  load: 'loading the workload',
  setup: 'setup',
  pass1: 'pass 1 (warm-up)',
  baseline: 'baseline: forced GC, snapshot',
  pass2: 'pass 2 (measured)',
  after: 'end of pass 2: forced GC, snapshot',
  confirm: 'confirming: more iterations, to tell a leak from a warm-up tail',
  retainers: 'finding who holds the growth (retainer paths)',
  teardown: 'teardown',
};

const where = (phase: string | undefined, iteration: number | undefined, of?: number): string =>
  `${describePhase(phase)}${iteration !== undefined ? `, iteration ${iteration}${of ? ` of ${of}` : ''}` : ''}`;

/** The units the reports use (MiB), so a message and the figures beside it agree. */
const mb = (bytes: number): string => formatBytes(bytes);

const OOM_PATTERN =
  /heap out of memory|Reached heap limit|Allocation failed - |FATAL ERROR: .*(?:Allocation|heap)|MemoryError/i;

export async function runProbe(options: RunProbeOptions): Promise<MeasureOutcome> {
  // spawn() reports a missing cwd as ENOENT, which would read as a missing interpreter.
  if (!existsSync(options.cwd))
    return failure({ kind: 'runtime', message: `the working directory ${options.cwd} does not exist` });
  const dir = await mkdtemp(join(tmpdir(), 'memgate-'));
  try {
    return await runIn(dir, options);
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}

async function runIn(dir: string, options: RunProbeOptions): Promise<MeasureOutcome> {
  const eventsPath = join(dir, 'events.ndjson');
  const resultPath = join(dir, 'result.json');
  await writeFile(eventsPath, '');

  // What the probe last told us: for timeouts, OOMs and progress lines.
  let last: Last = {};
  let lastProgressAt = 0;
  let previousPhase: ProbePhase | undefined;
  const progress = options.onProgress;
  const reader = new EventReader(eventsPath, (event) => {
    // The retainer capture has a time limit of its own (RETAINER_GRACE_S: its snapshot cannot be interrupted).
    if (event.event === 'phase' && event.phase === 'retainers' && options.config.retainers)
      arm(options.config.retainers.timeoutSeconds + RETAINER_GRACE_S);
    if (event.event === 'phase') {
      const inPass = event.phase === 'pass1' || event.phase === 'pass2' || event.phase === 'confirm';
      last = { phase: event.phase, memory: event.memory, ...(inPass ? { completed: 0 } : {}) };
      // The pending-promise check runs in the confirm phase too: one line for both.
      if (event.phase !== previousPhase) progress?.(PHASE_LABEL[event.phase]);
      previousPhase = event.phase;
    } else if (event.event === 'progress') {
      last = { phase: PASS_PHASE[event.pass], completed: event.iteration, of: event.of, memory: event.memory };
      const now = Date.now();
      if (progress && (now - lastProgressAt >= PROGRESS_EVERY_MS || event.iteration === event.of)) {
        lastProgressAt = now;
        progress(`${describePhase(PASS_PHASE[event.pass])}: iteration ${event.iteration}/${event.of}`);
      }
    }
  });

  const env: NodeJS.ProcessEnv = {
    ...workloadEnv(process.env),
    ...options.env,
    [ENV_CONFIG]: JSON.stringify(options.config),
    [ENV_EVENTS]: eventsPath,
    [ENV_RESULT]: resultPath,
  };
  // Set when memgate itself runs under `node --test`: it would change how a workload's node:test behaves.
  delete env.NODE_TEST_CONTEXT;

  const stdout = new Tail();
  const stderr = new Tail();
  let timedOut = false;
  const child = spawn(options.command, options.args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk: Buffer) => {
    stdout.push(chunk);
    if (options.echoOutput) process.stderr.write(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr.push(chunk);
    if (options.echoOutput) process.stderr.write(chunk);
  });

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; spawnError?: Error }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, spawnError: error }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  function arm(seconds: number): void {
    if (ended) return; // events read after the exit must not start a timer
    clearTimeout(timer);
    timer = setTimeout(
      () => {
        timedOut = true;
        child.kill('SIGKILL');
      },
      Math.max(0.001, seconds) * 1000,
    );
  }
  arm(options.timeoutSeconds);
  let polling = Promise.resolve();
  const poller = setInterval(() => {
    polling = polling.then(() => reader.poll()).catch(() => {});
  }, POLL_MS);

  const { code, signal, spawnError } = await exited;
  ended = true;
  clearTimeout(timer);
  clearInterval(poller);
  // Output may still be in the pipes; a grandchild holding them open must not keep us waiting.
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  child.stdout.destroy();
  child.stderr.destroy();
  await polling;
  await reader.poll();

  if (spawnError) {
    const missing = (spawnError as NodeJS.ErrnoException).code === 'ENOENT';
    return failure({
      kind: 'runtime',
      message: missing
        ? `${options.runtimeLabel} not found: could not run "${options.command}" (is it installed and on PATH?)`
        : `could not start ${options.runtimeLabel} ("${options.command}"): ${spawnError.message}`,
    });
  }

  return classify({
    events: reader.events,
    last,
    code,
    signal,
    timedOut,
    timeoutSeconds: options.timeoutSeconds,
    stderr: stderr.text(),
    stdout: stdout.text(),
    resultPath,
    runtimeLabel: options.runtimeLabel,
    retainersTimeoutSeconds: options.config.retainers?.timeoutSeconds ?? 0,
  });
}

const failure = (error: WorkloadError): MeasureOutcome => ({ ok: false, error });

/** Seconds the runner waits past the capture's own time limit before it kills the process. */
const RETAINER_GRACE_S = 10;

async function readResult(path: string): Promise<MeasureOutcome> {
  try {
    const result = JSON.parse(await readFile(path, 'utf8')) as ProbeResult;
    if (!result?.baseline?.snapshot || !result?.after?.snapshot || !result.runtime)
      throw new Error('incomplete result');
    return { ok: true, result };
  } catch (error) {
    return failure({
      kind: 'probe',
      message: `memgate's probe wrote an unreadable result: ${(error as Error).message}`,
    });
  }
}

/** The probe's retainers file; what went wrong with it becomes the reason, never an error. */
export async function readRetainers(path: string): Promise<ProbeRetainers> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { status: 'failed', reason: 'the retainer capture wrote no result' };
  }
  try {
    const data = JSON.parse(text) as ProbeRetainers;
    if (
      !['captured', 'skipped', 'failed'].includes(data?.status) ||
      (data.status === 'captured' && !Array.isArray(data.sites))
    )
      throw new Error('not a retainer capture');
    return data;
  } catch (error) {
    return { status: 'failed', reason: `the retainer capture's result is unreadable: ${(error as Error).message}` };
  }
}

/** Why the process ended during the retainer capture, for the report's note. */
function captureFailure(end: Ending): string {
  if (end.timedOut)
    return `it took longer than its ${end.retainersTimeoutSeconds} s limit (the heap snapshot is the slow part; a smaller heap, or a lower retainers-max-heap, skips it)`;
  const error = end.events.find((e): e is Extract<ProbeEvent, { event: 'error' }> => e.event === 'error');
  if (error) return `${error.kind === 'threw' ? 'the workload threw' : error.kind}: ${error.message}`;
  if (OOM_PATTERN.test(end.stderr) || end.signal === 'SIGABRT' || end.code === 134 || end.signal === 'SIGKILL') {
    return `the process ran out of memory or was killed${end.signal ? ` (${end.signal})` : ''}: the capture needs several times the heap (a lower retainers-max-heap skips it)`;
  }
  return `the process ended during it (${end.signal ? `signal ${end.signal}` : `exit code ${end.code}`})`;
}

/** The probe's last word: its phase and, inside a pass, how many iterations had completed. */
interface Last {
  phase?: ProbePhase;
  completed?: number;
  of?: number;
  memory?: MemoryFigures;
}

/** Where a failure without its own event happened: the iteration after the last completed one. */
function lastPosition(last: Last): { phase?: ProbePhase; iteration?: number; text: string } {
  if (last.completed === undefined)
    return { ...(last.phase ? { phase: last.phase } : {}), text: describePhase(last.phase) };
  if (last.of !== undefined && last.completed >= last.of)
    return { phase: last.phase!, text: `${describePhase(last.phase)}, after its last iteration` };
  const iteration = last.completed + 1;
  return { phase: last.phase!, iteration, text: where(last.phase, iteration, last.of) };
}

interface Ending {
  events: ProbeEvent[];
  last: Last;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  timeoutSeconds: number;
  stderr: string;
  stdout: string;
  resultPath: string;
  runtimeLabel: RuntimeName;
  retainersTimeoutSeconds: number;
}

const tailOf = (text: string, lines = 20): string => text.trimEnd().split('\n').slice(-lines).join('\n');

/** The order of these checks is the classification. */
async function classify(end: Ending): Promise<MeasureOutcome> {
  const { last } = end;
  // Whatever ended the retainer capture, the result was written before it: the measurement stands.
  if (
    last.phase === 'retainers' &&
    !(end.code === 0 && end.events.some((e) => e.event === 'done')) &&
    existsSync(end.resultPath)
  ) {
    const outcome = await readResult(end.resultPath);
    if (outcome.ok) {
      const pending = outcome.result.rowsPending === true;
      delete outcome.result.rowsPending;
      const reason = captureFailure(end);
      outcome.result.retainers = {
        status: 'failed',
        reason: pending ? `${reason}; it ended before the growing lines were written, so there are no rows` : reason,
      };
    }
    return outcome;
  }
  const lastMemory = last.memory ? { lastMemory: last.memory } : {};
  const position = lastPosition(last);
  const at = {
    ...(position.phase ? { phase: position.phase } : {}),
    ...(position.iteration !== undefined ? { iteration: position.iteration } : {}),
  };

  if (end.timedOut) {
    return failure({
      kind: 'timeout',
      // The last memory seen is reported beside the message (lastMemory): not repeated in it.
      message: `timed out after ${end.timeoutSeconds} s during ${position.text}`,
      ...at,
      ...lastMemory,
    });
  }

  const error = end.events.find((e): e is Extract<ProbeEvent, { event: 'error' }> => e.event === 'error');
  if (error) {
    // Figures taken at the failure itself beat the last progress event's.
    const atFailure = error.memory ? { lastMemory: error.memory } : lastMemory;
    const lastMemoryFor = error.kind === 'oom' || error.kind === 'timeout' ? atFailure : {};
    return failure({
      kind: error.kind,
      message: error.message,
      ...(error.stack ? { stack: error.stack } : {}),
      phase: error.phase,
      ...(error.iteration !== undefined ? { iteration: error.iteration } : {}),
      ...lastMemoryFor,
    });
  }

  const exit = end.events.find((e): e is Extract<ProbeEvent, { event: 'exit' }> => e.event === 'exit');
  if (exit) {
    return failure({
      kind: 'exit',
      message: `the workload ended the process itself (exit code ${exit.code}) during ${where(exit.phase, exit.iteration)}`,
      phase: exit.phase,
      ...(exit.iteration !== undefined ? { iteration: exit.iteration } : {}),
    });
  }

  if (OOM_PATTERN.test(end.stderr) || end.signal === 'SIGABRT' || end.code === 134) {
    const detail = end.stderr.match(/(?:FATAL ERROR|Fatal JavaScript|MemoryError)[^\n]*/)?.[0];
    return failure({
      kind: 'oom',
      message: `the workload ran out of memory during ${position.text}${detail ? ` (${detail.trim()})` : ''}${last.memory ? `; last heap used ${mb(last.memory.heapUsed)}, RSS ${mb(last.memory.rss)}` : ''}`,
      ...at,
      ...lastMemory,
    });
  }

  if (end.signal === 'SIGKILL') {
    return failure({
      kind: 'oom',
      message: `the workload process was killed (SIGKILL, not sent by memgate) during ${position.text}: most likely the operating system ran out of memory${last.memory ? `; last RSS ${mb(last.memory.rss)}` : ''}`,
      ...at,
      ...lastMemory,
    });
  }

  if (end.signal) {
    return failure({
      kind: 'exit',
      message: `the workload process was terminated by ${end.signal} during ${position.text}`,
      ...at,
    });
  }

  const done = end.events.some((e) => e.event === 'done');
  if (done && end.code === 0 && existsSync(end.resultPath)) {
    const outcome = await readResult(end.resultPath);
    if (outcome.ok) {
      const captured = end.events.some((e) => e.event === 'phase' && e.phase === 'retainers');
      const retainers = captured ? await readRetainers(`${end.resultPath}${RETAINERS_SUFFIX}`) : undefined;
      if (retainers) outcome.result.retainers = retainers;
    }
    return outcome;
  }

  const output = tailOf(end.stderr) || tailOf(end.stdout);
  if (end.events.length === 0) {
    // The probe never got going: a bad interpreter flag, a loader that failed, an old runtime.
    return failure({
      kind: 'runtime',
      message: `${end.runtimeLabel} exited (code ${end.code}) before memgate's probe could start${output ? `:\n${output}` : ''}`,
    });
  }
  return failure({
    kind: 'probe',
    message: `memgate's probe ended without a result (exit code ${end.code}) during ${position.text}; this is a bug in memgate${output ? `. Output:\n${output}` : ''}`,
    ...at,
  });
}
