"""Carry-overs (结转结余) on small documents: the summary's identity, the text's
carry-overs against the summary, carry-over booked as appropriations, and the text's
list of key projects against the project table."""

from __future__ import annotations

from disclosures.parsing import parse_bytes, to_contract

HEAD = "2026 年度\n示例市社会保险中心\n部门预算\n目录\n第二部分 部门预算表\n"
BUDGET = (
    "收支总体情况表\n单位：万元\n项目\t预算数\t项目\t预算数\n"
    "一、预算拨款\t90.00\t八、社会保障和就业支出\t100.00\n"
    "本年收入合计\t90.00\t本年支出合计\t100.00\n"
    "{carried_label}\t{carried}\t结转结余下年\t0.00\n"
    "收入总计\t100.00\t支出总计\t{spent}\n"
)
SPENDING = (
    "本年支出总体情况表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    "合计\t\t100.00\t60.00\t40.00\n"
    "208\t社会保障和就业支出\t100.00\t60.00\t40.00\n"
    "20801\t人力资源和社会保障管理事务\t100.00\t60.00\t40.00\n"
)
FINAL = (
    "收入支出决算总表\n单位：万元\n项目\t决算数\t项目\t决算数\n"
    "一、一般公共预算财政拨款收入\t90.00\t八、社会保障和就业支出\t100.00\n"
    "本年收入合计\t90.00\t本年支出合计\t100.00\n"
    "使用非财政拨款结余(含专用结余)\t5.00\t结余分配\t1.00\n"
    "年初结转和结余\t{brought}\t年末结转和结余\t{carried}\n"
    "总计\t110.00\t总计\t110.00\n"
)
TEXT = "第三部分 情况说明\n{narrative}\n"


def parse(tables: str, narrative: str = "") -> dict:
    text = HEAD + tables + SPENDING + TEXT.format(narrative=narrative)
    return to_contract(parse_bytes(text.encode(), "example.txt"))


def budget(carried: str = "10.00", spent: str = "100.00", label: str = "上年结转结余") -> str:
    return BUDGET.format(carried=carried, spent=spent, carried_label=label)


def carry_findings(result: dict) -> list[dict]:
    return [f for f in result["findings"] if f["rule"] == "carry_over"]


def test_a_summary_whose_carry_overs_hold_has_no_carry_finding() -> None:
    assert carry_findings(parse(budget())) == []
    assert carry_findings(parse(FINAL.format(brought="15.00", carried="9.00"))) == []


def test_it_reports_a_carry_over_that_does_not_make_the_budget_total() -> None:
    (finding,) = carry_findings(parse(budget(carried="12.00")))
    assert finding["where"] == "收支总体情况表" and finding["severity"] == "warning"
    assert "上年结转结余 12.00" in finding["message"] and "102.00" in finding["message"]


def test_it_reads_any_province_wording_of_the_carry_over() -> None:
    for label in ("上年结转", "上年结转资金", "年初结转和结余"):
        (finding,) = carry_findings(parse(budget(carried="12.00", label=label)))
        assert label in finding["message"]


def test_it_holds_a_final_account_to_its_identity_on_both_sides() -> None:
    result = parse(FINAL.format(brought="15.00", carried="8.00"))
    (finding,) = carry_findings(result)
    assert "结余分配 1.00 + 年末结转和结余 8.00 = 109.00" in finding["message"]


def test_it_reads_a_grand_total_printed_as_a_bare_heji() -> None:
    """高等学校收支决算总表 prints its 总计 lines as 合计."""
    final = FINAL.format(brought="15.00", carried="8.00").replace("总计\t", "合计\t")
    (finding,) = carry_findings(parse(final))
    assert "its 合计 is 110.00" in finding["message"]


def test_a_cent_of_rounding_in_the_identity_is_info() -> None:
    (finding,) = carry_findings(parse(budget(carried="10.01")))
    assert finding["severity"] == "info"


def test_a_summary_whose_reading_fails_is_not_held_to_its_carry_overs() -> None:
    """收入总计 and 支出总计 differ as read: the summary's lines are not trusted."""
    result = parse(budget(carried="12.00", spent="90.00"))
    assert carry_findings(result) == []


def test_it_reports_a_carry_over_the_text_states_with_another_figure() -> None:
    result = parse(budget(), "本部门上年结转11万元，结转下年0万元。")
    (finding,) = carry_findings(result)
    assert finding["where"] == "上年结转" and "10.00" in finding["message"]


def test_the_text_stated_at_its_own_precision_or_in_part_is_not_reported() -> None:
    text = (
        "上年结转结余为10万元。结转结余下年0万元。上年结转结余的一般公共预算收入5万元。"
        "年初财政拨款结转和结余3万元。"
    )
    assert carry_findings(parse(budget(), text)) == []


FISCAL = (
    "财政拨款收支总体情况表\n单位：万元\n项目\t预算数\t项目\t预算数\n"
    "一、一般公共预算\t90.00\t八、社会保障和就业支出\t90.00\n"
    "本年收入合计\t90.00\t本年支出合计\t90.00\n"
    "收入总计\t90.00\t支出总计\t90.00\n"
)
BY_SOURCE = (
    "部门预算项目支出及其他支出预算表\n单位：万元\n"
    "支出项目类别\t总计\t财政拨款\t\t\t\t财政专户拨款\t其他资金\n"
    "\t\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算\n"
    "合计\t100.00\t{appropriations}\t{appropriations}\t0.00\t0.00\t0.00\t{other}\n"
    "示例项目甲经费\t{project}\t{project}\t{project}\t0.00\t0.00\t0.00\t0.00\n"
    "示例项目丙经费\t70.00\t60.00\t60.00\t0.00\t0.00\t0.00\t10.00\n"
)


def by_source(appropriations: str = "100.00", other: str = "0.00", project: str = "30.00") -> str:
    return BY_SOURCE.format(appropriations=appropriations, other=other, project=project)


def test_it_reports_carry_over_booked_as_appropriations_by_source() -> None:
    result = parse(budget() + FISCAL + by_source())
    (finding,) = [f for f in result["findings"] if f["message_id"] == "carry_as_appropriations"]
    assert finding["rule"] == "cross_table" and "上年结转结余 10.00" in finding["message"]


def test_carry_over_booked_apart_from_the_appropriations_is_not_reported() -> None:
    result = parse(budget() + FISCAL + by_source(appropriations="90.00", other="10.00"))
    assert [f for f in result["findings"] if f["message_id"] == "carry_as_appropriations"] == []


PROJECTS = (
    "七、重点项目预算绩效目标情况\n"
    "项目\t预算数(单位:万元)\t绩效目标\n"
    "示例项目甲经费\t{stated}\t完成示例工作，提高服务质量。\n"
    "示例项目乙经费\t20\t完成另一项工作。\n"
    "示例项目丙经费\t70\t完成第三项工作。\n"
    "八、其他\n"
)


def project_findings(stated: str, other_row: str = "70") -> list[dict]:
    tables = budget() + FISCAL + by_source(appropriations="90.00", other="10.00")
    result = parse(tables, PROJECTS.format(stated=stated).replace("\t70\t", f"\t{other_row}\t"))
    return [f for f in result["findings"] if f["message_id"] == "stated_project"]


def test_it_reports_a_listed_project_whose_amount_is_not_its_table_row() -> None:
    (finding,) = project_findings("25")
    assert finding["where"] == "示例项目甲经费" and "30.00" in finding["message"]


def test_a_listed_project_as_its_row_prints_it_or_without_a_row_is_not_reported() -> None:
    assert project_findings("30") == []


def test_a_list_none_of_whose_amounts_is_its_rows_is_not_read_and_not_reported() -> None:
    """Another unit or another column: the list's reading does not prove itself."""
    assert project_findings("25", other_row="71") == []


def test_project_names_wrapped_over_lines_in_the_list_and_the_table_are_compared() -> None:
    # text copied a line at a time: each name wraps, in the table and in the list
    table = by_source(appropriations="90.00", other="10.00").replace(
        "示例项目甲经费\t", "示例项目甲\n经费\t"
    )
    listed = (
        "七、重点项目预算绩效目标情况\n项目\t预算数(单位:万元)\t绩效目标\n"
        "示例项目\n甲经费\n25\n完成示例工作，\n提高服务质量。\n"
        "示例项目丙\n经费 70\n完成第三项工作。\n八、其他\n"
    )
    result = parse(budget() + FISCAL + table, listed)
    found = [f for f in result["findings"] if f["message_id"] == "stated_project"]
    assert [(f["where"], "30.00" in f["message"]) for f in found] == [("示例项目甲经费", True)]


def test_a_carry_over_named_with_another_source_is_no_statement_of_it() -> None:
    # '单位资金及上年结转30.00万元': the two together, not the carry-over alone
    said = "按资金来源分，财政拨款70.00万元，单位资金及上年结转30.00万元。"
    assert carry_findings(parse(budget(), said)) == []
    alone = "按资金来源分，财政拨款70.00万元，上年结转30.00万元。"
    assert carry_findings(parse(budget(), alone)) != []
