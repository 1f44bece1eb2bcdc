"""PDFs made the way other offices make them (tests/parsing/pdf_variants.py): pages
stored on their side and shown upright by /Rotate, pages shrunk to A5, tables set
sideways with nothing to show them upright. They look as the
originals do, so the parse must give what a reader checked in the originals."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from golden import misses, unexpected
from pdf_variants import sideways, small, turned

from disclosures.parsing import parse_bytes, to_contract

HERE = Path(__file__).parent
FOLDERS = (HERE.parent / "data" / "realdocs", HERE.parent / "data" / "realdocs-more")
# narrative on pages of their own, tables in 万元 and in 元, a university, a final account
DOCUMENTS = (
    "js_renda_2019_dept-budget-text",
    "jiangsu-wuxi_xinfangju_2025_dept-budget",
    "shanghai_shenjiju_2026_unit-budget",
    "chongqing_xinan-daxue_2024_dept-final",
    "sh-putuo_caizhengju_2024_dept-final",
)


@cache
def _truth_and_pdf(name: str) -> tuple[dict, Path]:
    truth = json.loads((HERE / "golden" / f"{name}.json").read_text(encoding="utf-8"))
    return truth, next(d / truth["file"] for d in FOLDERS if (d / truth["file"]).exists())


@pytest.mark.parametrize("made", [turned, small, sideways], ids=["turned", "small", "sideways"])
@pytest.mark.parametrize("name", DOCUMENTS)
def test_a_real_document_made_another_way_reads_the_same(name: str, made) -> None:
    truth, pdf = _truth_and_pdf(name)

    got = to_contract(parse_bytes(made(pdf.read_bytes()), pdf.name))

    assert misses(truth, got, findings=False) == []
    assert unexpected(truth, got) == []
