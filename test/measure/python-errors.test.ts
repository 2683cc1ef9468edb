// How Python workloads fail: each failure comes back as a WorkloadError of the right kind, never a throw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectError, fixture, lineOf, measurePython } from '../fixtures/python/harness.ts';

test("a workload that raises shows the Python traceback from the user's code, kind 'threw'", async () => {
  const error = expectError(await measurePython('raises.py'));
  assert.equal(error.kind, 'threw');
  assert.equal(error.phase, 'pass1');
  assert.equal(error.iteration, 3);
  assert.match(error.message, /ValueError: bad row 3/);
  assert.ok(error.stack, 'the traceback is there');
  assert.match(error.stack, /^Traceback \(most recent call last\):/);
  assert.ok(
    error.stack.includes(`File "${fixture('raises.py')}", line ${await lineOf('raises.py', '# RAISES')}, in helper`),
    error.stack,
  );
  assert.ok(error.stack.includes(', in run'), error.stack);
  assert.match(error.stack, /ValueError: bad row 3\s*$/);
  assert.ok(!error.stack.includes('python_probe.py'), "the probe's frames are cut from the traceback");
});

test("a module without run() is 'no-export', saying what is expected", async () => {
  const error = expectError(await measurePython('no_run.py'));
  assert.equal(error.kind, 'no-export');
  assert.equal(error.phase, 'load');
  assert.match(error.message, /no run\(\)/);
  assert.match(error.message, /def run\(\)/);
});

test("a syntax error and a missing import are 'load' errors with the offending line", async () => {
  const syntax = expectError(await measurePython('syntax_error.py'));
  assert.equal(syntax.kind, 'load');
  assert.match(syntax.message, /SyntaxError/);
  assert.ok(syntax.stack?.includes(`File "${fixture('syntax_error.py')}", line 1`), syntax.stack);

  const missing = expectError(await measurePython('missing_import.py'));
  assert.equal(missing.kind, 'load');
  assert.match(missing.message, /ModuleNotFoundError: No module named 'memgate_no_such_module'/);
  assert.ok(missing.stack?.includes(`File "${fixture('missing_import.py')}", line 1, in <module>`), missing.stack);
  assert.ok(!missing.stack?.includes('importlib._bootstrap'), 'import machinery frames are cut');
});

test("sys.exit() inside the workload is kind 'exit', with where it happened", async () => {
  const error = expectError(await measurePython('exits.py'));
  assert.equal(error.kind, 'exit');
  assert.equal(error.phase, 'pass2');
  assert.equal(error.iteration, 2);
  assert.match(error.message, /exit code 3/);
});

test("a workload file that does not exist is 'not-found'", async () => {
  const error = expectError(await measurePython('no_such_workload.py'));
  assert.equal(error.kind, 'not-found');
  assert.ok(error.message.includes('no_such_workload.py'));
});

test("a missing interpreter is a 'runtime' error naming it", async () => {
  const error = expectError(await measurePython('leaky_cache.py', { pythonPath: '/nonexistent/python3' }));
  assert.equal(error.kind, 'runtime');
  assert.ok(error.message.includes('"/nonexistent/python3"'), error.message);
  assert.match(error.message, /not found/);
  assert.match(error.message, /3\.9 or later/);
});

test('a non-daemon thread the workload leaves running does not hold the process once the result is written', async () => {
  const outcome = await measurePython('lingering_thread.py', { timeoutSeconds: 30 });
  assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.error.kind}: ${outcome.error.message}`);
});

test("a MemoryError is 'oom' with the figures at the moment it happened, not the last progress event's", async () => {
  const error = expectError(await measurePython('memory_error.py'));
  assert.equal(error.kind, 'oom');
  assert.equal(error.phase, 'pass2');
  assert.equal(error.iteration, 2);
  // Five 8 MB bytearrays were held when the sixth allocation failed: tracemalloc's current figure shows them.
  assert.ok(error.lastMemory && error.lastMemory.heapUsed >= 5 * 8 * 1024 * 1024, JSON.stringify(error.lastMemory));
});

test("options['iterations'] that is not a positive integer is 'no-export', even when the caller overrides it", async () => {
  for (const iterations of [null, 20]) {
    const error = expectError(await measurePython('bad_iterations.py', { iterations }));
    assert.equal(error.kind, 'no-export');
    assert.equal(error.message, `options["iterations"] must be a positive integer, got '100'`);
  }
});
