/** Python: modules run by the user's CPython, measured by tracemalloc (every allocation, grouped in the probe). */
import { buildPythonCommand } from '../python-command.ts';
import type { Runtime } from './types.ts';

export const PYTHON: Runtime = {
  name: 'python',
  extensions: ['.py'],
  command: (_workload, options, config) => buildPythonCommand(options, config),
  // As python_probe.py states it: tracemalloc traces every allocation and counts them, from one trace.
  profiler: ({ stackDepth }) => ({
    backend: 'tracemalloc',
    samplingInterval: null,
    stackDepth,
    countsObjects: true,
    continuous: true,
  }),
  groupsInProbe: true,
  savesProfile: false,
};
