#!/bin/bash
# memgate against the bare tracemalloc two-pass script on fast-growing Python leaks, alternately, as users run them
# (unpinned): bench/python-big/compare.sh [python] [rounds] [cli]   (from the repository's top, after npm run build;
# cli: dist/cli.js, or another build's, to compare two of them). Prints per run: wall, the retainer capture's time,
# the largest RSS of any process (GNU time's) and memgate's measurement's own peak.
set -e
py=${1:-python3} rounds=${2:-2} cli=${3:-dist/cli.js}
out=$(mktemp -d)
for round in $(seq "$rounds"); do
  for workload in bench/python-big/big_list_leak.py bench/python-big/big_dict_leak.py; do
    /usr/bin/time -f '%e %M' -o "$out/bare.time" "$py" bench/lib/tracemalloc_two_pass.py "$workload" 50 32 2 "$out/bare.json"
    /usr/bin/time -f '%e %M' -o "$out/memgate.time" node "$cli" run "$workload" --python "$py" --format json \
      --out-dir "$out/raw" > "$out/memgate.json" 2> /dev/null || true
    python3 - "$out" "$workload" "$round" <<'PY'
import json, sys
out, workload, round_ = sys.argv[1:]
bare_wall, bare_rss = open(f'{out}/bare.time').read().split()[-2:]
wall, rss = open(f'{out}/memgate.time').read().split()[-2:]
w = json.load(open(f'{out}/memgate.json'))['workloads'][0]
r = w.get('retainers') or {}
print(f"{round_} {workload.split('/')[-1]}: memgate {float(wall):.2f} s, max RSS {int(rss) / 1024:.0f} MiB "
      f"(measurement {w['memory']['peakRss'] / 2**20:.0f}), capture {r.get('ms', 0)} ms, verdict {w['verdict']['status']}; "
      f"bare {float(bare_wall):.2f} s, {int(bare_rss) / 1024:.0f} MiB; ratio wall {float(wall) / float(bare_wall):.2f}x, "
      f"RSS {int(rss) / int(bare_rss):.2f}x")
PY
  done
done
rm -rf "$out"
