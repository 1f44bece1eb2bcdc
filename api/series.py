"""The comparison series as JSON (/api/comparisons/…): the numbers each comparison page
and its chart show, for the same query.

Each view runs the page's report on this connection's cursor and writes its rows a page
at a time. A value is a `Value`: the number (exact, in the unit the field says) or null
with why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection
from django.http import HttpRequest
from ninja import Query, Router

from api import schemas
from api.main import BadRequest, known_params, link, page_url
from api.params import MixQuery, PeersQuery, Selection, TrendQuery, series_paging
from comparisons import queries
from comparisons.figures import Cell
from comparisons.notes import note_text
from comparisons.reports import mix, per_capita, trend
from comparisons.reports.per_capita import PER_STAFF

Row = dict[str, Any]
router = Router(tags=["comparisons"])
GET = ["GET", "HEAD"]
ERRORS = {400: schemas.Error}
# (default, most) results a page: a result is a report's worth (ten years, every class)
PER_CAPITA_PAGING = series_paging(20, 200)
MIX_PAGING = series_paging(10, 50)
TREND_PAGING = series_paging(5, 50)
PEERS_PAGING = series_paging(50, 200)


def _value(cell: Cell) -> Row:
    # notes and gaps in the reader's language, as the pages write them
    gap, note = note_text(cell.gap), note_text(cell.note)
    return {"value": cell.value, "gap": gap, "note": note, "stated": cell.stated}


def _disclosure(request: HttpRequest, row: queries.DisclosureRow) -> Row:
    return {
        "id": row.id,
        "year": row.year,
        "kind": row.kind,
        "scope": row.scope,
        "url": link(request, "api_disclosure", row.id),
        "agency": {
            "id": row.agency_id,
            "name": row.agency,
            "region": row.region,
            "kind": row.agency_kind,
            "url": link(request, "api_agency", row.agency_id),
        },
    }


def _selection(params: Row) -> queries.Selection:
    return queries.Selection(
        agency_ids=tuple(params.pop("agency", ())),
        years=tuple(params.pop("year", ())),
        kind=params.pop("kind", None) or "",
        region=params.pop("region", None) or "",
        agency_kind=params.pop("agency_kind", None) or "",
        search=params.pop("q", None) or "",
        scope=params.pop("scope", None) or "",
    )


# (cursor, params, limit) -> the items (at most `limit` disclosures' worth, the first
# agencies by name), what the answer says besides, and whether agencies were left out
Build = Callable[[Any, Row, int], tuple[Sequence[Any], Row, bool]]
Shape = Callable[[HttpRequest, Any], Row]


def _series(
    request: HttpRequest,
    paging: Any,
    params: Row,
    operation: str,
    comparison: str,
    build: Build,
    shape: Shape,
) -> Row:
    page, size = paging.page, paging.page_size
    with connection.cursor() as cursor:
        items, more = _enough(cursor, build, params, page * size + 1)
    query = request.GET.copy()
    for own in ("page", "page_size"):
        query.pop(own, None)
    shown = items[(page - 1) * size : page * size]
    return {
        "page": page,
        "page_size": size,
        "next": page_url(request, page + 1) if len(items) > page * size else None,
        "previous": page_url(request, page - 1) if page > 1 else None,
        "page_url": link(request, operation, query=query.urlencode()),
        "chart": link(request, "chart_image", comparison, "png", query=query.urlencode()),
        **more,
        "results": [shape(request, item) for item in shown],
    }


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
    return numbered, {**more, "median": report.median, "gap": note_text(report.gap)}, False


def _peer(request: HttpRequest, item: tuple[Any, Cell, int | None]) -> Row:
    row, cell, place = item
    return {
        "disclosure": _disclosure(request, row.disclosure),
        "value": _value(cell),
        "rank": place,
    }


def _params(*given: Any) -> Row:
    return {k: v for g in given for k, v in g.dict().items() if v is not None}


@router.api_operation(
    GET,
    "/comparisons/per-capita/",
    response={200: schemas.PerCapitaPage, **ERRORS},
    url_name="api_compare_per_capita",
    summary="Spending per staff member and per resident, one row a disclosure",
)
@known_params
def per_capita_series(
    request: HttpRequest, selection: Query[Selection], paging: Query[PER_CAPITA_PAGING]
) -> Any:
    params = _params(selection)
    build, shape = _per_capita_build, _per_capita_row
    return _series(request, paging, params, "compare_per_capita", "per-capita", build, shape)


@router.api_operation(
    GET,
    "/comparisons/mix/",
    response={200: schemas.MixPage, **ERRORS},
    url_name="api_compare_mix",
    summary="Each class's share of each disclosure's spending",
)
@known_params
def mix_series(
    request: HttpRequest,
    selection: Query[Selection],
    drill: Query[MixQuery],
    paging: Query[MIX_PAGING],
) -> Any:
    params = _params(selection, drill)
    return _series(request, paging, params, "compare_mix", "mix", _mix_build, _mix_column)


@router.api_operation(
    GET,
    "/comparisons/trend/",
    response={200: schemas.TrendPage, **ERRORS},
    url_name="api_compare_trend",
    summary="Total spending year by year, one series an agency and kind",
)
@known_params
def trend_series(
    request: HttpRequest,
    selection: Query[Selection],
    real: Query[TrendQuery],
    paging: Query[TREND_PAGING],
) -> Any:
    params = _params(selection, real)
    return _series(request, paging, params, "compare_trend", "trend", _trend_build, _trend_series)


@router.api_operation(
    GET,
    "/comparisons/peers/",
    response={200: schemas.PeersPage, **ERRORS},
    url_name="api_compare_peers",
    summary="One agency ranked among agencies of its type and tier",
)
@known_params
def peers_series(
    request: HttpRequest, peers: Query[PeersQuery], paging: Query[PEERS_PAGING]
) -> Any:
    return _series(request, paging, _params(peers), "compare_peers", "peers", _peers_build, _peer)
