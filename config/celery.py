"""The Celery app. Tasks live in each app's tasks.py and are found automatically."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

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
    broker_connection_retry_on_startup=True,
    timezone="Asia/Shanghai",
)
app.autodiscover_tasks()
