"""Golden values for the real PDFs (tests/data/realdocs), written by reading each one.

Every field a reader checked (metadata, totals, headcount, prior year, every
functional and economic row) must match; so must the contradictions the reader
found, except the few listed in NOT_YET_DETECTED.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from golden import misses

from disclosures.parsing import parse_file, to_contract

HERE = Path(__file__).parent
DOCS = HERE.parents[0] / "data" / "realdocs"
GOLDEN = sorted((HERE / "golden").glob("*.json"))
# Contradictions a reader found that need more than the figures: the performance-target
# forms added up, the scope of 机关运行经费 against the text, or the names listed under
# 人员经费 against the economic rows that carry amounts.
NOT_YET_DETECTED = {
    ("js_renda_2017_dept-budget", "机关运行经费"),
    ("sh-putuo_wanli-jiedao_2023_dept-budget", "绩效目标"),
    ("sh-putuo_caizhengju_2024_dept-final", "30309"),
}


@cache
def parsed(name: str) -> tuple[dict, dict]:
    truth = json.loads((HERE / "golden" / f"{name}.json").read_text(encoding="utf-8"))
    return truth, to_contract(parse_file(DOCS / truth["file"]))


@pytest.mark.parametrize("name", [p.stem for p in GOLDEN])
def test_the_parse_matches_the_values_read_from_the_document(name: str) -> None:
    truth, got = parsed(name)
    assert misses(truth, got, findings=False) == []


@pytest.mark.parametrize("name", [p.stem for p in GOLDEN])
def test_the_audit_reports_the_contradictions_a_reader_found(name: str) -> None:
    truth, got = parsed(name)
    missed = [m for m in misses(truth, got) if m.startswith("finding")]
    expected_gaps = {
        f"finding {f['rule']}@{f['where']} not reported"
        for f in truth.get("expected_findings", [])
        if (name, f["where"]) in NOT_YET_DETECTED
    }
    assert sorted(set(missed) - expected_gaps) == []


def test_every_real_pdf_has_golden_values_or_is_a_scan() -> None:
    covered = {json.loads(p.read_text(encoding="utf-8"))["file"] for p in GOLDEN}
    pdfs = {p.name for p in DOCS.glob("*.pdf") if not p.name.startswith("SIMSCAN_")}
    assert pdfs <= covered
