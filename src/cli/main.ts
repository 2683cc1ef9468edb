/**
 * The local front door: `memgate run` and `memgate compare`, with the Action's pipeline and renderers.
 * Exit codes: 0 every gate passed, 1 a gate failed or the head regressed, 2 usage, configuration or workload error.
 * Progress and errors go to stderr, so that stdout stays clean for `--format json`.
 */
import { UsageError } from '../errors.ts';
import { CLI_COMMANDS, type CliCommand } from '../settings.ts';
import { TOOL_VERSION } from '../version.ts';
import { compareCommand } from './compare.ts';
import type { CliIo } from './io.ts';
import { runCommand } from './run.ts';
import { closest } from './suggest.ts';
import { commandUsage, usage } from './usage.ts';

export type { CliIo } from './io.ts';

const COMMANDS: Record<CliCommand, (args: string[], io: CliIo) => Promise<number>> = {
  run: runCommand,
  compare: compareCommand,
};

const isCommand = (word: string | undefined): word is CliCommand => CLI_COMMANDS.some((c) => c === word);

/** `memgate help [command]`. */
function help(topic: string | undefined, io: CliIo): number {
  if (topic === undefined) io.stdout(`${usage()}\n`);
  else if (isCommand(topic)) io.stdout(`${commandUsage(topic)}\n`);
  else throw new UsageError(unknownCommand(topic, 'no help on'));
  return 0;
}

function unknownCommand(word: string, start = 'unknown command'): string {
  const suggestion = closest(word, [...CLI_COMMANDS, 'help']);
  const expected = `expected ${CLI_COMMANDS.map((c) => `"${c}"`).join(' or ')}`;
  return `${start} "${word}": ${suggestion ? `did you mean "${suggestion}"? ` : ''}${expected} (memgate --help lists them)`;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (isCommand(command)) return await COMMANDS[command](rest, io);
    if (command === '--version' || command === '-v' || command === 'version') {
      io.stdout(`${TOOL_VERSION}\n`);
      return 0;
    }
    if (command === '--help' || command === '-h' || command === 'help') return help(rest[0], io);
    if (command === undefined) {
      io.stderr(`${usage()}\n`);
      return 2;
    }
    throw new UsageError(unknownCommand(command));
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`memgate: ${err.message}\n`);
      return 2;
    }
    io.stderr(`memgate: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 2;
  }
}
