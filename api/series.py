"""The comparison series as JSON (/api/comparisons/…): the numbers each comparison page
and its chart show, for the same query, described in comparisons/openapi.py.

Each view checks its query against that description (disclosures.api.params_of), runs the
page's report on this connection's cursor and writes its rows a page at a time. A value
is a `Value`: the number (exact, in the unit the field says) or null with why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from api import series_openapi as openapi
from api.records import BadRequest, json_response, page_url, params_of
from comparisons import queries
from comparisons.figures import Cell
from comparisons.reports import mix, per_capita, trend
from comparisons.reports.per_capita import PER_STAFF

Row = dict[str, Any]


def _value(cell: Cell) -> Row:
    return {"value": cell.value, "gap": cell.gap, "note": cell.note, "stated": cell.stated}


def _link(request: HttpRequest, name: str, *args: Any, query: str = "") -> str:
    return request.build_absolute_uri(reverse(name, args=args) + (f"?{query}" if query else ""))


def _disclosure(request: HttpRequest, row: queries.DisclosureRow) -> Row:
    return {
        "id": row.id,
        "year": row.year,
        "kind": row.kind,
        "scope": row.scope,
        "url": _link(request, "api_disclosure", row.id),
        "agency": {
            "id": row.agency_id,
            "name": row.agency,
            "region": row.region,
            "kind": row.agency_kind,
            "url": _link(request, "api_agency", row.agency_id),
        },
    }


def _selection(params: Row) -> queries.Selection:
    return queries.Selection(
        agency_ids=params.pop("agency", ()),
        years=params.pop("year", ()),
        kind=params.pop("kind", ""),
        region=params.pop("region", ""),
        agency_kind=params.pop("agency_kind", ""),
    )


# (cursor, params, limit) -> the items (at most `limit` disclosures' worth, the first
# agencies by name), what the answer says besides, and whether agencies were left out
Build = Callable[[Any, Row, int], tuple[Sequence[Any], Row, bool]]
Shape = Callable[[HttpRequest, Any], Row]


def _series(
    request: HttpRequest, operation: str, comparison: str, build: Build, shape: Shape
) -> HttpResponse:
    try:
        params = params_of(request.GET, operation)
        page, size = params.pop("page", 1), params.pop("page_size", _default_size(operation))
        with connection.cursor() as cursor:
            items, more = _enough(cursor, build, params, page * size + 1)
    except BadRequest as error:
        return json_response({"error": str(error)}, status=400)
    query = request.GET.copy()
    for paging in ("page", "page_size"):
        query.pop(paging, None)
    shown = items[(page - 1) * size : page * size]
    return json_response(
        {
            "page": page,
            "page_size": size,
            "next": page_url(request, page + 1) if len(items) > page * size else None,
            "previous": page_url(request, page - 1) if page > 1 else None,
            "page_url": _link(request, operation, query=query.urlencode()),
            "chart": _link(request, "chart_image", comparison, "png", query=query.urlencode()),
            **more,
            "results": [shape(request, item) for item in shown],
        }
    )


def _default_size(operation: str) -> int:
    [size] = [
        p["schema"]["default"]
        for e in openapi.ENDPOINTS.values()
        if e["id"] == operation
        for p in e["parameters"]
        if p["name"] == "page_size"
    ]
    return int(size)


def _enough(cursor: Any, build: Build, params: Row, needed: int) -> tuple[Sequence[Any], Row]:
    """The reports show a page's worth of the first agencies; the API reads as many as
    its page needs (and one more, to know there is a next), asking again for more when an
    agency with many disclosures kept the first reading short."""
    limit = needed
    while True:
        items, more, left_out = build(cursor, dict(params), limit)
        if not left_out or len(items) >= needed:
            return items, more
        limit *= 2


def _per_capita_build(cursor: Any, params: Row, limit: int) -> tuple[Sequence[Any], Row, bool]:
    report = per_capita.per_capita(cursor, _selection(params), limit)
    return report.rows, {}, report.cap is not None


def _per_capita_row(request: HttpRequest, row: per_capita.PerCapitaRow) -> Row:
    return {
        "disclosure": _disclosure(request, row.disclosure),
        "staff": _value(row.staff),
        "amounts": {key: _value(cell) for key, cell in zip(PER_STAFF, row.amounts, strict=True)},
        "per_staff": {
            key: _value(cell) for key, cell in zip(PER_STAFF, row.per_staff, strict=True)
        },
        "residents": _value(row.residents),
        "per_resident": _value(row.per_resident),
    }


def _mix_build(cursor: Any, params: Row, limit: int) -> tuple[Sequence[Any], Row, bool]:
    classification, code = params.pop("classification", "functional"), params.pop("code", "")
    report = mix.mix(cursor, _selection(params), classification, code, limit)
    columns = [
        (column, [(row, row.cells[n]) for row in report.rows])
        for n, column in enumerate(report.columns)
    ]
    more = {"classification": classification, "parent": report.parent}
    return columns, more, report.cap is not None


def _mix_column(request: HttpRequest, item: tuple[mix.MixColumn, list[Any]]) -> Row:
    column, cells = item
    return {
        "disclosure": _disclosure(request, column.disclosure),
        "whole": _value(column.whole),
        "rows": [
            {
                "code": row.code,
                "name": row.name,
                "amount": _value(c.amount),
                "share": _value(c.share),
            }
            for row, c in cells
        ],
    }


def _trend_build(cursor: Any, params: Row, limit: int) -> tuple[Sequence[Any], Row, bool]:
    real = params.pop("real", "") == "1"
    report = trend.trend(cursor, _selection(params), real, limit)
    return report, {}, report.cap is not None


def _trend_series(request: HttpRequest, series: trend.Series) -> Row:
    return {
        "agency": {"id": series.agency_id, "name": series.agency},
        "region": series.region,
        "kind": series.kind,
        "points": [
            {
                "year": p.year,
                "disclosure": p.disclosure_id,
                "amount": _value(p.amount),
                "change": _value(p.change),
                "percent": _value(p.percent),
                "stated_percent": _value(p.stated_percent),
                "real_percent": _value(p.real_percent),
                "execution": _value(p.execution),
                "reasons": list(p.reasons),
            }
            for p in series.points
        ],
    }


def _peers_build(cursor: Any, params: Row, _limit: int) -> tuple[Sequence[Any], Row, bool]:
    if "agency" not in params:
        raise BadRequest("agency is required: the agency to compare")
    measure = params.get("measure", "per_staff")
    report = per_capita.peers(
        cursor, params["agency"], params.get("year"), params.get("kind", ""), measure
    )
    if report is None:
        raise BadRequest("the agency has no published disclosure")
    ranked = [(row, cell) for row, cell in report.lines]
    # the places around the agency's own: numbered from the first of them
    before = report.window[0] - 1 if report.window else 0
    numbered = [
        (row, cell, before + n + 1 if cell.value is not None else None)
        for n, (row, cell) in enumerate(ranked)
    ]
    subject = report.subject.disclosure.id if report.subject else None
    counted = report.window[2] if report.window else len(ranked)
    place, of = report.rank or (None, counted)
    more = {"measure": measure, "subject": subject, "rank": place, "of": of}
    return numbered, {**more, "median": report.median, "gap": report.gap}, False


def _peer(request: HttpRequest, item: tuple[Any, Cell, int | None]) -> Row:
    row, cell, place = item
    return {
        "disclosure": _disclosure(request, row.disclosure),
        "value": _value(cell),
        "rank": place,
    }


@require_safe
def per_capita_series(request: HttpRequest) -> HttpResponse:
    return _series(request, "compare_per_capita", "per-capita", _per_capita_build, _per_capita_row)


@require_safe
def mix_series(request: HttpRequest) -> HttpResponse:
    return _series(request, "compare_mix", "mix", _mix_build, _mix_column)


@require_safe
def trend_series(request: HttpRequest) -> HttpResponse:
    return _series(request, "compare_trend", "trend", _trend_build, _trend_series)


@require_safe
def peers_series(request: HttpRequest) -> HttpResponse:
    return _series(request, "compare_peers", "peers", _peers_build, _peer)
