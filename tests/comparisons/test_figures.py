"""The figures the comparisons compute, without a database."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from comparisons.figures import (
    Cell,
    Dated,
    change,
    divide,
    execution_rate,
    gap,
    median,
    nearest,
    nearest_cell,
    note,
    price_factor,
    rank,
    real_change,
    share,
)


def test_spending_per_staff_member_is_rounded_half_up_to_the_cent():
    assert divide(D("355.85"), Cell(D(8))).value == D("44.48")
    assert divide(D("0.125"), Cell(D(1))).value == D("0.13")


@pytest.mark.parametrize(
    "amount, people, reason",
    [
        (D("355.85"), gap("no_headcount"), "no_headcount"),
        (D("355.85"), Cell(D(0)), "divisor_zero"),
        (None, Cell(D(8)), "amount_not_stated"),
    ],
)
def test_a_missing_or_zero_divisor_is_a_gap_with_its_reason_never_a_number(amount, people, reason):
    result = divide(amount, people)

    assert result.value is None and result.gap.id == reason


def test_the_headcount_note_travels_to_the_figure_divided_by_it():
    said = note("headcount_of", year=2023, kind="final_accounts", nearest=False)
    borrowed = Cell(D(19), note=said)

    assert divide(D("689.80"), borrowed) == Cell(D("36.31"), note=said)


def test_a_share_is_a_percentage_of_the_whole():
    assert share(D("328.03"), D("355.85")).value == D("92.18")
    assert share(D(0), D(10)).value == D("0.00")
    assert share(D(1), D(0)).gap and share(D(1), None).gap and share(None, D(1)).gap


def test_a_change_is_absolute_and_in_percent_of_the_prior_year():
    absolute, percent = change(D("602.56"), D("689.80"))

    assert absolute.value == D("87.24") and percent.value == D("14.48")
    assert change(D(0), D(5))[1].gap and change(None, D(5))[0].gap


def test_the_execution_rate_needs_both_the_budget_and_the_final_accounts():
    assert execution_rate(D("353.06"), D("377.08")).value == D("93.63")
    assert execution_rate(D("353.06"), None).gap
    assert execution_rate(None, D("377.08")).gap


def test_the_nearest_year_wins_and_of_two_as_near_the_earlier():
    found = [Dated(2019, D(1)), Dated(2021, D(2)), Dated(2026, D(3))]

    assert nearest(2020, found).year == 2019
    assert nearest(2024, found).year == 2026
    assert nearest(2020, []) is None


def test_a_value_from_another_year_or_document_says_so_beside_it():
    own = nearest_cell(2020, [Dated(2020, D(5))], "none")
    other_year = nearest_cell(2026, [Dated(2023, D(19), "final_accounts")], "none")
    other_document = nearest_cell(2023, [Dated(2023, D(19), "final_accounts")], "none")

    assert own == Cell(D(5))
    assert other_year.note == note("headcount_of", year=2023, kind="final_accounts", nearest=True)
    assert dict(other_document.note.params) == {
        "year": 2023,
        "kind": "final_accounts",
        "nearest": False,
    }
    assert nearest_cell(2023, [], "no_headcount").gap == note("no_headcount")


def test_prices_chain_year_by_year_and_a_missing_year_breaks_the_chain():
    cpi = {2022: D("102.0"), 2023: D("100.2")}

    assert price_factor(2021, 2023, cpi) == D("1.022040")
    assert price_factor(2023, 2023, cpi) == 1
    assert price_factor(2022, 2024, cpi) is None


def test_a_real_change_deflates_the_later_year_by_its_prices():
    real = real_change(D(100), 2022, D("102.0"), 2023, {2023: D("102.0")})
    missing = real_change(D(100), 2025, D(110), 2026, {2025: D(100)})

    assert real.value == D("0.00")
    assert missing.value is None and missing.gap == note("no_cpi", year=2026)


def test_rank_counts_from_the_largest_and_ties_share_a_place():
    values = {1: D(5), 2: D(9), 3: D(5), 4: None, 5: D(1)}

    assert rank(values, 2) == (1, 4)
    assert rank(values, 1) == rank(values, 3) == (2, 4)
    assert rank(values, 5) == (4, 4)
    assert rank(values, 4) is None


def test_the_median_leaves_gaps_out():
    assert median([D(1), None, D(3), D(10)]) == D("3.00")
    assert median([D(1), D(2)]) == D("1.50")
    assert median([None]) is None
