/**
 * The runtimes memgate measures and the one lookup from a workload's path to its runtime, as
 * actions/setup-node picks a distribution: everything runtime-specific is asked of the descriptor.
 */
import type { ProfilerInfo, RuntimeName } from '../../analysis/model.ts';
import { NODE } from './node.ts';
import { PYTHON } from './python.ts';
import type { ProfilerChoice, Runtime } from './types.ts';

export type { ProbeCommand, ProfilerChoice, Runtime } from './types.ts';

/** Keyed by name so that a runtime added to RuntimeName without a descriptor does not compile. */
const BY_NAME: Record<RuntimeName, Runtime> = { node: NODE, python: PYTHON };

export const RUNTIMES: readonly Runtime[] = Object.values(BY_NAME);

/** Every file ending a workload can have, in the order messages list them. */
export const WORKLOAD_EXTENSIONS: readonly string[] = RUNTIMES.flatMap((runtime) => runtime.extensions);

/** The runtime that runs this file (by its ending), or null when none does. */
export function runtimeFor(path: string): Runtime | null {
  return RUNTIMES.find((runtime) => runtime.extensions.some((ext) => path.endsWith(ext))) ?? null;
}

/** The descriptor of a runtime a probe reported (`result.runtime.name`). */
export const runtimeNamed = (name: RuntimeName): Runtime => BY_NAME[name];

/** `.mjs, .js, … or .py`: what a workload can be, for messages. */
export function describeExtensions(): string {
  return `${WORKLOAD_EXTENSIONS.slice(0, -1).join(', ')} or ${WORKLOAD_EXTENSIONS.at(-1)}`;
}

/**
 * The runtime and profiler a report names for a workload whose probe never reported them (it failed
 * first). A file no runtime runs fails before any starts; the report has always named Node for it.
 */
export function describeProfiler(
  path: string,
  choice: ProfilerChoice,
): { runtime: { name: RuntimeName; version: string }; profiler: ProfilerInfo } {
  const runtime = runtimeFor(path) ?? NODE;
  return { runtime: { name: runtime.name, version: '' }, profiler: runtime.profiler(choice) };
}
