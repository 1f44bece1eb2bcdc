"""Public pages kept for readers who are not logged in (config/pagecache.py): drawn once,
drawn anew after a publish or a correction, each reader's form with their own CSRF token,
and never a member's page."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disclosures import services
from disclosures.models import Disclosure

pytestmark = pytest.mark.django_db
HAIKOU = "海口市社会保障卡一卡通中心"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _kept(settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 60
    settings.CACHES = {
        **settings.CACHES,
        "pages": {**settings.CACHES["pages"], "LOCATION": str(tmp_path / "pages")},
    }


def get(client, url: str) -> tuple[str, int]:
    """The page's text and how many queries answering it took (1 when kept: the
    published data's version)."""
    with CaptureQueriesContext(connection) as queries:
        text = client.get(url).content.decode()
    return text, len(queries)


def test_a_page_is_drawn_once_for_readers(client, samples):
    first, _ = get(client, reverse("agency_list"))

    again, queries = get(Client(), reverse("agency_list"))

    assert queries == 1
    assert TOKEN.sub("", again) == TOKEN.sub("", first)


def test_a_publish_draws_the_page_anew(client, publish, sample_files):
    first, *others = sorted(sample_files)
    other = next(name for name in others if name.split("-")[0] != first.split("-")[0])
    publish((first, sample_files[first]))
    get(client, reverse("agency_list"))
    before, queries = get(client, reverse("agency_list"))
    assert queries == 1

    [disclosure] = publish((other, sample_files[other]))

    after, _ = get(client, reverse("agency_list"))
    assert disclosure.agency.name not in before and disclosure.agency.name in after


def test_a_correction_draws_the_page_anew(
    client, samples, reviewer, django_capture_on_commit_callbacks
):
    disclosure = Disclosure.objects.get(agency__name=HAIKOU, year=2026, is_current=True)
    page = reverse("disclosure", args=[disclosure.pk])
    get(client, page)
    before, queries = get(client, page)
    assert queries == 1 and "123456.78" not in before

    with django_capture_on_commit_callbacks(execute=True):
        correction = services.value_correct(
            disclosure=disclosure,
            address="figure:totals:expenditure",
            value=Decimal("123456.78"),
            reason="checked",
            user=reviewer,
        )
        # a published version is corrected in a new draft, seen once that is published
        draft = Disclosure.objects.get(pk=correction.disclosure_id)
        services.disclosure_publish(disclosure=draft, user=reviewer)

    after = get(client, page)[0]
    assert after != before and "123456.78" not in after  # the old version, marked replaced
    assert "123456.78" in get(client, reverse("disclosure", args=[draft.pk]))[0]


def test_each_reader_posts_with_a_token_of_their_own(samples):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    mine = TOKEN.search(get(first, reverse("home"))[0])[1]

    page, queries = get(second, reverse("home"))
    theirs = TOKEN.search(page)[1]
    switched = second.post(
        reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": theirs}
    )

    assert queries == 1 and theirs != mine
    assert switched.status_code == 302
    assert second.cookies["django_language"].value == "en"


def test_a_readers_page_is_kept_a_members_is_drawn_for_them(client, samples, reviewer):
    get(client, reverse("agency_list"))
    assert get(Client(), reverse("agency_list"))[1] == 1

    client.force_login(reviewer)
    get(client, reverse("agency_list"))

    assert get(client, reverse("agency_list"))[1] > 1


def test_a_kept_embed_may_still_be_framed_by_any_site(client, samples):
    url = reverse("embed", args=["per-capita"])
    get(client, url)

    with CaptureQueriesContext(connection) as queries:
        again = Client().get(url)

    assert len(queries) == 1
    assert "frame-ancestors *" in again["Content-Security-Policy"]
    assert "X-Frame-Options" not in again
