// Installs Node 22 and 24 (what GitHub runners offer besides 20) into runtimes/node_modules, pinned by
// runtimes/package-lock.json, so the tests can run workloads and the Action on each. Skipped when present.
// Outside CI a failed install only warns: the tests that need these runtimes then say they were skipped.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../runtimes/', import.meta.url));
const binaries = ['node22', 'node24'].map((name) => `${dir}node_modules/${name}/bin/node`);
if (binaries.every((bin) => existsSync(bin))) process.exit(0);

console.error('memgate tests: installing Node 22 and 24 into runtimes/ (once) ...');
// --ignore-scripts: the packages are plain binaries; nothing of theirs needs to run.
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
if (result.status !== 0 || !binaries.every((bin) => existsSync(bin))) {
  const message = 'memgate tests: could not install Node 22/24 into runtimes/; the tests that run on them will be skipped.';
  if (process.env.CI) {
    console.error(`${message} CI must test every runtime: failing.`);
    process.exit(1);
  }
  console.error(message);
}
