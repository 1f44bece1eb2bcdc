"""The comparisons through their pages, on the published sample corpus."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from comparisons.notes import note_text
from disclosures import services
from disclosures.models import Agency, Disclosure, Document

pytestmark = pytest.mark.django_db
HAIKOU, FUZHOU = "海口市社会保障卡一卡通中心", "福州市社会保险技术服务保障中心"
QUANGANG, XIANYANG = "泉港区社会保险中心", "咸阳市社会保障卡管理服务中心"


def row_of(rows, agency: str, year: int, kind: str = "budget"):
    [row] = [
        r
        for r in rows
        if (r.disclosure.agency, r.disclosure.year, r.disclosure.kind) == (agency, year, kind)
    ]
    return row


def read_csv(response) -> list[dict[str, str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


# --- per capita -------------------------------------------------------------------------------


def test_spending_per_staff_member_divides_the_total_by_the_documents_headcount(client, samples):
    response = client.get(reverse("compare_per_capita"))

    haikou = row_of(response.context["report"].rows, HAIKOU, 2026)
    assert haikou.amounts[0].value == Decimal("355.85") and haikou.staff.value == 8
    assert haikou.per_staff[0].value == Decimal("44.48")
    assert [c.value for c in haikou.per_staff[1:]] == [
        Decimal("19.42"),  # personnel 155.34 / 8
        Decimal("1.56"),  # running costs (人均公用经费) 12.51 / 8
        Decimal("20.98"),  # basic 167.85 / 8
        Decimal("23.50"),  # project 188 / 8
    ]
    assert ">44.48<" in response.content.decode()


def test_a_disclosure_without_headcount_borrows_its_agencys_nearest_year_and_says_so(
    client, samples
):
    response = client.get(reverse("compare_per_capita"))

    fuzhou = row_of(response.context["report"].rows, FUZHOU, 2026)
    assert fuzhou.staff.value == 19 and "2023" in note_text(fuzhou.staff.note)
    assert fuzhou.per_staff[0].value == Decimal("36.31")  # 689.80 / 19
    assert fuzhou.staff.source.address == "figure:headcount:actual"
    assert "取2023年决算人数" in response.content.decode()


def test_an_agency_without_any_headcount_shows_a_gap_not_a_number(client, samples):
    response = client.get(reverse("compare_per_capita"))

    quangang = row_of(response.context["report"].rows, QUANGANG, 2025)
    assert quangang.staff.value is None and quangang.staff.gap
    assert all(c.value is None and c.gap for c in quangang.per_staff)
    assert "本单位各年均无人数" in response.content.decode()


def test_spending_per_resident_uses_the_regions_nearest_population_and_names_its_source(
    client, samples
):
    # per resident only for a region's government as a whole, whose scope its people are
    Agency.objects.filter(name__in=[HAIKOU, QUANGANG]).update(kind="人民政府")
    response = client.get(reverse("compare_per_capita"))
    report = response.context["report"]

    haikou = row_of(report.rows, HAIKOU, 2026)
    assert haikou.residents.value == Decimal("287.3358") and "2020" in note_text(
        haikou.residents.note
    )
    assert haikou.per_resident.value == Decimal("1.24")  # 355.85 万元 / 287.3358 万人, in 元
    quangang = row_of(report.rows, QUANGANG, 2025)  # the district's population, not its city's
    assert quangang.residents.value == Decimal("35.9")
    assert "海南省第七次全国人口普查公报" in response.content.decode()


def test_one_agencys_spending_is_not_divided_by_its_whole_regions_population(client, samples):
    response = client.get(reverse("compare_per_capita"))

    haikou = row_of(response.context["report"].rows, HAIKOU, 2026)
    assert haikou.residents.value is not None and haikou.per_resident.value is None
    assert haikou.per_resident.gap.id == "part_of_region"
    assert "只按人数计算" in response.content.decode()


def test_a_region_without_population_shows_a_gap(client, samples):
    Agency.objects.filter(name=XIANYANG).update(county="某某县", kind="人民政府")

    response = client.get(reverse("compare_per_capita"))

    xianyang = row_of(response.context["report"].rows, XIANYANG, 2026)
    assert xianyang.residents.value is None and xianyang.per_resident.value is None
    assert "某某县" in note_text(xianyang.per_resident.gap)


def test_the_per_capita_csv_holds_exactly_the_selected_rows(client, samples):
    haikou = Agency.objects.get(name=HAIKOU)

    rows = read_csv(
        client.get(
            reverse("compare_per_capita"), {"agency": [haikou.pk], "format": "csv", "lang": "en"}
        )
    )

    assert [(r["agency"], r["expenditure_per_staff"]) for r in rows] == [(HAIKOU, "44.48")]


# --- category mix -----------------------------------------------------------------------------


def test_a_functional_class_is_a_share_of_the_total_spending(client, samples):
    response = client.get(reverse("compare_mix"))
    report = response.context["report"]

    column = next(n for n, c in enumerate(report.columns) if c.disclosure.agency == HAIKOU)
    social = next(r for r in report.rows if r.code == "208")
    assert social.cells[column].amount.value == Decimal("328.03")
    assert social.cells[column].share.value == Decimal("92.18")
    assert ">92.18%<" in response.content.decode()


def test_a_class_drills_down_and_a_missing_parent_is_summed_from_its_items(client, samples):
    response = client.get(reverse("compare_mix"), {"code": "208"})
    report = response.context["report"]

    assert report.trail == [("208", "社会保障和就业支出")]
    assert {r.code[:3] for r in report.rows} == {"208"} and all(
        len(r.code) == 5 for r in report.rows
    )
    column = next(n for n, c in enumerate(report.columns) if c.disclosure.agency == QUANGANG)
    management = next(r for r in report.rows if r.code == "20801")
    assert management.cells[column].amount.value == Decimal("337.44")  # only its 项 2080109
    assert "汇总" in note_text(management.cells[column].amount.note)


def test_economic_shares_of_a_document_with_basic_spending_only_are_of_basic_spending(
    client, samples
):
    response = client.get(reverse("compare_mix"), {"classification": "economic"})
    report = response.context["report"]

    column = next(
        n
        for n, c in enumerate(report.columns)
        if (c.disclosure.agency, c.disclosure.year) == (FUZHOU, 2023)
    )
    assert report.columns[column].whole.value == Decimal("284.66") and report.columns[column].note
    wages = next(r for r in report.rows if r.code == "301")
    assert wages.cells[column].share.value == Decimal("94.48")  # 268.95 / 284.66


# --- year over year --------------------------------------------------------------------------


def test_the_change_against_a_prior_year_the_document_states_is_marked_as_stated(client, samples):
    response = client.get(reverse("compare_trend"))

    [fuzhou] = [s for s in response.context["report"] if (s.agency, s.kind) == (FUZHOU, "budget")]
    prior, current = fuzhou.points
    assert (prior.year, prior.amount.value, prior.amount.stated) == (2025, Decimal("602.56"), True)
    assert prior.disclosure_id is None
    assert (current.change.value, current.percent.value) == (Decimal("87.24"), Decimal("14.48"))
    assert current.stated_percent.value == Decimal("14.48")
    assert current.reasons == ("本年度新增上一年转正及新入职人员的人员经费及公用经费",)
    page = response.content.decode()
    assert "+14.48%" in page and "2026年预算所述" in page


def test_a_decrease_the_document_words_as_a_fall_is_negative(client, samples):
    response = client.get(reverse("compare_trend"))

    [haikou] = [s for s in response.context["report"] if s.agency == HAIKOU]
    assert (
        haikou.points[-1].percent.value
        == haikou.points[-1].stated_percent.value
        == Decimal("-11.41")
    )


def test_real_terms_deflate_by_the_price_index_said_beside_it_or_show_the_gap(client, samples):
    response = client.get(reverse("compare_trend"), {"real": "1"})
    series = {(s.agency, s.kind): s for s in response.context["report"]}

    final = series[(FUZHOU, "final_accounts")].points[-1]
    assert final.percent.value == Decimal("-6.37")
    assert final.real_percent.value == Decimal("-6.56") and "全国" in note_text(
        final.real_percent.note
    )
    budget = series[(FUZHOU, "budget")].points[-1]
    assert budget.real_percent.value is None and "2026" in note_text(budget.real_percent.gap)


def test_the_execution_rate_compares_the_final_accounts_with_the_budget_of_that_year(
    client, samples, publish, sample_files
):
    budget = sample_files["fuzhou-sicenter-2026-budget.txt"] + b"\n"
    publish(("fuzhou-2023-budget.txt", budget), agency=FUZHOU, year=2023, kind="budget")

    response = client.get(reverse("compare_trend"))

    series = {(s.agency, s.kind): s for s in response.context["report"]}
    final = next(p for p in series[(FUZHOU, "final_accounts")].points if p.year == 2023)
    assert final.execution.value == Decimal("51.18")  # 353.06 / 689.80
    later = series[(FUZHOU, "budget")].points[-1]
    assert later.year == 2026 and later.execution.value is None and later.execution.gap


def test_the_trend_csv_marks_the_stated_years(client, samples):
    rows = read_csv(
        client.get(reverse("compare_trend"), {"format": "csv", "kind": "budget", "lang": "en"})
    )

    fuzhou = [r for r in rows if r["agency"] == FUZHOU]
    assert [(r["year"], r["stated_by_a_later_document"]) for r in fuzhou] == [
        ("2025", "True"),
        ("2026", "False"),
    ]
    assert {r["kind"] for r in rows} == {"budget"}


# --- peers ----------------------------------------------------------------------------------


def test_peers_are_the_same_type_and_tier_ranked_with_their_median(client, samples):
    haikou = Agency.objects.get(name=HAIKOU)

    response = client.get(reverse("compare_peers"), {"agency": haikou.pk})

    report = response.context["report"]
    assert [r.disclosure.agency for r in report.rows] == [HAIKOU, XIANYANG]
    assert report.rank == (1, 2) and report.median == Decimal("30.74")  # (44.48 + 17.00) / 2
    assert "1 / 2" in response.content.decode()


def test_an_agency_without_peers_of_its_tier_is_told_so(client, samples):
    fuzhou = Agency.objects.get(name=FUZHOU)  # its one peer by type is a district's

    report = client.get(reverse("compare_peers"), {"agency": fuzhou.pk}).context["report"]

    assert [r.disclosure.agency for r in report.rows] == [FUZHOU] and report.gap


def test_peers_of_an_agency_that_published_nothing_is_not_found(client, samples):
    assert client.get(reverse("compare_peers"), {"agency": 999_999}).status_code == 404


# --- what is shown at all --------------------------------------------------------------------


def test_drafts_feed_no_comparison(client, samples, reviewer, sample_files):
    services.document_upload(
        files=[("draft.txt", sample_files["haikou-cardcenter-2026-budget.txt"] + b"\n\n")],
        user=reviewer,
        hints=services.Hints(agency="草稿单位"),
    )
    for document in Document.objects.filter(name="draft.txt"):
        services.document_parse(document_id=document.pk)
    assert Disclosure.objects.filter(agency__name="草稿单位", published_at__isnull=True).exists()

    for name in ("compare_per_capita", "compare_mix", "compare_trend", "agency_list"):
        assert "草稿单位" not in client.get(reverse(name)).content.decode()
    assert "草稿单位" not in client.get(reverse("home")).content.decode()


def test_without_a_staff_count_the_establishment_is_used_and_said(client, samples, reviewer):
    haikou = Disclosure.objects.get(agency__name=HAIKOU, is_current=True)
    correction = services.value_correct(
        disclosure=haikou,
        address="figure:headcount:actual",
        value=None,
        reason="the document gives only the establishment",
        user=reviewer,
    )
    services.disclosure_publish(disclosure=correction.disclosure, user=reviewer)

    response = client.get(reverse("compare_per_capita"))

    row = row_of(response.context["report"].rows, HAIKOU, 2026)
    assert row.staff.value == 8 and "编制" in note_text(row.staff.note)
    assert row.per_staff[0].value == Decimal("44.48") and row.per_staff[0].note == row.staff.note


def test_an_agency_of_unknown_type_has_no_peers_and_is_told_why(client, samples):
    Agency.objects.filter(name=HAIKOU).update(kind="")

    response = client.get(reverse("compare_peers"), {"agency": Agency.objects.get(name=HAIKOU).pk})

    assert response.context["report"].subject is None
    assert "单位类型未知" in response.content.decode()


# --- charts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["compare_per_capita", "compare_mix", "compare_trend"])
def test_each_comparison_page_carries_its_chart_as_a_json_data_block(client, samples, name):
    response = client.get(reverse(name), {"year": 2026})
    html = response.content.decode()

    figure = response.context["figure"]
    assert figure["data"] and figure["layout"]["title"]["text"]
    assert '<script id="chart-figure" type="application/json">' in html
    assert 'data-figure="chart-figure"' in html
    assert "vendor/plotly.min.js" in html and "js/chart.js" in html
    assert figure["layout"]["meta"]["source"].startswith("来源：")
    assert "format=csv" in html


@pytest.mark.parametrize("comparison", ["per-capita", "mix", "trend", "peers"])
def test_an_embed_holds_only_the_chart_its_sources_and_a_link_back_and_may_be_framed(
    client, samples, comparison
):
    response = client.get(reverse("embed", args=[comparison]), {"year": 2026})
    html = response.content.decode()

    assert response.status_code == 200
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    assert '<script id="chart-figure" type="application/json">' in html
    assert "js/embed-resize.js" in html and "来源：" in html
    assert "/compare/" in html and "year=2026" in html
    assert "site-header" not in html  # no navigation, only the chart


def test_an_unknown_embed_is_not_found(client, samples):
    assert client.get(reverse("embed", args=["ranking"])).status_code == 404


def test_each_comparison_page_offers_the_embed_code_of_its_own_view(client, samples):
    response = client.get(reverse("compare_trend"), {"year": 2026, "real": 1})

    code = response.context["embed_code"]
    assert 'src="http://testserver/embed/trend/?year=2026&amp;real=1"' in code
    assert "/static/js/embed-host.js" in code
    assert "X-Frame-Options" in client.get(reverse("compare_trend"))


# --- oEmbed -----------------------------------------------------------------------------------


def test_a_comparison_page_names_its_oembed_address_and_it_gives_the_embed(client, samples):
    page = client.get(reverse("compare_mix"), {"year": 2026, "code": "208"})
    link = page.context["oembed_url"]
    assert 'type="application/json+oembed"' in page.content.decode()

    response = client.get(link.removeprefix("http://testserver"))
    found = response.json()

    assert found["version"] == "1.0" and found["type"] == "rich"
    assert "/embed/mix/?year=2026&amp;code=208" in found["html"]
    assert "embed-host.js" in found["html"]
    assert (found["width"], found["height"]) == (640, 520)


def test_oembed_keeps_within_the_size_asked_for(client, samples):
    url = "http://testserver/embed/trend/?real=1"
    found = client.get(reverse("oembed"), {"url": url, "maxwidth": 400, "maxheight": 300}).json()
    assert (found["width"], found["height"]) == (400, 300)
    assert 'width="400" height="300"' in found["html"]


@pytest.mark.parametrize(
    "url, status",
    [
        ("http://elsewhere.example/compare/mix/", 404),
        ("http://testserver/compare/peers/?measure=public_per_staff", 200),
        ("http://testserver/agencies/", 404),
        ("http://testserver/nowhere/", 404),
    ],
)
def test_oembed_answers_only_for_this_sites_charts(client, samples, url, status):
    assert client.get(reverse("oembed"), {"url": url}).status_code == status


def test_oembed_speaks_json_only(client, samples):
    url = "http://testserver/compare/mix/"
    assert client.get(reverse("oembed"), {"url": url, "format": "xml"}).status_code == 501


def test_a_chart_speaks_the_pages_language(client, samples, settings):
    query = {"year": 2026, "view": "absolute"}
    chinese = client.get(reverse("compare_trend"), query).context["figure"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("compare_trend"), query).context["figure"]

    assert chinese["layout"]["title"]["text"] == "各单位支出总计逐年比较"
    assert english["layout"]["title"]["text"] == "Total spending year by year"
    assert english["layout"]["yaxis"]["title"]["text"].endswith("million yuan)")
    assert english["layout"]["meta"]["source"].startswith("Source: ")
    # the same amounts, in million yuan rather than 万元
    assert english["data"][0]["y"] == [y / 100 for y in chinese["data"][0]["y"]]


def test_the_peers_page_charts_the_ranking_it_lists(client, samples):
    haikou = next(d for d in samples if "海口" in d.agency.name)
    response = client.get(reverse("compare_peers"), {"agency": haikou.agency_id})
    figure = response.context["figure"]
    report = response.context["report"]

    [bars] = figure["data"]
    assert bars["y"] == [row.disclosure.agency for row, v in report.lines if v.value is not None]
    assert haikou.agency.name in figure["layout"]["title"]["text"]
    assert "/embed/peers/?agency=" in response.context["embed_code"]
