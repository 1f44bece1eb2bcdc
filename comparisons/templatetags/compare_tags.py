"""`{% cell c "money" %}` draws one computed or stored figure: the value linked to where
it was read, what it rests on beside it, or the gap and why. `{% coverage_overview %}`
puts what the database holds on the home page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.db import connection
from django.http import QueryDict

from comparisons.figures import Cell, Source
from comparisons.reports import browse
from comparisons.reports.common import KIND_SHORT, LEVEL_LABELS, SCOPE_LABELS
from disclosures.templatetags.amounts import amount

register = template.Library()
SEVERITY_LABELS = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}


def shown(value: Decimal | None, unit: str) -> str:
    """A value as the page prints it: 万元 with every digit, people whole, changes signed."""
    if value is None:
        return "—"
    if unit == "people":
        return f"{value:,.0f}"
    if unit == "plain":  # a reference value, with the digits its publication gives
        return f"{value.normalize():,f}"
    text = amount(value)
    if unit in {"change", "change_percent"} and value > 0:
        text = "+" + text
    return text + "%" if unit in {"percent", "change_percent"} else text


@register.inclusion_tag("comparisons/_cell.html")
def cell(value: Cell, unit: str = "money", notes: bool = True) -> dict[str, Any]:
    """notes=False: the note or gap is already said beside another figure of the row."""
    return {
        "cell": value,
        "text": shown(value.value, unit),
        "title": source_title(value.source) or value.note or value.gap,
        "notes": notes,
    }


@register.filter
def source_title(source: Source | None) -> str:
    if source is None:
        return ""
    parts = [source.document, f"第{source.page}页 page {source.page}" if source.page else ""]
    parts += [source.where[:200]]
    if source.corrected:
        parts.append("已更正 corrected")
    if source.flagged:
        parts.append("核对有问题 flagged by the audit")
    return " · ".join(p for p in parts if p)


@register.filter
def plain(value: Decimal | None) -> str:
    return shown(value, "plain")


@register.filter
def kind_short(kind: str) -> str:
    return KIND_SHORT.get(kind, kind)


@register.filter
def scope_label(scope: str) -> str:
    return SCOPE_LABELS.get(scope, scope)


@register.filter
def level_label(level: str) -> str:
    return LEVEL_LABELS.get(level, level)


@register.filter
def severity_label(severity: str) -> str:
    return SEVERITY_LABELS.get(severity, severity)


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, [])


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """This page's query string with some parameters replaced (a drill-down, a CSV)."""
    query: QueryDict = context["request"].GET.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value not in (None, ""):
            query[key] = str(value)
    query.pop("page", None)
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def query_set(context: dict[str, Any], name: str, value: Any) -> str:
    """query_with for a parameter whose name is itself a variable (functional, economic)."""
    return query_with(context, **{name: value})


@register.inclusion_tag("comparisons/_coverage.html")
def coverage_overview() -> dict[str, Any]:
    with connection.cursor() as cursor:
        return {"coverage": browse.coverage(cursor)}
