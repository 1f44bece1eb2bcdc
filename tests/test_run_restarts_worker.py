"""`make run` starts its worker again when the worker stops, as compose's restart policy
does for the containers: a worker killed by anything (a broker fault, the OOM killer) does
not leave uploads waiting for someone to notice."""

from __future__ import annotations

import os
import signal
import time

import psutil

from tests import test_run

make_run = test_run.make_run  # a fixture
read_until, started_by = test_run.read_until, test_run.started_by


def main_worker(run_pid: int) -> psutil.Process | None:
    """The Celery worker that run.py started itself (not its pool's processes)."""
    for child in psutil.Process(run_pid).children():
        if "worker" in " ".join(child.cmdline()):
            return child
    return None


def test_a_worker_that_dies_is_started_again(make_run):
    process, _port, var = make_run
    read_until(process.stdout, "Ctrl-C", 300)
    first = main_worker(process.pid)
    assert first is not None

    os.killpg(first.pid, signal.SIGKILL)
    said = read_until(process.stdout, "starting it again", 30)

    deadline, second = time.monotonic() + 30, None
    while time.monotonic() < deadline:
        second = main_worker(process.pid)
        if second is not None and second.pid != first.pid:
            break
        time.sleep(0.5)
    assert second is not None and second.pid != first.pid, said
    os.killpg(process.pid, signal.SIGINT)
    process.wait(30)
    assert started_by(var) == {}
