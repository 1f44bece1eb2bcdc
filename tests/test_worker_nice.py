"""The worker's pool processes run below the site's priority (config/celery.py): a parse
takes the CPU the pages leave."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


def niceness_after_start(**env: str) -> tuple[int, int]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    before, after = map(int, done.stdout.split()[-2:])
    return before, after


def test_a_pool_process_lowers_its_priority_by_worker_nice():
    before, after = niceness_after_start(WORKER_NICE="7")

    assert after == min(19, before + 7)


def test_by_default_it_yields_to_the_site_as_far_as_it_can():
    before, after = niceness_after_start()

    assert after == 19 > before or before == 19
