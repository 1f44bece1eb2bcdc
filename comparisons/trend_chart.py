"""The trend report as a Plotly figure: each agency's total spending year by year, in one
of three views, each line named at its end.

Agencies an order of magnitude apart flatten each other on one axis of amounts, so the
chart starts as an index (each agency's first year = 100) when they are; the page offers
the amounts themselves (from zero) and the change on the year before as the other views.
Pure like comparisons.charts, whose words and layout it shares.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from comparisons.charts import (
    CHINESE,
    COLOURS,
    DIRECT_LABELS,
    Figure,
    Words,
    _cap_note,
    _float,
    _layout,
    _sources,
    money_unit,
)
from comparisons.reports.trend import Point, Series

VIEWS = ("index", "absolute", "change")
SPREAD = 10  # largest over smallest: agencies this far apart are drawn as indices
HUNDRED = Decimal(100)


def trend_view(series: list[Series], asked: str = "") -> str:
    """The view asked for, else an index where the agencies differ by an order of
    magnitude, else the amounts."""
    if asked in VIEWS:
        return asked
    sizes = [
        max(p.amount.value for p in s.points if p.amount.value is not None)
        for s in series
        if any(p.amount.value is not None for p in s.points)
    ]
    sizes = [size for size in sizes if size > 0]
    spread = len(sizes) > 1 and max(sizes) >= SPREAD * min(sizes)
    return "index" if spread else "absolute"


def _plotted(one: Series, view: str, divisor: Decimal) -> list[tuple[Point, float | None]]:
    """The points of a series the view draws, with their values; a year without one is
    kept as None, so that the line breaks there rather than bridging it (the table beside
    the chart says why)."""
    if view == "change":  # a first year has nothing to change from: not a gap
        return [(p, float(p.percent.value)) for p in one.points if p.percent.value is not None]
    base = next((p.amount.value for p in one.points if p.amount.value), None)
    if view == "index":
        if base is None:
            return []
        return [
            (p, None if p.amount.value is None else float(p.amount.value / base * HUNDRED))
            for p in one.points
        ]
    return [(p, _float(p.amount, divisor)) for p in one.points]


def _name(one: Series, words: Words) -> str:
    _ = words._
    return _("{agency}（{kind}）").format(agency=one.agency, kind=words.kind(one.kind))


def trend_figure(series: list[Series], words: Words = CHINESE, view: str = "") -> Figure:
    """One line a series; a year a later document states is drawn as an open marker."""
    _ = words._
    view = trend_view(series, view or getattr(series, "view", ""))
    unit, divisor = money_unit((p.amount.value for s in series for p in s.points), words)
    hover = {
        "absolute": _("%{{x}}年 %{{y:,.2f}}{unit}").format(unit=words.space + unit),
        "index": _("%{x}年 指数 %{y:.1f}"),
        "change": _("%{x}年 比上年 %{y:+.2f}%"),
    }[view]
    data, ends, gaps = [], [], 0
    for n, one in enumerate(series):
        points = _plotted(one, view, divisor)
        colour = COLOURS[n % len(COLOURS)]
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": _name(one, words),
                "x": [p.year for p, _v in points],
                "y": [v for _p, v in points],
                "line": {"color": colour},
                "marker": {
                    "color": colour,
                    "symbol": ["circle-open" if p.amount.stated else "circle" for p, _v in points],
                },
                "hovertemplate": hover + "<extra>%{fullData.name}</extra>",
            }
        )
        drawn = [(p, v) for p, v in points if v is not None]
        gaps += len(points) - len(drawn)
        if drawn:
            ends.append((drawn[-1][0].year, drawn[-1][1], one.agency, colour))
    layout = _layout(
        _title(series, words),
        trend_sources(series, words),
        subtitle=_subtitle(view, unit, words),
        notes=[_cap_note(series, words), _breaks_note(gaps, words)],
        height=440 if len(series) <= DIRECT_LABELS else 440 + 8 * len(series),
    )
    layout["xaxis"] = {"title": {"text": _("年度")}, "dtick": 1, "tickformat": "d"}
    layout["yaxis"] = _value_axis(view, unit, words)
    drawn = [v for trace in data for v in trace["y"] if v is not None]
    drawn += [0.0] if view == "absolute" else []
    labels = end_labels(ends, drawn) if len(series) <= DIRECT_LABELS else []
    if labels:
        layout["showlegend"] = False
        layout["annotations"] += labels
        layout["margin"] = {**layout["margin"], "r": 130}
    real = _real_growth(series, words)
    if real:
        data += real
        layout["showlegend"] = True
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


def _breaks_note(count: int, words: Words) -> str:
    _ = words._
    return (
        _("{count} 个年份无数据，线在那里断开；原因见下表。").format(count=count) if count else ""
    )


def _title(series: list[Series], words: Words) -> str:
    _ = words._
    agencies = list(dict.fromkeys(s.agency for s in series))
    if len(agencies) == 1:
        return _("{agency}支出总计逐年变化").format(agency=agencies[0])
    return _("各单位支出总计逐年比较")


def _subtitle(view: str, unit: str, words: Words) -> str:
    _ = words._
    if view == "index":
        return _("指数：各单位第一年 = 100，比较增长快慢而不受规模影响")
    if view == "change":
        return _("比上年增减（%）")
    return _("支出总计，{unit}").format(unit=unit)


def _value_axis(view: str, unit: str, words: Words) -> dict[str, Any]:
    _ = words._
    if view == "index":
        return {"title": {"text": _("指数（第一年 = 100）")}, "automargin": True}
    if view == "change":
        return {"title": {"text": _("比上年增减（%）")}, "ticksuffix": "%", "zeroline": True,
                "zerolinecolor": "#59636e", "automargin": True}  # fmt: skip
    return {
        "title": {"text": _("支出总计（{unit}）").format(unit=unit)},
        "tickformat": ",~r",
        "rangemode": "tozero",  # a rise of 14% looks like one, not like a cliff
        "automargin": True,
    }


LABEL = 0.085  # of the value axis a two-line label takes, in a chart of the usual height


def end_labels(ends: list[tuple[int, float, str, str]], drawn: list[float]) -> list[dict[str, Any]]:
    """Each line's agency at its last point, in its colour; labels closer than a label's
    height are moved apart, and where they cannot all fit beside the lines there are
    none (the chart has a legend instead)."""
    if not ends:
        return []
    span = (max(drawn) - min(drawn)) or abs(drawn[0]) or 1.0
    step = span * LABEL
    if step * (len(ends) - 1) > span * 1.1:
        return []
    placed: list[float] = []
    labels = []
    for x, value, name, colour in sorted(ends, key=lambda e: e[1]):
        y = max(value, placed[-1] + step) if placed else value
        placed.append(y)
        labels.append(
            {
                "name": "label",
                "text": _wrapped(name),
                "x": x,
                "y": y,
                "xref": "x",
                "yref": "y",
                "xanchor": "left",
                "xshift": 8,
                "showarrow": False,
                "align": "left",
                "font": {"size": 11, "color": colour},
            }
        )
    return labels


def _wrapped(name: str, width: int = 8, lines: int = 2) -> str:
    """A name in lines of `width` characters, at most `lines` of them."""
    parts = [name[i : i + width] for i in range(0, len(name), width)]
    if len(parts) > lines:
        parts = [*parts[: lines - 1], parts[lines - 1][: width - 1] + "…"]
    return "<br>".join(parts)


def _real_growth(series: list[Series], words: Words) -> list[dict[str, Any]]:
    """With prices taken out (the page's 实际 view): each series' growth net of CPI, as
    bars on a right-hand axis; none where no year has an index."""
    _ = words._
    bars = []
    for one in series:
        points = [p for p in one.points if p.real_percent.value is not None]
        if points:
            bars.append(
                {
                    "type": "bar",
                    "name": _("{name} 实际增幅").format(name=_name(one, words)),
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
