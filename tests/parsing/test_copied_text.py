"""Every real PDF as text copied out of it, the way disclosures often arrive: each line's
cells one space apart, blank cells gone, header words no longer over their columns.
The text path must still give the values a reader checked in the PDF."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from golden import copied_text, misses

from disclosures.parsing import parse_bytes, to_contract
from disclosures.parsing.extract.base import Line
from disclosures.parsing.order import reading_order
from disclosures.parsing.tables import split_tables
from disclosures.parsing.three_public_text import place

HERE = Path(__file__).parent
FOLDERS = (HERE.parent / "data" / "realdocs", HERE.parent / "data" / "realdocs-more")
GOLDEN = sorted((HERE / "golden").glob("*.json"))
# what copied text does not carry yet, and why
NOT_YET: dict[str, str] = {}


def _cases() -> list[object]:
    names = [p.stem for p in GOLDEN]
    return [
        pytest.param(n, marks=pytest.mark.xfail(reason=NOT_YET[n], strict=True))
        if n in NOT_YET
        else n
        for n in names
    ]


@pytest.mark.parametrize("name", _cases())
def test_text_copied_from_the_pdf_gives_the_checked_values(name: str) -> None:
    truth = json.loads((HERE / "golden" / f"{name}.json").read_text(encoding="utf-8"))
    pdf = next(d / truth["file"] for d in FOLDERS if (d / truth["file"]).exists())
    got = to_contract(parse_bytes(copied_text(pdf), f"{name}.txt"))
    assert misses(truth, got, findings=False) == []


def test_a_label_and_a_title_in_one_line_make_a_table() -> None:
    lines = [
        Line(1, ("公开表九", "“三公”经费、会议费、培训费支出预算表")),
        Line(1, ("合计", "会议费")),
        Line(1, ("公开", "02", "表")),  # a label alone, then its table's title
        Line(1, ("收入预算总表",)),
        Line(1, ("合计", "12.00")),
    ]
    tables, _ = split_tables(lines)
    assert [(t.label, t.kind) for t in tables] == [
        ("公开表九", "three_public"),
        ("公开02表", "income"),
    ]


def test_the_sums_place_a_three_public_line_whose_blank_cells_are_gone() -> None:
    # 合计 | 三公 小计 | 出国 | 车 小计 | 购置 (blank) | 运行 | 接待 | 会议费 | 培训费
    values = [
        Decimal(v) for v in "2600.71 767.60 199.25 183.60 183.60 384.75 1469.73 363.38".split()
    ]
    placed = place(values, wider=True)
    assert placed["total"] == Decimal("767.60")
    assert placed["reception"] == Decimal("384.75")
    assert placed["vehicles"] == Decimal("183.60")
    assert "vehicle_purchase" not in placed  # 购置 or 运行: the sums cannot tell


def test_a_three_public_line_that_does_not_add_up_places_nothing() -> None:
    values = [Decimal(v) for v in "100.00 7.00 3.00 5.00".split()]
    assert place(values, wider=False) == {}


def test_a_three_public_line_with_meetings_beside_but_no_total_over_them() -> None:
    # 三公 合计 | 出国 | 车 小计 | 购置 | 运行 | 接待 | 会议费 | 培训费: no 合计 of all
    values = [Decimal(v) for v in "12.50 0.00 8.00 0.00 8.00 4.50 3.00 2.00".split()]
    placed = place(values, wider=True)
    assert placed["total"] == Decimal("12.50") and placed["reception"] == Decimal("4.50")


def test_a_three_public_table_down_the_page_is_read_in_this_years_column() -> None:
    lines = [
        Line(1, c)
        for c in [
            ("2026年某局部门预算",),
            ("一般公共预算“三公”经费支出表",),
            ("单位：万元",),
            ("项目", "2025年预算数", "2026年预算数"),
            ("合计", "15.00", "12.50"),
            ("因公出国（境）费", "0.00", "0.00"),
            ("公务用车购置及运行费", "10.00", "8.00"),
            ("公务接待费", "5.00", "4.50"),
        ]
    ]
    got = to_contract(parse_bytes("\n".join("\t".join(ln.cells) for ln in lines).encode(), "x.txt"))
    assert got["totals"]["three_public"] == 12.5
    assert got["three_public_parts"]["vehicles"] == 8.0


def _three_public(header: list[str], rows: list[str], said: str = "") -> dict:
    """A final account's 三公 table copied as text (cells a tab apart), then its sentences."""
    text = "\n".join(
        [
            "2024年度某中心单位决算",
            "一般公共预算财政拨款“三公”经费支出决算表",
            "单位：万元",
            *header,
            *rows,
            "2024年度一般公共预算财政拨款“三公”经费支出12.50万元。" + said,
        ]
    )
    return to_contract(parse_bytes(text.replace(" ", "\t").encode(), "x.txt"))


THREE_PUBLIC_PARTS = {
    "total": 12.5,
    "abroad": 0.0,
    "vehicles": 8.0,
    "vehicle_purchase": 0.0,
    "vehicle_operation": 8.0,
    "reception": 4.5,
}
SPLIT_HEADER = [
    "合计 因公出国（境）费 公务用车购置及运行费 公务接待费",
    "小计 公务用车购置费 公务用车运行费",
]


def test_a_three_public_line_of_budget_and_outturn_gives_the_outturn() -> None:
    # 预算数 | 决算数, each over the six columns, and a 栏次 line under the header
    got = _three_public(
        ["预算数 决算数", *SPLIT_HEADER, " ".join(str(n) for n in range(1, 13))],
        ["15.00 0.00 10.00 0.00 10.00 5.00 12.50 0.00 8.00 0.00 8.00 4.50"],
    )
    assert got["three_public_parts"] == THREE_PUBLIC_PARTS


def test_a_three_public_line_of_last_year_and_this_year_gives_this_year() -> None:
    got = _three_public(
        ["2024年预算数 2023年预算数", *SPLIT_HEADER],
        ["12.50 0.00 8.00 0.00 8.00 4.50 15.00 0.00 10.00 0.00 10.00 5.00"],
    )
    assert got["three_public_parts"] == THREE_PUBLIC_PARTS


def test_a_three_public_table_by_unit_is_read_in_its_total_row() -> None:
    got = _three_public(
        ["单位名称 合计 因公出国（境）费 公务用车购置及运行费 公务接待费"],
        ["某中心 4.50 0.00 0.00 4.50", "合计 12.50 0.00 8.00 4.50", "某所 8.00 0.00 8.00 0.00"],
    )
    # the car is not split: its halves are not printed, so not read
    assert got["three_public_parts"] == {
        "total": 12.5,
        "abroad": 0.0,
        "vehicles": 8.0,
        "reception": 4.5,
    }


def test_three_public_rows_of_budget_and_outturn_give_the_outturn_row() -> None:
    got = _three_public(
        ["项目 合计 因公出国（境）费 公务用车购置及运行费 公务接待费"],
        ["预算数 15.00 0.00 10.00 5.00", "决算数 12.50 0.00 8.00 4.50"],
    )
    assert got["three_public_parts"] == {
        "total": 12.5,
        "abroad": 0.0,
        "vehicles": 8.0,
        "reception": 4.5,
    }


@pytest.mark.parametrize(("said", "reported"), [("0.00", True), ("4.50", False)])
def test_a_part_the_text_gives_as_nought_that_the_table_prints_with_money(
    said: str, reported: bool
) -> None:
    got = _three_public(
        ["单位名称 合计 因公出国（境）费 公务用车购置及运行费 公务接待费"],
        ["合计 12.50 0.00 8.00 4.50"],
        f"其中：因公出国（境）费0.00万元，公务接待费{said}万元。",
    )
    wheres = [f["where"] for f in got["findings"] if f["rule"] == "narrative_mismatch"]
    assert wheres == (["公务接待"] if reported else [])


def test_a_three_public_line_with_running_costs_after_it() -> None:
    # 合计 | 出国 | 接待 | 车 小计 | 购置 | 运行 | 机关运行经费, the header wrapped out of order
    got = _three_public(
        [
            "“三公”经费预算数 机关运行经费预算",
            "公务用车购置及运行费",
            "数",
            "合计 因公出国(境)费 公务接待费",
            "小计 购置费 运行费",
        ],
        ["12.50 0.00 4.50 8.00 0.00 8.00 182.65"],
    )
    assert got["three_public_parts"] == THREE_PUBLIC_PARTS


def test_the_header_order_of_car_and_reception_settles_a_line_the_sums_cannot() -> None:
    # 12.50 = 0 + 8 + 4.5 either way round: the header line says which is the car
    values = [Decimal(v) for v in "12.50 0.00 8.00 4.50".split()]
    words = "合计因公出国(境)费公务用车购置及运行费公务接待费"
    assert place(values, False, words) == {"total": Decimal("12.50"), "abroad": Decimal(0)}
    placed = place(values, False, words, car_first=True)
    assert placed["vehicles"] == Decimal("8.00") and placed["reception"] == Decimal("4.50")
    placed = place(values, False, words, car_first=False)
    assert placed["vehicles"] == Decimal("4.50") and placed["reception"] == Decimal("8.00")


def _page(number: int, title: str) -> list[Line]:
    return [
        Line(number, ("单位：元",)),
        Line(number, ("201", "一般公共服务支出", "1,000", "1,000")),
        Line(number, ("合计", "1,000", "1,000")),
        Line(number, (title,)),
        Line(number, ("科目编码", "科目名称", "合计", "基本支出")),
    ]


def test_a_label_such_as_单位预算01表_is_not_a_table_of_its_own() -> None:
    lines = [
        Line(1, ("单位预算01表",)),
        Line(1, ("2026年预算单位支出预算总表",)),
        Line(1, ("合计", "12.00")),
    ]
    tables, _ = split_tables(lines)
    assert [t.title for t in tables] == ["2026年预算单位支出预算总表"]


def test_pages_drawn_rows_first_are_read_title_first() -> None:
    lines = _page(1, "一般公共预算支出表") + _page(2, "一般公共预算基本支出表")
    righted = reading_order(lines)
    assert [line.cells[0] for line in righted[:3]] == ["一般公共预算支出表", "科目编码", "单位：元"]
    tables, _ = split_tables(righted)
    assert [len(t.lines) for t in tables] == [4, 4]


def test_a_table_that_ends_its_page_with_the_next_title_keeps_its_rows() -> None:
    # one page of rows under a title of their own, then the next table's title at the end
    first = [Line(1, ("一般公共预算支出表",)), *_page(1, "一般公共预算基本支出表")]
    assert reading_order(first) == first


def _contents_page() -> list[Line]:
    titles = ("一般公共预算支出表", "一般公共预算基本支出表", "政府性基金预算支出表")
    return [Line(1, ("目录",)), *(Line(1, (f"{n}. {t}",)) for n, t in enumerate(titles, 1))]


def test_a_contents_page_and_empty_tables_do_not_hide_pages_drawn_rows_first() -> None:
    # two pages of rows drawn before their titles, a contents page of titles and an
    # empty table drawn the same way: its header words, then its title
    empty = [
        Line(4, ("单位：元",)),
        Line(4, ("合计",)),
        Line(4, ("科目名称", "合计", "基本支出")),
        Line(4, ("政府性基金预算支出表",)),
    ]
    lines = _contents_page() + _page(2, "一般公共预算支出表") + _page(3, "一般公共预算基本支出表")
    righted = reading_order(lines + empty)
    assert righted[4].cells[0] == "一般公共预算支出表"
    assert [line.cells[0] for line in righted[-4:]] == [
        "政府性基金预算支出表",
        "单位：元",
        "合计",
        "科目名称",
    ]
    tables, _ = split_tables(righted)
    assert [len(t.lines) for t in tables] == [4, 4, 3]
