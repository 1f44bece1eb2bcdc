"""The pictures readers ask for right after a publish are drawn then, by the workers, so
that the first GET of each chart's default picture is answered from disk."""

from __future__ import annotations

import io
import os

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from PIL import Image

from comparisons import images, pictures
from comparisons.views import EMBEDS, chart_of
from disclosures.parsing.extract.ocr import ocr_words
from tests.disclosures import test_worker as e2e

# the end-to-end tests' fixtures and helpers: a real worker on a real Redis
broker, start_worker, wait_for = e2e.broker, e2e.start_worker, e2e.wait_for
CHROMIUM = "/usr/bin/chromium"
SITE = "http://testserver"  # the test client's address


def kept_path(comparison: str, query: str = "", language: str = "zh-hans"):
    """Where the picture a reader's GET of /chart/<comparison>.png?<query> is kept."""
    request = RequestFactory().get(f"/chart/{comparison}.png?{query}")
    with translation.override(language):
        return images.picture_path(chart_of(request, comparison), "png")


def test_the_wanted_pictures_are_a_short_list_the_default_views_first(settings):
    wanted = pictures.wanted([7, 7, 3, 9, 11, 12])

    assert len(wanted) == len(EMBEDS) * len(settings.LANGUAGES) * (1 + pictures.MAX_AGENCIES)
    assert len(set(wanted)) == len(wanted)
    assert wanted[: len(EMBEDS)] == [("zh-hans", name, "") for name in EMBEDS]
    assert {query for _l, _c, query in wanted} == {"", "agency=3", "agency=7", "agency=9"}


@pytest.mark.django_db
def test_drawn_ahead_the_pages_pictures_are_served_without_a_new_drawing(
    client, samples, renders, monkeypatch
):
    agency = samples[0].agency_id
    pictures.pictures_predraw(agency_ids=[agency], site_url=SITE)  # drawn at once here
    drawn = len(renders)
    asked: list[str] = []
    monkeypatch.setattr(images, "draw_later", asked.append)  # the web asks nothing more

    for comparison in EMBEDS:
        for query in ("", f"agency={agency}"):
            response = client.get(f"{reverse('chart_image', args=[comparison, 'png'])}?{query}")
            assert response.status_code == 200, (comparison, query)
    assert asked == [] and len(renders) == drawn


@pytest.mark.django_db
def test_drawing_ahead_twice_draws_nothing_new(samples, renders):
    first = pictures.pictures_predraw(agency_ids=[samples[0].agency_id], site_url=SITE)
    drawn = len(renders)
    second = pictures.pictures_predraw(agency_ids=[samples[0].agency_id], site_url=SITE)

    assert first == second > 0 and len(renders) == drawn


@pytest.mark.django_db
def test_a_failed_drawing_is_logged_and_the_others_still_asked_for(samples, monkeypatch, caplog):
    tried: list[str] = []

    def broken(figure, fmt):
        tried.append(fmt)
        raise images.RenderError("no browser")

    monkeypatch.setattr(images, "render", broken)
    asked = pictures.pictures_predraw(agency_ids=[samples[0].agency_id], site_url=SITE)

    assert asked == 0 and len(tried) > len(EMBEDS)
    assert "not drawn ahead: no browser" in caplog.text


@pytest.mark.django_db
def test_a_broker_that_is_down_never_fails_the_publish(
    publish, sample_files, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    from comparisons import tasks

    def down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.pictures_predraw, "delay", down)
    name, data = next(iter(sample_files.items()))
    with django_capture_on_commit_callbacks(execute=True):
        published = publish((name, data))

    assert len(published) == 1 and published[0].is_current
    assert "could not ask for the pictures" in caplog.text


@pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK), reason=f"no Chromium at {CHROMIUM}")
@pytest.mark.django_db(transaction=True)
def test_after_a_publish_the_default_picture_comes_from_disk_with_its_credit_line(
    client, settings, broker, start_worker, publish, sample_files, monkeypatch
):
    settings.SITE_URL = SITE
    publish(*sample_files.items())  # the workers are asked once it has committed
    start_worker()
    kept = kept_path("trend")
    wait_for(kept.is_file, 120)

    names: list[str] = []
    monkeypatch.setattr(images, "draw_later", names.append)
    response = client.get(reverse("chart_image", args=["trend", "png"]))

    assert response.status_code == 200 and names == []
    assert response.content == kept.read_bytes() and response.content.startswith(b"\x89PNG")
    read = "".join(w.text for w in ocr_words(Image.open(io.BytesIO(response.content)), 1.0))
    assert "预决算公开" in read and "testserver" in read


@pytest.mark.django_db
def test_a_change_published_over_before_its_pictures_are_drawn_draws_nothing(samples, renders):
    from django.utils import timezone

    before = samples[0].published_at - timezone.timedelta(seconds=1)

    assert pictures.pictures_predraw(agency_ids=[], site_url=SITE, changed_at=before) == 0
    assert renders == []
    assert pictures.pictures_predraw(agency_ids=[], site_url=SITE, changed_at=timezone.now()) > 0
