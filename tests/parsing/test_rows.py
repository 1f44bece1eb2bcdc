"""Row reading across the layouts real disclosures use."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclosures.parsing.extract.base import Line
from disclosures.parsing.extract.text import split_cells
from disclosures.parsing.headers import header_columns, split_header
from disclosures.parsing.pairs import read_pairs
from disclosures.parsing.row_cells import padded_codes
from disclosures.parsing.rows import read_coded
from disclosures.parsing.tables import Table


def table_of(*raw: str, kind: str = "expenditure") -> Table:
    lines = [Line(page=1, cells=split_cells(r)) for r in raw]
    return Table(kind, "支出总表", "表3", "万元", Line(page=1, cells=("支出总表",)), lines)


def rows_of(table: Table) -> dict[str | None, dict]:
    header, body = split_header(table)
    return {
        r.code or r.name: r.columns | {"name": r.name}
        for r in read_coded(table, header, body, "万元")
    }


def test_it_maps_amounts_to_the_header_columns() -> None:
    rows = rows_of(
        table_of(
            "科目编码\t科目名称\t合计\t基本支出\t项目支出",
            "208\t社会保障和就业支出\t612.10\t383.60\t228.50",
        )
    )
    assert rows["208"]["basic"] == Decimal("383.60") and rows["208"]["project"] == Decimal("228.50")


def test_it_keeps_a_blank_cell_blank_and_in_its_column() -> None:
    rows = rows_of(
        table_of(
            "功能科目编码\t功能科目名称\t合计\t人员经费支出\t公用经费支出\t专项业务经费支出",
            "2080108\t信息化建设\t24.00\t\t\t24.00",
        )
    )
    assert rows["2080108"]["personnel"] is None
    assert rows["2080108"]["project"] == Decimal("24.00")


def test_it_reads_names_wrapped_over_lines() -> None:
    rows = rows_of(
        table_of(
            "科目编码 科目名称 小计 基本支出 项目支出",
            "2080505",
            "机关事业单位基本养老保险缴费",
            "支出",
            "32.46 32.46 0.00",
            "2089999 其他社会保障和就业支出 500.00 500.00 0.00",
        )
    )
    assert rows["2080505"]["name"] == "机关事业单位基本养老保险缴费支出"
    assert rows["2080505"]["total"] == Decimal("32.46")
    assert rows["2089999"]["total"] == Decimal("500.00")


def test_it_joins_codes_split_over_class_item_columns() -> None:
    rows = rows_of(table_of("类 款 项 功能分类科目名称 合计", "201 03 01 行政运行 12,029,501.84"))
    assert rows["2010301"]["total"] == Decimal("12029501.84")


def test_it_puts_back_amounts_that_slid_one_row_down() -> None:
    rows = rows_of(
        table_of(
            "项目\t\t\t本年支出合计\t基本支出\t项目支出",
            "类\t款\t项\t合计",
            "208\t\t\t353.06\t284.66\t68.40",
            "\t\t\t311.40\t243.01\t68.40",
            "20801\t\t\t274.88\t206.48\t68.40",
        )
    )
    assert rows["合计"]["total"] == Decimal("353.06")
    assert rows["208"]["total"] == Decimal("311.40")
    assert rows["20801"]["total"] == Decimal("274.88")


def test_amounts_that_slid_one_row_down_in_a_laid_out_table_keep_their_columns() -> None:
    def laid(top: float, *cells: tuple[str, float]) -> Line:
        return Line(
            1, tuple(c for c, _ in cells), tuple((x, top, x + 30, top + 10) for _, x in cells)
        )

    header = [
        laid(
            0,
            ("科目编码", 10),
            ("科目名称", 60),
            ("合计", 200),
            ("基本支出", 260),
            ("项目支出", 320),
        ),
    ]
    body = [
        laid(12, ("合计", 60)),  # the total's label, its amounts a line below
        laid(24, ("353.06", 200), ("284.66", 260), ("68.40", 320)),
        laid(36, ("208", 10), ("社会保障和就业支出", 60), ("68.40", 320)),
    ]
    table = Table("expenditure", "支出总表", "表3", "万元", Line(1, ("支出总表",)), header + body)
    rows = {r.code or r.name: r.columns for r in read_coded(table, header, body, "万元")}
    assert rows["合计"] == {
        "total": Decimal("353.06"),
        "basic": Decimal("284.66"),
        "project": Decimal("68.40"),
    }
    assert rows["208"]["project"] == Decimal("68.40") and rows["208"]["total"] is None


def test_it_reads_column_groups_side_by_side() -> None:
    table = table_of(
        "经济分类科目编码\t科目名称\t金额\t经济分类科目编码\t科目名称\t金额",
        "301\t工资福利支出\t268.95\t302\t商品和服务支出\t15.71",
        "30101\t基本工资\t47.61\t30201\t办公费\t1.33",
        kind="economic_basic",
    )
    header, body = split_header(table)
    rows = {r.code: r.slots[0] for r in read_coded(table, header, body, "万元")}
    assert rows == {
        "301": Decimal("268.95"),
        "302": Decimal("15.71"),
        "30101": Decimal("47.61"),
        "30201": Decimal("1.33"),
    }


def test_it_reads_a_department_and_a_government_code_in_one_row() -> None:
    table = table_of(
        "部门经济科目编码\t部门经济科目名称\t政府经济科目编码\t政府经济科目名称\t合计",
        "30101\t基本工资\t50501\t工资福利支出\t91.06",
        kind="economic_all",
    )
    header, body = split_header(table)
    (row,) = read_coded(table, header, body, "万元")
    assert (row.code, row.other_codes, row.slots[0]) == ("30101", ["50501"], Decimal("91.06"))


def test_it_converts_yuan_to_wan() -> None:
    table = table_of("科目编码 科目名称 合计", "208 社会保障和就业支出 4,213,779.28")
    header, body = split_header(table)
    (row,) = read_coded(table, header, body, "元")
    assert row.slots[0] == Decimal("421.377928")


@pytest.mark.parametrize(
    ("header", "columns"),
    [
        (
            "科目编码 科目名称 合计 基本支出 项目支出 事业单位经营支出",
            ["total", "basic", "project", "business"],
        ),
        (
            "项目 本年支出 功能分类科目编码 科目名称 小计 基本支出 项目支出",
            ["total", "basic", "project"],
        ),
        (
            "合计 人员经费支出 公用经费支出 专项业务经费支出",
            ["total", "personnel", "public", "project"],
        ),
    ],
)
def test_it_names_the_columns_from_the_header(header: str, columns: list[str]) -> None:
    assert header_columns([Line(page=1, cells=tuple(header.split()))]) == columns


def test_summary_pairs_keep_blank_apart_from_zero() -> None:
    lines = [
        Line(page=1, cells=split_cells("一、一般公共预算拨款收入\t689.80\t一、一般公共服务支出\t")),
        Line(page=1, cells=split_cells("\t\t八、社会保障和就业支出\t0.00")),
    ]
    pairs = {p.label: p.value for p in read_pairs(lines, "万元")}
    assert pairs == {
        "一般公共预算拨款收入": Decimal("689.80"),
        "一般公共服务支出": None,
        "社会保障和就业支出": Decimal("0.00"),
    }


def test_a_blank_row_beside_the_next_keeps_its_own_code() -> None:
    table = table_of(
        "经济分类科目编码\t科目名称\t决算数\t经济分类科目编码\t科目名称\t决算数",
        "301\t03\t奖金\t302\t03\t咨询费",
        "301\t06\t伙食补助费\t302\t04\t手续费\t0.09",
        kind="economic_basic",
    )
    header, body = split_header(table)
    rows = {r.code: r.slots for r in read_coded(table, header, body, "万元")}
    assert rows["30204"] == [Decimal("0.09")]
    assert rows["30106"] == [] and rows["30103"] == [] and rows["30203"] == []


def test_it_restores_the_leading_zero_of_a_code_and_says_so() -> None:
    line = Line(page=1, cells=("301", "2", "津贴补贴", "5.00"))
    assert padded_codes(line) == ["30102"]
    assert padded_codes(Line(page=1, cells=("301", "02", "津贴补贴", "5.00"))) == []


def test_rows_that_print_only_their_own_part_of_the_code_get_the_whole_code() -> None:
    rows = rows_of(
        table_of(
            "类\t款\t项\t科目名称\t合计",
            "201\t一般公共服务支出\t120.00",
            "03\t政府办公厅（室）及相关机构事务\t120.00",
            "01\t行政运行\t100.00",
            "02\t一般行政管理事务\t20.00",
            "208\t社会保障和就业支出\t30.00",
            "05\t行政事业单位养老支出\t30.00",
            "05\t机关事业单位基本养老保险缴费支出\t30.00",
        )
    )
    totals = {code: r["total"] for code, r in rows.items() if code and code[0] == "2"}
    assert totals == {
        "201": Decimal("120.00"),
        "20103": Decimal("120.00"),
        "2010301": Decimal("100.00"),
        "2010302": Decimal("20.00"),
        "208": Decimal("30.00"),
        "20805": Decimal("30.00"),
        "2080505": Decimal("30.00"),
    }


def test_a_code_glued_to_its_name_is_read_as_both() -> None:
    rows = rows_of(
        table_of(
            "科目\t合计\t基本支出\t项目支出",
            "201一般公共服务支出\t120.00\t100.00\t20.00",
            "[20103]政府办公厅（室）及相关机构事务\t120.00\t100.00\t20.00",
        )
    )
    assert rows["201"]["name"] == "一般公共服务支出"
    assert rows["20103"]["basic"] == Decimal("100.00")


def test_a_unit_column_before_the_codes_leaves_each_code_a_code() -> None:
    # a table of a department's units: 2060204 is not in the code list, yet it stands
    # before its name, so it is the row's code and not an amount after the unit's name
    rows = rows_of(
        table_of(
            "单位名称\t科目编码\t科目名称\t合计\t基本支出\t项目支出",
            "合计\t1,989.01\t823.93\t1,165.08",
            "某某大学\t20602\t基础研究\t1,989.01\t823.93\t1,165.08",
            "某某大学\t2060201\t机构运行\t823.93\t823.93",
            "某某大学\t2060204\t实验室及相关设施\t1,165.08\t1,165.08",
        )
    )
    assert rows["2060204"]["total"] == Decimal("1165.08")
    assert rows["2060204"]["name"] == "实验室及相关设施"  # not the unit's name before it


def test_a_part_under_the_same_part_is_the_level_below() -> None:
    # 20199 and 2019999 bear the same name: the second '99' is not 20199 printed again
    rows = rows_of(
        table_of(
            "类\t款\t项\t科目名称\t合计",
            "201\t一般公共服务支出\t50.00",
            "99\t其他一般公共服务支出\t50.00",
            "99\t其他一般公共服务支出\t50.00",
        )
    )
    assert {code for code in rows if code and code[0] == "2"} == {"201", "20199", "2019999"}


@pytest.mark.parametrize(
    ("header", "last_year"),
    [
        ("", ("", "", "", "", "")),
        ("上年预算数\t", ("500.00\t", "500.00\t", "500.00\t", "0.00\t", "0.00\t")),
    ],
)
def test_a_part_goes_where_the_sums_leave_room_for_it(header: str, last_year: tuple) -> None:
    # '98' after 2150299 is no 项 of 21502 (whose total is spent); '02 制造业' after it is
    # its first 项, though the 款 21502 bears the same name. A 上年预算数 printed before
    # 合计 would leave room for it: this year's total decides
    first, second, third, fourth, fifth = last_year
    rows = rows_of(
        table_of(
            f"类\t款\t项\t科目名称\t{header}合计",
            f"215\t资源勘探工业信息等支出\t{first}97.80",
            f"02\t制造业\t{second}0.00",
            f"99\t其他制造业支出\t{third}0.00",
            f"98\t超长期特别国债安排的支出\t{fourth}97.80",
            f"02\t制造业\t{fifth}97.80",
        )
    )
    totals = {code: r["total"] for code, r in rows.items() if code and code[0] == "2"}
    assert totals["21598"] == Decimal("97.80") and totals["2159802"] == Decimal("97.80")
    assert "2150298" not in totals and totals["21502"] == Decimal("0.00")


def test_a_long_whole_amount_in_a_numbered_summary_is_no_line_number() -> None:
    # amounts in 元 shown without decimals beside a 栏次 line: only a short number is a 行次
    lines = [
        Line(page=1, cells=split_cells("项目\t决算数\t项目\t决算数")),
        Line(page=1, cells=split_cells("栏次\t1\t栏次\t2")),
        Line(page=1, cells=split_cells("本年收入合计\t4307250300\t本年支出合计\t4576767500")),
    ]
    pairs = {p.label: p.value for p in read_pairs(lines, "元")}
    assert pairs["本年支出合计"] == Decimal("457676.75")


def test_a_whole_amount_shaped_like_a_code_after_a_summary_label_is_its_amount() -> None:
    # 326.71 万元 in 元 reads '3267100', 208.05 万元 '2080500': amounts, not codes
    lines = [
        Line(
            page=1, cells=split_cells("一、财政拨款收入\t3267100\t八、社会保障和就业支出\t2080500")
        ),
        Line(page=1, cells=split_cells("\t\t208\t社会保障和就业支出\t3267100")),
    ]
    pairs = {p.label: p.value for p in read_pairs(lines, "元")}
    assert pairs["财政拨款收入"] == Decimal("326.71")
    assert pairs["社会保障和就业支出"] == Decimal("326.71")
    assert [p.value for p in read_pairs(lines, "元")][1] == Decimal("208.05")


def test_a_dash_for_nought_between_amounts_keeps_the_row_whole() -> None:
    rows = rows_of(
        table_of(
            "科目编码\t科目名称\t合计\t基本支出\t项目支出",
            "2010801\t行政运行\t100.00\t100.00\t-",
            "2010804\t审计业务\t50.00\t—\t50.00",
        )
    )
    assert rows["2010804"]["basic"] is None and rows["2010804"]["project"] == Decimal("50.00")
    assert None not in rows  # no row of its own made of the dash


@pytest.mark.parametrize("first", ["年初预算数", "上年预算数"])
def test_a_group_of_last_years_or_planned_columns_before_this_years_is_left_out(
    first: str,
) -> None:
    rows = rows_of(
        table_of(
            f"科目编码\t科目名称\t{first}\t\t\t决算数",
            "\t\t合计\t基本支出\t项目支出\t合计\t基本支出\t项目支出",
            "2010801\t行政运行\t400.00\t400.00\t\t390.00\t390.00\t",
            "2010804\t审计业务\t120.00\t\t120.00\t110.00\t\t110.00",
        )
    )
    assert rows["2010801"]["total"] == Decimal("390.00")
    assert rows["2010804"]["total"] == Decimal("110.00")
    assert rows["2010804"]["project"] == Decimal("110.00")


def test_last_years_column_and_a_合计_before_two_groups_are_columns_of_their_own() -> None:
    # '上年预算数 合计' over nothing, then 当年预算 and 上年结转结余 each over a breakdown:
    # the rows print an amount for the two as well, so they are no group titles
    rows = rows_of(
        table_of(
            "\t\t\t\t当年预算\t上年结转结余",
            "科目编码\t科目名称\t上年预算数\t合计",
            "小计\t基本支出\t项目支出\t小计\t基本支出\t项目支出",
            "2014001\t行政运行\t800.00\t903.85\t903.85\t903.85\t0.00\t0.00\t0.00\t0.00",
            "2014002\t一般行政管理事务\t400.00\t458.00\t458.00\t0.00\t458.00\t0.00\t0.00\t0.00",
        )
    )
    assert rows["2014001"]["total"] == Decimal("903.85")
    assert rows["2014002"]["project"] == Decimal("458.00")


def test_a_header_that_prints_项目支出_first_is_read_so() -> None:
    # 合计 = 基本 + 项目 holds either way round: the header's own order decides
    rows = rows_of(
        table_of(
            "科目编码\t科目名称\t合计\t项目支出\t基本支出",
            "合计\t100.00\t70.00\t30.00",
            "201\t一般公共服务支出\t100.00\t70.00\t30.00",
        )
    )
    assert rows["201"]["project"] == Decimal("70.00")
    assert rows["201"]["basic"] == Decimal("30.00")


def test_spending_split_three_ways_reads_each_part() -> None:
    # 人员支出 | 公用支出 | 项目支出 with no 基本支出 column: 人员 + 公用 is the basic spending
    rows = rows_of(
        table_of(
            "科目编码\t科目名称\t合计\t人员支出\t公用支出\t项目支出",
            "合计\t100.00\t60.00\t10.00\t30.00",
            "201\t一般公共服务支出\t100.00\t60.00\t10.00\t30.00",
        )
    )
    assert rows["201"]["personnel"] == Decimal("60.00")
    assert rows["201"]["public"] == Decimal("10.00")
    assert rows["201"]["project"] == Decimal("30.00")


def test_a_whole_number_before_a_remark_stays_an_amount() -> None:
    # a table in 元 with a remark column: 30000 after the name is money, not a code
    rows = rows_of(
        table_of(
            "科目编码\t科目名称\t合计\t备注",
            "30216\t培训费\t30000\t按计划开展培训",
        )
    )
    assert rows["30216"]["total"] == Decimal("30000")


def test_the_order_one_header_line_states_holds_under_a_title_that_reads_as_a_column() -> None:
    # '项目' over '支出功能分类' reads as 项目支出 in the words of all the lines together
    rows = rows_of(
        table_of(
            "项目",
            "支出功能分类",
            "合计\t项目支出\t基本支出",
            "科目编码\t科目名称",
            "合计\t100.00\t70.00\t30.00",
            "201\t一般公共服务支出\t100.00\t70.00\t30.00",
        )
    )
    assert rows["201"]["project"] == Decimal("70.00")
    assert rows["201"]["basic"] == Decimal("30.00")


def test_a_subtotal_column_title_on_a_line_of_its_own_stays_in_the_header() -> None:
    # a header copied a line at a time: 项目支出 over 小计 | 其中：基本建设资金支出
    rows = rows_of(
        table_of(
            "项目 本年支出",
            "科目编码 科目名称 合计 基本支出",
            "项目支出",
            "小计",
            "其中:基本建设资金支",
            "出",
            "类 款 项 合计 237,100.00 199,015.13 38,084.87 6,894.90",
            "205 教育支出 213,588.53 177,211.59 36,376.94 5,536.97",
        )
    )
    assert rows["205"]["basic"] == Decimal("177211.59")
    assert rows["205"]["project"] == Decimal("36376.94")


def test_a_letter_spaced_label_copied_a_character_at_a_time_is_one_word() -> None:
    line = Line(page=1, cells=split_cells("收 入 总 计 557,259.13 支 出 总 计 557,259.13"))
    pairs = read_pairs([line], "万元")
    assert [(p.label, p.value) for p in pairs] == [
        ("收入总计", Decimal("557259.13")),
        ("支出总计", Decimal("557259.13")),
    ]
    assert split_cells("类 款 项 合计 12.00") == ("类", "款", "项", "合计", "12.00")
    # 项 stands apart as a column title, but not at the head of 项目
    assert split_cells("项 目 支 出 12.00") == ("项目支出", "12.00")


def test_a_code_after_an_amount_heads_the_next_group_where_its_name_is_wrapped_away() -> None:
    # code | name | amount side by side, copied without the blank cells: 30212's name
    # '因公出国(境)费用' wrapped onto the lines above and below
    rows = rows_of(
        table_of(
            "人员经费 公用经费",
            "科目编码 科目名称 金额 科目编码 科目名称 金额 科目编码 科目名称 金额",
            "30113 住房公积金 24.76 30212 0.00 31009 土地补偿 0.00",
            kind="economic_basic",
        )
    )
    assert rows["30113"]["total"] == Decimal("24.76")
    assert rows["30212"]["total"] == Decimal("0.00")
    assert rows["31009"]["total"] == Decimal("0.00")


def test_a_whole_amount_shaped_like_a_class_of_the_other_classification_is_money() -> None:
    # Excel's General format shows 230.00 as 230, and 230 is also the functional class
    # 转移性支出: after an economic code's row it can only be money
    rows = rows_of(
        table_of(
            "科目编码\t科目名称\t金额",
            "302\t商品和服务支出\t1,585.96",
            "30201\t办公费\t1,355.96",
            "30211\t差旅费\t230",
            kind="economic_basic",
        )
    )
    assert rows["30211"]["total"] == Decimal("230")


def test_a_whole_amount_shaped_like_a_class_after_money_or_a_total_label_is_money() -> None:
    rows = rows_of(
        table_of(
            "科目编码\t科目名称\t合计\t人员经费\t公用经费",
            "\t合计\t1208.2\t997.2\t211",
            "2014001\t行政运行\t903.85\t692.85\t211",
        )
    )
    assert rows["合计"]["public"] == Decimal("211")
    assert rows["2014001"]["public"] == Decimal("211")


def test_a_class_code_heading_the_next_groups_row_stays_a_code() -> None:
    # two groups side by side; the right group's row has no amount this year
    rows = rows_of(
        table_of(
            "科目编码\t科目名称\t金额\t科目编码\t科目名称\t金额",
            "30103\t奖金\t\t30203\t咨询费\t",
            "30101\t基本工资\t262.33\t302\t商品和服务支出\t171.07",
            kind="economic_basic",
        )
    )
    assert "30203" in rows and rows["302"]["total"] == Decimal("171.07")


@pytest.mark.parametrize(
    "header",
    [
        "功能科目编码\t功能科目名称\t总计\t基本支出\t项目支出",
        "编码\t项目\t总额\t基本经费\t专项支出",  # older tables
    ],
)
def test_column_titles_in_other_words(header: str) -> None:
    table = table_of(
        header,
        "合计\t150.00\t100.00\t50.00",
        "201\t一般公共服务支出\t150.00\t100.00\t50.00",
        "2010301\t行政运行\t100.00\t100.00\t",
    )
    rows = rows_of(table)

    assert rows["201"]["total"] == Decimal("150.00")
    assert rows["201"]["basic"] == Decimal("100.00") and rows["201"]["project"] == Decimal("50.00")


@pytest.mark.parametrize("after", ["上年预算数\t增减额", "上年预算数"])
def test_last_years_figure_after_the_breakdown_is_not_this_years_money(after: str) -> None:
    """'合计 | 基本支出 | 项目支出 | 事业单位经营支出 | 上年预算数 | 增减额', copied with the
    blank cells gone: last year's figure and the change close every row."""
    changed = "\t1.11" if "增减" in after else ""
    rows = rows_of(
        table_of(
            f"科目编码\t科目名称\t合计\t基本支出\t项目支出\t事业单位经营支出\t{after}",
            f"201\t一般公共服务支出\t100.00\t70.00\t30.00\t9,999.99{changed}",
            f"20103\t政府办公厅(室)及相关机构事务\t70.00\t70.00\t9,999.99{changed}",
            f"2010301\t行政运行\t70.00\t70.00\t9,999.99{changed}",
            f"20140\t信访事务\t30.00\t30.00\t9,999.99{changed}",
            f"2014004\t信访业务\t30.00\t30.00\t9,999.99{changed}",
        )
    )
    got = {code: (r["total"], r["basic"], r["project"]) for code, r in rows.items() if code}
    assert got["201"] == (Decimal("100.00"), Decimal("70.00"), Decimal("30.00"))
    assert got["20140"][0] == got["20140"][2] == Decimal("30.00")
    assert got["2014004"][0] == got["2014004"][2] == Decimal("30.00")


def test_a_units_code_first_in_its_row_is_its_key_not_money() -> None:
    # a spending table by unit: 单位编码 | 单位名称 | 合计 | 基本支出 (小计 | 工资福利支出 |
    # 商品和服务支出) | 项目支出 (小计 | 资本性支出); the economic words title columns read
    # aside, and '301001' names the unit's row
    from disclosures.parsing import parse_bytes, to_contract

    text = (
        "某市司法局2025年部门预算\n部门支出总表\n单位：万元\n"
        "单位编码\t单位名称\t合计\t基本支出\t\t\t项目支出\t\n"
        "\t\t\t小计\t工资福利支出\t商品和服务支出\t小计\t资本性支出\n"
        "\t合计\t150.00\t100.00\t80.00\t20.00\t50.00\t50.00\n"
        "301001\t某市司法局本级\t110.00\t70.00\t55.00\t15.00\t40.00\t40.00\n"
        "301002\t某市公证处\t40.00\t30.00\t25.00\t5.00\t10.00\t10.00\n"
    )
    got = to_contract(parse_bytes(text.encode("utf-8"), "units.txt"))
    assert (got["totals"]["basic"], got["totals"]["project"]) == (100.0, 50.0)


def _placed(*rows: tuple[tuple[str, float], ...]) -> Table:
    """A table whose cells stand where the page put them: (text, x0) pairs, 9 points a
    character, each row 20 points below the last."""
    lines = [
        Line(
            page=1,
            cells=tuple(t for t, _ in row),
            boxes=tuple((x, 100 + 20 * n, x + 9 * len(t), 109 + 20 * n) for t, x in row),
            xs=tuple(x for _, x in row),
        )
        for n, row in enumerate(rows)
    ]
    return Table(
        "expenditure", "支出决算表", "公开03表", "万元", Line(page=1, cells=("支出决算表",)), lines
    )


def test_a_lone_character_among_a_rows_amounts_is_a_mark_not_a_group_of_its_own() -> None:
    # a seal's 县, read by OCR glued to the project amount and cut from it
    table = _placed(
        (("科目编码", 10), ("科目名称", 80), ("合计", 200), ("基本支出", 260), ("项目支出", 320)),
        (("2130108", 10), ("病虫害控制", 80), ("48.60", 200), ("48.60", 330)),
        (("2130153", 10), ("农田建设", 80), ("62.15", 200), ("县", 318), ("62.15", 330)),
    )
    rows = rows_of(table)
    assert (rows["2130153"]["total"], rows["2130153"].get("project")) == (
        Decimal("62.15"),
        Decimal("62.15"),
    )
    assert None not in rows and "县" not in rows


def test_basic_spending_in_two_halves_side_by_side_gives_its_total_to_the_whole() -> None:
    from disclosures.parsing.facts import TableFacts
    from disclosures.parsing.readers import read_table

    table = table_of(
        "人员经费\t\t\t公用经费",
        "科目编码\t科目名称\t预算数\t科目编码\t科目名称\t预算数",
        "301\t工资福利支出\t652.02\t302\t商品和服务支出\t59.00",
        "30101\t基本工资\t652.02\t30201\t办公费\t59.00",
        "\t\t\t合计\t\t711.02",
        kind="economic_basic",
    )
    out = TableFacts()
    read_table(table, "万元", out)
    facts = {f.key: f.value for f in out.facts}
    assert facts.get("basic") == Decimal("711.02")
    assert "public" not in facts and "personnel" not in facts


def test_a_retired_item_beside_a_blank_row_leaves_the_next_groups_code_a_code() -> None:
    # a 2014 table: 30313 购房补贴 is no longer listed, 30227 委托业务费 is
    table = table_of(
        "科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数",
        "303\t对个人和家庭的补助\t89.00\t302\t商品和服务支出\t120.00",
        "30313\t购房补贴\t30227\t委托业务费",  # blank cells, as the page gives them: none
        kind="economic_basic",
    )
    header, body = split_header(table)
    rows = {
        r.code: [v for v in r.slots if v is not None]
        for r in read_coded(table, header, body, "万元")
    }
    assert (rows["30313"], rows["30227"]) == ([], [])


def test_a_code_part_under_a_header_that_puts_the_total_last_is_placed_by_the_totals() -> None:
    # 基本支出 | 项目支出 | 合计, each row printing its own part of the code: '22' under 208
    # is the fund's 款 20822, whose total (498.90) fits in 208's (721.64), not a 项 of 20808
    table = table_of(
        "类\t款\t项\t科目名称\t基本支出\t项目支出\t合计",
        # blank cells, as a page gives them: none
        "208\t社会保障和就业支出\t222.74\t498.90\t721.64",
        "08\t抚恤\t222.74\t222.74",
        "01\t死亡抚恤\t222.74\t222.74",
        "22\t水库移民扶持资金\t498.90\t498.90",  # no official name to go by
        "01\t移民直补\t186.40\t186.40",
    )
    assert {"20808", "2080801", "20822", "2082201"} <= set(rows_of(table))
