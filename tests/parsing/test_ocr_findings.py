"""What the audit says of a page read by OCR: a misread digit is not the document's fault."""

from __future__ import annotations

from disclosures.parsing import to_contract
from disclosures.parsing.extract.base import Extracted, Line, Page
from disclosures.parsing.parse import parse_extracted

HEADER = ("功能科目编码", "功能科目名称", "合计", "基本支出", "项目支出")
CLASS_201 = (
    ("201", "一般公共服务支出", "100.00", "60.00", "40.00"),
    ("20101", "人大事务", "100.00", "60.00", "40.00"),
    ("2010101", "行政运行", "60.00", "60.00", "0.00"),
)


def scanned(*rows: tuple[str, ...]) -> dict:
    lines = [Line(page=1, cells=("一般公共预算支出预算表",)), Line(page=1, cells=HEADER)]
    lines += [Line(page=1, cells=row) for row in rows]
    page = Page(1, tuple(lines), has_text_layer=False)
    return to_contract(parse_extracted(Extracted("scan.png", "image", (page,), {"ocr_pages": "1"})))


def severities(got: dict, rule: str) -> list[str]:
    return [f["severity"] for f in got["findings"] if f["rule"] == rule]


def test_a_cent_off_on_a_scanned_page_is_still_rounding() -> None:
    got = scanned(
        ("合计", "", "100.01", "60.01", "40.00"),
        ("201", "一般公共服务支出", "100.01", "60.01", "40.00"),
        ("20101", "人大事务", "100.01", "60.01", "40.00"),
        ("2010101", "行政运行", "60.00", "60.00", "0.00"),
        ("2010102", "一般行政管理事务", "40.00", "0.00", "40.00"),
    )
    assert severities(got, "children_sum") == ["info"]


def test_a_code_with_another_codes_name_on_a_scanned_page_is_a_note() -> None:
    got = scanned(
        ("合计", "", "100.00", "60.00", "40.00"),
        *CLASS_201,
        # OCR read 2010102 as 2010105
        ("2010105", "一般行政管理事务", "40.00", "0.00", "40.00"),
    )
    assert severities(got, "code_name") == ["info"]


def test_a_scanned_table_with_two_sums_off_asks_for_review() -> None:
    """Two rows of fourteen sums off would pass in a text layer (a fifth may fail);
    read by OCR, where a misread digit fails a sum, the table is not proven."""
    got = scanned(
        ("合计", "", "150.00", "110.00", "40.00"),
        ("208", "社会保障和就业支出", "50.00", "50.00", "0.00"),
        ("20805", "行政事业单位养老支出", "50.00", "50.00", "0.00"),
        ("2080501", "行政单位离退休", "20.00", "20.00", "0.00"),
        ("2080502", "事业单位离退休", "30.00", "30.00", "0.00"),
        *CLASS_201,
        ("2010102", "一般行政管理事务", "40.00", "0.00", "40.00"),
        ("2010103", "机关服务", "8.00", "3.00", "3.00"),
        ("2010104", "人大会议", "9.00", "5.00", "3.00"),
    )
    assert got["needs_review"]["needed"]
    assert [f for f in got["findings"] if f["severity"] != "info"] == []


def test_a_row_whose_parts_ocr_read_as_nothing_is_a_note() -> None:
    # the 款 row's 基本 and 项目 cells came out blank: OCR did not read them
    got = scanned(
        ("合计", "", "100.00", "60.00", "40.00"),
        ("201", "一般公共服务支出", "100.00", "60.00", "40.00"),
        ("20101", "人大事务", "100.00", "", ""),
        ("2010101", "行政运行", "60.00", "60.00", "0.00"),
        ("2010102", "一般行政管理事务", "40.00", "0.00", "40.00"),
    )
    assert severities(got, "row_sum") == ["info"]
    # a part read against the total is still the document's sum to check
    got = scanned(
        ("合计", "", "100.00", "60.00", "40.00"),
        ("201", "一般公共服务支出", "100.00", "60.00", "40.00"),
        ("20101", "人大事务", "100.00", "50.00", "40.00"),
        ("2010101", "行政运行", "60.00", "60.00", "0.00"),
        ("2010102", "一般行政管理事务", "40.00", "0.00", "40.00"),
    )
    assert "warning" in severities(got, "row_sum")


def test_a_heading_naming_the_body_with_a_character_misread_is_a_note() -> None:
    from disclosures.parsing.audit_ocr import ocr_checked
    from disclosures.parsing.messages import finding
    from disclosures.parsing.model import Source

    agency = "平邑县畜牧兽医服务中心"

    def heading(body: str, page: int) -> object:
        return finding(
            "warning",
            "heading_mismatch",
            body,
            "heading_body",
            Source(page=page),
            heading=f"单位名称:{body}",
            body=body,
            agency=agency,
        )

    found = [heading("平邑县畜牧曾医服务中心", 1), heading("平邑县农业农村局", 1)]
    found.append(heading("平邑县畜牧曾医服务中心", 2))  # a page with a text layer
    checked = ocr_checked(found, {"ocr_pages": "1"})
    assert [f.severity for f in checked] == ["info", "warning", "warning"]
