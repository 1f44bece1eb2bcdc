"""A journalist's upload is parsed before the pictures queued ahead of it: on the broker,
parses come first and chart pictures (whose readers are told "being drawn") last."""

from __future__ import annotations

from comparisons import tasks as picture_tasks
from config.celery import app
from disclosures import tasks
from tests.disclosures import test_worker as e2e

broker = e2e.broker  # a real Redis, under a key prefix of this test's own


def test_a_parse_queued_behind_pictures_is_taken_first(broker):
    for n in range(3):
        picture_tasks.chart_draw.delay(f"picture-{n}")
    picture_tasks.pictures_predraw.delay([1], "http://testserver", "2026-01-01T00:00:00")
    tasks.document_parse.delay(12345)

    with app.connection_for_read() as connection:
        queue = connection.SimpleQueue(app.conf.task_default_queue, no_ack=True)
        taken = [queue.get(timeout=5).headers["task"] for _ in range(5)]

    assert taken[0] == "disclosures.tasks.document_parse"
    assert sorted(taken[1:]) == ["comparisons.tasks.chart_draw"] * 3 + [
        "comparisons.tasks.pictures_predraw"
    ]
