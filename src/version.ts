import { readFileSync } from 'node:fs';

/** Set by scripts/build.mjs, so that dist/ carries the version alone rather than all of package.json. */
declare const __MEMGATE_VERSION__: string | undefined;

/** memgate's own version, recorded in every report. */
export const TOOL_VERSION: string =
  typeof __MEMGATE_VERSION__ === 'string'
    ? __MEMGATE_VERSION__
    : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
