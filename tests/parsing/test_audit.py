"""The audit on small documents written for each rule: it reports what is printed."""

from __future__ import annotations

import pytest

from disclosures.parsing import parse_bytes, to_contract
from disclosures.parsing.audit import RULES

HEAD = "2026 年度\n示例市社会保险中心\n单位预算\n目录\n第二部分 单位预算表\n"
SUMMARY = (
    "收支预算总表\n单位：万元\n项目\t预算数\t项目\t预算数\n"
    "一、一般公共预算拨款收入\t{revenue}\t八、社会保障和就业支出\t{summary208}\n"
    "本年收入合计\t{revenue}\t本年支出合计\t{spending}\n收入合计\t{revenue}\t支出合计\t{spending}\n"
)
SPENDING = (
    "支出预算总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    "合计\t\t{spending}\t{basic}\t{project}\n"
    "208\t社会保障和就业支出\t{class208}\t{basic}\t{project}\n"
    "20801\t人力资源和社会保障管理事务\t{item}\t{basic}\t{project}\n"
)
TEXT = "第三部分 情况说明\n{narrative}\n"


def parse(narrative: str = "", note: str = "", **values: str) -> dict:
    numbers = {
        "revenue": "100.00",
        "spending": "100.00",
        "class208": "100.00",
        "basic": "60.00",
        "project": "40.00",
        "item": "100.00",
    } | values
    numbers.setdefault("summary208", numbers["class208"])
    text = (
        HEAD
        + SUMMARY.format(**numbers)
        + SPENDING.format(**numbers)
        + note
        + TEXT.format(narrative=narrative)
    )
    return to_contract(parse_bytes(text.encode(), "example.txt"))


def found(result: dict, rule: str) -> list[dict]:
    return [f for f in result["findings"] if f["rule"] == rule]


def test_a_consistent_document_has_no_findings() -> None:
    assert parse()["findings"] == []


def test_it_reports_a_parent_that_is_not_the_sum_of_its_items() -> None:
    (finding,) = found(parse(item="99.00"), "children_sum")
    assert (
        finding["where"] == "208"
        and "99.00" in finding["message"]
        and finding["severity"] == "warning"
    )


def test_rounding_the_document_warns_of_is_info() -> None:
    result = parse(item="99.99", note="注：本套报表金额单位转换时可能存在尾数误差。\n")
    (finding,) = found(result, "children_sum")
    assert finding["severity"] == "info"


def test_it_reports_a_row_whose_parts_do_not_add_up() -> None:
    result = parse(
        class208="100.00", basic="60.00", project="41.00", spending="100.00", item="100.00"
    )
    assert {f["where"] for f in found(result, "row_sum")} >= {"208"}


def test_it_reports_a_summary_that_disagrees_with_the_detail_table() -> None:
    result = parse(summary208="90.00")
    (finding,) = found(result, "cross_table")
    assert "208" in finding["message"] and "90.00" in finding["message"]


def test_it_reports_a_change_stated_two_ways() -> None:
    result = parse(
        narrative="本单位支出总计100.00万元，比上年减少10.00万元。支出100.00万元，比上年减少10.01万元。"
    )
    (finding,) = found(result, "narrative_mismatch")
    assert finding["where"] == "prior_year"
    assert result["prior_year"]["expenditure"] in (110.0, 110.01)


def test_it_reports_a_stated_share_that_the_amounts_contradict() -> None:
    result = parse(
        narrative="支出预算100.00万元，其中：基本支出60.00万元，占61.00%；项目支出40.00万元，占40.00%。"
    )
    (finding,) = found(result, "share_mismatch")
    assert finding["where"] == "basic"


def test_it_reports_a_percentage_that_does_not_match_the_change() -> None:
    result = parse(narrative="支出预算100.00万元，比上年增加20.00万元，增长30.00%。")
    (finding,) = found(result, "change_mismatch")
    assert "25.00" in finding["message"]


def test_it_reports_a_figure_given_in_yuan_where_the_tables_use_wan() -> None:
    result = parse(narrative="（一）20801-人力资源和社会保障管理事务 100.00 元。")
    (finding,) = found(result, "unit_mismatch")
    assert finding["where"] == "20801"


def test_every_rule_is_listed_once() -> None:
    names = [name for name, _ in RULES]
    assert len(names) == len(set(names))


def test_it_reports_a_change_that_would_make_last_year_negative() -> None:
    result = parse(narrative="政府性基金拨款支出预算0万元，比上年预算增加12.00万元。")
    assert any("政府性基金" in f["message"] for f in found(result, "narrative_mismatch"))


def test_it_reports_procurement_parts_that_do_not_add_up() -> None:
    text = "政府采购预算总额10.00万元，其中：政府采购货物预算4.00万元、政府采购工程预算0万元、政府采购服务预算5.00万元。"
    (finding,) = found(parse(narrative=text), "children_sum")
    assert finding["where"] == "procurement" and "9.00" in finding["message"]


@pytest.mark.parametrize("link", ["为", "共计"])
def test_it_reports_a_reason_that_contradicts_the_change(link: str) -> None:
    text = (
        "1.“社会保障和就业支出(类)人力资源和社会保障管理事务(款)信息化建设(项)”100.00万元，主要用于系统。"
        f"2025年当年预算执行数{link}110.00万元，2026年预算安排100.00万元，比2025年预算执行数减少9.09%。"
        "主要原因是：信息化经费增加。"
    )
    result = parse(narrative=text)
    assert any(f["where"] == "2080108" for f in found(result, "narrative_mismatch"))


def test_it_reports_a_share_of_an_amount_the_text_names() -> None:
    text = (
        "截至年底，本单位固定资产总额为200.00万元，其中房屋150.00万元，占固定资产总额的75.00%；"
        "设备40.00万元，占固定资产总额的25.00%；无形资产10.00万元，占固定资产总额的5.00%。"
    )
    (finding,) = found(parse(narrative=text), "share_mismatch")
    assert finding["where"] == "设备" and "20.00%" in finding["message"]


def test_a_named_share_that_holds_or_names_no_amount_is_not_reported() -> None:
    holds = "授予中小企业合同金额8.00万元，占政府采购支出总额的80.00%，其中授予小微企业合同金额6.00万元，占授予中小企业合同金额的75.00%。"
    unnamed = "设备40.00万元，占固定资产总额的25.00%。"
    assert found(parse(narrative=holds + unnamed), "share_mismatch") == []


def test_it_reports_a_summary_line_the_text_restates_with_another_figure() -> None:
    summary = SUMMARY.replace("本年收入合计", "使用非财政拨款结余\t18.78\t\t\n本年收入合计")
    text = "2026年收支总预算100.00万元，其中使用非财政拨款结余18.73万元。"
    doc = (
        HEAD
        + summary.format(revenue="100.00", summary208="100.00", spending="100.00")
        + TEXT.format(narrative=text)
    )
    result = to_contract(parse_bytes(doc.encode(), "example.txt"))
    (finding,) = found(result, "narrative_mismatch")
    assert finding["where"] == "使用非财政拨款结余" and "18.78" in finding["message"]


def test_a_cent_in_the_text_of_a_document_in_yuan_is_rounding() -> None:
    """Tables in 元, sentences in 万元 to the cent: a cent off in the sentences is the
    sentences' rounding, not a contradiction."""
    doc = (
        HEAD
        + SUMMARY.replace("万元", "元").format(
            revenue="1000000", summary208="1000000", spending="1000000"
        )
        + TEXT.format(
            narrative="政府采购预算总额10.00万元，其中：政府采购货物预算4.00万元、"
            "政府采购工程预算0万元、政府采购服务预算6.01万元。"
        )
    )
    (finding,) = found(to_contract(parse_bytes(doc.encode(), "example.txt")), "children_sum")
    assert finding["where"] == "procurement" and finding["severity"] == "info"


YUAN = (
    "支出预算总表\n单位：元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    "合计\t{a}\t{b}\t400,000\n"
    "208\t社会保障和就业支出\t{a}\t{b}\t400,000\n"
    "20801\t人力资源和社会保障管理事务\t{c}\t{d}\t400,000\n"
    "2080101\t行政运行\t{d}\t{d}\n"
    "2080102\t一般行政管理事务\t400,000\t\t400,000\n"
)


def test_yuan_kept_to_a_hundred_round_to_a_hundred() -> None:
    # every amount ends in 00: figures kept in 万元 to the cent, printed in 元
    kept = YUAN.format(a="1,000,000", b="600,000", c="1,000,100", d="600,100")
    (finding,) = found(to_contract(parse_bytes((HEAD + kept).encode(), "yuan.txt")), "children_sum")
    assert finding["severity"] == "info"
    # amounts to the yuan: a hundred yuan apart is no rounding
    exact = YUAN.format(a="1,000,003", b="600,003", c="1,000,103", d="600,103")
    (finding,) = found(
        to_contract(parse_bytes((HEAD + exact).encode(), "yuan.txt")), "children_sum"
    )
    assert finding["severity"] == "warning"


def _listed_three_tables(income: str) -> str:
    """A document whose contents list three tables, the summary and spending tables, then
    the income table as `income` prints it."""
    contents = "2026 年度\n示例市社会保险中心\n单位预算\n目录\n一、收支预算总表\n二、支出预算总表\n三、收入总表\n"
    numbers = dict(revenue="100.00", spending="100.00", summary208="100.00")
    numbers |= dict(class208="100.00", basic="60.00", project="40.00", item="100.00")
    return contents + SUMMARY.format(**numbers) + SPENDING.format(**numbers) + income


def test_a_table_whose_title_lost_its_line_break_is_not_missing() -> None:
    glued = "20801 人力资源和社会保障管理事务 100.00 60.00 40.00收入总表(预算表 3) 单位：万元\n"
    text = _listed_three_tables(glued)
    got = to_contract(parse_bytes(text.encode(), "example.txt"))
    assert not [f for f in got["findings"] if f["rule"] == "missing_table"]
    dropped = text.replace(glued, "")
    got = to_contract(parse_bytes(dropped.encode(), "example.txt"))
    assert [f["where"] for f in got["findings"] if f["rule"] == "missing_table"] == ["三、收入总表"]


def test_a_table_whose_title_shares_its_line_with_the_body_and_unit_is_not_missing() -> None:
    income = "收入总表\t单位名称:\t示例市社会保险中心\n项目\t本年收入(万元)\n合计\t100.00\n"
    text = _listed_three_tables(income)
    got = to_contract(parse_bytes(text.encode(), "example.txt"))
    assert not [f for f in got["findings"] if f["rule"] == "missing_table"]


def _target_form(name: str, amount: str) -> str:
    return (
        "项目支出绩效目标表\n"
        f"项目名称\t{name}\t项目性质\t经常性项目\n"
        f"项目资金总额\t{amount}\t年度资金申请总额\t{amount}\n"
        f"项目资金（元）\t其中：财政资金\t{amount}\n"
        "一级指标\t二级指标\t三级指标\t年度指标值\n"
        "产出指标\t数量指标\t培训人次\t≥300人次\n"
    )


@pytest.mark.parametrize(
    ("count", "money", "reported"),
    [
        ("2", "25.00", True),  # the forms add to 20.00
        ("2", "20.00", False),
        ("3", "25.00", False),  # not the forms printed: nothing to add up
    ],
)
def test_it_reports_target_forms_that_do_not_add_to_the_money_stated(
    count: str, money: str, reported: bool
) -> None:
    sentence = f"本部门编报绩效目标的项目{count}个，涉及项目预算资金{money}万元。\n"
    forms = _target_form("社保卡发放", "120,000.00") + _target_form("系统运维", "80,000.00")
    got = found(parse(sentence + forms), "narrative_mismatch")
    assert [f["where"] for f in got] == (["绩效目标"] if reported else [])


@pytest.mark.parametrize(
    ("head", "lines", "template"),
    [
        (HEAD, 1, False),  # a slip: a warning where it stands
        (HEAD, 6, True),  # a blank template: said once, as info
        (HEAD.replace("示例市社会保险中心", "示例市XX中心"), 2, True),  # its own name a placeholder
    ],
)
def test_placeholders_are_slips_unless_the_file_is_a_blank_template(
    head: str, lines: int, template: bool
) -> None:
    narrative = "\n".join(f"{i}、XX科负责第{i}项工作。" for i in range(1, lines + 1))
    text = (
        HEAD
        + SUMMARY.format(revenue="100.00", spending="100.00", summary208="100.00")
        + TEXT.format(narrative=narrative)
    )
    got = to_contract(parse_bytes(text.replace(HEAD, head).encode(), "example.txt"))
    marks = [(f["severity"], f["where"]) for f in found(got, "placeholder")]
    if template:
        assert ("info", "template") in marks and all(s == "info" for s, _ in marks)
    else:
        assert marks == [("warning", "XX")] * lines


@pytest.mark.parametrize(
    ("narrative", "reported"),
    [
        # shares swapped between the two: both contradict their amounts
        ("本年支出100.00万元，其中：基本支出60.00万元，占40.00%；项目支出40.00万元，占60.00%。", 2),
        # copied out of reading order: each share set after the wrong amount, the right
        # one straight after it
        ("本年支出100.00万元，其中：基本支出60.00万元，占项目支出40.00万元，占60.00%；40.00%。", 0),
    ],
)
def test_a_share_followed_by_the_one_its_amount_gives_is_a_reading_slip(
    narrative: str, reported: int
) -> None:
    assert len(found(parse(narrative), "share_mismatch")) == reported
