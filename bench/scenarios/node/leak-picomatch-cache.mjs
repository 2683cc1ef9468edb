// Leak through a popular package: matchers memoized by pattern, with patterns that come from users
// (e.g. per-request filters), so the cache grows with every new pattern. picomatch itself is fine.
import picomatch from 'picomatch';

const matchers = new Map();

function isIncluded(file, pattern) {
  let matcher = matchers.get(pattern);
  if (matcher === undefined) {
    matcher = picomatch(pattern);
    matchers.set(pattern, matcher);
  }
  return matcher(file);
}

let request = 0;
export default function run() {
  const pattern = `src/**/team-${request++}/*.{js,ts}`;
  isIncluded('src/app/team-1/index.ts', pattern);
}

// Ground truth: bench/truth.mjs measured 6,100 B/iteration retained (Node 20.20.2, heapUsed + external after forced GCs, long pass).
export const expect = { leaks: true, bytesPerIteration: 6_100, function: 'isIncluded', line: 7, holder: 'matchers' };
