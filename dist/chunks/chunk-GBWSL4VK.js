import { createRequire as __memgateCreateRequire } from 'node:module';
const require = __memgateCreateRequire(import.meta.url);

// src/analysis/format-bytes.ts
var UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
function formatBytes(value, options = {}) {
  if (!Number.isFinite(value)) return String(value);
  if (Math.round(value) === 0) return "0 B";
  const sign = value < 0 ? "-" : options.signed && value > 0 ? "+" : "";
  let magnitude = Math.abs(value);
  let unit = 0;
  while (unit < UNITS.length - 1 && Number(magnitude.toFixed(unit === 0 ? 0 : 1)) >= 1024) {
    magnitude /= 1024;
    unit += 1;
  }
  const text = unit === 0 ? magnitude.toFixed(0) : magnitude.toFixed(1).replace(/\.0$/, "");
  return `${sign}${text} ${UNITS[unit]}`;
}

// src/analysis/stats.ts
function median(values) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
function spread(values) {
  if (values.length < 2) return 0;
  return Math.max(...values) - Math.min(...values);
}
function majorityValue(values) {
  if (values.length === 0) return 0;
  const descending = [...values].sort((a, b) => b - a);
  return descending[Math.floor(values.length / 2)];
}
function leastSquares(xs, ys) {
  const n = Math.min(xs.length, ys.length);
  if (n === 0) return { slope: 0, intercept: 0, r2: 0 };
  let sumX = 0;
  let sumY = 0;
  for (let i = 0; i < n; i++) {
    sumX += xs[i];
    sumY += ys[i];
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - meanX;
    const dy = ys[i] - meanY;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return { slope: 0, intercept: meanY, r2: 0 };
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const r2 = n < 3 || syy === 0 ? 0 : Math.min(1, Math.max(0, sxy * sxy / (sxx * syy)));
  return { slope, intercept, r2 };
}

// src/analysis/noise.ts
var GROWTH_FLOOR = 32 * 1024;
var SIGMAS = 3;
function samplingSigma(bytes, interval) {
  return interval === null || interval <= 0 ? 0 : Math.sqrt(Math.abs(bytes) * interval);
}
function growthThreshold(heapGrowth, interval) {
  return Math.max(GROWTH_FLOOR, SIGMAS * samplingSigma(Math.max(0, heapGrowth), interval));
}
var MIN_R2 = 0.9;
var MIN_RATE_SHARE = 0.5;
var MIN_INTERVAL_SHARE = 0.25;
var MAX_STEP_SHARE = 0.6;
var MATERIAL_ONE_OFF_SHARE = 0.1;
var ONE_OFF_NOTE_MIN = 4 * GROWTH_FLOOR;
var COMPARE_FLOOR = 2 * GROWTH_FLOOR;
function retainedCompareNoise(base, head, interval, baseSpread, headSpread) {
  return COMPARE_FLOOR + SIGMAS * samplingSigma(Math.abs(base) + Math.abs(head), interval) + Math.abs(baseSpread) + Math.abs(headSpread);
}
var HEAP_AFTER_FLOOR = 1024 * 1024;
var HEAP_AFTER_RELATIVE = 0.05;
var RSS_FLOOR = 16 * 1024 * 1024;
var RSS_RELATIVE = 0.1;
function heapAfterCompareNoise(base) {
  return Math.max(HEAP_AFTER_FLOOR, HEAP_AFTER_RELATIVE * Math.abs(base));
}
function rssCompareNoise(base) {
  return Math.max(RSS_FLOOR, RSS_RELATIVE * Math.abs(base));
}
var SITE_FLOOR = 4 * 1024;
function siteNoise(sizeDiff, interval) {
  return Math.max(SITE_FLOOR, SIGMAS * samplingSigma(sizeDiff, interval));
}
var STRUCTURE_GROWTH_SHARE = 0.25;
function grownStructures(sites, interval) {
  let grown = 0;
  for (const site of sites) {
    const before = site.size - site.sizeDiff;
    if (before <= 0) continue;
    const noise = Math.max(SITE_FLOOR, SIGMAS * samplingSigma(site.size, interval));
    if (site.sizeDiff >= STRUCTURE_GROWTH_SHARE * before && site.sizeDiff > noise) grown += site.sizeDiff;
  }
  return grown;
}
function sortedPoints(points) {
  const sorted = [];
  for (const point of [...points].sort((a, b) => a.iteration - b.iteration)) {
    if (sorted.length > 0 && sorted[sorted.length - 1].iteration === point.iteration)
      sorted[sorted.length - 1] = point;
    else sorted.push(point);
  }
  return sorted;
}
function steadyTest(points) {
  const first = points[0];
  const last = points[points.length - 1];
  const growth = last.total - first.total;
  const span = last.iteration - first.iteration;
  if (growth <= 0 || span <= 0) return null;
  const fit = leastSquares(
    points.map((p) => p.iteration),
    points.map((p) => p.total)
  );
  if (fit.r2 >= MIN_R2 && fit.slope * span >= MIN_RATE_SHARE * growth)
    return { scaling: "fit", slope: fit.slope, r2: fit.r2 };
  if (points.length < 4) return null;
  let everyInterval = true;
  let largest = Number.NEGATIVE_INFINITY;
  for (let i = 1; i < points.length; i++) {
    const rise = points[i].total - points[i - 1].total;
    const evenShare = growth * (points[i].iteration - points[i - 1].iteration) / span;
    if (rise < MIN_INTERVAL_SHARE * evenShare) everyInterval = false;
    largest = Math.max(largest, rise);
  }
  return everyInterval && largest <= MAX_STEP_SHARE * growth ? { scaling: "steady-rise", slope: growth / span, r2: fit.r2 } : null;
}
function withoutLargestJump(points) {
  const rates = [];
  let largestAt = 1;
  let largestRate = Number.NEGATIVE_INFINITY;
  for (let i = 1; i < points.length; i++) {
    const rate = (points[i].total - points[i - 1].total) / (points[i].iteration - points[i - 1].iteration);
    rates.push(rate);
    if (rate > largestRate) {
      largestRate = rate;
      largestAt = i;
    }
  }
  const width = points[largestAt].iteration - points[largestAt - 1].iteration;
  const oneOff = Math.max(0, (largestRate - median(rates)) * width);
  return {
    points: points.map((p, i) => i >= largestAt ? { iteration: p.iteration, total: p.total - oneOff } : p),
    oneOff
  };
}
function corrected(points) {
  if (points.length < 4) return null;
  const variant = withoutLargestJump(points);
  return variant.oneOff > 0 ? variant : null;
}
var SPIKE_MIN = 4 * 1024;
function withOneSpikeLeftOut(sorted) {
  if (sorted.length < 5) return [];
  const list = [];
  for (let skip = 1; skip < sorted.length - 1; skip++) {
    const left = sorted[skip].total - sorted[skip - 1].total;
    const right = sorted[skip].total - sorted[skip + 1].total;
    if (Math.sign(left) !== Math.sign(right) || Math.min(Math.abs(left), Math.abs(right)) < SPIKE_MIN) continue;
    const fewer = sorted.filter((_, i) => i !== skip);
    const fixed = corrected(fewer);
    if (fixed) list.push(fixed);
    list.push({ points: fewer, oneOff: 0 });
  }
  return list;
}
function seriesShape(points, isSubstantial = () => true) {
  const sorted = sortedPoints(points);
  const raw = leastSquares(
    sorted.map((p) => p.iteration),
    sorted.map((p) => p.total)
  );
  const growth = sorted.length > 0 ? sorted[sorted.length - 1].total - sorted[0].total : 0;
  const unsteady = { slope: raw.slope, r2: raw.r2, corrected: false };
  if (sorted.length < 3) return { growth, steadyGrowth: growth, oneOff: 0, scaling: "unknown", ...unsteady };
  const material = (variant) => variant.oneOff > MATERIAL_ONE_OFF_SHARE * growth;
  const measured = { points: sorted, oneOff: 0 };
  const fixed = corrected(sorted);
  const measuredTest = steadyTest(sorted);
  const head = fixed === null ? [measured] : measuredTest?.scaling === "fit" || !material(fixed) ? [measured, fixed] : [fixed, measured];
  for (const variant of [...head, ...withOneSpikeLeftOut(sorted)]) {
    const steadyGrowth = growth - variant.oneOff;
    if (!isSubstantial(steadyGrowth)) continue;
    const steady = variant === measured ? measuredTest : steadyTest(variant.points);
    if (steady !== null)
      return { growth, steadyGrowth, oneOff: variant.oneOff, ...steady, corrected: material(variant) };
  }
  const oneOff = fixed?.oneOff ?? 0;
  return { growth, steadyGrowth: growth - oneOff, oneOff, scaling: "one-off", ...unsteady };
}
function assessLeak(input) {
  const threshold = growthThreshold(input.heapGrowth, input.interval);
  const aboveNoise = input.growth > threshold;
  const heapShare = input.growth > 0 ? Math.min(1, Math.max(0, input.heapGrowth / input.growth)) : 1;
  const steadyBar = (steadyGrowth) => growthThreshold(steadyGrowth * heapShare, input.interval);
  const shape = seriesShape(input.points, (steadyGrowth) => steadyGrowth > steadyBar(steadyGrowth));
  const leak = aboveNoise && shape.scaling !== "one-off";
  return {
    ...shape,
    judged: input.growth,
    threshold,
    aboveNoise,
    steadyThreshold: steadyBar(shape.steadyGrowth),
    leak
  };
}

// src/analysis/gate.ts
var CEILING_NAMES = ["maxRetained", "maxHeap", "maxRss"];
var CEILING_FLAGS = {
  maxRetained: "max-retained",
  maxHeap: "max-heap",
  maxRss: "max-rss"
};
var ceilingLabel = (name, fromWorkload) => fromWorkload ? `the workload's options.${name}` : CEILING_FLAGS[name];
function workloadCeilings(run, own) {
  const fromWorkload = CEILING_NAMES.filter((name) => own !== void 0 && own[name] !== void 0);
  const ceilings = { ...run };
  for (const name of fromWorkload) ceilings[name] = own[name];
  return { ceilings, fromWorkload };
}
function leakRate(series) {
  const fit = leastSquares(
    series.map((p) => p.iteration),
    series.map((p) => p.heapUsed + p.external)
  );
  return { bytesPerIteration: fit.slope, r2: fit.r2 };
}
function seriesWithAfter(input) {
  const points = input.series.map((p) => ({ iteration: p.iteration, total: p.heapUsed + p.external }));
  const first = points[0] ?? { iteration: 0, total: 0 };
  if (points.length === 0) points.push(first);
  const lastIteration = points.reduce((max, p) => Math.max(max, p.iteration), Number.NEGATIVE_INFINITY);
  if (input.iterations > lastIteration)
    points.push({ iteration: input.iterations, total: first.total + input.retained.total });
  return points;
}
function exceeds(what, value, ceiling, limit) {
  let shownValue = formatBytes(value);
  let shownLimit = formatBytes(limit);
  if (shownValue === shownLimit) {
    shownValue += ` (${value} bytes)`;
    shownLimit += ` (${limit} bytes)`;
  }
  return `${what} ${shownValue} exceeds ${ceiling} ${shownLimit}`;
}
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
function leakReason(input, assessment, trialsNote) {
  const unknown = assessment.scaling === "unknown";
  const perIteration2 = unknown ? input.retained.total / Math.max(1, input.iterations) : assessment.slope;
  const fit = unknown ? "" : `, r\xB2=${assessment.r2.toFixed(2)}`;
  const retained = `retained ${formatBytes(input.retained.total)} over ${plural(input.iterations, "iteration")}`;
  const head = `${retained} (~${formatBytes(perIteration2)}/iteration${fit})`;
  const besides = assessment.corrected ? `, besides a one-off jump of ${formatBytes(assessment.oneOff)}` : "";
  switch (assessment.scaling) {
    case "fit":
      return `${head} \u2014 grows with every iteration${besides}${trialsNote}`;
    case "steady-rise":
      return `${head} \u2014 rises at every checkpoint${besides}${trialsNote}`;
    default:
      return `${head} \u2014 above the noise (${formatBytes(assessment.threshold)}); too few checkpoints to tell a one-off from a leak${trialsNote}`;
  }
}
function defaultRule(input) {
  const trials = input.trialTotals.length;
  const growth = trials >= 2 ? majorityValue(input.trialTotals) : input.retained.total;
  const assessment = assessLeak({
    growth,
    heapGrowth: input.retained.heap,
    interval: input.samplingInterval,
    points: seriesWithAfter(input)
  });
  const trialsAbove = input.trialTotals.filter((t) => t > assessment.threshold).length;
  const trialsNote = trials >= 2 ? ` (in ${trialsAbove} of ${trials} trials)` : "";
  const retained = `retained ${formatBytes(input.retained.total)} over ${plural(input.iterations, "iteration")}`;
  if (assessment.leak) return { failure: leakReason(input, assessment, trialsNote) };
  if (trials >= 2 && trialsAbove > 0 && !assessment.aboveNoise) {
    return {
      note: `retained growth exceeded the noise in only ${trialsAbove} of ${trials} trials \u2014 not reproducible, treated as noise`
    };
  }
  if (!assessment.aboveNoise || assessment.scaling !== "one-off") return {};
  const structures = grownStructures(input.sites, input.samplingInterval);
  if (structures > assessment.threshold) {
    return {
      failure: `${retained}, in one step, ${formatBytes(structures)} of it where memory was already live at the baseline \u2014 a structure that keeps growing (an array or map reallocating its storage)${trialsNote}`
    };
  }
  if (input.retained.total < ONE_OFF_NOTE_MIN) return {};
  const shape = `in one step rather than with every iteration (r\xB2=${assessment.r2.toFixed(2)})`;
  return { note: `${retained}, but ${shape} \u2014 treated as a one-off (lazy initialisation, a cache filling up)` };
}
var perIteration = (bytes) => `${formatBytes(bytes)}/iteration`;
function describeRate(confirmation) {
  return `${perIteration(confirmation.rate)} (\xB1${formatBytes(confirmation.uncertainty)})`;
}
function rateRule(input, rate) {
  const trials = rate.trials.length;
  const leaking = rate.trials.filter((c) => c?.leak).length;
  const trialsNote = trials >= 2 ? ` (in ${leaking} of ${trials} trials)` : "";
  const grew = `grew ${formatBytes(input.retained.total)} over the measured ${plural(input.iterations, "iteration")}`;
  const chosen = rate.chosen ?? rate.trials.find((c) => c !== null) ?? null;
  const leak = chosen?.leak ? chosen : rate.trials.find((c) => c?.leak);
  if (leaking * 2 > trials && leak) {
    const over = `over ${plural(leak.extraIterations, "more iteration")}`;
    if (leak.stop === "holds") {
      return {
        failure: `${grew}, and kept growing by ${describeRate(leak)} ${over} \u2014 a leak (threshold ${perIteration(rate.leakRate)})${trialsNote}`
      };
    }
    const why = leak.stop === "budget" ? "the confirm budget ran out" : "the confirmation reached its longest segment";
    return {
      failure: `${grew}, and still grew by ${describeRate(leak)} ${over}, though slowing (from ${perIteration(leak.measuredRate)}) when ${why}: a leak, or a warm-up tail longer than that (raise confirm-budget or iterations to tell)${trialsNote}`
    };
  }
  if (chosen && !chosen.leak) {
    return {
      note: `${grew} (${perIteration(chosen.measuredRate)}), then ${describeRate(chosen)} over the next ${plural(chosen.extraIterations, "iteration")}: settles, not a leak (threshold ${perIteration(rate.leakRate)})${trials >= 2 && leaking > 0 ? ` \u2014 it held in ${leaking} of ${trials} trials, not a majority` : ""}`
    };
  }
  if (leaking > 0)
    return { note: `memory kept growing in only ${leaking} of ${trials} trials \u2014 not reproducible, not a leak` };
  return {};
}
function gateWorkload(input, ceilings, fromWorkload = []) {
  const failures = [];
  const notes = [];
  const label = (name) => ceilingLabel(name, fromWorkload.includes(name));
  if (ceilings.maxRetained !== null && input.retained.total > ceilings.maxRetained) {
    failures.push(exceeds("retained growth", input.retained.total, label("maxRetained"), ceilings.maxRetained));
  }
  if (ceilings.maxHeap !== null && input.heapAfter > ceilings.maxHeap) {
    failures.push(exceeds("heap in use after the measured pass", input.heapAfter, label("maxHeap"), ceilings.maxHeap));
  }
  if (ceilings.maxRss !== null && input.peakRss > ceilings.maxRss) {
    failures.push(exceeds("peak RSS", input.peakRss, label("maxRss"), ceilings.maxRss));
  }
  if (ceilings.maxRetained === null) {
    const judged = input.rate ? rateRule(input, input.rate) : defaultRule(input);
    if (judged.failure) failures.push(judged.failure);
    else if (judged.note) notes.push(judged.note);
  }
  return failures.length > 0 ? { status: "fail", reasons: failures } : { status: "pass", reasons: notes };
}

// src/choices.ts
var NODE_PROFILERS = ["inspector", "v8-profiler-next"];
var DEFAULT_NODE_PROFILER = "inspector";
var PROFILER_BACKENDS = [...NODE_PROFILERS, "tracemalloc"];
var GROUP_BY_CHOICES = ["line", "file", "traceback"];
var FORMAT_CHOICES = ["text", "markdown", "json"];
var COMMENT_CHOICES = ["always", "on-regression", "never"];
var MODE_CHOICES = ["auto", "measure", "comment"];
var LEAK_POLICIES = ["new", "any"];

// src/report/schema-id.ts
var REPORT_SCHEMA = "memgate.report/v1";

export {
  formatBytes,
  median,
  spread,
  GROWTH_FLOOR,
  retainedCompareNoise,
  heapAfterCompareNoise,
  rssCompareNoise,
  siteNoise,
  CEILING_NAMES,
  workloadCeilings,
  leakRate,
  gateWorkload,
  NODE_PROFILERS,
  DEFAULT_NODE_PROFILER,
  PROFILER_BACKENDS,
  GROUP_BY_CHOICES,
  FORMAT_CHOICES,
  COMMENT_CHOICES,
  MODE_CHOICES,
  LEAK_POLICIES,
  REPORT_SCHEMA
};
