import pkg from '../package.json' with { type: 'json' };

/** memgate's own version, recorded in every report. */
export const TOOL_VERSION: string = pkg.version;
