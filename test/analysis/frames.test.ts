import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { attributionFrame, classifyFrame, relativePath } from '../../src/analysis/frames.ts';
import { frame, PROBE, rawFrame } from './helpers.ts';

describe('classifyFrame', () => {
  it('tells user, dependency and runtime frames apart', () => {
    assert.equal(classifyFrame(frame('src/cache.ts', 3, 'remember')), 'user');
    assert.equal(classifyFrame(frame('node_modules/lodash/clone.js', 10, 'clone')), 'dependency');
    assert.equal(classifyFrame(frame('packages/a/node_modules/@scope/x/index.js', 1)), 'dependency');
    assert.equal(classifyFrame(frame('/usr/lib/python3/dist-packages/yaml/parser.py', 1)), 'dependency');
    assert.equal(classifyFrame(frame('/venv/lib/python3.11/site-packages/requests/api.py', 1)), 'dependency');
    for (const runtime of [
      frame('node:internal/streams/readable', 10, 'push'),
      frame('', 0, 'push'),
      frame('', 0, '(root)'),
      frame('', 0, '(program)'),
      frame('', 0, '(V8 API)'),
      frame('', 0, '(GC)'),
      frame('<frozen importlib._bootstrap>', 241),
      rawFrame('internal/modules/cjs/loader.js', 1),
      rawFrame('evalmachine.<anonymous>', 1),
      PROBE[0]!,
    ]) {
      assert.equal(classifyFrame(runtime), 'runtime', JSON.stringify(runtime));
    }
  });

  it('counts Python stdlib paths as runtime but site-packages beneath them as dependencies', () => {
    const runtimePaths = ['/usr/lib/python3.11', '/usr/lib/python3.11/lib-dynload'];
    assert.equal(classifyFrame(frame('/usr/lib/python3.11/json/encoder.py', 200), { runtimePaths }), 'runtime');
    assert.equal(
      classifyFrame(frame('/usr/lib/python3.11/site-packages/attr/_make.py', 5), { runtimePaths }),
      'dependency',
    );
    assert.equal(
      classifyFrame(frame('/usr/lib/python3.11x/mine.py', 5), { runtimePaths }),
      'user',
      'prefix must end at a path boundary',
    );
    assert.equal(classifyFrame(frame('app/main.py', 5), { runtimePaths }), 'user');
  });

  it('reads Windows paths and file URLs', () => {
    assert.equal(
      classifyFrame({ functionName: 'f', file: 'C:\\work\\app\\node_modules\\x\\i.js', line: 1, column: 1 }),
      'dependency',
    );
    assert.equal(
      classifyFrame({ functionName: 'f', file: 'file:///repo/node_modules/x/i.js', line: 1, column: 1 }),
      'dependency',
    );
  });
});

describe('relativePath', () => {
  it('makes paths under cwd relative and leaves the rest alone', () => {
    assert.equal(relativePath('/repo/src/a.ts', '/repo'), 'src/a.ts');
    assert.equal(relativePath('/repo/src/a.ts', '/repo/'), 'src/a.ts');
    assert.equal(relativePath('/repository/a.ts', '/repo'), '/repository/a.ts');
    assert.equal(relativePath('/usr/lib/python3.11/json/encoder.py', '/repo'), '/usr/lib/python3.11/json/encoder.py');
    assert.equal(relativePath('node:internal/x', '/repo'), 'node:internal/x');
    assert.equal(relativePath('file:///repo/src/a.mjs', '/repo'), 'src/a.mjs');
    assert.equal(relativePath('C:\\Work\\app\\src\\a.js', 'c:\\work\\app'), 'src/a.js');
  });
});

describe('attributionFrame', () => {
  const user = frame('src/report.ts', 42, 'buildRows');
  const helper = frame('node_modules/lodash/cloneDeep.js', 7, 'baseClone');
  const helperCaller = frame('node_modules/lodash/cloneDeep.js', 30, 'cloneDeep');
  const builtin = frame('', 0, 'push');
  const internal = frame('node:internal/util', 5, 'deprecate');

  it('charges a dependency helper called from user code to the user line', () => {
    assert.equal(attributionFrame([builtin, helper, helperCaller, user, ...PROBE]), user);
  });

  it('skips runtime frames', () => {
    assert.equal(attributionFrame([builtin, internal, user, ...PROBE]), user);
  });

  it('stops at the dependency when asked not to skip dependencies', () => {
    assert.equal(attributionFrame([builtin, helper, user], { skipDependencies: false }), helper);
  });

  it('falls back to the first dependency frame, then to the innermost frame', () => {
    assert.equal(attributionFrame([builtin, helper, helperCaller, ...PROBE]), helper);
    assert.equal(attributionFrame([builtin, internal, ...PROBE]), builtin);
    assert.equal(attributionFrame([]), undefined);
  });

  it('walks past Python stdlib frames given as runtime paths', () => {
    const encoder = frame('/usr/lib/python3.11/json/encoder.py', 258, 'iterencode');
    const dumps = frame('/usr/lib/python3.11/json/__init__.py', 231, 'dumps');
    const mine = frame('app/export.py', 12);
    const runtimePaths = ['/usr/lib/python3.11'];
    assert.equal(attributionFrame([encoder, dumps, mine], { runtimePaths }), mine);
    assert.equal(
      attributionFrame([encoder, dumps, mine]),
      encoder,
      'without runtimePaths the stdlib looks like user code',
    );
  });
});
