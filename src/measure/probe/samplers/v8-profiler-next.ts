/**
 * Opt-in backend: the v8-profiler-next native addon (for runtimes where the inspector is unwanted).
 *
 * Its sampling profile can only be read by stopping it, so it cannot give two views of one profile.
 * Sampling therefore starts at the baseline (after the forced GCs) and stops at the end: `after`
 * holds what pass 2 allocated and kept, and `baseline` is empty, so after − baseline is exactly that
 * (continuous = false: objects from pass 1 freed during pass 2 cannot show as negative growth).
 *
 * It only exposes each node's `selfSize` (V8's scaled estimate), not the samples: no object counts.
 * The stack depth is always passed explicitly (its default, 16, loses user frames), with room for the
 * probe's own frames, which sit outermost and are stripped afterwards.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProfilerInfo, Snapshot } from '../../../analysis/model.ts';
import { profileToSnapshot, toDevToolsProfile, type ProfileNode } from './profile-tree.ts';
import { SamplerUnavailableError, type Sampler, type SamplerOptions } from './types.ts';

interface V8ProfilerNext {
  startSamplingHeapProfiling(interval: number, depth: number): void;
  stopSamplingHeapProfiling(): { head: ProfileNode };
}

/** Frames the probe itself puts under the workload's calls, on top of the user's stack depth. */
const PROBE_FRAMES = 8;

function load(workloadDir: string): { profiler: V8ProfilerNext; dir: string } {
  let failure: string | undefined;
  // The workload's project first (that is where users install it), then memgate's own dependencies.
  for (const base of [join(workloadDir, 'noop.js'), import.meta.url]) {
    const require = createRequire(base);
    let entry: string;
    try {
      entry = require.resolve('v8-profiler-next');
    } catch {
      continue;
    }
    try {
      return { profiler: require(entry) as V8ProfilerNext, dir: dirname(entry) };
    } catch (error) {
      // Installed, but its native binary is missing or built for another Node version.
      failure ??= (error as Error).message.split('\n')[0] ?? String(error);
    }
  }
  const why = failure
    ? ` It is installed but could not load on Node ${process.versions.node}: ${failure}.`
    : ' It is not installed.';
  throw new SamplerUnavailableError(
    `the v8-profiler-next profiler is unavailable.${why} Install it in the workload's project with \`npm install --save-dev v8-profiler-next\` (a native addon, built for the Node version that installs it), or use the default inspector profiler.`,
  );
}

export class V8ProfilerNextSampler implements Sampler {
  readonly info: ProfilerInfo;
  /** Started without kSamplingForceGC: its read does not collect. */
  readonly readCollects = false;
  private readonly profiler: V8ProfilerNext;
  private running = false;

  /** The addon's own JavaScript, which allocates the profile it returns: memgate's, like the probe. */
  private readonly ownPrefixes: string[];

  constructor(private readonly options: SamplerOptions) {
    const loaded = load(options.workloadDir);
    this.profiler = loaded.profiler;
    this.ownPrefixes = [`${loaded.dir}/`, `${pathToFileURL(loaded.dir).href}/`];
    this.info = {
      backend: 'v8-profiler-next',
      samplingInterval: options.samplingInterval,
      stackDepth: options.stackDepth,
      countsObjects: false,
      continuous: false,
    };
  }

  async start(): Promise<void> {}

  async baseline(): Promise<Snapshot> {
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
      ...(this.options.remap ? { remap: this.options.remap } : {}),
    });
    return { snapshot, raw: toDevToolsProfile(profile.head, 1) };
  }

  async stop(): Promise<void> {
    if (this.running) this.profiler.stopSamplingHeapProfiling();
    this.running = false;
  }
}
