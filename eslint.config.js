// Lint: typescript-eslint's type-aware rules, so that a promise nobody awaits (a lost rejection, a step that
// finishes before its upload) is an error. Formatting is prettier's (.prettierrc), not eslint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_GLOBALS = [
  ...['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'performance', 'fetch', 'AbortController'],
  ...['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate'],
  ...['queueMicrotask', 'structuredClone', 'TextEncoder', 'TextDecoder', 'globalThis'],
];

export default tseslint.config(
  { ignores: ['dist/', 'runtimes/', 'node_modules/', 'bench/results/', 'test/fixtures/', 'bench/scenarios/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's test() and describe() return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain JavaScript (scripts, bench runners) runs on Node: its globals, without a dependency for the list.
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: Object.fromEntries(NODE_GLOBALS.map((name) => [name, 'readonly'])) },
  },
);
