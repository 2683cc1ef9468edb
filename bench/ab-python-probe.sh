#!/usr/bin/env bash
# Side by side, two versions of one file of the Python probe: alternating fresh `memgate run` processes on each
# scenario, the file swapped in dist/probe between runs (put back on exit). One line per run: scenario, version, wall
# ms (the whole CLI), the retainer capture's ms (workloads[0].retainers.ms), the confirmation's ms, the verdict, and the
# top row's first retainer path with its objects and bytes.
#   git show <rev>:src/measure/probe/python_retainers.py > /tmp/old.py
#   bash bench/ab-python-probe.sh python_retainers.py /tmp/old.py src/measure/probe/python_retainers.py 3 leak_list_growth leak_callbacks
set -euo pipefail
file=$1 old=$2 new=$3 rounds=$4
shift 4
cd "$(dirname "$0")/.."
target=dist/probe/$file
kept=$(mktemp)
out=$(mktemp)
cp "$target" "$kept"
trap 'cp "$kept" "$target"; rm -f "$kept" "$out"' EXIT
for scenario in "$@"; do
  for _ in $(seq "$rounds"); do
    for version in old new; do
      if [ "$version" = old ]; then cp "$old" "$target"; else cp "$new" "$target"; fi
      started=$(date +%s%N)
      node dist/cli.js run "bench/scenarios/python/$scenario.py" --format json >"$out" 2>/dev/null || true
      wall=$((($(date +%s%N) - started) / 1000000))
      python3 - "$out" "$scenario" "$version" "$wall" <<'PY'
import json, sys
path, scenario, version, wall = sys.argv[1:]
workload = json.load(open(path))['workloads'][0]
verdict = workload['verdict'] if isinstance(workload['verdict'], str) else workload['verdict'].get('status')
top = (workload['top'][0].get('retainers') or [{}])[0] if workload.get('top') else {}
held = '>'.join(step['name'] for step in top.get('path', []))
print(scenario, version, wall, workload.get('retainers', {}).get('ms'), workload['timings'].get('confirmMs'), verdict, top.get('objects'), top.get('bytes'), held)
PY
    done
  done
done
