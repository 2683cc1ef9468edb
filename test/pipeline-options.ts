/** runPipeline's options at the defaults a user gets, for tests that measure real workloads in process. */
import { DEFAULTS } from '../src/analysis/defaults.ts';
import type { PipelineOptions } from '../src/pipeline.ts';
import { tempDir } from './temp-dir.ts';

export function pipelineOptions(
  patterns: string[],
  cwd: string,
  overrides: Partial<PipelineOptions> = {},
): PipelineOptions {
  return {
    patterns,
    cwd,
    iterations: null,
    groupBy: DEFAULTS.groupBy,
    top: 5,
    include: [],
    exclude: [],
    ceilings: { maxRetained: null, maxHeap: null, maxRss: null },
    profiler: 'inspector',
    samplingInterval: DEFAULTS.samplingInterval,
    stackDepth: DEFAULTS.stackDepth,
    timeoutSeconds: 120,
    trials: 1,
    outDir: tempDir('memgate-pipeline-'),
    ...overrides,
  };
}
