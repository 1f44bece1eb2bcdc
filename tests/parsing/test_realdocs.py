"""Golden values for every real PDF the project holds (tests/data/realdocs and
tests/data/realdocs-more), written by reading each one and checking it with the
document's own identities.

Every field a reader checked must match, a null included (metadata, totals, headcount,
prior year, every functional and economic row); so must the contradictions the reader
found, and no warning may be raised that the reader did not find. What the parser cannot
do yet is listed below by document and marked as an expected failure that must fail:
when it starts to pass, the entry goes.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from golden import REAL_FOLDERS, golden_and_pdf, misses, unexpected

from disclosures.parsing import parse_file, to_contract

HERE = Path(__file__).parent
GOLDEN = sorted((HERE / "golden").glob("*.json"))
# Contradictions a reader found that need more than the figures: the performance-target
# forms added up, the scope of 机关运行经费 against the text, or the names listed under
# 人员经费 against the economic rows that carry amounts.
NOT_YET_DETECTED = {
    ("sh-putuo_wanli-jiedao_2023_dept-budget", "绩效目标"),
    ("sh-putuo_caizhengju_2024_dept-final", "30309"),
}
# Documents whose figures are not all read yet, and why.
FIGURES_NOT_YET: dict[str, str] = {}
# Documents on which the audit still raises warnings the reader did not find.
FALSE_ALARMS_NOT_YET: dict[str, str] = {}
# Documents with contradictions a reader found that the audit does not report yet.
UNREPORTED_NOT_YET: dict[str, str] = {}


@cache
def parsed(name: str) -> tuple[dict, dict]:
    truth, pdf = golden_and_pdf(name)
    return truth, to_contract(parse_file(pdf))


def _cases(known: dict[str, str]) -> list:
    return [
        pytest.param(p.stem, marks=pytest.mark.xfail(reason=known[p.stem], strict=True))
        if p.stem in known
        else p.stem
        for p in GOLDEN
    ]


@pytest.mark.parametrize("name", _cases(FIGURES_NOT_YET))
def test_the_parse_matches_the_values_read_from_the_document(name: str) -> None:
    truth, got = parsed(name)
    assert misses(truth, got, findings=False) == []


@pytest.mark.parametrize("name", _cases(UNREPORTED_NOT_YET))
def test_the_audit_reports_the_contradictions_a_reader_found(name: str) -> None:
    truth, got = parsed(name)
    missed = [m for m in misses(truth, got) if m.startswith("finding")]
    expected_gaps = {
        f"finding {f['rule']}@{f['where']} not reported"
        for f in truth.get("expected_findings", [])
        if (name, f["where"]) in NOT_YET_DETECTED
    }
    assert sorted(set(missed) - expected_gaps) == []


@pytest.mark.parametrize("name", _cases(FALSE_ALARMS_NOT_YET))
def test_the_audit_raises_no_alarm_the_reader_did_not_find(name: str) -> None:
    truth, got = parsed(name)
    assert unexpected(truth, got) == []


def test_every_real_pdf_has_golden_values_or_is_a_scan() -> None:
    covered = {json.loads(p.read_text(encoding="utf-8"))["file"] for p in GOLDEN}
    pdfs = {
        p.name for d in REAL_FOLDERS for p in d.glob("*.pdf") if not p.name.startswith("SIMSCAN_")
    }
    assert pdfs <= covered
