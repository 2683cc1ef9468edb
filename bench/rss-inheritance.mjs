// Why memgate reads peak RSS from VmHWM rather than ru_maxrss (issue 15): Linux carries into a child's ru_maxrss what
// its parent's forked copy held before exec, so a process spawned by a large one reads high. This grows its own heap
// by steps and, at each, spawns `python3 -c ""`, printing the child's ru_maxrss beside its VmHWM.
// Usage: node --max-old-space-size=4000 bench/rss-inheritance.mjs [python3]
import { spawnSync } from 'node:child_process';

const python = process.argv[2] ?? 'python3';
const child =
  "import resource;print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, [int(l.split()[1]) // 1024 for l in open('/proc/self/status') if l.startswith('VmHWM')][0])";
const held = [];
for (let step = 0; step <= 4; step++) {
  if (step > 0) for (let i = 0; i < 6e6; i++) held.push({ i });
  const [maxrss, hwm] = spawnSync(python, ['-c', child], { encoding: 'utf8' }).stdout.trim().split(' ');
  const rss = Math.round(process.memoryUsage().rss / 2 ** 20);
  console.log(`this process ${rss} MiB RSS: the child's ru_maxrss ${maxrss} MiB, its VmHWM ${hwm} MiB`);
}
