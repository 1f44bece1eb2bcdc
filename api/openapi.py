"""The JSON API's OpenAPI 3.1 description, as data. It is also the API's rule book:
api.py checks every query parameter against the schema written here, so the description
cannot drift from what the endpoints accept.

Amounts are in 万元 and are JSON numbers written digit for digit as stored (never through
a binary float): parse them as decimals (Python: `json.loads(text, parse_float=Decimal)`)
where every digit matters.
"""

from __future__ import annotations

from typing import Any

from disclosures.models import (
    DisclosureKind,
    DisclosureScope,
    FindingSeverity,
    ItemClassification,
    LineItemScope,
)

PAGE_SIZE, MAX_PAGE_SIZE = 50, 500

Schema = dict[str, Any]


def _param(name: str, schema: Schema, description: str, where: str = "query") -> Schema:
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "schema": schema,
        "description": description,
    }


def _enum(choices: Any) -> Schema:
    return {"type": "string", "enum": list(choices.values)}


def _ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(type_: str, **more: Any) -> Schema:
    return {"type": [type_, "null"], **more}


# --- parameters: the filters the pages offer, then the ones API clients need ------------

AGENCY_FILTERS = [
    _param(
        "region",
        {"type": "string", "maxLength": 40},
        "A province, city or county, as 福建省 or 福州市: agencies there.",
    ),
    _param(
        "agency_kind",
        {"type": "string", "maxLength": 40},
        "The kind of body, as 社保中心 or 社保卡中心.",
    ),
    _param(
        "q",
        {"type": "string", "maxLength": 100},
        "Part of the agency's name, or of a name it was also published under.",
    ),
]
DISCLOSURE_FILTERS = [
    _param("year", {"type": "integer", "minimum": 1990, "maximum": 2100}, "The budget year."),
    _param("kind", _enum(DisclosureKind), "budget (预算) or final_accounts (决算)."),
    _param("scope", _enum(DisclosureScope), "department (部门, all its units) or unit (单位)."),
]
AGENCY_ID = _param("agency", {"type": "integer", "minimum": 1}, "One agency, by id.")
DISCLOSURE_ID = _param(
    "disclosure",
    {"type": "integer", "minimum": 1},
    "One published version, by id; it may be one that a newer version replaced. "
    "Without it, rows of the current versions.",
)
ROW_FILTERS = [
    _param(
        "classification", _enum(ItemClassification), "functional (功能分类) or economic (经济分类)."
    ),
    _param(
        "item_scope",
        _enum(LineItemScope),
        "all: the table of all spending; basic: the basic-spending table (economic only).",
    ),
    _param(
        "code",
        {"type": "string", "pattern": "^[0-9]{1,7}$"},
        "A classification code and everything under it: 208 gives 20805 and 2080501.",
    ),
    _param("level", {"type": "integer", "minimum": 1, "maximum": 3}, "1 类, 2 款, 3 项."),
]
FINDING_FILTERS = [
    _param("severity", _enum(FindingSeverity), "error, warning or info."),
    _param("rule", {"type": "string", "maxLength": 60}, "The audit rule, as children_sum."),
]
PAGING = [
    _param("page", {"type": "integer", "minimum": 1, "default": 1}, "Page number, from 1."),
    _param(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": PAGE_SIZE},
        "Rows a page.",
    ),
]
ID = _param("id", {"type": "integer", "minimum": 1}, "The id.", where="path")

# --- schemas ---------------------------------------------------------------------------

AMOUNT = {
    "type": ["number", "null"],
    "description": "万元, digit for digit as stored; null where the document does not give it.",
}
URL = {"type": "string", "format": "uri"}


def _object(properties: Schema, description: str = "") -> Schema:
    schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    return {**schema, "description": description} if description else schema


def _page_of(item: str) -> Schema:
    return _object(
        {
            "page": {"type": "integer", "minimum": 1},
            "page_size": {"type": "integer", "minimum": 1},
            "next": _nullable("string", format="uri", description="null on the last page"),
            "previous": _nullable("string", format="uri"),
            "results": {"type": "array", "items": _ref(item)},
        }
    )


AGENCY_REF = {
    "id": {"type": "integer"},
    "name": {"type": "string"},
    "url": URL,
}
AGENCY = {
    **AGENCY_REF,
    "aliases": {"type": "array", "items": {"type": "string"}},
    "kind": {"type": "string", "description": "the kind of body, as 社保中心; may be empty"},
    "province": {"type": "string"},
    "city": {"type": "string"},
    "county": {"type": "string"},
    "region": {"type": "string", "description": "上海市普陀区: the levels joined, once each"},
    "parent": _nullable("integer", description="the department it belongs to, by id"),
}
DISCLOSURE_REF = {
    "id": {"type": "integer"},
    "year": {"type": "integer"},
    "kind": _enum(DisclosureKind),
    "scope": _enum(DisclosureScope),
    "url": URL,
}
DISCLOSURE = {
    **DISCLOSURE_REF,
    "agency": _object({**AGENCY_REF, "region": {"type": "string"}, "kind": {"type": "string"}}),
    "version": {"type": "integer", "minimum": 1},
    "is_current": {"type": "boolean", "description": "false: a newer version replaced it"},
    "published_at": {"type": "string", "format": "date-time"},
    "page_url": {**URL, "description": "the page beside its source documents"},
    "line_items_url": URL,
    "findings_url": URL,
}
SOURCE = _object(
    {
        "document": _nullable("integer", description="null: a reviewer supplied the value"),
        "page": _nullable("integer", minimum=1),
        "table": {"type": "string"},
        "row": {"type": "string"},
        "column": {"type": "string"},
        "box": {
            "type": ["array", "null"],
            "items": {"type": "number"},
            "description": "[x0, top, x1, bottom] in PDF points from the page's top left",
        },
        "sentence": {"type": "string", "description": "the sentence a figure was read from"},
    },
    "Where the value was read.",
)
OWNER = {
    "disclosure": _object(DISCLOSURE_REF),
    "agency": _object(AGENCY_REF),
}

SCHEMAS: dict[str, Schema] = {
    "Agency": _object(AGENCY),
    "AgencyDetail": _object(
        {**AGENCY, "disclosures": {"type": "array", "items": _ref("Disclosure")}},
        "An agency and the current version of each of its published disclosures.",
    ),
    "Disclosure": _object(DISCLOSURE, "A published disclosure: one agency, year and kind."),
    "DisclosureDetail": _object(
        {
            **DISCLOSURE,
            "tables": {
                "type": "array",
                "items": {"type": "string"},
                "description": "titles of the tables found",
            },
            "figures": {"type": "array", "items": _ref("Figure")},
            "documents": {"type": "array", "items": _ref("Document")},
            "versions": {
                "type": "array",
                "items": _object(
                    {
                        "id": {"type": "integer"},
                        "version": {"type": "integer"},
                        "is_current": {"type": "boolean"},
                        "published_at": {"type": "string", "format": "date-time"},
                        "url": URL,
                    }
                ),
            },
            "counts": _object({"line_items": {"type": "integer"}, "findings": {"type": "integer"}}),
        }
    ),
    "Figure": _object(
        {
            "group": {
                "type": "string",
                "enum": ["totals", "headcount", "prior_year", "three_public"],
            },
            "key": {"type": "string", "description": "as expenditure, actual, reception"},
            "value": {"type": "number", "description": "万元; people for headcount"},
            "source": SOURCE,
        }
    ),
    "Document": _object(
        {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "format": {"type": "string"},
            "pages": _nullable("integer"),
            "size": {"type": "integer", "description": "bytes"},
            "original_url": {**URL, "description": "the file as uploaded"},
        }
    ),
    "LineItem": _object(
        {
            "id": {"type": "integer"},
            **OWNER,
            "classification": _enum(ItemClassification),
            "scope": _enum(LineItemScope),
            "code": {"type": "string", "pattern": "^[0-9]{3,7}$"},
            "name": {"type": "string"},
            "level": {"type": "integer", "minimum": 1, "maximum": 3},
            "known": {"type": "boolean", "description": "the code is in the official list"},
            "total": AMOUNT,
            "basic": AMOUNT,
            "project": AMOUNT,
            "personnel": AMOUNT,
            "public": AMOUNT,
            "source": SOURCE,
        },
        "One row of a spending table (支出功能分类 or 支出经济分类).",
    ),
    "Finding": _object(
        {
            "id": {"type": "integer"},
            **OWNER,
            "severity": _enum(FindingSeverity),
            "rule": {"type": "string"},
            "where": {"type": "string", "description": "the code or figure concerned"},
            "message": {"type": "string"},
            "source": SOURCE,
        },
        "What the consistency audit found in the document as published.",
    ),
    "Error": _object({"error": {"type": "string"}}),
    **{f"{name}Page": _page_of(name) for name in ("Agency", "Disclosure", "LineItem", "Finding")},
}

# --- paths: each with the parameters api.py accepts -------------------------------------

ENDPOINTS: dict[str, dict[str, Any]] = {
    "/api/agencies/": {
        "id": "agencies",
        "schema": "AgencyPage",
        "summary": "Agencies with at least one published disclosure matching the filters",
        "parameters": [*AGENCY_FILTERS, *DISCLOSURE_FILTERS, *PAGING],
    },
    "/api/agencies/{id}/": {
        "id": "agency",
        "schema": "AgencyDetail",
        "parameters": [ID],
        "summary": "One agency and its published disclosures",
    },
    "/api/disclosures/": {
        "id": "disclosures",
        "schema": "DisclosurePage",
        "summary": "The current version of each published disclosure",
        "parameters": [*AGENCY_FILTERS, AGENCY_ID, *DISCLOSURE_FILTERS, *PAGING],
    },
    "/api/disclosures/{id}/": {
        "id": "disclosure",
        "schema": "DisclosureDetail",
        "parameters": [ID],
        "summary": "One published version: figures, files, other versions",
    },
    "/api/line-items/": {
        "id": "line_items",
        "schema": "LineItemPage",
        "summary": "Spending rows (功能分类, 经济分类) of published disclosures",
        "parameters": [
            *AGENCY_FILTERS,
            AGENCY_ID,
            DISCLOSURE_ID,
            *DISCLOSURE_FILTERS,
            *ROW_FILTERS,
            *PAGING,
        ],
    },
    "/api/findings/": {
        "id": "findings",
        "schema": "FindingPage",
        "summary": "What the audit found in published disclosures",
        "parameters": [
            *AGENCY_FILTERS,
            AGENCY_ID,
            DISCLOSURE_ID,
            *DISCLOSURE_FILTERS,
            *FINDING_FILTERS,
            *PAGING,
        ],
    },
}


def _json_of(schema: str) -> Schema:
    return {"application/json": {"schema": _ref(schema)}}


def _operation(path: str, endpoint: dict[str, Any]) -> Schema:
    responses = {
        "200": {"description": "OK", "content": _json_of(endpoint["schema"])},
        "400": {"description": "A parameter is unknown or malformed", "content": _json_of("Error")},
    }
    if "{id}" in path:
        responses["404"] = {"description": "No such published record", "content": _json_of("Error")}
    return {
        "operationId": endpoint["id"],
        "summary": endpoint["summary"],
        "parameters": endpoint["parameters"],
        "responses": responses,
    }


def description() -> Schema:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "预决算公开 Budget Disclosures API",
            "version": "1",
            "description": (
                "Read-only JSON over published disclosures: agencies, disclosures, their "
                "spending rows and audit findings, and the comparison series the pages chart "
                "(per capita, category mix, year over year, peers). Amounts are in 万元, JSON numbers written "
                "digit for digit as stored. Lists are paginated (page, page_size); follow "
                "`next` until it is null."
            ),
        },
        "paths": {path: {"get": _operation(path, e)} for path, e in all_endpoints().items()},
        "components": {"schemas": {**SCHEMAS, **_series().SCHEMAS}},
    }


def _series() -> Any:
    # imported here: the comparison series build on this module's parts
    from api import series_openapi

    return series_openapi


def all_endpoints() -> dict[str, dict[str, Any]]:
    """Every endpoint: the published records', then the comparison series'."""
    return {**ENDPOINTS, **_series().ENDPOINTS}
