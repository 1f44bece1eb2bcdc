"""What an editor who puts a chart in a story needs from its page and embed: every row of
the table in the chart, amounts to two places, one time zone, a credit line, a frame
title that names the chart, an embed that answers HEAD."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from disclosures.models import Disclosure

pytestmark = pytest.mark.django_db


def test_the_per_capita_chart_lists_every_agency_of_its_table_a_gap_marked(client, samples):
    response = client.get(reverse("compare_per_capita"))

    rows, figure = response.context["report"].rows, response.context["figure"]
    assert len(figure["layout"]["yaxis"]["ticktext"]) == len(rows) == len(samples)
    gaps = [n for n, r in enumerate(rows) if r.per_staff[0].value is None]
    assert gaps  # a sample without any headcount
    marked = [a["y"] for a in figure["layout"]["annotations"] if a.get("name") == "gap"]
    assert marked == gaps


def test_amounts_on_a_comparison_page_print_two_decimals(client, samples):
    Disclosure.objects.filter(agency__name__startswith="海口").first().figures.filter(
        group="totals", key="expenditure"
    ).update(value="355.8512")

    html = client.get(reverse("compare_per_capita")).content.decode()

    assert "355.85<" in html and "355.8512" not in html


def test_the_datas_date_is_the_last_publication_in_beijing_time(client, samples):
    # 20:30 UTC on 5 December is already 6 December in Beijing
    Disclosure.objects.filter(is_current=True).update(
        published_at=dt.datetime(2026, 12, 5, 20, 30, tzinfo=dt.UTC)
    )

    figure = client.get(reverse("compare_mix")).context["figure"]

    assert figure["layout"]["meta"]["day"] == "2026-12-06"
    assert "数据截至 2026-12-06" in figure["layout"]["annotations"][0]["text"]
    assert figure["layout"]["meta"]["link"] == "http://testserver/compare/mix/"


@pytest.mark.parametrize("name", ["per-capita", "mix", "trend", "peers"])
def test_an_embed_answers_head(client, samples, name):
    response = client.head(reverse("embed", args=[name]))
    assert response.status_code == 200 and response.content == b""


def test_each_embeds_frame_title_names_its_chart(client, samples):
    titles = set()
    for name in ("compare_per_capita", "compare_mix", "compare_trend"):
        code = client.get(reverse(name)).context["embed_code"]
        [title] = re.findall(r'title="([^"]+)"', code)
        titles.add(title)
    assert len(titles) == 3
    assert "各单位支出结构比较 · 预决算公开" in titles


def test_the_rest_of_a_total_beside_basic_and_project_is_shown_so_the_three_add_up(client, samples):
    haikou = Disclosure.objects.get(agency__name__startswith="海口", year=2026)
    figures = haikou.figures.filter(group="totals")
    total = figures.get(key="expenditure").value
    figures.filter(key="project").update(value=figures.get(key="project").value - 10)

    response = client.get(reverse("compare_mix"))

    structure = dict(response.context["report"].structure)
    column = [c.disclosure.id for c in response.context["report"].columns].index(haikou.id)
    parts = [structure[key][column] for key in ("basic", "project", "other")]
    assert parts[2].amount.value == 10
    assert sum(p.amount.value for p in parts) == total
    assert abs(sum(p.share.value for p in parts) - 100) <= 0.02
    assert "预留机动经费及其他支出占支出总计" in response.content.decode()
