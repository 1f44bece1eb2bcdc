"""Tables without rulings: typeset with spaces, exported without borders, or drawn in a
way the reader does not take for rulings. Nothing but the text's own positions says
which cell a piece of text is in."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden import golden_and_pdf, misses, unexpected
from pdf_variants import unruled

from disclosures.parsing import parse_bytes, to_contract
from disclosures.parsing.columns import read_columns
from disclosures.parsing.extract.base import Line
from disclosures.parsing.extract.pdf_frags import Glyph, Rules
from disclosures.parsing.extract.pdf_layout import layout_rows
from disclosures.parsing.pairs import read_pairs
from disclosures.parsing.row_cells import merged

HERE = Path(__file__).parent
SIZE = 10.0


def glyphs(x: float, top: float, text: str) -> list[Glyph]:
    """A run of text from x, a CJK character a full size wide, anything else half."""
    out = []
    for ch in text:
        width = SIZE if ord(ch) > 0x2E80 else SIZE / 2
        out.append(Glyph(ch, x, x + width, top, top + SIZE))
        x += width
    return out


def rows_of(*runs: tuple[float, float, str]) -> list[list[str]]:
    page = [g for x, top, text in runs for g in glyphs(x, top, text)]
    return [[f.text for f in row] for row in layout_rows(page, Rules())]


def test_amounts_set_high_in_a_tall_row_join_the_row_below() -> None:
    # 基本支出 and 项目支出 at the top of their cells, the code, name and 合计 centred
    rows = rows_of(
        (50, 100, "201"), (100, 100, "一般公共服务"), (250, 100, "2,106.66"),
        (330, 94, "1,503.52"), (410, 94, "603.14"),
        (50, 130, "201"), (100, 130, "财政事务"), (250, 130, "2,106.66"),
        (330, 124, "1,503.52"), (410, 124, "603.14"),
    )  # fmt: skip

    assert rows == [
        ["201", "一般公共服务", "2,106.66", "1,503.52", "603.14"],
        ["201", "财政事务", "2,106.66", "1,503.52", "603.14"],
    ]


def test_the_totals_amounts_beside_the_code_titles_join_the_total_row() -> None:
    rows = rows_of(
        (50, 90, "类"), (80, 90, "款"), (110, 90, "项"), (330, 90, "2,336.91"), (410, 90, "603.14"),
        (150, 97, "合计"), (250, 97, "2,940.05"),
    )  # fmt: skip

    assert rows == [["类", "款", "项"], ["合计", "2,940.05", "2,336.91", "603.14"]]


def test_a_row_of_amounts_nearer_the_row_above_stays_apart() -> None:
    rows = rows_of(
        (100, 100, "合计"), (250, 100, "50.00"),
        (250, 104, "60.00"),  # under the row above, not lifted over the one below
        (100, 130, "一般公共服务"), (300, 130, "70.00"),
    )  # fmt: skip

    assert ["一般公共服务", "60.00", "70.00"] not in rows


def test_an_amount_set_right_up_against_the_next_cells_name_is_a_cell_of_its_own() -> None:
    # a third of a character apart: nearer than a column break, wider than a word space
    assert rows_of(
        (50, 100, "一、财政拨款"), (125, 100, "9,066.79"), (168.5, 100, "一、基本支出")
    ) == [["一、财政拨款", "9,066.79", "一、基本支出"]]
    # a year before a project's name, and an amount before its unit, stay with their words
    assert rows_of((50, 100, "2026"), (73.5, 100, "信访专项经费"), (200, 100, "30.00")) == [
        ["2026 信访专项经费", "30.00"]
    ]
    assert rows_of((50, 100, "12.50"), (78.5, 100, "万元")) == [["12.50 万元"]]
    # two amounts in 元 a third of a character apart; a code printed in parts stays whole
    assert rows_of((50, 100, "3,362,962"), (98.5, 100, "195,938,707")) == [
        ["3,362,962", "195,938,707"]
    ]
    assert rows_of((50, 100, "201"), (68.5, 100, "06")) == [["201 06"]]


def test_a_label_set_a_character_at_a_time_is_one_word() -> None:
    rows = rows_of(
        (50, 100, "收"), (80, 100, "入"), (110, 100, "总"), (140, 100, "计"), (200, 100, "557,259.13"),
        (300, 100, "支"), (330, 100, "出"), (360, 100, "总"), (390, 100, "计"), (450, 100, "557,259.13"),
        (50, 120, "类"), (80, 120, "款"), (110, 120, "项"),
    )  # fmt: skip

    assert rows == [
        ["收入总计", "557,259.13", "支出总计", "557,259.13"],
        ["类", "款", "项"],  # the titles of three code columns
    ]


def test_a_row_whose_cells_are_set_at_the_top_middle_and_bottom_is_one_row() -> None:
    # two groups side by side: each code at the top of its row, names and amounts in the
    # middle, a wrapped name's end at the bottom; then a 合计 under the last row
    rows = rows_of(
        (20, 100, "301"), (70, 100, "08"), (330, 100, "302"),
        (110, 106, "养老保险缴"), (260, 108, "160.75"), (380, 108, "06"), (420, 108, "电费"),
        (110, 112, "费"),
        (20, 130, "301"), (70, 136, "09"), (110, 136, "职业年金"), (260, 136, "80.38"),
        (330, 130, "302"), (380, 136, "07"), (420, 136, "邮电费"), (520, 130, "4.88"),
        (110, 160, "合计"), (260, 160, "240.38"),
    )  # fmt: skip

    assert rows == [
        ["301", "08", "养老保险缴费", "160.75", "302", "06", "电费"],
        ["301", "09", "职业年金", "80.38", "302", "07", "邮电费", "4.88"],
        ["合计", "240.38"],
    ]


def test_a_name_centred_around_the_next_code_is_not_the_row_aboves() -> None:
    rows = rows_of(
        (20, 100, "20801"), (110, 100, "行政单位离退休"), (260, 100, "84.65"),
        (110, 111, "机关事业单位基本养老保险缴"),
        (20, 118, "20805"), (260, 118, "160.75"),
        (110, 125, "费支出"),
    )  # fmt: skip

    assert rows[0] == ["20801", "行政单位离退休", "84.65"]


def test_the_next_tables_title_set_close_under_the_last_rows_name_is_not_that_name() -> None:
    rows = rows_of(
        (20, 100, "2210202"), (110, 100, "提租补贴"), (260, 100, "1,018.01"),
        (110, 111, "一般公共预算基本支出预算表"),
    )  # fmt: skip

    assert rows == [["2210202", "提租补贴", "1,018.01"], ["一般公共预算基本支出预算表"]]


def test_a_total_row_under_a_blank_last_item_is_not_that_items_name() -> None:
    # side by side: the right group's last item has no amount, and the totals' row below
    # stands in its empty columns, 公用经费合计 right under the item's name
    rows = rows_of(
        (370, 100, "310"), (430, 100, "99"), (456, 100, "其他资本性支出"),
        (130, 120, "人员经费合计"), (310, 120, "2,152.26"),
        (456, 120, "公用经费合计"), (600, 120, "184.65"),
    )  # fmt: skip

    assert rows[0] == ["310", "99", "其他资本性支出"]


def test_the_note_set_close_under_the_last_row_is_not_part_of_it() -> None:
    rows = rows_of(
        (120, 100, "2129801"), (260, 100, "城乡社区公共设施"), (380, 100, "6,816.00"),
        (40, 111, "注:无。"),
    )  # fmt: skip

    assert rows == [["2129801", "城乡社区公共设施", "6,816.00"], ["注:无。"]]


def test_the_last_part_of_a_split_code_glued_to_the_name_is_still_the_code() -> None:
    cells, _ = merged(["201", "06", "01 行政运行", "8,486.17"])

    assert cells == ["2010601", "行政运行", "8,486.17"]
    # a name that happens to start with a number keeps it where no code comes before
    assert merged(["12 个项目", "30.00"])[0] == ["12 个项目", "30.00"]


def line(top: float, *cells: tuple[str, float, float]) -> Line:
    return Line(
        page=1,
        cells=tuple(c for c, _, _ in cells),
        boxes=tuple((x0, top, x1, top + 10) for _, x0, x1 in cells),
    )


def test_titles_of_neighbouring_columns_printed_as_one_cell_are_split_between_them() -> None:
    header = [line(80, ("科目名称", 100, 140), ("合计", 200, 220), ("基本支出项目支出", 260, 340))]
    body = [line(100, ("财政事务", 100, 140), ("30.00", 200, 230), ("20.00", 260, 290),
                 ("10.00", 310, 340))]  # fmt: skip

    assert [c.role for c in read_columns(header, body)] == ["total", "basic", "project"]


def test_a_group_title_over_its_columns_is_not_split() -> None:
    header = [
        line(70, ("本年预算", 200, 340)),
        line(80, ("合计", 200, 220), ("基本支出", 260, 290), ("项目支出", 310, 340)),
    ]
    body = [line(100, ("30.00", 200, 230), ("20.00", 260, 290), ("10.00", 310, 340))]

    assert [c.role for c in read_columns(header, body)] == ["total", "basic", "project"]


def test_an_amount_beyond_an_empty_column_is_not_the_labels_own() -> None:
    # 三、单位预留机动经费 wraps around its amount, which stands level with 三、国防支出:
    # between the two, the functional amounts' column is empty on this line
    lines = [
        line(100, ("一、一般公共服务支出", 100, 200), ("10,528.33", 220, 260),
             ("一、基本支出", 300, 360), ("7,666.68", 400, 440)),
        line(120, ("二、外交支出", 100, 160), ("二、项目支出", 300, 360), ("5,853.96", 400, 440)),
        line(140, ("三、国防支出", 100, 160), ("128.43", 410, 440)),
    ]  # fmt: skip

    pairs = {p.label: p.value for p in read_pairs(lines, "万元")}

    assert pairs["国防支出"] is None
    assert pairs["基本支出"] is not None and pairs["一般公共服务支出"] is not None


# --- every real document, its rulings taken away --------------------------------------

GOLDENS = sorted(p.stem for p in (HERE / "golden").glob("*.json"))


@pytest.mark.parametrize(
    "name",
    [n for n in GOLDENS],
)
def test_a_real_document_without_its_rulings_reads_the_same(name: str) -> None:
    truth, pdf = golden_and_pdf(name)

    got = to_contract(parse_bytes(unruled(pdf.read_bytes()), pdf.name))

    assert misses(truth, got, findings=False) == []
    assert unexpected(truth, got) == []
