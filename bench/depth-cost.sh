#!/bin/bash
# What the Python stack depth costs on one scenario (README, defaults table): memgate run at depths 12, 20 and 32,
# alternating, 2 rounds; wall, setup, passes, peak RSS and the top row.
#   bench/depth-cost.sh clean_svc_flask.py   (from the repository's top, after npm run build; a file of bench/scenarios/python)
set -e
cd "$(dirname "$0")/.."
out=$(mktemp -d)
for round in 1 2; do
  for d in 12 20 32; do
    start=$(date +%s.%N)
    node dist/cli.js run bench/scenarios/python/$1 --stack-depth $d --retainers-max-heap 0 --json "$out/report.json" >/dev/null 2>&1 || true  # exit 1: a leak
    end=$(date +%s.%N)
    python3 -c "
import json;w=json.load(open('$out/report.json'))['workloads'][0];t=w['timings']
print('depth $d round $round wall %.2f s' % ($end-$start), 'setup+startup %.0f ms' % (t.get('startupMs',0)+t.get('setupMs',0)), 'pass1 %.0f pass2 %.0f ms' % (t['pass1Ms'], t['pass2Ms']), 'peak %.0f MiB' % (w['memory']['peakRss']/2**20), 'top', w['top'][0]['key'].split('/')[-1] if w['top'] else '-')"
  done
done
rm -rf "$out"
