"""Pinned embeds: a chart kept as it was when an editor pinned it, which says so once
the data published since would draw it differently."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.timezone import localtime

from comparisons.models import PinnedChart


@pytest.fixture
def client(client, reviewer):
    """Pinning is for members: the tests pin as a reviewer unless they say otherwise."""
    client.force_login(reviewer)
    return client


def pin(client, comparison: str, query: str = "") -> PinnedChart:
    url = reverse("embed_pin", args=[comparison]) + (f"?{query}" if query else "")
    response = client.post(url)
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.fragment == "embed-code"
    [key] = parse_qs(target.query)["pinned"]
    return PinnedChart.objects.get(key=key)


def test_pinning_keeps_the_chart_and_the_page_then_gives_its_embed_code(client, samples):
    pinned = pin(client, "trend", "year=2026&real=1")

    assert pinned.comparison == "trend" and pinned.query == "year=2026&real=1"
    assert pinned.language == "zh-hans"
    page = client.get(reverse("compare_trend"), {"year": 2026, "real": 1, "pinned": pinned.key})
    code = page.context["pinned_code"]
    assert f"/embed/pinned/{pinned.key}/" in code and "embed-host.js" in code
    # the live code stays the view's own, without the pin
    assert "pinned" not in page.context["embed_code"]
    assert page.context["figure"]["data"] == pinned.figure["data"]


def test_a_pinned_embed_shows_its_chart_and_may_be_framed(client, samples):
    pinned = pin(client, "per-capita")

    response = client.get(reverse("embed_pinned", args=[pinned.key]))
    html = response.content.decode()

    assert response.status_code == 200
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert response.context["figure"] == pinned.figure
    # the date as the site's readers count it (Beijing time), not UTC's
    assert "此图固定显示" in html and f"{localtime(pinned.created_at):%Y-%m-%d}" in html
    assert not response.context["changed"]
    assert "此后数据已有更新" not in html


def test_a_pinned_embed_keeps_its_data_and_says_when_newer_data_exists(
    client, samples, more_agencies
):
    pinned = pin(client, "trend")
    more_agencies(1)

    response = client.get(reverse("embed_pinned", args=[pinned.key]))
    html = response.content.decode()
    live = client.get(reverse("embed", args=["trend"])).context["figure"]

    assert response.context["figure"]["data"] == pinned.figure["data"]
    assert len(live["data"]) == len(pinned.figure["data"]) + 1
    assert response.context["changed"]
    assert "此后数据已有更新或更正" in html
    assert 'href="http://testserver/embed/trend/"' in html


def test_the_same_chart_of_the_same_data_is_pinned_once(client, samples):
    first, second = pin(client, "mix", "year=2026"), pin(client, "mix", "year=2026")
    assert first.pk == second.pk and PinnedChart.objects.count() == 1


def test_a_pinned_chart_stays_in_the_language_it_was_pinned_in(client, samples, settings):
    pinned = pin(client, "trend")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(reverse("embed_pinned", args=[pinned.key])).content.decode()

    assert '<html lang="zh-hans">' in html and "此图固定显示" in html


@pytest.mark.parametrize("method", ["get", "put"])
def test_pinning_takes_a_post_only(client, samples, method):
    url = reverse("embed_pin", args=["trend"])
    assert getattr(client, method)(url).status_code == 405
    assert not PinnedChart.objects.exists()


def test_an_unknown_pin_or_chart_is_not_found(client, samples):
    assert client.get(reverse("embed_pinned", args=["nothing"])).status_code == 404
    assert client.post(reverse("embed_pin", args=["ranking"])).status_code == 404


def test_a_chart_with_nothing_to_draw_is_not_pinned(client, samples):
    response = client.post(reverse("embed_pin", args=["trend"]) + "?year=2025&kind=final_accounts")
    assert response.status_code == 302 and "pinned=" not in response["Location"]
    assert not PinnedChart.objects.exists()


def test_a_pinned_chart_is_also_a_picture_of_its_own_data(client, samples, more_agencies, renders):
    pinned = pin(client, "trend")
    more_agencies(1)

    response = client.get(reverse("pinned_image", args=[pinned.key, "png"]))

    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    [(drawn, fmt)] = renders
    assert fmt == "png" and drawn["data"] == pinned.figure["data"]
    embed = client.get(reverse("embed_pinned", args=[pinned.key])).content.decode()
    assert reverse("pinned_image", args=[pinned.key, "png"]) in embed
    assert client.get(reverse("pinned_image", args=["nothing", "png"])).status_code == 404


def test_a_visitor_cannot_pin_and_is_sent_to_log_in(samples):
    visitor = Client()

    response = visitor.post(reverse("embed_pin", args=["trend"]) + "?year=2026")

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not PinnedChart.objects.exists()
    page = visitor.get(reverse("compare_trend"))
    assert reverse("embed_pin", args=["trend"]) not in page.content.decode()


def test_a_query_too_long_to_keep_is_a_clear_400(client, samples):
    query = "year=2026&" + "&".join(f"agency={n}" for n in range(300))

    response = client.post(reverse("embed_pin", args=["trend"]) + "?" + query)

    assert response.status_code == 400 and "过长" in response.content.decode()
    assert not PinnedChart.objects.exists()
