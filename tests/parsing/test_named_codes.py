"""Tables that print their functional classes by name alone get each row's code from
its official name under the rows above it, where the sums bear the codes out."""

from __future__ import annotations

from decimal import Decimal

from disclosures.parsing.extract.base import Line
from disclosures.parsing.extract.text import split_cells
from disclosures.parsing.headers import split_header
from disclosures.parsing.rows import read_coded
from disclosures.parsing.tables import Table

HEADER = "科目名称\t合计\t基本支出\t项目支出"
BODY = [
    "合计\t300.00\t250.00\t50.00",
    "一般公共服务支出\t150.00\t100.00\t50.00",
    "审计事务\t150.00\t100.00\t50.00",
    "行政运行\t100.00\t100.00\t0.00",
    "审计业务\t50.00\t0.00\t50.00",
    "社会保障和就业支出\t150.00\t150.00\t0.00",
    "行政事业单位养老支出\t150.00\t150.00\t0.00",
    "机关事业单位基本养老保险缴费支出\t100.00\t100.00\t0.00",
    "其他行政事业单位养老支出\t50.00\t50.00\t0.00",
]


def codes(*raw: str) -> dict[str, Decimal | None]:
    lines = [Line(page=1, cells=split_cells(r)) for r in raw]
    table = Table("expenditure", "支出总表", "表3", "万元", lines[0], lines)
    header, body = split_header(table)
    return {
        r.code or r.name: r.columns.get("total") for r in read_coded(table, header, body, "万元")
    }


def test_rows_named_alone_get_their_codes() -> None:
    got = codes(HEADER, *BODY)

    assert got["201"] == Decimal(150) and got["20108"] == Decimal(150)
    assert got["2010801"] == Decimal(100) and got["2010804"] == Decimal(50)
    assert got["2080505"] == Decimal(100) and got["2080599"] == Decimal(50)


def test_a_unit_row_above_the_classes_is_passed_over() -> None:
    got = codes(HEADER, BODY[0], "某县审计局\t300.00\t250.00\t50.00", *BODY[1:])

    assert got["某县审计局"] == Decimal(300) and got["2010801"] == Decimal(100)


def test_an_item_named_as_its_款_is_the_item() -> None:
    got = codes(
        HEADER,
        "合计\t80.00\t0.00\t80.00",
        "其他支出\t80.00\t0.00\t80.00",
        "其他支出\t80.00\t0.00\t80.00",
        "其他支出\t80.00\t0.00\t80.00",
    )

    assert set(got) >= {"229", "22999", "2299999"}


def test_a_class_printed_again_under_itself_where_the_list_has_no_such_item() -> None:
    # 援助其他地区支出 has the 款 21999 其他支出 and no 项 under it; a table prints the 款
    # twice, as its coded copy does with the code 21999 on both lines
    got = codes(
        HEADER,
        "合计\t650.00\t150.00\t500.00",
        "一般公共服务支出\t150.00\t150.00\t0.00",
        "审计事务\t150.00\t150.00\t0.00",
        "行政运行\t150.00\t150.00\t0.00",
        "援助其他地区支出\t500.00\t0.00\t500.00",
        "其他支出\t500.00\t0.00\t500.00",
        "其他支出\t500.00\t0.00\t500.00",
    )

    assert got["219"] == Decimal(500) and got["21999"] == Decimal(500)
    assert got["2010801"] == Decimal(150) and "229" not in got


def test_names_whose_sums_do_not_bear_the_codes_out_stay_uncoded() -> None:
    # the 合计 is not the sum of the classes read: something was missed, code nothing
    wrong = [BODY[0].replace("300.00", "390.00"), *BODY[1:]]
    assert not [code for code in codes(HEADER, *wrong) if code[0].isdigit()]
    # names of projects are no classes
    projects = [
        "合计\t30.00\t0.00\t30.00",
        "信息化运维\t20.00\t0.00\t20.00",
        "培训\t10.00\t0.00\t10.00",
    ]
    assert set(codes(HEADER, *projects)) == {"合计", "信息化运维", "培训"}


def test_a_table_with_its_合计_at_the_foot_begins_at_its_first_class() -> None:
    got = codes(HEADER, *BODY[1:], BODY[0])

    assert got["201"] == Decimal(150) and got["2080599"] == Decimal(50)
    assert got["合计"] == Decimal(300)


def test_economic_classes_named_alone_get_their_codes() -> None:
    got = codes(
        "科目名称\t合计\t人员经费\t公用经费",
        "工资福利支出\t80.00\t80.00\t0.00",
        "基本工资\t50.00\t50.00\t0.00",
        "津贴补贴\t30.00\t30.00\t0.00",
        "商品和服务支出\t20.00\t0.00\t20.00",
        "办公费\t12.00\t0.00\t12.00",
        "差旅费\t8.00\t0.00\t8.00",
        "合计\t100.00\t80.00\t20.00",
    )

    assert got["301"] == Decimal(80) and got["30102"] == Decimal(30)
    assert got["302"] == Decimal(20) and got["30211"] == Decimal(8)


def test_classes_named_whose_items_the_document_adds_up_wrong_and_misprints_get_codes() -> None:
    """Every row an official name where it stands (one a character off: '维护(护)费' for
    维修(护)费) and the classes adding to the 合计: the table is one of classes, and its
    items adding up wrong is the document's finding, not a reason to lose the table."""
    got = codes(
        "科目名称\t合计\t人员经费\t公用经费",
        "合计\t100.00\t80.00\t20.00",
        "工资福利支出\t80.00\t80.00\t0.00",
        "基本工资\t50.00\t50.00\t0.00",
        "津贴补贴\t30.00\t30.00\t0.00",
        "奖金\t10.00\t10.00\t0.00",  # 301 prints 80, its items add to 90
        "商品和服务支出\t20.00\t0.00\t20.00",
        "办公费\t12.00\t0.00\t12.00",
        "维护(护)费\t3.00\t0.00\t3.00",
        "差旅费\t8.00\t0.00\t8.00",  # 302 prints 20, its items add to 23
    )

    assert got["301"] == Decimal(80) and got["30103"] == Decimal(10)
    assert got["30213"] == Decimal(3) and got["30211"] == Decimal(8)


def test_a_functional_name_misprinted_a_character_off_is_its_class_there() -> None:
    misprinted = [row.replace("审计业务", "审计业物") for row in BODY]

    got = codes(HEADER, *misprinted)

    assert got["2010804"] == Decimal(50) and got["2010801"] == Decimal(100)


def test_a_name_two_codes_bear_is_the_one_after_the_row_before() -> None:
    # 30104 (before 2018) and 30112 are both 其他社会保障缴费; after 30110 it is 30112
    got = codes(
        "科目名称\t合计",
        "工资福利支出\t100.00",
        "基本工资\t50.00",
        "职工基本医疗保险缴费\t10.00",
        "其他社会保障缴费\t40.00",
        "商品和服务支出\t20.00",
        "办公费\t20.00",
        "合计\t120.00",
    )

    assert got["30112"] == Decimal(40) and "30104" not in got
