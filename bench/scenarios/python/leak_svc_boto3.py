"""Leak (service-shaped, real PyPI libraries): a boto3 S3 client (endpoint_url pointed at a local Flask app that
answers ListBuckets as S3 does, over loopback) whose every answer is kept "for later": each parsed response is
built deep inside botocore's parser, twenty-odd frames below the line that keeps it.
Skipped where boto3 or Flask is not installed (bench/lib/corpus.ts)."""
import threading

import boto3
from flask import Flask, Response
from werkzeug.serving import make_server

app = Flask(__name__)
_server = None
_s3 = None
_kept = []
_n = 0

LIST_BUCKETS = """<?xml version="1.0" encoding="UTF-8"?>
<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
<Owner><ID>owner</ID><DisplayName>memgate</DisplayName></Owner>
<Buckets>{buckets}</Buckets></ListAllMyBucketsResult>"""


@app.get("/")
def list_buckets():
    buckets = "".join(f"<Bucket><Name>bucket-{_n}-{i}</Name><CreationDate>2026-12-06T00:00:00.000Z</CreationDate></Bucket>" for i in range(3))
    return Response(LIST_BUCKETS.format(buckets=buckets), content_type="application/xml")


def setup():
    global _server, _s3
    _server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=_server.serve_forever, daemon=True).start()
    _s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{_server.server_port}", region_name="us-east-1",
                       aws_access_key_id="memgate", aws_secret_access_key="memgate")


def run():
    global _n
    _n += 1
    _kept.append(_s3.list_buckets())


def teardown():
    _server.shutdown()


# Ground truth (bench/truth.mjs, Python 3.11.7, tracemalloc): 3,855 B/iteration retained (slope over 6,000 iterations after 3,000 of warm-up; runs 4298 3748 3855); one 50-iteration pass after 50 of warm-up: 4,141 B/iteration.
EXPECT = {"leaks": True, "bytesPerIteration": 3_855, "function": "run", "line": 40, "service": True, "holder": "_kept", "requires": ["boto3", "flask"]}
