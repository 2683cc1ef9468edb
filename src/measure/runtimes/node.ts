/** Node: JavaScript and TypeScript modules, measured by a V8 sampling heap profiler (inspector or v8-profiler-next). */
import { buildNodeCommand, locateNodeProbe, NODE_PROBE, TYPESCRIPT_EXTENSIONS } from '../node-command.ts';
import type { Runtime } from './types.ts';

const MISSING_PROBE = `memgate's Node probe (dist/probe/${NODE_PROBE}) is missing: the package was not built (npm run build)`;

export const NODE: Runtime = {
  name: 'node',
  extensions: ['.mjs', '.js', '.cjs', ...TYPESCRIPT_EXTENSIONS],
  async command(workload, options) {
    const probePath = locateNodeProbe();
    if (!probePath) return { error: { kind: 'probe', message: MISSING_PROBE } };
    return buildNodeCommand({
      workload,
      probePath,
      ...(options.nodePath ? { nodePath: options.nodePath } : {}),
      ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
      ...(options.inlining ? { inlining: true } : {}),
    });
  },
  // As the samplers state it (probe/samplers/): neither counts objects, and only v8-profiler-next cannot be
  // read twice, so its `after` holds pass 2's allocations alone.
  profiler: ({ profiler, samplingInterval, stackDepth }) => ({
    backend: profiler,
    samplingInterval,
    stackDepth,
    countsObjects: false,
    continuous: profiler !== 'v8-profiler-next',
  }),
  groupsInProbe: false,
  savesProfile: true,
};
