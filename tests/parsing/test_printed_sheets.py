"""Tables and text as a spreadsheet prints them to PDF, and what such documents state:
a 栏次 line centred under titles whose amounts are set right, a page's lines drawn bold
cells first, text running off the page's side, a 三公 table of three sides
(年初预算数 | 全年预算数 | 决算数), shares worked from amounts finer than the text prints;
staff split by how they are employed, a change's subject taken whole, and a spending
table of economic classes titled by its money alone."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclosures.parsing import parse_bytes, to_contract
from disclosures.parsing.cells import change_gap, share_gap
from disclosures.parsing.classification import is_known_functional
from disclosures.parsing.columns import read_columns
from disclosures.parsing.extract.base import Line
from disclosures.parsing.extract.pdf import _lines_misordered, _shown_text
from disclosures.parsing.extract.pdf_frags import Glyph
from disclosures.parsing.extract.pictures import coloured
from disclosures.parsing.narrative import Sentence, _tail, headcount
from disclosures.parsing.row_cells import label_width
from disclosures.parsing.three_public_text import this_side


def line(top: float, *cells: tuple[str, float, float]) -> Line:
    """A line of cells, each (text, x0, x1), 10 points high."""
    return Line(
        page=1,
        cells=tuple(c for c, _, _ in cells),
        boxes=tuple((x0, top, x1, top + 10) for _, x0, x1 in cells),
    )


def test_a_column_numbers_line_centred_under_the_titles_makes_no_columns() -> None:
    # amounts set right in their cells (515-560 …), the 栏次 digits centred (494-501 …)
    header = [
        line(
            90,
            ("科目编码", 58, 98),
            ("科目名称", 261, 301),
            ("小计", 488, 508),
            ("基本支出", 604, 644),
            ("项目支出", 730, 770),
        ),
    ]
    body = [
        line(105, ("栏次", 68, 88), ("1", 494, 501), ("2", 620, 627), ("3", 746, 753)),
        line(
            120,
            ("207", 34, 50),
            ("文化旅游体育与传媒支出", 104, 222),
            ("1,028.80", 515, 560),
            ("607.45", 651, 686),
            ("421.35", 777, 812),
        ),
        line(
            135,
            ("20701", 34, 60),
            ("文化和旅游", 104, 160),
            ("933.30", 520, 560),
            ("607.45", 651, 686),
            ("325.85", 777, 812),
        ),
    ]

    columns = read_columns(header, body)

    assert [(c.role, c.x0) for c in columns if c.role != "code"] == [
        ("total", 515),
        ("basic", 651),
        ("project", 777),
    ]


def glyphs(text: str, top: float, x0: float = 50.0) -> list[Glyph]:
    return [Glyph(ch, x0 + 10 * i, x0 + 10 * (i + 1), top, top + 10) for i, ch in enumerate(text)]


def test_a_page_drawn_bold_cells_first_is_read_down_the_page() -> None:
    heading = glyphs("一、概况", 100) + glyphs("二、收支", 160)
    body = glyphs("正文第一行", 120) + glyphs("正文第二行", 140) + glyphs("正文第三行", 180)
    page = glyphs("页眉", 20) + heading + body + glyphs("第1页", 800)

    assert _lines_misordered(page)
    assert not _lines_misordered(sorted(page, key=lambda g: (g.top, g.x0)))
    text = _shown_text(page, (0.0, 0.0, 595.0, 842.0), (595.0, 842.0))
    assert text.splitlines()[1:6] == [
        "一、概况",
        "正文第一行",
        "正文第二行",
        "二、收支",
        "正文第三行",
    ]


def test_a_running_foot_drawn_before_the_body_is_no_misorder() -> None:
    page = glyphs("第1页", 800) + glyphs("正文第一行", 120) + glyphs("正文第二行", 140)
    assert not _lines_misordered(page + glyphs("正文第三行", 160))


def test_a_character_running_off_the_pages_side_is_read() -> None:
    # 主要用于以 with 以 drawn across the page's right side (590-601 on a page 595 wide)
    page = glyphs("主要用于以", 100, 551.0) + glyphs("下方面", 120)
    text = _shown_text(page, (0.0, 0.0, 595.0, 842.0), (595.0, 842.0))
    assert text.splitlines()[0] == "主要用于以"


def test_a_three_public_row_of_three_sides_is_read_in_the_outturns() -> None:
    budget, full, spent = ["6.50", "0", "5.00"], ["7.00", "0", "5.40"], ["6.18", "0", "4.90"]
    words = "项目 年初预算数 全年预算数 决算数 合计 因公出国（境）费 公务用车购置及运行费"
    assert this_side(budget + full + spent, words) == [spent]


@pytest.mark.parametrize(
    ("stated", "value", "base", "severity"),
    [
        # 86,420 元 of 98,770 元 is 87.496%: stated 87.50%, the text printing 8.64万元
        ("87.50", "8.64", "9.877", None),
        ("12.50", "1.24", "9.877", None),
        ("88.50", "8.64", "9.877", "warning"),
        ("6.2", "6.18", "100.00", None),
    ],
)
def test_a_share_is_held_to_the_amounts_as_precisely_as_they_are_printed(
    stated: str, value: str, base: str, severity: str | None
) -> None:
    assert share_gap(Decimal(stated), Decimal(value), Decimal(base)) == severity


@pytest.mark.parametrize("code", ["20306", "2030607", "2296002", "2296003", "2296006"])
def test_codes_townships_and_lottery_funds_print_are_known(code: str) -> None:
    assert is_known_functional(code)


def test_staff_split_by_how_they_are_employed_is_a_part_of_the_staff() -> None:
    split = "核定编制数425人，实有人数968人，其中在编人员398人、编外聘用人员570人。"
    retired = "实有人员72人，其中：在职人员46人，离退休人员26人。"
    assert [(s.key, s.value) for s in headcount([Sentence(split, 1)])][1] == ("actual", 968)
    assert [(s.key, s.value) for s in headcount([Sentence(retired, 1)])][0] == ("actual", 46)


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # the change's figure follows another clause's amount: the subject is its clause's
        ("“三公”经费财政拨款支出全年预算数为11.00万元,支出决算为", "支出决算为"),
        # no clause starts within twenty characters: back to where it starts
        (
            "三亚市旅游和文化广电体育局2026年财政拨款收支总预算",
            "三亚市旅游和文化广电体育局2026年财政拨款收支总预算",
        ),
        ("与上年相比，收、支总计", "收、支总计"),
    ],
)
def test_a_changes_subject_is_never_cut_inside_a_word(text: str, subject: str) -> None:
    assert _tail(text) == subject


def test_a_heading_at_the_pages_foot_drawn_first_is_out_of_order() -> None:
    # the page's last line is a bold heading, set at the body's spacing: not a running foot
    body = glyphs("第一项", 100) + glyphs("第二项", 120) + glyphs("第三项", 140)
    assert _lines_misordered(glyphs("六、基本支出", 160) + body)
    assert not _lines_misordered(body + glyphs("六、基本支出", 160))


def test_a_spending_table_of_economic_classes_is_read_as_one_and_a_code_twice_is_summed() -> None:
    # titled by its money alone; its units map 30101 to two government classes, one a row
    text = (
        "2025年度\n示例区教育局\n部门预算\n"
        "一般公共预算支出预算表\n单位：万元\n"
        "部门经济分类科目编码\t政府经济分类科目编码\t科目名称\t合计\n"
        "合计\t\t\t300.00\n"
        "301\t\t工资福利支出\t300.00\n"
        "30101\t50101\t基本工资\t100.00\n"
        "30101\t50501\t基本工资\t150.00\n"
        "30102\t50501\t津贴补贴\t50.00\n"
    )
    got = to_contract(parse_bytes(text.encode(), "budget.txt"))

    assert [(i["code"], i["total"]) for i in got["economic"]] == [
        ("301", 300.0),
        ("30101", 250.0),
        ("30102", 50.0),
    ]
    assert [f for f in got["findings"] if f["severity"] != "info"] == []


@pytest.mark.parametrize(
    ("stated", "delta", "current", "severity"),
    [
        # 增加1.52万元 to 38.64万元, worked from 15,160 of 371,260 元: 4.083%
        ("4.08", "1.52", "38.64", None),
        ("6.46", "1.33", "21.86", None),
        ("5.08", "1.52", "38.64", "warning"),
    ],
)
def test_a_changes_percentage_is_held_to_the_amounts_as_precisely_as_printed(
    stated: str, delta: str, current: str, severity: str | None
) -> None:
    assert change_gap(Decimal(stated), Decimal(delta), Decimal(current)) == severity


def test_a_dash_for_nil_in_the_first_money_column_keeps_the_rows_in_their_columns() -> None:
    # 年初结转和结余 printed '-' on most rows of a Word table: the label is two cells wide
    lines = [
        Line(1, ("201", "一般公共服务支出", "-", "515.26", "515.26", "492.66", "22.60", "-")),
        Line(
            1, ("208", "社会保障和就业支出", "8.60", "391.30", "391.30", "108.60", "282.70", "8.60")
        ),
        Line(1, ("210", "卫生健康支出", "-", "43.32", "43.32", "43.32", "-", "-")),
    ]
    assert label_width(lines) == 2


def test_a_picture_of_a_table_is_black_on_white_and_a_charts_is_in_colour() -> None:
    from PIL import Image, ImageDraw

    table = Image.new("RGB", (400, 200), "white")
    draw = ImageDraw.Draw(table)
    for y in range(0, 200, 25):
        draw.line((0, y, 400, y), fill="black")
    chart = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(chart).pieslice((100, 0, 300, 200), 0, 250, fill=(220, 60, 40))

    assert not coloured(table)
    assert coloured(chart)


def test_a_group_title_spans_its_ruled_cell_not_only_its_words() -> None:
    # a workbook's 三公 table printed: 公务用车购置及运行费 centred in its merged cell over
    # 小计 | 购置费 | 运行费, its words narrower than the 小计's column; the 小计 is the
    # cars' subtotal, not a second total of the 三公
    from pathlib import Path

    folder = Path(__file__).parents[1] / "data" / "constructed"
    (printed,) = folder.glob("jilin-*_dept-final-xls/printed.pdf")
    got = to_contract(parse_bytes(printed.read_bytes(), printed.name))
    (check,) = [c for c in got["table_checks"] if c["kind"] == "three_public"]
    assert check["verified"]
    assert got["three_public_parts"] == {
        "total": 7.44,
        "abroad": 0.0,
        "vehicles": 6.48,
        "reception": 0.96,
    }


def test_the_procurement_total_is_what_was_bought_not_the_plan_nor_the_small_firms() -> None:
    from disclosures.parsing.facts import TableFacts
    from disclosures.parsing.readers import read_total_only
    from disclosures.parsing.tables import Table

    header = [
        line(
            100,
            ("采购计划金额", 150, 250),
            ("实际采购金额", 300, 400),
            ("授予中小企业合同金额", 450, 560),
        ),
        line(
            112,
            ("合计", 150, 170),
            ("货物", 200, 220),
            ("合计", 300, 320),
            ("货物", 350, 370),
            ("合计", 450, 470),
            ("其中：小微企业", 500, 560),
        ),
    ]
    row = line(
        130,
        ("合计", 50, 70),
        ("2,574.90", 140, 172),
        ("1,200.00", 190, 222),
        ("2,418.16", 290, 322),
        ("1,100.00", 340, 372),
        ("2,296.30", 440, 472),
        ("900.00", 520, 560),
    )
    title = line(80, ("政府采购情况表", 200, 300))
    table = Table("procurement", "政府采购情况表", "政府采购情况表", "万元", title, [*header, row])
    facts = TableFacts()
    read_total_only(table, "万元", facts, "procurement")
    assert [(f.key, f.value) for f in facts.facts] == [("procurement", Decimal("2418.16"))]
