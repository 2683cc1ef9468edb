/**
 * The CLI's arguments, read against the settings table. parseArgs tokenizes (non-strict, so that memgate, not
 * Node, words every error); each token is then checked here: unknown flags get a suggestion, a flag missing its
 * value says so, and a negative number is a value (`--top -1` is "not a positive whole number", not ambiguous).
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.ts';
import { CLI_COMMANDS, flagsOf, readSettings, type CliCommand, type Setting, type SettingValues } from '../settings.ts';
import { closest } from './suggest.ts';

export interface CommandArgs {
  values: SettingValues;
  positionals: string[];
  /** --help or -h was given: print this command's help and nothing else. */
  help: boolean;
}

const HELP = 'help';
const NEGATIVE_NUMBER = /^-\d/;

export function parseCommandArgs(command: CliCommand, args: string[]): CommandArgs {
  const flags = new Map(flagsOf(command).map(([, setting]) => [setting.flag, setting]));
  const options = Object.fromEntries([
    ...[...flags].map(([flag, setting]) => [flag, { type: 'string' as const, multiple: setting.list === true }]),
    [HELP, { type: 'boolean' as const, short: 'h' }],
  ]);
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  const positionals = tokens.flatMap((token) => (token.kind === 'positional' ? [token.value] : []));
  // Help wins over every other mistake on the line: it is what the user asked for.
  const help = tokens.some((token) => token.kind === 'option' && token.name === HELP);
  if (help)
    return {
      values: readSettings(
        () => undefined,
        () => '',
      ),
      positionals,
      help,
    };
  const given = new Map<Setting, string[]>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const setting = flags.get(token.name);
    if (!setting) throw new UsageError(unknownOption(command, token.rawName, [...flags.keys()]));
    const value = token.value;
    if (value === undefined || (!token.inlineValue && value.startsWith('-') && !NEGATIVE_NUMBER.test(value))) {
      throw new UsageError(
        `${token.rawName} needs a value, e.g. ${token.rawName} ${setting.example}` +
          (value === undefined || value.startsWith('--')
            ? ''
            : ` (for a value that starts with a dash, write ${token.rawName}=${value})`),
      );
    }
    given.set(setting, [...(given.get(setting) ?? []), value]);
  }
  const values = readSettings(
    (setting) => given.get(setting),
    (setting) => `--${setting.flag ?? ''}`,
  );
  return { values, positionals, help: false };
}

function unknownOption(command: CliCommand, rawName: string, flags: string[]): string {
  const name = rawName.replace(/^-+/, '');
  const start = `unknown option ${rawName}`;
  const elsewhere = CLI_COMMANDS.find((other) => other !== command && flagsOf(other).some(([, s]) => s.flag === name));
  if (elsewhere) return `${start}: it is an option of memgate ${elsewhere}, not of memgate ${command}`;
  const suggestion = closest(name, [...flags, HELP]);
  const hint = suggestion ? `; did you mean --${suggestion}?` : '';
  return `${start}${hint} (memgate ${command} --help lists the options)`;
}
