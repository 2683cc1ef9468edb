/**
 * A reader for action.yml's `inputs:` and `outputs:` blocks: enough YAML for the file's own shape (two-space
 * indents, `key: value`, `>-` folded scalars, quoted scalars), so the tests need no YAML dependency.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface DeclaredField {
  description: string;
  default?: string;
  required?: string;
}

export const actionYmlText = (): string =>
  readFileSync(fileURLToPath(new URL('../action.yml', import.meta.url)), 'utf8');

const unquote = (value: string): string => {
  const quoted = /^'(.*)'$/.exec(value) ?? /^"(.*)"$/.exec(value);
  return quoted ? quoted[1]!.replace(/''/g, "'") : value;
};

/** The entries of a top-level block (`inputs` or `outputs`), in order. */
export function actionYmlBlock(text: string, block: 'inputs' | 'outputs'): Map<string, DeclaredField> {
  const lines = text.split('\n');
  const start = lines.indexOf(`${block}:`);
  if (start < 0) throw new Error(`action.yml has no ${block}: block`);
  const out = new Map<string, DeclaredField>();
  let entry: Record<string, string> | undefined;
  let folding: string | undefined;
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break; // the next top-level key
    const name = /^ {2}([A-Za-z0-9_-]+):\s*$/.exec(line);
    const field = /^ {4}([a-z]+):\s*(.*)$/.exec(line);
    if (name) {
      entry = {};
      out.set(name[1]!, entry as unknown as DeclaredField);
      folding = undefined;
    } else if (field && entry) {
      folding = field[2] === '>-' || field[2] === '>' ? field[1]! : undefined;
      entry[field[1]!] = folding ? '' : unquote(field[2]!.trim());
    } else if (folding && entry && /^ {6}/.test(line)) {
      entry[folding] = `${entry[folding]} ${line.trim()}`.trim();
    } else if (line.trim() !== '' && !line.trim().startsWith('#')) {
      throw new Error(`action.yml: cannot read ${JSON.stringify(line)} in ${block}:`);
    }
  }
  return out;
}
