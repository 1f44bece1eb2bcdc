"""Pages read are reported while a document is parsed, in this process or in the sandbox."""

from __future__ import annotations

from pathlib import Path

from disclosures.parsing import parse_bytes
from disclosures.parsing.sandbox import parse_in_child

PDF = Path(__file__).parents[1] / "data" / "realdocs" / "sh-putuo_zhengfuban_2025_dept-budget.pdf"


def test_the_pages_read_are_reported_in_order_up_to_the_last() -> None:
    seen: list[tuple[int, int]] = []
    parse_bytes(PDF.read_bytes(), PDF.name, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (22, 22)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_the_sandbox_passes_the_pages_read_back_to_the_caller() -> None:
    seen: list[tuple[int, int]] = []
    parse_in_child(
        PDF.read_bytes(), PDF.name, progress=lambda done, total: seen.append((done, total))
    )
    assert seen and seen[-1] == (22, 22)


def test_text_needs_no_progress_and_reports_none() -> None:
    seen: list[tuple[int, int]] = []
    parse_bytes(
        "收支预算总表\n收入合计\t1.00\n".encode(), "a.txt", progress=lambda *a: seen.append(a)
    )
    assert seen == []
