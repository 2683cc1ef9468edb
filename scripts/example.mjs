// `npm run example`: memgate on the examples, as a user runs it (dist/cli.js). Two workloads leak and one is
// clean, so memgate prints the leaking lines and exits 1; this script checks that it did and exits 0.
import { spawnSync } from 'node:child_process';

const workloads = ['examples/node/leaky-cache.mjs', 'examples/node/clean-lru.mjs', 'examples/python/leaky_registry.py'];
const result = spawnSync(process.execPath, ['dist/cli.js', 'run', ...workloads], { stdio: 'inherit' });
if (result.status === 1) {
  console.log('\nExit code 1, as expected: memgate caught the two planted leaks and passed the clean cache.');
  process.exit(0);
}
console.error(`\nmemgate exited with ${result.status ?? result.signal}; expected 1 (a gate failed on the planted leaks).`);
process.exit(1);
