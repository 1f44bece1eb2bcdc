"""The worker's settings that keep a document from being lost or parsed forever."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from config.celery import app
from disclosures import tasks

ROOT = Path(__file__).resolve().parents[2]


def test_the_parse_task_is_acknowledged_late_and_requeued_if_its_process_dies():
    task = tasks.document_parse

    assert task.acks_late is True and task.reject_on_worker_lost is True
    assert task.max_retries is not None


def test_beat_runs_the_sweep_more_often_than_a_parse_may_last():
    [entry] = [e for e in app.conf.beat_schedule.values() if e["task"].endswith("documents_sweep")]

    assert entry["task"] in app.tasks
    assert entry["schedule"] <= app.conf.task_time_limit


def test_redis_waits_longer_than_the_time_limit_before_handing_a_task_to_another_worker():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "PARSE_"))}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings", "CELERY_BROKER_URL": "redis://q:6379/0"}
    code = (
        "import django; django.setup(); from config.celery import app; "
        "print(app.conf.broker_transport_options['visibility_timeout'], app.conf.task_time_limit)"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )

    visibility, limit = map(int, result.stdout.split())
    assert visibility > limit > app.conf.task_soft_time_limit > 0
