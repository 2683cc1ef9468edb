import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseReportText, timingsSchema } from '../../src/report/schema.ts';

// zod drops keys a schema does not name: a timing the probe reports must be named here or a base report loses it.
test('timings keep the confirmation pass and the GC counts on read-back', () => {
  const timings = {
    setupMs: 3,
    pass1Ms: 40,
    pass2Ms: 80,
    collectMs: 12,
    profileMs: 30,
    confirmMs: 900,
    confirmPassMs: 850,
    gc: { full: 14, fullMs: 21.5, profileReads: 2, readGcMs: 4.25 },
    totalMs: 1100,
  };
  assert.deepEqual(timingsSchema.parse(timings), timings);
  assert.throws(() => timingsSchema.parse({ ...timings, gc: { ...timings.gc, full: -1 } }));
});

test('a report that is not JSON says so, and keeps the parser error as its cause', () => {
  assert.throws(
    () => parseReportText('{"schema":', 'base.json'),
    (error: Error) =>
      /base\.json is not a valid .* report: not JSON/.test(error.message) && error.cause instanceof SyntaxError,
  );
});
