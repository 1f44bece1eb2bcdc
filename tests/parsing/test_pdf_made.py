"""PDFs made the way other offices make them (tests/parsing/pdf_variants.py): pages
stored on their side and shown upright by /Rotate, pages shrunk to A5, tables set
sideways with nothing to show them upright. They look as the
originals do, so the parse must give what a reader checked in the originals."""

from __future__ import annotations

import pytest
from golden import golden_and_pdf, misses, unexpected
from pdf_variants import sideways, small, turned

from disclosures.parsing import parse_bytes, to_contract

# narrative on pages of their own, tables in 万元 and in 元, a university, a final account
DOCUMENTS = (
    "js_renda_2019_dept-budget-text",
    "jiangsu-wuxi_xinfangju_2025_dept-budget",
    "shanghai_shenjiju_2026_unit-budget",
    "chongqing_xinan-daxue_2024_dept-final",
    "sh-putuo_caizhengju_2024_dept-final",
)


@pytest.mark.parametrize("made", [turned, small, sideways], ids=["turned", "small", "sideways"])
@pytest.mark.parametrize("name", DOCUMENTS)
def test_a_real_document_made_another_way_reads_the_same(name: str, made) -> None:
    truth, pdf = golden_and_pdf(name)

    got = to_contract(parse_bytes(made(pdf.read_bytes()), pdf.name))

    assert misses(truth, got, findings=False) == []
    assert unexpected(truth, got) == []
