"""The read-only JSON API over published disclosures, described in openapi.py.

Every view: check the query against the parameters its OpenAPI operation lists (an
unknown or malformed one is a 400, so a typo never silently returns everything), read
through api_selectors, shape the rows, and write JSON in which amounts keep every digit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.views.decorators.http import require_safe

from api import openapi
from api import selectors as api_selectors
from api.selectors import Filters

Row = dict[str, Any]


class BadRequest(Exception):
    pass


# --- JSON with exact amounts ------------------------------------------------------------


def dumps(value: Any) -> str:
    """JSON in which a Decimal is written as the number it is (355.85, not "355.850000"
    and not the nearest binary float)."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else "null"
    if isinstance(value, dict):
        return "{" + ",".join(f"{_string(k)}:{dumps(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(dumps(v) for v in value) + "]"
    if isinstance(value, datetime):
        return _string(value.isoformat())
    return _ENCODER.encode(value)


# one encoder for every value: json.dumps with arguments builds a new one each call
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _string(text: str) -> str:
    return _ENCODER.encode(str(text))


def json_response(data: Any, status: int = 200) -> HttpResponse:
    response = HttpResponse(dumps(data), content_type="application/json", status=status)
    # Published data is public: any site's script may read it (no cookies are honoured).
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- parameters, checked against the description ----------------------------------------


def _value(name: str, raw: str, schema: dict[str, Any]) -> Any:
    if schema["type"] == "integer":
        if not re.fullmatch(r"[0-9]{1,9}", raw):
            raise BadRequest(f"{name} must be a whole number")
        value: Any = int(raw)
        if value < schema.get("minimum", value):
            raise BadRequest(f"{name} must be at least {schema['minimum']}")
        if value > schema.get("maximum", value):
            raise BadRequest(f"{name} must be at most {schema['maximum']}")
        return value
    if "enum" in schema and raw not in schema["enum"]:
        raise BadRequest(f"{name} must be one of {', '.join(schema['enum'])}")
    if len(raw) > schema.get("maxLength", len(raw)):
        raise BadRequest(f"{name} is longer than {schema['maxLength']} characters")
    if "pattern" in schema and not re.search(schema["pattern"], raw):
        raise BadRequest(f"{name} must match {schema['pattern']}")
    return raw


def params_of(query: QueryDict, operation: str) -> dict[str, Any]:
    accepted = {
        p["name"]: p["schema"] for p in _endpoint(operation)["parameters"] if p["in"] == "query"
    }
    unknown = sorted(set(query) - set(accepted))
    if unknown:
        raise BadRequest(f"unknown parameter {', '.join(unknown)}; known: {', '.join(accepted)}")
    values: dict[str, Any] = {}
    for name, schema in accepted.items():
        if schema["type"] == "array":  # repeated: agency=1&agency=2
            raws = [raw.strip() for raw in query.getlist(name) if raw.strip()]
            if raws:
                values[name] = tuple(_value(name, raw, schema["items"]) for raw in raws)
        elif raw := query.get(name, "").strip():
            values[name] = _value(name, raw, schema)
    return values


def _endpoint(operation: str) -> dict[str, Any]:
    return next(e for e in openapi.all_endpoints().values() if e["id"] == operation)


# --- views -------------------------------------------------------------------------------

Reader = Callable[[Filters, int, int], list[Row]]
Shaper = Callable[[HttpRequest, Row], Row]


def _listing(request: HttpRequest, operation: str, read: Reader, shape: Shaper) -> HttpResponse:
    try:
        params = params_of(request.GET, operation)
    except BadRequest as error:
        return json_response({"error": str(error)}, status=400)
    page = params.pop("page", 1)
    size = params.pop("page_size", openapi.PAGE_SIZE)
    # One row more than the page tells whether there is a next page, without a COUNT.
    rows = read(Filters(**params), (page - 1) * size, page * size + 1)
    return json_response(
        {
            "page": page,
            "page_size": size,
            "next": page_url(request, page + 1) if len(rows) > size else None,
            "previous": page_url(request, page - 1) if page > 1 else None,
            "results": [shape(request, row) for row in rows[:size]],
        }
    )


def page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _detail(request: HttpRequest, row: Row | None, shape: Shaper) -> HttpResponse:
    if request.GET:
        return json_response({"error": "this endpoint takes no query parameters"}, status=400)
    if row is None:
        return json_response({"error": "no such published record"}, status=404)
    return json_response(shape(request, row))


@require_safe
def agencies(request: HttpRequest) -> HttpResponse:
    return _listing(request, "agencies", api_selectors.agencies, _agency)


@require_safe
def agency(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, api_selectors.agency(pk), _agency_detail)


@require_safe
def disclosures(request: HttpRequest) -> HttpResponse:
    return _listing(request, "disclosures", api_selectors.disclosures, _disclosure)


@require_safe
def disclosure(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, api_selectors.disclosure(pk), _disclosure_detail)


@require_safe
def line_items(request: HttpRequest) -> HttpResponse:
    return _listing(request, "line_items", api_selectors.line_items, _line_item)


@require_safe
def findings(request: HttpRequest) -> HttpResponse:
    return _listing(request, "findings", api_selectors.findings, _finding)


@require_safe
def description(request: HttpRequest) -> HttpResponse:
    return json_response(openapi.description())


# --- shapes: rows into the objects openapi.SCHEMAS describes ------------------------------


def _link(request: HttpRequest, name: str, pk: int) -> str:
    return request.build_absolute_uri(reverse(name, args=[pk]))


def _agency(request: HttpRequest, row: Row) -> Row:
    return {
        "id": row["id"],
        "name": row["name"],
        "url": _link(request, "api_agency", row["id"]),
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
    url = _link(request, "api_disclosure", pk)
    return {"id": pk, "year": year, "kind": kind, "scope": scope, "url": url}


def _disclosure(request: HttpRequest, row: Row) -> Row:
    pk = row["id"]
    query = f"?disclosure={pk}"
    return {
        **_disclosure_ref(request, pk, row["year"], row["kind"], row["scope"]),
        "agency": {
            "id": row["agency__id"],
            "name": row["agency__name"],
            "url": _link(request, "api_agency", row["agency__id"]),
            "region": row["agency__region"],
            "kind": row["agency__kind"],
        },
        "version": row["version"],
        "is_current": row["is_current"],
        "published_at": row["published_at"],
        "page_url": _link(request, "disclosure", pk),
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
            {**d, "original_url": _link(request, "document_original", d["id"])}
            for d in row["documents"]
        ],
        "versions": [
            {**v, "url": _link(request, "api_disclosure", v["id"])} for v in row["versions"]
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
            "url": _link(request, "api_agency", agency_id),
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
    return {
        "id": row["id"],
        **_owner(request, row),
        **{name: row[name] for name in api_selectors.FINDING_FIELDS if name != "id"},
        "source": _source(row),
    }
