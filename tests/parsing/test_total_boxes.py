"""A headline total read from a table carries the box of its cell, as line items do, so
that a reviewer sees it outlined: the text inside each box is the amount read."""

from __future__ import annotations

import pathlib
from decimal import Decimal

import pypdfium2 as pdfium
import pytest

from disclosures.parsing import parse_bytes
from disclosures.parsing.cells import amount

REALDOCS = pathlib.Path(__file__).parents[1] / "data" / "realdocs"
DOCS = ["sh-putuo_wanli-jiedao_2024_dept-budget.pdf", "js_renda_2018_dept-budget.pdf"]


def _text_in(data: bytes, page_number: int, box: tuple[float, ...]) -> str:
    """The page's text inside a box given from the top-left corner, in points."""
    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[page_number - 1]
        height = page.get_height()
        x0, top, x1, bottom = box
        return page.get_textpage().get_text_bounded(x0, height - bottom, x1, height - top)
    finally:
        pdf.close()


@pytest.mark.parametrize("name", DOCS)
def test_each_total_from_a_table_is_outlined_where_it_is_printed(name):
    data = (REALDOCS / name).read_bytes()
    disclosure = parse_bytes(data, name)
    from_tables = {k: f for k, f in disclosure.totals.items() if f.source and f.source.table}
    boxed = {k: f for k, f in from_tables.items() if f.source.box is not None}

    # revenue and expenditure at least: the summary prints them in cells of their own
    assert {"revenue", "expenditure"} <= set(boxed), sorted(from_tables)
    for key, figure in boxed.items():
        printed = amount(_text_in(data, figure.source.page, figure.source.box).strip())
        assert printed is not None, key
        # the unit may differ (元 or 万元); the digits are the same
        assert printed.normalize() in {
            figure.value.normalize(),
            (figure.value * Decimal(10000)).normalize(),
        }, key
