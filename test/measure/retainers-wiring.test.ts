/**
 * Who holds the leak, end to end (issue 14): runPipeline on real workloads → probe capture → runner → report
 * rows → text and Markdown. Needs `npm run build` first (the probes run from dist/probe/).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { runPipeline } from '../../src/pipeline.ts';
import { readRetainers } from '../../src/measure/runner.ts';
import { renderText } from '../../src/report/text.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { parseReport, type WorkloadReport } from '../../src/report/schema.ts';
import { pipelineOptions } from '../pipeline-options.ts';
import { tempDir } from '../temp-dir.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string): string => `test/fixtures/retainers/${name}`;
const lineOf = (file: string, text: string): number =>
  readFileSync(join(root, file), 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(text)) + 1;

async function measure(file: string, overrides: Parameters<typeof pipelineOptions>[2] = {}): Promise<WorkloadReport> {
  const { report } = await runPipeline(pipelineOptions([file], root, overrides));
  parseReport(JSON.parse(JSON.stringify(report))); // the report with retainers is a valid memgate.report/v1
  return report.workloads[0]!;
}

const shown = (w: WorkloadReport, row = 0): string[] =>
  (w.top[row]?.retainers ?? []).map((p) => p.path.map((s) => `${s.name} (${s.kind})`).join(' > '));

describe('retainer paths, Node', () => {
  test('a Map at module scope: the leaking row is held by `responses` (file:line), then its entries', async () => {
    const file = fixture('map-leak.mjs');
    const w = await measure(file);
    assert.equal(w.verdict.status, 'fail');
    assert.equal(w.retainers?.status, 'captured', w.retainers?.reason);
    const row = w.top.findIndex((t) => t.function === 'cacheResponse');
    assert.ok(row >= 0, JSON.stringify(w.top.map((t) => t.key)));
    assert.equal(shown(w, row)[0], 'responses (module-scope variable) > [] (map entry)');
    assert.deepEqual(w.top[row]!.retainers![0]!.path[0], {
      name: 'responses',
      kind: 'module-scope variable',
      file,
      line: lineOf(file, 'const responses = new Map()'),
    });
    assert.ok(w.top[row]!.retainers![0]!.objects > 0);

    const report = {
      schema: 'memgate.report/v1' as const,
      tool: { name: 'memgate' as const, version: 't' },
      createdAt: '',
      settings: {
        iterations: null,
        groupBy: 'line' as const,
        top: 5,
        include: [],
        exclude: [],
        trials: 1,
        ceilings: { maxRetained: null, maxHeap: null, maxRss: null },
      },
      workloads: [w],
      verdict: w.verdict,
    };
    const text = renderText(report);
    assert.match(
      text,
      /held by responses \(module scope, test\/fixtures\/retainers\/map-leak\.mjs:2\)\s+→ \[\] \(Map entry\)/,
    );
    const markdown = renderMarkdown(report);
    assert.match(markdown, /\*\*Who holds it\*\*/);
    assert.match(
      markdown,
      /- \*\*\d\.\*\* held by responses \(module scope, test\/fixtures\/retainers\/map-leak\.mjs:2\) → \\\[\\\] \(Map entry\) · /,
    );
  });

  test('with trials, the paths come from the trial that captured them (later trials skip the capture)', async () => {
    const w = await measure(fixture('map-leak.mjs'), { trials: 2 });
    assert.equal(w.trials, 2);
    assert.equal(w.retainers?.status, 'captured', w.retainers?.reason);
    assert.equal(shown(w)[0], 'responses (module-scope variable) > [] (map entry)');
  });

  test('a clean workload gets no capture at all, and says why', async () => {
    const w = await measure('test/fixtures/node/clean.mjs');
    assert.equal(w.verdict.status, 'pass');
    assert.ok(w.top.every((t) => t.retainers === undefined));
    assert.equal(w.retainers?.status, 'skipped');
    assert.match(w.retainers?.reason ?? '', /not needed: the workload did not leak/);
  });

  test('a heap over retainers-max-heap is skipped with the reason; the verdict stands', async () => {
    const w = await measure(fixture('map-leak.mjs'), { retainersMaxHeap: 1024 });
    assert.equal(w.verdict.status, 'fail');
    assert.deepEqual(w.retainers?.status, 'skipped');
    assert.match(w.retainers?.reason ?? '', /over the 0 MiB limit for a heap snapshot/);
    assert.ok(w.top.every((t) => t.retainers === undefined));
  });

  test('retainers-max-heap 0 turns the capture off', async () => {
    const w = await measure(fixture('map-leak.mjs'), { retainersMaxHeap: 0 });
    assert.equal(w.verdict.status, 'fail');
    assert.deepEqual(w.retainers, { status: 'skipped', reason: 'turned off (retainers-max-heap 0)' });
  });

  test('a process killed during the capture keeps its measurement and verdict; the section says what happened', async () => {
    const w = await measure(fixture('dies-in-capture.mjs'));
    assert.equal(w.error, undefined, JSON.stringify(w.error));
    assert.equal(w.verdict.status, 'fail');
    assert.equal(w.top[0]?.function, 'cacheResponse');
    assert.equal(w.retainers?.status, 'failed');
    assert.match(w.retainers?.reason ?? '', /ran out of memory/);
  });

  test('teardown still runs, after the capture (whose extra iterations need the workload set up)', async () => {
    const marker = join(tempDir('memgate-retainers-'), 'teardown.txt');
    process.env.MEMGATE_TEST_MARKER = marker;
    try {
      const w = await measure(fixture('teardown-marker.mjs'));
      assert.equal(w.retainers?.status, 'captured', w.retainers?.reason);
      assert.equal(shown(w)[0], 'kept (module-scope variable) > [] (element)');
      // 50 + 50 measured, the confirmation's, and the capture's own ten.
      const entries = Number(/with (\d+) entries/.exec(readFileSync(marker, 'utf8'))?.[1]);
      assert.ok(entries >= 110, `${entries}`);
    } finally {
      delete process.env.MEMGATE_TEST_MARKER;
    }
  });
});

describe('retainer paths, Python', () => {
  test('a module-level dict: the growing line is held by `sessions`, then its entries', async () => {
    const file = fixture('python_dict_leak.py');
    const w = await measure(file);
    assert.equal(w.verdict.status, 'fail');
    assert.equal(w.retainers?.status, 'captured', w.retainers?.reason);
    const row = w.top.findIndex((t) => t.line === lineOf(file, 'sessions[n] = {'));
    assert.ok(row >= 0, JSON.stringify(w.top.map((t) => t.key)));
    assert.equal(shown(w, row)[0], 'sessions (module-scope variable) > [] (map entry)');
    assert.deepEqual(w.top[row]!.retainers![0]!.path[0], {
      name: 'sessions',
      kind: 'module-scope variable',
      file,
      line: lineOf(file, 'sessions = {}'),
    });
  });

  test("a leak the interpreter holds (atexit's callbacks) fails at its line, and the section says no path reached it", async () => {
    const file = fixture('python_atexit_leak.py');
    const w = await measure(file);
    assert.equal(w.verdict.status, 'fail');
    assert.equal(w.top[0]?.line, lineOf(file, 'bytearray(2048)'));
    assert.equal(w.retainers?.status, 'captured');
    assert.ok(w.top.every((t) => t.retainers === undefined));
    assert.match(w.retainers?.reason ?? '', /no path from a root .* by the runtime itself/);
  });

  test('a clean workload: no walk', async () => {
    const w = await measure('test/fixtures/python/lru_fixed.py');
    assert.equal(w.verdict.status, 'pass');
    assert.equal(w.retainers?.status, 'skipped');
    assert.ok(w.top.every((t) => t.retainers === undefined));
  });

  test('a process killed during the walk keeps its measurement and verdict', async () => {
    const w = await measure(fixture('python_dies_in_walk.py'));
    assert.equal(w.error, undefined, JSON.stringify(w.error));
    assert.equal(w.verdict.status, 'fail');
    assert.equal(w.retainers?.status, 'failed');
    assert.match(w.retainers?.reason ?? '', /ran out of memory/);
  });

  test('a process killed before the diff (reading the tracebacks) keeps the verdict, from the result written first', async () => {
    const w = await measure(fixture('python_dies_reading_tracebacks.py'));
    assert.equal(w.error, undefined, JSON.stringify(w.error));
    assert.equal(w.verdict.status, 'fail');
    assert.ok(w.retained.total > 50 * 1024, `${w.retained.total}`);
    assert.deepEqual(w.top, [], 'killed before the diff: the result has no rows yet');
    assert.equal(w.retainers?.status, 'failed');
    assert.match(
      w.retainers?.reason ?? '',
      /ran out of memory.*before the growing lines were written, so there are no rows/,
    );
  });

  test('over retainers-max-heap nothing is read: the same workload is not killed, and its rows are there', async () => {
    const file = fixture('python_dies_reading_tracebacks.py');
    const w = await measure(file, { retainersMaxHeap: 1024 });
    assert.equal(w.error, undefined, JSON.stringify(w.error));
    assert.equal(w.verdict.status, 'fail');
    assert.equal(w.retainers?.status, 'skipped', w.retainers?.reason);
    assert.match(w.retainers?.reason ?? '', /retainers-max-heap/);
    assert.ok(
      w.top.some((t) => t.line === lineOf(file, "entries.append(['p'")),
      JSON.stringify(w.top.map((t) => t.key)),
    );
  });

  test('the guard applies to the traced heap', async () => {
    const w = await measure(fixture('python_dict_leak.py'), { retainersMaxHeap: 1024 });
    assert.equal(w.verdict.status, 'fail');
    assert.equal(w.retainers?.status, 'skipped');
    assert.match(w.retainers?.reason ?? '', /over the 0 MiB limit for the retainer walk \(retainers-max-heap\)/);
  });
});

describe("the runner reads the capture's file", () => {
  const dir = tempDir('memgate-retainers-file-');
  test('missing or not JSON: a failed capture with the reason, never an error', async () => {
    const path = join(dir, 'result.json.retainers.json');
    rmSync(path, { force: true });
    assert.deepEqual(await readRetainers(path), { status: 'failed', reason: 'the retainer capture wrote no result' });
    writeFileSync(path, '{"status": "capt');
    const bad = await readRetainers(path);
    assert.equal(bad.status, 'failed');
    assert.match(bad.reason ?? '', /unreadable/);
    writeFileSync(path, JSON.stringify({ status: 'captured', sites: [] }));
    assert.deepEqual(await readRetainers(path), { status: 'captured', sites: [] });
    assert.ok(existsSync(path));
  });
});
