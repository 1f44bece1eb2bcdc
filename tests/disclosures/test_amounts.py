"""Amounts are shown with every digit the document gave, never rounded away."""

from decimal import Decimal

import pytest

from disclosures.templatetags.amounts import amount


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("689.800000", "689.80"),
        ("9101.677535", "9,101.677535"),
        ("-2389.52", "-2,389.52"),
        ("0E-6", "0.00"),
        (None, "—"),
    ],
)
def test_an_amount_shows_all_its_digits_and_at_least_two(value, shown):
    assert amount(None if value is None else Decimal(value)) == shown
