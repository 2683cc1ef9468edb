// `npm run example`: memgate on the examples, as a user runs it (dist/cli.js). Two workloads leak and one is
// clean: memgate prints the leaking lines and exits 1. This script checks each verdict and exits 0 when they
// are the expected ones.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const expected = {
  'examples/node/leaky-cache.mjs': 'fail',
  'examples/node/clean-lru.mjs': 'pass',
  'examples/python/leaky_registry.py': 'fail',
};
const dir = mkdtempSync(join(tmpdir(), 'memgate-example-'));
try {
  const json = join(dir, 'report.json');
  const result = spawnSync(process.execPath, ['dist/cli.js', 'run', ...Object.keys(expected), '--json', json], {
    stdio: 'inherit',
  });
  const verdicts =
    result.status === 1
      ? Object.fromEntries(JSON.parse(readFileSync(json, 'utf8')).workloads.map((w) => [w.path, w.verdict.status]))
      : {};
  const wrong = Object.entries(expected).filter(([path, status]) => verdicts[path] !== status);
  if (result.status === 1 && wrong.length === 0) {
    console.log('\nExit code 1, as expected: memgate caught both planted leaks and passed the clean cache.');
  } else {
    const got = wrong
      .map(([path, status]) => `${path}: expected ${status}, got ${verdicts[path] ?? 'no verdict'}`)
      .join('; ');
    console.error(`\nmemgate exited with ${result.status ?? result.signal} (expected 1)${got ? `; ${got}` : ''}.`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
