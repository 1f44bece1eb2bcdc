"""Disclosures written in other provinces' layouts (tests/data/constructed), read as a
user uploads them: each one's totals, classes, staff, year and kind are the values it was
written with, and the parse finds nothing against it, for nothing in it disagrees."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from accuracy import CONSTRUCTED, constructed  # noqa: E402
from golden import close  # noqa: E402

FOLDERS = sorted(p.parent for p in CONSTRUCTED.glob("*/expected.json"))
# each disclosure as uploaded, and each Word document as a word processor prints it to
# PDF (narrow cells wrap amounts and codes, rows break over pages, quotes are set apart)
CASES = [(f, False) for f in FOLDERS] + [(f, True) for f in FOLDERS if (f / "printed.pdf").exists()]


@pytest.fixture(
    scope="module",
    params=CASES,
    ids=[f.name + (" printed" if printed else "") for f, printed in CASES],
)
def case(request: pytest.FixtureRequest) -> tuple[dict, dict]:
    folder, printed = request.param
    want = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return want, constructed(folder, printed)


def test_its_totals_staff_year_and_kind_are_what_it_was_written_with(case: tuple) -> None:
    want, got = case
    assert (got["year"], got["kind"], got["scope"]) == (want["year"], want["kind"], want["scope"])
    wrong = {
        key: (got["totals"].get(key), value)
        for key, value in want["totals"].items()
        if value is not None and not close(got["totals"].get(key), value)
    }
    assert wrong == {}
    assert {k: v for k, v in got["headcount"].items() if v is not None} == {
        k: v for k, v in want["headcount"].items() if v is not None
    }


def test_its_classes_are_what_it_was_written_with(case: tuple) -> None:
    want, got = case
    rows = {r["code"]: r for r in got["functional"]}
    assert set(rows) == {r["code"] for r in want["functional"]}
    wrong = [
        (r["code"], column, rows[r["code"]][column], r[column])
        for r in want["functional"]
        for column in ("total", "basic", "project")
        if r.get(column) is not None and not close(rows[r["code"]][column], r[column])
    ]
    assert wrong == []


def test_nothing_is_found_against_a_document_that_agrees_with_itself(case: tuple) -> None:
    _, got = case
    found = [f"{f['rule']}@{f['where']}" for f in got["findings"] if f["severity"] != "info"]
    assert found == []


def test_its_prior_year_and_economic_classes_are_what_it_was_written_with(case: tuple) -> None:
    want, got = case
    prior = (want.get("prior_year") or {}).get("expenditure")
    if prior is not None:
        assert close(got["prior_year"].get("expenditure"), prior)
    rows = {(r["code"], r["scope"]): r["total"] for r in got["economic"]}
    wrong = [
        (r["code"], r["scope"], rows.get((r["code"], r["scope"])), r["total"])
        for r in want.get("economic") or []
        if not close(rows.get((r["code"], r["scope"])), r["total"])
    ]
    assert wrong == []


WORKBOOKS = [f for f in FOLDERS if (f / "document.xlsx").exists()]


@pytest.mark.parametrize("folder", WORKBOOKS, ids=[f.name for f in WORKBOOKS])
def test_every_table_of_a_workbook_proves_itself(folder: Path) -> None:
    # a workbook keeps each cell in its place: a header's 小计 under 基本支出 (人员经费 |
    # 公用经费 beside it) titles the basic spending, and the rows' sums hold as read
    got = constructed(folder)
    assert got["needs_review"] == {"needed": False, "reasons": []}
