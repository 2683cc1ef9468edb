/** The Action's inputs: defaults, validation messages, and action.yml agreeing with the code. */
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readInputs } from '../../src/github/inputs.ts';
import { OUTPUT_NAMES } from '../../src/action/outcome.ts';
import { DEFAULTS } from '../../src/analysis/defaults.ts';
import { UsageError } from '../../src/errors.ts';
import { tempDir } from '../temp-dir.ts';

const repoFile = (path: string): string => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
const workspace = tempDir('memgate-inputs-');
mkdirSync(join(workspace, 'app'));

const envName = (input: string): string => `INPUT_${input.replace(/ /g, '_').toUpperCase()}`;
function setInputs(inputs: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
  process.env['GITHUB_WORKSPACE'] = workspace;
  for (const [name, value] of Object.entries(inputs)) process.env[envName(name)] = value;
}

afterEach(() => setInputs({}));

/** action.yml's inputs and their defaults, read with a small line parser (the file's shape is ours). */
function actionYmlInputs(): Map<string, string> {
  const out = new Map<string, string>();
  const text = repoFile('action.yml');
  const section = text.slice(text.indexOf('\ninputs:'), text.indexOf('\noutputs:'));
  let current = '';
  for (const line of section.split('\n')) {
    const name = /^ {2}([a-z-]+):\s*$/.exec(line);
    if (name) current = name[1]!;
    const def = /^ {4}default:\s*(.*)$/.exec(line);
    if (def && current) out.set(current, def[1]!.replace(/^'(.*)'$/, '$1'));
  }
  return out;
}

describe('inputs', () => {
  test('defaults when only workloads are given', () => {
    setInputs({ workloads: 'perf/a.mjs\n\n  perf/*.py  \n' });
    const inputs = readInputs();
    assert.deepEqual(inputs.workloads, ['perf/a.mjs', 'perf/*.py']);
    assert.equal(inputs.iterations, null);
    assert.deepEqual(inputs.ceilings, { maxRetained: null, maxHeap: null, maxRss: null });
    assert.equal(inputs.maxIncrease, null);
    assert.equal(inputs.groupBy, 'line');
    assert.equal(inputs.top, DEFAULTS.top);
    assert.equal(inputs.samplingInterval, DEFAULTS.samplingInterval);
    assert.equal(inputs.timeoutSeconds, DEFAULTS.timeoutSeconds);
    assert.equal(inputs.trials, 1);
    assert.equal(inputs.profiler, 'inspector');
    assert.equal(inputs.comment, 'always');
    assert.equal(inputs.failOnRegression, true);
    assert.equal(inputs.artifactName, 'memgate-report');
    assert.equal(inputs.key, '');
    assert.equal(inputs.mode, 'auto');
    assert.equal(inputs.workingDirectory, workspace);
  });

  test("action.yml's defaults give exactly the code's defaults, and every input and output is declared", () => {
    const declared = actionYmlInputs();
    const fromYml = Object.fromEntries([...declared].filter(([name]) => name !== 'github-token'));
    setInputs({ ...fromYml, workloads: 'a.mjs' });
    const withDefaults = readInputs();
    setInputs({ workloads: 'a.mjs' });
    assert.deepEqual(withDefaults, readInputs());
    assert.equal(declared.get('github-token'), '${{ github.token }}');

    const read = [...repoFile('src/github/inputs.ts').matchAll(/(?:text|lines|choice|bool|positiveInt|optionalPositiveInt)\('([a-z-]+)'/g)].map((m) => m[1]!);
    for (const name of new Set(read)) assert.ok(declared.has(name), `action.yml lacks input "${name}"`);
    for (const name of declared.keys()) assert.ok(read.includes(name), `inputs.ts never reads "${name}"`);
    const yml = repoFile('action.yml');
    for (const name of OUTPUT_NAMES) assert.match(yml.slice(yml.indexOf('\noutputs:')), new RegExp(`\\n  ${name}:`), `action.yml lacks output "${name}"`);
    assert.match(yml, /using: node24\n\s+main: dist\/index\.js/);
  });

  test('values are parsed', () => {
    setInputs({
      workloads: 'a.mjs',
      iterations: '20',
      'max-retained': '512KB',
      'max-increase': '10%',
      'group-by': 'traceback',
      include: 'src/**\nlib/**',
      comment: 'on-regression',
      'fail-on-regression': 'False',
      key: 'node-22.x_linux',
      'working-directory': 'app',
      mode: 'measure',
      python: '/usr/bin/python3',
    });
    const inputs = readInputs();
    assert.equal(inputs.iterations, 20);
    assert.equal(inputs.ceilings.maxRetained, 512 * 1024);
    assert.deepEqual(inputs.maxIncrease, { kind: 'percent', value: 10 });
    assert.equal(inputs.groupBy, 'traceback');
    assert.deepEqual(inputs.include, ['src/**', 'lib/**']);
    assert.equal(inputs.comment, 'on-regression');
    assert.equal(inputs.failOnRegression, false);
    assert.equal(inputs.key, 'node-22.x_linux');
    assert.equal(inputs.workingDirectory, join(workspace, 'app'));
    assert.equal(inputs.python, '/usr/bin/python3');
  });

  const bad: [string, string, RegExp][] = [
    ['iterations', 'abc', /^Input "iterations": "abc" .*e\.g\. 50/],
    ['iterations', '0', /^Input "iterations": "0"/],
    ['iterations', '1.5', /^Input "iterations": "1\.5"/],
    ['top', '-3', /^Input "top": "-3"/],
    ['max-retained', '10XB', /^Input "max-retained": .*10XB/],
    ['max-heap', 'lots', /^Input "max-heap": .*lots/],
    ['max-increase', 'ten percent', /^Input "max-increase": .*ten percent/],
    ['group-by', 'lines', /^Input "group-by": "lines" is not one of "line", "file", "traceback"/],
    ['profiler', 'v8', /^Input "profiler": "v8" is not one of "inspector", "v8-profiler-next"/],
    ['comment', 'sometimes', /^Input "comment": "sometimes" is not one of "always", "on-regression", "never"/],
    ['mode', 'fork', /^Input "mode": "fork" is not one of "auto", "measure", "comment"/],
    ['fail-on-regression', 'yes', /^Input "fail-on-regression": "yes" is not a boolean: use true or false/],
    ['key', 'node 22', /^Input "key": "node 22" .*e\.g\. node-20/],
    ['artifact-name', 'reports/memgate', /^Input "artifact-name": "reports\/memgate" .*e\.g\. memgate-report/],
    ['working-directory', 'nope', /^Input "working-directory": "nope" is not a directory/],
    ['working-directory', '..', /^Input "working-directory": "\.\." is outside the workspace .*e\.g\. "\." or "packages\/api"/],
    ['working-directory', '/etc', /^Input "working-directory": "\/etc" is outside the workspace/],
    ['trials', '100', /^Input "trials": "100" is more than 25/],
    ['timeout', '5m', /^Input "timeout": "5m"/],
  ];
  for (const [name, value, message] of bad) {
    test(`${name}: ${JSON.stringify(value)} is refused naming the input`, () => {
      setInputs({ workloads: 'a.mjs', [name]: value });
      assert.throws(() => readInputs(), (err: unknown) => err instanceof UsageError && message.test(err.message));
    });
  }

  test('workloads are required, except in comment mode', () => {
    setInputs({});
    assert.throws(() => readInputs(), /^UsageError: Input "workloads": no workload given.*e\.g\. perf\/cache\.bench\.mjs/);
    setInputs({ mode: 'comment', 'working-directory': 'not-checked-out' });
    assert.deepEqual(readInputs().workloads, []);
  });
});
