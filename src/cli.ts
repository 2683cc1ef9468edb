#!/usr/bin/env node
// The `memgate` bin (dist/cli.js): the CLI itself is cli/main.ts, loaded once Node's compile cache is on (22.1+), so
// that a run reuses V8's code for the bundle (a megabyte, mostly zod) from the last one instead of compiling it again.
import module from 'node:module';

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const [{ main }, { processIo }] = await Promise.all([import('./cli/main.ts'), import('./cli/io.ts')]);
process.exitCode = await main(process.argv.slice(2), processIo());
