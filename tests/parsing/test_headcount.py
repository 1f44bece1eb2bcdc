"""Staff counts from the small tables disclosures print them in."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclosures.parsing import headcount, parse_bytes, to_contract
from disclosures.parsing.extract.base import Line
from disclosures.parsing.extract.text import split_cells


def counts(*rows: str) -> dict[str, Decimal]:
    lines = [Line(1, split_cells(r)) for r in ("单位基本情况", *rows, "二、主要任务")]
    return {s.key: s.value for s in headcount.read(lines)}


@pytest.mark.parametrize(
    "rows",
    [
        # a department's units, the 合计 row last; a 序号 first in each row
        (
            "序号\t单位名称\t编制数\t实有人数",
            "1\t某局本级\t30\t28",
            "2\t某中心\t15\t12",
            "\t合计\t45\t40",
        ),
        # the 合计 row first, a column of the retired after the staff at work
        (
            "单位名称\t单位性质\t编制人数\t在职人数\t退休人数",
            "合计\t\t45\t40\t10",
            "某局本级\t行政单位\t30\t28\t6",
            "某中心\t事业单位\t15\t12\t4",
        ),
        # copied with the blank cells gone: the counts are placed from the right
        (
            "单位名称 单位性质 编制人数 在职人数 退休人数",
            "合计 45 40 10",
            "某局本级 行政单位 30 28 6",
        ),
        # the counts in rows, the kinds of post in columns
        ("项目\t行政编制\t事业编制\t合计", "编制数\t30\t15\t45", "实有人数\t28\t12\t40"),
    ],
)
def test_a_staff_table_gives_its_total_counts(rows: tuple[str, ...]) -> None:
    assert counts(*rows) == {"authorized": Decimal(45), "actual": Decimal(40)}


def test_a_unit_of_one_row_gives_its_own_counts() -> None:
    got = counts("单位名称\t单位性质\t在职人数", "某中心\t全额拨款事业单位\t19")
    assert got == {"actual": Decimal(19)}


def test_units_with_no_total_row_give_no_count() -> None:
    # which of them the disclosure is about, the table does not say
    assert counts("单位名称\t编制数\t实有人数", "某局本级\t30\t28", "某中心\t15\t12") == {}


def test_a_disclosure_takes_its_staff_from_the_total_row_of_its_units_table() -> None:
    text = "\n".join(
        [
            "2025年某局部门预算",
            "单位名称\t单位性质\t编制人数\t在职人数\t退休人数",
            "某局本级\t行政单位\t30\t28\t6",
            "某中心\t事业单位\t15\t12\t4",
            "合计\t\t45\t40\t10",
            "2025年部门支出预算1,000.00万元。",
        ]
    )
    got = to_contract(parse_bytes(text.encode(), "x.txt"))
    assert got["headcount"] == {"authorized": 45, "actual": 40}


def test_staff_at_work_under_a_whole_that_counts_the_retired_in_the_next_clause() -> None:
    from disclosures.parsing import narrative
    from disclosures.parsing.extract.base import Line

    text = (
        "本单位人员编制68人；实有人员88人，其中在职64人，比上年减少2人；离退休24人，比上年增加1人。"
    )
    found = narrative.headcount(narrative.sentences([Line(page=2, cells=(text,))]))
    assert [(s.key, int(s.value)) for s in found if s.key == "actual"][0] == ("actual", 64)


@pytest.mark.parametrize(
    "between",
    [(), ("单位编码\t单位名称",)],  # the cells spanning both tiers, printed between them
)
def test_counts_under_group_titles_take_the_groups_total_and_the_staff_at_work(
    between: tuple[str, ...],
) -> None:
    got = counts(
        "机构人员情况表",
        "单位编码\t单位名称\t编制数\t实有人数",
        *between,
        "行政编制\t事业编制\t工勤\t合计\t在职\t离休\t退休\t合计",
        "合计\t14\t38\t4\t56\t50\t1\t29\t80",
        "101001\t某局机关\t14\t0\t2\t16\t15\t1\t10\t26",
    )
    assert got == {"authorized": Decimal(56), "actual": Decimal(50)}
