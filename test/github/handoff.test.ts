import assert from 'node:assert/strict';
import { test } from 'node:test';
import { handoffFromZip } from '../../src/github/artifacts.ts';
import { makeZip } from './fake/zip.ts';

const valid = {
  schema: 'memgate.pr/v1',
  number: 7,
  headSha: 'a'.repeat(40),
  baseRef: 'main',
  key: '',
  pathPrefix: 'packages/api/',
};
const zipWith = (handoff: unknown): Buffer =>
  makeZip({ 'pr.json': typeof handoff === 'string' ? handoff : JSON.stringify(handoff) });

test("a pull request run's handoff is read back as written", () => {
  assert.deepEqual(handoffFromZip(zipWith(valid), 'artifact memgate'), valid);
  assert.equal(handoffFromZip(zipWith({ ...valid, pathPrefix: '' }), 'artifact memgate').pathPrefix, '');
});

test('a handoff whose pathPrefix could steer links elsewhere is refused, naming the field', () => {
  for (const pathPrefix of ['../x/', '/etc/', 'a/../../', 'https://evil.example/', 'pkg', 'a b/', 'pkg/\n']) {
    assert.throws(
      () => handoffFromZip(zipWith({ ...valid, pathPrefix }), 'artifact memgate'),
      /artifact memgate's pr\.json is not valid: pathPrefix must/,
      JSON.stringify(pathPrefix),
    );
  }
});

test('a handoff that is not JSON says so, naming the artifact', () => {
  assert.throws(
    () => handoffFromZip(zipWith('{"schema":'), 'artifact memgate'),
    /artifact memgate's pr\.json is not JSON: /,
  );
  assert.throws(
    () => handoffFromZip(makeZip({ 'report.json': '{}' }), 'artifact memgate'),
    /artifact memgate has no pr\.json/,
  );
});
