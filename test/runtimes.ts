/** The extra Node runtimes that `npm test` installs into runtimes/ (scripts/install-runtimes.mjs). */
import { fileURLToPath } from 'node:url';

const runtime = (name: string): string =>
  fileURLToPath(new URL(`../runtimes/node_modules/${name}/bin/node`, import.meta.url));

export const NODE22 = runtime('node22');
export const NODE24 = runtime('node24');
