"""Columns that are not this year's money, in text where blank cells leave no trace:
last year's budget before 合计, a change after the breakdown. Their amounts are never
read as this year's, and the amounts after them still fall in place."""

from __future__ import annotations

import pytest

from disclosures.parsing import parse_bytes, to_contract

HEAD = "2026 年度\n示例市社会保险中心\n单位预算\n"
TABLE = (
    "支出预算总表\n单位：万元\n"
    "科目编码\t科目名称\t{header}\n"
    "合计\t{lead}100.00\t60.00\t40.00{trail}\n"
    "208\t社会保障和就业支出\t{lead}100.00\t60.00\t40.00{trail}\n"
    "20801\t人力资源和社会保障管理事务\t{lead}70.00\t30.00\t40.00{trail}\n"
    "2080101\t行政运行\t{lead}30.00\t30.00{trail}\n"  # blank 项目 cell: gone
    "2080109\t社会保险经办机构\t{lead}40.00\t40.00{trail}\n"  # blank 基本 cell: gone
    "20805\t行政事业单位养老支出\t{lead}30.00\t30.00{trail}\n"
    "2080505\t机关事业单位基本养老保险缴费支出\t{lead}30.00\t30.00{trail}\n"
)


def functional(header: str, lead: str = "", trail: str = "") -> dict[str, tuple]:
    text = HEAD + TABLE.format(header=header, lead=lead, trail=trail)
    result = to_contract(parse_bytes(text.encode(), "example.txt"))
    return {r["code"]: (r["total"], r["basic"], r["project"]) for r in result["functional"]}


EXPECTED = {
    "208": (100.0, 60.0, 40.0),
    "20801": (70.0, 30.0, 40.0),
    "2080101": (30.0, 30.0, 0.0),
    "2080109": (40.0, 0.0, 40.0),
    "20805": (30.0, 30.0, 0.0),
}


@pytest.mark.parametrize(
    ("header", "lead", "trail"),
    [
        ("上年预算数\t合计\t基本支出\t项目支出", "95.00\t", ""),
        ("2025年预算数\t2026年预算数\t基本支出\t项目支出", "95.00\t", ""),
        ("合计\t基本支出\t项目支出\t比上年增减", "", "\t5.00"),
        ("上年执行数\t合计\t基本支出\t项目支出\t增减额\t增长率", "88.00\t", "\t12.00\t13.64"),
        # a final account's appropriations table: the balances and the income beside the
        # spending are not spending
        (
            "年初结转和结余\t本年收入\t合计\t基本支出\t项目支出\t年末结转和结余",
            "5.00\t95.00\t",
            "\t0.00",
        ),
    ],
    ids=["prior budget", "earlier year", "change", "prior outturn and change", "carried over"],
)
def test_last_years_column_and_the_change_are_not_read_as_this_years(
    header: str, lead: str, trail: str
) -> None:
    found = functional(header, lead, trail)
    assert {code: found.get(code) for code in EXPECTED} == EXPECTED


SUMMARY_NUMBERED = (
    "收支预算总表\n单位：万元\n"
    "一、一般公共预算拨款收入\t1\t100.00\t一、社会保障和就业支出\t5\t100.00\n"
    "二、政府性基金预算拨款收入\t2\t\t二、卫生健康支出\t6\n"
    "三、事业收入\t3\t\t三、住房保障支出\t7\n"
    "本年收入合计\t4\t100.00\t本年支出合计\t8\t100.00\n"
)


def test_line_numbers_after_the_labels_are_not_amounts_even_without_their_header() -> None:
    result = to_contract(parse_bytes((HEAD + SUMMARY_NUMBERED).encode(), "example.txt"))
    assert result["totals"]["revenue"] == 100.0 and result["totals"]["expenditure"] == 100.0


def test_the_column_numbers_of_an_empty_table_are_not_amounts() -> None:
    empty = (
        "政府性基金预算支出表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
        "栏次\t1\t2\t3\n合计\n注：本单位无政府性基金预算，故本表为空表。\n"
    )
    text = HEAD + TABLE.format(header="合计\t基本支出\t项目支出", lead="", trail="") + empty
    result = to_contract(parse_bytes(text.encode(), "example.txt"))
    assert [f for f in result["findings"] if "空表" in f["message"]] == []


def test_a_numbered_spending_total_split_into_personnel_and_public() -> None:
    split = (
        "财务收支预算总表\n单位：万元\n"
        "项目\t预算数\t项目\t基本支出\n合计\t项目支出\n人员经费\t公用经费\n"
        "一、财政拨款收入\t1\t100.00\t一、社会保障和就业支出\t5\t100.00\t60.00\t40.00\t0.00\n"
        "二、事业收入\t2\n三、其他收入\t3\n"
        "收入总计\t4\t100.00\t支出总计\t6\t100.00\t60.00\t40.00\t0.00\n"
    )
    result = to_contract(parse_bytes((HEAD + split).encode(), "example.txt"))
    assert (result["totals"]["personnel"], result["totals"]["public"]) == (60.0, 40.0)


# cells kept in their columns (a workbook, text with a TAB a cell, blanks kept): the
# amounts start under 上年预算数, and a row with no figure of last year's (a new item)
# leaves that cell blank
PLACED = (
    "支出预算总表\n单位：万元\n"
    "\t功能分类科目编码\t\t功能分类科目名称\t上年预算数\t合计\t基本支出\t项目支出\n"
    "类\t款\t项\n"
    "208\t\t\t社会保障和就业支出\t95.00\t100.00\t60.00\t40.00\n"
    "208\t01\t\t人力资源和社会保障管理事务\t65.00\t70.00\t30.00\t40.00\n"
    "208\t01\t01\t行政运行\t\t30.00\t30.00\t\n"
    "208\t01\t09\t社会保险经办机构\t65.00\t40.00\t\t40.00\n"
    "208\t05\t\t行政事业单位养老支出\t30.00\t30.00\t30.00\t\n"
    "208\t05\t05\t机关事业单位基本养老保险缴费支出\t30.00\t30.00\t30.00\t\n"
)


def test_cells_kept_in_place_under_last_years_column_fall_in_place() -> None:
    result = to_contract(parse_bytes((HEAD + PLACED).encode(), "example.txt"))

    found = {r["code"]: (r["total"], r["basic"], r["project"]) for r in result["functional"]}
    assert found == {
        "208": (100.0, 60.0, 40.0),
        "20801": (70.0, 30.0, 40.0),
        "2080101": (30.0, 30.0, 0.0),
        "2080109": (40.0, 0.0, 40.0),
        "20805": (30.0, 30.0, 0.0),
        "2080505": (30.0, 30.0, 0.0),
    }


# a final account's appropriations table copied out of a PDF whose header cells are merged:
# 本年支出 over 小计 | 基本支出 | 项目支出, the balances' and the income's titles set
# between the lines, so that the copied text names them after the breakdown; a row with no
# balance loses those cells
CARRIED = (
    "2024年度示例局部门决算\n一般公共预算财政拨款支出决算表\n单位：万元\n"
    "科目编码\t科目名称\t本年支出\n"
    "小计\t基本支出\t项目支出\t年初结转和结余\t本年收入\t年末结转和结余\n"
    "合计\t10.00\t555.00\t560.00\t460.00\t100.00\t5.00\n"
    "208\t社会保障和就业支出\t10.00\t555.00\t560.00\t460.00\t100.00\t5.00\n"
    "20801\t人力资源和社会保障管理事务\t10.00\t495.00\t500.00\t400.00\t100.00\t5.00\n"
    "2080101\t行政运行\t400.00\t400.00\t400.00\n"
    "2080109\t社会保险经办机构\t10.00\t95.00\t100.00\t100.00\t5.00\n"
    "20805\t行政事业单位养老支出\t60.00\t60.00\t60.00\n"
    "2080505\t机关事业单位基本养老保险缴费支出\t60.00\t60.00\t60.00\n"
)


def test_the_balances_and_the_income_beside_the_spending_are_not_spending() -> None:
    result = to_contract(parse_bytes(CARRIED.encode(), "final.txt"))

    found = {r["code"]: (r["total"], r["basic"], r["project"]) for r in result["functional"]}
    assert found == {
        "208": (560.0, 460.0, 100.0),
        "20801": (500.0, 400.0, 100.0),
        "2080101": (400.0, 400.0, 0.0),
        "2080109": (100.0, 0.0, 100.0),
        "20805": (60.0, 60.0, 0.0),
        "2080505": (60.0, 60.0, 0.0),
    }
    assert [f for f in result["findings"] if f["severity"] != "info"] == []
