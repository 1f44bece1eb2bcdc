"""Golden files: each sample disclosure against its hand-checked values.

Every labelled field counts, and every contradiction the labels list must be
reported by the audit. The sample texts ship with the project
(disclosures/fixtures/samples); the labels sit beside this file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from disclosures.parsing import parse_file, to_contract

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "disclosures" / "fixtures" / "samples"
EXPECTED = sorted((Path(__file__).parent / "expected").glob("*.json"))
PLACE_WORDS = {"prior_year": ["prior", "上年"], "basic": ["basic", "基本"], "表4": ["表4", "表四"]}


def close(got: float | None, want: float | list[float]) -> bool:
    if isinstance(want, list):
        return any(close(got, w) for w in want)
    return got is not None and abs(got - want) <= 0.005


@pytest.fixture(scope="module", params=EXPECTED, ids=lambda p: p.stem)
def case(request: pytest.FixtureRequest) -> tuple[dict, dict]:
    truth = json.loads(request.param.read_text(encoding="utf-8"))
    return truth, to_contract(parse_file(SAMPLES / truth["file"]))


def test_it_reads_the_metadata(case: tuple[dict, dict]) -> None:
    truth, got = case
    assert truth["agency"] in got["agency"] or got["agency"] in truth["agency"]
    assert (got["year"], got["kind"]) == (truth["year"], truth["kind"])
    for key in ("province", "city", "county"):
        if truth["region"].get(key):
            assert got["region"][key] == truth["region"][key]


def test_it_reads_every_total(case: tuple[dict, dict]) -> None:
    truth, got = case
    wrong = {
        k: (got["totals"][k], v)
        for k, v in truth["totals"].items()
        if v is not None and not close(got["totals"][k], v)
    }
    assert wrong == {}


def test_it_reads_headcount_and_the_prior_year(case: tuple[dict, dict]) -> None:
    truth, got = case
    for key, value in truth["headcount"].items():
        assert got["headcount"][key] == value, key
    assert close(got["prior_year"]["expenditure"], truth["prior_year"]["expenditure"])


def test_it_reads_exactly_the_functional_rows(case: tuple[dict, dict]) -> None:
    truth, got = case
    rows = {r["code"]: r for r in got["functional"]}
    assert set(rows) == {r["code"] for r in truth["functional"]}
    for want in truth["functional"]:
        row = rows[want["code"]]
        for column in ("total", "basic", "project"):
            if want.get(column) is None:
                assert column == "total" or row[column] is None, (want["code"], column)
            else:
                assert close(row[column], want[column]), (want["code"], column, row[column])


def test_it_reads_the_economic_rows(case: tuple[dict, dict]) -> None:
    truth, got = case
    rows = {(r["code"], r["scope"]): r["total"] for r in got["economic"]}
    missing = [
        (r["code"], r["scope"])
        for r in truth["economic"]
        if not close(rows.get((r["code"], r["scope"])), r["total"])
    ]
    assert missing == []


def test_it_reports_every_contradiction_in_the_document(case: tuple[dict, dict]) -> None:
    truth, got = case
    for expected in truth["expected_findings"]:
        words = PLACE_WORDS.get(expected["where"], [expected["where"]])
        texts = [" ".join(str(f[k]) for k in ("rule", "where", "message")) for f in got["findings"]]
        assert any(w in t for w in words for t in texts), expected


def test_every_finding_says_what_is_printed(case: tuple[dict, dict]) -> None:
    _, got = case
    for finding in got["findings"]:
        assert finding["severity"] in ("error", "warning", "info")
        assert finding["rule"] and finding["where"] and finding["message"]
