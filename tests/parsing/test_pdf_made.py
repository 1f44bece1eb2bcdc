"""PDFs made the way other offices make them (tests/parsing/pdf_variants.py): pages
stored on their side and shown upright by /Rotate, pages shrunk to A5, tables set
sideways with nothing to show them upright. They look as the
originals do, so the parse must give what a reader checked in the originals."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from golden import golden_and_pdf, misses, unexpected
from pdf_variants import placed_text, sideways, small, turned, word_document
from printing import printed
from variants import made_over

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


@pytest.mark.parametrize("name", DOCUMENTS[1:])
def test_a_real_document_written_out_in_word_reads_the_same(name: str) -> None:
    """Its ruled tables as Word tables, the rest as paragraphs, as offices that write the
    disclosure in Word publish it."""
    truth, pdf = golden_and_pdf(name)

    got = to_contract(parse_bytes(word_document(pdf.read_bytes()), "budget.docx"))

    assert misses(truth, got, findings=False) == []
    assert unexpected(truth, got) == []


RUN_ON = (
    "示例局2025年部门预算\n部门支出预算表\n单位：万元\n"
    "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    "合计\t\t1,606.77\t1,577.77\t29.00\n"
    "208\t社会保障和就业支出\t1,606.77\t1,577.77\t29.00\n"
    "20805\t行政事业单位养老支出\t1,577.77\t1,577.77\t0.00\n"
    "2080501\t行政单位离退休\t82.15\t82.15\t0.00\f"
    "2080502\t事业单位离退休\t1,495.62\t1,495.62\t0.00\n"
    "20808\t抚恤\t29.00\t0.00\t29.00\n"
    "2080801\t死亡抚恤\t29.00\t0.00\t29.00"
)


@pytest.mark.parametrize(
    ("name", "layout"),
    [
        ("jiangsu-wuxi_xinfangju_2025_dept-budget", "prior"),
        ("shanghai_shenjiju_2026_unit-budget", "share"),  # in 元: a share is a few fen
        ("shanghai_shenjiju_2026_unit-budget", "change"),
        ("sh-putuo_caizhengju_2024_dept-final", "other-kind"),
    ],
)
def test_a_real_document_in_another_layout_printed_anew_reads_the_same(
    name: str, layout: str, tmp_path
) -> None:
    """Its cells in place, in a layout other provinces print (tests/parsing/variants.py:
    上年预算数 before 合计, 占比 after it …), printed by Chromium: the columns are told by the
    titles over them, every figure where it was."""
    truth, pdf = golden_and_pdf(name)

    data = printed(made_over(layout, placed_text(pdf.read_bytes())), "ruled", tmp_path)
    got = to_contract(parse_bytes(data, pdf.name))

    assert misses(truth, got, findings=False) == []
    assert unexpected(truth, got) == []


@pytest.mark.parametrize("style", ["ruled", "unruled"])
def test_a_table_run_on_to_a_page_whose_text_runs_its_cells_together(style: str, tmp_path) -> None:
    """Chromium prints a table broken over pages so that pdfium's text of the second page
    has no space between cells ('2080502事业单位离退休1,495.621,495.620.00'): no table
    word, no amount standing alone, and with no rulings nothing drawn. The glyphs' places
    still part the cells."""
    data = printed(RUN_ON, style, tmp_path)

    got = to_contract(parse_bytes(data, "printed.pdf"))

    rows = {r["code"]: (r["total"], r["basic"], r["project"]) for r in got["functional"]}
    assert rows.get("2080502") == (1495.62, 1495.62, 0.0)
    assert rows.get("2080801") == (29.0, 0.0, 29.0)
    assert not [f for f in got["findings"] if f["severity"] != "info"]


SHARES = (
    "示例局2025年部门预算\n部门支出预算表\n单位：万元\n"
    "科目编码\t科目名称\t合计\t占比(%)\t基本支出\t项目支出\n"
    "合计\t\t1,606.77\t100.00\t1,577.77\t29.00\n"
    "208\t社会保障和就业支出\t1,606.77\t100.00\t1,577.77\t29.00\n"
    "20805\t行政事业单位养老支出\t1,577.77\t98.20\t1,577.77\t\n"
    "2080501\t行政单位离退休\t82.15\t5.11\t82.15\t\n"
    "2080502\t事业单位离退休\t1,495.62\t93.08\t1,495.62\t\n"
    "20808\t抚恤\t29.00\t1.80\t\t29.00\n"
    "2080801\t死亡抚恤\t29.00\t1.80\t\t29.00"
)


@pytest.mark.parametrize("style", ["ruled", "unruled", "text"])
def test_a_share_column_after_the_total_is_not_money(style: str, tmp_path) -> None:
    """'合计 | 占比(%) | 基本支出 | 项目支出': the share is printed on every row, blank
    cells of the breakdown gone in text, and is read as no column of money."""
    if style == "text":  # copied out: blank cells gone
        data, name = re.sub(r"\t+", "\t", SHARES).encode(), "copied.txt"
    else:
        data, name = printed(SHARES, style, tmp_path), "printed.pdf"

    got = to_contract(parse_bytes(data, name))

    rows = {r["code"]: (r["total"], r["basic"], r["project"]) for r in got["functional"]}
    assert rows.get("2080502") == (1495.62, 1495.62, 0.0)
    assert rows.get("2080801") == (29.0, 0.0, 29.0)
    assert (got["totals"]["basic"], got["totals"]["project"]) == (1577.77, 29.0)
    assert not [f for f in got["findings"] if f["severity"] != "info"]


@pytest.mark.parametrize(
    ("name", "style"),
    [
        ("sh-putuo_wanli-jiedao_2023_dept-budget", "ruled"),
        ("js_zhengxie_2017_dept-budget-tables", "unruled"),
        ("jiangsu-wuxi_xinfangju_2025_dept-budget", "unruled"),
        ("guangdong-zhuhai_jiaotong-shizheng-gongwuzhongxin_2026_dept-budget", "centred"),
        ("guangdong-zhuhai_shangwuju_2026_dept-budget", "unruled"),
        ("jiangsu-wuxi_xinfangju_2025_dept-budget", "watermarked"),
    ],
)
def test_a_real_document_printed_anew_reads_the_same(name: str, style: str, tmp_path) -> None:
    """Its cells, each in the column its rulings give, printed by Chromium: another
    maker's fonts, widths and text (cells run together, bracketed codes run into their
    names, titles set left in wide cells, a note set close under the last row, a large
    word set slantwise across every page), every figure where it was."""
    truth, pdf = golden_and_pdf(name)

    data = printed(placed_text(pdf.read_bytes()), style, tmp_path)
    got = to_contract(parse_bytes(data, pdf.name))

    assert misses(truth, got, findings=False) == []
    assert unexpected(truth, got) == []


@pytest.mark.parametrize("style", ["ruled", "unruled"])
def test_a_tables_last_row_alone_on_the_next_page_is_the_tables(style: str, tmp_path) -> None:
    """A code and two amounts and nothing else on the page: too little to take for a
    table by itself, but the page after a table's."""
    text = RUN_ON.split("\f")[0] + "\n2080502\t事业单位离退休\t1,495.62\t1,495.62\t0.00\n"
    text += "20808\t抚恤\t29.00\t\t29.00\f2080801\t死亡抚恤\t29.00\t\t29.00"

    got = to_contract(parse_bytes(printed(text, style, tmp_path), "printed.pdf"))

    rows = {r["code"]: (r["total"], r["project"]) for r in got["functional"]}
    assert rows.get("2080801") == (29.0, 29.0)
    assert not [f for f in got["findings"] if f["severity"] != "info"]


SAMPLES = Path(__file__).resolve().parents[2] / "disclosures" / "fixtures" / "samples"


def test_a_sample_printed_without_rulings_reads_as_checked_by_hand(tmp_path) -> None:
    """The economic table runs on to a page whose text opens each line with a code run
    into its name ('30201办公费9.00', one amount a row): no rulings, no table words, no
    amount run into another. The codes run into names tell the page's cells apart."""
    name = "fuzhou-sicenter-2026-budget"
    truth = json.loads((Path(__file__).parent / "expected" / f"{name}.json").read_text())

    data = printed((SAMPLES / f"{name}.txt").read_text(encoding="utf-8"), "unruled", tmp_path)
    got = to_contract(parse_bytes(data, f"{name}.pdf"))

    assert misses(truth, got, findings=False) == []
    assert unexpected(truth, got) == []
