/** The report on stdout in the format asked for. */
import type { OutputFormat } from '../choices.ts';
import { renderMarkdown } from '../report/markdown.ts';
import type { Report } from '../report/schema.ts';
import { renderText } from '../report/text.ts';

export function formatReport(report: Report, format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'markdown') return `${renderMarkdown(report)}\n`;
  return `${renderText(report)}\n`;
}
