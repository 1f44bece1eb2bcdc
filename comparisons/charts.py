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
    # a gap's reason (a figures.Note) in the language; without one, no reason is given
    say: Callable[[Any], str] = lambda note: ""

    def kind(self, kind: str) -> str:
        return self._(KIND_SHORT[kind])


CHINESE = Words(_same, (("万元", Decimal(1)), ("亿元", Decimal(10000))), "")
# 1 万元 = 10,000 yuan = 10 thousand yuan
ENGLISH_UNITS = (
    ("thousand yuan", Decimal("0.1")),
    ("million yuan", Decimal(100)),
    ("billion yuan", Decimal(100000)),
)


def words_for(
    translate: Callable[[str], str], language: str, say: Callable[[Any], str] | None = None
) -> Words:
    """The page's Words: Chinese units unless the page is in English."""
    said = {"say": say} if say else {}
    if language.startswith("zh"):
        return Words(translate, CHINESE.units, "", **said)
    return Words(translate, ENGLISH_UNITS, " ", **said)


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


NAMED = 8  # documents a source line names; of more, it names the first and counts them


def _sources(documents: Iterable[str], words: Words) -> str:
    _ = words._
    names = list(dict.fromkeys(documents))
    if len(names) > NAMED:
        return _("来源：{documents}等 {count} 份公开文件（见下表）").format(
            documents=_("、").join(names[:3]), count=len(names)
        )
    return _("来源：{documents}公开文件").format(documents=_("、").join(names)) if names else ""


# Colours that stay apart for readers with red-green colour blindness (Okabe and Ito), then
# plotly's own; a trace and its end label share one.
COLOURS = (
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000",
    "#636efa", "#ef553b", "#00cc96", "#ab63fa", "#ffa15a", "#19d3f3", "#ff6692", "#b6e880",
)  # fmt: skip
BAR = 30  # pixels a bar of a horizontal bar chart takes
DIRECT_LABELS = 8  # lines labelled at their end; more than that get a legend


def _layout(
    title: str, source: str, *, subtitle: str = "", notes: Iterable[str] = (), **extra: Any
) -> dict[str, Any]:
    """A layout whose words sit outside the plot: the page sets the title, subtitle, notes
    and source line (`meta`) as text around the plot, where they wrap; a picture sets
    them in its title and under it (comparisons.images). The first annotation is the
    subtitle, the notes and the source line, as a picture shows them under its title."""
    notes = [n for n in notes if n]
    # one run of text a picture wraps itself (comparisons.images.wrap), making room for
    # each line it makes
    caption = " · ".join(n for n in (subtitle, *notes, source) if n)
    return {
        "title": {"text": title},
        "meta": {"title": title, "subtitle": subtitle, "notes": notes, "source": source},
        "font": {"family": FONT},
        "separators": ".,",
        "colorway": list(COLOURS),
        "margin": {"t": 30, "b": 50, "l": 10, "r": 20},
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
        "annotations": [
            {
                "name": "source",
                "text": caption,
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


def with_credit(figure: Figure, site: str, link: str, day: str, words: Words = CHINESE) -> Figure:
    """The figure with a credit line under its source: the site, the live chart and the
    date its data stand at. A page sets it under the chart; a picture under its title."""
    _ = words._
    parts = [site, link, _("数据截至 {day}").format(day=day) if day else ""]
    credit = " · ".join(p for p in parts if p)
    layout = dict(figure["layout"])
    notes = list(layout.get("annotations", []))
    if notes:
        notes[0] = {**notes[0], "text": f"{notes[0]['text']} · {credit}"}
    meta = {**layout.get("meta", {}), "credit": credit, "site": site, "link": link, "day": day}
    return {**figure, "layout": {**layout, "annotations": notes, "meta": meta}}


def _bars_height(count: int) -> int:
    """For a picture, whose title, notes and source line take its top; a page works out
    the height its width needs (static/js/chart.js)."""
    return max(600, 240 + BAR * count)


def _categories(names: list[str]) -> dict[str, Any]:
    """A category axis of horizontal bars, first at the top; positions rather than the names
    themselves, so that two documents of one name stay two bars."""
    return {
        "tickvals": list(range(len(names))),
        "ticktext": names,
        "autorange": "reversed",
        "automargin": True,
        "showgrid": False,
    }


def _no_data(positions: list[tuple[int, Any]], words: Words) -> list[dict[str, Any]]:
    """A bar that has no value, drawn as its gap: "no data" and the reason, at the axis."""
    _ = words._

    def text(reason: Any) -> str:
        said = words.say(reason)
        return _("无数据：{reason}").format(reason=said) if said else _("无数据")

    return [
        {
            "name": "gap",
            "text": text(reason),
            "x": 0,
            "y": at,
            "xref": "x",
            "yref": "y",
            "xanchor": "left",
            "showarrow": False,
            "font": {"size": 11, "color": "#9a6700"},
        }
        for at, reason in positions
    ]


def _cap_note(report: Any, words: Words) -> str:
    """Said on the chart itself, which an embed shows without the page's form: the
    selection was larger than one chart holds."""
    _ = words._
    cap = getattr(report, "cap", None)
    if cap is None:
        return ""
    return _("只画出按名称排在前面的 {shown} 个单位，共 {total} 个。").format(
        shown=cap.shown, total=cap.total
    )


def _gap_note(count: int, words: Words) -> str:
    _ = words._
    return _("{count} 项无数据，原因见图中和下表。").format(count=count) if count else ""


def per_capita_figure(report: PerCapita, words: Words = CHINESE) -> Figure:
    """Spending per staff member, one bar a document: every row of the table beside it, a
    row without a figure drawn as "no data" with its reason."""
    _ = words._
    rows = report.rows
    cells = [r.per_staff[0] for r in rows]
    names = [document_name(r.disclosure, words) for r in rows]
    unit, divisor = money_unit((c.value for c in cells), words)
    trace = {
        "type": "bar",
        "orientation": "h",
        "y": list(range(len(rows))),
        "x": [_float(c, divisor) for c in cells],
        "text": [money_text(c.value, words) for c in cells],
        "customdata": names,
        # the bar says the number; its unit is in the subtitle and on the axis
        "texttemplate": "%{x:,.2f}",
        "textposition": "auto",
        "cliponaxis": False,
        "marker": {"color": COLOURS[0]},
        "hovertemplate": _("%{customdata}<br>人均支出 %{text}/人") + "<extra></extra>",
    }
    gaps = [(n, c.gap) for n, c in enumerate(cells) if c.value is None]
    layout = _layout(
        _("各单位人均支出比较"),
        source_line((r.disclosure for r in rows), words),
        subtitle=_("支出总计 ÷ 实有人数，{unit}/人").format(unit=unit),
        notes=[_cap_note(report, words), _gap_note(len(gaps), words)],
        height=_bars_height(len(rows)),
    )
    layout["yaxis"] = _categories(names)
    layout["xaxis"] = {
        "title": {"text": _("{unit}/人").format(unit=unit)},
        "tickformat": ",~r",
        "rangemode": "tozero",
        "automargin": True,
    }
    layout["annotations"] += _no_data(gaps, words)
    return {"data": [trace], "layout": layout}


def mix_figure(report: Mix, words: Words = CHINESE) -> Figure:
    """Each class's share of each document's spending, stacked to its whole (the classes and
    what they leave of the total add to 100%); a document without a total drawn as a gap."""
    _ = words._
    names = [document_name(c.disclosure, words) for c in report.columns]
    data = []
    for row in report.rows:
        label = f"{row.code} {row.name}".strip() or _("其他（差额）")
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": label,
                "y": list(range(len(names))),
                "x": [_float(cell.share) for cell in row.cells],
                "text": [money_text(cell.amount.value, words) for cell in row.cells],
                "customdata": names,
                "textposition": "none",
                "hovertemplate": f"{label}<br>%{{customdata}}<br>%{{x:.2f}}%（%{{text}}）"
                "<extra></extra>",
            }
        )
    functional = report.classification == "functional"
    kind = _("支出功能分类") if functional else _("支出经济分类")
    under = _("（{code} 以下）").format(code=report.parent) if report.parent else ""
    gaps = [(n, c.whole.gap) for n, c in enumerate(report.columns) if c.whole.value is None]
    layout = _layout(
        _("各单位支出结构比较"),
        source_line((c.disclosure for c in report.columns), words),
        subtitle=_("{classification}{under}占支出的比重").format(classification=kind, under=under),
        notes=[_cap_note(report, words), _gap_note(len(gaps), words)],
        barmode="relative",
        showlegend=True,  # even one class is named
        height=_bars_height(len(names)),
    )
    layout["yaxis"] = _categories(names)
    layout["xaxis"] = {"title": {"text": _("占比（%）")}, "ticksuffix": "%", "automargin": True}
    layout["annotations"] += _no_data(gaps, words)
    return {"data": data, "layout": layout}


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
    if not ranked:  # nobody has the measure: the table says why, there is nothing to draw
        return {"data": [], "layout": {}}
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
    subtitle = ""
    if len(lines) < count:
        first = before + ranked.index(lines[0]) + 1
        subtitle = _("第 {first}–{last} 名，共 {count} 个").format(
            first=first, last=first + len(lines) - 1, count=count
        )
    source = source_line((row.disclosure for row, _c in lines), words)
    layout = _layout(title, source, subtitle=subtitle, height=_bars_height(len(lines)))
    layout["yaxis"] = {"autorange": "reversed", "automargin": True}
    layout["xaxis"] = {
        "title": {"text": unit}, "tickformat": ",~r", "rangemode": "tozero", "automargin": True
    }  # fmt: skip
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
