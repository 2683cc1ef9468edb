// A Python workload imports the project's packages as projects write them: from the working directory (the
// project root), as `python -m` and pytest's rootdir put it on sys.path, besides the workload's own folder.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runPipeline } from '../../src/pipeline.ts';
import { pipelineOptions } from '../pipeline-options.ts';
import { tempDir } from '../temp-dir.ts';

test('a workload in perf/ imports app.ingest from the project root, and its leak is charged to app/ingest.py', async () => {
  const project = tempDir('memgate-py-imports-');
  mkdirSync(join(project, 'app'));
  mkdirSync(join(project, 'perf'));
  writeFileSync(join(project, 'app', '__init__.py'), '');
  writeFileSync(
    join(project, 'app', 'ingest.py'),
    '_seen = []\n\n\ndef handle_event(event):\n    _seen.append([event["id"]] * 256)\n',
  );
  writeFileSync(
    join(project, 'perf', 'ingest_memgate.py'),
    'from app.ingest import handle_event\n\n_n = 0\n\n\ndef run():\n    global _n\n    _n += 1\n    handle_event({"id": _n})\n',
  );
  const { report } = await runPipeline(pipelineOptions(['perf/ingest_memgate.py'], project, { top: 3 }));
  const w = report.workloads[0]!;
  assert.notEqual(w.verdict.status, 'error', w.verdict.reasons.join('; '));
  assert.equal(w.verdict.status, 'fail', w.verdict.reasons.join('; '));
  assert.equal(`${w.top[0]?.file}:${w.top[0]?.line}`, 'app/ingest.py:5');
});
