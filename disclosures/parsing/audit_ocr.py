"""What the audit says of pages read by OCR: a misread digit is not the document's fault.

Listed findings on such pages say they were read by OCR; rounding stays rounding, and a
code printed with another's name is most likely a digit misread.
"""

from __future__ import annotations

from dataclasses import replace

from .messages import finding, qualified
from .model import Finding

# what a misread digit makes of a code: another code's name, or no code at all
CODE_RULES = frozenset({"code_name", "unknown_code"})


def ocr_checked(findings: list[Finding], meta: dict[str, str]) -> list[Finding]:
    """Findings on pages read by OCR say so. A code printed with another's name there is
    most likely a digit misread, so it is a note; rounding stays rounding. Every amount
    OCR mended or doubted is listed."""
    pages = ocr_pages(meta)
    if not pages:
        return findings
    checked = [
        replace(
            f,
            severity="info" if f.rule in CODE_RULES else f.severity,
            **qualified(f, "ocr"),
        )
        if f.source is not None and f.source.page in pages
        else f
        for f in findings
    ]
    notes = [n.strip() for n in meta.get("ocr_notes", "").split(";") if n.strip()]
    return checked + [finding("info", "ocr_reading", "ocr", "ocr_reading", note=n) for n in notes]


def ocr_pages(meta: dict[str, str]) -> set[int]:
    return {int(p) for p in meta.get("ocr_pages", "").split(",") if p.strip().isdigit()}
