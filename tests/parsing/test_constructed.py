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


@pytest.fixture(scope="module", params=FOLDERS, ids=[f.name for f in FOLDERS])
def case(request: pytest.FixtureRequest) -> tuple[dict, dict]:
    folder: Path = request.param
    return json.loads((folder / "expected.json").read_text(encoding="utf-8")), constructed(folder)


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
