"""The query parameters the endpoints accept, as typed schemas: ninja checks every query
against them and the OpenAPI description lists them with their descriptions. The
filters the pages share are described where they are defined (comparisons.queries.filters)."""

from __future__ import annotations

from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from api.selectors import CLASSIFICATIONS, ITEM_SCOPES, KINDS, SCOPES, SEVERITIES
from comparisons.queries.filters import BY_NAME
from comparisons.reports.mix import CLASSIFICATIONS as MIX_CLASSIFICATIONS
from comparisons.reports.per_capita import MEASURES

PAGE_SIZE, MAX_PAGE_SIZE = 50, 500
# the filters' descriptions, written once beside their SQL and ORM lookups
ABOUT = {name: chosen.description for name, chosen in BY_NAME.items()}
Year = Annotated[int, Field(ge=1990, le=2100)]
Id = Annotated[int, Field(ge=1)]
Kind = Literal[KINDS]  # type: ignore[valid-type]
Scope = Literal[SCOPES]  # type: ignore[valid-type]
Measure = Literal[tuple(MEASURES)]  # type: ignore[valid-type]
MixClassification = Literal[MIX_CLASSIFICATIONS]  # type: ignore[valid-type]


# --- the filters the pages offer, then the ones API clients need ------------------------


class AgencyFilters(Schema):
    region: str | None = Field(
        None,
        max_length=40,
        description=ABOUT["region"],
    )
    agency_kind: str | None = Field(None, max_length=40, description=ABOUT["agency_kind"])
    q: str | None = Field(
        None,
        max_length=100,
        description=ABOUT["q"],
    )


class DisclosureFilters(Schema):
    year: Year | None = Field(None, description=ABOUT["year"])
    kind: Kind | None = Field(None, description=ABOUT["kind"])
    scope: Scope | None = Field(None, description=ABOUT["scope"])


class OneAgency(Schema):
    agency: Id | None = Field(None, description=ABOUT["agency"])


class OneDisclosure(Schema):
    disclosure: Id | None = Field(
        None,
        description="One published version, by id; it may be one that a newer version "
        "replaced. Without it, rows of the current versions.",
    )


class RowFilters(Schema):
    classification: Literal[CLASSIFICATIONS] | None = Field(  # type: ignore[valid-type]
        None, description="functional (功能分类) or economic (经济分类)."
    )
    item_scope: Literal[ITEM_SCOPES] | None = Field(  # type: ignore[valid-type]
        None,
        description="all: the table of all spending; basic: the basic-spending table "
        "(economic only).",
    )
    code: str | None = Field(
        None,
        pattern="^[0-9]{1,7}$",
        description="A classification code and everything under it: 208 gives 20805 and 2080501.",
    )
    level: int | None = Field(None, ge=1, le=3, description="1 类, 2 款, 3 项.")


class FindingFilters(Schema):
    severity: Literal[SEVERITIES] | None = Field(  # type: ignore[valid-type]
        None, description="error, warning or info."
    )
    rule: str | None = Field(None, max_length=60, description="The audit rule, as children_sum.")


class Paging(Schema):
    page: int = Field(1, ge=1, description="Page number, from 1.")
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Rows a page.")


# --- the comparison pages' form: any number of agencies and years (agency=1&agency=2) ---


class Selection(Schema):
    region: str | None = AgencyFilters.model_fields["region"]
    agency_kind: str | None = AgencyFilters.model_fields["agency_kind"]
    q: str | None = AgencyFilters.model_fields["q"]
    kind: Kind | None = Field(None, description=ABOUT["kind"])
    scope: Scope | None = Field(None, description=ABOUT["scope"])
    agency: list[Id] = Field([], description=ABOUT["agency"])
    year: list[Year] = Field([], description=ABOUT["year"])


class MixQuery(Schema):
    classification: MixClassification = Field("functional", description="functional or economic.")
    code: str = Field("", pattern="^(|[0-9]{3}|[0-9]{5})$", description="Drill down.")


class TrendQuery(Schema):
    real: Literal["1"] | None = Field(None, description="1: growth net of CPI too.")


class PeersQuery(Schema):
    agency: Id | None = Field(None, description="The agency compared.")
    year: Year | None = Field(None, description="Its year.")
    kind: Kind | None = Field(None, description="budget or final_accounts.")
    measure: Measure = Field("per_staff", description="What is compared.")


def series_paging(default: int, maximum: int) -> type[Schema]:
    """Pages of a series: fewer results a page than a listing, each being a report's worth
    (a series of ten years, a column of every class)."""

    class SeriesPaging(Schema):
        page: int = Field(1, ge=1, description="Page number, from 1.")
        page_size: int = Field(default, ge=1, le=maximum, description="Results a page.")

    return SeriesPaging
