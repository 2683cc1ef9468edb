/** The report on stdout in the format asked for. */
import type { BaseComparison } from '../analysis/base-compare.ts';
import type { OutputFormat } from '../choices.ts';
import { renderMarkdown } from '../report/markdown.ts';
import type { Report } from '../report/schema.ts';
import { renderText } from '../report/text.ts';

export function formatReport(report: Report, format: OutputFormat, against?: Against): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'markdown') {
    const base = against
      ? { comparison: against.comparison, sha: against.label, createdAt: against.createdAt }
      : undefined;
    return `${renderMarkdown(report, base ? { base } : {})}\n`;
  }
  return `${renderText(report, against ? { comparison: against.comparison } : {})}\n`;
}

/** The base a run was gated against (`memgate run --base`). */
export interface Against {
  comparison: BaseComparison;
  label: string;
  createdAt: string;
}
