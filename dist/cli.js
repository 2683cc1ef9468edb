#!/usr/bin/env node
import { createRequire as __memgateCreateRequire } from 'node:module';
const require = __memgateCreateRequire(import.meta.url);

// src/cli.ts
import module from "node:module";
module.enableCompileCache?.();
var [{ main }, { processIo }] = await Promise.all([import("./chunks/main-23S2SWPD.js"), import("./chunks/io-VNZHDPDB.js")]);
process.exitCode = await main(process.argv.slice(2), processIo());
