"""The income table's own sums, and the classes the appropriations table prints.

Tables are built as the PDF extractor hands them over (lines of cells with boxes): an
income table (收入预算表) whose 收入合计 is the sum of its sources of funds, with a 事业收入
group over 金额 | 其中：教育收费 beside titles printed in merged rows, and the spending
tables of all funds and of the appropriations beside it.
"""

from __future__ import annotations

import pytest

from disclosures.parsing.extract.base import Extracted, Line, Page
from disclosures.parsing.model import Disclosure, Finding
from disclosures.parsing.parse import parse_extracted
from disclosures.parsing.sources import source_of

Row = tuple[str, ...]
# x extents of the income table's columns: 收入合计, 财政拨款收入, 事业收入 金额,
# 其中：教育收费, 其他收入
INCOME_X = ((200, 240), (260, 300), (320, 360), (380, 420), (440, 480))
SPENDING_X0, SPENDING_X1 = (10, 60, 220, 250, 280), (40, 120, 240, 270, 300)
GOOD: list[Row] = [
    ("合计", "", "100.00", "70.00", "20.00", "5.00", "10.00"),
    ("205", "教育支出", "90.00", "60.00", "20.00", "5.00", "10.00"),
    ("20502", "普通教育", "90.00", "60.00", "20.00", "5.00", "10.00"),
    ("2050202", "小学教育", "40.00", "30.00", "", "", "10.00"),
    ("2050204", "高中教育", "50.00", "30.00", "20.00", "5.00", ""),
    ("229", "其他支出", "10.00", "10.00", "", "", ""),
    ("22960", "彩票公益金安排的支出", "10.00", "10.00", "", "", ""),
    ("2296004", "用于教育事业的彩票公益金支出", "10.00", "10.00", "", "", ""),
]


def line(top: float, *cells: tuple[str, float, float], page: int = 1) -> Line:
    """A line of cells, each (text, x0, x1), 10 points high; blank cells left out."""
    kept = [c for c in cells if c[0]]
    return Line(
        page=page,
        cells=tuple(c for c, _, _ in kept),
        boxes=tuple((x0, top, x1, top + 10) for _, x0, x1 in kept),
    )


def income_table(rows: list[Row], page: int = 1, part: str = "其中：教育收费") -> list[Line]:
    header = [
        line(0, ("事业收入", 340, 400), page=page),
        line(
            5,
            ("科目编码", 10, 40),
            ("科目名称", 60, 120),
            ("收入合计", 200, 240),
            ("财政拨款收入", 260, 300),
            ("其他收入", 440, 480),
            page=page,
        ),
        line(12, ("金额", 325, 345), (part, 380, 420), page=page),
    ]
    body = [
        line(
            24 + 12 * i,
            (code, 10, 40),
            (name, 60, 120),
            *((value, x0, x1) for value, (x0, x1) in zip(values, INCOME_X, strict=True)),
            page=page,
        )
        for i, (code, name, *values) in enumerate(rows)
    ]
    return [
        line(-30, ("2026年收入预算表", 150, 300), page=page),
        line(-15, ("单位：万元", 500, 540), page=page),
        *header,
        *body,
    ]


def spending_table(title: str, rows: list[Row], page: int) -> list[Line]:
    header = line(
        0,
        ("科目编码", 10, 40),
        ("科目名称", 60, 120),
        ("合计", 220, 240),
        ("基本支出", 250, 270),
        ("项目支出", 280, 300),
        page=page,
    )
    body = [
        line(12 * (i + 1), *zip(row, SPENDING_X0, SPENDING_X1, strict=True), page=page)
        for i, row in enumerate(rows)
    ]
    title_line = line(-30, (title, 150, 300), page=page)
    return [title_line, line(-15, ("单位：万元", 500, 540), page=page), header, *body]


def parse(*pages: list[Line]) -> Disclosure:
    doc = tuple(Page(i + 1, tuple(lines)) for i, lines in enumerate(pages))
    return parse_extracted(Extracted("t.pdf", "pdf", doc))


def income(rows: list[Row]) -> Disclosure:
    return parse(income_table(rows))


def sums(d: Disclosure) -> list[Finding]:
    return [f for f in d.findings if f.rule in ("row_sum", "children_sum")]


def changed(rows: list[Row], code: str, at: int, value: str) -> list[Row]:
    return [(*r[:at], value, *r[at + 1 :]) if r[0] == code else r for r in rows]


@pytest.mark.parametrize(
    ("label", "source"),
    [
        ("收入合计", "total"),
        ("本年收入合计", "total"),
        ("财政拨款收入", "appropriation"),
        ("收入预算财政拨款收入", "appropriation"),
        ("事业收入金额", "service_income"),
        ("事业收入其中：教育收费", "of_which"),
        ("事业单位经营收入", "business_income"),
        ("上年结转", "carryover"),
        ("使用非财政拨款结余", "surplus_used"),
        ("其他资金收入其他收入", "other_income"),
        ("比上年增减", "change"),
        ("栏次", "rownum"),
    ],
)
def test_a_header_label_names_the_source_of_funds(label: str, source: str) -> None:
    assert source_of(label) == source


def test_a_correct_income_table_proves_its_reading_and_has_no_findings() -> None:
    got = income(GOOD)
    (check,) = [c for c in got.checks if c.kind == "income"]
    # eight rows' sources of funds, four parents and their children, the 合计 and its classes
    assert check.verified and check.checked == 13 and not check.failed
    assert sums(got) == []


def test_an_income_row_whose_sources_do_not_make_its_total_is_reported_at_the_row() -> None:
    # 30.00 + 20.00 = 50.00 (the 其中 5.00 is part of the 20.00), printed 50.50; its
    # class agrees with the row's sources, so the class is not reported as well
    (finding,) = sums(income(changed(GOOD, "2050204", 2, "50.50")))
    assert (finding.rule, finding.where, finding.severity) == ("row_sum", "2050204", "warning")
    assert finding.params["added"] == "50.00" and finding.params["total"] == "50.50"


def test_a_total_row_whose_sources_do_not_make_it_is_reported() -> None:
    # its classes add to 100.00 too, said beside it
    found = {
        (f.message_id, f.where, f.severity)
        for f in sums(income(changed(GOOD, "合计", 2, "101.00")))
    }
    assert found == {("source_sum", "合计", "warning"), ("class_totals", "revenue", "warning")}


def test_classes_that_do_not_make_the_total_row_in_a_source_column_are_reported() -> None:
    rows = changed(changed(GOOD, "合计", 3, "71.00"), "合计", 6, "9.00")
    found = {(f.message_id, f.where, f.params["added"]) for f in sums(income(rows))}
    assert found == {
        ("class_totals", "appropriation", "70.00"),
        ("class_totals", "other_income", "10.00"),
    }


def test_a_class_whose_items_do_not_add_up_in_a_source_column_is_reported() -> None:
    # the row still adds up: 1.00 moved from 其他收入 to 财政拨款, its class not changed
    rows = changed(changed(GOOD, "2050202", 3, "31.00"), "2050202", 6, "9.00")
    found = {
        (f.rule, f.where, f.severity, f.params["column"], f.params["added"])
        for f in sums(income(rows))
    }
    assert found == {
        ("children_sum", "20502", "warning", "appropriation", "61.00"),
        ("children_sum", "20502", "warning", "other_income", "9.00"),
    }


def test_an_income_reading_that_fails_its_identities_blames_nobody() -> None:
    rows = [(*r[:2], r[2], r[3], "1.00", *r[5:]) if r[0] != "合计" else r for r in GOOD]
    got = income(rows)
    (check,) = [c for c in got.checks if c.kind == "income"]
    assert not check.verified and got.needs_review
    assert sums(got) and all(f.severity == "info" for f in sums(got))


def test_a_header_that_names_a_source_twice_leaves_the_sums_unchecked() -> None:
    got = parse(income_table(changed(GOOD, "2050204", 2, "50.50"), part="财政拨款"))
    (check,) = [c for c in got.checks if c.kind == "income"]
    # only the classes' own sums are checked; one parent off is the document's slip
    assert check.failed == () and check.checked == 4
    assert not [f for f in sums(got) if f.params.get("column")]


ALL_FUNDS: list[Row] = [
    ("合计", "", "100.00", "80.00", "20.00"),
    ("205", "教育支出", "90.00", "80.00", "10.00"),
    ("20502", "普通教育", "90.00", "80.00", "10.00"),
    ("229", "其他支出", "10.00", "", "10.00"),
    ("22960", "彩票公益金安排的支出", "10.00", "", "10.00"),
]
APPROPRIATIONS: list[Row] = [
    ("合计", "", "60.00", "50.00", "10.00"),
    ("205", "教育支出", "60.00", "50.00", "10.00"),
    ("20502", "普通教育", "60.00", "50.00", "10.00"),
]


def three_tables(appropriations: list[Row], incomes: list[Row] = GOOD) -> Disclosure:
    return parse(
        income_table(incomes, page=1),
        spending_table("2026年支出预算表", ALL_FUNDS, page=2),
        spending_table("2026年财政拨款支出预算表", appropriations, page=3),
    )


def left_out(d: Disclosure) -> list[Finding]:
    return [f for f in d.findings if f.message_id == "class_left_out"]


def test_a_class_the_appropriations_table_leaves_out_is_reported() -> None:
    (finding,) = left_out(three_tables(APPROPRIATIONS))
    assert (finding.rule, finding.where, finding.severity) == ("cross_table", "229", "warning")
    assert finding.params["appropriation"] == "10.00" and finding.source.page == 3


def test_a_class_the_appropriations_table_prints_is_not_reported() -> None:
    rows = [
        ("合计", "", "70.00", "50.00", "20.00"),
        *APPROPRIATIONS[1:],
        ("229", "其他支出", "10.00", "", "10.00"),
    ]
    assert left_out(three_tables(rows)) == []


def test_a_missing_class_row_the_appropriations_total_still_counts_is_not_reported() -> None:
    # the 合计 includes more than the classes read: a row may be lost, not left out
    rows = [("合计", "", "70.00", "50.00", "20.00"), *APPROPRIATIONS[1:]]
    assert left_out(three_tables(rows)) == []


def test_appropriations_an_unproven_income_reading_books_are_not_held_against_the_table() -> None:
    incomes = [(*r[:4], "1.00", *r[5:]) if r[0] != "合计" else r for r in GOOD]
    assert left_out(three_tables(APPROPRIATIONS, incomes)) == []
