/**
 * Escaping for text that comes from the code under test (function names, file and workload paths,
 * error messages, stacks). All of it is hostile: a PR can name a function `x | y`, throw an error
 * whose message is `<img src=…>` or `@everyone`, or print ANSI escapes into a terminal. Nothing in
 * here may let such text change the structure of what we render.
 */

/** Invisible, prevents GitHub from seeing `@user`, `#123`, `https://` as mentions/references/links. */
export const ZWJ = '\u200D';

// C0/C1 controls (minus \t and \n, handled by callers), DEL, line/paragraph separators, and the bidi
// overrides/isolates that let text display in a different order than it reads ("Trojan Source").
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NEWLINES = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/** Replaces lone surrogates (which are not valid UTF-8 and make GitHub reject a body) with U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/** Cuts to at most `max` code points, ending with '…' when cut; never splits a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  if (points.length <= max) return text;
  return max <= 1 ? '…'.slice(0, max) : points.slice(0, max - 1).join('') + '…';
}

/** Like `truncate` but keeps the end (`…/deep/dir/file.js`), for paths whose tail matters most. */
export function truncateStart(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  if (points.length <= max) return text;
  return max <= 1 ? '…'.slice(0, max) : '…' + points.slice(points.length - (max - 1)).join('');
}

/** One line of plain text: newlines become spaces, controls and bidi overrides become U+FFFD. */
export function oneLine(text: string): string {
  return wellFormed(text).replace(NEWLINES, ' ').replace(/\t/g, ' ').replace(CONTROL, '\uFFFD');
}

/**
 * Hostile text → inline Markdown that renders as exactly that text (after `oneLine`) and is safe in a
 * GFM table cell, heading or paragraph: no cell break, no HTML, no link/image, no emphasis or code span,
 * no math, no @mention, no #reference, no autolink, no HTML comment. `max` caps the length (in code
 * points, before escaping) so one huge name cannot eat the whole comment.
 */
export function escapeMarkdown(text: string, max = Infinity): string {
  let out = oneLine(Number.isFinite(max) ? truncate(text, max) : text);
  // Entities first (their own '&' and ';' must not be re-escaped), then backslash escapes.
  out = out.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  out = out.replace(/[\\`*_~[\]()!|#$]/g, (c) => `\\${c}`);
  // Mentions (@user, @org/team, emails) and cross-references (#123, GH-123) are found in rendered
  // text, so escaping does not stop them: break the pattern with an invisible joiner instead.
  out = out
    .replace(/@/g, `@${ZWJ}`)
    .replace(/#/g, `#${ZWJ}`)
    .replace(/(GH)-(?=\d)/gi, `$1${ZWJ}-`);
  // Extended autolinks: `scheme://…` and `www.…`.
  out = out.replace(/:(?=\/\/)/g, `:${ZWJ}`).replace(/(www)\./gi, `$1${ZWJ}.`);
  return out;
}

/** The longest run of backticks in `text`. */
function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * A fenced code block holding `text` verbatim (controls replaced): the fence is longer than any
 * backtick run inside, so the text cannot close it. `<!--` is defused because a sticky-comment
 * lookup searches raw bodies for our HTML-comment marker.
 */
export function codeBlock(text: string, lang = ''): string {
  const body = wellFormed(text)
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .replace(CONTROL, '\uFFFD')
    .replace(/<!--/g, `<!${ZWJ}--`);
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  return `${fence}${lang}\n${body.replace(/\n+$/, '')}\n${fence}`;
}

/** Terminal text: controls (ANSI escapes included) become visible `\xNN` / `\u{…}`; keeps '\n' when `multiline`. */
export function terminalSafe(text: string, multiline = false): string {
  let out = wellFormed(text).replace(/\r\n/g, '\n').replace(/\t/g, '    ');
  if (!multiline) out = out.replace(/\n/g, '\u23CE ');
  return out.replace(CONTROL, (c) => {
    const code = c.codePointAt(0) ?? 0;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** Percent-encodes one URL path segment, including the characters Markdown link syntax cares about. */
export function encodeSegment(segment: string): string {
  return encodeURIComponent(wellFormed(segment)).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Encodes each '/'-separated segment of a path. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeSegment).join('/');
}

/**
 * An http(s) URL made safe as a Markdown link destination inside a table (no spaces, parentheses,
 * pipes, angle brackets or quotes); null for anything else (javascript:, data:, relative, garbage).
 */
export function safeUrl(url: string): string | null {
  const trimmed = url.trim();
  if (!/^https?:\/\/[^\s/]/i.test(trimmed)) return null;
  return trimmed.replace(/[^A-Za-z0-9\-._~:/?#@!$&+,;=%]/gu, (c) => encodeSegment(c));
}

/** Whether `file` names a file inside the repository that a blob link can point at. */
export function isRepoFile(file: string): boolean {
  if (file === '' || file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file)) return false; // absolute
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(file)) return false; // node:internal, file:, https:
  if (/[<>\\]/.test(file)) return false; // <anonymous>, <frozen …>, Windows paths
  const parts = file.split('/');
  return !parts.some((p) => p === '..' || p === 'node_modules' || p === 'site-packages');
}
