"""A Celery worker for the end-to-end tests (test_worker.py starts it as a subprocess).

It is the project's worker, with two things the tests set through the environment:
the broker's key prefix (so that test runs sharing a Redis server never take each
other's tasks), and a parse that can be slowed down or made to kill its own process on
a marked file, which is what a crash in pdfium does to the process it runs in.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from config.celery import app  # noqa: E402
from disclosures.services import parse as parse_service  # noqa: E402

CRASH_MARK = b"CRASH-THE-PARSER"
real_parse = parse_service.parse_bytes


def parse_bytes(data: bytes, source: str = ""):
    if CRASH_MARK in data:
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(float(os.environ.get("TEST_PARSE_DELAY", "0")))
    return real_parse(data, source)


if __name__ == "__main__":
    parse_service.parse_bytes = parse_bytes
    app.conf.broker_transport_options = {
        "visibility_timeout": 3600,
        "global_keyprefix": os.environ["TEST_BROKER_PREFIX"],
    }
    app.worker_main(
        ["worker", "--loglevel=INFO", "--concurrency=1", "--pool=prefork",
         "--without-gossip", "--without-mingle", "--hostname", f"e2e-{os.getpid()}@%h"]
    )  # fmt: skip
