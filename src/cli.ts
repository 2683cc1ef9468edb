#!/usr/bin/env node
// The `memgate` bin (dist/cli.js): the CLI itself is cli/main.ts.
import { main } from './cli/main.ts';
import { processIo } from './cli/io.ts';

process.exitCode = await main(process.argv.slice(2), processIo());
