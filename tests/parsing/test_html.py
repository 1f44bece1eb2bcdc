"""Web pages saved from a government site: the article read, its tables as tables (spanned
cells kept in place), the site's banner, menus and footer left out."""

from __future__ import annotations

import pytest
from golden import golden_and_pdf, misses, unexpected
from pdf_variants import placed_text
from printing import web_page

from disclosures.parsing import parse_bytes, to_contract
from disclosures.parsing.extract import extract

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>政务公开_示例区人民政府</title>
<style>td{border:1px solid}</style><script>var visits = "2026年部门预算 999.00";</script></head>
<body><header><a href="/">示例区人民政府门户网站</a></header>
<div class="nav-main"><ul><li>首页</li><li>政务公开</li></ul></div>
<div class="article">
<div class="article-header"><h1>示例区审计局2026年部门预算</h1></div>
<p class="info">发布日期：2026-02-10　来源：示例区审计局</p>
<p>本部门编制人数20人，实有人数18人。</p>
<p>2026年收入预算500.00万元，支出预算500.00万元，比上年增加20.00万元，增长4.17%。</p>
<p style="text-align:center">部门支出总表</p><p>单位：万元</p>
<table><tbody>
<tr><th rowspan="2">科目编码</th><th rowspan="2">科目名称</th><th rowspan="2">合计</th>
<th colspan="2">基本支出</th><th rowspan="2">项目支出</th></tr>
<tr><th>人员经费</th><th>公用经费</th></tr>
<tr><td></td><td>合计</td><td>500.00</td><td>350.00</td><td>50.00</td><td>100.00</td></tr>
<tr><td>201</td><td>一般公共服务支出</td><td>500.00</td><td>350.00</td><td>50.00</td><td>100.00</td></tr>
<tr><td>20108</td><td>审计事务</td><td>500.00</td><td>350.00</td><td>50.00</td><td>100.00</td></tr>
<tr><td>2010801</td><td>行政运行</td><td>400.00</td><td>350.00</td><td>50.00</td><td></td></tr>
<tr><td>2010804</td><td>审计业务</td><td>100.00</td><td></td><td></td><td>100.00</td></tr>
</tbody></table>
</div>
<div class="footer">主办单位：示例区人民政府办公室 ICP备00000000号</div></body></html>
"""


def test_a_saved_page_gives_its_article_and_its_table_with_spanned_cells_in_place() -> None:
    lines = [ln.cells for ln in extract(PAGE.encode(), "page.html").pages[0].lines]

    assert lines[0] == ("示例区审计局2026年部门预算",)
    assert ("科目编码", "科目名称", "合计", "基本支出", "", "项目支出") in lines
    assert ("", "", "", "人员经费", "公用经费") in lines  # under the cells spanning rows
    assert ("2010801", "行政运行", "400.00", "350.00", "50.00") in lines
    text = "".join("".join(cells) for cells in lines)
    for chrome in ("门户网站", "首页", "ICP", "发布日期", "visits", "border"):
        assert chrome not in text


def test_a_saved_page_parses_to_its_figures() -> None:
    got = to_contract(parse_bytes(PAGE.encode(), "page.html"))

    assert (got["agency"], got["year"], got["kind"]) == ("示例区审计局", 2026, "budget")
    assert (got["totals"]["expenditure"], got["totals"]["basic"]) == (500.0, 400.0)
    assert got["headcount"] == {"authorized": 20, "actual": 18}
    rows = {r["code"]: (r["total"], r["basic"], r["project"]) for r in got["functional"]}
    assert rows["2010804"] == (100.0, 0.0, 100.0)


def test_a_page_laid_out_with_tables_is_read_through_to_its_table() -> None:
    page = PAGE.replace('<div class="article">', '<table width="100%"><tr><td>', 1).replace(
        '</div>\n<div class="footer">', '</td></tr></table>\n<div class="footer">', 1
    )

    got = to_contract(parse_bytes(page.encode(), "page.html"))

    assert {r["code"] for r in got["functional"]} == {"201", "20108", "2010801", "2010804"}


@pytest.mark.parametrize(
    "text", ["2026年预算：金额<100万元的项目不单列。\n合计\t100.00", "a <b> c\n1\t2"]
)
def test_text_with_an_angle_bracket_is_no_web_page(text: str) -> None:
    assert extract(text.encode(), "notes.txt").format == "text"


@pytest.mark.parametrize(
    "name", ["jiangsu-wuxi_xinfangju_2025_dept-budget", "js_zhengxie_2017_dept-budget-tables"]
)
def test_a_real_document_published_as_a_web_page_reads_the_same(name: str) -> None:
    """Its cells as HTML tables inside a government site's page, as published on the
    site and saved from the browser."""
    truth, pdf = golden_and_pdf(name)

    got = to_contract(parse_bytes(web_page(placed_text(pdf.read_bytes())).encode(), "page.html"))

    assert misses(truth, got, findings=False) == []
    assert unexpected(truth, got) == []
