"""`{% cell c "money" %}` draws one computed or stored figure: the value linked to where
it was read, what it rests on beside it, or the gap and why. `{% coverage_overview %}`
puts what the database holds on the home page."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from django import template
from django.db import connection
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from comparisons import labels
from comparisons.figures import Cell, Note, Source, rounded
from comparisons.notes import note_text
from comparisons.reports import browse

register = template.Library()


def shown(value: Decimal | None, unit: str) -> str:
    """A value as the page prints it: 万元 and percentages to two places, as documents
    print them (the exact value is in the CSV, the API and the disclosure's page), people
    whole, changes signed."""
    if value is None:
        return "—"
    if unit == "people":
        return f"{value:,.0f}"
    if unit == "plain":  # a reference value, with the digits its publication gives
        return f"{value.normalize():,f}"
    text = f"{rounded(value):,.2f}"
    if unit in {"change", "change_percent"} and value > 0:
        text = "+" + text
    return text + "%" if unit in {"percent", "change_percent"} else text


@register.simple_tag
def cell(value: Cell, unit: str = "money", notes: bool = True) -> str:
    """notes=False: the note or gap is already said beside another figure of the row.
    Written here rather than in a template: a page draws hundreds of them."""
    said, missing = note_text(value.note), note_text(value.gap)
    if value.value is None:
        drawn = format_html('<span class="gap" title="{}">—</span>', missing)
        if missing and notes:
            drawn += format_html('<small class="note gap">{}</small>', missing)
        return drawn
    text, stated = shown(value.value, unit), " stated" if value.stated else ""
    title = source_title(value.source) or said or missing
    if value.source is not None:
        source = value.source
        marks = " corrected" * source.corrected + " flagged" * source.flagged + stated
        href = f"{_disclosure_url(source.disclosure_id)}?focus={quote(source.address)}#source"
        drawn = format_html(
            '<a class="value{}" href="{}" title="{}">{}</a>', marks, href, title, text
        )
    else:
        titled = format_html(' title="{}"', title) if title else ""
        drawn = format_html('<span class="value{}"{}>{}</span>', stated, titled, text)
    if value.stated and not value.note:
        drawn += format_html('<small class="stated-mark">{}</small>', _("文件所述"))
    if said and notes:
        drawn += format_html('<small class="note">{}</small>', said)
    return drawn


@register.filter
def note(value: Note | None) -> str:
    return note_text(value)


@lru_cache(maxsize=4096)
def _disclosure_url(pk: int) -> str:
    return reverse("disclosure", args=[pk])


@register.filter
def source_title(source: Source | None) -> str:
    if source is None:
        return ""
    page = _("第 %(page)s 页") % {"page": source.page} if source.page else ""
    parts = [source.document, page]
    parts += [source.where[:200]]
    if source.corrected:
        parts.append(str(_("已更正")))
    if source.flagged:
        parts.append(str(_("自动核对有问题")))
    return " · ".join(p for p in parts if p)


@register.filter
def plain(value: Decimal | None) -> str:
    return shown(value, "plain")


@register.filter
def kind_short(kind: str) -> str:
    return labels.KINDS.get(kind, kind)


@register.filter
def scope_label(scope: str) -> str:
    return labels.SCOPES.get(scope, scope)


@register.filter
def level_label(level: str) -> str:
    return labels.LEVELS.get(level, level)


@register.filter
def severity_label(severity: str) -> str:
    return labels.SEVERITIES.get(severity, severity)


@register.filter
def label(key: str, table: str) -> str:
    """{{ key|label:"STRUCTURE" }}: a report's key as comparisons.labels names it."""
    return str(getattr(labels, table).get(key, key))


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
