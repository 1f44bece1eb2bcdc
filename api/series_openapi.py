"""The comparison series in the API's OpenAPI description: per capita, category mix, year
over year and peers, with the comparison pages' own filters. disclosures.openapi puts them
into the one description that /api/openapi.json serves and api.py checks queries against.
"""

from __future__ import annotations

from typing import Any

from api.openapi import (
    AGENCY_FILTERS,
    AMOUNT,
    DISCLOSURE_REF,
    URL,
    Schema,
    _nullable,
    _object,
    _param,
    _ref,
)
from comparisons.reports.mix import CLASSIFICATIONS
from comparisons.reports.per_capita import MEASURES, PER_STAFF

KINDS = {"type": "string", "enum": ["budget", "final_accounts"]}
# the comparison pages' form: any number of agencies and years (agency=1&agency=2)
SELECTION = [
    *AGENCY_FILTERS[:2],
    _param("kind", KINDS, "budget (预算) or final_accounts (决算)."),
    _param(
        "agency",
        {"type": "array", "items": {"type": "integer", "minimum": 1}},
        "Agencies, by id; repeat for several.",
    ),
    _param(
        "year",
        {"type": "array", "items": {"type": "integer", "minimum": 1990, "maximum": 2100}},
        "Budget years; repeat for several.",
    ),
]
for _parameter in SELECTION:
    if _parameter["schema"]["type"] == "array":
        _parameter.update(style="form", explode=True)

VALUE = _object(
    {
        "value": {
            "type": ["number", "null"],
            "description": "null where it cannot be given; `gap` says why",
        },
        "gap": {"type": "string", "description": "why there is no value"},
        "note": {"type": "string", "description": "what a reader should know beside it"},
        "stated": {
            "type": "boolean",
            "description": "the document states it (a prior year's figure, its own percentage)",
        },
    },
    "A figure with what is said beside it. Units as the field's description gives.",
)
DISCLOSURE = _object(
    {
        **DISCLOSURE_REF,
        "agency": _object(
            {
                "id": {"type": "integer"},
                "name": {"type": "string"},
                "region": {"type": "string"},
                "kind": {"type": "string"},
                "url": URL,
            }
        ),
    }
)
V = _ref("Value")


def _paging(default: int, maximum: int) -> list[Schema]:
    """Pages of a series: fewer results a page than a listing, each being a report's worth
    (a series of ten years, a column of every class)."""
    return [
        _param("page", {"type": "integer", "minimum": 1, "default": 1}, "Page number, from 1."),
        _param(
            "page_size",
            {"type": "integer", "minimum": 1, "maximum": maximum, "default": default},
            "Results a page.",
        ),
    ]


def _enum_of(values: Any) -> Schema:
    return {"type": "string", "enum": list(values)}


def _figures(names: Any, description: str) -> Schema:
    return {**_object({name: V for name in names}), "description": description}


def _series_page(item: Schema, **more: Schema) -> Schema:
    return _object(
        {
            "page": {"type": "integer", "minimum": 1},
            "page_size": {"type": "integer", "minimum": 1},
            "next": _nullable("string", format="uri"),
            "previous": _nullable("string", format="uri"),
            "page_url": {**URL, "description": "the comparison page of this query"},
            "chart": {**URL, "description": "the chart of this query as a PNG"},
            **more,
            "results": {"type": "array", "items": item},
        }
    )


SCHEMAS: dict[str, Schema] = {
    "Value": VALUE,
    "ComparedDisclosure": DISCLOSURE,
    "PerCapitaPage": _series_page(
        _object(
            {
                "disclosure": _ref("ComparedDisclosure"),
                "staff": V,
                "amounts": _figures(PER_STAFF, "万元"),
                "per_staff": _figures(PER_STAFF, "万元 per staff member"),
                "residents": V,
                "per_resident": V,
            }
        )
    ),
    "MixPage": _series_page(
        _object(
            {
                "disclosure": _ref("ComparedDisclosure"),
                "whole": V,
                "rows": {
                    "type": "array",
                    "items": _object(
                        {
                            "code": {"type": "string"},
                            "name": {"type": "string"},
                            "amount": V,
                            "share": V,
                        }
                    ),
                },
            },
            "One disclosure: each class's amount (万元) and share of `whole` (%).",
        ),
        classification=_enum_of(CLASSIFICATIONS),
        parent={"type": "string", "description": "the code the rows are under; empty: 类"},
    ),
    "TrendPage": _series_page(
        _object(
            {
                "agency": _object({"id": {"type": "integer"}, "name": {"type": "string"}}),
                "region": {"type": "string"},
                "kind": KINDS,
                "points": {
                    "type": "array",
                    "items": _object(
                        {
                            "year": {"type": "integer"},
                            "disclosure": _nullable(
                                "integer", description="null: stated by a later document"
                            ),
                            "amount": V,
                            "change": V,
                            "percent": V,
                            "stated_percent": V,
                            "real_percent": V,
                            "execution": V,
                            "reasons": {"type": "array", "items": {"type": "string"}},
                        }
                    ),
                },
            },
            "One agency's total spending (万元) year by year, of one kind.",
        )
    ),
    "PeersPage": _series_page(
        _object(
            {"disclosure": _ref("ComparedDisclosure"), "value": V, "rank": _nullable("integer")}
        ),
        measure={"type": "string"},
        subject=_nullable("integer", description="the disclosure compared, by id"),
        rank=_nullable("integer"),
        of={"type": "integer", "description": "how many are ranked"},
        median={**AMOUNT, "description": "the median of the measure"},
        gap={"type": "string", "description": "why there is nobody to compare with"},
    ),
}

ENDPOINTS: dict[str, dict[str, Any]] = {
    "/api/comparisons/per-capita/": {
        "id": "compare_per_capita",
        "schema": "PerCapitaPage",
        "summary": "Spending per staff member and per resident, one row a disclosure",
        "parameters": [*SELECTION, *_paging(20, 200)],
    },
    "/api/comparisons/mix/": {
        "id": "compare_mix",
        "schema": "MixPage",
        "summary": "Each class's share of each disclosure's spending",
        "parameters": [
            *SELECTION,
            _param("classification", _enum_of(CLASSIFICATIONS), "functional or economic."),
            _param("code", {"type": "string", "pattern": "^([0-9]{3}|[0-9]{5})$"}, "Drill down."),
            *_paging(10, 50),
        ],
    },
    "/api/comparisons/trend/": {
        "id": "compare_trend",
        "schema": "TrendPage",
        "summary": "Total spending year by year, one series an agency and kind",
        "parameters": [
            *SELECTION,
            _param("real", {"type": "string", "enum": ["1"]}, "1: growth net of CPI too."),
            *_paging(5, 50),
        ],
    },
    "/api/comparisons/peers/": {
        "id": "compare_peers",
        "schema": "PeersPage",
        "summary": "One agency ranked among agencies of its type and tier",
        "parameters": [
            _param("agency", {"type": "integer", "minimum": 1}, "The agency compared."),
            _param("year", {"type": "integer", "minimum": 1990, "maximum": 2100}, "Its year."),
            _param("kind", KINDS, "budget or final_accounts."),
            _param("measure", _enum_of(MEASURES), "What is compared."),
            *_paging(50, 200),
        ],
    },
}
