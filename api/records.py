"""The published records: agencies, disclosures, their spending rows and audit findings.

Every view reads through selectors and shapes the rows into the objects schemas.py
describes; main.py writes them, amounts keeping every digit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Status

from api import schemas
from api import selectors as api_selectors
from api.main import known_params, link, page_url
from api.params import (
    AgencyFilters,
    DisclosureFilters,
    FindingFilters,
    OneAgency,
    OneDisclosure,
    Paging,
    RowFilters,
)
from api.selectors import Filters
from disclosures.wording import finding_text

Row = dict[str, Any]
router = Router(tags=["records"])
GET = ["GET", "HEAD"]
ERRORS = {400: schemas.Error}

Reader = Callable[[Filters, int, int], list[Row]]
Shaper = Callable[[HttpRequest, Row], Row]


def _listing(
    request: HttpRequest, paging: Paging, filters: Row, read: Reader, shape: Shaper
) -> Row:
    page, size = paging.page, paging.page_size
    # One row more than the page tells whether there is a next page, without a COUNT.
    rows = read(Filters(**filters), (page - 1) * size, page * size + 1)
    return {
        "page": page,
        "page_size": size,
        "next": page_url(request, page + 1) if len(rows) > size else None,
        "previous": page_url(request, page - 1) if page > 1 else None,
        "results": [shape(request, row) for row in rows[:size]],
    }


def _given(*schemas_: Any) -> Row:
    return {k: v for s in schemas_ for k, v in s.dict().items() if v is not None}


def _detail(request: HttpRequest, row: Row | None, shape: Shaper) -> Any:
    if row is None:
        return Status(404, {"error": "no such published record"})
    return shape(request, row)


@router.api_operation(
    GET,
    "/agencies/",
    response={200: schemas.AgencyPage, **ERRORS},
    url_name="api_agencies",
    summary="Agencies with at least one published disclosure matching the filters",
)
@known_params
def agencies(
    request: HttpRequest,
    where: Query[AgencyFilters],
    when: Query[DisclosureFilters],
    paging: Query[Paging],
) -> Any:
    return _listing(request, paging, _given(where, when), api_selectors.agencies, _agency)


@router.api_operation(
    GET,
    "/agencies/{int:pk}/",
    response={200: schemas.AgencyDetail, 404: schemas.Error, **ERRORS},
    url_name="api_agency",
    summary="One agency and its published disclosures",
)
@known_params
def agency(request: HttpRequest, pk: int) -> Any:
    return _detail(request, api_selectors.agency(pk), _agency_detail)


@router.api_operation(
    GET,
    "/disclosures/",
    response={200: schemas.DisclosurePage, **ERRORS},
    url_name="api_disclosures",
    summary="The current version of each published disclosure",
)
@known_params
def disclosures(
    request: HttpRequest,
    where: Query[AgencyFilters],
    who: Query[OneAgency],
    when: Query[DisclosureFilters],
    paging: Query[Paging],
) -> Any:
    filters = _given(where, who, when)
    return _listing(request, paging, filters, api_selectors.disclosures, _disclosure)


@router.api_operation(
    GET,
    "/disclosures/{int:pk}/",
    response={200: schemas.DisclosureDetail, 404: schemas.Error, **ERRORS},
    url_name="api_disclosure",
    summary="One published version: figures, files, other versions",
)
@known_params
def disclosure(request: HttpRequest, pk: int) -> Any:
    return _detail(request, api_selectors.disclosure(pk), _disclosure_detail)


@router.api_operation(
    GET,
    "/line-items/",
    response={200: schemas.LineItemPage, **ERRORS},
    url_name="api_line_items",
    summary="Spending rows (功能分类, 经济分类) of published disclosures",
)
@known_params
def line_items(
    request: HttpRequest,
    where: Query[AgencyFilters],
    who: Query[OneAgency],
    which: Query[OneDisclosure],
    when: Query[DisclosureFilters],
    rows: Query[RowFilters],
    paging: Query[Paging],
) -> Any:
    filters = _given(where, who, which, when, rows)
    return _listing(request, paging, filters, api_selectors.line_items, _line_item)


@router.api_operation(
    GET,
    "/findings/",
    response={200: schemas.FindingPage, **ERRORS},
    url_name="api_findings",
    summary="What the audit found in published disclosures",
)
@known_params
def findings(
    request: HttpRequest,
    where: Query[AgencyFilters],
    who: Query[OneAgency],
    which: Query[OneDisclosure],
    when: Query[DisclosureFilters],
    found: Query[FindingFilters],
    paging: Query[Paging],
) -> Any:
    filters = _given(where, who, which, when, found)
    return _listing(request, paging, filters, api_selectors.findings, _finding)


# --- shapes: rows into the objects openapi.SCHEMAS describes ------------------------------


def _agency(request: HttpRequest, row: Row) -> Row:
    return {
        "id": row["id"],
        "name": row["name"],
        "url": link(request, "api_agency", row["id"]),
        "aliases": row["aliases"],
        "kind": row["kind"],
        "province": row["province"],
        "city": row["city"],
        "county": row["county"],
        "region": row["region"],
        "parent": row["parent_id"],
    }


def _agency_detail(request: HttpRequest, row: Row) -> Row:
    found = [_disclosure(request, d) for d in row["disclosures"]]
    return {**_agency(request, row), "disclosures": found}


def _disclosure_ref(request: HttpRequest, pk: int, year: int, kind: str, scope: str) -> Row:
    url = link(request, "api_disclosure", pk)
    return {"id": pk, "year": year, "kind": kind, "scope": scope, "url": url}


def _disclosure(request: HttpRequest, row: Row) -> Row:
    pk = row["id"]
    query = f"?disclosure={pk}"
    return {
        **_disclosure_ref(request, pk, row["year"], row["kind"], row["scope"]),
        "agency": {
            "id": row["agency__id"],
            "name": row["agency__name"],
            "url": link(request, "api_agency", row["agency__id"]),
            "region": row["agency__region"],
            "kind": row["agency__kind"],
        },
        "version": row["version"],
        "is_current": row["is_current"],
        "published_at": row["published_at"],
        "page_url": link(request, "disclosure", pk),
        "line_items_url": request.build_absolute_uri(reverse("api_line_items") + query),
        "findings_url": request.build_absolute_uri(reverse("api_findings") + query),
    }


def _disclosure_detail(request: HttpRequest, row: Row) -> Row:
    return {
        **_disclosure(request, row),
        "tables": row["tables"],
        "figures": [
            {"group": f["group"], "key": f["key"], "value": f["value"], "source": _source(f)}
            for f in row["figures"]
        ],
        "documents": [
            {**d, "original_url": link(request, "document_original", d["id"])}
            for d in row["documents"]
        ],
        "versions": [
            {**v, "url": link(request, "api_disclosure", v["id"])} for v in row["versions"]
        ],
        "counts": row["counts"],
    }


def _source(row: Row) -> Row:
    return {
        "document": row["document_id"],
        "page": row["page"],
        "table": row["table_label"],
        "row": row["row_label"],
        "column": row["column_label"],
        "box": row["box"],
        "sentence": row["sentence"],
    }


def _owner(request: HttpRequest, row: Row) -> Row:
    agency_id = row["disclosure__agency_id"]
    return {
        "disclosure": _disclosure_ref(
            request,
            row["disclosure_id"],
            row["disclosure__year"],
            row["disclosure__kind"],
            row["disclosure__scope"],
        ),
        "agency": {
            "id": agency_id,
            "name": row["disclosure__agency__name"],
            "url": link(request, "api_agency", agency_id),
        },
    }


def _line_item(request: HttpRequest, row: Row) -> Row:
    fields = (*api_selectors.ITEM_FIELDS, *api_selectors.ITEM_AMOUNTS)
    return {
        "id": row["id"],
        **_owner(request, row),
        **{name: row[name] for name in fields if name != "id"},
        "source": _source(row),
    }


def _finding(request: HttpRequest, row: Row) -> Row:
    shown = ("severity", "rule", "where")
    return {
        "id": row["id"],
        **_owner(request, row),
        **{name: row[name] for name in shown},
        # said in the reader's language, as the pages say it
        "message": finding_text(row["message_id"], row["params"], row["rule"]),
        "message_id": row["message_id"],
        "params": row["params"],
        "source": _source(row),
    }
