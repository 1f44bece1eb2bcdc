"""A Celery worker for the end-to-end tests (test_worker.py starts it as a subprocess).

It is the project's worker with what the tests set through the environment: the broker's
key prefix (so that test runs sharing a Redis server never take each other's tasks), a
parse slowed down by TEST_PARSE_DELAY seconds, a marked file that kills the worker's own
process (what nothing should, and the attempt cap is for), and the sandboxed child
pointed at crashing_parse.py, where another mark crashes the child as pdfium can.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# the sandboxed child finds crashing_parse.py through this
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), os.getenv("PYTHONPATH")]))

import django  # noqa: E402

django.setup()

from config.celery import WORKER_OPTIONS, app  # noqa: E402
from disclosures.parsing import sandbox  # noqa: E402
from disclosures.services import parse as parse_service  # noqa: E402

KILL_THE_WORKER = b"KILL-THE-WORKER"
sandboxed = parse_service.parse_in_child


def parse_in_child(data: bytes, source: str = "", **limits):
    if KILL_THE_WORKER in data:
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(float(os.environ.get("TEST_PARSE_DELAY", "0")))
    return sandboxed(data, source, **limits)


if __name__ == "__main__":
    parse_service.parse_in_child = parse_in_child
    sandbox.TARGET = "crashing_parse:parse_bytes"
    app.conf.broker_transport_options = {
        "visibility_timeout": 3600,
        "global_keyprefix": os.environ["TEST_BROKER_PREFIX"],
    }
    app.worker_main(
        ["worker", "--loglevel=INFO", "--concurrency=1", "--pool=prefork",
         *WORKER_OPTIONS, "--hostname", f"e2e-{os.getpid()}@%h"]
    )  # fmt: skip
