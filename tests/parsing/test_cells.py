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


@pytest.mark.parametrize(
    ("stated", "printed", "same"),
    [
        ("119.19", "119.190740", True),  # the text in 万元, the table in 元
        ("119.190740", "119.19", True),  # the text in 元, the table in 万元
        ("119.1907", "119.190740", True),  # the text in whole 元
        ("119.190740", "119.190740", True),
        ("119.190770", "119.190740", False),  # 30 元 apart, both to the fen
        ("119.193740", "119.19", True),  # 万元 tables hold to the cent
        ("17192", "17191.52", True),
    ],
)
def test_a_stated_figure_is_held_to_the_printed_one_as_precisely_as_both_print(
    stated: str, printed: str, same: bool
) -> None:
    from disclosures.parsing.cells import same_figure

    assert same_figure(Decimal(stated), Decimal(printed)) is same
