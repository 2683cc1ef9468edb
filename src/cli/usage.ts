/** The CLI's help, written from the settings table. */
import { defaultHelpOf, flagsOf, type CliCommand, type Setting } from '../settings.ts';
import { TOOL_VERSION } from '../version.ts';

const WIDTH = 100;
const FLAG_COLUMN = 30;

const COMMANDS: Record<CliCommand, { synopsis: string; what: string }> = {
  run: {
    synopsis: 'memgate run <workload...> [options]',
    what: 'measure workloads (.mjs .js .cjs .ts .mts .cts .py, or globs)',
  },
  compare: {
    synopsis: 'memgate compare <base.json> <head.json> [options]',
    what: 'compare two reports: did the head regress against the base?',
  },
};

const EXIT_CODES =
  'Exit codes: 0 pass, 1 a gate failed (compare: the head regressed), 2 usage, configuration or workload error.';

/** Words wrapped to WIDTH, continuation lines indented by `indent`. */
function wrap(text: string, indent: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

function optionLine(setting: Setting & { flag: string }): string {
  const flag = `  --${setting.flag} ${setting.arg}${setting.list ? ' ...' : ''}`;
  const byDefault = defaultHelpOf(setting);
  const help = `${setting.help}${byDefault ? ` (default: ${byDefault})` : ''}`;
  const pad = flag.length + 2 > FLAG_COLUMN ? `\n${' '.repeat(FLAG_COLUMN)}` : ' '.repeat(FLAG_COLUMN - flag.length);
  return `${flag}${pad}${wrap(help, FLAG_COLUMN)}`;
}

const optionsOf = (command: CliCommand): string =>
  flagsOf(command)
    .map(([, s]) => optionLine(s))
    .join('\n');

/** `memgate --help`: every command and its options. */
export function usage(): string {
  const commands = Object.values(COMMANDS).map(({ synopsis, what }) => `  ${synopsis}\n      ${what}`);
  return [
    `memgate ${TOOL_VERSION}: name the lines whose retained memory grows, and gate on it.`,
    `Usage:\n${commands.join('\n')}\n  memgate help [run|compare]\n      this help, or one command's`,
    `Options for run:\n${optionsOf('run')}`,
    `Options for compare:\n${optionsOf('compare')}`,
    `Sizes: bytes, or a number with B, KB, MB, GB (1024-based) or KiB, MiB, GiB.`,
    EXIT_CODES,
  ].join('\n\n');
}

/** `memgate <command> --help`. */
export function commandUsage(command: CliCommand): string {
  const { synopsis, what } = COMMANDS[command];
  return [`Usage: ${synopsis}`, `  ${what}`, `Options:\n${optionsOf(command)}`, EXIT_CODES].join('\n\n');
}
