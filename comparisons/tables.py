"""The agency list as a django-tables2 table, and every comparison as CSV rows.

The CSV of a page holds exactly the rows its filters select (all of them, not one page
of them), each value as the page shows it before rounding for display, with its notes
and gaps in the columns beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_tables2.data import TableData

from comparisons import labels
from comparisons.figures import Cell
from comparisons.notes import note_text
from comparisons.queries import SummaryRow
from comparisons.reports.mix import Mix
from comparisons.reports.per_capita import PER_STAFF, Peers, PerCapitaRow
from comparisons.reports.trend import Series
from comparisons.templatetags.compare_tags import shown

NUM = {"td": {"class": "num"}, "th": {"class": "num"}}


def list_rows(rows: Iterable[SummaryRow]) -> list[dict[str, Any]]:
    """One dict a published disclosure: the agency list's rows and its CSV."""
    return [
        {
            "agency_id": r.disclosure.agency_id,
            "disclosure_id": r.disclosure.id,
            "agency": r.disclosure.agency,
            "region": r.disclosure.region,
            "agency_kind": r.disclosure.agency_kind,
            "year": r.disclosure.year,
            "kind": r.disclosure.kind,
            "scope": r.disclosure.scope,
            "expenditure": r.amounts["expenditure"],
            "staff": r.staff,
            "staff_note": r.staff_note,
            "per_staff": r.per_staff,
            "per_staff_note": r.per_staff_note,
            "errors": r.disclosure.errors,
            "warnings": r.disclosure.warnings,
        }
        for r in rows
    ]


class PagedRows(TableData):
    """The table's rows read from the database one page at a time: it sorts, counts and
    slices, so a list of 200,000 disclosures costs what a page of 25 does."""

    def __init__(self, count: int, read: Callable[[tuple[str, ...], int, int], list[Any]]):
        super().__init__([])
        self.count, self.read, self.aliases = count, read, ()

    def __len__(self) -> int:
        return self.count

    def order_by(self, aliases: Iterable[str]) -> None:
        self.aliases = tuple(aliases)

    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, slice):
            start, stop, _ = key.indices(self.count)
            return self.read(self.aliases, start, stop)
        return self.read(self.aliases, key, key + 1)[0]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.read(self.aliases, 0, self.count))


LIST_CSV = (
    "agency region agency_kind year kind scope expenditure staff staff_note "
    "per_staff per_staff_note errors warnings"
).split()


class DisclosureTable(tables.Table):
    agency = tables.Column(
        _("单位"), linkify=lambda record: reverse("agency", args=[record["agency_id"]])
    )
    region = tables.Column(_("地区"))
    agency_kind = tables.Column(_("类型"))
    year = tables.Column(_("年度"))
    kind = tables.Column(_("预决算"))
    scope = tables.Column(_("范围"))
    expenditure = tables.Column(_("支出总计（万元）"), attrs=NUM)
    staff = tables.Column(_("人数"), attrs=NUM)
    per_staff = tables.Column(_("人均支出（万元）"), attrs=NUM)
    errors = tables.Column(_("核对"), attrs=NUM)
    disclosure_id = tables.Column(
        _("原始数据"),
        orderable=False,
        linkify=lambda record: reverse("disclosure", args=[record["disclosure_id"]]),
    )

    class Meta:
        attrs = {"class": "data"}
        empty_text = _("没有符合条件的数据。")

    def render_kind(self, value: str) -> str:
        return str(labels.KINDS.get(value, value))

    def render_scope(self, value: str) -> str:
        return str(labels.SCOPES.get(value, value))

    def render_expenditure(self, value: Decimal) -> str:
        return shown(value, "money")

    def render_staff(self, value: Decimal, record: dict[str, Any]) -> str:
        return _noted(shown(value, "people"), note_text(record["staff_note"]))

    def render_per_staff(self, value: Decimal, record: dict[str, Any]) -> str:
        return _noted(shown(value, "money"), note_text(record["per_staff_note"]))

    def render_errors(self, record: dict[str, Any]) -> str:
        if record["errors"] or record["warnings"]:
            return _("%(errors)s 错误 · %(warnings)s 警告") % record
        return str(_("一致"))

    def render_disclosure_id(self) -> str:
        return str(_("查看"))

    def value_staff(self, value: Decimal | None) -> str:
        return shown(value, "people")


def _noted(text: str, note: str) -> str:
    return format_html('{}<small class="note">{}</small>', text, note) if note else text


# --- CSV of the comparisons -----------------------------------------------------------------

# Each column's name, in the language of the download; in English, the key a script reads.
HEADERS: dict[str, Any] = {
    "agency": pgettext_lazy("CSV column", "单位"),
    "region": pgettext_lazy("CSV column", "地区"),
    "agency_kind": pgettext_lazy("CSV column", "单位类型"),
    "year": pgettext_lazy("CSV column", "年度"),
    "kind": pgettext_lazy("CSV column", "预决算"),
    "scope": pgettext_lazy("CSV column", "范围"),
    "expenditure": pgettext_lazy("CSV column", "支出总计（万元）"),
    "personnel": pgettext_lazy("CSV column", "人员经费（万元）"),
    "public": pgettext_lazy("CSV column", "公用经费（万元）"),
    "basic": pgettext_lazy("CSV column", "基本支出（万元）"),
    "project": pgettext_lazy("CSV column", "项目支出（万元）"),
    "staff": pgettext_lazy("CSV column", "人数"),
    "staff_note": pgettext_lazy("CSV column", "人数说明"),
    "per_staff": pgettext_lazy("CSV column", "人均支出（万元）"),
    "per_staff_note": pgettext_lazy("CSV column", "人均支出说明"),
    "expenditure_per_staff": pgettext_lazy("CSV column", "人均支出总计（万元）"),
    "personnel_per_staff": pgettext_lazy("CSV column", "人均人员经费（万元）"),
    "public_per_staff": pgettext_lazy("CSV column", "人均公用经费（万元）"),
    "basic_per_staff": pgettext_lazy("CSV column", "人均基本支出（万元）"),
    "project_per_staff": pgettext_lazy("CSV column", "人均项目支出（万元）"),
    "residents_10k": pgettext_lazy("CSV column", "常住人口（万人）"),
    "residents_note": pgettext_lazy("CSV column", "常住人口说明"),
    "per_resident": pgettext_lazy("CSV column", "每位常住居民支出"),
    "per_resident_yuan": pgettext_lazy("CSV column", "每位常住居民支出（元）"),
    "per_resident_note": pgettext_lazy("CSV column", "每位常住居民支出说明"),
    "errors": pgettext_lazy("CSV column", "错误"),
    "warnings": pgettext_lazy("CSV column", "警告"),
    "classification": pgettext_lazy("CSV column", "分类"),
    "code": pgettext_lazy("CSV column", "科目编码"),
    "name": pgettext_lazy("CSV column", "科目名称"),
    "amount": pgettext_lazy("CSV column", "金额（万元）"),
    "share_percent": pgettext_lazy("CSV column", "占比（%）"),
    "note": pgettext_lazy("CSV column", "说明"),
    "stated_by_a_later_document": pgettext_lazy("CSV column", "下一年文件所述"),
    "change": pgettext_lazy("CSV column", "增减（万元）"),
    "change_percent": pgettext_lazy("CSV column", "增减（%）"),
    "stated_percent": pgettext_lazy("CSV column", "文件所述增减（%）"),
    "real_percent": pgettext_lazy("CSV column", "实际增幅（%）"),
    "real_note": pgettext_lazy("CSV column", "实际增幅说明"),
    "execution_rate_percent": pgettext_lazy("CSV column", "预算执行率（%）"),
    "reasons": pgettext_lazy("CSV column", "增减原因"),
}


def header(keys: Iterable[str]) -> list[str]:
    return [str(HEADERS.get(key, key)) for key in keys]


# the values of the kind, scope and classification columns; in English, the keys
VALUES: dict[str, Any] = {
    "budget": pgettext_lazy("CSV value", "预算"),
    "final_accounts": pgettext_lazy("CSV value", "决算"),
    "department": pgettext_lazy("CSV value", "部门"),
    "unit": pgettext_lazy("CSV value", "单位"),
    "functional": pgettext_lazy("CSV value", "支出功能分类"),
    "economic": pgettext_lazy("CSV value", "支出经济分类"),
    True: pgettext_lazy("CSV value", "是"),
    False: pgettext_lazy("CSV value", "否"),
}


def _kind(key: Any) -> str:
    return str(VALUES.get(key, key))


_scope = _kind


def list_csv(rows: Iterable[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """The agency list's rows, in the language active now."""
    shown = {"kind": _kind, "scope": _scope, "staff_note": note_text, "per_staff_note": note_text}
    body = [[shown.get(c, _same)(r[c]) for c in LIST_CSV] for r in rows]
    return header(LIST_CSV), body


def _same(value: Any) -> Any:
    return value


def _csv(cell: Cell) -> list[Any]:
    return [cell.value, note_text(cell.note or cell.gap)]


def per_capita_csv(rows: Iterable[PerCapitaRow]) -> tuple[list[str], list[list[Any]]]:
    keys = ["agency", "region", "year", "kind", "scope"]
    keys += [*PER_STAFF, "staff", "staff_note"]
    keys += [f"{key}_per_staff" for key in PER_STAFF] + ["per_staff_note"]
    keys += ["residents_10k", "residents_note", "per_resident_yuan", "per_resident_note"]
    body = []
    for r in rows:
        d = r.disclosure
        line = [d.agency, d.region, d.year, _kind(d.kind), _scope(d.scope)]
        line += [c.value for c in r.amounts]
        line += (
            _csv(r.staff)
            + [c.value for c in r.per_staff]
            + [note_text(r.per_staff[0].note or r.per_staff[0].gap)]
        )
        line += _csv(r.residents) + _csv(r.per_resident)
        body.append(line)
    return header(keys), body


def mix_csv(report: Mix) -> tuple[list[str], list[list[Any]]]:
    keys = ["agency", "year", "kind", "classification", "code", "name", "amount"]
    keys += ["share_percent", "note"]
    body = []
    for n, column in enumerate(report.columns):
        d = column.disclosure
        for row in report.rows:
            amount, share = row.cells[n].amount, row.cells[n].share
            notes = [note_text(column.note), note_text(amount.note), note_text(amount.gap)]
            body.append(
                [
                    d.agency,
                    d.year,
                    _kind(d.kind),
                    _kind(report.classification),
                    row.code,
                    row.name or ("" if row.code else str(DIFFERENCE)),
                    amount.value,
                    share.value,
                    " ".join(filter(None, notes)),
                ]
            )
    return header(keys), body


DIFFERENCE = _("与支出总计之差")


def trend_csv(series: Iterable[Series]) -> tuple[list[str], list[list[Any]]]:
    keys = ["agency", "region", "kind", "year", "expenditure", "stated_by_a_later_document"]
    keys += ["change", "change_percent", "stated_percent", "real_percent", "real_note"]
    keys += ["execution_rate_percent", "reasons"]
    body = []
    for s in series:
        for p in s.points:
            body.append(
                [
                    s.agency,
                    s.region,
                    _kind(s.kind),
                    p.year,
                    p.amount.value,
                    str(VALUES[p.amount.stated]),
                    p.change.value,
                    p.percent.value,
                ]
                + [
                    p.stated_percent.value,
                    *_csv(p.real_percent),
                    p.execution.value,
                    "；".join(p.reasons),
                ]
            )
    return header(keys), body


def peers_csv(report: Peers) -> tuple[list[str], list[list[Any]]]:
    keys = ["agency", "region", "year", "kind", report.measure, "note"]
    body = [
        [
            r.disclosure.agency,
            r.disclosure.region,
            r.disclosure.year,
            _kind(r.disclosure.kind),
            *_csv(report.value(r)),
        ]
        for r in report.rows
    ]
    return header(keys), body
