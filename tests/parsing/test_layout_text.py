"""The same real documents as text laid out in columns by another tool (pdftotext
-layout): the text path must give the values a reader checked in the PDFs."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from golden import misses

from disclosures.parsing import parse_bytes, to_contract

HERE = Path(__file__).parent
DOCS = HERE.parent / "data" / "realdocs"
GOLDEN = sorted((HERE / "golden").glob("*.json"))
# pdftotext draws this document's tall rows apart: amounts land lines away from their codes.
NOT_READABLE_AS_TEXT = {"sh-putuo_caizhengju_2024_dept-final"}

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def laid_out_text(pdf: Path) -> bytes:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout


# the first set of real PDFs; the text path is not the way the others are read
FIRST_SET = [p.stem for p in GOLDEN if (DOCS / p.with_suffix(".pdf").name).exists()]


@pytest.mark.parametrize("name", [n for n in FIRST_SET if n not in NOT_READABLE_AS_TEXT])
def test_text_laid_out_in_columns_gives_the_checked_values(name: str) -> None:
    truth = json.loads((HERE / "golden" / f"{name}.json").read_text(encoding="utf-8"))
    got = to_contract(parse_bytes(laid_out_text(DOCS / truth["file"]), f"{name}.txt"))
    assert misses(truth, got, findings=False) == []
