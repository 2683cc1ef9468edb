/**
 * Include/exclude globs the shell expanded (issue 13, item 5). `memgate run --include src/** perf/x.mjs`, unquoted,
 * reaches memgate as `--include src/a.ts src/b.ts src/server.ts perf/x.mjs`: the include is one plain file and its
 * siblings are imported as workloads (a server among them starts listening). Low on false alarms: a value is
 * suspect only when it names an existing file without any glob character and a workload sits in the same folder.
 */
import { statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { createSiteFilter } from './analysis/filters.ts';

interface FilterContext {
  include: readonly string[];
  exclude: readonly string[];
  patterns: readonly string[];
  cwd: string;
}

const GLOB_CHARACTERS = /[*?[\]{}()!]/;

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

const toPosix = (path: string): string => path.split(sep).join('/');

/** Include/exclude values that look like a glob the shell expanded, each with the workloads beside it. */
function suspects(context: FilterContext): { kind: 'include' | 'exclude'; value: string; siblings: string[] }[] {
  const plainWorkloads = context.patterns.filter((p) => !GLOB_CHARACTERS.test(p));
  const out: { kind: 'include' | 'exclude'; value: string; siblings: string[] }[] = [];
  for (const kind of ['include', 'exclude'] as const) {
    for (const value of context[kind]) {
      const path = resolve(context.cwd, value);
      if (GLOB_CHARACTERS.test(value) || !isFile(path)) continue;
      const siblings = plainWorkloads.filter((p) => dirname(resolve(context.cwd, p)) === dirname(path));
      if (siblings.length > 0) out.push({ kind, value, siblings });
    }
  }
  return out;
}

/** Warnings for values that look shell-expanded, said before anything runs. */
export function expandedFilterValues(context: FilterContext): string[] {
  return suspects(context).map(
    ({ kind, value, siblings }) =>
      `${kind} '${value}' is one file, and ${siblings.length === 1 ? 'the workload' : 'the workloads'} ${siblings.join(', ')} ` +
      `${siblings.length === 1 ? 'sits' : 'sit'} beside it: if the shell expanded an unquoted glob, the files it matched run as ` +
      `workloads; quote the glob (--${kind} '${toPosix(dirname(value))}/**')`,
  );
}

/**
 * For a "workload" that exports nothing runnable: a hint when it is a file the include globs name, or one the shell
 * may have put among the workloads. Null when neither.
 */
export function noExportHint(path: string, context: FilterContext): string | null {
  const relativePath = toPosix(relative(context.cwd, resolve(context.cwd, path)));
  const matching = context.include.filter((p) => createSiteFilter({ include: [p], exclude: [] })(relativePath, 'user'));
  const expanded = suspects(context).filter((s) =>
    s.siblings.some((p) => resolve(context.cwd, p) === resolve(context.cwd, path)),
  );
  if (matching.length === 0 && expanded.length === 0) return null;
  const why =
    matching.length > 0
      ? `it is also matched by include ${matching.map((p) => `'${p}'`).join(', ')}`
      : `it sits beside ${expanded[0]!.kind} '${expanded[0]!.value}', one file`;
  return (
    `Hint: ${why}. Is it code to measure rather than a workload? A glob left unquoted after --include or --exclude is ` +
    'expanded by the shell, and the files it matches are imported as workloads (side effects and all): quote the glob'
  );
}
