"""The Celery app. Tasks live in each app's tasks.py and are found automatically.

Workers run with WORKER_OPTIONS (compose, `make run` and the tests' worker alike): gossip
and mingle, which this project does not use, are where kombu's reconnection after a Redis
restart has crashed workers ("'NoneType' object has no attribute 'hostname'").
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

WORKER_OPTIONS = ("--without-gossip", "--without-mingle")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    # A task is acknowledged once it has run, so a worker that dies mid-parse hands the
    # document to another worker instead of losing it; tasks must be safe to run twice.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    # Parses are long and uneven: take one at a time rather than hoard a batch.
    worker_prefetch_multiplier=1,
    # The time limits, the broker's visibility timeout and the beat schedule (the sweep of
    # documents a dead worker left) are in config/settings.py, read from the environment.
    # Results live on the models (a document's status), not in a result backend.
    task_ignore_result=True,
    # The broker going away is weathered, not fatal: reconnect for as long as it takes, at
    # start and after, and let a parse under way finish (its outcome is written to
    # PostgreSQL, not to Redis). A parse whose worker died is found by its stopped
    # heartbeat (the sweep), not by cancelling live ones on every broker hiccup.
    broker_connection_retry=True,
    broker_connection_retry_on_startup=True,
    broker_connection_max_retries=None,
    worker_cancel_long_running_tasks_on_connection_loss=False,
    timezone="Asia/Shanghai",
    # Chart pictures last (with Redis, priority 9 is the lowest, 0 the highest and every
    # other task's): a journalist's upload is parsed before the pictures queued ahead of
    # it, whose readers are told "being drawn" meanwhile.
    task_routes={"comparisons.tasks.*": {"priority": 9}},
)
app.autodiscover_tasks()


@worker_process_init.connect
def _yield_to_the_site(**_: object) -> None:
    """Each pool process (and the parse's child it starts) at a lower CPU priority: parses
    and pictures are batch work that takes the CPU the site's pages leave, not the other
    way round. The worker's main process, which talks to Redis, keeps its own."""
    from django.conf import settings

    os.nice(settings.WORKER_NICE)
    _lower_own_session(settings.WORKER_NICE)


AUTOGROUP = Path("/proc/self/autogroup")


def session_niceness() -> int | None:
    """The niceness of this process's session ("/autogroup-85 nice 0"), or None where the
    kernel schedules no autogroups or shows nothing there (some containers read it empty)."""
    try:
        found = re.search(r"nice\s+(-?\d+)", AUTOGROUP.read_text())
    except OSError:
        return None
    return int(found.group(1)) if found else None


def _lower_own_session(nice: int) -> None:
    """Linux with autogroups (the default on most distributions) shares the CPU between
    sessions first and only then by niceness within each: a worker started in a session
    of its own (`make run`, `make load`, a service) would still take half the CPU from the
    web's session, whatever its own niceness. So lower the session's share too, but only
    where the worker leads it: a worker started from someone's shell leaves that shell's
    session as it is."""
    if os.getsid(0) != os.getppid() or (now := session_niceness()) is None:
        return
    # a pool process that raised here would never start: the worker would take no task
    with contextlib.suppress(OSError):
        AUTOGROUP.write_text(str(max(now, min(19, nice))))
