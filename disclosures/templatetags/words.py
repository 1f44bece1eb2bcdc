"""The site's words for stored keys, in the reader's language (see disclosures.wording):
`{{ finding|finding_text }}`, `{{ finding.where|finding_place }}`,
`{{ group|figure_label:key }}`."""

from __future__ import annotations

from typing import Any

from django import template

from disclosures import wording

register = template.Library()


@register.filter
def finding_text(finding: Any) -> str:
    """A Finding, or a row of one with its message_id, params and rule."""
    return wording.finding_text(finding.message_id, finding.params, finding.rule)


@register.filter
def finding_place(where: str) -> str:
    return wording.finding_place(where)


@register.filter
def figure_label(group: str, key: str) -> str:
    return wording.figure_label(group, key)


@register.filter
def address_label(address: str) -> str:
    return wording.address_label(address)
