"""The comparison series in the JSON API: the same numbers as the pages, for the same
query, exact, paginated, checked against the description."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from disclosures.models import Agency

pytestmark = pytest.mark.django_db
HAIKOU, FUZHOU = "海口市社会保障卡一卡通中心", "福州市社会保险技术服务保障中心"
XIANYANG = "咸阳市社会保障卡管理服务中心"


def get(client, name: str, status: int = 200, **query):
    response = client.get(reverse(name), query)
    assert response.status_code == status, response.content[:300]
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content, parse_float=Decimal)


def test_per_capita_gives_each_disclosures_figures_and_their_gaps(client, samples):
    data = get(client, "api_compare_per_capita", year=2026)

    rows = {r["disclosure"]["agency"]["name"]: r for r in data["results"]}
    assert {d["disclosure"]["year"] for d in data["results"]} == {2026}
    haikou = rows[HAIKOU]
    assert haikou["per_staff"]["expenditure"]["value"] == Decimal("44.48")
    assert haikou["amounts"]["expenditure"]["value"] == Decimal("355.85")
    # a figure the document does not give is null, with the reason, never 0
    missing = [v for r in data["results"] for v in r["per_staff"].values() if v["value"] is None]
    assert all(v["gap"] for v in missing)
    assert data["page_url"].startswith("http://testserver/compare/per-capita/?year=2026")
    assert "/chart/per-capita.png?year=2026" in data["chart"]


def test_agencies_and_years_repeat_as_on_the_pages(client, samples):
    ids = [Agency.objects.get(name=n).pk for n in (HAIKOU, XIANYANG)]
    response = client.get(reverse("api_compare_per_capita"), {"agency": ids})
    names = {r["disclosure"]["agency"]["name"] for r in json.loads(response.content)["results"]}
    assert names == {HAIKOU, XIANYANG}


def test_the_mix_gives_each_class_share_of_each_disclosure(client, samples):
    data = get(client, "api_compare_mix", classification="functional")

    [haikou] = [c for c in data["results"] if c["disclosure"]["agency"]["name"] == HAIKOU]
    [social] = [r for r in haikou["rows"] if r["code"] == "208"]
    assert social["amount"]["value"] == Decimal("328.03")
    assert social["share"]["value"] == Decimal("92.18")
    assert data["classification"] == "functional" and data["parent"] == ""


def test_the_trend_gives_stated_prior_years_and_the_documents_reasons(client, samples):
    fuzhou = Agency.objects.get(name=FUZHOU).pk
    data = get(client, "api_compare_trend", agency=fuzhou, kind="budget")

    [series] = data["results"]
    prior, current = series["points"]
    assert (prior["amount"]["value"], prior["amount"]["stated"]) == (Decimal("602.56"), True)
    assert "2026" in prior["amount"]["note"]
    assert prior["disclosure"] is None
    assert current["percent"]["value"] == Decimal("14.48")
    assert current["stated_percent"]["value"] == Decimal("14.48")
    assert current["reasons"] == ["本年度新增上一年转正及新入职人员的人员经费及公用经费"]


def test_peers_rank_the_agency_with_the_median(client, samples):
    haikou = Agency.objects.get(name=HAIKOU).pk
    data = get(client, "api_compare_peers", agency=haikou)

    assert [(r["disclosure"]["agency"]["name"], r["rank"]) for r in data["results"]] == [
        (HAIKOU, 1),
        (XIANYANG, 2),
    ]
    assert (data["rank"], data["of"], data["median"]) == (1, 2, Decimal("30.74"))
    assert data["results"][0]["value"]["value"] == Decimal("44.48")


def test_series_are_paginated_and_the_pages_add_up(client, samples):
    everything = get(client, "api_compare_per_capita")["results"]
    first = get(client, "api_compare_per_capita", page_size=2)
    second = json.loads(client.get(first["next"]).content, parse_float=Decimal)

    assert len(first["results"]) == 2 and first["previous"] is None
    assert first["results"] + second["results"] == everything[:4]
    assert "page=2" in first["next"] and "page_size=2" in first["next"]


@pytest.mark.parametrize(
    "name, query, error",
    [
        ("api_compare_trend", {"yaer": "2026"}, "unknown parameter yaer"),
        ("api_compare_per_capita", {"year": "twenty"}, "year must be a whole number"),
        ("api_compare_mix", {"classification": "both"}, "classification must be one of"),
        ("api_compare_peers", {}, "agency is required"),
        ("api_compare_peers", {"agency": "99999"}, "no published disclosure"),
    ],
)
def test_a_bad_query_is_a_one_line_400(client, samples, name, query, error):
    data = get(client, name, status=400, **query)
    assert error in data["error"] and "\n" not in data["error"]


def test_the_api_reads_past_the_pages_cap_as_its_pages_need(client, samples, monkeypatch):
    # the page would show two disclosures' worth of agencies; the API pages through all
    monkeypatch.setattr("comparisons.reports.per_capita.ROWS", 2)
    monkeypatch.setattr("comparisons.reports.trend.ROWS", 2)
    page = client.get(reverse("compare_per_capita")).context["report"]
    assert page.cap is not None and len(page.rows) <= 2

    first = get(client, "api_compare_per_capita", page_size=3)
    second = json.loads(client.get(first["next"]).content, parse_float=Decimal)
    ids = [r["disclosure"]["id"] for r in first["results"] + second["results"]]

    assert len(first["results"]) == 3 and second["next"] is None
    assert sorted(ids) == sorted(d.pk for d in samples)
    series = get(client, "api_compare_trend", page_size=50)["results"]
    assert {s["agency"]["name"] for s in series} >= {HAIKOU, FUZHOU, XIANYANG}
