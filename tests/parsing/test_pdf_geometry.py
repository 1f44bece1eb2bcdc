"""Glyph boxes and rulings read from pdfium give what pdfminer (through pdfplumber) gives,
on generated pages, turned pages and real tables; image pages without figures are skipped."""

from __future__ import annotations

import io
import pathlib

import pdfplumber
import pypdfium2 as pdfium
import pytest
from test_pdf_extract import build_pdf, grid, text

from disclosures.parsing.extract import extract
from disclosures.parsing.extract.pdf_frags import Glyph, Rules
from disclosures.parsing.extract.pdf_geometry import page_glyphs, page_rules, view_matrix
from disclosures.parsing.extract.pdf_layout import layout_rows
from disclosures.parsing.extract.pdf_plumber import _glyph, _rules

REALDOCS = pathlib.Path(__file__).parents[1] / "data" / "realdocs"
REALDOCS_MORE = REALDOCS.parent / "realdocs-more"


def _both(data: bytes, number: int) -> tuple[list[Glyph], Rules, list[Glyph], Rules]:
    """(pdfium's glyphs, rulings, pdfminer's glyphs, rulings) of one page."""
    doc = pdfium.PdfDocument(data)
    try:
        page = doc[number - 1]
        view = view_matrix(page)
        textpage = page.get_textpage()
        glyphs = page_glyphs(textpage, view).glyphs
        rules = page_rules(page, view)
        textpage.close()
        page.close()
    finally:
        doc.close()
    with pdfplumber.open(io.BytesIO(data), pages=[number]) as pdf:
        plumber = pdf.pages[0]
        theirs = [g for g in map(_glyph, plumber.chars) if g.text.strip()]
        return glyphs, rules, theirs, _rules(plumber.edges)


def _close(a: list[Glyph], b: list[Glyph], within: float) -> bool:
    def key(g: Glyph) -> tuple[float, float]:
        return (round(g.top, 1), round(g.x0, 1))

    a, b = sorted(a, key=key), sorted(b, key=key)
    return [g.text for g in a] == [g.text for g in b] and all(
        max(abs(p - q) for p, q in zip(_box(g), _box(h), strict=True)) < within
        for g, h in zip(a, b, strict=True)
    )


def _box(g: Glyph) -> tuple[float, float, float, float]:
    return (g.x0, g.top, g.x1, g.bottom)


# Upright glyphs hang on their baseline in both readings, to the hundredth of a point;
# text turned on the page as shown keeps each library's own box, which differ by
# the font's ascent and descent across the line.
UPRIGHT, TURNED = 0.01, 2.0


def _same_rules(a: Rules, b: Rules) -> bool:
    def rounded(segs: tuple[tuple[float, float, float], ...]) -> list[tuple[float, ...]]:
        return sorted(tuple(round(v, 2) for v in s) for s in segs)

    return rounded(a.vertical) == rounded(b.vertical) and rounded(a.horizontal) == rounded(
        b.horizontal
    )


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_glyphs_and_rulings_match_pdfminers_on_a_page_turned_any_way(rotate: int) -> None:
    ops = grid([40, 90, 250, 330], [720, 700, 680]) + [
        "100 600 80 30 re f",  # a filled box: its four sides are rulings
        text(45, 706, "201"),
        text(95, 706, "General services"),
        text(260, 686, "82,096.42", size=8),
    ]
    glyphs, rules, their_glyphs, their_rules = _both(build_pdf([ops], rotate=rotate), 1)
    assert len(glyphs) == len("201GeneralServices82,096.42")
    assert _same_rules(rules, their_rules)
    if rotate == 180:  # upside down as shown: pdfminer calls it upright, pdfium turned
        assert sorted(g.text for g in glyphs) == sorted(g.text for g in their_glyphs)
    else:
        assert _close(glyphs, their_glyphs, UPRIGHT if rotate == 0 else TURNED)


@pytest.mark.parametrize(
    ("path", "number"),
    [
        (REALDOCS / "js_renda_2019_dept-budget-tables.pdf", 3),  # /Rotate 90, text turned
        (REALDOCS / "sh-putuo_zhengfuban_2025_dept-budget.pdf", 8),  # WPS: one box a cell side
        (REALDOCS_MORE / "chongqing_xinan-daxue_2023_dept-budget.pdf", 21),  # dense
    ],
)
def test_real_table_pages_give_pdfminers_rows(path: pathlib.Path, number: int) -> None:
    glyphs, rules, their_glyphs, their_rules = _both(path.read_bytes(), number)
    assert _close(glyphs, their_glyphs, UPRIGHT)
    assert _same_rules(rules, their_rules)

    def rows(g: list[Glyph], r: Rules) -> list[list[str]]:
        return [[f.text for f in row] for row in layout_rows(g, r)]

    assert rows(glyphs, rules) == rows(their_glyphs, their_rules)


def test_an_image_page_without_figures_in_a_text_document_is_not_read() -> None:
    # page 1 is the cover, a picture of the title; the rest has a text layer
    data = (REALDOCS / "js_zhengxie_2019_dept-budget-text.pdf").read_bytes()
    extracted = extract(data, "budget.pdf")
    assert extracted.meta["ocr_skipped_pages"] == "1"
    assert extracted.meta["ocr_pages"] == ""
    assert extracted.pages[0].lines == ()


def test_ocr_reads_pages_in_parallel_only_where_memory_allows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from disclosures.parsing.extract import ocr

    monkeypatch.delenv("OCR_WORKERS", raising=False)
    monkeypatch.setattr(ocr.os, "sched_getaffinity", lambda _pid: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr(ocr, "_address_space_mb", lambda: 500)
    limit = 1500 * 2**20  # the sandbox's: the models and one page fit, two do not
    monkeypatch.setattr(ocr.resource, "getrlimit", lambda _which: (limit, limit))
    assert ocr.ocr_workers(12) == 1
    monkeypatch.setattr(ocr.resource, "getrlimit", lambda _which: (-1, -1))
    monkeypatch.setattr(ocr.resource, "RLIM_INFINITY", -1)
    assert ocr.ocr_workers(12) == 4
    assert ocr.ocr_workers(2) == 2


# the last holds a control character, which pdfium's text writes as U+FFFE
ONE_CALL = [
    *sorted(REALDOCS.glob("*.pdf"))[:6],
    REALDOCS_MORE / "jiangsu-suzhou_kejiju_2026_unit-budget.pdf",
]


@pytest.mark.parametrize("path", ONE_CALL, ids=lambda p: p.stem)
def test_the_text_read_in_one_call_gives_each_characters_own_code(path: pathlib.Path) -> None:
    import pypdfium2.raw as pdfium_c

    from disclosures.parsing.extract.pdf_geometry import _codes

    doc = pdfium.PdfDocument(path)
    try:
        for index in range(len(doc)):
            textpage = doc[index].get_textpage()
            count = pdfium_c.FPDFText_CountChars(textpage.raw)
            one_by_one = [pdfium_c.FPDFText_GetUnicode(textpage.raw, i) for i in range(count)]
            assert _codes(textpage, count) == one_by_one, index + 1
            textpage.close()
    finally:
        doc.close()
