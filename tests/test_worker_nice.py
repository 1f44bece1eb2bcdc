"""The worker's pool processes run below the site's priority (config/celery.py): a parse
takes the CPU the pages leave."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# a pool process as Celery starts one: the signal sent, then its niceness read
CHILD = """
import django; django.setup()
import os
from celery.signals import worker_process_init
from config.celery import app
before = os.nice(0)
worker_process_init.send(sender=None)
print(before, os.nice(0))
"""


def printed(script: str, own_session: bool = False, **env: str) -> list[str]:
    """What `script` prints, run with the project's settings (in a session of its own)."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        start_new_session=own_session,
    )
    return done.stdout.split()


def niceness_after_start(**env: str) -> tuple[int, int]:
    before, after = map(int, printed(CHILD, **env)[-2:])
    return before, after


# a worker leading a session of its own, as `make run` and services start it: its pool
# process (a fork of it) sends the signal, then reads its session's niceness
LEADER = """
import django; django.setup()
import os
from celery.signals import worker_process_init
from config.celery import app
pid = os.fork()
if pid == 0:
    worker_process_init.send(sender=None)
    print(open("/proc/self/autogroup").read().split()[-1], flush=True)
    os._exit(0)
os.waitpid(pid, 0)
"""
AUTOGROUPS = Path("/proc/self/autogroup").exists()


def session_niceness(script: str, own_session: bool, **env: str) -> int:
    return int(printed(script, own_session, **env)[-1])


@pytest.mark.skipif(not AUTOGROUPS, reason="this kernel schedules no autogroups")
def test_a_worker_leading_its_session_lowers_the_session_too():
    # across sessions only the session's niceness counts: the pool's own would not yield
    assert session_niceness(LEADER, own_session=True, WORKER_NICE="7") == 7


@pytest.mark.skipif(not AUTOGROUPS, reason="this kernel schedules no autogroups")
def test_a_worker_started_in_someone_elses_session_leaves_it_alone():
    before = int(Path("/proc/self/autogroup").read_text().split()[-1])
    script = LEADER.replace("os.fork()", "0")  # not a fork of the session's leader

    assert session_niceness(script, own_session=False, WORKER_NICE="7") == before


def test_a_pool_process_lowers_its_priority_by_worker_nice():
    before, after = niceness_after_start(WORKER_NICE="7")

    assert after == min(19, before + 7)


def test_by_default_it_yields_to_the_site_as_far_as_it_can():
    before, after = niceness_after_start()

    assert after == 19 > before or before == 19
