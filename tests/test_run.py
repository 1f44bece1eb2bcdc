"""`make run` as a newcomer meets it: no settings, a port of their choosing, the banner once
the samples are published, and Ctrl-C leaving no process behind.

scripts/run.py runs in a session of its own with VAR_DIR in a temporary folder, so its
embedded PostgreSQL and Redis are its own; Ctrl-C is sent to its process group, as a
terminal sends it. Every process it started carries that VAR_DIR in its environment,
which is how the test finds any left behind.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "VAR_DIR", "PORT", "HOST")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def started_by(var: Path) -> dict[psutil.Process, str]:
    """The processes running with this VAR_DIR or naming a path in it (the servers rewrite
    what /proc shows of their environment), their children too, and their command lines."""
    found: dict[psutil.Process, str] = {}
    for process in psutil.process_iter():
        try:
            command = " ".join(process.cmdline())
            if str(var) in command or process.environ().get("VAR_DIR") == str(var):
                found[process] = command
                found |= {c: " ".join(c.cmdline()) for c in process.children(recursive=True)}
        except (psutil.AccessDenied, psutil.NoSuchProcess, psutil.ZombieProcess):
            continue
    return found


def read_until(stream, marker: str, seconds: float) -> str:
    """What the process printed up to the line holding `marker` (or its end)."""
    seen, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            break
        seen.append(line)
        if marker in line:
            return "".join(seen)
    raise AssertionError("".join(seen)[-3000:] or "no output")


@pytest.fixture
def make_run():
    # Not under pytest's tmp_path: pytest closes its folders to other users whenever a
    # worker asks for one, and PostgreSQL runs as a user of its own when we are root.
    var, port = Path(tempfile.mkdtemp(prefix="budget-run-")), free_port()
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    # the worker at the site's priority, not below every other test (config/celery.py)
    process = subprocess.Popen(
        [sys.executable, "scripts/run.py"], cwd=ROOT, env={**env, "VAR_DIR": str(var),
        "PORT": str(port), "WORKER_NICE": "0"}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    yield process, port, var
    for leftover in started_by(var):  # the test failed: leave nothing running
        leftover.kill()
    process.kill()
    process.wait()
    shutil.rmtree(var, ignore_errors=True)


def test_make_run_serves_the_samples_on_the_port_asked_for_and_ctrl_c_stops_everything(
    make_run,
):
    process, port, var = make_run

    banner = read_until(process.stdout, "Ctrl-C", 300)
    page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).read().decode()
    running = started_by(var)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal sends Ctrl-C
    started = time.monotonic()
    process.wait(30)
    stopped_in = time.monotonic() - started

    assert f"http://127.0.0.1:{port}/" in banner
    assert "--role journalists" in banner and "--role reviewers" in banner
    published = re.search(r"<strong>(\d+)</strong> 份已发布", page)
    assert published and int(published.group(1)) >= 5, page[:2000]
    names = " ".join(running.values())
    assert all(name in names for name in ("postgres: checkpointer", "redis-server", "celery"))
    assert "Stopped." in process.stdout.read()
    assert stopped_in < 15
    assert started_by(var) == {}


def test_closing_the_terminal_stops_everything_too(make_run):
    process, port, var = make_run
    read_until(process.stdout, "Ctrl-C", 300)

    os.killpg(process.pid, signal.SIGHUP)  # as a terminal sends it when it is closed
    process.wait(30)

    assert started_by(var) == {}  # first: a child left running keeps stdout open
    assert "Stopped." in process.stdout.read()
