"""`{{ value|amount }}`: a Decimal as the document printed it, never rounded for display.

Amounts converted from 元 carry six decimals (9101.677535 万元); amounts given in 万元
carry two. Show every digit there is, and at least two, so a reviewer sees exactly the
value that would be corrected.
"""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()
CENT = Decimal("0.01")


@register.filter
def amount(value: Decimal | None) -> str:
    if value is None:
        return "—"
    exact = value.normalize()
    shown = exact if exact.as_tuple().exponent < -2 else value.quantize(CENT)
    return f"{shown:,f}"


@register.filter
def in_unit(value: Decimal | None, address: str) -> str:
    """`{{ value|in_unit:address }}`: with the unit of what it counts (8 人, 12.50 万元)."""
    from disclosures.desk import value_shown  # the models load after the template library

    return value_shown(value, address)


@register.filter
def figure(value: Decimal | None, unit: str) -> str:
    """`{{ cell.value|figure:cell.unit }}`: a value in the review sheet, whose header says
    the money is in 万元: people whole, a percentage with its sign, money as `amount`."""
    if value is not None and unit == "people":
        return f"{value.quantize(Decimal(1)):f}"
    if value is not None and unit == "percent":
        exact = value.normalize()
        return f"{exact if exact.as_tuple().exponent < 0 else value.quantize(Decimal(1)):f}%"
    return amount(value)
