"""Golden files: each sample disclosure against its hand-checked values.

Every labelled field counts, and every contradiction the labels list must be
reported by the audit. The sample texts ship with the project
(disclosures/fixtures/samples); the labels sit beside this file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from golden import misses

from disclosures.parsing import parse_file, to_contract

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "disclosures" / "fixtures" / "samples"
EXPECTED = sorted((Path(__file__).parent / "expected").glob("*.json"))


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_the_sample_gives_exactly_the_hand_checked_values(path: Path) -> None:
    truth = json.loads(path.read_text(encoding="utf-8"))
    got = to_contract(parse_file(SAMPLES / truth["file"]))
    assert misses(truth, got) == []


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_every_finding_says_what_is_printed(path: Path) -> None:
    truth = json.loads(path.read_text(encoding="utf-8"))
    for finding in to_contract(parse_file(SAMPLES / truth["file"]))["findings"]:
        assert finding["severity"] in ("error", "warning", "info")
        assert finding["rule"] and finding["where"] and finding["message"]
