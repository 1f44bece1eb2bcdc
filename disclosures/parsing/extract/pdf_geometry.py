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

from .pdf_layout import Glyph, Rules, Seg, merge_segments

ASCENT = 0.86  # of the font size above the baseline, typical of CJK fonts
MIN_RULE = 3.0  # points; the short ends of a rectangle drawn as a hairline are not rulings
MAX_FORM_DEPTH = 8  # form XObjects nest; a deeper nest is hostile, not a table
# A character pdfium cannot map to Unicode comes back as one of these.
_UNMAPPED = frozenset((0, 0xFFFD, 0xFFFE, 0xFFFF))
# White space beyond ASCII's, as str.isspace() has it; pdfplumber's glyphs leave it out too
_BLANK = frozenset(c for c in range(0x80, 0x3001) if chr(c).isspace()) | {0x7F}

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


@dataclass(frozen=True)
class PageGlyphs:
    glyphs: list[Glyph]
    unmapped: int  # characters pdfium could not map to Unicode (drawn, but unreadable)


def page_glyphs(textpage: pdfium.PdfTextPage, view: Matrix) -> PageGlyphs:
    """Every drawn, non-blank character with its box; pdfium's generated spaces are left out.

    Upright glyphs hang on their baseline; turned or skewed ones keep pdfium's box.
    One loop with its C functions bound locally: it runs for every character.
    """
    raw = textpage.raw
    get_unicode, is_generated = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_IsGenerated
    map_error, font_size = pdfium_c.FPDFText_HasUnicodeMapError, pdfium_c.FPDFText_GetFontSize
    loose_box, char_matrix = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetMatrix
    char_origin = pdfium_c.FPDFText_GetCharOrigin
    rect, m = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    rect_p, m_p, ox_p, oy_p = (
        ctypes.byref(rect),
        ctypes.byref(m),
        ctypes.byref(ox),
        ctypes.byref(oy),
    )
    va, vb, vc, vd, ve, vf = view
    glyphs: list[Glyph] = []
    unmapped = 0
    count = pdfium_c.FPDFText_CountChars(raw)
    i = 0
    while i < count:
        code = get_unicode(raw, i)
        index, i = i, i + 1
        if 0xD800 <= code < 0xDC00 and i < count:  # a character beyond the BMP, in two halves
            low = get_unicode(raw, i)
            if 0xDC00 <= low < 0xE000:
                code, i = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), i + 1
        if code in _UNMAPPED or (code > 0x20 and map_error(raw, index) == 1):
            unmapped += not is_generated(raw, index)
            continue
        if code <= 0x20 or code in _BLANK:  # pdfium generates only spaces and line breaks
            continue
        loose_box(raw, index, rect_p)
        xa = round(va * rect.left + vc * rect.bottom + ve, 3)
        xb = round(va * rect.right + vc * rect.top + ve, 3)
        ya = round(vb * rect.left + vd * rect.bottom + vf, 3)
        yb = round(vb * rect.right + vd * rect.top + vf, 3)
        x0, x1 = (xa, xb) if xa <= xb else (xb, xa)
        char_matrix(raw, index, m_p)
        # the glyph's axes as the page is shown: along (ax, ay), up (cx, cy)
        ax, ay = va * m.a + vc * m.b, vb * m.a + vd * m.b
        cx, cy = va * m.c + vc * m.d, vb * m.c + vd * m.d
        if ay != 0 or cx != 0 or ax <= 0 or cy >= 0:
            top, bottom = (ya, yb) if ya <= yb else (yb, ya)
            glyphs.append(Glyph(chr(code), x0, x1, top, bottom))
            continue
        size = round(font_size(raw, index) * -cy, 3)
        char_origin(raw, index, ox_p, oy_p)
        top = round(vb * ox.value + vd * oy.value + vf, 3) - ASCENT * size
        glyphs.append(Glyph(chr(code), x0, x1, top, top + size))
    return PageGlyphs(glyphs, unmapped)


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
_MOVE, _LINE, _BEZIER = (
    pdfium_c.FPDF_SEGMENT_MOVETO,
    pdfium_c.FPDF_SEGMENT_LINETO,
    pdfium_c.FPDF_SEGMENT_BEZIERTO,
)


def _subpaths(page: pdfium.PdfPage, view: Matrix) -> Iterator[tuple[list[Point], bool]]:
    """Each subpath's corner points in the shown page's space, and whether it is a lone
    line (a move and one line). Curves count by their end points, as in pdfminer."""
    get_segment, get_type = pdfium_c.FPDFPath_GetPathSegment, pdfium_c.FPDFPathSegment_GetType
    get_point, get_close = pdfium_c.FPDFPathSegment_GetPoint, pdfium_c.FPDFPathSegment_GetClose
    x, y = ctypes.c_float(), ctypes.c_float()
    x_p, y_p = ctypes.byref(x), ctypes.byref(y)
    for obj, (a, b, c, d, e, f) in _path_objects(page.raw, view):
        points: list[Point] = []
        lines = bezier = 0
        for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
            segment = get_segment(obj, i)
            kind = get_type(segment)
            if kind == _MOVE:
                if len(points) > 1:
                    yield points, lines == 1 and len(points) == 2
                points, lines = [], 0
            elif kind == _LINE:
                lines += 1
            elif kind == _BEZIER:
                bezier = (bezier + 1) % 3
                if bezier:  # the first two of each three are control points
                    continue
            else:
                continue
            get_point(segment, x_p, y_p)
            px, py = x.value, y.value
            points.append((round(a * px + c * py + e, 3), round(b * px + d * py + f, 3)))
            if get_close(segment):
                points.append(points[0])
        if len(points) > 1:
            yield points, lines == 1 and len(points) == 2


def _path_objects(
    parent: object, outer: Matrix, form: bool = False, depth: int = 0
) -> Iterator[tuple[object, Matrix]]:
    """Path objects on the page and inside its forms, each with its matrix to the shown page."""
    count_objects = pdfium_c.FPDFFormObj_CountObjects if form else pdfium_c.FPDFPage_CountObjects
    get_object = pdfium_c.FPDFFormObj_GetObject if form else pdfium_c.FPDFPage_GetObject
    fs = pdfium_c.FS_MATRIX()
    bounds = [ctypes.c_float() for _ in range(4)]
    for i in range(max(count_objects(parent), 0)):
        obj = get_object(parent, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            continue
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH and _small(obj, outer, bounds):
            continue
        own = _IDENTITY
        if pdfium_c.FPDFPageObj_GetMatrix(obj, fs):
            own = (fs.a, fs.b, fs.c, fs.d, fs.e, fs.f)
        matrix = _multiply(own, outer)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            yield obj, matrix
        elif depth < MAX_FORM_DEPTH:
            yield from _path_objects(obj, matrix, form=True, depth=depth + 1)


def _small(obj: object, outer: Matrix, bounds: list[ctypes.c_float]) -> bool:
    """Too small on the page for any side to be a ruling (one C call against four for
    each segment). The bounds are in the object's parent's space, and hold its stroke."""
    if not pdfium_c.FPDFPageObj_GetBounds(obj, *bounds):
        return False
    left, bottom, right, top = (v.value for v in bounds)
    x0, y0 = _apply(outer, left, bottom)
    x1, y1 = _apply(outer, right, top)
    return abs(x1 - x0) < MIN_RULE and abs(y1 - y0) < MIN_RULE
