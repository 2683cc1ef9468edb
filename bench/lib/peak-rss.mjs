// The bench's Node runners' peak RSS, read as memgate's probe reads it (node-probe.ts highWaterRss): Linux's VmHWM, else
// ru_maxrss. ru_maxrss carries into a child what its parent's forked copy held before exec, and the bench's own process
// is large (bench/rss-inheritance.mjs).
import { readFileSync } from 'node:fs';

export function peakRss() {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // No /proc: ru_maxrss.
  }
  return process.resourceUsage().maxRSS * 1024;
}
