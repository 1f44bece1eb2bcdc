"""Small hand-made texts in the shapes pdftotext -layout gives real tables: columns kept
apart by spaces, each cell's text on the line of its own middle, labels spread over
their cell's width."""

from __future__ import annotations

from disclosures.parsing import parse_bytes, to_contract
from disclosures.parsing.extract.text import laid_out_cells


def parsed(text: str) -> dict:
    return to_contract(parse_bytes(text.encode("utf-8"), "laid-out.txt"))


# the header's sub-head 小计 (under 项目支出) sits lower than the header's other words
SUB_HEAD_BELOW = """\
                          表4：财政拨款支出决算表
单位：                                                                           单位：万元
              项目                                     本年支出
                                                                    项目支出

 科目编码              科目名称    合计             基本支出                            其中：基本建设资金支
                                                            小计
                                                                               出

类 款       项        合计        2,400.00          2,000.00        400.00              100.00
205           教育支出            2,400.00          2,000.00        400.00              100.00
20502         普通教育            2,400.00          2,000.00        400.00              100.00
2050202        小学教育           2,000.00          1,800.00        200.00
2050205        高等教育             400.00            200.00        200.00              100.00
"""


def test_a_sub_head_alone_below_the_header_is_a_column_title_not_the_total_row() -> None:
    got = parsed(SUB_HEAD_BELOW)
    assert (got["totals"]["basic"], got["totals"]["project"]) == (2000, 400)
    assert {r["code"]: r["basic"] for r in got["functional"]}["205"] == 2000


# a summary's 收入总计 spread over its cell's width, one character at a time
SPREAD_LABELS = """\
                     收支预算总表
                                                           单位：万元
收        入                            支        出

项目                   预算数              项目                    预算数

一、财政拨款               230.00       一、教育支出                 380.00

二、事业收入               120.00       二、科学技术支出                 20.00

本年收入合计               350.00       本年支出合计                 400.00

上年结转                  100.00       结转下年                    50.00

收    入       总   计   450.00       支    出       总   计     450.00


    我校 2023 年收支总预算 450.00 万元，其中本年收入 350.00 万元。
"""


def test_a_label_spread_over_its_cell_is_one_label_before_its_amount() -> None:
    cells, _ = laid_out_cells(
        "收    入       总   计   450.00       支    出       总   计     450.00"
    )
    assert cells == ("收入总计", "450.00", "支出总计", "450.00")
    assert parsed(SPREAD_LABELS)["findings"] == []  # the text's 收支总预算 is the 总计


def test_single_characters_with_no_amount_after_them_stay_apart() -> None:
    cells, _ = laid_out_cells("收        入                            支        出")
    assert cells == ("收", "入", "支", "出")
