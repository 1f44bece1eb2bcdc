"""`make load` in a tiny configuration, so that it cannot rot, and its verdict on figures
given to it: a lost or stuck upload, or a slow minute, fails the run. The tiny run judges
the uploads' outcomes only: latency is `make load`'s and `make bench`'s to measure, not a
test's on a shared machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import loadtest  # noqa: E402

SETTINGS = ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "VAR_DIR")


def test_a_tiny_load_ends_with_every_upload_parsed_or_failed_with_a_reason():
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    # the worker at the site's priority: beside other tests, at WORKER_NICE it would wait
    # for all of them (tests/test_worker_nice.py checks the niceness)
    command = [sys.executable, "scripts/loadtest.py", "--uploaders", "1", "--files", "3",
               "--readers", "2", "--workers", "1", "--web", "2", "--deadline", "60",
               "--worker-nice", "0", "--slow", "0"]  # fmt: skip

    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=150)

    assert done.returncode == 0, done.stdout + done.stderr
    # the three kinds: a sample text, a real PDF, a broken PDF
    assert "parsed 已解析 2 · failed with a reason 失败并说明原因 1 ·" in done.stdout
    assert "lost 丢失 0 · stuck 卡住 0" in done.stdout
    assert "PASS" in done.stdout


def timings(*seconds: float) -> loadtest.Timings:
    measured = loadtest.Timings()
    measured.rows = [(1.0, took, "page") for took in seconds]
    return measured


def test_an_upload_with_no_document_counts_as_lost_and_fails_the_run():
    uploads = [loadtest.Upload("a.txt", document=1, status="parsed"), loadtest.Upload("b.txt")]

    assert loadtest.report(uploads, 2, timings(0.1)) == 1


def test_an_upload_still_parsing_at_the_deadline_counts_as_stuck_and_fails_the_run(capsys):
    uploads = [loadtest.Upload("a.txt", document=1, status="parsing")]

    assert loadtest.report(uploads, 1, timings(0.1)) == 1
    assert "stuck 卡住 1" in capsys.readouterr().out


def test_a_failure_without_a_reason_fails_the_run():
    uploads = [loadtest.Upload("a.pdf", document=1, status="failed")]

    assert loadtest.report(uploads, 1, timings(0.1)) == 1


def test_a_minute_whose_p95_reaches_a_second_fails_the_run():
    uploads = [loadtest.Upload("a.pdf", document=1, status="failed", reason="not a budget")]

    assert loadtest.report(uploads, 1, timings(*[0.1] * 90, *[1.2] * 10)) == 1
    assert loadtest.report(uploads, 1, timings(*[0.1] * 96, *[1.2] * 4)) == 0


def test_a_run_told_not_to_judge_latency_passes_a_slow_minute(capsys):
    uploads = [loadtest.Upload("a.pdf", document=1, status="failed", reason="not a budget")]

    assert loadtest.report(uploads, 1, timings(*[1.2] * 10), slow=0) == 0
    assert "PASS" in capsys.readouterr().out
    assert loadtest.report(uploads, 1, timings(*[1.2] * 10)) == 1
