"""Column roles from the header words over each column, never from positions.

Tables are built here as the PDF extractor hands them over (lines of cells with boxes),
in the layouts met in real disclosures: group titles over sub-heads, a carry-over group
beside this year's, last year's column before this year's, a change column after it,
行次 numbers, and a final account's 预算数 beside its 决算数.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclosures.parsing import parse_bytes, to_contract
from disclosures.parsing.columns import read_columns, reading, role_of
from disclosures.parsing.extract.base import Extracted, Line, Page
from disclosures.parsing.facts import TableFacts
from disclosures.parsing.headers import header_slots
from disclosures.parsing.model import LineItem
from disclosures.parsing.pairs import read_pairs
from disclosures.parsing.parse import parse_extracted
from disclosures.parsing.readers import read_table
from disclosures.parsing.tables import split_tables


def line(top: float, *cells: tuple[str, float, float], page: int = 1) -> Line:
    """A line of cells, each (text, x0, x1), 10 points high."""
    return Line(
        page=page,
        cells=tuple(c for c, _, _ in cells),
        boxes=tuple((x0, top, x1, top + 10) for _, x0, x1 in cells),
    )


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("本年支出合计", "total"),
        ("当年预算合计", "total"),
        ("当年预算基本支出小计", "basic"),
        ("当年预算基本支出人员经费", "personnel"),
        ("日常公用支出", "public"),
        ("上年结转结余基本支出", "carryover"),
        ("行次", "rownum"),
        ("栏次", "rownum"),
        ("比上年增减", "change"),
        ("增长率", "change"),
        ("上年预算数", "prior"),
        ("数量", "quantity"),
        ("年初预算数", "plan"),
        ("决算数", "total"),
        ("单位名称", "unit"),
    ],
)
def test_a_header_label_gives_the_column_its_role(label: str, role: str) -> None:
    assert role_of(label) == role


def test_a_column_dated_before_the_latest_year_is_last_years() -> None:
    assert role_of("2025年预算数", current_year=2026) == "prior"
    assert role_of("2026年预算数", current_year=2026) == "total"


def test_group_titles_reach_the_columns_under_them() -> None:
    header = [
        line(0, ("当年预算", 300, 330), ("上年结转结余", 490, 536)),
        line(12, ("科目编码", 20, 50), ("科目名称", 80, 126), ("合计", 160, 175)),
        line(
            24,
            ("小计", 225, 240),
            ("基本支出", 283, 313),
            ("项目支出", 345, 375),
            ("小计", 445, 460),
            ("基本支出", 478, 500),
            ("项目支出", 514, 536),
        ),
    ]
    body = [
        line(
            40,
            ("201", 5, 16),
            ("一般公共服务支出", 78, 123),
            ("100.00", 155, 181),
            ("100.00", 220, 246),
            ("60.00", 286, 309),
            ("40.00", 349, 371),
            ("5.00", 445, 460),
            ("5.00", 481, 496),
            ("0.00", 517, 532),
        )
    ]
    roles = [c.role for c in read_columns(header, body)]
    assert roles == [
        "code",
        "total",
        "total",
        "basic",
        "project",
        "carryover",
        "carryover",
        "carryover",
    ]


def test_a_group_title_over_its_parts_beside_titles_printed_in_merged_rows() -> None:
    # 事业收入 half over 金额 | 其中：教育收费; 财政拨款收入 and 其他收入 stand in rows
    # merged down to the sub-heads' line, over their own columns only
    header = [
        line(0, ("事业收入", 340, 400)),
        line(
            5,
            ("科目编码", 10, 40),
            ("收入合计", 200, 240),
            ("财政拨款收入", 260, 300),
            ("其他收入", 440, 480),
        ),
        line(12, ("金额", 325, 345), ("其中：教育收费", 380, 420)),
    ]
    body = [
        line(
            24,
            ("205", 10, 25),
            ("90.00", 200, 240),
            ("60.00", 260, 300),
            ("20.00", 320, 360),
            ("5.00", 380, 420),
            ("10.00", 440, 480),
        )
    ]
    labels = [c.label for c in read_columns(header, body)]
    assert labels == [
        "科目编码",
        "收入合计",
        "财政拨款收入",
        "事业收入金额",
        "事业收入其中：教育收费",
        "其他收入",
    ]


def _functional_table(header: list[Line], rows: list[Line]) -> Extracted:
    title = line(-30, ("一般公共预算支出表", 200, 320))
    unit = line(-15, ("单位：万元", 500, 540))
    return Extracted("t.pdf", "pdf", (Page(1, (title, unit, *header, *rows)),))


def _first_row(header: list[Line], rows: list[Line]) -> LineItem:
    """The first functional row of a table built from these header and body lines."""
    tables, _ = split_tables(_functional_table(header, rows).lines())
    facts = TableFacts()
    read_table(tables[0], "万元", facts)
    return facts.functional[0][1]


def test_last_years_column_and_the_change_are_not_read_as_this_years_money() -> None:
    header = [
        line(0, ("科目编码", 10, 40), ("科目名称", 60, 120), ("2025年预算数", 150, 200)),
        line(0, ("2026年预算数", 220, 300), ("比上年增减", 320, 370), page=1),
        line(12, ("合计", 220, 240), ("基本支出", 250, 270), ("项目支出", 280, 300)),
    ]
    # the two header lines at one height are one line in a real extraction; keep them apart
    header = [
        Line(1, header[0].cells + header[1].cells, header[0].boxes + header[1].boxes),
        header[2],
    ]
    rows = [
        line(
            30,
            ("合计", 60, 80),
            ("90.00", 160, 190),
            ("100.00", 220, 240),
            ("70.00", 250, 270),
            ("30.00", 280, 300),
            ("10.00", 330, 360),
        ),
        line(
            42,
            ("201", 10, 25),
            ("一般公共服务支出", 60, 120),
            ("90.00", 160, 190),
            ("100.00", 220, 240),
            ("70.00", 250, 270),
            ("30.00", 280, 300),
            ("10.00", 330, 360),
        ),
    ]
    item = _first_row(header, rows)
    assert (item.total, item.basic, item.project) == (
        Decimal("100.00"),
        Decimal("70.00"),
        Decimal("30.00"),
    )


def _last_year_titled_then_total(title: str = "2025年预算数") -> tuple[list[Line], list[Line]]:
    """'2025年预算数 | 合计 | 基本支出 | 项目支出': only last year's column names a year (or
    another column not this year's before the total: 预算数 in a final account)."""
    places = ((10, 40), (60, 120), (150, 200), (220, 240), (250, 270), (280, 300))
    titles = ("科目编码", "科目名称", title, "合计", "基本支出", "项目支出")
    cells = ("201", "一般公共服务支出", "90.00", "100.00", "70.00", "30.00")
    header = [line(0, *((t, x0, x1) for t, (x0, x1) in zip(titles, places, strict=True)))]
    rows = [line(12, *((c, x0, x1) for c, (x0, x1) in zip(cells, places, strict=True)))]
    return header, rows


def test_a_column_titled_by_a_year_before_the_documents_is_last_years() -> None:
    header, rows = _last_year_titled_then_total()

    with reading(2026):
        item = _first_row(header, rows)

    assert (item.total, item.basic, item.project) == (
        Decimal("100.00"),
        Decimal("70.00"),
        Decimal("30.00"),
    )


@pytest.mark.parametrize(
    ("title", "before"),
    [
        ("2026年部门预算", "2025年预算数"),  # last year's, titled by its year
        ("2024年度部门决算", "预算数"),  # the other kind's figure: a final account's budget
        ("2026年部门预算", "执行数"),  # a budget's outturn (last year's)
    ],
)
def test_copied_text_with_a_column_not_this_years_before_the_total_reads_this_years(
    title: str, before: str
) -> None:
    text = (
        f"示例局{title}\n一般公共预算支出表\n单位：万元\n"
        f"科目编码\t科目名称\t{before}\t合计\t基本支出\t项目支出\n"
        "合计\t\t90.00\t100.00\t70.00\t30.00\n"
        "201\t一般公共服务支出\t90.00\t100.00\t70.00\t30.00\n"
        "20101\t人大事务\t90.00\t100.00\t70.00\t30.00\n"
    )

    got = to_contract(parse_bytes(text.encode(), "document.txt"))

    assert got["functional"][0]["total"] == 100.0
    assert (got["totals"]["basic"], got["totals"]["project"]) == (70.0, 30.0)


def test_line_numbers_of_a_final_account_summary_are_not_amounts() -> None:
    lines = [
        Line(1, ("项目", "行次", "决算数", "项目", "行次", "决算数")),
        Line(1, ("栏次", "", "1", "栏次", "", "2")),
        Line(
            1,
            (
                "一、一般公共预算财政拨款收入",
                "1",
                "2,000.00",
                "一、一般公共服务支出",
                "32",
                "1,500.00",
            ),
        ),
        Line(1, ("二、上级补助收入", "2", "", "二、外交支出", "33", "")),
        Line(1, ("本年收入合计", "7", "2,000.00", "本年支出合计", "59", "1,500.00")),
    ]
    pairs = {(p.label, p.position): p.value for p in read_pairs(lines, "万元")}
    assert pairs[("一般公共预算财政拨款收入", 0)] == Decimal("2000.00")
    assert pairs[("一般公共服务支出", 1)] == Decimal("1500.00")
    assert pairs[("上级补助收入", 0)] is None
    assert pairs[("本年支出合计", 1)] == Decimal("1500.00")


def _two_sides(
    titles: tuple[str, str], first: tuple[str, ...], second: tuple[str, ...]
) -> tuple[Line, Line, Line]:
    """A 三公 header printing 合计 | 出国 | 接待 twice, each side under its title, and a
    line of amounts: `first` under the first title, `second` under the other."""
    heads = (("合计", 30, 50), ("因公出国（境）费", 60, 100), ("公务接待费", 160, 200))
    at = ((30, 50), (70, 90), (170, 190))
    return (
        line(24, (titles[0], 100, 130), (titles[1], 330, 360)),
        line(36, *heads, *((w, x0 + 230, x1 + 230) for w, x0, x1 in heads)),
        line(
            48,
            *((v, x0, x1) for v, (x0, x1) in zip(first, at, strict=True)),
            *((v, x0 + 230, x1 + 230) for v, (x0, x1) in zip(second, at, strict=True)),
        ),
    )


def test_a_final_accounts_three_public_total_is_what_was_spent_not_the_budget() -> None:
    page = (
        line(0, ("一般公共预算财政拨款“三公”经费支出决算表", 100, 400)),
        line(12, ("单位：万元", 500, 540)),
        *_two_sides(("预算数", "决算数"), ("12.00", "2.00", "10.00"), ("9.50", "1.50", "8.00")),
    )
    text = (
        line(70, ("2024年度部门决算", 10, 100)),
        line(82, ("一、本单位2024年度一般公共预算财政拨款支出决算数为9.50万元。", 10, 400)),
    )
    got = parse_extracted(Extracted("t.pdf", "pdf", (Page(1, page + text),)))
    assert got.totals["three_public"].value == Decimal("9.50")


def _three_public_parts(*lines: Line) -> dict[str, Decimal]:
    """The parts read, and the total the disclosure gives as `total`."""
    page = (
        line(0, ("一般公共预算“三公”经费支出预算表", 100, 400)),
        line(12, ("单位：万元", 500, 540)),
        *lines,
        line(200, ("2024年部门预算", 10, 100)),
    )
    got = parse_extracted(Extracted("t.pdf", "pdf", (Page(1, page),)))
    parts = {k: v.value for k, v in got.three_public_parts.items()}
    assert got.totals["three_public"].value == parts["total"]
    return parts


def test_a_three_public_table_of_last_year_and_this_year_is_read_in_this_years() -> None:
    got = _three_public_parts(
        *_two_sides(
            ("2023年预算数", "2024年预算数"), ("15.00", "5.00", "10.00"), ("9.50", "1.50", "8.00")
        )
    )
    assert got == {
        "total": Decimal("9.50"),
        "abroad": Decimal("1.50"),
        "reception": Decimal("8.00"),
    }


def test_a_three_public_table_by_unit_gives_its_total_row_and_the_cars_halves() -> None:
    header = (
        line(
            24,
            ("单位名称", 10, 50),
            ("合计", 60, 80),
            ("因公出国（境）费", 90, 130),
            ("公务用车购置及运行费", 150, 250),
            ("公务接待费", 270, 310),
        ),
        line(36, ("小计", 150, 170), ("购置费", 190, 210), ("运行费", 230, 250)),
    )
    amounts = ("0.00", 100, 120), ("8.00", 150, 170), ("0.00", 190, 210), ("8.00", 230, 250)
    got = _three_public_parts(
        *header,
        line(48, ("某中心", 10, 50), ("4.50", 60, 80), ("0.00", 100, 120), ("4.50", 280, 300)),
        line(60, ("合计", 10, 50), ("12.50", 60, 80), *amounts, ("4.50", 280, 300)),
    )
    assert got == {
        "total": Decimal("12.50"),
        "abroad": Decimal("0.00"),
        "vehicles": Decimal("8.00"),
        "vehicle_purchase": Decimal("0.00"),
        "vehicle_operation": Decimal("8.00"),
        "reception": Decimal("4.50"),
    }


def test_three_public_amounts_set_left_in_wide_cells_go_under_the_words_they_overlap() -> None:
    # each amount starts at its cell's left edge: 0.00 stands nearer 合计's centre
    # than 因公出国（境）费's, but under the latter's words
    got = _three_public_parts(
        line(
            24,
            ("合计", 60, 80),
            ("因公出国（境）费", 90, 160),
            ("公务用车购置及运行费", 170, 260),
            ("公务接待费", 270, 320),
        ),
        line(36, ("12.50", 60, 80), ("0.00", 90, 102), ("8.00", 170, 185), ("4.50", 270, 285)),
    )
    assert got == {
        "total": Decimal("12.50"),
        "abroad": Decimal("0.00"),
        "vehicles": Decimal("8.00"),
        "reception": Decimal("4.50"),
    }


def test_two_three_public_amounts_under_one_parts_title_are_placed_by_the_sums() -> None:
    """Titles set left in wide cells, amounts set right, the cars' group title over its
    购置费 column alone: the 小计 beside it stands under no group and reads as the 三公's,
    as the 三公经费合计 does. The sums place the amounts instead."""
    got = _three_public_parts(
        line(24, ("公务用车购置及运行维护费", 267, 411)),
        line(
            36,
            ("“三公”经费合计", 43, 139),
            ("因公出国（境）费", 149, 229),
            ("公务接待费", 532, 592),
            ("会议费", 599, 635),
            ("培训费", 642, 678),
        ),
        line(
            48, ("小计", 236, 260), ("公务用车购置费", 267, 351), ("公务用车运行维护费", 418, 526)
        ),
        line(
            60,
            ("1.50", 119, 142),
            ("0.00", 206, 229),
            ("0.00", 237, 260),
            ("0.00", 388, 411),
            ("0.00", 502, 526),
            ("1.50", 569, 592),
            ("0.44", 612, 635),
            ("16.20", 648, 678),
        ),
    )
    assert got["total"] == Decimal("1.50") and got["vehicles"] == Decimal("0.00")
    assert (got["abroad"], got["reception"]) == (Decimal("0.00"), Decimal("1.50"))


def test_three_public_titles_set_left_over_amounts_set_right_in_wide_cells() -> None:
    """Each title starts its cell, each amount ends it: 18.10 stands nearer 因公出国's words
    than 合计's, under none. The title starting after the amount before is its own."""
    got = _three_public_parts(
        line(24, ("“三公”经费预算数", 378, 474)),
        line(36, ("公务用车购置及运行费", 492, 600), ("机关运行经费预算数", 691, 787)),
        line(48, ("合计", 44, 68), ("因公出国（境）费", 291, 360), ("公务接待费", 378, 438)),
        line(60, ("小计", 492, 516), ("购置费", 522, 558), ("运行费", 648, 672)),
        line(
            72,
            ("18.10", 255, 285),
            ("12.60", 341, 371),
            ("2.00", 462, 485),
            ("3.50", 492, 516),
            ("3.50", 661, 684),
            ("396.84", 761, 798),
        ),
    )
    assert (got["total"], got["abroad"], got["reception"]) == (
        Decimal("18.10"),
        Decimal("12.60"),
        Decimal("2.00"),
    )
    assert got["vehicle_operation"] == Decimal("3.50")


def _spending_table(rows: list[tuple[str, str, str, str, str]]) -> Extracted:
    header = [
        line(
            0,
            ("科目编码", 10, 40),
            ("科目名称", 60, 120),
            ("合计", 220, 240),
            ("基本支出", 250, 270),
            ("项目支出", 280, 300),
        )
    ]
    body = [
        line(
            12 * (i + 1),
            (code, 10, 40),
            (name, 60, 120),
            (total, 220, 240),
            (basic, 250, 270),
            (project, 280, 300),
        )
        for i, (code, name, total, basic, project) in enumerate(rows)
    ]
    title = line(-30, ("2026年部门支出预算总表", 150, 300))
    unit = line(-15, ("单位：万元", 500, 540))
    return Extracted("t.pdf", "pdf", (Page(1, (title, unit, *header, *body)),))


def test_a_table_whose_rows_add_up_is_verified() -> None:
    got = parse_extracted(
        _spending_table(
            [
                ("合计", "", "100.00", "60.00", "40.00"),
                ("201", "一般公共服务支出", "100.00", "60.00", "40.00"),
                ("20101", "人大事务", "100.00", "60.00", "40.00"),
                ("2010101", "行政运行", "60.00", "60.00", "0.00"),
                ("2010102", "一般行政管理事务", "40.00", "0.00", "40.00"),
            ]
        )
    )
    (check,) = got.checks
    # four rows' columns, two parents and their children, the 合计 and its classes, the
    # 合计 row's own 基本 + 项目
    assert check.verified and check.checked == 8 and not got.needs_review
    assert got.totals["expenditure"].value == Decimal("100.00")


def test_a_reading_that_fails_its_identities_asks_for_review_and_blames_nobody() -> None:
    got = parse_extracted(
        _spending_table(
            [
                ("201", "一般公共服务支出", "100.00", "70.00", "40.00"),
                ("20101", "人大事务", "100.00", "70.00", "40.00"),
                ("2010101", "行政运行", "60.00", "50.00", "0.00"),
            ]
        )
    )
    (check,) = got.checks
    assert not check.verified and len(check.failed) == 3
    assert got.needs_review and "identities fail" in got.needs_review[0]
    row_sums = [f for f in got.findings if f.rule == "row_sum"]
    assert row_sums and all(f.severity == "info" for f in row_sums)


def test_basic_spending_split_by_economic_class_adds_up_to_basic() -> None:
    header = [
        line(
            0,
            ("科目编码", 10, 40),
            ("科目名称", 60, 120),
            ("合计", 150, 170),
            ("基本支出", 250, 290),
            ("项目支出", 400, 430),
        ),
        line(
            12,
            ("工资福利支出", 190, 230),
            ("商品和服务支出", 250, 290),
            ("对个人和家庭的补助", 310, 360),
        ),
    ]
    rows = [
        line(
            30,
            ("208", 10, 25),
            ("社会保障和就业支出", 60, 120),
            ("100.00", 150, 170),
            ("50.00", 200, 220),
            ("20.00", 260, 280),
            ("10.00", 325, 345),
            ("20.00", 405, 425),
        ),
    ]
    item = _first_row(header, rows)
    assert (item.total, item.basic, item.project) == (
        Decimal("100.00"),
        Decimal("80.00"),
        Decimal("20.00"),
    )
    assert (item.personnel, item.public) == (Decimal("60.00"), Decimal("20.00"))


def test_three_public_columns_placed_by_their_sums_where_the_header_misleads() -> None:
    """A group title (公务用车购置及运行维护费) centred over its columns stands nearer the
    购置费 amount than that column's own wrapped title does. The table's sums place the
    amounts instead."""

    def cell(text: str, x0: float, top: float, x1: float, bottom: float) -> Line:
        return Line(page=1, cells=(text,), boxes=((x0, top, x1, bottom),))

    def row(top: float, *cells: tuple[str, float, float, float]) -> Line:
        return Line(
            page=1,
            cells=tuple(c for c, _, _, _ in cells),
            boxes=tuple((x0, top, x1, bottom) for _, x0, x1, bottom in cells),
        )

    page = (
        cell("一般公共预算“三公”经费、会议费、培训费支出预算表", 90, 238, 491, 253),
        cell("单位:万元", 460, 289, 510, 299),
        cell("“三公”经费", 250, 308, 301, 318),
        cell("公务用车购置及运行维护费", 248, 331, 368, 341),
        row(343, ("合计", 102, 122, 353), ("会议费", 430, 460, 353), ("培训费", 478, 508, 353)),
        row(
            355,
            ("小计", 152, 172, 365),
            ("因公出国(境)费", 188, 229, 380),
            ("公务接待费", 393, 413, 380),
        ),
        row(
            366,
            ("小计", 245, 265, 376),
            ("公务用车购置费", 286, 316, 392),
            ("公务用车运行维护费", 333, 373, 392),
        ),
        row(
            402,
            ("1,452.35", 98, 138, 412),
            ("584.35", 152, 182, 412),
            ("110.00", 202, 232, 412),
            ("317.80", 246, 276, 412),
            ("50.00", 297, 322, 412),
            ("267.80", 351, 381, 412),
            ("156.55", 388, 418, 412),
            ("168.00", 431, 461, 412),
            ("700.00", 480, 510, 412),
        ),
    )
    text = (cell("一、2017年部门预算支出总计1,452.35万元。", 10, 500, 400, 510),)
    got = parse_extracted(Extracted("t.pdf", "pdf", (Page(1, page + text),)))
    assert got.totals["three_public"].value == Decimal("584.35")
    parts = {k: v.value for k, v in got.three_public_parts.items()}
    assert (parts["abroad"], parts["vehicles"], parts["reception"]) == (
        Decimal("110.00"),
        Decimal("317.80"),
        Decimal("156.55"),
    )


def test_amount_boxes_that_graze_the_next_columns_stay_two_columns() -> None:
    """OCR pads its boxes: a long amount's box reaches into the next column by a point or
    two. Amounts of one column overlap by most of their width, neighbours do not."""
    header = [
        line(
            100,
            ("科目名称", 150, 250),
            ("合计", 540, 570),
            ("人员经费", 620, 670),
            ("公用经费", 710, 760),
        )
    ]
    body = [
        line(
            120,
            ("工资福利支出", 150, 250),
            ("16,671,057.00", 518, 609),
            ("16,671,057.00", 607, 697),
        ),
        line(140, ("基本工资", 150, 230), ("1,952,616.00", 523, 606), ("1,952,616.00", 614, 697)),
        line(160, ("办公费", 150, 200), ("273,900.00", 540, 606), ("273,900.00", 722, 785)),
    ]
    columns = read_columns(header, body)
    assert [c.role for c in columns] == ["total", "personnel", "public"]


def test_a_title_set_left_in_a_wide_cell_titles_the_amounts_set_right_under_it() -> None:
    """'人员经费' starts its wide cell, its amounts end it: the title stands clear of them,
    nearer the next column's; a caption over the three columns sits above."""
    header = [
        line(0, ("科目编码", 10, 40), ("一般公共预算基本支出", 250, 370)),
        line(
            12,
            ("科目名称", 60, 120),
            ("合计", 180, 204),
            ("人员经费", 250, 298),
            ("公用经费", 376, 424),
        ),
    ]
    rows = [
        line(
            30, ("301", 10, 25), ("工资福利支出", 60, 120), ("80.00", 215, 243), ("80.00", 342, 370)
        ),
        line(
            42,
            ("302", 10, 25),
            ("商品和服务支出", 60, 130),
            ("20.00", 215, 243),
            ("20.00", 410, 438),
        ),
        line(54, ("合计", 60, 84), ("100.00", 210, 243), ("80.00", 342, 370), ("20.00", 410, 438)),
    ]
    money = [c.role for c in read_columns(header, rows) if c.role not in ("code", "unknown")]
    assert money == ["basic", "personnel", "public"]  # 合计 under the caption: all basic


def test_the_names_column_left_of_a_title_set_alone_is_no_part_of_it() -> None:
    """合计 on a line of its own, the wrapped titles beside it a line higher and lower,
    and 科目名称 further down, left of the amounts: 合计's column is the total, not the
    names'."""
    header = [
        line(0, ("功能分类科目", 257, 327)),
        line(20, ("基本支", 437, 473), ("项目支", 491, 526), ("事业单位经营", 550, 622)),
        line(29, ("合计", 379, 403)),
        line(38, ("出", 437, 449), ("出", 491, 503), ("支出", 551, 574)),
        line(57, ("科目编码", 45, 93), ("科目名称", 257, 305)),
    ]
    rows = [
        line(
            77,
            ("212", 45, 62),
            ("城乡社区支出", 257, 330),
            ("7,552.92", 379, 425),
            ("0.00", 455, 479),
            ("7,552.92", 492, 538),
            ("0.00", 604, 627),
        ),
    ]
    money = [c.role for c in read_columns(header, rows) if c.role not in ("code", "unknown")]
    assert money == ["total", "basic", "project", "business"]


def test_a_page_that_prints_the_header_again_reads_under_its_own_columns() -> None:
    """A table set page by page: the second page repeats the header at other widths, and
    its amounts stand where the first page's other columns were."""

    def titles(page: int, xs: tuple[float, float, float]) -> Line:
        return line(
            20,
            ("科目编码", 10, 50),
            ("科目名称", 60, 110),
            *((t, x, x + 40) for t, x in zip(("合计", "基本支出", "项目支出"), xs, strict=True)),
            page=page,
        )

    def row(top: float, code: str, amounts: tuple[str, ...], xs, page: int) -> Line:
        cells = tuple((a, x, x + 40) for a, x in zip(amounts, xs, strict=True))
        return line(top, (code, 10, 45), ("名称", 60, 100), *cells, page=page)

    wide, narrow = (200, 300, 400), (150, 200, 250)
    first = (
        line(0, ("一般公共预算支出表", 150, 300)),
        line(10, ("单位：万元", 400, 440)),
        titles(1, wide),
        line(32, ("合计", 60, 80), ("160.00", 200, 240), ("60.00", 300, 340), ("100.00", 400, 440)),
        row(44, "201", ("60.00", "60.00"), (200, 300), 1),
        row(56, "20101", ("60.00", "60.00"), (200, 300), 1),
        row(68, "2010101", ("60.00", "60.00"), (200, 300), 1),
    )
    second = (
        titles(2, narrow),
        row(32, "208", ("100.00", "100.00"), (150, 250), 2),
        row(44, "20805", ("100.00", "100.00"), (150, 250), 2),
        row(56, "2080505", ("100.00", "100.00"), (150, 250), 2),
    )
    got = parse_extracted(Extracted("t.pdf", "pdf", (Page(1, first), Page(2, second))))
    items = {item.code: item for item in got.functional}
    # the basic column, blank all down the second page, is still the table's: 0, as the
    # first page's blank project cells are
    assert (items["208"].basic, items["208"].project) == (Decimal(0), Decimal("100.00"))
    assert (items["2080505"].basic, items["2080505"].project) == (Decimal(0), Decimal("100.00"))
    assert (items["201"].basic, items["201"].project) == (Decimal("60.00"), Decimal(0))
    assert not [f for f in got.findings if f.severity != "info"]


@pytest.mark.parametrize(
    ("title", "kind"),
    [("预算数", "final_accounts"), ("本年预算", "final_accounts"), ("决算数", "budget")],
)
def test_a_column_of_the_other_kinds_figure_is_not_this_years_total(title: str, kind: str) -> None:
    """In a final account a budget's figure (预算数) is the plan the spending is held to;
    in a budget a final account's (决算数) is last year's outturn."""
    header, rows = _last_year_titled_then_total(title)

    with reading(2024, kind):
        item = _first_row(header, rows)

    assert (item.total, item.basic, item.project) == (
        Decimal("100.00"),
        Decimal("70.00"),
        Decimal("30.00"),
    )
    assert role_of(title) == "total"  # in a document of its own kind, it is the total


def test_a_budgets_figure_that_is_a_tables_only_total_stays_its_total() -> None:
    """A final account's title over a table whose only total is 预算数: the document's kind
    was misread, or the table is a budget's; either way its 预算数 is the total."""
    places = ((10, 40), (60, 120), (220, 240), (250, 270), (280, 300))
    titles = ("科目编码", "科目名称", "预算数", "基本支出", "项目支出")
    cells = ("201", "一般公共服务支出", "100.00", "70.00", "30.00")
    header = [line(0, *((t, x0, x1) for t, (x0, x1) in zip(titles, places, strict=True)))]
    rows = [line(12, *((c, x0, x1) for c, (x0, x1) in zip(cells, places, strict=True)))]

    with reading(2024, "final_accounts"):
        item = _first_row(header, rows)
        slots = header_slots(header)

    assert (item.total, item.basic, item.project) == (
        Decimal("100.00"),
        Decimal("70.00"),
        Decimal("30.00"),
    )
    assert slots == ["total", "basic", "project"]


@pytest.mark.parametrize(
    ("label", "role", "holds_amounts"),
    [
        ("部门预算经济分类科目编码合计", "total", True),
        ("部门预算经济分类科目编码上年预算数", "prior", True),
        ("当年预算科目编码小计", "code", False),
        ("功能分类科目编码", "code", False),
        ("科目名称", "name", False),
    ],
)
def test_a_title_of_the_rows_codes_over_a_column_of_sums_is_not_its(
    label: str, role: str, holds_amounts: bool
) -> None:
    """'部门预算经济分类科目编码' set centred over a span wider than the code columns lies
    over the first amounts' titles too: columns of sums (decimals, separators) are still
    合计 and 上年预算数; a column of codes stays the code's."""
    assert role_of(label, holds_amounts=holds_amounts) == role


def test_a_table_whose_identities_fail_gives_its_figures_after_one_whose_hold() -> None:
    from disclosures.parsing import parse_bytes, to_contract

    head = "单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    text = (
        "某县某局2026年部门预算\n部门支出总表\n"
        + head
        # 基本支出 read as 183.00: no row adds up
        + "合计\t\t150.00\t183.00\t50.00\n201\t一般公共服务支出\t150.00\t183.00\t50.00\n"
        + "20101\t人大事务\t150.00\t183.00\t50.00\n"
        + "一般公共预算支出表\n"
        + head
        + "合计\t\t150.00\t100.00\t50.00\n201\t一般公共服务支出\t150.00\t100.00\t50.00\n"
        + "20101\t人大事务\t150.00\t100.00\t50.00\n"
    )
    got = to_contract(parse_bytes(text.encode("utf-8"), "budget.txt"))
    assert got["totals"]["basic"] == 100.0
    assert {r["code"]: r["basic"] for r in got["functional"]} == {"201": 100.0, "20101": 100.0}


def test_a_column_blank_on_the_first_page_takes_its_role_from_the_pages_after() -> None:
    # a table set page by page, its header typed again on each: no project amount on the
    # first page, so the first page's blanks under 项目支出 are noughts, not unknowns
    from disclosures.parsing.columns import columns_by_page

    titles = (("科目编码", 10, 60), ("科目名称", 70, 160), ("合计", 200, 240))
    titles += (("基本支出", 260, 300), ("项目支出", 320, 360))
    header = [line(80, *titles)]
    body = [
        line(
            100,
            ("208", 10, 25),
            ("社会保障和就业支出", 70, 160),
            ("95.00", 215, 240),
            ("95.00", 275, 300),
        ),
        line(80, *titles, page=2),
        line(
            100,
            ("212", 10, 25),
            ("城乡社区支出", 70, 130),
            ("60.00", 215, 240),
            ("60.00", 335, 360),
            page=2,
        ),
    ]
    first = columns_by_page(header, body)[None]
    assert [c.role for c in first if c.role != "code"] == ["total", "basic", "project"]


def test_a_header_set_off_its_columns_gives_each_column_the_title_over_most_of_it() -> None:
    # a page photographed askew: the header drawn in toward the middle, so the 基本支出
    # column's amounts reach under the start of 项目支出
    titles = (
        ("科目名称", 10, 90),
        ("合计", 200, 240),
        ("基本支出", 255, 300),
        ("项目支出", 318, 360),
    )
    header = [line(80, *titles)]
    body = [
        line(
            100,
            ("教育支出", 10, 50),
            ("150.00", 205, 240),
            ("100.00", 280, 322),
            ("50.00", 345, 380),
        ),
        line(
            115,
            ("普通教育", 10, 50),
            ("150.00", 205, 240),
            ("100.00", 280, 322),
            ("50.00", 345, 380),
        ),
    ]
    roles = [c.role for c in read_columns(header, body)]
    assert roles == ["total", "basic", "project"]
