import { createRequire as __memgateCreateRequire } from 'node:module';
const require = __memgateCreateRequire(import.meta.url);

// src/cli.ts
console.error("memgate: not built yet");
process.exit(2);
