"""Tables are found by their titles, whatever words the agency chose."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclosures.parsing import parse_bytes, to_contract
from disclosures.parsing.extract.base import Line
from disclosures.parsing.facts import TableFacts
from disclosures.parsing.readers import read_table
from disclosures.parsing.tables import kind_of, split_tables, title_of


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("2026年度收支预算总表", "summary"),
        ("收入支出决算总表", "summary"),
        ("部门综合预算收支总表", "summary"),
        ("2026年度财政拨款收支预算总表", "fiscal_summary"),
        ("财政拨款收入支出决算总表", "fiscal_summary"),
        ("2026年度收入预算总表", "income"),
        ("支出决算表", "expenditure"),
        ("2026年度一般公共预算拨款支出预算表", "general_expenditure"),
        ("部门综合预算一般公共预算支出明细表(按支出功能分类科目)", "general_expenditure"),
        ("部门综合预算一般公共预算支出明细表(按支出经济分类科目)", "economic_all"),
        ("2026年度一般公共预算基本支出经济分类情况表", "economic_basic"),
        ("一般公共预算财政拨款基本支出决算表", "economic_basic"),
        ("部门综合预算一般公共预算基本支出明细表(按支出功能分类科目)", "basic_functional"),
        ("一般公共预算财政拨款“三公”经费支出决算表", "three_public"),
        ("政府性基金预算财政拨款收入支出决算表", "gov_fund"),
        ("部门综合预算专项业务经费支出表", "project"),
        ("社会保障卡发放业务费项目绩效目标表", "other"),
        # one source's money, or the general budget's projects: not the department's spending
        ("财政专户管理资金预算支出表", "other"),
        ("单位资金收支预算表", "other"),
        ("收支预算总表(含财政专户管理资金)", "summary"),
        ("一般公共预算财政拨款项目支出预算表", "project"),
        ("政府性基金预算“三公”经费支出预算表", "gov_fund"),
        ("财政拨款支出预算表（部门经济分类科目）", "economic_all"),
        ("一般公共预算财政拨款支出决算表(按经济分类)", "economic_all"),
    ],
)
def test_it_recognises_the_standard_tables(title: str, kind: str) -> None:
    assert kind_of(title) == kind


def test_a_contents_entry_is_not_a_table() -> None:
    assert title_of(Line(page=1, cells=("一、收支预算总表", "5"))) is None
    assert title_of(Line(page=1, cells=("一、收支预算总表",))) == "收支预算总表"
    dashed = "一般公共预算基本支出表—人员经费(工资福利支出)"
    assert title_of(Line(page=1, cells=(dashed,))) == dashed
    # the unit or the body printed on the title's line is not part of the title
    for line in [
        ("部门收支总表", "单位：万元"),
        ("部门收支总表 金额单位:元",),
        ("部门收支总表", "编制单位：某局"),
        ("部门收支总表", "部门:", "某县某局", "单位:万元"),
        ("部门收支总表", "表1"),
        ("部门收支总表", "公开 01 表"),
    ]:
        assert title_of(Line(page=1, cells=line)) == "部门收支总表"


def test_a_table_goes_on_after_its_continuation_mark() -> None:
    rows = "科目编码\t科目名称\t合计\t基本支出\t项目支出\n{0}"
    text = (
        "某县某局2024年部门预算\n部门支出总表\t单位：元\n"
        + rows.format(
            "合计\t1,500,000.00\t1,000,000.00\t500,000.00\n"
            "201\t一般公共服务支出\t1,200,000.00\t700,000.00\t500,000.00\n"
            "20103\t政府办公厅(室)及相关机构事务\t1,200,000.00\t700,000.00\t500,000.00\n"
        )
        + "\f续表\n"
        + rows.format(
            "208\t社会保障和就业支出\t300,000.00\t300,000.00\t\n"
            "20805\t行政事业单位养老支出\t300,000.00\t300,000.00\t\n"
        )
    )
    got = to_contract(parse_bytes(text.encode("utf-8"), "continued.txt"))

    assert got["totals"]["expenditure"] == 150.0
    assert {f["code"]: f["total"] for f in got["functional"]} == {
        "201": 120.0,
        "20103": 120.0,
        "208": 30.0,
        "20805": 30.0,
    }
    assert [c["title"] for c in got["table_checks"]] == ["部门支出总表"]


def test_basic_spending_printed_a_part_a_table_gives_the_parts_rows_and_no_basic_total() -> None:
    part = "单位:万元\n科目编码\t科目名称\t合计\n合计\t{0}\n{1}\n"
    text = (
        "某县某局2024年部门预算\n部门支出总表\n单位:万元\n"
        "科目编码\t科目名称\t合计\t基本支出\t项目支出\n合计\t150.00\t100.00\t50.00\n"
        "201\t一般公共服务支出\t150.00\t100.00\t50.00\n"
        "20103\t政府办公厅(室)及相关机构事务\t150.00\t100.00\t50.00\n"
        "一般公共预算基本支出表—人员经费（工资福利支出）\n"
        + part.format("80.00", "30101\t基本工资\t50.00\n30102\t津贴补贴\t30.00")
        + "一般公共预算基本支出表—公用经费（商品和服务支出）\n"
        + part.format("20.00", "30201\t办公费\t20.00")
    )
    got = to_contract(parse_bytes(text.encode("utf-8"), "parts.txt"))

    assert {e["code"]: e["total"] for e in got["economic"]} == {
        "30101": 50.0,
        "30102": 30.0,
        "30201": 20.0,
    }
    assert got["totals"]["basic"] == 100.0 and got["totals"]["expenditure"] == 150.0
    assert [f for f in got["findings"] if f["severity"] != "info"] == []


def test_tables_take_their_label_from_the_list_of_tables() -> None:
    lines = [
        Line(page=1, cells=c)
        for c in [
            ("表4", "部门综合预算财政拨款收支总表", "否"),
            ("部门综合预算财政拨款收支总表",),
            ("单位：万元",),
            ("收入合计", "170.00", "支出合计", "170.00"),
        ]
    ]
    (table,), _ = split_tables(lines)
    assert (table.label, table.kind, table.unit) == ("表4", "fiscal_summary", "万元")


def test_narrative_after_a_table_is_not_swallowed_by_it() -> None:
    lines = [
        Line(page=1, cells=c)
        for c in [
            ("收支预算总表",),
            ("收入合计", "689.80"),
            ("第三部分",),
            ("2026年，本单位政府采购预算总额10.04万元。",),
        ]
    ]
    tables, prose = split_tables(lines)
    assert len(tables[0].lines) == 1
    assert prose[-1].cells[0].startswith("2026年")


def test_a_table_keeps_the_note_printed_under_it() -> None:
    lines = [
        Line(page=1, cells=c)
        for c in [
            ("“三公”经费支出预算表",),
            ("合计", "1.00"),
            ("注：本单位无“三公”经费，故本表为空表。",),
        ]
    ]
    (table,), _ = split_tables(lines)
    assert "空表" in table.note


def test_a_title_wrapped_onto_a_second_line_is_one_title() -> None:
    lines = [
        Line(page=1, cells=("十一、一般公共预算“三公”经费、会议费、培训费支出预",)),
        Line(page=1, cells=("算表",)),
        Line(page=1, cells=("单位：万元",)),
        Line(page=1, cells=("合计", "因公出国（境）费")),
        Line(page=1, cells=("10.00", "2.00")),
    ]
    (table,), _ = split_tables(lines)
    assert table.kind == "three_public" and table.title.endswith("培训费支出预算表")


def test_a_title_wrapped_inside_its_bracket_is_one_title() -> None:
    lines = [
        Line(page=1, cells=("2210202", "提租补贴", "1,018.01")),
        Line(page=1, cells=("一般公共预算基本支出预算表(经济科",)),
        Line(page=1, cells=("目)",)),
        Line(page=1, cells=("科目编码", "科目名称", "金额")),
        Line(page=1, cells=("301", "工资福利支出", "10.00")),
    ]
    (table,), _ = split_tables(lines)
    assert table.kind == "economic_basic" and table.title.endswith("(经济科目)")
    lines.insert(2, Line(page=1, cells=("公开 08 表",)))  # the label between the two lines
    (table,), _ = split_tables(lines)
    assert table.title.endswith("(经济科目)") and table.label == "公开08表"


def test_a_tables_label_after_its_header_words_makes_no_title_with_them() -> None:
    """Text in the order the PDF draws it: the label '单位预算01表' after the header."""
    lines = [
        Line(page=1, cells=("2026年预算单位财务收支预算总表",)),
        Line(page=1, cells=("本年收入", "本年支出")),
        Line(page=1, cells=("单位预算01表",)),
        Line(page=1, cells=("项目", "预算数", "项目", "预算数")),
        Line(page=1, cells=("一、财政拨款收入", "100.00", "一、一般公共服务支出", "100.00")),
    ]
    (table,), _ = split_tables(lines)
    assert table.kind == "summary"
    lines[2] = Line(page=1, cells=("公开01表",))
    (table,), _ = split_tables(lines)
    assert table.kind == "summary"


def test_a_note_in_the_line_of_the_rows_above_it_ends_the_table_after_them() -> None:
    # text that lost the breaks between a page's rows puts them and the note in one line
    rows = ("221", "住房保障支出", "7,624.66", "229", "其他支出", "109.50")
    lines = [
        Line(page=1, cells=("财政拨款支出决算表",)),
        Line(page=1, cells=("科目编码", "科目名称", "合计")),
        Line(page=1, cells=(*rows, "注：因四舍五入进位，分项金额与合计金额可能存在尾数误差。")),
    ]
    (table,), prose = split_tables(lines)
    assert table.lines[-1].cells == rows
    assert table.note.startswith("注") and prose[-1].cells[0].startswith("注")


def test_a_total_column_title_on_a_line_of_its_own_is_not_the_total_row() -> None:
    lines = [
        Line(page=1, cells=c)
        for c in [
            ("政府采购支出表",),
            ("采购品目大类", "采购品目名称", "采购组织形式", "一般公共"),
            ("预算资金", "其他资金"),
            ("总计",),  # the last column's title, copied a line at a time
            ("合计", "2,959.46", "410.00", "3,369.46"),
            ("货物", "49.99", "49.99"),
        ]
    ]
    (table,), _ = split_tables(lines)
    facts = TableFacts()
    read_table(table, "万元", facts)
    assert [(f.key, f.value) for f in facts.facts] == [("procurement", Decimal("3369.46"))]


@pytest.mark.parametrize(
    "rows",
    [
        [("采购项目", "采购品目", "数量", "合计"), ("合计", "20", "12.00")],
        [("采购品目", "数量", "单价", "金额"), ("合计", "20", "0.60", "12.00")],
        [("项目名称", "采购数量", "预算金额"), ("合计", "", "20", "12.00")],
    ],
)
def test_a_count_of_things_bought_is_not_the_procurement_total(rows: list[tuple]) -> None:
    lines = [Line(page=1, cells=c) for c in [("政府采购预算表",), ("单位：万元",), *rows]]
    (table,), _ = split_tables(lines)
    facts = TableFacts()
    read_table(table, "万元", facts)
    assert [(f.key, f.value) for f in facts.facts] == [("procurement", Decimal("12.00"))]


@pytest.mark.parametrize(
    ("unit_line", "unit"),
    [
        (("单位：人民币元",), "元"),
        (("编制部门：某局", "单位（万元）"), "万元"),
        (("（元）",), "元"),
        (("金额单位/千元",), "千元"),
    ],
)
def test_a_tables_unit_in_other_words(unit_line: tuple[str, ...], unit: str) -> None:
    lines = [
        Line(page=1, cells=("支出总表",)),
        Line(page=1, cells=unit_line),
        Line(page=1, cells=("合计", "3,000,000.00")),
    ]
    (table,), _ = split_tables(lines)
    assert table.unit == unit


def test_a_table_of_one_source_of_funds_is_not_held_to_the_departments_spending() -> None:
    coded = (
        "科目编码\t科目名称\t合计\t基本支出\t项目支出\n合计\t{t}\t{b}\t{p}\n"
        "201\t一般公共服务支出\t{t}\t{b}\t{p}\n20103\t政府办公厅(室)及相关机构事务\t{t}\t{b}\t{p}\n"
    )
    text = (
        "某县某局2024年部门预算\n支出总表\n单位:万元\n"
        + coded.format(t="150.00", b="100.00", p="50.00")
        + "财政专户管理资金预算支出表\n单位:万元\n"
        + coded.format(t="20.00", b="0.00", p="20.00")
    )
    got = to_contract(parse_bytes(text.encode("utf-8"), "funds.txt"))

    assert got["totals"]["expenditure"] == 150.0 and got["totals"]["project"] == 50.0
    assert [f for f in got["findings"] if f["severity"] != "info"] == []


def test_the_three_public_parts_are_the_general_budgets_beside_a_funds_empty_one() -> None:
    table = (
        "单位:万元\n合计\t因公出国(境)费\t公务用车购置及运行费\t公务接待费\n"
        "小计\t公务用车购置费\t公务用车运行费\n{0}\n"
    )
    text = (
        "某县某局2024年部门预算\n一般公共预算“三公”经费支出预算表\n"
        + table.format("12.00\t0.00\t8.00\t0.00\t8.00\t4.00")
        + "政府性基金预算“三公”经费支出预算表\n"
        + table.format("\t".join(["0.00"] * 6))
    )
    got = to_contract(parse_bytes(text.encode("utf-8"), "three.txt"))

    assert got["three_public_parts"]["total"] == 12.0
    assert got["three_public_parts"]["vehicles"] == 8.0
    assert got["three_public_parts"]["reception"] == 4.0


def test_the_appropriations_spending_by_economic_class_gives_economic_rows() -> None:
    text = (
        "某县某局2024年部门预算\n财政拨款支出预算表（部门经济分类科目）\n单位:万元\n"
        "科目编码\t科目名称\t合计\t基本支出\t项目支出\n合计\t150.00\t100.00\t50.00\n"
        "301\t工资福利支出\t80.00\t80.00\n30101\t基本工资\t80.00\t80.00\n"
        "302\t商品和服务支出\t70.00\t20.00\t50.00\n30201\t办公费\t70.00\t20.00\t50.00\n"
    )
    got = to_contract(parse_bytes(text.encode("utf-8"), "economic.txt"))

    assert {(e["code"], e["total"]) for e in got["economic"]} == {
        ("301", 80.0),
        ("30101", 80.0),
        ("302", 70.0),
        ("30201", 70.0),
    }


@pytest.mark.parametrize(
    ("titles", "unit"),
    [
        (("科目名称", "合计(元)", "基本支出(元)", "项目支出(元)"), "元"),
        (("项目", "预算数（万元）"), "万元"),
        (("项目", "单价(元)", "金额(万元)"), None),  # titles that disagree say nothing
    ],
)
def test_a_unit_carried_by_the_column_titles(titles: tuple[str, ...], unit: str | None) -> None:
    lines = [
        Line(page=1, cells=("支出总表",)),
        Line(page=1, cells=titles),
        Line(page=1, cells=("合计", "3,000,000.00")),
    ]
    (table,), _ = split_tables(lines)
    assert table.unit == unit


def test_summary_labels_in_other_words() -> None:
    lines = [
        Line(page=1, cells=c)
        for c in [
            ("收支预算总表",),
            ("项目", "预算数", "项目", "预算数"),
            ("一、财政拨款收入", "480.00", "一、人员经费", "300.00"),
            ("", "", "二、公用经费", "100.00"),
            ("", "", "三、项目支出", "100.00"),
            ("本年收入小计", "480.00", "本年支出小计", "500.00"),
            ("上年结转", "20.00", "", ""),
            ("收入预算合计", "500.00", "支出预算合计", "500.00"),
        ]
    ]
    (table,), _ = split_tables(lines)
    facts = TableFacts()
    read_table(table, "万元", facts)
    read = {f.key: f.value for f in facts.facts}
    assert read["revenue_year"] == Decimal("480.00") and read["expenditure_year"] == Decimal(500)
    assert read["revenue_grand"] == Decimal(500) and read["expenditure_grand"] == Decimal(500)
    assert read["personnel"] == Decimal(300) and read["public"] == Decimal(100)


@pytest.mark.parametrize(
    ("columns", "rows", "this_year", "last_year"),
    [
        (("上年预算数", "本年预算数"), [("450.00", "500.00")] * 2, "500.00", "450.00"),
        (("本年预算数", "上年预算数"), [("500.00", "450.00")] * 2, "500.00", "450.00"),
        (
            ("2025年预算数", "2026年预算数"),
            [("", "500.00"), ("450.00", "500.00")],
            "500.00",
            "450.00",
        ),
        (("年初预算数", "决算数"), [("480.00", "500.00")] * 2, "500.00", None),
    ],
)
def test_a_summary_with_last_years_column_beside_this_years(
    columns: tuple[str, str], rows: list[tuple[str, str]], this_year: str, last_year: str | None
) -> None:
    lines = [
        Line(page=1, cells=c)
        for c in [
            ("部门收支总表",),
            ("项目", *columns, "项目", *columns),
            ("一、一般公共预算拨款收入", *rows[0], "一、一般公共服务支出", *rows[0]),
            ("本年收入合计", *rows[1], "本年支出合计", *rows[1]),
        ]
    ]
    (table,), _ = split_tables(lines)
    facts = TableFacts()
    read_table(table, "万元", facts)
    read = {f.key: f.value for f in facts.facts}
    assert read["revenue_year"] == Decimal(this_year)
    assert read["expenditure_year"] == Decimal(this_year)
    assert read.get("prior:expenditure") == (Decimal(last_year) if last_year else None)


def test_a_sentence_before_a_tables_label_is_not_part_of_its_title() -> None:
    lines = [
        Line(page=1, cells=("2025年“三公”经费预算8.00万元，比上年减少1万元。",)),
        Line(page=2, cells=("公开03表", "支出总表")),
        Line(page=2, cells=("单位：万元",)),
        Line(page=2, cells=("合计", "300.00")),
    ]
    (table,), _ = split_tables(lines)
    assert (table.kind, table.title, table.label) == ("expenditure", "支出总表", "公开03表")


def test_a_spending_total_whose_label_was_set_apart_from_its_row_is_read() -> None:
    # drawn order: the spending side's labels come before the rows, their amounts
    # stay in the income side's lines
    lines = [
        Line(page=1, cells=c)
        for c in [
            ("收支预算总表",),
            ("收入", "支出"),
            ("当年支出小计",),
            ("支出合计",),
            ("一、财政拨款", "9,066.79", "一、基本支出", "5,916.27"),
            ("当年收入小计", "9,146.79", "9,146.79"),
            ("上年结转资金",),
            ("收入合计", "9,146.79", "9,146.79"),
        ]
    ]
    (table,), _ = split_tables(lines)
    facts = TableFacts()
    read_table(table, "万元", facts)
    got = {f.key: f.value for f in facts.facts}
    assert got["expenditure_year"] == got["expenditure_grand"] == Decimal("9146.79")
    assert got["revenue_year"] == Decimal("9146.79")


def parsed(*lines: str) -> dict:
    """The parse of a text file of these lines (TABs between cells)."""
    return to_contract(parse_bytes("\n".join(lines).encode(), "copied.txt"))


def test_last_years_spending_from_the_summary_where_the_text_states_no_change() -> None:
    got = parsed(
        "2026年某县审计局部门预算",
        "部门收支总表",
        "单位：万元",
        "项目\t上年预算数\t本年预算数\t项目\t上年预算数\t本年预算数",
        "一、一般公共预算拨款收入\t450.00\t500.00\t一、一般公共服务支出\t450.00\t500.00",
        "本年收入合计\t450.00\t500.00\t本年支出合计\t450.00\t500.00",
    )
    assert got["totals"]["expenditure"] == 500.0
    assert got["prior_year"]["expenditure"] == 450.0


def test_a_summary_under_group_titles_reads_this_years_column_the_years_name() -> None:
    """'本年收入 | 本年支出' over each side is no column: the titles' own line says which
    of each label's two amounts is this year's, the last row's total standing alone."""
    got = parsed(
        "2026年某县审计局部门预算",
        "部门收支总表",
        "单位：万元",
        "本年收入\t本年支出",
        "项目\t2025年预算数\t2026年预算数\t项目\t2025年预算数\t2026年预算数",
        "一、一般公共预算拨款收入\t450.00\t500.00\t一、一般公共服务支出\t450.00\t500.00",
        "收入总计\t450.00\t500.00\t支出总计\t500.00",
    )
    assert (got["totals"]["revenue"], got["totals"]["expenditure"]) == (500.0, 500.0)


def test_the_appropriations_table_gives_the_spending_where_nothing_else_does() -> None:
    got = parsed(
        "2024年度某县审计局部门决算",
        "一般公共预算财政拨款支出决算表",
        "单位：万元",
        "科目编码\t科目名称\t年初预算数\t决算数",
        "\t合计\t520.00\t500.00",
        "201\t一般公共服务支出\t520.00\t500.00",
    )
    assert got["totals"]["expenditure"] == 500.0
    assert [(r["code"], r["total"]) for r in got["functional"]] == [("201", 500.0)]


def test_the_income_table_gives_the_revenue_before_the_appropriations_summary() -> None:
    """No 收入支出决算总表 to read: the 收入决算表's 合计 is all the revenue, the
    appropriations' summary only its 财政拨款."""
    got = parsed(
        "2024年度某县审计局部门决算",
        "收入决算表",
        "单位：万元",
        "科目编码\t科目名称\t本年收入合计\t财政拨款收入\t其他收入",
        "\t合计\t510.00\t500.00\t10.00",
        "201\t一般公共服务支出\t510.00\t500.00\t10.00",
        "财政拨款收入支出决算总表",
        "单位：万元",
        "项目\t金额\t项目\t金额",
        "一、一般公共预算财政拨款\t500.00\t一、一般公共服务支出\t500.00",
        "本年收入合计\t500.00\t本年支出合计\t500.00",
    )
    assert got["totals"]["revenue"] == 510.0


def test_a_title_printed_again_on_each_page_goes_on_where_the_rows_are_new() -> None:
    # a report system prints the label and title on every page: the rows that go on down
    # the next page are the same table's; the same rows again, with the table's other
    # columns, are a page of their own
    head = "部门公开表05\n2026年一般公共预算支出表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    text = (
        "某县某局2026年部门预算\n"
        + head
        + "合计\t150.00\t100.00\t50.00\n201\t一般公共服务支出\t120.00\t70.00\t50.00\n"
        + "20103\t政府办公厅(室)及相关机构事务\t120.00\t70.00\t50.00\n\f"
        + head
        + "208\t社会保障和就业支出\t30.00\t30.00\t\n20805\t行政事业单位养老支出\t30.00\t30.00\t\n"
    )
    tables, _ = split_tables(
        [Line(page=1 + text[:i].count("\f"), cells=tuple(ln.split("\t"))) for i, ln in _lines(text)]
    )
    assert [
        (t.label, len([ln for ln in t.lines if ln.cells[0][:1].isdigit()])) for t in tables
    ] == [("部门公开表05", 4)]
    again = text.replace(
        "208\t社会保障和就业支出\t30.00\t30.00\t\n20805\t行政事业单位养老支出\t30.00\t30.00\t\n",
        "201\t一般公共服务支出\t120.00\t70.00\t50.00\n",
    )
    tables, _ = split_tables(
        [
            Line(page=1 + again[:i].count("\f"), cells=tuple(ln.split("\t")))
            for i, ln in _lines(again)
        ]
    )
    assert len(tables) == 2


def _lines(text: str) -> list[tuple[int, str]]:
    out, at = [], 0
    for line in text.replace("\f", "\n").split("\n"):
        if line:
            out.append((at, line))
        at += len(line) + 1
    return out


@pytest.mark.parametrize(
    ("before", "label"),
    [("表3-1-2", "表3-1-2"), ("部门公开表01", "部门公开表01"), ("表1-1", "表1-1")],
)
def test_a_label_on_the_line_before_a_short_title(before: str, label: str) -> None:
    lines = [Line(page=1, cells=(before,)), Line(page=1, cells=("支出总表",))]
    lines += [
        Line(page=1, cells=("科目编码", "科目名称", "合计")),
        Line(page=1, cells=("合计", "", "1.00")),
    ]
    tables, _ = split_tables(lines)
    assert [(t.label, t.title) for t in tables] == [(label, "支出总表")]


@pytest.mark.parametrize(
    ("title", "scope"),
    [
        ("一般公共预算项目支出预算表", "general"),
        ("部门项目支出预算表", "all"),
        ("财政拨款支出预算表(部门经济分类科目)", "fiscal"),
        ("一般公共预算支出表(部门经济分类科目)", "general"),
        ("一般公共预算财政拨款支出决算表", "general"),
        ("财政拨款收入支出决算总表", "fiscal"),
    ],
)
def test_a_tables_money_from_the_words_of_its_title(title: str, scope: str) -> None:
    from disclosures.parsing.facts import scope_of
    from disclosures.parsing.tables import Table

    line = Line(page=1, cells=(title,))
    kind = kind_of(title)
    if "经济分类" in title:
        kind = "economic_all"
    assert scope_of(Table(kind, title, title, "万元", line)) == scope


def test_project_spending_split_by_kind_with_no_subtotal_is_their_sum() -> None:
    text = (
        "某县某局2026年部门预算\n部门支出总表\n单位：万元\n"
        "科目编码\t科目名称\t合计\t基本支出\t项目支出\t\n"
        "\t\t\t\t其他运转类项目\t特定目标类项目\n"
        "合计\t\t150.00\t100.00\t20.00\t30.00\n"
        "201\t一般公共服务支出\t150.00\t100.00\t20.00\t30.00\n"
    )
    got = to_contract(parse_bytes(text.encode("utf-8"), "kinds.txt"))
    assert (got["totals"]["basic"], got["totals"]["project"]) == (100.0, 50.0)
    assert [(f["code"], f["project"]) for f in got["functional"]] == [("201", 50.0)]


def test_a_continuation_mark_under_a_running_head_goes_on_with_the_table() -> None:
    # '续表' under the page's running head is no wrapped end of a title made with it
    lines = [
        Line(page=1, cells=("收入支出决算总表",)),
        Line(page=1, cells=("项目", "行次", "金额")),
        Line(page=1, cells=("一般公共预算财政拨款收入", "1", "100.00")),
        Line(page=2, cells=("某区城市管理局", "2024年度部门决算")),
        Line(page=2, cells=("续表",)),
        Line(page=2, cells=("本年收入合计", "7", "100.00")),
    ]
    tables, _ = split_tables(lines)
    assert [(t.title, len(t.lines)) for t in tables] == [("收入支出决算总表", 4)]


@pytest.mark.parametrize(
    "note",
    [
        "本部门无政府性基金预算收支，此表为空表",
        "本单位2026年无国有资本经营预算支出，本表无数据",
        "我单位没有政府性基金预算拨款安排的支出，故政府性基金预算支出表为空表",
    ],
)
def test_a_line_saying_its_table_is_empty_is_its_note_and_no_title(note: str) -> None:
    lines = [
        Line(page=1, cells=("政府性基金预算支出表",)),
        Line(page=1, cells=("单位：万元",)),
        Line(page=1, cells=("功能分类科目编码", "科目名称", "合计")),
        Line(page=1, cells=(note,)),
        Line(page=1, cells=("第 3 页，共 8 页",)),
    ]
    assert title_of(lines[3]) is None
    (table,), _ = split_tables(lines)
    assert (table.kind, table.note) == ("gov_fund", note)


def test_a_title_wrapped_after_the_body_and_year_is_one_title() -> None:
    lines = [
        Line(page=1, cells=("某县市政环卫管理局2025年一般公共预算基本",)),
        Line(page=1, cells=("支出预算表",)),
        Line(page=1, cells=("单位：万元",)),
        Line(page=1, cells=("经济分类科目", "合计")),
        Line(page=1, cells=("301", "工资福利支出", "100.00")),
    ]
    tables, _ = split_tables(lines)
    assert [(t.kind, t.title) for t in tables] == [
        ("economic_basic", "某县市政环卫管理局2025年一般公共预算基本支出预算表")
    ]


def test_a_title_typed_again_over_its_rest_with_continued_goes_on_with_the_table() -> None:
    header = ("单位名称", "项目名称", "合计")
    lines = [
        Line(page=1, cells=("表10",)),
        Line(page=1, cells=("某局2025年部门项目支出预算表",)),
        Line(page=1, cells=header),
        Line(page=1, cells=("某局（本级）", "道路保洁服务", "86.00")),
        Line(page=1, cells=("某局（本级）", "户外广告整治", "45.00")),
        Line(page=2, cells=("某局2025年部门项目支出预算表",)),
        Line(page=2, cells=("(续表)",)),
        Line(page=2, cells=header),
        Line(page=2, cells=("某局（本级）", "公厕运行维护", "20.00")),
        Line(page=2, cells=("合计", "", "151.00")),
    ]
    tables, _ = split_tables(lines)
    assert [(t.label, t.kind) for t in tables] == [("表10", "project")]
    assert tables[0].lines[-1].cells == ("合计", "", "151.00")


def test_a_summary_split_over_two_pages_under_one_title_and_the_column_numbers_is_one_table() -> (
    None
):
    lines = [
        Line(page=1, cells=("公开04表",)),
        Line(page=1, cells=("财政拨款收入支出决算总表",)),
        Line(page=1, cells=("项目", "行次", "金额")),
        Line(page=1, cells=("栏次", "1")),
        Line(page=1, cells=("一、一般公共预算财政拨款", "1", "900.00")),
        Line(page=1, cells=("收入总计", "2", "900.00")),
        Line(page=2, cells=("续表",)),
        Line(page=2, cells=("财政拨款收入支出决算总表",)),
        Line(page=2, cells=("项目", "行次", "金额")),
        Line(page=2, cells=("栏次", "1")),
        Line(page=2, cells=("一、一般公共服务支出", "3", "900.00")),
        Line(page=2, cells=("支出总计", "4", "900.00")),
    ]
    tables, _ = split_tables(lines)
    assert [(t.label, t.kind) for t in tables] == [("公开04表", "fiscal_summary")]
