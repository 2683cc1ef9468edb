import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSiteFilter, DEFAULT_EXCLUDED_KINDS } from '../../src/analysis/filters.ts';

describe('createSiteFilter', () => {
  it('keeps user and dependency sites and drops runtime internals by default', () => {
    const keep = createSiteFilter({ include: [], exclude: [] });
    assert.deepEqual(DEFAULT_EXCLUDED_KINDS, ['runtime']);
    assert.equal(keep('src/a.ts', 'user'), true);
    assert.equal(keep('node_modules/x/i.js', 'dependency'), true);
    assert.equal(keep('node:internal/streams/readable', 'runtime'), false);
    assert.equal(keep('', 'runtime'), false);
  });

  it('keeps only what include globs match, dotfiles included', () => {
    const keep = createSiteFilter({ include: ['src/**', './lib/*.py'], exclude: [] });
    assert.equal(keep('src/a/b.ts', 'user'), true);
    assert.equal(keep('src/.hidden/b.ts', 'user'), true);
    assert.equal(keep('lib/x.py', 'user'), true);
    assert.equal(keep('lib/deep/x.py', 'user'), false);
    assert.equal(keep('test/a.ts', 'user'), false);
  });

  it('lets exclude win over include', () => {
    const keep = createSiteFilter({ include: ['src/**'], exclude: ['src/generated/**', '**/*.test.ts'] });
    assert.equal(keep('src/a.ts', 'user'), true);
    assert.equal(keep('src/generated/schema.ts', 'user'), false);
    assert.equal(keep('src/a.test.ts', 'user'), false);
  });

  it('keeps runtime sites that an include glob names explicitly', () => {
    const keep = createSiteFilter({ include: ['node:*/**'], exclude: [] });
    assert.equal(keep('node:internal/streams/readable', 'runtime'), true);
    assert.equal(keep('src/a.ts', 'user'), false);
  });

  it('excludes dependencies by glob', () => {
    const keep = createSiteFilter({ include: [], exclude: ['node_modules/**'] });
    assert.equal(keep('node_modules/x/i.js', 'dependency'), false);
    assert.equal(keep('src/a.ts', 'user'), true);
  });
});
