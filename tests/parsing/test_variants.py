"""Real disclosures in layouts other provinces print (tests/parsing/variants.py): last
year's column before 合计 (titled 上年 or by its year), after the breakdown or beside each
summary figure, each row's share after its total, the other kind's figure before it
(预算数 in a final account, 执行数 in a budget), a change after the breakdown, a 栏次
line, codes split over 类 | 款 | 项, spaced in one cell ('201 03 01'), bracketed or
printed a part a row, names marked （类）/（项）, a unit's name before the codes, 项目支出
before 基本支出, spending split 人员 | 公用 | 项目, tables in 元 beside tables in 万元,
digits typed full-width, amounts as Excel's General format shows them, noughts as dashes,
the prose in other words, the summary's two sides one under the other, the unit on the
title's line or in the columns' titles, 续表 atop a table's later pages, each code and its
name in one cell, the 合计 row under the rows, titles letter-spaced, a table's label after
its title, column titles in other words (总计 for 合计, 总额, 专项支出 …), and some of
these at once. Every figure stays what it was, so the parse must give the values a reader
checked in the original."""

from __future__ import annotations

from functools import cache

import pytest
from golden import copied_text, golden_and_pdf, misses
from variants import made_over

from disclosures.parsing import parse_bytes, to_contract

# one of each family of layouts the goldens hold: a Jiangsu city's 公开表, a Shanghai
# unit's tables in 元, a university's budget, a provincial department's tables
DOCUMENTS = (
    "jiangsu-wuxi_xinfangju_2025_dept-budget",
    "shanghai_shenjiju_2026_unit-budget",
    "chongqing_xinan-daxue_2024_dept-budget",
    "js_zhengxie_2019_dept-budget-tables",
)
KEPT = (
    "prior",
    "year-prior",
    "year-both",
    "summary-prior",
    "summary-years",
    "share",
    "prior-last",
    "spaced-codes",
    "level-marks",
    "summary-stacked",
    "year-group",
    "change",
    "column-numbers",
    "split-codes",
    "bracketed",
    "no-separators",
    "dashes",
    "units",
    "project-first",
    "own-parts",
    "yuan-and-wan",
    "three-way",
    "unit-rows",
    "full-width",
    "general",
    "wording",
    "title-units",
    "continued",
    "header-units",
    "code-joined",
    "total-last",
    "spaced-heads",
    "label-after",
    "header-words",
    "older-words",
)
# layouts, and layouts one over another, on documents whose tables put them to the test
LAYERED = (
    ("prior", "jilin-changchun_xinfangju-benji_2026_dept-budget"),
    ("change", "jilin-changchun_xinfangju-benji_2026_dept-budget"),
    ("names-only", "chongqing_xinan-daxue_2024_dept-budget"),
    ("names-only", "jiangsu-wuxi_xinfangju_2025_dept-budget"),
    ("names-only", "jiangsu-wuxi_fagaiwei_2025_dept-budget"),
    ("names-only", "chongqing_xinan-daxue_2023_dept-final"),
    ("names-only", "shanghai_shenjiju_2026_unit-budget"),
    ("economic-names", "jiangsu-wuxi_fagaiwei_2025_dept-budget"),
    ("prior+own-parts", "jiangsu-suzhou_jiaotongyunshuju_2026_dept-budget"),
    ("prior+own-parts", "guangdong-zhuhai_shangwuju_2026_dept-budget"),
    ("yuan+general", "chongqing_xinan-daxue_2023_dept-final"),
    ("title-units", "js_jianchayuan_2017_dept-budget"),
    ("title-units+continued+header-units", "sh-putuo_caizhengju_2024_dept-final"),
    ("spaced-heads", "chongqing_xinan-daxue_2024_dept-final"),
    ("spaced-heads", "shanghai_fulicaipiao-faxing-zhongxin_2026_unit-budget"),
    ("label-after", "guangdong-zhuhai_jiaotong-shizheng-gongwuzhongxin_2026_dept-budget"),
    ("other-kind", "chongqing_xinan-daxue_2024_dept-final"),
    ("other-kind", "sh-putuo_caizhengju_2024_dept-final"),
    ("other-kind", "jiangsu-wuxi_xinfangju_2025_dept-budget"),
    ("carry", "sh-putuo_caizhengju_2024_dept-final"),
    ("carry", "chongqing_xinan-daxue_2023_dept-final"),
    ("carry", "jiangsu-wuxi_fagaiwei_2025_dept-budget"),
)


@cache
def _original(name: str) -> tuple[dict, str]:
    """A document's golden and its copied text, read from the PDF once for every layout."""
    truth, pdf = golden_and_pdf(name)
    return truth, copied_text(pdf, "\t").decode("utf-8")


@pytest.mark.parametrize("variant", KEPT)
@pytest.mark.parametrize("name", DOCUMENTS)
def test_a_layout_of_another_province_gives_the_same_values(name: str, variant: str) -> None:
    truth, original = _original(name)
    text = made_over(variant, original)
    got = to_contract(parse_bytes(text.encode("utf-8"), f"{name}.txt"))
    if variant.startswith("summary-") and not (truth.get("prior_year") or {}).get("expenditure"):
        # the layout prints a last year the document did not state: read, it is no golden's
        truth = {**truth, "prior_year": got["prior_year"]}
    assert misses(truth, got, findings=False) == []


@pytest.mark.parametrize(("variant", "name"), LAYERED)
def test_layouts_on_the_documents_that_try_them_give_the_same_values(
    variant: str, name: str
) -> None:
    test_a_layout_of_another_province_gives_the_same_values(name, variant)
