"""Celery tasks of the comparisons: chart pictures, drawn by a worker rather than by the
web process (comparisons/images.py)."""

from __future__ import annotations

from celery import shared_task

from comparisons import images


# Acknowledged on receipt: a picture whose worker died is asked for again by the next
# reader (its job file goes stale), not redelivered into a browser that keeps dying.
@shared_task(acks_late=False, ignore_result=True)
def chart_draw(name: str) -> None:
    images.chart_draw(name)
