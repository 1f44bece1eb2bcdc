"""What the JSON API reads: published disclosures only, and the agencies and rows behind
them, as plain rows (dicts from `.values()`; api.py shapes them into JSON).

Lists show the current version of each disclosure, as the pages do; a published version
that was replaced is still reachable by its id (an embed pinned to it reads it). Drafts,
and agencies with nothing published, do not exist here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from comparisons.queries.filters import FILTERS, Filter
from disclosures.models import (
    Agency,
    AgencyAlias,
    Disclosure,
    DisclosureKind,
    DisclosureScope,
    Document,
    Figure,
    FigureGroup,
    Finding,
    FindingSeverity,
    ItemClassification,
    LineItem,
    LineItemScope,
)

# the values the models accept, for the schemas' enumerations
KINDS = tuple(DisclosureKind.values)
SCOPES = tuple(DisclosureScope.values)
CLASSIFICATIONS = tuple(ItemClassification.values)
ITEM_SCOPES = tuple(LineItemScope.values)
SEVERITIES = tuple(FindingSeverity.values)
FIGURE_GROUPS = tuple(FigureGroup.values)

AGENCY_FIELDS = ("id", "name", "kind", "province", "city", "county", "parent_id")
DISCLOSURE_FIELDS = ("id", "year", "kind", "scope", "version", "is_current", "published_at")
SOURCE_FIELDS = ("document_id", "page", "table_label", "row_label", "column_label", "box")
ITEM_FIELDS = ("id", "classification", "scope", "code", "name", "level", "known")
ITEM_AMOUNTS = ("total", "basic", "project", "personnel", "public")
FINDING_FIELDS = ("id", "severity", "rule", "where", "message_id", "params")
# what a line item or finding row says about the disclosure it belongs to
OWNER_FIELDS = (
    "disclosure_id",
    "disclosure__year",
    "disclosure__kind",
    "disclosure__scope",
    "disclosure__agency_id",
    "disclosure__agency__name",
)


@dataclass(frozen=True)
class Filters:
    """The filters the pages offer (comparisons.queries.filters: a field of that name is
    that filter), plus the ids a client follows links with."""

    region: str | None = None  # a province, city or county, as 福建省 or 福州市
    agency_kind: str | None = None  # Agency.kind, as 社保中心
    q: str | None = None  # part of the agency's name or of one of its aliases
    year: int | None = None
    kind: str | None = None  # budget, final_accounts
    scope: str | None = None  # department, unit
    agency: int | None = None
    disclosure: int | None = None
    # line items and findings
    classification: str | None = None
    item_scope: str | None = None
    code: str | None = None  # a code and everything under it: 208 gives 20805 and 2080501
    level: int | None = None
    severity: str | None = None
    rule: str | None = None


def region_name(province: str, city: str, county: str) -> str:
    return Agency(province=province, city=city, county=county).region


def _chosen(f: Filters, on: str) -> Iterator[tuple[Filter, Any]]:
    for chosen in FILTERS:
        value = getattr(f, chosen.name)
        if chosen.on == on and value not in (None, ""):
            # the API takes one agency or year where the comparisons take several
            yield chosen, (value,) if chosen.many and isinstance(value, int) else value


def _any_of(chosen: Filter, value: Any, to: str) -> Q:
    found = Q()
    for lookup in chosen.lookups:
        found |= Q(**{f"{to}{lookup}": value})
    return found


def _agency_q(f: Filters, to_agency: str) -> Q:
    """Filters on the agency, reached from the queried model through `to_agency`: by id,
    as an alias matching twice must not list an agency twice."""
    where = Q()
    for chosen, value in _chosen(f, "agency"):
        where &= _any_of(chosen, value, "")
    if not where:
        return where
    return Q(**{f"{to_agency}id__in": Agency.objects.filter(where).values("id")})


def _disclosure_q(f: Filters, to_disclosure: str) -> Q:
    where = Q(**{f"{to_disclosure}published_at__isnull": False})
    if f.disclosure:
        # one version, asked for by id: the current one or one it replaced
        where &= Q(**{f"{to_disclosure}id": f.disclosure})
    else:
        where &= Q(**{f"{to_disclosure}is_current": True})
    for chosen, value in _chosen(f, "disclosure"):
        where &= _any_of(chosen, value, to_disclosure)
    return where


def _owned(f: Filters) -> Q:
    return _disclosure_q(f, "disclosure__") & _agency_q(f, "disclosure__agency__")


# --- agencies ---------------------------------------------------------------------------


def agencies(f: Filters, start: int, stop: int) -> list[dict[str, Any]]:
    published = Disclosure.objects.filter(_disclosure_q(f, ""), agency=OuterRef("pk"))
    found = (
        Agency.objects.filter(_agency_q(f, ""), Exists(published))
        .order_by("name", "id")
        .values(*AGENCY_FIELDS)[start:stop]
    )
    return _with_aliases(list(found))


def agency(pk: int) -> dict[str, Any] | None:
    rows = agencies(Filters(agency=pk), 0, 1)
    if not rows:
        return None
    found = disclosures(Filters(agency=pk), 0, 10_000)
    return {**rows[0], "disclosures": found}


def _with_aliases(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    aliases: dict[int, list[str]] = {}
    for agency_id, name in AgencyAlias.objects.filter(
        agency_id__in=[r["id"] for r in rows]
    ).values_list("agency_id", "name"):
        aliases.setdefault(agency_id, []).append(name)
    for row in rows:
        row["aliases"] = sorted(aliases.get(row["id"], []))
        row["region"] = region_name(row["province"], row["city"], row["county"])
    return rows


# --- disclosures ------------------------------------------------------------------------


def _disclosures(f: Filters) -> QuerySet[Disclosure]:
    return Disclosure.objects.filter(_disclosure_q(f, ""), _agency_q(f, "agency__"))


def disclosures(f: Filters, start: int, stop: int) -> list[dict[str, Any]]:
    agency_fields = [f"agency__{name}" for name in AGENCY_FIELDS if name != "parent_id"]
    rows = (
        _disclosures(f)
        .order_by("agency__name", "agency_id", "-year", "kind", "scope", "-version")
        .values(*DISCLOSURE_FIELDS, *agency_fields)[start:stop]
    )
    return [_with_region(row) for row in rows]


def _with_region(row: dict[str, Any]) -> dict[str, Any]:
    row["agency__region"] = region_name(
        row["agency__province"], row["agency__city"], row["agency__county"]
    )
    return row


def disclosure(pk: int) -> dict[str, Any] | None:
    """One published version with its figures, files, other versions and row counts."""
    rows = disclosures(Filters(disclosure=pk), 0, 1)
    if not rows:
        return None
    row = rows[0]
    extra = (
        Disclosure.objects.filter(pk=pk)
        .annotate(item_count=_count(LineItem), finding_count=_count(Finding))
        .values("tables", "item_count", "finding_count")
        .get()
    )
    return {
        **row,
        "tables": extra["tables"],
        "figures": list(
            Figure.objects.filter(disclosure_id=pk)
            .order_by("group", "key")
            .values("group", "key", "value", *SOURCE_FIELDS, "sentence")
        ),
        "documents": list(
            Document.objects.filter(disclosuredocument__disclosure_id=pk)
            .order_by("disclosuredocument__position")
            .values("id", "name", "sha256", "format", "pages", "size")
        ),
        "versions": list(
            Disclosure.objects.filter(
                agency_id=row["agency__id"],
                year=row["year"],
                kind=row["kind"],
                scope=row["scope"],
                published_at__isnull=False,
            )
            .order_by("version")
            .values("id", "version", "is_current", "published_at")
        ),
        "counts": {"line_items": extra["item_count"] or 0, "findings": extra["finding_count"] or 0},
    }


def _count(model: type[LineItem] | type[Finding]) -> Subquery:
    """How many rows of `model` the disclosure has, as a column of its own row."""
    rows = model.objects.filter(disclosure=OuterRef("pk")).order_by()
    return Subquery(rows.values("disclosure").annotate(n=Count("*")).values("n"))


# --- rows: line items and findings ------------------------------------------------------


def line_items(f: Filters, start: int, stop: int) -> list[dict[str, Any]]:
    where = _owned(f)
    for name, lookup in (("classification", "classification"), ("item_scope", "scope")):
        if getattr(f, name):
            where &= Q(**{lookup: getattr(f, name)})
    if f.code:
        where &= Q(code__startswith=f.code)
    if f.level:
        where &= Q(level=f.level)
    rows = (
        LineItem.objects.filter(where)
        .order_by("disclosure_id", "classification", "scope", "code")
        .values(*ITEM_FIELDS, *ITEM_AMOUNTS, *SOURCE_FIELDS, "sentence", *OWNER_FIELDS)
    )
    return list(rows[start:stop])


def findings(f: Filters, start: int, stop: int) -> list[dict[str, Any]]:
    where = _owned(f)
    if f.severity:
        where &= Q(severity=f.severity)
    if f.rule:
        where &= Q(rule=f.rule)
    rows = (
        Finding.objects.filter(where)
        .order_by("disclosure_id", "id")
        .values(*FINDING_FIELDS, *SOURCE_FIELDS, "sentence", *OWNER_FIELDS)
    )
    return list(rows[start:stop])
