"""The comparison reports as Plotly figures: plain dicts (data + layout) that the pages
hand to plotly.js as JSON.

Money is Decimal everywhere else; it becomes a float here, and only here, because
that is what a chart draws. Amounts are in 万元, shown in 亿元 when the largest one
reaches 1亿 (10,000 万元) so that axes do not read 12,345,678. A gap (no value, with
its reason) is left out of the chart: the table beside it says why.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from comparisons.figures import Cell
from comparisons.queries import DisclosureRow
from comparisons.reports.common import KIND_SHORT
from comparisons.reports.mix import Mix
from comparisons.reports.per_capita import PerCapita
from comparisons.reports.trend import Series

Figure = dict[str, Any]
YI = Decimal(10000)  # 万元 in one 亿元
FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"


def money_unit(values: Iterable[Decimal | None]) -> tuple[str, Decimal]:
    """The unit a set of amounts in 万元 reads best in, and what to divide them by."""
    largest = max((abs(v) for v in values if v is not None), default=Decimal(0))
    return ("亿元", YI) if largest >= YI else ("万元", Decimal(1))


def money_text(value: Decimal | None) -> str:
    """One amount in 万元 as a reader expects it: 355.85万元, 1.23亿元."""
    if value is None:
        return ""
    unit, divisor = money_unit([value])
    return f"{value / divisor:,.2f}{unit}"


def _float(cell: Cell, divisor: Decimal = Decimal(1)) -> float | None:
    return None if cell.value is None else float(cell.value / divisor)


def document_name(row: DisclosureRow) -> str:
    return f"{row.agency}{row.year}年{KIND_SHORT[row.kind]}"


def source_line(rows: Iterable[DisclosureRow]) -> str:
    """来源：the documents the chart is drawn from, each named once, in order."""
    return _sources(document_name(r) for r in rows)


def _sources(documents: Iterable[str]) -> str:
    names = list(dict.fromkeys(documents))
    return "来源：" + "、".join(names) + "公开文件" if names else ""


def _layout(title: str, axis: str, source: str, **extra: Any) -> dict[str, Any]:
    return {
        "title": {"text": title},
        "font": {"family": FONT},
        "separators": ".,",
        "yaxis": {"title": {"text": axis}, "tickformat": ",~r", "automargin": True},
        "xaxis": {"automargin": True},
        "margin": {"b": 110},
        "annotations": [
            {
                "text": source,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0,
                "yshift": -70,
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "top",
                "font": {"size": 11},
            }
        ],
        **extra,
    }


def per_capita_figure(report: PerCapita) -> Figure:
    """Spending per staff member (万元 a person), one bar a document."""
    rows = [r for r in report.rows if r.per_staff[0].value is not None]
    names = [f"{document_name(r.disclosure)}" for r in rows]
    values = [_float(r.per_staff[0]) for r in rows]
    trace = {
        "type": "bar",
        "x": names,
        "y": values,
        "text": [money_text(r.per_staff[0].value) for r in rows],
        "hovertemplate": "%{x}<br>人均支出 %{text}/人<extra></extra>",
    }
    title = "各单位人均支出比较（支出总计 ÷ 实有人数）"
    source = source_line(r.disclosure for r in rows)
    return {"data": [trace], "layout": _layout(title, "万元/人", source)}


def mix_figure(report: Mix) -> Figure:
    """Each class's share of each document's spending, stacked to its whole."""
    columns = [document_name(c.disclosure) for c in report.columns]
    data = []
    for row in report.rows:
        label = f"{row.code} {row.name}".strip() or "其他（差额）"
        data.append(
            {
                "type": "bar",
                "name": label,
                "x": columns,
                "y": [_float(cell.share) for cell in row.cells],
                "text": [money_text(cell.amount.value) for cell in row.cells],
                "hovertemplate": f"{label}<br>%{{x}}<br>%{{y:.2f}}%（%{{text}}）<extra></extra>",
            }
        )
    kind = "支出功能分类" if report.classification == "functional" else "支出经济分类"
    under = f"（{report.parent} 以下）" if report.parent else ""
    title = f"各单位支出结构比较：{kind}{under}占支出的比重"
    source = source_line(c.disclosure for c in report.columns)
    return {"data": data, "layout": _layout(title, "占比（%）", source, barmode="stack")}


def trend_figure(series: list[Series]) -> Figure:
    """Each agency's total spending year by year, one line a series; a year a later
    document states is drawn as an open marker."""
    unit, divisor = money_unit(p.amount.value for s in series for p in s.points)
    data = []
    for one in series:
        points = [p for p in one.points if p.amount.value is not None]
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": f"{one.agency}（{KIND_SHORT[one.kind]}）",
                "x": [p.year for p in points],
                "y": [_float(p.amount, divisor) for p in points],
                "marker": {
                    "symbol": ["circle-open" if p.amount.stated else "circle" for p in points]
                },
                "hovertemplate": f"%{{x}}年 %{{y:,.2f}}{unit}<extra>%{{fullData.name}}</extra>",
            }
        )
    title = "各单位支出总计逐年比较"
    layout = _layout(title, f"支出总计（{unit}）", trend_sources(series))
    layout["xaxis"] = {"title": {"text": "年度"}, "dtick": 1, "tickformat": "d"}
    return {"data": data, "layout": layout}


def trend_sources(series: list[Series]) -> str:
    """The documents read (a year stated by a later one is in that later document)."""
    return _sources(
        f"{s.agency}{p.year}年{KIND_SHORT[s.kind]}"
        for s in series
        for p in s.points
        if p.disclosure_id is not None
    )
