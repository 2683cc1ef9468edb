/** Python: modules run by the user's CPython, measured by tracemalloc (every allocation, grouped in the probe). */
import { buildPythonCommand } from '../python-command.ts';
import type { Runtime } from './types.ts';

/** tracemalloc's largest traceback limit: python_probe.py asks for no more frames than this. */
const TRACEMALLOC_MAX_FRAMES = 65535;

export const PYTHON: Runtime = {
  name: 'python',
  extensions: ['.py'],
  command: (_workload, options, config) => buildPythonCommand(options, config),
  // As python_probe.py states it: tracemalloc traces every allocation and counts them, from one trace.
  profiler: ({ stackDepth }) => ({
    backend: 'tracemalloc',
    samplingInterval: null,
    stackDepth: Math.min(stackDepth, TRACEMALLOC_MAX_FRAMES),
    countsObjects: true,
    continuous: true,
  }),
  groupsInProbe: true,
  savesProfile: false,
};
