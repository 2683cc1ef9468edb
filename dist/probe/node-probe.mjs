// src/measure/probe/node-probe.ts
import { spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from "node:fs";
import { findSourceMap } from "node:module";
import { dirname as dirname2 } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL as pathToFileURL2 } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// src/analysis/stats.ts
function median(values) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// src/analysis/noise.ts
var GROWTH_FLOOR = 32 * 1024;
var ONE_OFF_NOTE_MIN = 4 * GROWTH_FLOOR;
var COMPARE_FLOOR = 2 * GROWTH_FLOOR;
var HEAP_AFTER_FLOOR = 1024 * 1024;
var RSS_FLOOR = 16 * 1024 * 1024;
var SITE_FLOOR = 4 * 1024;
var SPIKE_MIN = 4 * 1024;

// src/analysis/leak-rate.ts
var CONFIRM_FLOORS = 2;
var HOLD = 0.8;
var STRONG = 4;
function confirmationPlan(iterations, leakRate) {
  return {
    suspectAbove: Math.min(GROWTH_FLOOR, leakRate * iterations),
    firstLength: Math.max(iterations, Math.ceil(CONFIRM_FLOORS * GROWTH_FLOOR / leakRate))
  };
}
var agrees = (rate, previousRate) => rate >= HOLD * previousRate;
function judgeSegment(rate, previousRate, leakRate, previousAgreed) {
  if (rate < leakRate) return "settles";
  return agrees(rate, previousRate) && (rate >= STRONG * leakRate || previousAgreed) ? "holds" : "decays";
}
function rateOf(points) {
  const rates = [];
  for (let i = 1; i < points.length; i++) {
    const span = points[i].iteration - points[i - 1].iteration;
    if (span > 0) rates.push((points[i].total - points[i - 1].total) / span);
  }
  if (rates.length === 0) return { rate: 0, spread: 0 };
  rates.sort((a, b) => a - b);
  const at = (q) => rates[Math.round(q * (rates.length - 1))];
  return { rate: median(rates), spread: (at(0.75) - at(0.25)) / 2 };
}
var RATE_JITTER = 8 * 1024;

// src/measure/protocol.ts
var PASS_PHASE = { 1: "pass1", 2: "pass2", 3: "confirm" };
var ENV_CONFIG = "MEMGATE_CONFIG";
var ENV_EVENTS = "MEMGATE_EVENTS";
var ENV_RESULT = "MEMGATE_RESULT";
var describePhase = (phase2) => phase2 === "pass1" ? "pass 1" : phase2 === "pass2" ? "pass 2" : phase2 === "confirm" ? "the confirmation pass" : phase2 ?? "start-up";

// src/measure/probe/samplers/inspector.ts
import { Session } from "node:inspector";

// src/measure/probe/samplers/profile-tree.ts
import { fileURLToPath } from "node:url";
function toDevToolsProfile(head, lineBase, samples = []) {
  let nextId = 1;
  const convert = (node) => {
    const { functionName, url, lineNumber, columnNumber, scriptId } = node.callFrame;
    return {
      id: node.id ?? nextId++,
      callFrame: { functionName, url, scriptId: String(scriptId ?? 0), lineNumber: lineNumber - lineBase, columnNumber: columnNumber - lineBase },
      selfSize: node.selfSize,
      children: node.children.map(convert)
    };
  };
  return { head: convert(head), samples };
}
var toPath = (url) => {
  if (!url.startsWith("file://")) return url;
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
};
var isRuntime = (url) => url === "" || url.startsWith("node:");
var toFrame = (node, lineBase) => {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  const line = lineNumber < 0 || lineBase === 1 && lineNumber === 0 ? 0 : lineNumber + (1 - lineBase);
  const column = columnNumber < 0 || lineBase === 1 && columnNumber === 0 ? 0 : columnNumber + (1 - lineBase);
  return { functionName, file: toPath(url), line, column };
};
function userStack(nodes, options) {
  const isProbe = (node) => options.probeUrlPrefixes.some((prefix) => node.callFrame.url.startsWith(prefix));
  const firstOwner = nodes.find((node) => !isRuntime(node.callFrame.url));
  if (firstOwner && isProbe(firstOwner)) return null;
  const remap2 = options.remap ?? ((frame) => frame);
  return nodes.filter((node) => !isProbe(node) && !(node.callFrame.url === "" && node.callFrame.functionName === "")).slice(0, options.stackDepth).map((node) => remap2(toFrame(node, options.lineBase)));
}
var stackKey = (stack) => stack.map((f) => `${f.functionName}\0${f.file}\0${f.line}\0${f.column}`).join("");
function profileToSnapshot(head, options, countOf = () => 0) {
  const merged = /* @__PURE__ */ new Map();
  const sizeOf = options.sizeOf ?? ((node) => node.selfSize);
  const pending = [{ node: head, path: [] }];
  while (pending.length > 0) {
    const { node, path } = pending.pop();
    const stackOuterFirst = node === head ? path : [...path, node];
    const size = sizeOf(node);
    if (size > 0) {
      const stack = userStack([...stackOuterFirst].reverse(), options);
      if (stack) {
        const key = stackKey(stack);
        const existing = merged.get(key);
        if (existing) {
          existing.size += size;
          existing.count += countOf(node);
        } else {
          merged.set(key, { stack, size, count: countOf(node) });
        }
      }
    }
    for (const child of node.children) pending.push({ node: child, path: stackOuterFirst });
  }
  return { allocations: [...merged.values()] };
}

// src/measure/probe/samplers/inspector.ts
var INSPECTOR_DEPTH = 128;
var InspectorSampler = class {
  constructor(options) {
    this.options = options;
    this.info = {
      backend: "inspector",
      samplingInterval: options.samplingInterval,
      stackDepth: Math.min(options.stackDepth, INSPECTOR_DEPTH),
      countsObjects: false,
      continuous: true
    };
    this.session.connect();
  }
  options;
  info;
  session = new Session();
  post(method, params = {}) {
    return new Promise((resolve, reject) => {
      this.session.post(method, params, (error, result) => error ? reject(error) : resolve(result));
    });
  }
  async start() {
    await this.post("HeapProfiler.enable");
    await this.post("HeapProfiler.startSampling", {
      samplingInterval: this.options.samplingInterval,
      // Only objects still alive: the profile is a picture of retained memory.
      includeObjectsCollectedByMajorGC: false,
      includeObjectsCollectedByMinorGC: false
    });
  }
  async snapshot() {
    const { profile } = await this.post("HeapProfiler.getSamplingProfile");
    const snapshot = profileToSnapshot(profile.head, {
      lineBase: 0,
      stackDepth: this.info.stackDepth,
      probeUrlPrefixes: this.options.probeUrlPrefixes,
      ...this.options.remap ? { remap: this.options.remap } : {}
    });
    return { snapshot, raw: profile };
  }
  async baseline() {
    return (await this.snapshot()).snapshot;
  }
  after() {
    return this.snapshot();
  }
  async stop() {
    try {
      await this.post("HeapProfiler.stopSampling");
    } finally {
      this.session.disconnect();
    }
  }
};

// src/measure/probe/samplers/types.ts
var SamplerUnavailableError = class extends Error {
  name = "SamplerUnavailableError";
};

// src/measure/probe/samplers/v8-profiler-next.ts
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
var PROBE_FRAMES = 8;
function load(workloadDir) {
  let failure;
  for (const base of [join(workloadDir, "noop.js"), import.meta.url]) {
    const require2 = createRequire(base);
    let entry;
    try {
      entry = require2.resolve("v8-profiler-next");
    } catch {
      continue;
    }
    try {
      return { profiler: require2(entry), dir: dirname(entry) };
    } catch (error) {
      failure ??= error.message.split("\n")[0] ?? String(error);
    }
  }
  const why = failure ? ` It is installed but could not load on Node ${process.versions.node}: ${failure}.` : " It is not installed.";
  throw new SamplerUnavailableError(
    `the v8-profiler-next profiler is unavailable.${why} Install it in the workload's project with \`npm install --save-dev v8-profiler-next\` (a native addon, built for the Node version that installs it), or use the default inspector profiler.`
  );
}
var V8ProfilerNextSampler = class {
  constructor(options) {
    this.options = options;
    const loaded = load(options.workloadDir);
    this.profiler = loaded.profiler;
    this.ownPrefixes = [`${loaded.dir}/`, `${pathToFileURL(loaded.dir).href}/`];
    this.info = {
      backend: "v8-profiler-next",
      samplingInterval: options.samplingInterval,
      stackDepth: options.stackDepth,
      countsObjects: false,
      continuous: false
    };
  }
  options;
  info;
  profiler;
  running = false;
  /** The addon's own JavaScript, which allocates the profile it returns: memgate's, like the probe. */
  ownPrefixes;
  async start() {
  }
  async baseline() {
    this.profiler.startSamplingHeapProfiling(this.options.samplingInterval, this.options.stackDepth + PROBE_FRAMES);
    this.running = true;
    return { allocations: [] };
  }
  async after() {
    const profile = this.profiler.stopSamplingHeapProfiling();
    this.running = false;
    const snapshot = profileToSnapshot(profile.head, {
      lineBase: 1,
      stackDepth: this.options.stackDepth,
      probeUrlPrefixes: [...this.options.probeUrlPrefixes, ...this.ownPrefixes],
      ...this.options.remap ? { remap: this.options.remap } : {}
    });
    return { snapshot, raw: toDevToolsProfile(profile.head, 1) };
  }
  async stop() {
    if (this.running) this.profiler.stopSamplingHeapProfiling();
    this.running = false;
  }
};

// src/measure/probe/node-probe.ts
var startedAt = performance.now();
var realExit = process.exit.bind(process);
var configText = process.env[ENV_CONFIG];
var eventsPath = process.env[ENV_EVENTS];
var resultPath = process.env[ENV_RESULT];
if (!configText || !eventsPath || !resultPath) {
  process.stderr.write("memgate probe: started without MEMGATE_CONFIG/MEMGATE_EVENTS/MEMGATE_RESULT; it is run by memgate, not by hand.\n");
  realExit(70);
}
delete process.env[ENV_CONFIG];
delete process.env[ENV_EVENTS];
delete process.env[ENV_RESULT];
var config = JSON.parse(configText);
var eventsFd = openSync(eventsPath, "a");
function emit(event) {
  writeSync(eventsFd, `${JSON.stringify(event)}
`);
}
var phase = "load";
var iteration;
var settled = false;
var peakRss = 0;
function memory() {
  const { heapUsed, heapTotal, external, arrayBuffers, rss } = process.memoryUsage();
  if (rss > peakRss) peakRss = rss;
  return { heapUsed, heapTotal, external, arrayBuffers, rss };
}
function fail(kind, error, at = phase, iterationAt = iteration) {
  if (!settled) {
    settled = true;
    const message = typeof error === "string" ? error : error instanceof Error ? error.message || error.name : `non-error value thrown: ${describe(error)}`;
    const stack = error instanceof Error && typeof error.stack === "string" ? withoutProbeFrames(error.stack) : void 0;
    emit({ event: "error", kind, phase: at, ...iterationAt !== void 0 ? { iteration: iterationAt } : {}, message, ...stack ? { stack } : {} });
  }
  realExit(1);
}
function withoutProbeFrames(stack) {
  const own = new URL(".", import.meta.url).href;
  return stack.split("\n").filter((line) => !(/^\s+at /.test(line) && line.includes(own))).join("\n");
}
function describe(value) {
  try {
    return typeof value === "string" ? JSON.stringify(value) : String(value);
  } catch {
    return typeof value;
  }
}
process.exit = ((code) => {
  if (!settled) {
    settled = true;
    const numeric = Number(code ?? process.exitCode ?? 0);
    emit({ event: "exit", code: Number.isFinite(numeric) ? numeric : 1, phase, ...iteration !== void 0 ? { iteration } : {} });
  }
  realExit(code);
});
var onAsyncError = (error) => fail(phase === "load" ? "load" : "threw", error);
process.on("uncaughtException", onAsyncError);
process.on("unhandledRejection", onAsyncError);
process.on("exit", () => {
  if (settled) return;
  settled = true;
  const where = iteration !== void 0 ? `${describePhase(phase)}, iteration ${iteration}` : describePhase(phase);
  emit({
    event: "error",
    kind: "timeout",
    phase,
    ...iteration !== void 0 ? { iteration } : {},
    message: `${where} never finished: it returned a promise that never settles (nothing was left for the event loop to do, so no timeout was needed to tell)`
  });
});
var isFunction = (value) => typeof value === "function";
var isObject = (value) => typeof value === "object" && value !== null;
function resolveWorkload(ns) {
  const def = ns.default;
  const holder = isObject(def) && !isFunction(def) ? def : void 0;
  const pick = (name) => {
    if (isFunction(ns[name])) return { fn: ns[name], self: ns };
    if (holder && isFunction(holder[name])) return { fn: holder[name], self: holder };
    return void 0;
  };
  const run = isFunction(def) ? { fn: def, self: void 0 } : holder && isFunction(holder.default) ? { fn: holder.default, self: holder } : pick("run");
  if (!run) {
    const names = /* @__PURE__ */ new Set([...Object.keys(ns).filter((k) => k !== "default" && k !== "__esModule" && k !== "module.exports")]);
    if (holder) {
      for (const key of Object.keys(holder)) if (key !== "__esModule") names.add(key);
    }
    const found = names.size > 0 ? `exports: ${[...names].join(", ")}` : "no exports";
    const defaultNote = def !== void 0 && !holder ? `; the default export is a ${def === null ? "null" : typeof def}, not a function` : "";
    return `${found}${defaultNote}; expected a default export or \`run\` function (one iteration)`;
  }
  const options = isObject(ns.options) ? ns.options : holder && isObject(holder.options) ? holder.options : void 0;
  const iterations = options?.iterations;
  if (iterations !== void 0 && !(typeof iterations === "number" && Number.isInteger(iterations) && iterations > 0)) {
    return `options.iterations must be a positive whole number, got ${JSON.stringify(iterations) ?? String(iterations)}`;
  }
  return {
    run,
    setup: pick("setup"),
    teardown: pick("teardown"),
    iterations
  };
}
async function call(callable) {
  const value = callable.fn.call(callable.self);
  if (isObject(value) || isFunction(value)) {
    const then = value.then;
    if (isFunction(then)) {
      await value;
      return true;
    }
  }
  return false;
}
var gc = (() => {
  const exposed = globalThis.gc;
  if (isFunction(exposed)) return exposed;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc");
})();
var nextTurn = () => new Promise((resolve) => setImmediate(resolve));
var collectMs = 0;
async function collect() {
  const t0 = performance.now();
  for (let round = 0; round < Math.max(1, config.gcRounds); round++) {
    await nextTurn();
    gc();
  }
  collectMs += performance.now() - t0;
}
var profileMs = 0;
async function timedProfile(read) {
  const t0 = performance.now();
  try {
    return await read();
  } finally {
    profileMs += performance.now() - t0;
  }
}
var probeUrlPrefix = new URL(".", import.meta.url).href;
var sourceMaps = /* @__PURE__ */ new Map();
function remap(frame) {
  if (frame.line === 0 || frame.file === "" || frame.file.startsWith("node:")) return frame;
  if (/[\\/]node_modules[\\/]/.test(frame.file)) return frame;
  let map = sourceMaps.get(frame.file);
  if (map === void 0) {
    try {
      map = findSourceMap(frame.file) ?? findSourceMap(pathToFileURL2(frame.file).href) ?? null;
    } catch {
      map = null;
    }
    sourceMaps.set(frame.file, map);
  }
  if (!map) return frame;
  const entry = map.findEntry(frame.line - 1, Math.max(0, frame.column - 1));
  if (!entry.originalSource || entry.originalLine === void 0 || entry.originalColumn === void 0) return frame;
  return { functionName: frame.functionName, file: toPath(entry.originalSource), line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}
function createSampler() {
  const options = {
    samplingInterval: config.samplingInterval,
    stackDepth: config.stackDepth,
    probeUrlPrefixes: [probeUrlPrefix],
    workloadDir: dirname2(config.workload),
    remap
  };
  return config.profiler === "v8-profiler-next" ? new V8ProfilerNextSampler(options) : new InspectorSampler(options);
}
function checkpoints(n, count) {
  const points = /* @__PURE__ */ new Set();
  for (let k = 1; k <= count; k++) {
    const at = Math.round(k * n / (count + 1));
    if (at > 0 && at < n) points.add(at);
  }
  return [...points];
}
var SLOW_ITERATION_MS = 10;
var PROGRESS_GAP_MS = 100;
var current;
var lastProgressAt = 0;
function progress(pass, completed, of) {
  lastProgressAt = performance.now();
  if (current) current.completed = completed;
  emit({ event: "progress", pass, iteration: completed, of, memory: memory() });
}
async function runPass(pass, workload, n, stops = /* @__PURE__ */ new Set(), onCheckpoint) {
  phase = PASS_PHASE[pass];
  emit({ event: "phase", phase, memory: memory() });
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
      fail("threw", error);
    }
    const now = performance.now();
    const milestone = i % progressEvery === 0 || i === n;
    if (async || milestone) await nextTurn();
    if (milestone || now - started >= SLOW_ITERATION_MS || now - lastProgressAt >= PROGRESS_GAP_MS) progress(pass, i, n);
    if (onCheckpoint && stops.has(i)) {
      const c0 = performance.now();
      await onCheckpoint(i);
      spent += performance.now() - c0;
    }
  }
  iteration = void 0;
  current = void 0;
  return performance.now() - t0 - spent;
}
function startWatchdog() {
  setInterval(() => {
    if (current && iteration !== void 0 && iteration - 1 > current.completed) progress(current.pass, iteration - 1, current.of);
  }, 1e3).unref();
}
async function confirm(settings, workload, n, measured, msPerIteration) {
  const total = (p) => p.heapUsed + p.external;
  const t0 = performance.now();
  await collect();
  const start = memory();
  const readings = [{ iteration: n, heapUsed: start.heapUsed, external: start.external }];
  const segmentEnds = [];
  let previous = rateOf(measured.map((p) => ({ iteration: p.iteration, total: total(p) }))).rate;
  let previousAgreed = false;
  let length = confirmationPlan(n, settings.leakRate).firstLength;
  let at = n;
  let stoppedBy = "segments";
  for (let segment = 0; segment < settings.maxSegments; segment++) {
    const elapsed = performance.now() - t0;
    if (segment > 0 && elapsed + length * msPerIteration > settings.budgetMs) {
      stoppedBy = "budget";
      break;
    }
    const from = at;
    const stops = new Set(Array.from({ length: settings.readings }, (_, k) => Math.round((k + 1) * length / settings.readings)));
    const s0 = performance.now();
    await runPass(3, workload, length, stops, async (i) => {
      await collect();
      const { heapUsed, external } = memory();
      readings.push({ iteration: from + i, heapUsed, external });
    });
    msPerIteration = (performance.now() - s0) / length;
    at = from + length;
    segmentEnds.push(at);
    const points = readings.filter((p) => p.iteration >= from).map((p) => ({ iteration: p.iteration, total: total(p) }));
    const rate = rateOf(points).rate;
    if (judgeSegment(rate, previous, settings.leakRate, previousAgreed) !== "decays") {
      stoppedBy = null;
      break;
    }
    previousAgreed = agrees(rate, previous);
    previous = rate;
    length *= 2;
  }
  return { readings, segmentEnds, stoppedBy, memory: memory() };
}
async function main() {
  let sampler;
  try {
    sampler = createSampler();
  } catch (error) {
    if (error instanceof SamplerUnavailableError) fail("runtime", error.message);
    throw error;
  }
  emit({ event: "phase", phase: "load", memory: memory() });
  let ns;
  try {
    ns = await import(pathToFileURL2(config.workload).href);
  } catch (error) {
    const code = error.code;
    const url = error.url;
    const missingSelf = code === "ERR_MODULE_NOT_FOUND" && (url === pathToFileURL2(config.workload).href || error.message.includes(`'${config.workload}'`));
    fail(missingSelf ? "not-found" : "load", withLocation(error));
  }
  const workload = resolveWorkload(ns);
  if (typeof workload === "string") fail("no-export", workload);
  const n = config.iterations ?? workload.iterations ?? config.defaultIterations;
  phase = "setup";
  emit({ event: "phase", phase, memory: memory() });
  const s0 = performance.now();
  if (workload.setup) {
    try {
      await call(workload.setup);
    } catch (error) {
      fail("threw", error);
    }
  }
  const setupMs = performance.now() - s0;
  await sampler.start();
  startWatchdog();
  const checkpoint = async (into, at) => {
    await collect();
    const { heapUsed, external } = memory();
    into.push({ iteration: at, heapUsed, external });
  };
  const rehearsal = [];
  const pass1Ms = await runPass(1, workload, n, new Set(checkpoints(n, config.seriesPoints).slice(0, 1)), (at) => checkpoint(rehearsal, at));
  phase = "baseline";
  await collect();
  const baselineFile = `${resultPath}.baseline.json`;
  writeFileSync(baselineFile, JSON.stringify(await timedProfile(() => sampler.baseline())));
  await collect();
  const baselineMemory = memory();
  emit({ event: "phase", phase, memory: baselineMemory });
  const series = [{ iteration: 0, heapUsed: baselineMemory.heapUsed, external: baselineMemory.external }];
  const pass2Ms = await runPass(2, workload, n, new Set(checkpoints(n, config.seriesPoints)), (at) => checkpoint(series, at));
  phase = "after";
  await collect();
  const afterMemory = memory();
  emit({ event: "phase", phase, memory: afterMemory });
  series.push({ iteration: n, heapUsed: afterMemory.heapUsed, external: afterMemory.external });
  const after = await timedProfile(() => sampler.after());
  let profile = after.raw;
  const c0 = performance.now();
  let confirmation;
  if (config.confirm && afterMemory.heapUsed + afterMemory.external - (baselineMemory.heapUsed + baselineMemory.external) > confirmationPlan(n, config.confirm.leakRate).suspectAbove) {
    const afterFile = `${resultPath}.after.json`;
    writeFileSync(afterFile, JSON.stringify(after.snapshot));
    after.snapshot = { allocations: [] };
    const perIteration = (pass2Ms + collectMs / (config.seriesPoints + 3)) / n;
    confirmation = await confirm(config.confirm, workload, n, series, perIteration);
    if (sampler.info.continuous) {
      const end = await timedProfile(() => sampler.after());
      confirmation.snapshot = end.snapshot;
      profile = end.raw;
    }
    after.snapshot = JSON.parse(readFileSync(afterFile, "utf8"));
  }
  const confirmMs = confirmation ? performance.now() - c0 : 0;
  await sampler.stop();
  if (config.profileOut) writeFileSync(config.profileOut, JSON.stringify(profile));
  phase = "teardown";
  emit({ event: "phase", phase, memory: memory() });
  if (workload.teardown) {
    try {
      await call(workload.teardown);
    } catch (error) {
      fail("threw", error);
    }
  }
  const result = {
    runtime: { name: "node", version: process.versions.node, engine: process.versions.v8, executable: process.execPath },
    profiler: sampler.info,
    iterations: n,
    baseline: { memory: baselineMemory, snapshot: JSON.parse(readFileSync(baselineFile, "utf8")) },
    after: { memory: afterMemory, snapshot: after.snapshot },
    peakRss: Math.max(peakRss, process.resourceUsage().maxRSS * 1024),
    series,
    ...confirmation ? { confirmation } : {},
    timings: { startupMs: startedAt, setupMs, pass1Ms, pass2Ms, collectMs, profileMs, confirmMs, totalMs: performance.now() - startedAt }
  };
  writeFileSync(`${resultPath}.tmp`, JSON.stringify(result));
  renameSync(`${resultPath}.tmp`, resultPath);
  settled = true;
  emit({ event: "done" });
  closeSync(eventsFd);
  realExit(0);
}
function withLocation(error) {
  if (!(error instanceof SyntaxError) || typeof error.stack !== "string") return error;
  if (error.stack.includes(config.workload) || error.stack.includes(pathToFileURL2(config.workload).href)) return error;
  const check = spawnSync(process.execPath, [...process.execArgv, "--check", config.workload], { encoding: "utf8", timeout: 3e4 });
  const location = check.status !== 0 ? /^(.+):(\d+)\n([^\n]*\n[^\n]*\^[^\n]*)/m.exec(check.stderr ?? "") : null;
  const located = new SyntaxError(
    location ? `${error.message} at ${location[1]}:${location[2]}` : `${error.message} (in ${config.workload} or a module it imports)`
  );
  located.stack = location ? `${location[1]}:${location[2]}
${location[3]}

${located.name}: ${error.message}` : `${located.name}: ${located.message}`;
  return located;
}
main().catch((error) => {
  fail("probe", error);
});
