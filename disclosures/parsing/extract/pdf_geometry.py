"""Glyph boxes and table rulings of one PDF page, read from pdfium at C speed.

The same geometry pdfplumber gives (`page.chars`, `page.edges`), for what
`pdf_layout` needs, without pdfminer's pure-Python content-stream interpreter:
about a hundredth of the time on a dense table page. Coordinates are PDF points
on the page as a viewer shows it: turned by its /Rotate, origin at the top left
of the visible box (the CropBox), y growing downwards.

Each glyph's box is hung on its baseline, not on its font's ascent and descent,
so that a Latin digit and a CJK character set on one line get the same top and
bottom. Rulings are the axis-aligned sides of the page's paths, as pdfplumber's
edges are: a table drawn as thin filled boxes, or as stroked lines, or both.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .base import Box
from .pdf_layout import Glyph, Rules, Seg, merge_segments

ASCENT = 0.86  # of the font size above the baseline, typical of CJK fonts
MIN_RULE = 3.0  # points; the short ends of a rectangle drawn as a hairline are not rulings
MAX_FORM_DEPTH = 8  # form XObjects nest; a deeper nest is hostile, not a table
# A character pdfium cannot map to Unicode comes back as one of these.
_UNMAPPED = frozenset((0, 0xFFFD, 0xFFFE, 0xFFFF))

Matrix = tuple[float, float, float, float, float, float]  # a b c d e f: x' = ax + cy + e
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _multiply(inner: Matrix, outer: Matrix) -> Matrix:
    """`inner` applied first, then `outer` (PDF's order: the object's, then its form's)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def view_matrix(page: pdfium.PdfPage) -> Matrix:
    """From the page's own space (y up) to the page as shown (y down from its top left)."""
    left, bottom, right, top = page.get_bbox()
    turns = {
        0: (1.0, 0.0, 0.0, -1.0, -left, top),
        90: (0.0, 1.0, 1.0, 0.0, -bottom, -left),
        180: (-1.0, 0.0, 0.0, 1.0, right, -bottom),
        270: (0.0, -1.0, -1.0, 0.0, top, right),
    }
    return turns[page.get_rotation() % 360]


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    # pdfium works in single precision; rounded to a thousandth of a point, positions
    # written as decimals in the file come out as those decimals, so that a gap exactly
    # at a threshold (a space of one font size) is judged as pdfminer's doubles judge it
    return (round(m[0] * x + m[2] * y + m[4], 3), round(m[1] * x + m[3] * y + m[5], 3))


def _box(m: Matrix, left: float, bottom: float, right: float, top: float) -> Box:
    """A rectangle of the page's space, as the shown page's x0, top, x1, bottom."""
    x0, y0 = _apply(m, left, bottom)
    x1, y1 = _apply(m, right, top)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


@dataclass(frozen=True)
class PageGlyphs:
    glyphs: list[Glyph]
    unmapped: int  # characters pdfium could not map to Unicode (drawn, but unreadable)


def page_glyphs(textpage: pdfium.PdfTextPage, view: Matrix) -> PageGlyphs:
    """Every drawn, non-blank character with its box; pdfium's generated spaces are left out."""
    raw = textpage.raw
    get_unicode, is_generated = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_IsGenerated
    map_error = pdfium_c.FPDFText_HasUnicodeMapError
    glyphs: list[Glyph] = []
    unmapped = 0
    reader = _CharReader(raw, view)
    count = pdfium_c.FPDFText_CountChars(raw)
    i = 0
    while i < count:
        code = get_unicode(raw, i)
        index, i = i, i + 1
        if 0xD800 <= code < 0xDC00 and i < count:  # a character beyond the BMP, in two halves
            low = get_unicode(raw, i)
            if 0xDC00 <= low < 0xE000:
                code, i = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), i + 1
        if code in _UNMAPPED or map_error(raw, index) == 1:
            unmapped += not is_generated(raw, index)
            continue
        text = chr(code)
        if text.isspace() or code < 0x20 or is_generated(raw, index):
            continue
        glyphs.append(reader.glyph(index, text))
    return PageGlyphs(glyphs, unmapped)


class _CharReader:
    """Reads one character's geometry through pdfium's C functions, reusing its buffers."""

    def __init__(self, raw: object, view: Matrix) -> None:
        self.raw = raw
        self.view = view
        self.rect = pdfium_c.FS_RECTF()
        self.matrix = pdfium_c.FS_MATRIX()
        self.x = ctypes.c_double()
        self.y = ctypes.c_double()

    def glyph(self, index: int, text: str) -> Glyph:
        """Upright glyphs hang on their baseline; turned or skewed ones keep their box."""
        raw, rect, m, view = self.raw, self.rect, self.matrix, self.view
        pdfium_c.FPDFText_GetLooseCharBox(raw, index, rect)
        x0, top, x1, bottom = _box(view, rect.left, rect.bottom, rect.right, rect.top)
        pdfium_c.FPDFText_GetMatrix(raw, index, m)
        # the glyph's own axes, turned as the page is shown: along (ax, ay), up (cx, cy)
        ax, ay = view[0] * m.a + view[2] * m.b, view[1] * m.a + view[3] * m.b
        cx, cy = view[0] * m.c + view[2] * m.d, view[1] * m.c + view[3] * m.d
        if ay != 0 or cx != 0 or ax <= 0 or cy >= 0:
            return Glyph(text, x0, x1, top, bottom)
        size = round(pdfium_c.FPDFText_GetFontSize(raw, index) * -cy, 3)
        pdfium_c.FPDFText_GetCharOrigin(raw, index, self.x, self.y)
        _, baseline = _apply(view, self.x.value, self.y.value)
        top = baseline - ASCENT * size
        return Glyph(text, x0, x1, top, top + size)


def page_rules(page: pdfium.PdfPage, view: Matrix) -> Rules:
    """Every axis-aligned side of the page's paths at least MIN_RULE long, joined where
    collinear pieces meet."""
    vertical: list[Seg] = []
    horizontal: list[Seg] = []
    for points, single in _subpaths(page, view):
        for (xa, ya), (xb, yb) in zip(points, points[1:], strict=False):
            if xa == xb and abs(yb - ya) >= MIN_RULE:
                vertical.append((xa, min(ya, yb), max(ya, yb)))
            elif ya == yb and abs(xb - xa) >= MIN_RULE:
                horizontal.append((ya, min(xa, xb), max(xa, xb)))
            elif single and xa != xb and ya != yb:
                # a lone slanted line: pdfplumber files it as a vertical edge at its left end
                low, high = sorted((ya, yb))
                if high - low >= MIN_RULE:
                    vertical.append((min(xa, xb), low, high))
    return Rules(merge_segments(vertical), merge_segments(horizontal))


Point = tuple[float, float]


def _subpaths(page: pdfium.PdfPage, view: Matrix) -> Iterator[tuple[list[Point], bool]]:
    """Each subpath's corner points in the shown page's space, and whether it is a lone
    line (a move and one line). Curves count by their end points, as in pdfminer."""
    for obj, matrix in _path_objects(page.raw, view):
        points: list[Point] = []
        lines = 0
        for kind, x, y, closes in _segments(obj):
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                if len(points) > 1:
                    yield points, lines == 1 and len(points) == 2
                points, lines = [], 0
            elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
                lines += 1
            elif kind != pdfium_c.FPDF_SEGMENT_BEZIERTO:
                continue
            points.append(_apply(matrix, x, y))
            if closes and points:
                points.append(points[0])
        if len(points) > 1:
            yield points, lines == 1 and len(points) == 2


def _segments(obj: object) -> Iterator[tuple[int, float, float, bool]]:
    """(type, x, y, closes) of each segment; a Bézier's two control points are left out."""
    x, y = ctypes.c_float(), ctypes.c_float()
    bezier = 0
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier = (bezier + 1) % 3
            if bezier:  # the first two of each three are control points
                continue
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        yield kind, x.value, y.value, bool(pdfium_c.FPDFPathSegment_GetClose(segment))


def _path_objects(
    parent: object, outer: Matrix, form: bool = False, depth: int = 0
) -> Iterator[tuple[object, Matrix]]:
    """Path objects on the page and inside its forms, each with its matrix to the shown page."""
    count_objects = pdfium_c.FPDFFormObj_CountObjects if form else pdfium_c.FPDFPage_CountObjects
    get_object = pdfium_c.FPDFFormObj_GetObject if form else pdfium_c.FPDFPage_GetObject
    fs = pdfium_c.FS_MATRIX()
    for i in range(max(count_objects(parent), 0)):
        obj = get_object(parent, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            continue
        own = _IDENTITY
        if pdfium_c.FPDFPageObj_GetMatrix(obj, fs):
            own = (fs.a, fs.b, fs.c, fs.d, fs.e, fs.f)
        matrix = _multiply(own, outer)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            yield obj, matrix
        elif depth < MAX_FORM_DEPTH:
            yield from _path_objects(obj, matrix, form=True, depth=depth + 1)
