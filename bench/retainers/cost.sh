#!/bin/bash
# The retainer capture's cost on a heap of about N MiB (README, Who holds the leak):
#   bench/retainers/cost.sh node|python N   (run from the repository's top, after npm run build)
# Prints the heap walked, the capture's wall time and the largest RSS of any process (GNU time's).
set -e
kind=$1 size=$2
workload=bench/retainers/cost-heap.mjs
[ "$kind" = python ] && workload=bench/retainers/cost_heap.py
out=$(mktemp -d)
MEMGATE_COST_MIB=$size /usr/bin/time -v node dist/cli.js run "$workload" --out-dir "$out" --format json --timeout 900 \
  --retainers-max-heap 1GB > "$out/stdout.json" 2> "$out/time.txt" || true
python3 - "$out" <<'PY'
import json, re, sys
out = sys.argv[1]
w = json.load(open(f'{out}/stdout.json'))['workloads'][0]
rss = int(re.search(r'Maximum resident set size \(kbytes\): (\d+)', open(f'{out}/time.txt').read()).group(1))
r = w.get('retainers') or {}
print(f"heap {w['memory']['after']['heapUsed'] / 2**20:.0f} MiB: capture {r.get('status')} in {r.get('ms', 0) / 1000:.0f} s, "
      f"max RSS {rss / 1024:.0f} MiB (measurement alone {w['memory']['peakRss'] / 2**20:.0f} MiB) {r.get('reason', '')}")
PY
rm -rf "$out"
