"""Celery tasks of the comparisons: chart pictures, drawn by a worker rather than by the
web process (comparisons/images.py)."""

from __future__ import annotations

from datetime import datetime

from celery import shared_task

from comparisons import images, pictures


# Acknowledged on receipt: a picture whose worker died is asked for again by the next
# reader (its job file goes stale), not redelivered into a browser that keeps dying.
# Their priority, last in the queue, is in config/celery.py's task_routes.
@shared_task(acks_late=False, ignore_result=True)
def chart_draw(name: str) -> None:
    images.chart_draw(name)


@shared_task(acks_late=False, ignore_result=True)
def pictures_predraw(agency_ids: list[int], site_url: str, changed_at: str) -> None:
    """The pictures readers ask for after a publish (comparisons/pictures.py); each is
    drawn by a chart_draw of its own."""
    pictures.pictures_predraw(
        agency_ids=agency_ids, site_url=site_url, changed_at=datetime.fromisoformat(changed_at)
    )
