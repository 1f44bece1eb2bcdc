"""The comparison reports as Plotly figures: plain dicts (data + layout) that the pages
hand to plotly.js as JSON.

Money is Decimal everywhere else; it becomes a float here, and only here, because
that is what a chart draws. Amounts are in 万元, shown in 亿元 when the largest one
reaches 1亿 (10,000 万元) so that axes do not read 12,345,678; in English, in thousand,
million or billion yuan. A gap (no value, with its reason) is left out of the chart:
the table beside it says why.

This module is pure (no Django): the page passes its language in as `Words`, whose
`_` is Django's gettext there. The strings are written `_("…")` so that makemessages
finds them; their English is in locale/en.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from comparisons.figures import Cell
from comparisons.queries import DisclosureRow
from comparisons.reports.common import KIND_SHORT
from comparisons.reports.mix import Mix
from comparisons.reports.per_capita import Peers, PerCapita
from comparisons.reports.trend import Series

Figure = dict[str, Any]
FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Words:
    """A language for the charts: its translation function and the units it writes amounts
    in 万元 with, smallest first, as (unit, how many 万元 one of it is)."""

    _: Callable[[str], str]
    units: tuple[tuple[str, Decimal], ...]
    space: str  # between a number and its unit

    def kind(self, kind: str) -> str:
        return self._(KIND_SHORT[kind])


CHINESE = Words(_same, (("万元", Decimal(1)), ("亿元", Decimal(10000))), "")
# 1 万元 = 10,000 yuan = 10 thousand yuan
ENGLISH_UNITS = (
    ("thousand yuan", Decimal("0.1")),
    ("million yuan", Decimal(100)),
    ("billion yuan", Decimal(100000)),
)


def words_for(translate: Callable[[str], str], language: str) -> Words:
    """The page's Words: Chinese units unless the page is in English."""
    if language.startswith("zh"):
        return Words(translate, CHINESE.units, "")
    return Words(translate, ENGLISH_UNITS, " ")


def money_unit(values: Iterable[Decimal | None], words: Words = CHINESE) -> tuple[str, Decimal]:
    """The unit a set of amounts in 万元 reads best in, and what to divide them by: the
    largest unit the largest amount has at least one of."""
    largest = max((abs(v) for v in values if v is not None), default=Decimal(0))
    chosen = words.units[0]
    for unit in words.units:
        if largest >= unit[1]:
            chosen = unit
    return chosen


def money_text(value: Decimal | None, words: Words = CHINESE) -> str:
    """One amount in 万元 as a reader expects it: 355.85万元, 1.23亿元; 3.56 million yuan."""
    if value is None:
        return ""
    unit, divisor = money_unit([value], words)
    return f"{value / divisor:,.2f}{words.space}{unit}"


def _float(cell: Cell, divisor: Decimal = Decimal(1)) -> float | None:
    return None if cell.value is None else float(cell.value / divisor)


def document_name(row: DisclosureRow, words: Words = CHINESE) -> str:
    _ = words._
    return _("{agency}{year}年{kind}").format(
        agency=row.agency, year=row.year, kind=words.kind(row.kind)
    )


def source_line(rows: Iterable[DisclosureRow], words: Words = CHINESE) -> str:
    """来源：the documents the chart is drawn from, each named once, in order."""
    return _sources((document_name(r, words) for r in rows), words)


def _sources(documents: Iterable[str], words: Words) -> str:
    _ = words._
    names = list(dict.fromkeys(documents))
    return _("来源：{documents}公开文件").format(documents=_("、").join(names)) if names else ""


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


def per_capita_figure(report: PerCapita, words: Words = CHINESE) -> Figure:
    """Spending per staff member, one bar a document."""
    _ = words._
    rows = [r for r in report.rows if r.per_staff[0].value is not None]
    unit, divisor = money_unit((r.per_staff[0].value for r in rows), words)
    trace = {
        "type": "bar",
        "x": [document_name(r.disclosure, words) for r in rows],
        "y": [_float(r.per_staff[0], divisor) for r in rows],
        "text": [money_text(r.per_staff[0].value, words) for r in rows],
        "hovertemplate": _("%{x}<br>人均支出 %{text}/人") + "<extra></extra>",
    }
    title = _("各单位人均支出比较（支出总计 ÷ 实有人数）")
    source = source_line((r.disclosure for r in rows), words)
    return {"data": [trace], "layout": _layout(title, _("{unit}/人").format(unit=unit), source)}


def mix_figure(report: Mix, words: Words = CHINESE) -> Figure:
    """Each class's share of each document's spending, stacked to its whole."""
    _ = words._
    columns = [document_name(c.disclosure, words) for c in report.columns]
    data = []
    for row in report.rows:
        label = f"{row.code} {row.name}".strip() or _("其他（差额）")
        data.append(
            {
                "type": "bar",
                "name": label,
                "x": columns,
                "y": [_float(cell.share) for cell in row.cells],
                "text": [money_text(cell.amount.value, words) for cell in row.cells],
                "hovertemplate": f"{label}<br>%{{x}}<br>%{{y:.2f}}%（%{{text}}）<extra></extra>",
            }
        )
    functional = report.classification == "functional"
    kind = _("支出功能分类") if functional else _("支出经济分类")
    under = _("（{code} 以下）").format(code=report.parent) if report.parent else ""
    title = _("各单位支出结构比较：{classification}{under}占支出的比重").format(
        classification=kind, under=under
    )
    source = source_line((c.disclosure for c in report.columns), words)
    return {"data": data, "layout": _layout(title, _("占比（%）"), source, barmode="stack")}


def trend_figure(series: list[Series], words: Words = CHINESE) -> Figure:
    """Each agency's total spending year by year, one line a series; a year a later
    document states is drawn as an open marker."""
    _ = words._
    unit, divisor = money_unit((p.amount.value for s in series for p in s.points), words)
    data = []
    for one in series:
        points = [p for p in one.points if p.amount.value is not None]
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": _("{agency}（{kind}）").format(
                    agency=one.agency, kind=words.kind(one.kind)
                ),
                "x": [p.year for p in points],
                "y": [_float(p.amount, divisor) for p in points],
                "marker": {
                    "symbol": ["circle-open" if p.amount.stated else "circle" for p in points]
                },
                "hovertemplate": _("%{{x}}年 %{{y:,.2f}}{unit}").format(unit=words.space + unit)
                + "<extra>%{fullData.name}</extra>",
            }
        )
    title = _("各单位支出总计逐年比较")
    layout = _layout(title, _("支出总计（{unit}）").format(unit=unit), trend_sources(series, words))
    layout["xaxis"] = {"title": {"text": _("年度")}, "dtick": 1, "tickformat": "d"}
    real = _real_growth(series, words)
    if real:
        data += real
        layout["yaxis2"] = {
            "title": {"text": _("实际增幅（%，扣除物价）")},
            "overlaying": "y",
            "side": "right",
            "ticksuffix": "%",
            "zeroline": True,
            "showgrid": False,
        }
        layout["barmode"] = "group"
    return {"data": data, "layout": layout}


def _real_growth(series: list[Series], words: Words) -> list[dict[str, Any]]:
    """With prices taken out (the page's 实际 view): each series' growth net of CPI, as
    bars on a right-hand axis; none where no year has an index."""
    _ = words._
    bars = []
    for one in series:
        points = [p for p in one.points if p.real_percent.value is not None]
        if points:
            name = _("{agency}（{kind}）").format(agency=one.agency, kind=words.kind(one.kind))
            bars.append(
                {
                    "type": "bar",
                    "name": _("{name} 实际增幅").format(name=name),
                    "x": [p.year for p in points],
                    "y": [_float(p.real_percent) for p in points],
                    "yaxis": "y2",
                    "opacity": 0.5,
                    "hovertemplate": "%{x}: %{y:.2f}%<extra>%{fullData.name}</extra>",
                }
            )
    return bars


def trend_sources(series: list[Series], words: Words = CHINESE) -> str:
    """The documents read (a year stated by a later one is in that later document)."""
    _ = words._
    return _sources(
        (
            _("{agency}{year}年{kind}").format(
                agency=s.agency, year=p.year, kind=words.kind(s.kind)
            )
            for s in series
            for p in s.points
            if p.disclosure_id is not None
        ),
        words,
    )


# marks a string for makemessages; it is translated where it is used
gettext_noop = _same
# What each peers measure is, and whether it is an amount in 万元 (the others are in 元).
PEER_MEASURES = {
    "per_staff": (gettext_noop("人均支出"), True),
    "public_per_staff": (gettext_noop("人均公用经费"), True),
    "per_resident": (gettext_noop("每位常住居民支出"), False),
    "expenditure": (gettext_noop("支出总计"), True),
}


def peers_figure(report: Peers | None, words: Words = CHINESE) -> Figure:
    """The subject and its peers on one measure, largest first, the subject in its own
    colour and the median as a line."""
    _ = words._
    if report is None or report.subject is None:
        return {"data": [], "layout": {}}
    ranked = [(row, cell) for row, cell in report.lines if cell.value is not None]
    lines = _around(ranked, report.subject.disclosure.agency_id)
    name, in_wan = PEER_MEASURES[report.measure]
    if in_wan:
        unit, divisor = money_unit((cell.value for _row, cell in lines), words)
    else:
        unit, divisor = _("元"), Decimal(1)
    subject = report.subject.disclosure.agency_id
    trace = {
        "type": "bar",
        "orientation": "h",
        "y": [row.disclosure.agency for row, _cell in lines],
        "x": [_float(cell, divisor) for _row, cell in lines],
        "marker": {
            "color": [
                "#c2410c" if r.disclosure.agency_id == subject else "#94a3b8" for r, _c in lines
            ]
        },
        "hovertemplate": "%{y}<br>%{x:,.2f}" + words.space + unit + "<extra></extra>",
    }
    d = report.subject.disclosure
    title = _("{agency}与同类单位比较：{measure}（{year}年{kind}）").format(
        agency=d.agency, measure=_(name), year=d.year, kind=words.kind(d.kind)
    )
    # the report may hold only the places around the agency's own (its window)
    before, count = (report.window[0] - 1, report.window[2]) if report.window else (0, len(ranked))
    if len(lines) < count:
        first = before + ranked.index(lines[0]) + 1
        title += (
            "<br><sub>"
            + _("第 {first}–{last} 名，共 {count} 个").format(
                first=first, last=first + len(lines) - 1, count=count
            )
            + "</sub>"
        )
    layout = _layout(title, "", source_line((row.disclosure for row, _c in lines), words))
    layout["yaxis"] = {"autorange": "reversed", "automargin": True}
    layout["xaxis"] = {"title": {"text": unit}, "tickformat": ",~r", "automargin": True}
    layout["height"] = max(360, 140 + 28 * len(lines))
    if report.median is not None:
        median = float(report.median / divisor)
        layout["shapes"] = [
            {"type": "line", "xref": "x", "yref": "paper", "x0": median, "x1": median,
             "y0": 0, "y1": 1, "line": {"dash": "dash", "color": "#334155"}}
        ]  # fmt: skip
    return {"data": [trace], "layout": layout}


PEERS_SHOWN = 25


def _around(ranked: list[Any], agency_id: int) -> list[Any]:
    """At most PEERS_SHOWN places of the ranking, the subject's among them (in the middle
    where the ranking allows): a bar chart of a thousand agencies reads as nothing."""
    if len(ranked) <= PEERS_SHOWN:
        return ranked
    place = next(
        (i for i, (row, _c) in enumerate(ranked) if row.disclosure.agency_id == agency_id), 0
    )
    start = min(max(place - PEERS_SHOWN // 2, 0), len(ranked) - PEERS_SHOWN)
    return ranked[start : start + PEERS_SHOWN]
