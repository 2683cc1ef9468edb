# The retainer capture's cost (bench/retainers/cost.sh): a traced heap of about MEMGATE_COST_MIB MiB (small dicts with strings), plus a leak per call.
import os

MIB = int(os.environ.get('MEMGATE_COST_MIB', '32'))
records = {}
leaked = []


def setup():
    for i in range(MIB * 3_200):  # about 3,200 records per MiB traced
        records[i] = {'id': i, 'name': f'record-{i}'}


def leak(i):
    leaked.append({'i': i, 'payload': 'p' * 4096 + str(i)})


def run():
    leak(len(leaked))
