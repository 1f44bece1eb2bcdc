"""Chart pictures are drawn by a Celery worker, never in the web process: the web answers
from the kept picture, or at once with "being drawn" (202, Retry-After) after asking a
worker, once, however many readers ask meanwhile."""

from __future__ import annotations

import os
import time

import pytest
from django.urls import reverse

from comparisons import images
from tests.disclosures import test_worker as e2e

# the end-to-end tests' fixtures and helpers: a real worker on a real Redis
broker, start_worker, wait_for = e2e.broker, e2e.start_worker, e2e.wait_for
URL = reverse("chart_image", args=["trend", "png"])
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def asked(monkeypatch):
    """What the web asks of the workers, and a browser the web process must never start."""
    names: list[str] = []
    monkeypatch.setattr(images, "draw_later", names.append)

    def no_browser_here(figure, fmt):
        raise AssertionError("the web process started a browser")

    monkeypatch.setattr(images, "render", no_browser_here)
    return names


@pytest.mark.django_db
def test_a_picture_not_drawn_yet_is_asked_of_a_worker_once_and_answered_at_once(
    client, samples, asked
):
    started = time.monotonic()
    first, second = client.get(URL), client.get(URL)

    assert time.monotonic() - started < 2
    assert first.status_code == second.status_code == 202
    assert first["Retry-After"] == "5" and "no-store" in first["Cache-Control"]
    assert len(asked) == 1 and asked[0].endswith(".png")


@pytest.mark.django_db
def test_once_the_worker_has_drawn_it_the_picture_comes_from_disk(
    client, samples, asked, monkeypatch
):
    client.get(URL)
    monkeypatch.setattr(images, "render", lambda figure, fmt: b"\x89PNG\r\n\x1a\n drawn")
    images.chart_draw(asked[0])  # the worker's task

    response = client.get(URL)

    assert response.status_code == 200 and response.content.endswith(b" drawn")


@pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK), reason=f"no Chromium at {CHROMIUM}")
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_draws_the_picture_the_web_asked_for(
    client, samples, start_worker, monkeypatch
):
    monkeypatch.undo()  # no more stand-ins: the web asks the worker through Redis
    start_worker()

    assert client.get(URL).status_code == 202
    wait_for(lambda: client.get(URL).status_code == 200, 60)
    assert client.get(URL).content.startswith(b"\x89PNG")
