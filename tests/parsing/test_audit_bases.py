"""What a stated figure is compared with: the base a share names, the item a sentence is
about, the money a table covers; and rows read out of their order."""

from __future__ import annotations

import pytest

from disclosures.parsing import parse_bytes, to_contract

HEAD = "2025 年度\n示例区文化局\n部门决算\n第二部分 部门决算表\n"
GENERAL_ROWS = (
    "207\t文化旅游体育与传媒支出\t70.00\t30.00\t40.00\n"
    "20701\t文化和旅游\t70.00\t30.00\t40.00\n"
    "2070101\t行政运行\t30.00\t30.00\t0.00\n"
    "2070108\t文化活动\t40.00\t0.00\t40.00\n"
    "208\t社会保障和就业支出\t30.00\t30.00\t0.00\n"
    "20805\t行政事业单位养老支出\t30.00\t30.00\t0.00\n"
    "2080505\t机关事业单位基本养老保险缴费支出\t30.00\t30.00\t0.00\n"
)
SPENDING = (
    "支出决算表\n单位：万元\n科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\n"
    "合计\t\t{total}\t60.00\t{project}\n"
)
FUND_ROWS = (
    "221\t住房保障支出\t5.00\t0.00\t5.00\n"
    "22103\t城乡社区住宅\t5.00\t0.00\t5.00\n"
    "2210399\t其他城乡社区住宅支出\t5.00\t0.00\t5.00\n"
)
GENERAL = (
    "一般公共预算财政拨款支出决算表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    "合计\t\t100.00\t60.00\t40.00\n"
    "{rows}"
)
# the same rows with each row's amounts set against the wrong code, as a PDF's text
# comes out where the amounts were typeset apart from the names
SCRAMBLED_ROWS = (
    "207\t文化旅游体育与传媒支出\t30.00\t30.00\t0.00\n"
    "20701\t文化和旅游\t40.00\t0.00\t40.00\n"
    "2070101\t行政运行\t70.00\t30.00\t40.00\n"
    "2070108\t文化活动\t30.00\t30.00\t0.00\n"
    "208\t社会保障和就业支出\t70.00\t30.00\t40.00\n"
    "20805\t行政事业单位养老支出\t30.00\t30.00\t0.00\n"
    "2080505\t机关事业单位基本养老保险缴费支出\t40.00\t0.00\t40.00\n"
)


FISCAL = (
    "财政拨款收入支出决算总表\n单位：万元\n项目\t决算数\t项目\t决算数\n"
    "一、一般公共预算财政拨款\t100.00\t七、文化旅游体育与传媒支出\t70.00\n"
    "二、政府性基金预算财政拨款\t5.00\t八、社会保障和就业支出\t30.00\n"
    "\t\t十九、住房保障支出\t5.00\n"
    "本年收入合计\t105.00\t本年支出合计\t105.00\n"
)


def parse(narrative: str = "", rows: str = GENERAL_ROWS, fund: bool = False) -> dict:
    total, project = ("105.00", "45.00") if fund else ("100.00", "40.00")
    text = (
        HEAD
        + SPENDING.format(total=total, project=project)
        + GENERAL_ROWS
        + (FUND_ROWS if fund else "")
        + (FISCAL if fund else "")
        + GENERAL.format(rows=rows)
        + "第三部分 情况说明\n"
        + narrative
        + "\n"
    )
    return to_contract(parse_bytes(text.encode(), "final.txt"))


def warnings(got: dict, rule: str | None = None) -> list[dict]:
    return [
        f
        for f in got["findings"]
        if f["severity"] != "info" and (rule is None or f["rule"] == rule)
    ]


def test_a_three_public_parts_share_is_of_the_three_public_total() -> None:
    # the 三公 total is stated well before the sentence of shares, as in a 决算 说明
    text = (
        "“三公”经费财政拨款支出决算为3.04万元。"
        + "主要原因是严格控制经费支出。" * 8
        + "“三公”经费财政拨款支出决算中，因公出国（境）费"
        "支出决算0万元，占0%；公务用车购置及运行维护费支出决算2.64万元，占86.84%；"
        "公务接待费支出决算0.40万元，占{}%。"
    )
    assert warnings(parse(text.format("13.16")), "share_mismatch") == []
    (wrong,) = warnings(parse(text.format("23.16")), "share_mismatch")
    assert wrong["where"] == "three_public"


@pytest.mark.parametrize(
    ("stated", "noted"),
    [
        # 30.00 of 70.00 printed to the cent may be 29.995…30.005 of 69.995…70.005, that
        # is 42.847%…42.867%: '42.85%' is a share the amounts allow, nothing to note
        ("42.85", []),
        # '42.84%' is one printed digit off the nearest of them: rounding, a note
        ("42.84", ["info"]),
    ],
)
def test_a_share_one_printed_digit_off_the_base_it_names_is_rounding(
    stated: str, noted: list[str]
) -> None:
    got = parse(
        f"一般公共预算财政拨款支出70.00万元，其中：社会保障和就业支出（类）30.00万元，占{stated}%。"
    )
    assert warnings(got, "share_mismatch") == []
    assert [f["severity"] for f in got["findings"] if f["rule"] == "share_mismatch"] == noted


def test_an_items_spending_this_year_is_not_the_departments() -> None:
    got = parse(
        "1.文化旅游体育与传媒支出（类）文化和旅游（款）文化活动（项），主要用于群众文化活动。"
        "年初预算为45.00万元，当年支出决算为40.00万元，决算数小于预算数的主要原因：费用节省。"
    )
    assert warnings(got, "narrative_mismatch") == []
    assert got["totals"]["expenditure"] == 100.0


def test_the_general_budgets_appropriations_are_not_held_to_all_funds() -> None:
    """All funds include a 政府性基金 project (105.00); the general budget's table gives
    100.00: two scopes, no contradiction."""
    got = parse(fund=True)
    assert warnings(got, "cross_table") == []
    assert got["totals"]["expenditure"] == 105.0


def test_rows_read_out_of_their_order_fail_the_tables_own_sums() -> None:
    got = parse(rows=SCRAMBLED_ROWS)
    assert warnings(got) == []
    assert got["needs_review"]["needed"]
    (check,) = [c for c in got["table_checks"] if c["title"].startswith("一般公共预算")]
    assert not check["verified"] and any("其下各项之和" in f for f in check["failed"])
    ordered = parse()
    assert all(c["verified"] for c in ordered["table_checks"] if c["identities"])


def test_a_table_cut_short_by_a_page_with_no_text_is_not_held_to_its_total() -> None:
    """The 208 rows stand on the next page, an image no one read: the classes read fall
    short of the 合计 because the rest is unread, not because the document is wrong."""
    table = (
        "支出决算表\n单位：万元\n科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\n"
        "合计\t\t100.00\t60.00\t40.00\n" + GENERAL_ROWS.split("208\t")[0]
    )
    cut = to_contract(parse_bytes((HEAD + table + "\f\f第三部分 情况说明\n").encode(), "cut.txt"))
    assert warnings(cut) == [] and cut["needs_review"]["needed"]
    assert any("无文字" in r for r in cut["needs_review"]["reasons"])
    whole = to_contract(parse_bytes((HEAD + table + "\f第三部分 情况说明\n").encode(), "t.txt"))
    assert warnings(whole, "children_sum")  # with nothing unread, the shortfall is the document's


SUMMARY = (
    "收入支出决算总表\n单位：万元\n项目\t决算数\t项目\t决算数\n"
    "一、一般公共预算财政拨款收入\t100.00\t七、文化旅游体育与传媒支出\t70.00\n"
    "\t\t八、社会保障和就业支出\t30.00\n"
    "本年收入合计\t100.00\t本年支出合计\t100.00\n"
)


def test_a_table_whose_class_row_went_unread_is_not_held_to_its_total() -> None:
    """The 208 row's name was not read, its 款 and 项 were: the classes read fall short of
    the 合计 and of the summary's 208 because of the reading, not the document."""
    lost = GENERAL_ROWS.replace("208\t社会保障和就业支出\t30.00\t30.00\t0.00\n", "")
    text = HEAD + SUMMARY + SPENDING.format(total="100.00", project="40.00") + lost
    got = to_contract(parse_bytes(text.encode(), "final.txt"))
    assert warnings(got) == []
    assert any("未读出的类行 208" in r for r in got["needs_review"]["reasons"])
    whole = HEAD + SUMMARY + SPENDING.format(total="100.00", project="40.00") + GENERAL_ROWS
    assert warnings(to_contract(parse_bytes(whole.encode(), "final.txt"))) == []
