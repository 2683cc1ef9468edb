/** The settings table: action.yml agrees with it, and the CLI and the Action accept and refuse the same values. */
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULTS } from '../src/analysis/defaults.ts';
import { OUTPUT_NAMES } from '../src/action/outcome.ts';
import { parseCommandArgs } from '../src/cli/args.ts';
import { readInputs } from '../src/github/inputs.ts';
import {
  inputDefaultOf,
  MAX_TRIALS,
  pipelineSettings,
  readSettings,
  settingEntries,
  SETTINGS,
} from '../src/settings.ts';
import { actionYmlBlock, actionYmlText } from './action-yml.ts';
import { tempDir } from './temp-dir.ts';

const yml = actionYmlText();
const inputs = actionYmlBlock(yml, 'inputs');
const outputs = actionYmlBlock(yml, 'outputs');

describe('action.yml', () => {
  test('declares exactly the inputs of the settings table, each with its default and a description', () => {
    const fromTable = settingEntries().flatMap(([, s]) => (s.input === undefined ? [] : [s]));
    assert.deepEqual([...inputs.keys()].sort(), fromTable.map((s) => s.input).sort());
    for (const setting of fromTable) {
      const declared = inputs.get(setting.input!)!;
      assert.equal(declared.default, inputDefaultOf(setting), `default of ${setting.input}`);
      assert.equal(declared.required, 'false', `${setting.input} is required: false (checked by memgate instead)`);
      assert.ok(declared.description.length > 20, `${setting.input} has a description`);
    }
  });

  test('declares exactly the outputs the Action sets', () => {
    assert.deepEqual([...outputs.keys()], [...OUTPUT_NAMES]);
    for (const [name, o] of outputs) assert.ok(o.description.length > 10, name);
    assert.match(yml, /\nruns:\n {2}using: node24\n {2}main: dist\/index\.js\n/);
  });

  test('the new settings carry their defaults: leak-rate 512 bytes per iteration, confirm-budget 60 s', () => {
    assert.equal(inputs.get('leak-rate')?.default, '512B');
    assert.equal(inputs.get('confirm-budget')?.default, '60');
    const defaults = readSettings(
      () => undefined,
      () => '',
    );
    assert.equal(defaults.leakRate, DEFAULTS.leakRate);
    assert.equal(defaults.confirmBudgetSeconds, DEFAULTS.confirmBudgetSeconds);
    // action.yml's default text parses to the code's default.
    assert.equal(SETTINGS.leakRate.parse(inputs.get('leak-rate')!.default!, 'x'), DEFAULTS.leakRate);
  });
});

describe('both front doors', () => {
  const workspace = tempDir('memgate-settings-');
  const setInputs = (values: Record<string, string>): void => {
    for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
    process.env['GITHUB_WORKSPACE'] = workspace;
    for (const [name, value] of Object.entries(values)) process.env[`INPUT_${name.toUpperCase()}`] = value;
  };
  afterEach(() => setInputs({}));

  const errorOf = (fn: () => unknown): string => {
    try {
      fn();
      return 'accepted';
    } catch (err) {
      return (err as Error).message;
    }
  };

  const shared = settingEntries().filter(([, s]) => s.flag !== undefined && s.input !== undefined && !s.list);
  const samples = [
    '-1',
    '0',
    '1',
    '1.5',
    String(MAX_TRIALS),
    String(MAX_TRIALS + 1),
    'x',
    '10%',
    '512KB',
    '0B',
    'line',
    'v8-profiler-next',
  ];

  test('every shared setting accepts and refuses the same values, with the same message', () => {
    assert.ok(shared.length >= 14, shared.map(([k]) => k).join());
    for (const [key, setting] of shared) {
      for (const sample of samples) {
        const command = setting.commands?.includes('run') === false ? 'compare' : 'run';
        const cli = errorOf(() => parseCommandArgs(command, [`--${setting.flag}=${sample}`]).values[key]);
        setInputs({ workloads: 'a.mjs', [setting.input!]: sample });
        const action = errorOf(() => readInputs());
        assert.equal(
          cli.replace(`--${setting.flag}`, '<name>'),
          action.replace(`Input "${setting.input}"`, '<name>'),
          `${key} ${sample}`,
        );
      }
    }
  });

  test('given the same values, both doors hand the pipeline the same settings', () => {
    const given = {
      iterations: '20',
      top: '5',
      'leak-rate': '2KB',
      'confirm-budget': '0',
      trials: '3',
      'max-heap': '64MB',
      profiler: 'v8-profiler-next',
    };
    const cli = parseCommandArgs(
      'run',
      Object.entries(given).map(([k, v]) => `--${k}=${v}`),
    ).values;
    setInputs({ workloads: 'a.mjs', ...given });
    const action = readInputs();
    const fromCli = pipelineSettings(cli);
    assert.equal(fromCli.leakRate, 2048);
    assert.equal(fromCli.confirmBudgetSeconds, 0);
    for (const key of [
      'iterations',
      'top',
      'leakRate',
      'confirmBudgetSeconds',
      'trials',
      'profiler',
      'ceilings',
    ] as const) {
      assert.deepEqual(action[key], fromCli[key], key);
    }
  });
});
