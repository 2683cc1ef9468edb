/**
 * A small reader of the Markdown the renderer emits, following CommonMark/GFM rules for the parts
 * that matter: fenced code blocks and pipe tables (split on pipes not escaped by an odd number of
 * backslashes, like cmark-gfm). Used to check structure survives hostile input.
 */
export interface Table {
  header: string[];
  columns: number;
  /** The delimiter row's cells (`--:`), null when the second line was not one. */
  delimiter: string[] | null;
  /** Data rows (after the delimiter row). */
  rows: string[][];
}

export interface Structure {
  /** Text outside fenced code blocks. */
  outside: string;
  /** Bodies of fenced code blocks. */
  code: string[];
  tables: Table[];
  unclosedFence: boolean;
}

export function splitCells(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let backslashes = 0;
  for (const ch of line) {
    if (ch === '|' && backslashes % 2 === 0) {
      cells.push(current);
      current = '';
    } else {
      current += ch;
    }
    backslashes = ch === '\\' ? backslashes + 1 : 0;
  }
  cells.push(current);
  // A row `| a | b |` has empty text before the first and after the last pipe.
  if (cells[0]?.trim() === '') cells.shift();
  if (cells[cells.length - 1]?.trim() === '') cells.pop();
  return cells.map((c) => c.trim());
}

export function analyze(md: string): Structure {
  const lines = md.split('\n');
  const outside: string[] = [];
  const code: string[] = [];
  const tables: Table[] = [];
  let fence: string | null = null;
  let body: string[] = [];
  let table: Table | null = null;
  for (const line of lines) {
    if (fence !== null) {
      const close = /^ {0,3}(`{3,})\s*$/.exec(line);
      if (close && close[1]!.length >= fence.length) {
        code.push(body.join('\n'));
        fence = null;
        body = [];
      } else {
        body.push(line);
      }
      continue;
    }
    const open = /^ {0,3}(`{3,})([^`]*)$/.exec(line);
    if (open) {
      fence = open[1]!;
      table = null;
      continue;
    }
    outside.push(line);
    if (line.startsWith('|')) {
      const cells = splitCells(line);
      if (table === null) {
        table = { header: cells, columns: cells.length, delimiter: null, rows: [] };
        tables.push(table);
      } else if (table.delimiter === null && table.rows.length === 0 && cells.every((c) => /^:?-+:?$/.test(c))) {
        table.delimiter = cells;
      } else {
        table.rows.push(cells);
      }
    } else {
      table = null;
    }
  }
  return { outside: outside.join('\n'), code, tables, unclosedFence: fence !== null };
}
