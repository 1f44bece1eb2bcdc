"""Every document the project ships, as its hand-checked reading gives it (the samples'
expected parses, the real PDFs' golden files): its mix adds up to 100%, at the top of
each classification and in the split of its total into basic, project and the rest.
No database: the report's pure half runs on rows made from the files."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from comparisons.figures import Source
from comparisons.queries import DisclosureRow, ItemRow, Value
from comparisons.reports.mix import mix_of

PARSING = Path(__file__).resolve().parents[1] / "parsing"
READINGS = sorted([*PARSING.glob("expected/*.json"), *PARSING.glob("golden/*.json")])


def rows_of(reading: dict) -> tuple[DisclosureRow, dict, list[ItemRow]]:
    row = DisclosureRow(
        id=1, agency_id=1, agency=reading["agency"] or "", province="", city="", county="",
        agency_kind="", year=reading["year"] or 2000, kind=reading["kind"] or "budget",
        scope="department", version=1, published_at=None, tables=(), errors=0, warnings=0,
    )  # fmt: skip
    source = Source(1, "")
    figures = {
        ("totals", key): Value(Decimal(str(value)), source)
        for key, value in reading["totals"].items()
        if value is not None
    }
    items = [
        ItemRow(
            1,
            classification,
            item.get("scope", "all"),
            item["code"],
            item["name"],
            len(item["code"]),
            {"total": None if item["total"] is None else Decimal(str(item["total"]))},
            source,
        )  # fmt: skip
        for classification in ("functional", "economic")
        for item in reading.get(classification) or []
    ]
    return row, {1: figures}, items


@pytest.mark.parametrize("path", READINGS, ids=lambda p: p.stem)
def test_every_documents_mix_adds_up_to_the_whole(path):
    row, figures, items = rows_of(json.loads(path.read_text(encoding="utf-8")))
    if ("totals", "expenditure") not in figures[1]:
        pytest.skip("the document states no total spending")
    for classification in ("functional", "economic"):
        mix = mix_of([row], figures, items, classification, "")
        shares = [r.cells[0].share.value for r in mix.rows]
        if not mix.rows or mix.columns[0].whole.value is None:
            continue
        assert None not in shares, (classification, mix.rows)
        # each share is rounded to two places: they add to 100 within their rounding
        assert abs(sum(shares) - 100) <= Decimal("0.005") * len(shares), classification
    structure = dict(mix.structure)
    if {"basic", "project"} <= {key for _group, key in figures[1]}:
        parts = [structure[key][0] for key in ("basic", "project", "other") if key in structure]
        total = figures[1][("totals", "expenditure")].value
        assert sum(p.amount.value for p in parts) == total  # "other" shown wherever it is not 0
        assert abs(sum(p.share.value for p in parts) - 100) <= Decimal("0.015")


def test_a_documents_reserve_funds_are_the_part_outside_basic_and_project():
    # 江苏省人大常委会办公厅 2017: 支出 13,649.07 = 基本 7,666.68 + 项目 5,853.96 + 128.43
    reading = json.loads((PARSING / "golden/js_renda_2017_dept-budget.json").read_text("utf-8"))
    row, figures, _items = rows_of(reading)
    mix = mix_of([row], figures, [], "functional", "")
    other = dict(mix.structure)["other"][0]
    assert other.amount.value == Decimal("128.43") and other.share.value == Decimal("0.94")
