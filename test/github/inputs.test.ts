/** The Action's inputs: defaults, validation messages, and action.yml agreeing with the code. */
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readInputs } from '../../src/github/inputs.ts';
import { DEFAULTS } from '../../src/analysis/defaults.ts';
import { UsageError } from '../../src/errors.ts';
import { tempDir } from '../temp-dir.ts';
import { actionYmlBlock, actionYmlText } from '../action-yml.ts';

const workspace = tempDir('memgate-inputs-');
mkdirSync(join(workspace, 'app'));

const envName = (input: string): string => `INPUT_${input.replace(/ /g, '_').toUpperCase()}`;
function setInputs(inputs: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
  process.env['GITHUB_WORKSPACE'] = workspace;
  for (const [name, value] of Object.entries(inputs)) process.env[envName(name)] = value;
}

afterEach(() => setInputs({}));

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
    assert.equal(inputs.leakRate, DEFAULTS.leakRate);
    assert.equal(inputs.confirmBudgetSeconds, DEFAULTS.confirmBudgetSeconds);
    assert.equal(inputs.stackDepth, DEFAULTS.stackDepth);
    assert.equal(inputs.profiler, 'inspector');
    assert.equal(inputs.comment, 'always');
    assert.equal(inputs.failOnRegression, true);
    assert.equal(inputs.artifactName, 'memgate-report');
    assert.equal(inputs.key, '');
    assert.equal(inputs.mode, 'auto');
    assert.equal(inputs.workingDirectory, workspace);
  });

  test("action.yml's defaults give exactly the code's defaults", () => {
    const declared = actionYmlBlock(actionYmlText(), 'inputs');
    const fromYml = Object.fromEntries(
      [...declared].filter(([name]) => name !== 'github-token').map(([name, d]) => [name, d.default ?? '']),
    );
    setInputs({ ...fromYml, workloads: 'a.mjs' });
    const withDefaults = readInputs();
    setInputs({ workloads: 'a.mjs' });
    assert.deepEqual(withDefaults, readInputs());
    assert.equal(declared.get('github-token')?.default, '${{ github.token }}');
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
      'leak-rate': '1.5KiB',
      'confirm-budget': '0',
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
    assert.equal(inputs.leakRate, 1536);
    assert.equal(inputs.confirmBudgetSeconds, 0);
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
    [
      'artifact-name',
      'a+profiles',
      /^Input "artifact-name": "a\+profiles" contains "\+", which memgate keeps for "<name>\+profiles"/,
    ],
    ['working-directory', 'nope', /^Input "working-directory": "nope" is not a directory/],
    [
      'working-directory',
      '..',
      /^Input "working-directory": "\.\." is outside the workspace .*e\.g\. "\." or "packages\/api"/,
    ],
    ['working-directory', '/etc', /^Input "working-directory": "\/etc" is outside the workspace/],
    ['trials', '100', /^Input "trials": "100" is more than 25/],
    ['timeout', '5m', /^Input "timeout": "5m"/],
    ['leak-rate', '0', /^Input "leak-rate": "0" must be more than 0 bytes \(e\.g\. 1KB\)$/],
    ['leak-rate', '-1KB', /^Input "leak-rate": "-1KB" is not a size: sizes cannot be negative/],
    ['confirm-budget', '-5', /^Input "confirm-budget": "-5" is not a whole number \(0 or more\) \(e\.g\. 60\)$/],
    ['confirm-budget', '1m', /^Input "confirm-budget": "1m" is not a whole number/],
  ];
  for (const [name, value, message] of bad) {
    test(`${name}: ${JSON.stringify(value)} is refused naming the input`, () => {
      setInputs({ workloads: 'a.mjs', [name]: value });
      assert.throws(
        () => readInputs(),
        (err: unknown) => err instanceof UsageError && message.test(err.message),
      );
    });
  }

  test('workloads are required, except in comment mode', () => {
    setInputs({});
    assert.throws(
      () => readInputs(),
      /^UsageError: Input "workloads": no workload given.*e\.g\. perf\/cache\.bench\.mjs/,
    );
    setInputs({ mode: 'comment', 'working-directory': 'not-checked-out' });
    assert.deepEqual(readInputs().workloads, []);
  });
});
