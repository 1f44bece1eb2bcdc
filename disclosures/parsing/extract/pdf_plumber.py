"""The slow way to a page's geometry, for the few pages pdfium cannot read.

pdfminer (through pdfplumber) interprets the content stream in pure Python:
about a second a dense table page, a hundred times pdfium's cost. It is kept
for one case: a page whose characters pdfium cannot map to Unicode (a font
without a usable ToUnicode map), where pdfminer's own font handling sometimes
still finds the text. `pdf.py` decides which pages those are and says so in
the extraction's meta.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from typing import Any

from .base import Box
from .pdf_frags import Frag, Glyph, Rules, merge_segments
from .pdf_geometry import ASCENT, MIN_RULE
from .pdf_layout import layout_rows

log = logging.getLogger(__name__)


def plumber_rows(data: bytes, numbers: list[int]) -> dict[int, tuple[list[list[Frag]], Box]]:
    """Rows of cells and the visible box for the given pages; pages that fail are left out."""
    import pdfplumber  # loaded only when a page needs it

    out: dict[int, tuple[list[list[Frag]], Box]] = {}
    if not numbers:
        return out
    try:
        with pdfplumber.open(io.BytesIO(data), pages=numbers) as pdf:
            for page in pdf.pages:
                try:
                    out[page.page_number] = _page_rows(page)
                except Exception as exc:  # pdfminer fails in many ways on odd content streams
                    log.warning("page %d: no geometry from pdfminer (%s)", page.page_number, exc)
                finally:
                    page.close()  # drops the page's parsed objects
    except Exception as exc:  # whatever pdfminer cannot open, pdfium's text still stands
        log.warning("pdfminer cannot read this PDF (%s)", exc)
    return out


def _page_rows(page: Any) -> tuple[list[list[Frag]], Box]:
    box = _visible_box(page)
    glyphs = [g for g in map(_glyph, page.chars) if g.text.strip() and _shown(g, box)]
    if not glyphs:
        raise ValueError("pdfminer found no glyphs")
    unmapped = [g.text.startswith("(cid:") for g in glyphs]
    if sum(unmapped) * 10 > len(glyphs):
        raise ValueError("pdfminer cannot map this page's fonts to text")
    # the few glyphs it cannot map ('(cid:256)' for a quotation mark) are left out
    glyphs = [g for g, lost in zip(glyphs, unmapped, strict=True) if not lost]
    return layout_rows(glyphs, _rules(page.edges)), box


def _visible_box(page: Any) -> Box:
    """What a viewer shows: the CropBox, within the MediaBox (pdfplumber's coordinates)."""
    media, crop = page.mediabox, page.cropbox
    return (
        max(media[0], crop[0]),
        max(media[1], crop[1]),
        min(media[2], crop[2]),
        min(media[3], crop[3]),
    )


def _shown(g: Glyph, box: Box) -> bool:
    # by the middle: a glyph cut by the page's edge shows as a sliver at most
    return box[0] <= (g.x0 + g.x1) / 2 <= box[2] and box[1] <= g.mid <= box[3]


def _glyph(char: dict[str, Any]) -> Glyph:
    """A glyph's box from its baseline and size, as `pdf_geometry` makes it from pdfium."""
    m = char["matrix"]
    if not char["upright"] or m[1] or m[2]:
        return Glyph(char["text"], char["x0"], char["x1"], char["top"], char["bottom"])
    size = char["size"]
    baseline = char["bottom"] + (char["y0"] - m[5])  # pdfminer's y0 is baseline + descent
    top = baseline - ASCENT * size
    return Glyph(char["text"], char["x0"], char["x1"], top, top + size)


def _rules(edges: Iterable[dict[str, Any]]) -> Rules:
    vertical: list[tuple[float, float, float]] = []
    horizontal: list[tuple[float, float, float]] = []
    for e in edges:
        if e["orientation"] == "v" and e["bottom"] - e["top"] >= MIN_RULE:
            vertical.append((e["x0"], e["top"], e["bottom"]))
        elif e["orientation"] == "h" and e["x1"] - e["x0"] >= MIN_RULE:
            horizontal.append((e["top"], e["x0"], e["x1"]))
    return Rules(merge_segments(vertical), merge_segments(horizontal))
