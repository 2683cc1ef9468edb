// Installs Node 22 and 24 (what GitHub runners offer besides 20) into runtimes/node_modules, pinned by
// runtimes/package-lock.json, so the tests can run workloads and the Action on each. Skipped when the
// installed versions are the locked ones. Outside CI a failed install only warns: the tests that need these
// runtimes then say they were skipped.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../runtimes/', import.meta.url));
const lock = JSON.parse(readFileSync(`${dir}package-lock.json`, 'utf8'));
const names = ['node22', 'node24'];
const installed = (name) => {
  const manifest = `${dir}node_modules/${name}/package.json`;
  return (
    existsSync(`${dir}node_modules/${name}/bin/node`) &&
    existsSync(manifest) &&
    JSON.parse(readFileSync(manifest, 'utf8')).version === lock.packages[`node_modules/${name}`]?.version
  );
};
if (names.every(installed)) process.exit(0);

console.error('memgate tests: installing Node 22 and 24 into runtimes/ (once per version bump) ...');
// --ignore-scripts: the packages are plain binaries; nothing of theirs needs to run.
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
if (result.status !== 0 || !names.every(installed)) {
  const message =
    'memgate tests: could not install Node 22/24 into runtimes/ (they are Linux x64 builds); the tests that run on them will be skipped.';
  if (process.env.CI) {
    console.error(`${message} CI must test every runtime: failing.`);
    process.exit(1);
  }
  console.error(message);
}
