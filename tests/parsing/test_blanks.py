"""Text that lost its blank cells: an amount goes to the column the table's sums call for."""

from __future__ import annotations

from decimal import Decimal

from disclosures.parsing import parse_bytes

TABLE = """某某局2026年部门预算
支出总表
单位：万元
科目编码 科目名称 合计 基本支出 项目支出
合计 180.00 30.00 150.00
201 一般公共服务支出 100.00 100.00
20101 人大事务 100.00 100.00
2010101 行政运行 {a} {a}
2010102 一般行政管理事务 {b} {b}
208 社会保障和就业支出 80.00 30.00 50.00
20805 行政事业单位养老支出 30.00 30.00
2080505 机关事业单位基本养老保险缴费支出 30.00 30.00
20899 其他社会保障和就业支出 50.00 50.00
2089999 其他社会保障和就业支出 50.00 50.00
"""


def _rows(text: str) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    parsed = parse_bytes(text.encode("utf-8"), "budget.txt")
    return {r.code: (r.basic, r.project) for r in parsed.functional}


def test_a_class_whose_only_cell_is_project_is_read_as_project() -> None:
    rows = _rows(TABLE.format(a="60.00", b="40.00"))
    assert rows["201"][1] == Decimal("100.00") and not rows["201"][0]
    assert rows["2010101"][1] == Decimal("60.00") and not rows["2010101"][0]


def test_a_parent_split_both_ways_places_each_child_by_its_sums() -> None:
    rows = _rows(TABLE.format(a="60.00", b="40.00"))
    assert rows["20805"][0] == Decimal("30.00") and not rows["20805"][1]
    assert rows["2080505"][0] == Decimal("30.00") and not rows["2080505"][1]
    assert rows["20899"][1] == Decimal("50.00") and not rows["20899"][0]


def test_rows_the_sums_cannot_place_are_left_as_printed() -> None:
    # two equal children under a parent split half and half: either could be basic
    text = TABLE.replace(
        "208 社会保障和就业支出 80.00 30.00 50.00", "208 社会保障和就业支出 80.00 40.00 40.00"
    )
    text = text.replace("合计 180.00 30.00 150.00", "合计 180.00 40.00 140.00")
    text = text.replace("30.00 30.00", "40.00 40.00").replace("50.00 50.00", "40.00 40.00")
    rows = _rows(text.format(a="60.00", b="40.00"))
    assert rows["201"][1] == Decimal("100.00")  # the class the root's sums still place
    assert rows["20899"][0] == Decimal("40.00")  # read in order: no guess between the two


NESTED = """某某局2026年部门预算
财政拨款支出表
单位：万元
基本支出
科目编码 科目名称 合计 项目支出
小计 人员经费 公用经费
合计 150.00 50.00 40.00 10.00 100.00
206 科学技术支出 100.00 100.00
20699 其他科学技术支出 100.00 100.00
208 社会保障和就业支出 50.00 50.00 40.00 10.00
20805 行政事业单位养老支出 50.00 50.00 40.00 10.00
"""


def test_a_row_split_into_人员_and_公用_under_基本_still_places_a_project_row() -> None:
    rows = _rows(NESTED)
    assert rows["206"] == (None, Decimal("100.00")) or rows["206"][1] == Decimal("100.00")
    assert not rows["206"][0]
    assert rows["208"][0] == Decimal("50.00") and not rows["208"][1]


def test_an_item_numbered_三_starts_a_cell_of_its_own_in_laid_out_text() -> None:
    from disclosures.parsing.extract.text import laid_out_cells

    cells, _ = laid_out_cells("   三、国防支出 三、单位预留机动经费      1685.72")
    assert cells == ("三、国防支出", "三、单位预留机动经费", "1685.72")
