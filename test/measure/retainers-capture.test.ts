// captureRetainers inside a real process: a script leaks into four kinds of holder and asks who holds
// what each growing site allocated (test/fixtures/retainers/node-leaks.mjs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { NODE22, NODE24 } from '../runtimes.ts';
import type { RetainerCapture } from '../../src/measure/probe/retainers.ts';
import { retainersSchema } from '../../src/report/retainers-schema.ts';

const script = fileURLToPath(new URL('../fixtures/retainers/node-leaks.mjs', import.meta.url));
const lineOf = (text: string): number =>
  readFileSync(script, 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(text)) + 1;

function capture(...args: string[]): RetainerCapture {
  return captureWith(process.execPath, ...args);
}

function captureWith(node: string, ...args: string[]): RetainerCapture {
  const run = spawnSync(node, ['--import', 'tsx', '--expose-gc', script, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as RetainerCapture;
}

const render = (capture: RetainerCapture): string[][] => {
  assert.equal(capture.status, 'captured', 'reason' in capture ? capture.reason : '');
  return capture.status === 'captured'
    ? capture.sites.map((paths) => paths.map((p) => p.path.map((s) => `${s.name} (${s.kind})`).join(' > ')))
    : [];
};

// Each scenario in its own process, the way the probe runs one workload.
test('a module-level Map: `responses` (module-scope variable, file:line), then its entries', () => {
  const result = capture('map');
  const [paths] = render(result);
  assert.equal(paths?.[0], 'responses (module-scope variable) > [] (map entry)');
  assert.equal(result.status, 'captured');
  if (result.status !== 'captured') return;
  const [main] = result.sites[0]!;
  assert.deepEqual(main!.path[0], {
    name: 'responses',
    kind: 'module-scope variable',
    file: script,
    line: lineOf('const responses = new Map()'),
  });
  // 40 tracked iterations, each one entry: its key, value object, body string and array.
  assert.ok(main!.objects >= 40 * 3, `${main!.objects} objects`);
  assert.ok(main!.bytes >= 40 * 200, `${main!.bytes} bytes`);
  assert.equal(retainersSchema.safeParse(result.sites[0]).success, true);
});

test("an EventEmitter's listeners: `bus` > `_events` (listener list) > `data`", () => {
  const [paths] = render(capture('listener'));
  assert.equal(paths?.[0], 'bus (module-scope variable) > _events (listener list) > data (property) > [] (element)');
});

test('closures kept in an array: `handlers` > [], the site being the function that makes them', () => {
  const [paths] = render(capture('closure'));
  assert.equal(paths?.[0], 'handlers (module-scope variable) > [] (element)');
});

test('setInterval callbacks: the timer list', () => {
  const [paths] = render(capture('timer'));
  assert.equal(paths?.[0], 'timers (timer list)');
});

const ALL_FOUR = [
  'responses (module-scope variable) > [] (map entry)',
  'bus (module-scope variable) > _events (listener list) > data (property) > [] (element)',
  'handlers (module-scope variable) > [] (element)',
  'timers (timer list)',
];

test('all four in one process: each site gets its own holder, none steals another site’s objects', () => {
  const heads = render(capture('map', 'listener', 'closure', 'timer')).map((paths) => paths[0]);
  assert.deepEqual(heads, ALL_FOUR);
});

// V8's allocation traces differ between versions (Node 24 keeps almost none): the holders must not.
for (const [label, node] of [
  ['Node 22', NODE22],
  ['Node 24', NODE24],
] as const) {
  test(`all four on ${label}`, { skip: !existsSync(node) && `${node} not installed` }, () => {
    const heads = render(captureWith(node, 'map', 'listener', 'closure', 'timer')).map((paths) => paths[0]);
    assert.deepEqual(heads, ALL_FOUR);
  });
}

test('growth into an array’s spare room: iterations go on until the heap has grown, then the store is new', () => {
  // Two iterations add 4 KiB of doubles, inside the store's spare room; with the measured rate given, the
  // capture keeps iterating until the heap grows by half of it (the store reallocated), up to 20 × 2.
  const result = capture('doubles', '--iterations=2', '--growth=2048');
  const [paths] = render(result);
  assert.equal(paths?.[0], 'samples (module-scope variable) > [] (element)');
});

test('a heap over the limit is skipped, with the reason', () => {
  const result = capture('map', '--heap-limit=1024');
  assert.equal(result.status, 'skipped');
  assert.match('reason' in result ? result.reason : '', /over the 0 MiB limit/);
});
