/**
 * The table behind memgate's defaults: the corpus run (bench/run.ts) once per candidate setting, in one
 * session, with fewer trials than the full bench. Each variant writes bench/results/sweeps/<label>/latest.*;
 * this script then puts their targets side by side in bench/results/sweeps.md (quoted by the README).
 * Usage: node --import tsx bench/sweep-defaults.ts [--trials 5] [--leak-trials 3] [--only LABEL]...
 * (GC rounds are swept by bench/sweep-gc.ts, which needs the probe's own knob.)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const benchDir = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '5' },
    'leak-trials': { type: 'string', default: '3' },
    only: { type: 'string', multiple: true, default: [] },
  },
});

const VARIANTS: { label: string; args: string[] }[] = [
  { label: 'default (4096 B, 50 iterations, inlining off)', args: [] },
  { label: 'sampling 1024 B', args: ['--sampling-interval', '1024'] },
  { label: 'sampling 16384 B', args: ['--sampling-interval', '16384'] },
  { label: 'sampling 32768 B', args: ['--sampling-interval', '32768'] },
  { label: 'JIT inlining on', args: ['--inlining'] },
  { label: '20 iterations', args: ['--iterations', '20'] },
];

const slug = (label: string): string =>
  label
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
const only = values.only ?? [];
const chosen = VARIANTS.filter((v) => only.length === 0 || only.some((o) => v.label.includes(o)));

interface Target {
  name: string;
  value: string;
  pass: boolean;
}

const rows: string[][] = [];
for (const variant of chosen) {
  const out = join(benchDir, 'results', 'sweeps', slug(variant.label));
  console.log(`\n=== ${variant.label} ===`);
  const args = [
    '--import',
    'tsx',
    join(benchDir, 'run.ts'),
    '--trials',
    values.trials!,
    '--leak-trials',
    values['leak-trials']!,
    '--skip',
    'snapshot',
    '--skip',
    'load',
    '--out',
    out,
    ...variant.args,
  ];
  const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`${variant.label}: bench/run.ts exited ${run.status}`);
  const results = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as { targets: Target[] };
  const cell = (prefix: string): string => {
    const target = results.targets.find((t) => t.name.startsWith(prefix));
    return target ? `${target.value}${target.pass ? '' : ' ✗'}` : '—';
  };
  rows.push([
    variant.label,
    cell('false alarms'),
    cell('leaks'),
    cell('top row'),
    cell("expected line's sampled growth"),
    cell('wall-time overhead, allocation-heaviest'),
    cell('wall-time overhead, typical'),
  ]);
}

const header = [
  'setting',
  'false alarms (clean runs)',
  'leaks ≥ 64 KiB/pass detected',
  'top row right',
  'line estimate within ±15%',
  'wall ×, allocation-heaviest',
  'wall ×, typical (median)',
];
const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
const text = `# Defaults sweep\n\n${new Date().toISOString()} · ${values.trials} trials per clean scenario, ${values['leak-trials']} per leak · node ${process.version} · ✗ = misses the bench target\n\n${table}\n`;
// Some variants only: printed, not written over the table the README quotes.
if (only.length === 0) writeFileSync(join(benchDir, 'results', 'sweeps.md'), text);
console.log(`\n${text}`);
