"""The pages with more agencies than they can show: a small synthetic country loaded as
`make bench-web` loads a national one, the caps that say what is left out, the forms
that never list every agency, and the agency list paged by the database."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comparisons import queries
from comparisons.models import DisclosureSummary
from comparisons.reports import per_capita
from comparisons.reports.common import whole_government
from comparisons.summaries import summaries_rebuild
from disclosures.models import Agency, Disclosure, Figure, LineItem
from scripts.synthetic import Scale, load

pytestmark = pytest.mark.django_db
AGENCIES, YEARS = 20, 2
CURRENT = AGENCIES * YEARS * 2  # a budget and a final account a year


@pytest.fixture
def country():
    """20 agencies × 2 years, written with COPY as the bench writes them, then summarised
    as `manage.py refresh_summaries` does after a bulk load."""
    with connection.cursor() as cursor:
        counts = load(cursor.cursor, Scale(AGENCIES, YEARS), say=lambda line: None)
    summaries_rebuild()
    queries.MEMO.clear()
    return counts


def csv_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


# --- the synthetic database ----------------------------------------------------------------


def test_the_synthetic_country_has_a_budget_and_final_accounts_per_agency_and_year(country):
    current = Disclosure.objects.filter(is_current=True)

    assert country["agency"] == Agency.objects.count() == AGENCIES
    assert current.count() == CURRENT == DisclosureSummary.objects.count()
    assert set(current.values_list("year", flat=True)) == {2016, 2017}
    assert country["lineitem"] == LineItem.objects.count() > CURRENT * 30
    for disclosure in current:
        assert disclosure.figures.filter(group="totals").count() == 8
        assert disclosure.items.filter(classification="functional").exists()


def test_its_functional_classes_add_up_to_each_documents_total(country):
    for disclosure in Disclosure.objects.filter(is_current=True):
        classes = disclosure.items.filter(classification="functional", level=1)
        total = Figure.objects.get(disclosure=disclosure, group="totals", key="expenditure")
        assert classes.aggregate(s=Sum("total"))["s"] == total.value


# --- caps: the first agencies, and what is left out -----------------------------------------


@pytest.mark.parametrize("name", ["compare_per_capita", "compare_mix", "compare_trend"])
def test_a_comparison_of_everything_shows_its_first_agencies_and_says_so(
    client, country, settings, name
):
    response = client.get(reverse(name))

    cap = response.context["report"].cap
    assert response.status_code == 200 and cap.total == AGENCIES and 0 < cap.shown < AGENCIES
    assert f"显示前 {cap.shown} 个单位，共 {AGENCIES} 个；请选择单位" in response.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse(name)).content.decode()
    assert f"Showing the first {cap.shown} agencies of {AGENCIES}" in english


def test_the_cap_keeps_the_agencies_first_by_name_and_all_their_rows(client, country):
    report = client.get(reverse("compare_per_capita")).context["report"]

    shown = {r.disclosure.agency for r in report.rows}
    first = sorted(Agency.objects.values_list("name", flat=True))[: report.cap.shown]
    assert shown == set(first)
    assert len(report.rows) == report.cap.shown * YEARS * 2


def test_agencies_chosen_by_hand_are_shown_without_a_cap(client, country):
    chosen = list(Agency.objects.order_by("-name").values_list("pk", flat=True)[:2])

    report = client.get(reverse("compare_mix"), {"agency": chosen}).context["report"]

    assert report.cap is None and len(report.columns) == 2 * YEARS * 2


def test_the_home_page_shows_the_first_agencies_and_points_to_the_list(
    client, country, monkeypatch
):
    monkeypatch.setattr("comparisons.reports.browse.COVERAGE_ROWS", 8)

    page = client.get(reverse("home")).content.decode()

    assert f"显示前 2 个单位，共 {AGENCIES} 个" in page
    assert f"<strong>{CURRENT}</strong> 份已发布" in page


# --- forms that never list every agency ----------------------------------------------------


def test_the_compare_form_lists_a_few_agencies_and_says_how_to_find_the_rest(
    client, country, monkeypatch
):
    monkeypatch.setattr("comparisons.queries.offered.AGENCY_CHOICES", 5)

    page = client.get(reverse("compare_per_capita")).content.decode()

    assert page.count('name="agency"') == 5
    assert "只列出前 5 个" in page


def test_the_compare_form_lists_the_agencies_of_the_region_asked_for(client, country):
    agency = Agency.objects.order_by("name").last()

    response = client.get(reverse("compare_mix"), {"region": agency.province})

    listed = dict(response.context["filter"].filters["agency"].extra["choices"])
    assert str(agency.pk) in listed
    assert set(listed.values()) == set(
        Agency.objects.filter(province=agency.province).values_list("name", flat=True)
    )


def test_an_agency_ticked_stays_listed_and_ticked_outside_the_few_listed(
    client, country, monkeypatch
):
    monkeypatch.setattr("comparisons.queries.offered.AGENCY_CHOICES", 3)
    last = Agency.objects.order_by("name").last()

    response = client.get(reverse("compare_per_capita"), {"agency": last.pk})

    assert not response.context["filter"].form.errors
    assert {r.disclosure.agency_id for r in response.context["report"].rows} == {last.pk}


def test_regions_are_offered_a_tier_at_a_time(client, country):
    county = Agency.objects.exclude(county="").first()

    top = client.get(reverse("agency_list")).context["filter"].filters["region"].extra["choices"]
    down = client.get(reverse("agency_list"), {"region": county.county})
    deeper = dict(down.context["filter"].filters["region"].extra["choices"])

    assert {name for name, _ in top} == set(Agency.objects.values_list("province", flat=True))
    assert {county.city, county.county} <= set(deeper)
    assert (
        down.context["count"]
        == Disclosure.objects.filter(is_current=True, agency__county=county.county).count()
    )


# --- the agency list, paged by the database -------------------------------------------------


def test_the_agency_list_reads_one_page_from_the_database(client, country):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("agency_list"), {"page": 2})

    assert response.context["count"] == CURRENT
    assert len(response.context["table"].page.object_list) == 25
    [read] = [q["sql"] for q in captured.captured_queries if "s.staff_note" in q["sql"]]
    assert "LIMIT 25 OFFSET 25" in read


def test_its_pages_follow_one_another_in_the_order_asked_for(client, country):
    pages = [
        client.get(reverse("agency_list"), {"sort": "-expenditure", "page": n}).context["table"]
        for n in (1, 2, 3, 4)
    ]

    shown = [row.record["disclosure_id"] for table in pages for row in table.page.object_list]
    expected = DisclosureSummary.objects.order_by("-expenditure", "disclosure__agency__name")
    assert len(shown) == CURRENT
    assert shown == list(expected.values_list("disclosure_id", flat=True))


def test_its_csv_has_every_row_not_one_page(client, country):
    rows = csv_rows(client.get(reverse("agency_list"), {"format": "csv", "lang": "en"}))

    assert len(rows) == CURRENT
    assert (
        sum(Decimal(r["expenditure"]) for r in rows)
        == DisclosureSummary.objects.aggregate(s=Sum("expenditure"))["s"]
    )


# --- peers: the places around the agency's own ------------------------------------------------


def test_peers_show_the_places_around_the_agencys_own_and_say_how_many_there_are(
    client, publish, sample_files, monkeypatch
):
    haikou = sample_files["haikou-cardcenter-2026-budget.txt"]
    for n in range(6):  # six card centres of one tier, the same year
        publish((f"peer-{n}.txt", haikou + b"\n" * (n + 1)), agency=f"海口市第{n}社会保障卡中心")
    monkeypatch.setattr("comparisons.reports.per_capita.NEAREST", 1)
    subject = Agency.objects.get(name="海口市第3社会保障卡中心")

    response = client.get(reverse("compare_peers"), {"agency": subject.pk})

    report = response.context["report"]
    first, last, total = report.window
    assert total == 6 and len(report.rows) == 3 == last - first + 1
    assert subject.pk in {r.disclosure.agency_id for r in report.rows}
    assert report.rank[1] == 6  # ranked among all of them, not the three shown
    assert f"第 {first}–{last} 位，共 6 个单位" in response.content.decode()


@pytest.mark.parametrize(
    "measure", ["per_staff", "public_per_staff", "per_resident", "expenditure"]
)
def test_a_ranking_reads_the_same_values_the_page_shows(country, measure):
    # some regions' governments as a whole, whose spending is divided by their residents
    governments = Agency.objects.order_by("id").values("id")[:5]
    Agency.objects.filter(id__in=governments).update(kind="人民政府")
    everything = queries.Selection()
    with connection.cursor() as cursor:
        populations = queries.populations(cursor)
        ranked = {r.disclosure_id: r for r in queries.ranking(cursor, everything)}
        rows = [
            per_capita.from_summary(r, populations) for r in queries.summaries(cursor, everything)
        ]

    for row in rows:
        shown = per_capita.MEASURES[measure](row).value
        if measure == "per_resident" and not whole_government(row.disclosure):
            assert shown is None  # one agency's spending is not its region's (not ranked)
            continue
        assert per_capita.RANKED[measure](ranked[row.disclosure.id], populations) == shown
