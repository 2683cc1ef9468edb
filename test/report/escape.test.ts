import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ZWJ,
  codeBlock,
  encodePath,
  escapeMarkdown,
  isRepoFile,
  safeUrl,
  terminalSafe,
  truncate,
  truncateStart,
} from '../../src/report/escape.ts';

test('escapeMarkdown: table, HTML and link syntax become literal', () => {
  assert.equal(escapeMarkdown('a|b'), 'a\\|b');
  assert.equal(escapeMarkdown('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert\\(1\\)&gt;');
  assert.equal(escapeMarkdown('[x](http://e.vil)'), `\\[x\\]\\(http:${ZWJ}//e.vil\\)`);
  assert.equal(escapeMarkdown('![i](j)'), '\\!\\[i\\]\\(j\\)');
  assert.equal(escapeMarkdown('&amp;'), '&amp;amp;');
  assert.equal(escapeMarkdown('*a* _b_ ~c~ `d` $e$ \\'), '\\*a\\* \\_b\\_ \\~c\\~ \\`d\\` \\$e\\$ \\\\');
});

test('escapeMarkdown: newlines and controls cannot start a new row or block', () => {
  assert.equal(escapeMarkdown('a\nb\r\nc\rd\u2028e'), 'a b c d e');
  assert.equal(escapeMarkdown('x\u0000\u001b[31my\u202Ez'), 'x\uFFFD\uFFFD\\[31my\uFFFDz');
  assert.equal(escapeMarkdown('\uD800x'), '\uFFFDx');
});

test('escapeMarkdown: mentions, references and autolinks are defused', () => {
  assert.equal(escapeMarkdown('@octocat'), `@${ZWJ}octocat`);
  assert.equal(escapeMarkdown('a@b.com'), `a@${ZWJ}b.com`);
  assert.equal(escapeMarkdown('#123'), `\\#${ZWJ}123`);
  assert.equal(escapeMarkdown('GH-12'), `GH${ZWJ}-12`);
  assert.equal(escapeMarkdown('see https://x.y'), `see https:${ZWJ}//x.y`);
  assert.equal(escapeMarkdown('www.x.y'), `www${ZWJ}.x.y`);
  assert.ok(!escapeMarkdown('<!-- hi -->').includes('<!--'));
});

test('escapeMarkdown: caps length before escaping', () => {
  const out = escapeMarkdown('x'.repeat(10_000), 50);
  assert.equal(out, 'x'.repeat(49) + '…');
});

test('truncate/truncateStart keep surrogate pairs whole', () => {
  assert.equal(truncate('😀😀😀😀', 3), '😀😀…');
  assert.equal(truncateStart('😀😀😀😀', 3), '…😀😀');
  assert.equal(truncate('abc', 3), 'abc');
  assert.equal(truncateStart('a/b/c/file.js', 8), '…file.js');
});

test('codeBlock: fence longer than any backtick run, <!-- defused', () => {
  const block = codeBlock('a ``` b\n`````\nc <!-- d');
  const fence = '``````';
  assert.ok(block.startsWith(`${fence}\n`));
  assert.ok(block.endsWith(`\n${fence}`));
  assert.ok(!block.includes('<!--'));
  assert.ok(block.includes('c <!\u200D-- d'));
  assert.equal(codeBlock('plain'), '```\nplain\n```');
  assert.equal(codeBlock('x\r\ny\u001b'), '```\nx\ny\uFFFD\n```');
});

test('terminalSafe: escape sequences are shown, not executed', () => {
  assert.equal(terminalSafe('\u001b[2Jgone'), '\\x1b[2Jgone');
  assert.equal(terminalSafe('a\rb'), 'a\\x0db');
  assert.equal(terminalSafe('a\nb'), 'a\u23CE b');
  assert.equal(terminalSafe('a\nb', true), 'a\nb');
  assert.equal(terminalSafe('x\u202Ey'), 'x\\u{202e}y');
});

test('encodePath and safeUrl: link targets cannot break out of Markdown', () => {
  assert.equal(encodePath('src/a (1)/b|c.js'), 'src/a%20%281%29/b%7Cc.js');
  assert.equal(encodePath('src/@scope/x#y.js'), 'src/%40scope/x%23y.js');
  assert.equal(safeUrl('javascript:alert(1)'), null);
  assert.equal(safeUrl('/relative'), null);
  assert.equal(
    safeUrl('https://github.com/o/r/actions/runs/1?x=(1)|y'),
    'https://github.com/o/r/actions/runs/1?x=%281%29%7Cy',
  );
  assert.equal(safeUrl('https://github.com/o/r/pull/1#issuecomment-2'), 'https://github.com/o/r/pull/1#issuecomment-2');
});

test('isRepoFile: only repository-relative paths get blob links', () => {
  assert.equal(isRepoFile('src/cache.js'), true);
  assert.equal(isRepoFile(''), false);
  assert.equal(isRepoFile('/abs/x.js'), false);
  assert.equal(isRepoFile('C:/x.js'), false);
  assert.equal(isRepoFile('node:internal/timers'), false);
  assert.equal(isRepoFile('../outside.js'), false);
  assert.equal(isRepoFile('node_modules/x/index.js'), false);
  assert.equal(isRepoFile('<frozen importlib._bootstrap>'), false);
});
