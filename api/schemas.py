"""Every answer of the JSON API, as typed schemas: the OpenAPI description is generated
from these, and every answer is checked against them before it is written.

Amounts are Decimals, written digit for digit (main.dumps); they are described as JSON
numbers, which is what they are on the wire. Plain pydantic models, not ninja's Schema:
the views hand them dicts, and ninja's per-object hook for reading model instances
took 1.5 to 2.5 times the CPU on a page of 500 rows.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, WithJsonSchema, create_model

from api.selectors import (
    CLASSIFICATIONS,
    FIGURE_GROUPS,
    ITEM_SCOPES,
    KINDS,
    SCOPES,
    SEVERITIES,
)
from comparisons.reports.mix import CLASSIFICATIONS as MIX_CLASSIFICATIONS
from comparisons.reports.per_capita import PER_STAFF


class Schema(BaseModel):
    pass


Amount = Annotated[
    Decimal | None,
    WithJsonSchema(
        {
            "type": ["number", "null"],
            "description": "万元, digit for digit as stored; null where the document does not give it.",
        }
    ),
]
Number = Annotated[Decimal, WithJsonSchema({"type": "number"})]
Url = Annotated[str, WithJsonSchema({"type": "string", "format": "uri"})]
Kind = Literal[KINDS]  # type: ignore[valid-type]
Scope = Literal[SCOPES]  # type: ignore[valid-type]


class Error(Schema):
    error: str


# --- published records --------------------------------------------------------------------


class AgencyRef(Schema):
    id: int
    name: str
    url: Url


class Agency(AgencyRef):
    aliases: list[str]
    kind: str = Field(description="the kind of body, as 社保中心; may be empty")
    province: str
    city: str
    county: str
    region: str = Field(description="上海市普陀区: the levels joined, once each")
    parent: int | None = Field(description="the department it belongs to, by id")


class DisclosureRef(Schema):
    id: int
    year: int
    kind: Kind
    scope: Scope
    url: Url


class DisclosureAgency(AgencyRef):
    region: str
    kind: str


class Disclosure(DisclosureRef):
    """A published disclosure: one agency, year and kind."""

    agency: DisclosureAgency
    version: int = Field(ge=1)
    is_current: bool = Field(description="false: a newer version replaced it")
    published_at: datetime
    page_url: Url = Field(description="the page beside its source documents")
    line_items_url: Url
    findings_url: Url


class AgencyDetail(Agency):
    """An agency and the current version of each of its published disclosures."""

    disclosures: list[Disclosure]


class Source(Schema):
    """Where the value was read."""

    document: int | None = Field(description="null: a reviewer supplied the value")
    page: int | None = Field(ge=1)
    table: str
    row: str
    column: str
    box: list[int | float] | None = Field(
        description="[x0, top, x1, bottom] in PDF points from the page's top left"
    )
    sentence: str = Field(description="the sentence a figure was read from")


class Figure(Schema):
    group: Literal[FIGURE_GROUPS]  # type: ignore[valid-type]
    key: str = Field(description="as expenditure, actual, reception")
    value: Number = Field(description="万元; people for headcount")
    source: Source


class Document(Schema):
    id: int
    name: str
    sha256: str = Field(pattern="^[0-9a-f]{64}$")
    format: str
    pages: int | None
    size: int = Field(description="bytes")
    original_url: Url = Field(description="the file as uploaded")


class Version(Schema):
    id: int
    version: int
    is_current: bool
    published_at: datetime
    url: Url


class Counts(Schema):
    line_items: int
    findings: int


class DisclosureDetail(Disclosure):
    tables: list[str] = Field(description="titles of the tables found")
    figures: list[Figure]
    documents: list[Document]
    versions: list[Version]
    counts: Counts


class LineItem(Schema):
    """One row of a spending table (支出功能分类 or 支出经济分类)."""

    id: int
    disclosure: DisclosureRef
    agency: AgencyRef
    classification: Literal[CLASSIFICATIONS]  # type: ignore[valid-type]
    scope: Literal[ITEM_SCOPES]  # type: ignore[valid-type]
    code: str = Field(pattern="^[0-9]{3,7}$")
    name: str
    level: int = Field(ge=1, le=3)
    known: bool = Field(description="the code is in the official list")
    total: Amount
    basic: Amount
    project: Amount
    personnel: Amount
    public: Amount
    source: Source


class Finding(Schema):
    """What the consistency audit found in the document as published."""

    id: int
    disclosure: DisclosureRef
    agency: AgencyRef
    severity: Literal[SEVERITIES]  # type: ignore[valid-type]
    rule: str
    where: str = Field(description="the code or figure concerned")
    message: str = Field(description="what it found, in the language asked for")
    message_id: str = Field(
        description="which sentence: the key of disclosures/parsing/messages.py; empty for "
        "findings stored before findings named their sentence"
    )
    params: dict[str, Any] = Field(
        description="what the sentence is made of: amounts as printed, codes, names and "
        "words quoted from the document, keys such as expenditure"
    )
    source: Source


class Page(Schema):
    page: int = Field(ge=1)
    page_size: int = Field(ge=1)
    next: Url | None = Field(description="null on the last page")
    previous: Url | None


class AgencyPage(Page):
    results: list[Agency]


class DisclosurePage(Page):
    results: list[Disclosure]


class LineItemPage(Page):
    results: list[LineItem]


class FindingPage(Page):
    results: list[Finding]


# --- the comparison series -------------------------------------------------------------


class Value(Schema):
    """A figure with what is said beside it. Units as the field's description gives."""

    value: Amount = Field(description="null where it cannot be given; `gap` says why")
    gap: str = Field(description="why there is no value")
    note: str = Field(description="what a reader should know beside it")
    stated: bool = Field(
        description="the document states it (a prior year's figure, its own percentage)"
    )


class ComparedAgency(Schema):
    id: int
    name: str
    region: str
    kind: str
    url: Url


class ComparedDisclosure(DisclosureRef):
    agency: ComparedAgency


class SeriesPage(Page):
    page_url: Url = Field(description="the comparison page of this query")
    chart: Url = Field(description="the chart of this query as a PNG")


Amounts = create_model(
    "Amounts", __base__=Schema, __doc__="万元", **{k: (Value, ...) for k in PER_STAFF}
)  # type: ignore[call-overload]
PerStaff = create_model(
    "PerStaff",
    __base__=Schema,
    __doc__="万元 per staff member",
    **{k: (Value, ...) for k in PER_STAFF},
)  # type: ignore[call-overload]


class PerCapitaRow(Schema):
    disclosure: ComparedDisclosure
    staff: Value
    amounts: Amounts  # type: ignore[valid-type]
    per_staff: PerStaff  # type: ignore[valid-type]
    residents: Value
    per_resident: Value


class PerCapitaPage(SeriesPage):
    results: list[PerCapitaRow]


class MixRow(Schema):
    code: str
    name: str
    amount: Value
    share: Value


class MixColumn(Schema):
    """One disclosure: each class's amount (万元) and share of `whole` (%)."""

    disclosure: ComparedDisclosure
    whole: Value
    rows: list[MixRow]


class MixPage(SeriesPage):
    classification: Literal[MIX_CLASSIFICATIONS]  # type: ignore[valid-type]
    parent: str = Field(description="the code the rows are under; empty: 类")
    results: list[MixColumn]


class TrendAgency(Schema):
    id: int
    name: str


class TrendPoint(Schema):
    year: int
    disclosure: int | None = Field(description="null: stated by a later document")
    amount: Value
    change: Value
    percent: Value
    stated_percent: Value
    real_percent: Value
    execution: Value
    reasons: list[str]


class TrendSeries(Schema):
    """One agency's total spending (万元) year by year, of one kind."""

    agency: TrendAgency
    region: str
    kind: Kind
    points: list[TrendPoint]


class TrendPage(SeriesPage):
    results: list[TrendSeries]


class Peer(Schema):
    disclosure: ComparedDisclosure
    value: Value
    rank: int | None


class PeersPage(SeriesPage):
    measure: str
    subject: int | None = Field(description="the disclosure compared, by id")
    rank: int | None
    of: int = Field(description="how many are ranked")
    median: Amount = Field(description="the median of the measure")
    gap: str = Field(description="why there is nobody to compare with")
    results: list[Peer]
