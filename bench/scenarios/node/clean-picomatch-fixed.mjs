// Clean, with a popular package: matchers for a fixed set of configured patterns, memoized; each call
// filters a batch of paths. The memo is bounded by the configuration, so it fills once.
import picomatch from 'picomatch';

const patterns = ['src/**/*.ts', '!src/**/*.test.ts', 'lib/**/*.{js,mjs}', 'docs/*.md', '**/fixtures/**'];
const memo = new Map();

function matcherFor(pattern) {
  let m = memo.get(pattern);
  if (m === undefined) {
    m = picomatch(pattern.replace(/^!/, ''));
    memo.set(pattern, m);
  }
  return m;
}

const paths = Array.from({ length: 300 }, (_, i) => `${['src', 'lib', 'docs', 'test'][i % 4]}/dir${i % 9}/file${i}.${['ts', 'js', 'md', 'mjs'][i % 4]}`);

export default function run() {
  let kept = 0;
  for (const path of paths) {
    if (patterns.some((p) => !p.startsWith('!') && matcherFor(p)(path)) && !matcherFor('!src/**/*.test.ts')(path)) kept++;
  }
  return kept;
}

export const expect = { leaks: false, bytesPerIteration: 0 };
