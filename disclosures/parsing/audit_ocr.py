"""What the audit says of pages read by OCR: a misread digit is not the document's fault.
Pages whose text was glyph numbers rather than writing are named, since that is why OCR
read them.

Listed findings on such pages say they were read by OCR; rounding stays rounding, and a
code printed with another's name is most likely a digit misread. A sum one side of which
came out as nothing at all (the parts of a 合计 of 2946.25 all blank) is a cell OCR did
not read, not a document that prints a total over nothing.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation

from .messages import finding, qualified
from .model import Finding

# what a misread digit makes of a code: another code's name, or no code at all
CODE_RULES = frozenset({"code_name", "unknown_code"})
# characters OCR may misread in a body's name before it names another body
MISREAD_CHARACTERS = 2


def ocr_checked(findings: list[Finding], meta: dict[str, str]) -> list[Finding]:
    """Findings on pages read by OCR say so. A code printed with another's name there is
    most likely a digit misread, so it is a note; rounding stays rounding. Every amount
    OCR mended or doubted is listed."""
    pages = ocr_pages(meta)
    if not pages:
        return findings
    garbled = meta.get("garbled_text_pages", "")
    if garbled:  # the text layer was glyph numbers: why these pages were read by OCR
        said = finding("info", "garbled_text", "ocr", "garbled_text", pages=page_runs(garbled))
        findings = [*findings, said]
    checked = [
        replace(
            f,
            severity="info"
            if f.rule in CODE_RULES or _one_side_unread(f) or _name_misread(f)
            else f.severity,
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


def _name_misread(f: Finding) -> bool:
    """A heading naming the body with a character or two another than the document's, as
    long: a glyph misread ('畜牧曾医' for '畜牧兽医'), not another body."""
    body, agency = str(f.params.get("body", "")), str(f.params.get("agency", ""))
    if f.rule != "heading_mismatch" or not body or len(body) != len(agency):
        return False
    return sum(a != b for a, b in zip(body, agency, strict=True)) <= MISREAD_CHARACTERS


def _one_side_unread(f: Finding) -> bool:
    """A sum whose parts add to nothing against a total, or whose total is nothing
    against its parts."""
    try:
        added, total = (Decimal(str(f.params[k])) for k in ("added", "total"))
    except (KeyError, InvalidOperation):
        return False
    return (added == 0) != (total == 0)


def page_runs(pages: str) -> str:
    """'1,2,3,4,7,9,10' as '1-4, 7, 9-10'."""
    numbers = sorted({int(p) for p in pages.split(",") if p.strip().isdigit()})
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
