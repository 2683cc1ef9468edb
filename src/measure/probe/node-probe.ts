/**
 * The Node probe: runs inside the workload's own process (bundled to dist/probe/node-probe.mjs and
 * started by runner.ts with the user's `node`). It imports only node:* builtins; the optional
 * v8-profiler-next backend is loaded at run time.
 *
 * setup → pass 1 → GC → baseline → pass 2 (with GC'd checkpoints) → GC → after → teardown → exit.
 *
 * It talks to the runner only through the protocol files (see ../protocol.ts): nothing the workload
 * prints can corrupt a measurement, and the events survive a crash, an OOM abort or a SIGKILL.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { Session } from 'node:inspector';
import { findSourceMap, type SourceMap } from 'node:module';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { getHeapCodeStatistics, getHeapSpaceStatistics, promiseHooks, setFlagsFromString } from 'node:v8';
import {
  agreedForNext,
  bigHeapFirstLength,
  confirmationPlan,
  decidedEarly,
  intervalRates,
  judgeSegment,
  rateOf,
  ratePoint,
  type RatePoint,
} from '../../analysis/leak-rate.ts';
import { GROWTH_FLOOR } from '../../analysis/noise.ts';
import { readWorkloadCeilings, type OwnCeilings } from '../../analysis/workload-options.ts';
import type {
  Frame,
  MemoryFigures,
  ProbeConfirmation,
  ProbeResult,
  SeriesPoint,
  Snapshot,
  WorkloadErrorKind,
} from '../../analysis/model.ts';
import {
  describePhase,
  ENV_CONFIG,
  ENV_EVENTS,
  ENV_RESULT,
  PASS_PHASE,
  type ConfirmConfig,
  type PassNumber,
  type ProbeConfig,
  type ProbeEvent,
  type ProbePhase,
} from '../protocol.ts';
import { Collector, minorGc, nextTurn } from './collector.ts';
import { InspectorSampler } from './samplers/inspector.ts';
import { toPath } from './samplers/profile-tree.ts';
import { SamplerUnavailableError, type Sampler } from './samplers/types.ts';
import { retainersStep } from './retainers-step.ts';
import { V8ProfilerNextSampler } from './samplers/v8-profiler-next.ts';

const startedAt = performance.now();
const realExit: (code?: number | string | null) => never = process.exit.bind(process);

const configText = process.env[ENV_CONFIG];
const eventsPath = process.env[ENV_EVENTS];
const resultPath = process.env[ENV_RESULT];
if (!configText || !eventsPath || !resultPath) {
  process.stderr.write(
    'memgate probe: started without MEMGATE_CONFIG/MEMGATE_EVENTS/MEMGATE_RESULT; it is run by memgate, not by hand.\n',
  );
  realExit(70);
}
// Hidden from the workload (and from any process it starts).
delete process.env[ENV_CONFIG];
delete process.env[ENV_EVENTS];
delete process.env[ENV_RESULT];

const config = JSON.parse(configText!) as ProbeConfig;
const eventsFd = openSync(eventsPath!, 'a');

/** One flushed line per event: a crash right after still leaves it on disk. */
function emit(event: ProbeEvent): void {
  writeSync(eventsFd, `${JSON.stringify(event)}\n`);
}

let phase: ProbePhase = 'load';
let iteration: number | undefined;
/** Once an error or exit has been recorded, nothing else is. */
let settled = false;
let peakRss = 0;

/**
 * This process's peak RSS: Linux's VmHWM, else ru_maxrss. Not ru_maxrss where VmHWM is to be had: Linux carries into
 * it what the parent's forked copy held before exec, so a process spawned by a large one reads high
 * (bench/rss-inheritance.mjs: spawned by a Node process of 0.9–1.4 GiB, python3 -c "" read 67–135 MiB of ru_maxrss,
 * 13 MiB of VmHWM).
 */
function highWaterRss(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // No /proc (macOS, Windows): ru_maxrss, below.
  }
  return process.resourceUsage().maxRSS * 1024;
}

function memory(): MemoryFigures {
  const { heapUsed, heapTotal, external, arrayBuffers, rss } = process.memoryUsage();
  if (rss > peakRss) peakRss = rss;
  return { heapUsed, heapTotal, external, arrayBuffers, rss };
}

/**
 * Whether codeSize reads the space statistics alone: on V8 12+ (Node 22), whose trusted spaces hold code's metadata,
 * and on a big heap (main(): over the checkpoint limit), where walking the heap would cost each reading ~40% more.
 */
let codeFromSpaces = getHeapSpaceStatistics().some((space) => space.space_name.includes('trusted'));

/**
 * V8's compiled code in the heap and its metadata, bytes (SeriesPoint.code, which the leak-rate rule leaves out). On
 * V8 12+ the code and trusted spaces hold it (instructions, deoptimization data, relocation info, source positions,
 * and bytecode), read from the space statistics in ~0.1 ms. Before (Node 20) the metadata lives in the old space
 * among the rest: v8.getHeapCodeStatistics() sums it by walking the heap (11 ms at 45 MiB, 47 ms at 168 MiB: a third to
 * two fifths of a full GC; bench/code-growth.mjs cost), where the code space alone held 40% of the axios tail
 * (bench/scenarios/node/clean-svc-axios.mjs).
 */
function codeSize(): number {
  if (!codeFromSpaces) return getHeapCodeStatistics().code_and_metadata_size;
  let size = 0;
  for (const space of getHeapSpaceStatistics()) {
    if (space.space_name.includes('code') || space.space_name.includes('trusted')) size += space.space_used_size;
  }
  return size;
}

/** A forced-GC reading of the heap, for the leak-rate rule; the code is read now unless given. */
function seriesPoint(iteration: number, heapUsed: number, external: number, code = codeSize()): SeriesPoint {
  return { iteration, heapUsed, external, code };
}

/** Records why the workload cannot be measured (once) and exits. A string is a message without a stack. */
function fail(kind: WorkloadErrorKind, error: unknown, at: ProbePhase = phase, iterationAt = iteration): never {
  if (!settled) {
    settled = true;
    const message =
      typeof error === 'string'
        ? error
        : error instanceof Error
          ? error.message || error.name
          : `non-error value thrown: ${describe(error)}`;
    const stack =
      error instanceof Error && typeof error.stack === 'string' ? withoutProbeFrames(error.stack) : undefined;
    emit({
      event: 'error',
      kind,
      phase: at,
      ...(iterationAt !== undefined ? { iteration: iterationAt } : {}),
      message,
      ...(stack ? { stack } : {}),
    });
  }
  realExit(1);
}

/** The workload's stack, without the probe's frames under it. */
function withoutProbeFrames(stack: string): string {
  const own = new URL('.', import.meta.url).href;
  return stack
    .split('\n')
    .filter((line) => !(/^\s+at /.test(line) && line.includes(own)))
    .join('\n');
}

function describe(value: unknown): string {
  try {
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
  } catch {
    return typeof value;
  }
}

// A workload that ends the process itself is reported as such, then really exits.
process.exit = ((code?: number | string | null) => {
  if (!settled) {
    settled = true;
    const numeric = Number(code ?? process.exitCode ?? 0);
    emit({
      event: 'exit',
      code: Number.isFinite(numeric) ? numeric : 1,
      phase,
      ...(iteration !== undefined ? { iteration } : {}),
    });
  }
  realExit(code);
}) as typeof process.exit;

const onAsyncError = (error: unknown): void => fail(phase === 'load' ? 'load' : 'threw', error);
process.on('uncaughtException', onAsyncError);
process.on('unhandledRejection', onAsyncError);
// The event loop emptied while we were still waiting on the workload: a promise that never settles.
// It is a hang like any other (kind 'timeout'), only one that can be named at once instead of after
// the timeout, since nothing is left that could ever settle it.
process.on('exit', () => {
  if (settled) return;
  settled = true;
  const where = iteration !== undefined ? `${describePhase(phase)}, iteration ${iteration}` : describePhase(phase);
  emit({
    event: 'error',
    kind: 'timeout',
    phase,
    ...(iteration !== undefined ? { iteration } : {}),
    message: `${where} never finished: it returned a promise that never settles (nothing was left for the event loop to do, so no timeout was needed to tell)`,
  });
});

// ---------------------------------------------------------------------------------------------
// The workload module

type Callable = { fn: (...args: unknown[]) => unknown; self: unknown };
interface Workload {
  run: Callable;
  setup?: Callable;
  teardown?: Callable;
  iterations?: number;
  /** Ceilings from the workload's own options (workload-options.ts). */
  ceilings: OwnCeilings;
}

const isFunction = (value: unknown): value is (...args: unknown[]) => unknown => typeof value === 'function';
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** ESM exports, or CommonJS `module.exports = fn` / `{ run, setup, ... }` (which import() puts on `default`). */
function resolveWorkload(ns: Record<string, unknown>): Workload | string {
  const def = ns.default;
  // A CommonJS object export, or an ESM default object; `exports.default = fn` (compiled TS) too.
  const holder = isObject(def) && !isFunction(def) ? def : undefined;
  const pick = (name: string): Callable | undefined => {
    if (isFunction(ns[name])) return { fn: ns[name] as Callable['fn'], self: ns };
    if (holder && isFunction(holder[name])) return { fn: holder[name] as Callable['fn'], self: holder };
    return undefined;
  };
  const run = isFunction(def)
    ? { fn: def, self: undefined }
    : holder && isFunction(holder.default)
      ? { fn: holder.default as Callable['fn'], self: holder }
      : pick('run');
  if (!run) {
    const names = new Set<string>([
      ...Object.keys(ns).filter((k) => k !== 'default' && k !== '__esModule' && k !== 'module.exports'),
    ]);
    if (holder) for (const key of Object.keys(holder)) if (key !== '__esModule') names.add(key);
    const found = names.size > 0 ? `exports: ${[...names].join(', ')}` : 'no exports';
    const defaultNote =
      def !== undefined && !holder
        ? `; the default export is a ${def === null ? 'null' : typeof def}, not a function`
        : '';
    return `${found}${defaultNote}; expected a default export or \`run\` function (one iteration)`;
  }
  const options = isObject(ns.options) ? ns.options : holder && isObject(holder.options) ? holder.options : undefined;
  const iterations = options?.iterations;
  // As for Python: a typo in the count is the user's mistake to hear about, not a silent default.
  if (iterations !== undefined && !(typeof iterations === 'number' && Number.isInteger(iterations) && iterations > 0)) {
    return `options.iterations must be a positive whole number, got ${JSON.stringify(iterations) ?? String(iterations)}`;
  }
  const own = readWorkloadCeilings(options);
  if ('error' in own) return `${config.workload}: ${own.error}`;
  return {
    ceilings: own.ceilings,
    run,
    setup: pick('setup'),
    teardown: pick('teardown'),
    iterations: iterations as number | undefined,
  };
}

/** Calls one workload function; true when it was asynchronous (returned a thenable, now settled). */
async function call(callable: Callable): Promise<boolean> {
  const value = callable.fn.call(callable.self);
  // Only thenables are awaited: a synchronous workload runs without a microtask turn per iteration.
  if (isObject(value) || isFunction(value)) {
    const then = (value as { then?: unknown }).then;
    if (isFunction(then)) {
      await (value as unknown as PromiseLike<unknown>);
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Measurement helpers

const collector = new Collector();
const rounds = Math.max(1, config.gcRounds);

/** `gcRounds` full GCs (see Collector.collect): where a reading must be settled and no profile read collects. */
const collect = (): Promise<void> => collector.collect(rounds);

/** Frames under the probe's directory are memgate's (the samplers are bundled into the probe file). */
const probeUrlPrefix = new URL('.', import.meta.url).href;

const sourceMaps = new Map<string, SourceMap | null>();

/**
 * V8 reports positions in the code it ran. When that code was generated (tsx, or a build with source
 * maps) and Node kept the map (source maps enabled), report the source position instead.
 */
function remap(frame: Frame): Frame {
  if (frame.line === 0 || frame.file === '' || frame.file.startsWith('node:')) return frame;
  // A dependency's frames are charged to the first caller in user code: its own map must not move it out of node_modules.
  if (/[\\/]node_modules[\\/]/.test(frame.file)) return frame;
  let map = sourceMaps.get(frame.file);
  if (map === undefined) {
    try {
      map = findSourceMap(frame.file) ?? findSourceMap(pathToFileURL(frame.file).href) ?? null;
    } catch {
      map = null;
    }
    sourceMaps.set(frame.file, map);
  }
  if (!map) return frame;
  const entry = map.findEntry(frame.line - 1, Math.max(0, frame.column - 1)) as Partial<{
    originalSource: string;
    originalLine: number;
    originalColumn: number;
  }>;
  if (!entry.originalSource || entry.originalLine === undefined || entry.originalColumn === undefined) return frame;
  return {
    functionName: frame.functionName,
    file: toPath(entry.originalSource),
    line: entry.originalLine + 1,
    column: entry.originalColumn + 1,
  };
}

function createSampler(): Sampler {
  const options = {
    samplingInterval: config.samplingInterval,
    stackDepth: config.stackDepth,
    probeUrlPrefixes: [probeUrlPrefix],
    workloadDir: dirname(config.workload),
    remap,
  };
  return config.profiler === 'v8-profiler-next' ? new V8ProfilerNextSampler(options) : new InspectorSampler(options);
}

/** Evenly spaced iteration numbers in (0, n), at most `count` of them. */
function checkpoints(n: number, count: number): number[] {
  const points = new Set<number>();
  for (let k = 1; k <= count; k++) {
    const at = Math.round((k * n) / (count + 1));
    if (at > 0 && at < n) points.add(at);
  }
  return [...points];
}

/** Progress events mark completed iterations: a handful per pass, plus any iteration slow enough to matter. */
const SLOW_ITERATION_MS = 10;
const PROGRESS_GAP_MS = 100;

/** The pass in progress and how many of its iterations completed, for the watchdog. */
let current: { pass: PassNumber; completed: number; of: number } | undefined;
let lastProgressAt = 0;

function progress(pass: PassNumber, completed: number, of: number): void {
  lastProgressAt = performance.now();
  if (current) current.completed = completed;
  emit({ event: 'progress', pass, iteration: completed, of, memory: memory() });
}

/**
 * Runs `n` iterations; `onCheckpoint` runs after each iteration listed in `stops` (1-based within this pass).
 * Returns the pass's own time, without the checkpoints (memgate's time, not the workload's).
 */
async function runPass(
  pass: PassNumber,
  workload: Workload,
  n: number,
  stops: ReadonlySet<number> = new Set(),
  /** Resolves true to end the pass there (a confirmation segment that has reached its decision). */
  onCheckpoint?: (at: number) => Promise<boolean | void>,
): Promise<number> {
  phase = PASS_PHASE[pass];
  emit({ event: 'phase', phase, memory: memory() });
  current = { pass, completed: 0, of: n };
  const progressEvery = Math.max(1, Math.ceil(n / 10));
  const t0 = performance.now();
  let spent = 0;
  for (let i = 1; i <= n; i++) {
    iteration = i;
    const started = performance.now();
    let async = false;
    try {
      async = await call(workload.run);
    } catch (error) {
      fail('threw', error);
    }
    const now = performance.now();
    const milestone = i % progressEvery === 0 || i === n;
    // An event-loop turn, as a real program would have: timers run, and a rejection this iteration
    // left unhandled is reported now, against this iteration (asynchronous workloads: every
    // iteration; synchronous ones: at each milestone, to keep their loop tight).
    if (async || milestone) await nextTurn();
    // So that an OOM or a crash names the iteration it happened in, slow iterations are all reported.
    if (milestone || now - started >= SLOW_ITERATION_MS || now - lastProgressAt >= PROGRESS_GAP_MS)
      progress(pass, i, n);
    if (onCheckpoint && stops.has(i)) {
      const c0 = performance.now();
      const stop = await onCheckpoint(i);
      spent += performance.now() - c0;
      if (stop === true) break;
    }
  }
  iteration = undefined;
  current = undefined;
  return performance.now() - t0 - spent;
}

/**
 * While an iteration waits on something that never comes, the event loop still turns: tell the
 * runner how far the pass got, so a timeout names the iteration. (A synchronous endless loop blocks
 * this too; the timeout then names the iteration after the last progress event.)
 */
function startWatchdog(): void {
  setInterval(() => {
    if (current && iteration !== undefined && iteration - 1 > current.completed)
      progress(current.pass, iteration - 1, current.of);
  }, 1000).unref();
}

// ---------------------------------------------------------------------------------------------

/** The confirmation's iterations alone, without its readings. */
let confirmPassMs = 0;

/**
 * Readings per confirmation segment on a big heap; a third follows where the two intervals disagree on the outcome,
 * and the median of three then ignores the step or spike. With two intervals the segment's rate (their median) is
 * the end-to-end rate between settled readings: the reading in the middle only tells whether one interval alone
 * would be judged otherwise, so it is a cheaper one (see `confirm`).
 */
const BIG_HEAP_READINGS = 2;

/**
 * A big heap's confirmation: two readings per segment (three where they disagree), and each segment's last reading
 * is a profile read (its own full GC the reading's last round, as for `after`), so the profile covers the
 * confirmation without one more collection at its end. The profile goes to `file`, off the heap the next readings
 * measure.
 */
interface BigHeapConfirm {
  read: () => Promise<{ value: unknown; heap: { used: number } | null }>;
  file: string;
  /** The measured pass's time per iteration: with a full collection's, it sets the first segment's length. */
  msPerIteration: number;
}

/**
 * The confirmation (analysis/leak-rate.ts): segments of doubling length after the measured pass, each read
 * at a few forced-GC checkpoints, until a segment settles (rate < R), holds (a leak), or the budget or the
 * segment count runs out. The analysis re-judges the readings; this loop only decides when to stop.
 * Every reading is settled, all GC rounds (see the loop). `start` is the measured pass's settled end when nothing
 * has been kept since; otherwise it is read here.
 */
async function confirm(
  settings: ConfirmConfig,
  workload: Workload,
  n: number,
  measured: readonly SeriesPoint[],
  start: SeriesPoint | null,
  bigHeap: BigHeapConfirm | null,
): Promise<ProbeConfirmation & { endRead: boolean }> {
  const t0 = performance.now();
  if (!start) {
    await collect();
    const { heapUsed, external } = memory();
    start = seriesPoint(n, heapUsed, external);
  }
  const readings: SeriesPoint[] = [start];
  /** Whether the last segment ended with a profile read (in bigHeap.file). */
  let endRead = false;
  const segmentEnds: number[] = [];
  let previous = rateOf(measured.map(ratePoint)).rate;
  let previousAgreed = false;
  const planned = confirmationPlan(n, settings.leakRate).firstLength;
  let length = bigHeap
    ? bigHeapFirstLength(planned, bigHeap.msPerIteration, collector.fullMs / Math.max(1, collector.full))
    : planned;
  let at = n;
  let stoppedBy: ProbeConfirmation['stoppedBy'] = 'segments';
  /** What the last segment cost per iteration, its readings included: it prices the next one. */
  let msPerIteration = 0;
  for (let segment = 0; segment < settings.maxSegments; segment++) {
    const elapsed = performance.now() - t0;
    if (segment > 0 && elapsed + length * msPerIteration > settings.budgetMs) {
      stoppedBy = 'budget';
      break;
    }
    const from = at;
    const perSegment = bigHeap ? Math.min(settings.readings, BIG_HEAP_READINGS) : settings.readings;
    const stops = new Set(Array.from({ length: perSegment }, (_, k) => Math.round(((k + 1) * length) / perSegment)));
    const s0 = performance.now();
    // Settled readings, every round (but a big heap's middle one, below): the rate is judged between them and the
    // settled after figure, and one round leaves what finalizers free pending (zlib's native buffers: +255 KiB at
    // every 1-round reading, a false leak of 5 KiB/iteration in bench/scenarios/node/clean-svc-zlib-stream.mjs). Nor
    // does a start one round short too cancel it out: what one round leaves is not the same from reading to reading
    // (external ±100 KiB, +337 KiB from the end of pass 2 to the first reading), and that scenario then failed 6 of
    // 8 runs with the big-heap path forced (2026-12-02).
    const reading =
      (base: number, last: number) =>
      async (i: number): Promise<void> => {
        if (bigHeap && i === last) {
          await collector.collect(Math.max(1, rounds - 1));
          await nextTurn();
          // Before the read, which compiles memgate's own code; its collection frees little code.
          const code = codeSize();
          const read = await bigHeap.read();
          if (read.heap) {
            writeFileSync(bigHeap.file, JSON.stringify(read.value));
            endRead = true;
            readings.push(seriesPoint(base + i, read.heap.used, memory().external, code));
            return;
          }
        }
        endRead = false;
        if (bigHeap && i !== last) {
          // The reading in the middle of a big heap's segment: one full collection, then a scavenge after a turn
          // (what finalizers let go in that turn, zlib's native buffers, is then accounted: exact on the zlib
          // scenario, where one full round alone read +255 KiB). What FinalizationRegistry callbacks drop from an
          // old-generation cache stays until the next full GC (1.5 MiB on clean-weakref-cache): such a bias moves
          // the two intervals in opposite directions, so it costs at most the third reading, never the rate.
          // 3 full collections per segment instead of 4: a leak then costs 7 in all against the plain run's 4.
          await collector.collect(1);
          await nextTurn();
          minorGc();
          const { heapUsed, external } = memory();
          readings.push(seriesPoint(base + i, heapUsed, external));
          return;
        }
        await collect();
        const { heapUsed, external } = memory();
        readings.push(seriesPoint(base + i, heapUsed, external));
      };
    const pointsFrom = (): RatePoint[] => readings.filter((p) => p.iteration >= from).map(ratePoint);
    const read = reading(from, length);
    const readAndDecide = async (i: number): Promise<boolean> => {
      await read(i);
      return (
        decidedEarly(intervalRates(pointsFrom()), perSegment, previous, settings.leakRate, previousAgreed) !== null
      );
    };
    confirmPassMs += await runPass(3, workload, length, stops, readAndDecide);
    // The segment ends at its last reading: its end, or where its decision was reached (decidedEarly).
    let to = readings[readings.length - 1]!.iteration;
    // Two intervals on a big heap: a third, half a segment more, only where one interval alone would be judged
    // otherwise than their median (a step or a spike in one of them), so that the median of three decides.
    if (bigHeap) {
      const outcome = (r: number): string => judgeSegment(r, previous, settings.leakRate, previousAgreed);
      const points = pointsFrom();
      const decided = outcome(rateOf(points).rate);
      if (intervalRates(points).some((r) => outcome(r) !== decided)) {
        const more = Math.round(length / 2);
        confirmPassMs += await runPass(3, workload, more, new Set([more]), reading(to, more));
        to += more;
      }
    }
    msPerIteration = (performance.now() - s0) / (to - from);
    at = to;
    segmentEnds.push(at);
    const points = pointsFrom();
    const rate = rateOf(points).rate;
    if (judgeSegment(rate, previous, settings.leakRate, previousAgreed) !== 'decays') {
      stoppedBy = null;
      break;
    }
    previousAgreed = agreedForNext(rate, previous, segment === 0);
    previous = rate;
    length *= 2;
  }
  return { readings, segmentEnds, stoppedBy, memory: memory(), endRead };
}

/** The pending-promise check's iterations: at most this many, and about this much of the workload's time. */
const PENDING_CHECK_ITERATIONS = 20;
const PENDING_CHECK_MS = 500;

/**
 * A `run()` that does not await its work (a request, a write) leaves promises in flight at every checkpoint, and
 * what they hold shows as growth pinned to `run`. For a workload that grew, after the measurement (so the hooks
 * cost the measured passes nothing): a few more iterations with V8's promise hooks watching, a few I/O turns, and
 * the promises created, not settled, and still reachable by then (leftPending).
 */
async function pendingPromises(
  workload: Workload,
  n: number,
  msPerIteration: number,
): Promise<{ count: number; iterations: number }> {
  const iterations = Math.max(
    1,
    Math.min(n, PENDING_CHECK_ITERATIONS, Math.floor(PENDING_CHECK_MS / Math.max(msPerIteration, 0.001))),
  );
  phase = 'confirm';
  emit({ event: 'phase', phase, memory: memory() });
  // The loop's own awaits leave a couple of promises unsettled whatever the workload does: counted on an empty
  // async function first, and taken off.
  const own = await leftPending({ fn: async () => {}, self: undefined }, iterations, Number.POSITIVE_INFINITY);
  const count = await leftPending(workload.run, iterations, own);
  return { count: Math.max(0, count - own), iterations };
}

/**
 * Promises created and not settled by `iterations` calls, a few I/O turns, and still reachable: a promise nothing
 * refers to any more (a library's race loser, an abandoned wait) never settles either, but it is not in flight.
 * Weak references and a collection tell them apart.
 */
async function leftPending(run: Callable, iterations: number, own: number): Promise<number> {
  const created: WeakRef<Promise<unknown>>[] = [];
  const settled = new WeakSet<Promise<unknown>>();
  const stops = [
    promiseHooks.onInit((promise) => void created.push(new WeakRef(promise))),
    promiseHooks.onSettled((promise) => void settled.add(promise)),
  ];
  const pending = (): number =>
    created.reduce((n, ref) => {
      const promise = ref.deref();
      return promise && !settled.has(promise) ? n + 1 : n;
    }, 0);
  try {
    for (let i = 1; i <= iterations; i++) {
      iteration = i;
      try {
        await call(run);
      } catch (error) {
        fail('threw', error);
      }
    }
    iteration = undefined;
    await nextTurn();
    // A server in the same process finishes its side of a request after the client's await has returned (Express
    // answered, then settles its own handlers): give what is in flight a few I/O turns, until the count stops
    // falling, before counting. A request left unawaited stays in flight far longer than this.
    const deadline = performance.now() + SETTLE_MS;
    for (let last = pending(), still = 0; still < 2 && performance.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, SETTLE_STEP_MS));
      const now = pending();
      still = now < last ? 0 : still + 1;
      last = now;
    }
  } finally {
    for (const stop of stops) stop();
  }
  // Weak references hold their targets until the job that made them ends: a turn first, then the scavenge. Abandoned
  // promises that were promoted (Express's, per request) go only in a full collection: one, and only when more are
  // left than the loop's own (`own`; a synchronous leak on a big heap pays none).
  await nextTurn();
  minorGc();
  if (pending() > own) await collector.collect(1);
  return pending();
}

/** How long the pending-promise check lets in-flight work settle, at most, and how often it looks. */
const SETTLE_MS = 250;
const SETTLE_STEP_MS = 10;

/**
 * V8 computes a script's line ends (its line offsets, kept on the heap from then on) the first time it needs a line
 * number in it, and a profile read needs them for every script in the profile. The after read was the first to meet
 * node's own fs, url, util and source-map scripts (memgate's own allocations, under them): 54 KiB of line ends came
 * after the after figure, +68 KiB on the confirmation's first interval (bench leak-array-growth, big-heap path). The
 * debugger computes them for every script loaded so far when it is enabled: enabled and disabled at once, before
 * setup(), while the heap is small (enabling it collects the whole heap). Without an inspector, nothing is done.
 */
async function computeLineEnds(): Promise<void> {
  findSourceMap(pathToFileURL(config.workload).href); // Loads node's source-map cache, which remap() uses.
  let session: Session;
  try {
    session = new Session();
    session.connect();
  } catch {
    return;
  }
  const post = (method: string): Promise<void> => new Promise((resolve) => session.post(method, () => resolve()));
  await post('Debugger.enable');
  await post('Debugger.disable');
  session.disconnect();
}

async function main(): Promise<void> {
  let sampler: Sampler;
  try {
    sampler = createSampler();
  } catch (error) {
    if (error instanceof SamplerUnavailableError) fail('runtime', error.message);
    throw error;
  }

  emit({ event: 'phase', phase: 'load', memory: memory() });
  let ns: Record<string, unknown>;
  try {
    ns = (await import(pathToFileURL(config.workload).href)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const url = (error as { url?: string }).url;
    const missingSelf =
      code === 'ERR_MODULE_NOT_FOUND' &&
      (url === pathToFileURL(config.workload).href || (error as Error).message.includes(`'${config.workload}'`));
    fail(missingSelf ? 'not-found' : 'load', withLocation(error));
  }
  const workload = resolveWorkload(ns);
  if (typeof workload === 'string') fail('no-export', workload);
  const n = config.iterations ?? workload.iterations ?? config.defaultIterations;
  // The workload's own max-retained replaces the leak rule for it, as the run's does; its ceilings also decide
  // whether the retainer step runs (over one, capture).
  if (typeof workload.ceilings.maxRetained === 'number') delete config.confirm;
  if (config.retainers) config.retainers.ceilings = { ...config.retainers.ceilings, ...workload.ceilings };

  await computeLineEnds();

  phase = 'setup';
  emit({ event: 'phase', phase, memory: memory() });
  const s0 = performance.now();
  if (workload.setup) {
    try {
      await call(workload.setup);
    } catch (error) {
      fail('threw', error);
    }
  }
  const setupMs = performance.now() - s0;
  // A big heap makes every checkpoint a full collection of all of it (~0.25 s at 150 MiB). With the confirmation
  // on, the checkpoints only give the measured pass's own rate, the first segment's reference, and baseline to
  // after gives that too: above the limit the passes take none (no rehearsal either: nothing in pass 2 to rehearse).
  const checkpointed = !config.confirm || memory().heapUsed <= config.confirm.checkpointHeapLimit;
  // V8 drops the bytecode of functions unused for a few full GCs. On a big heap nothing but memgate's readings
  // collects fully, so setup()'s code went during the confirmation: a 1.5 GiB heap's first interval read 100 KiB low,
  // and took a third reading (2 × 2 s) to outvote it.
  if (!checkpointed) setFlagsFromString('--no-flush-bytecode');
  if (!checkpointed) codeFromSpaces = true;
  // Nor does a big heap's automatic full GC mark incrementally from here on: objects allocated during incremental
  // marking are allocated marked, and survive the forced GC that finalizes it. A FinalizationRegistry cache then needed
  // three rounds, not two: bench/scenarios/node/clean-weakref-cache.mjs on a 150 MiB heap read its baseline 820 KiB
  // high in 3 of 7 runs (pass 1's entries, still in the Map), 0 of 7 with this (2026-12-02).
  if (!checkpointed) setFlagsFromString('--no-incremental-marking');

  await sampler.start();
  startWatchdog();
  // Pass 1 takes one GC'd checkpoint like pass 2's (and discards it), and the baseline's memory figure is
  // read after its snapshot: whatever memgate's own code keeps the first time it runs (compiled code,
  // inspector state, I/O buffers) is then in the baseline, not counted as the workload's growth. One
  // rehearsal, not one per checkpoint: on a big heap every forced GC costs (`npm run bench`, snapshot-heap-200mb),
  // and one already brings the clean scenarios' drift to the figures in bench/results/latest.md.
  // With the confirmation, the series only gives the measured pass's own rate, the median of its interval rates:
  // one full GC per checkpoint (what a second round frees, FinalizationRegistry cleanups of the interval, is
  // about the same at evenly spaced checkpoints). A minor GC is no cheaper reading: it left the series off by up
  // to 400 KiB (big-heap scenario, 50 MiB). Without the confirmation the series alone judges the growth's shape:
  // settled checkpoints, every round.
  const checkpointRounds = config.confirm ? 1 : rounds;
  const checkpoint = async (into: SeriesPoint[], at: number): Promise<void> => {
    await collector.collect(checkpointRounds);
    const { heapUsed, external } = memory();
    into.push(seriesPoint(at, heapUsed, external));
  };
  const rehearsal: SeriesPoint[] = [];
  const pass1Ms = await runPass(
    1,
    workload,
    n,
    new Set(checkpointed ? checkpoints(n, config.seriesPoints).slice(0, 1) : []),
    (at) => checkpoint(rehearsal, at),
  );

  phase = 'baseline';
  // A read that collects is the first round (after a turn: WeakRef targets of the last job may go).
  await (sampler.readCollects ? nextTurn() : collect());
  const base = await collector.read(() => sampler.baseline(), sampler.readCollects);
  // Whether the reads really collect (V8 could change it): the after reading relies on it.
  const readCollects = base.heap !== null;
  // Kept on disk until the end, so the baseline snapshot itself is not heap growth in `after`.
  const baselineFile = `${resultPath}.baseline.json`;
  writeFileSync(baselineFile, JSON.stringify(base.value));
  // The memory figure comes after the snapshot: what processing it left behind (code compiled for it,
  // inspector state) is memgate's, and must not show up as the workload's growth in pass 2. After a read that
  // collected, the rounds left (at least one: the read's own garbage, and what FinalizationRegistry callbacks let go).
  await collector.collect(readCollects ? Math.max(1, rounds - 1) : rounds);
  const baselineMemory = memory();
  emit({ event: 'phase', phase, memory: baselineMemory });

  const series: SeriesPoint[] = [seriesPoint(0, baselineMemory.heapUsed, baselineMemory.external)];
  const pass2Ms = await runPass(
    2,
    workload,
    n,
    new Set(checkpointed ? checkpoints(n, config.seriesPoints) : []),
    (at) => checkpoint(series, at),
  );

  phase = 'after';
  let afterMemory: MemoryFigures;
  let afterCode: number | undefined;
  let after: { snapshot: Snapshot; raw: unknown };
  if (readCollects) {
    // The read's own full GC is the last round and the heap is taken right after it, before the read allocates.
    // One forced round first (at least): only a forced GC accounts the ArrayBuffers it frees at once, and the
    // FinalizationRegistry callbacks it triggers run in the turn before the read's.
    await collector.collect(Math.max(1, rounds - 1));
    await nextTurn();
    afterCode = codeSize(); // Before the read, which compiles memgate's own code (as the big heap's readings).
    const read = await collector.read(() => sampler.after(), true);
    after = read.value;
    // No collection in this read after all (V8 changed its mind between reads): a forced one, the snapshot counted.
    if (!read.heap) {
      await collect();
      afterCode = codeSize();
    }
    afterMemory = read.heap ? { ...memory(), heapUsed: read.heap.used, heapTotal: read.heap.total } : memory();
  } else {
    await collect();
    afterMemory = memory();
    afterCode = codeSize();
    after = (await collector.read(() => sampler.after(), false)).value;
  }
  emit({ event: 'phase', phase, memory: afterMemory });
  const afterPoint = seriesPoint(n, afterMemory.heapUsed, afterMemory.external, afterCode);
  series.push(afterPoint);
  let profile = after.raw;

  const c0 = performance.now();
  let confirmation: ProbeConfirmation | undefined;
  if (
    config.confirm &&
    afterMemory.heapUsed + afterMemory.external - (baselineMemory.heapUsed + baselineMemory.external) >
      confirmationPlan(n, config.confirm.leakRate).suspectAbove
  ) {
    // On disk while confirming, like the baseline's: the snapshot must not count as growth.
    const afterFile = `${resultPath}.after.json`;
    writeFileSync(afterFile, JSON.stringify(after.snapshot));
    after.snapshot = { allocations: [] };
    // A continuous profile is read again at the end: the after read's raw profile can go, and nothing memgate
    // keeps has grown since the after figure, which then starts the confirmation (a full GC less).
    const fromAfter = readCollects && sampler.info.continuous;
    if (fromAfter) after.raw = profile = null;
    const start = fromAfter ? afterPoint : null;
    const endFile = `${resultPath}.end.json`;
    const { endRead, ...confirmed } = await confirm(
      config.confirm,
      workload,
      n,
      series,
      start,
      fromAfter && !checkpointed
        ? { read: () => collector.read(() => sampler.after(), true), file: endFile, msPerIteration: pass2Ms / n }
        : null,
    );
    confirmation = confirmed;
    // A continuous profile can be read again: the sites then cover the confirmation too, where a leak has
    // outgrown the warm-up tail that pass 2 also saw.
    if (sampler.info.continuous) {
      const end = endRead
        ? (JSON.parse(readFileSync(endFile, 'utf8')) as typeof after)
        : (await collector.read(() => sampler.after(), readCollects)).value;
      confirmation.snapshot = end.snapshot;
      profile = end.raw;
    }
    after.snapshot = JSON.parse(readFileSync(afterFile, 'utf8')) as Snapshot;
  }
  const confirmMs = confirmation ? performance.now() - c0 : 0;
  await sampler.stop();
  if (config.profileOut) writeFileSync(config.profileOut, JSON.stringify(profile));
  const grew = afterMemory.heapUsed + afterMemory.external - (baselineMemory.heapUsed + baselineMemory.external);
  const pending = grew > GROWTH_FLOOR ? await pendingPromises(workload, n, pass2Ms / n) : undefined;

  const result: ProbeResult = {
    runtime: {
      name: 'node',
      version: process.versions.node,
      engine: process.versions.v8,
      executable: process.execPath,
    },
    profiler: sampler.info,
    iterations: n,
    baseline: { memory: baselineMemory, snapshot: JSON.parse(readFileSync(baselineFile, 'utf8')) as Snapshot },
    after: { memory: afterMemory, snapshot: after.snapshot },
    peakRss: Math.max(peakRss, highWaterRss()),
    series,
    ...(confirmation ? { confirmation } : {}),
    ...(Object.keys(workload.ceilings).length > 0 ? { workloadCeilings: workload.ceilings } : {}),
    ...(pending ? { pendingPromises: pending } : {}),
    timings: {
      startupMs: startedAt,
      setupMs,
      pass1Ms,
      pass2Ms,
      collectMs: collector.collectMs,
      profileMs: collector.profileMs,
      confirmMs,
      ...(confirmation ? { confirmPassMs } : {}),
      gc: collector.timings(),
      totalMs: performance.now() - startedAt,
    },
  };
  // Who holds the leak (issue 14), for a suspect or failing workload: before teardown (its extra iterations need
  // the workload set up), after writing the result (a crash in the capture loses nothing).
  const enter = (): void => {
    phase = 'retainers';
    emit({ event: 'phase', phase, memory: memory() });
  };
  const captured = await retainersStep({
    config,
    result,
    resultPath: resultPath!,
    enter,
    iterate: () => call(workload.run),
    collect,
    remap,
    probeUrlPrefix,
  });

  phase = 'teardown';
  emit({ event: 'phase', phase, memory: memory() });
  if (workload.teardown) {
    try {
      await call(workload.teardown);
    } catch (error) {
      fail('threw', error);
    }
  }
  if (!captured) result.timings.totalMs = performance.now() - startedAt;
  writeFileSync(`${resultPath}.tmp`, JSON.stringify(result));
  renameSync(`${resultPath}.tmp`, resultPath!);
  settled = true;
  emit({ event: 'done' });
  closeSync(eventsFd);
  // Whatever the workload left behind (timers, sockets, pending promises), the measurement is over.
  realExit(0);
}

/**
 * ESM syntax errors carry their location only in what Node prints for an uncaught error, not in
 * `stack`. When the workload file itself is the culprit, `node --check` (same flags) names the line.
 */
function withLocation(error: unknown): unknown {
  if (!(error instanceof SyntaxError) || typeof error.stack !== 'string') return error;
  if (error.stack.includes(config.workload) || error.stack.includes(pathToFileURL(config.workload).href)) return error;
  const check = spawnSync(process.execPath, [...process.execArgv, '--check', config.workload], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  const location = check.status !== 0 ? /^(.+):(\d+)\n([^\n]*\n[^\n]*\^[^\n]*)/m.exec(check.stderr ?? '') : null;
  const located = new SyntaxError(
    location
      ? `${error.message} at ${location[1]}:${location[2]}`
      : `${error.message} (in ${config.workload} or a module it imports)`,
  );
  located.stack = location
    ? `${location[1]}:${location[2]}\n${location[3]}\n\n${located.name}: ${error.message}`
    : `${located.name}: ${located.message}`;
  return located;
}

main().catch((error: unknown) => {
  // Reaching here means memgate's own code failed, not the workload's.
  fail('probe', error);
});
