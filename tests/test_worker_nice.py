"""The worker's pool processes run below the site's priority (config/celery.py): a parse
takes the CPU the pages leave."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from config import celery
from config.celery import session_niceness as own_session_niceness

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
    from config.celery import session_niceness
    print(session_niceness(), flush=True)
    os._exit(0)
os.waitpid(pid, 0)
"""
AUTOGROUPS = own_session_niceness() is not None


def session_niceness(script: str, own_session: bool, **env: str) -> int:
    return int(printed(script, own_session, **env)[-1])


@pytest.mark.skipif(not AUTOGROUPS, reason="this kernel schedules no autogroups")
def test_a_worker_leading_its_session_lowers_the_session_too():
    # across sessions only the session's niceness counts: the pool's own would not yield
    assert session_niceness(LEADER, own_session=True, WORKER_NICE="7") == 7


@pytest.mark.skipif(not AUTOGROUPS, reason="this kernel schedules no autogroups")
def test_a_worker_started_in_someone_elses_session_leaves_it_alone():
    before = own_session_niceness()
    script = LEADER.replace("os.fork()", "0")  # not a fork of the session's leader

    assert session_niceness(script, own_session=False, WORKER_NICE="7") == before


def test_a_pool_process_lowers_its_priority_by_worker_nice():
    before, after = niceness_after_start(WORKER_NICE="7")

    assert after == min(19, before + 7)


def test_by_default_it_yields_to_the_site_as_far_as_it_can():
    before, after = niceness_after_start()

    assert after == 19 > before or before == 19


@pytest.mark.parametrize("shown", ["", "garbage\n"])
def test_a_session_file_that_reads_empty_does_not_stop_the_pool(tmp_path, monkeypatch, shown):
    # some containers show /proc/self/autogroup but read it empty: a pool process that
    # raised in its start-up signal would never start, and every upload would wait
    (tmp_path / "autogroup").write_text(shown)
    monkeypatch.setattr(celery, "AUTOGROUP", tmp_path / "autogroup")
    monkeypatch.setattr(celery.os, "getsid", lambda _: celery.os.getppid())

    celery._lower_own_session(7)

    assert celery.session_niceness() is None
    assert (tmp_path / "autogroup").read_text() == shown
