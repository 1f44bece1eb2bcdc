"""Browsing: the home page's coverage, the agency list and its CSV, an agency's page; how a
reader gets around; and query counts that do not grow with the data."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comparisons import queries as queries_module
from disclosures import services
from disclosures.models import Agency, Disclosure

pytestmark = pytest.mark.django_db
HAIKOU, FUZHOU = "海口市社会保障卡一卡通中心", "福州市社会保险技术服务保障中心"
COMPARISONS = ["compare_per_capita", "compare_mix", "compare_trend", "compare_peers"]


def csv_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def links(html: str) -> set[str]:
    return {href.replace("&amp;", "&") for href in re.findall(r'href="(/[^"#]*)', html)}


# --- the agency list ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, expected",
    [
        ({}, 5),
        ({"region": "福建省"}, 3),
        ({"region": "泉港区"}, 1),
        ({"q": "海口"}, 1),
        ({"q": "%"}, 0),
        ({"year": "2026", "kind": "budget"}, 3),
        ({"agency_kind": "社保卡中心"}, 2),
    ],
)
def test_the_agency_list_filters_by_region_type_year_kind_and_name(
    client, samples, query, expected
):
    response = client.get(reverse("agency_list"), query)

    assert response.context["count"] == expected
    assert (
        len(csv_rows(client.get(reverse("agency_list"), {**query, "format": "csv", "lang": "en"})))
        == expected
    )


def test_the_csv_holds_every_filtered_row_not_one_page_of_them(client, samples, more_agencies):
    more_agencies(26)

    query = {"agency_kind": "社保卡中心"}
    page = client.get(reverse("agency_list"), query)
    rows = csv_rows(client.get(reverse("agency_list"), {**query, "format": "csv", "lang": "en"}))

    shown = len(page.context["table"].page.object_list)
    assert page.context["count"] == len(rows) == 28 > shown == 25
    assert {r["agency_kind"] for r in rows} == {"社保卡中心"}


def test_the_agency_list_sorts_by_a_column(client, samples):
    response = client.get(reverse("agency_list"), {"sort": "-per_staff"})

    first = response.context["table"].page.object_list[0]
    assert (first.record["agency"], first.record["per_staff"]) == (HAIKOU, Decimal("44.48"))


def test_a_filter_value_not_offered_is_ignored_and_said(client, samples):
    response = client.get(reverse("agency_list"), {"year": "1900"})

    assert response.status_code == 200 and response.context["count"] == 5
    assert response.context["filter"].form.errors


# --- an agency's page ---------------------------------------------------------------------------


def test_every_number_on_an_agencys_page_links_to_where_it_was_read(client, samples):
    haikou = Agency.objects.get(name=HAIKOU)
    disclosure = Disclosure.objects.get(agency=haikou, is_current=True)

    page = client.get(reverse("agency", args=[haikou.pk])).content.decode()

    focus = f"/disclosures/{disclosure.pk}/?focus=figure%3Atotals%3Aexpenditure#source"
    assert f'href="{focus}"' in page
    assert "item%3Afunctional%3Aall%3A208%3Atotal" in page
    assert "haikou-cardcenter-2026-budget.txt" in page  # the source file, and its title
    assert (
        "0 错误 · 1 警告" in page
    )  # the audit's status: one warning (3.39% for 3.3834% is rounding)
    assert "47.19%" in page


def test_a_corrected_value_is_marked_on_the_agencys_page(client, samples, reviewer):
    haikou = Agency.objects.get(name=HAIKOU)
    disclosure = Disclosure.objects.get(agency=haikou, is_current=True)
    correction = services.value_correct(
        disclosure=disclosure,
        address="figure:headcount:actual",
        value=Decimal(9),
        reason="the staff table says 9",
        user=reviewer,
    )
    services.disclosure_publish(disclosure=correction.disclosure, user=reviewer)

    response = client.get(reverse("agency", args=[haikou.pk]))

    lines = response.context["page"].figures
    staff = next(line for line in lines if line.cells[0].source.address.endswith("actual"))
    assert staff.cells[0].value == 9 and staff.cells[0].source.corrected
    page = response.content.decode()
    assert 'class="value corrected"' in page and "已更正" in page
    per_capita = client.get(reverse("compare_per_capita"), {"agency": haikou.pk})
    assert per_capita.context["report"].rows[0].per_staff[0].value == Decimal("39.54")  # 355.85 / 9


def test_an_agencys_functional_tree_drills_down_class_by_class(client, samples):
    fuzhou = Agency.objects.get(name=FUZHOU)

    top = client.get(reverse("agency", args=[fuzhou.pk])).context["page"].functional
    deeper = client.get(reverse("agency", args=[fuzhou.pk]), {"functional": "20801"})

    assert [r.code for r in top.rows if r.code] == ["208", "221"]
    items = deeper.context["page"].functional
    assert [r.code for r in items.rows] == ["2080108"]
    assert [c.amount.value for c in items.rows[0].cells] == [Decimal("274.88"), Decimal("573.09")]


def test_an_agency_with_nothing_published_has_no_page(client, samples):
    assert client.get(reverse("agency", args=[999_999])).status_code == 404


# --- the home page and getting around -----------------------------------------------------


def test_the_home_page_shows_the_coverage_matrix(client, samples):
    response = client.get(reverse("home"))
    page = response.content.decode()

    for agency in Agency.objects.filter(disclosures__is_current=True).distinct():
        assert f'href="{reverse("agency", args=[agency.pk])}"' in page
    assert re.search(r"<th>2023</th><th>2025</th><th>2026</th>", page)
    assert "5</strong> 份已发布" in page
    assert "12 表" in page and "未识别出表格" in page  # the narrative-only document has none


def test_a_researcher_reaches_every_comparison_within_two_clicks_of_home(client, samples):
    home = client.get(reverse("home")).content.decode()
    reached = set(links(home))
    for url in list(reached):
        if url.startswith(("/compare", "/agencies")):
            reached |= links(client.get(url).content.decode())

    paths = {url.split("?")[0] for url in reached}
    assert {reverse(name) for name in [*COMPARISONS, "agency_list"]} <= paths


def about(client, url: str) -> str:
    page = client.get(url).content.decode()
    assert '<div class="about">' in page
    return page[page.index('<div class="about">') :].split("</div>")[0]


@pytest.mark.parametrize("name", [*COMPARISONS, "agency_list", "compare", "agency"])
def test_every_page_says_what_it_shows_and_where_the_numbers_come_from(
    client, samples, settings, name
):
    url = reverse(name, args=[samples[0].agency_id] if name == "agency" else [])

    chinese = about(client, url)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = about(client, url)

    assert any(word in chinese for word in ("取自", "来源", "出处"))
    assert "from" in english or "where" in english
    assert not re.search(r"[\u4e00-\u9fff]{6}", english)  # no Chinese sentence left


# --- query counts -----------------------------------------------------------------------------


PAGES = [
    "/",
    "/agencies/",
    "/agencies/?format=csv",
    "/compare/per-capita/",
    "/compare/mix/?code=208",
    "/compare/mix/?classification=economic",
    "/compare/trend/?real=1",
    "/compare/peers/",
]


def _count(client, url: str) -> int:
    queries_module.MEMO.clear()  # counted as on a first visit, nothing kept from the last
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", [*PAGES, "agency"])
def test_query_counts_do_not_grow_with_agencies_or_years(
    client, samples, more_agencies, django_assert_max_num_queries, url
):
    if url == "agency":
        url = reverse("agency", args=[Agency.objects.get(name=FUZHOU).pk])
    before = _count(client, url)
    more_agencies(12)  # twelve more agencies, each with another year

    # the form's choices, the cap on what is shown, then the report's own reads
    queries_module.MEMO.clear()
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
    assert _count(client, url) == before
