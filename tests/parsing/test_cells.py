"""What a single cell holds, as finance systems' exports and accountants print it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclosures.parsing.cells import amount, is_amount


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("(86.91)", Decimal("-86.91")),  # an accountant's negative
        ("(1,234)", Decimal("-1234")),
        ("3.20万元", Decimal("3.20")),  # the unit typed after the amount
        ("320.00 元", Decimal("320.00")),
        ("1,234.56", Decimal("1234.56")),
        ("-12.30", Decimal("-12.30")),
    ],
)
def test_an_amount_as_accountants_and_typists_print_it(cell: str, value: Decimal) -> None:
    assert (is_amount(cell), amount(cell)) == (True, value)


@pytest.mark.parametrize("cell", ["(1)", "(12)", "12万元以上", "约3.20万元", "-", "万元"])
def test_a_column_number_or_a_phrase_is_no_amount(cell: str) -> None:
    assert amount(cell) is None
