"""Tables as a word processor prints them to PDF: narrow ruled cells wrap their amounts
and codes ('1049.' over '57', '208050' over '5'), a row's taller cells run on to the next
page, a table ruled down its columns only holds a whole column in one box, a label is
spread a character at a time over its cell, and quotes set in a font of their own are
drawn after the rest of their line. What a reader sees is what is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosures.parsing.extract.base import Line, Page
from disclosures.parsing.extract.pdf import extract_pdf
from disclosures.parsing.extract.pdf_broken import join_broken_rows
from disclosures.parsing.extract.pdf_frags import Frag, Rules
from disclosures.parsing.extract.pdf_layout import merge_wrapped

ROOT = Path(__file__).resolve().parents[2]
PRINTED = ROOT / "tests" / "data" / "constructed" / "henan-zhumadian-xiping_2023_dept-final"
# a page ruled into two columns 200 points wide in all, with rows ruled 30 points apart
RULES = Rules(vertical=((100.0, 0.0, 400.0), (200.0, 0.0, 400.0), (300.0, 0.0, 400.0)))
CELL = (200.0, 100.0, 240.0, 130.0)  # a narrow cell


def frag(text: str, x0: float, line: int, box=CELL, width: float | None = None) -> Frag:
    top = 102.0 + 12.0 * line
    right = x0 + (width if width is not None else 6.0 * len(text))
    return Frag(text, x0, right, top, top + 10.0, 10.0, line, box)


def texts(frags: list[Frag]) -> list[str]:
    return sorted(f.text for f in frags)


def test_an_amount_wrapped_in_a_narrow_cell_is_one_amount() -> None:
    assert texts(merge_wrapped([frag("1049.", 202, 0), frag("57", 202, 1)], RULES)) == ["1049.57"]
    assert texts(merge_wrapped([frag("13.0", 202, 0), frag("0", 202, 1)], RULES)) == ["13.00"]
    assert texts(merge_wrapped([frag("1049", 202, 0), frag(".57", 202, 1)], RULES)) == ["1049.57"]


def test_a_code_wrapped_in_a_narrow_cell_is_one_code() -> None:
    assert texts(merge_wrapped([frag("208050", 202, 0), frag("5", 202, 1)], RULES)) == ["2080505"]


def test_two_amounts_in_a_box_ruled_down_its_column_only_are_two_rows() -> None:
    column = (200.0, 100.0, 300.0, 400.0)  # no ruling between the rows
    frags = [frag("12.50", 260, 0, column), frag("13.00", 260, 1, column)]
    names = [
        frag("行政运行", 110, 0, (100.0, 100.0, 200.0, 400.0), 40),
        frag("事业运行", 110, 1, (100.0, 100.0, 200.0, 400.0), 40),
    ]

    got = merge_wrapped(frags + names, RULES)

    assert texts(got) == ["12.50", "13.00", "事业运行", "行政运行"]


def test_a_label_spread_over_its_cell_is_one_word_where_a_piece_holds_three_characters() -> None:
    wide = (100.0, 100.0, 300.0, 130.0)
    spread = [
        frag("支", 110, 0, wide, 10),
        frag("出总计", 140, 0, wide, 70),
    ]  # 23 points a character
    solid = [frag("项目名称", 110, 0, wide, 40), frag("金额", 240, 0, wide, 20)]

    assert texts(merge_wrapped(spread, RULES)) == ["支出总计"]
    assert texts(merge_wrapped(solid, RULES)) == ["金额", "项目名称"]


def _row(
    page: int,
    cells: tuple[str, ...],
    xs: tuple[float, ...],
    ends: tuple[float, ...],
    top: float,
    width: float = 54.0,
) -> Line:
    boxes = tuple((x, top, end, top + 10) for x, end in zip(xs, ends, strict=True))
    frames = tuple((x, top - 2, x + width, top + 12) for x in xs)
    return Line(page, cells, boxes, xs, frames=frames)


def test_a_row_broken_over_a_page_is_joined_up() -> None:
    # '213010 | 科技转 | 682.30' at a page's foot, '6 | 化与推广服务' at the next one's top
    row = _row(5, ("213010", "科技转", "682.30"), (84.6, 138.6, 192.6), (136.0, 190.0, 244.0), 700)
    rest = _row(6, ("6", "化与推广服务"), (84.6, 138.6), (92.0, 190.0), 80)
    after = _row(
        6, ("2130108", "病虫害控制", "96.50"), (84.6, 138.6, 192.6), (120.0, 190.0, 244.0), 95
    )

    pages = join_broken_rows([Page(5, (row,)), Page(6, (rest, after))])

    assert pages[0].lines[-1].cells == ("2130106", "科技转化与推广服务", "682.30")
    assert [line.cells[0] for line in pages[1].lines] == ["2130108"]


def test_a_row_of_labels_at_a_pages_top_is_a_row_of_its_own() -> None:
    # '本年收入合计' does not run to its cell's side: the line below it is the next row
    row = _row(6, ("本年收入合计", "2,946.25"), (84.6, 184.6), (120.0, 280.0), 700, width=100.0)
    labels = _row(7, ("使用非财政拨款结余",), (84.6,), (130.0,), 80)

    pages = join_broken_rows([Page(6, (row,)), Page(7, (labels,))])

    assert pages[0].lines[-1].cells == ("本年收入合计", "2,946.25")
    assert pages[1].lines[0].cells == ("使用非财政拨款结余",)


@pytest.mark.parametrize("label", ["附表 3", "公开03表", "表3"])
def test_the_next_tables_label_at_a_pages_top_is_not_a_rows_rest(label: str) -> None:
    # a unit's code '327001' filling its narrow cell at a page's foot, the next table's
    # label standing within that cell's sides at the top of the next page
    row = _row(
        9,
        ("327001", "曲池坊街道办事处", "2,101.53"),
        (84.6, 138.6, 192.6),
        (134.0, 190.0, 244.0),
        700,
    )
    top = _row(10, (label,), (86.0,), (130.0,), 60)

    pages = join_broken_rows([Page(9, (row,)), Page(10, (top,))])

    assert pages[0].lines[-1].cells[0] == "327001"
    assert pages[1].lines[0].cells == (label,)


def test_quotes_drawn_after_their_line_are_read_where_they_stand() -> None:
    extracted = extract_pdf((PRINTED / "printed.pdf").read_bytes())
    text = "\n".join(line.text for page in extracted.pages for line in page.lines)

    assert "“三公”经费全年预算数为" in text.replace(" ", "")
    assert "1049.57" in text and "1049. 57" not in text
