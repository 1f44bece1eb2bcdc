"""Text copied out of a PDF in its reading order puts a table's cells one a line: which
label an amount belongs to is lost. Such a table is not read (its figures would be
guesses, and its sums false alarms); the parse says it needs review."""

from __future__ import annotations

import subprocess
from pathlib import Path

from disclosures import records
from disclosures.parsing import parse_bytes, to_contract
from disclosures.parsing.extract.base import Line
from disclosures.parsing.tables import Table
from disclosures.parsing.verify import SCATTERED, scattered

REAL = (
    Path(__file__).parents[1]
    / "data"
    / "realdocs-more"
    / "chongqing_xinan-daxue_2023_dept-budget.pdf"
)


def table(*lines: tuple[str, ...]) -> Table:
    title = Line(page=1, cells=("支出预算表",))
    return Table(
        "expenditure", "支出预算表", "支出预算表", "万元", title, [Line(1, c) for c in lines]
    )


def test_a_table_whose_cells_stand_one_a_line_is_scattered() -> None:
    cells = ["科目编码", "科目名称", "合计", "基本支出", "项目支出", "合计", "300.00", "200.00",
             "100.00", "201", "一般公共服务支出", "300.00", "200.00", "100.00"]  # fmt: skip
    assert scattered(table(*[(c,) for c in cells]))


def test_a_table_in_rows_or_a_short_one_is_not() -> None:
    rows = [
        ("科目编码", "科目名称", "合计"),
        ("", "合计", "300.00"),
        ("201", "一般公共服务支出", "300.00"),
    ]
    assert not scattered(table(*rows * 3))
    assert not scattered(table(("合计",), ("300.00",), ("201",), ("300.00",), ("100.00",)))


def test_a_document_copied_in_reading_order_raises_no_false_sums() -> None:
    text = subprocess.run(["pdftotext", str(REAL), "-"], capture_output=True, check=True).stdout

    disclosure = parse_bytes(text, "copied.txt")
    got = to_contract(disclosure)

    warnings = [f for f in got["findings"] if f["severity"] != "info"]
    assert not [f for f in warnings if f["rule"] == "children_sum"]
    unread = [c for c in got["table_checks"] if SCATTERED in c["failed"]]
    assert any("支出预算表" in c["title"] for c in unread)
    assert got["needs_review"]["needed"]
    # and the file's page is told so (disclosures/records.py)
    checks = records.from_disclosure(disclosure)["table_checks"]
    assert any(c["unread"] and "支出预算表" in c["title"] for c in checks)
