"""The parser's output: frozen dataclasses with Decimal money, in 万元.

`to_contract` turns a Disclosure into the JSON object of CONTRACT.md; money
becomes a JSON number only there.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .verify import TableCheck

TOTAL_KEYS = (
    "revenue",
    "expenditure",
    "basic",
    "project",
    "personnel",
    "public",
    "three_public",
    "procurement",
)


@dataclass(frozen=True)
class Source:
    """Where a figure was read: enough for a reviewer to find it again."""

    page: int | None = None
    file: str | None = None  # set where a disclosure was read from several files
    table: str | None = None  # table label, e.g. "表4" or "公开05表" or its title
    row: str | None = None  # row label or code
    column: str | None = None
    box: tuple[float, float, float, float] | None = None
    sentence: str | None = None  # for figures stated in the narrative


@dataclass(frozen=True)
class Figure:
    value: Decimal
    source: Source


@dataclass(frozen=True)
class LineItem:
    code: str
    name: str
    total: Decimal | None
    basic: Decimal | None = None
    project: Decimal | None = None
    personnel: Decimal | None = None
    public: Decimal | None = None
    scope: str = "all"  # economic rows: "all" or "basic"
    known: bool = True  # False: the code is not in the official classification
    source: Source = field(default_factory=Source)
    # an income table's row: its total's sources of funds, (role, amount), in column order
    sources: tuple[tuple[str, Decimal], ...] = ()
    # the 小计 of this year's money where a 合计 beside it also counts carry-overs
    subtotal: Decimal | None = None
    # the spending beside 基本 and 项目 in its 合计 (上缴上级, 经营, 对附属单位补助), where printed
    others: Decimal | None = None

    def amount(self, column: str) -> Decimal | None:
        """The amount in a column: a spending column, or an income row's source of funds."""
        if column in ("total", "basic", "project", "personnel", "public"):
            value: Decimal | None = getattr(self, column)
            return value
        return dict(self.sources).get(column)


@dataclass(frozen=True)
class Change:
    """A change against the prior year as the document states it."""

    subject: str  # what the sentence is about, e.g. "expenditure" or a code
    current: Decimal
    delta: Decimal  # signed: negative for 减少
    percent: Decimal | None
    reason: str | None
    source: Source

    @property
    def prior(self) -> Decimal:
        return self.current - self.delta


@dataclass(frozen=True)
class Finding:
    severity: str  # "error", "warning" or "info"
    rule: str
    where: str
    message: str  # in English, for the parse JSON; the site writes it from what follows
    source: Source | None = None
    message_id: str = ""  # which sentence of messages.ENGLISH
    params: dict[str, object] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Disclosure:
    agency: str | None
    region: dict[str, str | None]
    year: int | None
    kind: str | None
    scope: str | None
    totals: dict[str, Figure]
    headcount: dict[str, Figure]
    prior_year: dict[str, Figure]
    functional: tuple[LineItem, ...]
    economic: tuple[LineItem, ...]
    changes: tuple[Change, ...]
    three_public_parts: dict[str, Figure]
    tables: tuple[str, ...]
    findings: tuple[Finding, ...]
    source: str = ""
    pages: int = 0
    # each table's reading against its identities, and why a person should look again
    checks: tuple[TableCheck, ...] = ()
    needs_review: tuple[str, ...] = ()


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _source(source: Source | None) -> dict[str, Any] | None:
    if source is None:
        return None
    return {k: v for k, v in asdict(source).items() if v is not None}


def _item(item: LineItem, economic: bool) -> dict[str, Any]:
    row: dict[str, Any] = {"code": item.code, "name": item.name, "total": _num(item.total)}
    if economic:
        row["scope"] = item.scope
    else:
        row["basic"] = _num(item.basic)
        row["project"] = _num(item.project)
    if item.personnel is not None or item.public is not None:
        row["personnel"] = _num(item.personnel)
        row["public"] = _num(item.public)
    row["known"] = item.known
    row["source"] = _source(item.source)
    return row


def _figures(figures: dict[str, Figure], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: (_num(figures[k].value) if k in figures else None) for k in keys}


def _whole(figures: dict[str, Figure], keys: tuple[str, ...]) -> dict[str, int | None]:
    return {k: (int(figures[k].value) if k in figures else None) for k in keys}


def to_contract(d: Disclosure) -> dict[str, Any]:
    """The JSON object `parse_disclosure --json` prints."""
    return {
        "agency": d.agency,
        "region": d.region,
        "year": d.year,
        "kind": d.kind,
        "scope": d.scope,
        "totals": _figures(d.totals, TOTAL_KEYS),
        "headcount": _whole(d.headcount, ("authorized", "actual")),
        "prior_year": _figures(d.prior_year, ("expenditure", "revenue")),
        "functional": [_item(i, economic=False) for i in d.functional],
        "economic": [_item(i, economic=True) for i in d.economic],
        "findings": [
            {"severity": f.severity, "rule": f.rule, "where": f.where, "message": f.message}
            | ({"message_id": f.message_id, "params": f.params} if f.message_id else {})
            | ({"source": _source(f.source)} if f.source else {})
            for f in d.findings
        ],
        "three_public_parts": _figures(d.three_public_parts, tuple(d.three_public_parts)),
        "changes": [
            {
                "subject": c.subject,
                "current": _num(c.current),
                "change": _num(c.delta),
                "prior": _num(c.prior),
                "percent": _num(c.percent),
                "reason": c.reason,
                "source": _source(c.source),
            }
            for c in d.changes
        ],
        "tables": list(d.tables),
        "table_checks": [
            {
                "table": c.label,
                "title": c.title,
                "kind": c.kind,
                "page": c.page,
                "verified": c.verified,
                "identities": c.checked,
                "failed": list(c.failed),
            }
            for c in d.checks
        ],
        "needs_review": {"needed": bool(d.needs_review), "reasons": list(d.needs_review)},
        "provenance": {
            "totals": {k: _source(f.source) for k, f in d.totals.items()},
            "headcount": {k: _source(f.source) for k, f in d.headcount.items()},
            "prior_year": {k: _source(f.source) for k, f in d.prior_year.items()},
        },
        "source": {"file": d.source, "pages": d.pages},
    }
