"""The reports as Plotly figures, without a database: floats only here, Chinese units,
titles that say what is compared, the documents named."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal as D

import pytest

from comparisons import charts, trend_chart
from comparisons.figures import Cell, gap
from comparisons.queries import Cap, DisclosureRow
from comparisons.reports.mix import Mix, MixCell, MixColumn, MixRow
from comparisons.reports.per_capita import Peers, PerCapita, PerCapitaRow
from comparisons.reports.trend import Point, Series

# the page's words, with the reasons for a gap as the site would say them in Chinese
REASONS = {"no_headcount": "无人数", "not_stated_in_document": "文件未给出"}
SAYING = replace(charts.CHINESE, say=lambda note: REASONS.get(note.id, ""))


def document(n: int, agency: str, year: int = 2023, kind: str = "budget") -> DisclosureRow:
    return DisclosureRow(
        id=n, agency_id=n, agency=agency, province="广东省", city="广州市", county="",
        agency_kind="行政单位", year=year, kind=kind, scope="department", version=1,
        published_at=None, tables=(), errors=0, warnings=0,
    )  # fmt: skip


def per_capita_row(row: DisclosureRow, per_staff: Cell) -> PerCapitaRow:
    cells = (per_staff,) * 5
    return PerCapitaRow(row, cells, Cell(D(8)), cells, gap("无人口"), gap("无人口"))


@pytest.mark.parametrize(
    "value, text",
    [
        (D("355.85"), "355.85万元"),
        (D("9999.99"), "9,999.99万元"),
        (D("12345.6"), "1.23亿元"),
        (D("-25000"), "-2.50亿元"),
        (None, ""),
    ],
)
def test_amounts_read_in_wan_yuan_and_in_yi_yuan_once_large(value, text):
    assert charts.money_text(value) == text


def test_the_per_capita_chart_draws_every_row_of_its_table_a_gap_as_no_data():
    rows = [
        per_capita_row(document(1, "市教育局"), Cell(D("44.48"))),
        per_capita_row(document(2, "市卫健委"), gap("no_headcount")),
        per_capita_row(document(3, "市财政局", 2022, "final_accounts"), Cell(D("30.10"))),
    ]
    figure = charts.per_capita_figure(PerCapita(rows), SAYING)

    [trace] = figure["data"]
    assert trace["orientation"] == "h"
    names = ["市教育局2023年预算", "市卫健委2023年预算", "市财政局2022年决算"]
    assert figure["layout"]["yaxis"]["ticktext"] == names  # the table's rows, in its order
    assert trace["x"] == [44.48, None, 30.1]
    assert all(type(v) is float for v in trace["x"] if v is not None)
    [no_data] = [a for a in figure["layout"]["annotations"] if a["name"] == "gap"]
    assert no_data["y"] == 1 and no_data["text"] == "无数据：无人数"
    assert figure["layout"]["title"]["text"] == "各单位人均支出比较"
    meta = figure["layout"]["meta"]
    assert (
        meta["source"] == "来源：市教育局2023年预算、市卫健委2023年预算、市财政局2022年决算公开文件"
    )
    assert meta["notes"] == ["1 项无数据，原因见图中和下表。"]
    json.dumps(figure)  # no Decimal left for the page's JSON


def test_the_mix_chart_stacks_each_class_share_of_each_document_to_its_whole():
    columns = [
        MixColumn(document(1, "甲局"), Cell(D(100))),
        MixColumn(document(2, "乙局"), Cell(D(50))),
        MixColumn(document(3, "丙局"), gap("not_stated_in_document")),
    ]
    rows = [
        MixRow("208", "社会保障和就业支出", True, (
            MixCell(Cell(D(60)), Cell(D(60))), MixCell(Cell(D(10)), Cell(D(20))),
            MixCell(gap("无"), gap("无")))),
        MixRow("", "", False, (
            MixCell(Cell(D(40)), Cell(D(40))), MixCell(Cell(D(40)), Cell(D(80))),
            MixCell(gap("无"), gap("无")))),
    ]  # fmt: skip
    figure = charts.mix_figure(Mix("functional", "", [], columns, rows, []), SAYING)

    first, rest = figure["data"]
    assert first["name"] == "208 社会保障和就业支出" and first["orientation"] == "h"
    assert first["x"] == [60.0, 20.0, None]
    assert rest["name"] == "其他（差额）" and rest["x"] == [40.0, 80.0, None]
    assert figure["layout"]["barmode"] == "relative"
    assert "支出功能分类" in figure["layout"]["meta"]["subtitle"]
    [no_data] = [a for a in figure["layout"]["annotations"] if a["name"] == "gap"]
    assert no_data["y"] == 2 and "文件未给出" in no_data["text"]
    assert "甲局2023年预算、乙局2023年预算" in figure["layout"]["annotations"][0]["text"]


def test_the_trend_chart_switches_to_yi_yuan_and_marks_stated_years():
    points = [
        Point(2022, Cell(D(9000), stated=True)),
        Point(2023, Cell(D(15000)), disclosure_id=7),
        Point(2024, gap("未公开")),
    ]
    figure = trend_chart.trend_figure([Series(1, "省教育厅", "广东省", "budget", points)])

    [line] = figure["data"]
    assert line["x"] == [2022, 2023, 2024]
    assert line["y"] == [0.9, 1.5, None]  # a gap is a break in the line, said in a note
    assert line["marker"]["symbol"] == ["circle-open", "circle", "circle"]
    assert figure["layout"]["meta"]["notes"] == ["1 个年份无数据，线在那里断开；原因见下表。"]
    assert figure["layout"]["yaxis"]["title"]["text"] == "支出总计（亿元）"
    assert figure["layout"]["meta"]["source"] == "来源：省教育厅2023年预算公开文件"


def test_small_amounts_stay_in_wan_yuan():
    points = [Point(2023, Cell(D("355.85")), disclosure_id=1)]
    figure = trend_chart.trend_figure([Series(1, "区档案馆", "", "final_accounts", points)])
    assert figure["data"][0]["y"] == [355.85]
    assert figure["layout"]["yaxis"]["title"]["text"] == "支出总计（万元）"


ENGLISH = {
    "{agency}{year}年{kind}": "{agency} {year} {kind}",
    "预算": "budget",
    "决算": "final accounts",
    "来源：{documents}公开文件": "Source: {documents} (published disclosures)",
    "、": "; ",
    "支出总计（{unit}）": "Spending ({unit})",
    "各单位支出总计逐年比较": "Total spending year by year",
    "{agency}支出总计逐年变化": "{agency}: total spending year by year",
}


def english() -> charts.Words:
    return charts.words_for(lambda text: ENGLISH.get(text, text), "en")


@pytest.mark.parametrize(
    "value, text",
    [
        (D("44.48"), "444.80 thousand yuan"),
        (D("355.85"), "3.56 million yuan"),
        (D("250000"), "2.50 billion yuan"),
    ],
)
def test_english_amounts_read_in_thousand_million_or_billion_yuan(value, text):
    assert charts.money_text(value, english()) == text


def test_a_chart_speaks_the_language_it_is_given_and_scales_to_its_units():
    points = [Point(2023, Cell(D("355.85")), disclosure_id=1), Point(2024, Cell(D("1200")))]
    figure = trend_chart.trend_figure(
        [Series(1, "区档案馆", "", "final_accounts", points)], english()
    )

    assert figure["layout"]["title"]["text"] == "区档案馆: total spending year by year"
    assert figure["layout"]["yaxis"]["title"]["text"] == "Spending (million yuan)"
    assert figure["data"][0]["y"] == [3.5585, 12.0]
    assert figure["layout"]["meta"]["source"] == (
        "Source: 区档案馆 2023 final accounts (published disclosures)"
    )


def peers_report(count: int, subject: int, measure: str = "per_staff") -> Peers:
    rows = [
        per_capita_row(document(n, f"第{n}中心"), Cell(D(100 - n))) for n in range(1, count + 1)
    ]
    mine = rows[subject - 1]
    return Peers(mine, rows, measure, rank=(subject, count), median=D(100 - (count + 1) / 2))


def test_the_peers_chart_marks_the_subject_and_draws_the_median():
    figure = charts.peers_figure(peers_report(5, 2))

    [bars] = figure["data"]
    assert bars["y"] == ["第1中心", "第2中心", "第3中心", "第4中心", "第5中心"]
    assert bars["x"] == [99.0, 98.0, 97.0, 96.0, 95.0]
    colours = bars["marker"]["color"]
    assert colours[1] != colours[0] and len(set(colours)) == 2
    [median] = figure["layout"]["shapes"]
    assert median["x0"] == median["x1"] == 97.0
    assert figure["layout"]["title"]["text"].startswith("第2中心与同类单位比较：人均支出")


def test_a_long_ranking_is_charted_around_the_subject_and_says_which_places():
    figure = charts.peers_figure(peers_report(300, 150))

    [bars] = figure["data"]
    assert len(bars["y"]) == charts.PEERS_SHOWN
    assert "第150中心" in bars["y"]
    assert bars["y"][0] == "第138中心"
    assert "第 138–162 名，共 300 个" in figure["layout"]["meta"]["subtitle"]


def test_residents_are_compared_in_yuan_not_wan_yuan():
    report = peers_report(3, 1, "per_resident")
    rows = [replace(r, per_resident=Cell(D(1234))) for r in report.rows]
    figure = charts.peers_figure(replace(report, subject=rows[0], rows=rows))
    assert figure["layout"]["xaxis"]["title"]["text"] == "元"


def test_peers_without_the_measure_draw_no_empty_chart():
    assert charts.peers_figure(peers_report(3, 1, "per_resident"))["data"] == []


def test_no_subject_no_peers_chart():
    assert charts.peers_figure(None)["data"] == []


def test_growth_net_of_prices_is_drawn_on_its_own_axis_where_an_index_gives_it():
    points = [
        Point(2023, Cell(D(100)), disclosure_id=1),
        Point(2024, Cell(D(110)), disclosure_id=2, real_percent=Cell(D("7.84"))),
        Point(2025, Cell(D(120)), disclosure_id=3, real_percent=gap("无当年物价指数")),
    ]
    figure = trend_chart.trend_figure([Series(1, "区档案馆", "", "budget", points)])

    line, bars = figure["data"]
    assert (bars["type"], bars["yaxis"], bars["x"], bars["y"]) == ("bar", "y2", [2024], [7.84])
    assert figure["layout"]["yaxis2"]["overlaying"] == "y"
    nominal = trend_chart.trend_figure([Series(1, "区档案馆", "", "budget", points[:1])])
    assert len(nominal["data"]) == 1 and "yaxis2" not in nominal["layout"]


def test_a_ranking_window_is_numbered_from_its_first_place():
    report = peers_report(31, 16)
    windowed = Peers(
        report.subject, report.rows, "per_staff", rank=(116, 300), window=(101, 131, 300)
    )
    figure = charts.peers_figure(windowed)
    assert "共 300 个" in figure["layout"]["meta"]["subtitle"]
    assert "第 104–128 名" in figure["layout"]["meta"]["subtitle"]


def series(agency: str, amounts: list[int], first_year: int = 2021) -> Series:
    points = [
        Point(first_year + n, Cell(D(a)), disclosure_id=n + 1, percent=Cell(D(n)))
        for n, a in enumerate(amounts)
    ]
    return Series(len(agency), agency, "", "budget", points)


def test_agencies_an_order_of_magnitude_apart_are_compared_as_indices():
    big, small = series("省教育厅", [100000, 110000]), series("区档案馆", [600, 690])

    assert trend_chart.trend_view([big, small]) == "index"
    assert trend_chart.trend_view([series("甲", [600, 690]), small]) == "absolute"
    assert trend_chart.trend_view([big, small], "absolute") == "absolute"
    figure = trend_chart.trend_figure([big, small])
    assert [trace["y"] for trace in figure["data"]] == [[100.0, 110.0], [100.0, 115.0]]
    assert "100" in figure["layout"]["yaxis"]["title"]["text"]


def test_the_change_view_draws_each_years_change_on_the_year_before():
    figure = trend_chart.trend_figure([series("区档案馆", [600, 690, 700])], view="change")
    assert figure["data"][0]["y"] == [0.0, 1.0, 2.0]
    assert figure["layout"]["yaxis"]["ticksuffix"] == "%"


def test_a_single_agencys_amounts_start_from_zero_under_its_own_title_and_name():
    figure = trend_chart.trend_figure([series("区档案馆", [600, 690])])

    assert figure["layout"]["title"]["text"] == "区档案馆支出总计逐年变化"
    assert figure["layout"]["yaxis"]["rangemode"] == "tozero"
    [label] = [a for a in figure["layout"]["annotations"] if a.get("name") == "label"]
    assert (label["x"], label["y"], label["text"]) == (2022, 690.0, "区档案馆")
    assert figure["layout"]["showlegend"] is False


def test_lines_ending_together_get_labels_moved_apart_and_many_lines_a_legend():
    together = [series(f"第{n}中心", [600, 690]) for n in range(3)]
    labels = trend_chart.trend_figure(together, view="absolute")["layout"]["annotations"][1:]
    ys = sorted(a["y"] for a in labels)
    gaps = [b - a for a, b in zip(ys, ys[1:], strict=False)]
    assert len(ys) == 3 and all(g >= 690 * trend_chart.LABEL * 0.99 for g in gaps)

    many = [series(f"第{n}中心", [600 + n, 690]) for n in range(12)]
    figure = trend_chart.trend_figure(many, view="absolute")
    assert not [a for a in figure["layout"]["annotations"] if a.get("name") == "label"]
    assert figure["layout"].get("showlegend", True) is not False


def test_a_credit_line_names_the_site_the_live_chart_and_the_datas_date():
    figure = charts.per_capita_figure(
        PerCapita([per_capita_row(document(1, "市教育局"), Cell(D("44.48")))])
    )
    credited = charts.with_credit(figure, "预决算公开", "https://example.cn/c/?a=1", "2026-12-06")

    caption = credited["layout"]["annotations"][0]["text"]
    assert caption.endswith("预决算公开 · https://example.cn/c/?a=1 · 数据截至 2026-12-06")
    assert credited["layout"]["meta"]["day"] == "2026-12-06"
    assert "数据截至" not in figure["layout"]["annotations"][0]["text"]  # a copy


def test_a_chart_says_when_it_holds_only_the_first_agencies_of_its_selection():
    report = PerCapita([per_capita_row(document(1, "市教育局"), Cell(D("44.48")))], cap=Cap(1, 30))
    figure = charts.per_capita_figure(report)
    assert figure["layout"]["meta"]["notes"] == ["只画出按名称排在前面的 1 个单位，共 30 个。"]
    assert "共 30 个" in figure["layout"]["annotations"][0]["text"]  # a picture says it too
