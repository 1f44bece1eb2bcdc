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
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .pdf_frags import Glyph, Rules, Seg, merge_segments

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


def _unchecked(name: str, restype: Any = ctypes.c_int) -> Any:
    """pdfium's function `name` without the argument checks of pypdfium2's binding, which
    convert every argument on every call: a call then costs a third as much, and the
    per-character loop is made of such calls. Callers pass only pdfium's own handles,
    Python ints for ints, and byref() for the out-parameters."""
    address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype)(address or 0)


_count_chars = _unchecked("FPDFText_CountChars")
_text_index = _unchecked("FPDFText_GetTextIndexFromCharIndex")
_get_unicode = _unchecked("FPDFText_GetUnicode", ctypes.c_uint)
_is_generated = _unchecked("FPDFText_IsGenerated")
_map_error = _unchecked("FPDFText_HasUnicodeMapError")
_font_size = _unchecked("FPDFText_GetFontSize", ctypes.c_double)
_loose_box = _unchecked("FPDFText_GetLooseCharBox")
_char_matrix = _unchecked("FPDFText_GetMatrix")
_char_origin = _unchecked("FPDFText_GetCharOrigin")
_text_object = _unchecked("FPDFText_GetTextObject", ctypes.c_void_p)


def _codes(textpage: pdfium.PdfTextPage, count: int) -> list[int]:
    """The UTF-16 code of every character, its text read in one call.

    pdfium's text matches its character list one to one unless it leaves characters
    out (control characters): then, or where the lengths differ, each is asked for.
    Codes that read as unmapped are asked for too, as the text may write them so.
    """
    raw = textpage.raw
    if count and _text_index(raw, count - 1) == count - 1:
        text = textpage.get_text_range(0, count)
        if len(text) == count:
            codes = [ord(ch) for ch in text]
            for index, code in enumerate(codes):
                if code in _UNMAPPED:
                    codes[index] = _get_unicode(raw, index)
            return codes
    return [_get_unicode(raw, index) for index in range(count)]


_TURNED = (0.0, 0.0)  # a glyph turned or skewed on the page as shown: pdfium's box stands
# a glyph set slantwise, its baseline off both axes: a watermark or a stamp's words,
# never a table's or a sentence's
_SLANTED = (-1.0, -1.0)
SLANT = math.tan(math.radians(5))  # a baseline further off its axis than this is slanted
Placed = tuple[float, float]  # an upright glyph's top and bottom, hung on its baseline


class _Lines:
    """Where upright glyphs stand, asked of pdfium once for each text object and line.

    A glyph's top and bottom follow from its baseline and its font's height: its
    origin, matrix and font size, four C calls. The characters of one text object
    (a run of a few glyphs) share its matrix and font size; those set side by side
    share their baseline too, and their loose boxes (the font's bounding box under
    the object's matrix) span the same heights. Keyed by object and those heights,
    two glyphs in five are asked for their origin.
    """

    def __init__(self, raw: Any, view: Matrix) -> None:
        self.raw, self.view = raw, view
        self.sizes: dict[int, float | None] = {}  # by text object
        self.slants: dict[int, bool] = {}  # by text object, of those not upright
        self.matrix = (ctypes.c_float * 6)()  # FS_MATRIX: a b c d e f
        self.origin = (ctypes.c_double * 2)()

    def place(self, obj: int | None, index: int) -> Placed:
        """The top and bottom of the glyph at index, or _TURNED."""
        if obj is None:
            size = self._size(index)
        elif (size := self.sizes.get(obj, -1.0)) == -1.0:
            size = self.sizes[obj] = self._size(index)
        if size is None:
            if obj is None:
                return _SLANTED if self._slanted(index) else _TURNED
            if (slanted := self.slants.get(obj)) is None:
                slanted = self.slants[obj] = self._slanted(index)
            return _SLANTED if slanted else _TURNED
        origin = self.origin
        _char_origin(self.raw, index, ctypes.byref(origin), ctypes.byref(origin, 8))
        _, vb, _, vd, _, vf = self.view
        baseline = round(vb * origin[0] + vd * origin[1] + vf, 3) - ASCENT * size
        return (baseline, baseline + size)

    def _slanted(self, index: int) -> bool:
        """The glyph's baseline, as the page is shown, runs off both axes."""
        va, vb, vc, vd, _, _ = self.view
        m = self.matrix
        _char_matrix(self.raw, index, ctypes.byref(m))
        ax, ay = abs(va * m[0] + vc * m[1]), abs(vb * m[0] + vd * m[1])
        return min(ax, ay) > SLANT * max(ax, ay)

    def _size(self, index: int) -> float | None:
        """The font's height on the page as shown, where its glyphs stand upright there;
        None for turned or skewed text."""
        va, vb, vc, vd, _, _ = self.view
        m = self.matrix
        _char_matrix(self.raw, index, ctypes.byref(m))
        # the glyph's axes as the page is shown: along (ax, ay), up (cx, cy)
        ax, ay = va * m[0] + vc * m[1], vb * m[0] + vd * m[1]
        cx, cy = va * m[2] + vc * m[3], vb * m[2] + vd * m[3]
        if ay != 0 or cx != 0 or ax <= 0 or cy >= 0:
            return None
        size: float = _font_size(self.raw, index)
        return round(size * -cy, 3)


# characters sampled to tell which way a page's text runs, and the share that must agree
TURN_SAMPLE = 100
TURN_SHARE = 0.6


def text_turn(textpage: pdfium.PdfTextPage) -> int:
    """Degrees clockwise to turn the page (as stored) for most of its text to read upright:
    0, or 90, 180, 270 where the text was drawn turned (a table set sideways on the page
    with no /Rotate to show it so)."""
    raw = textpage.raw
    count = _count_chars(raw)
    step = max(1, count // TURN_SAMPLE)
    m = (ctypes.c_float * 6)()
    turns: dict[int, int] = {}
    for index in range(0, count, step):
        if _is_generated(raw, index) or not _char_matrix(raw, index, ctypes.byref(m)):
            continue
        a, b = m[0], m[1]
        if a == 0 and b == 0:
            continue
        # the baseline's direction, anticlockwise from the x-axis, to the nearest quarter
        quarter = round(math.degrees(math.atan2(b, a)) / 90) % 4
        turns[quarter] = turns.get(quarter, 0) + 1
    if not turns:
        return 0
    quarter, votes = max(turns.items(), key=lambda kv: kv[1])
    return quarter * 90 if quarter and votes >= TURN_SHARE * sum(turns.values()) else 0


def page_glyphs(textpage: pdfium.PdfTextPage, view: Matrix) -> PageGlyphs:
    """Every drawn, non-blank character with its box; pdfium's generated spaces are left out.

    Upright glyphs hang on their baseline; turned or skewed ones keep pdfium's box.
    The loop runs for every character: its text is read in one call, and each glyph
    costs three C calls where its line is known (`_Lines`).
    """
    raw = textpage.raw
    count = _count_chars(raw)
    codes = _codes(textpage, count)
    map_error, is_generated, text_object, loose_box = (
        _map_error,
        _is_generated,
        _text_object,
        _loose_box,
    )
    box = (ctypes.c_float * 4)()  # FS_RECTF: left top right bottom
    box_p, box_v = ctypes.byref(box), memoryview(box).cast("B").cast("f")
    place = _Lines(raw, view).place
    known: dict[tuple[int, float, float], Placed] = {}  # by text object and loose box's heights
    va, vb, vc, vd, ve, vf = view
    glyphs: list[Glyph] = []
    unmapped = 0
    i = 0
    while i < count:
        code = codes[i]
        index, i = i, i + 1
        if 0xD800 <= code < 0xDC00 and i < count:  # a character beyond the BMP, in two halves
            low = codes[i]
            if 0xDC00 <= low < 0xE000:
                code, i = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), i + 1
        if code <= 0x20:  # pdfium generates only spaces and line breaks
            unmapped += code == 0 and not is_generated(raw, index)
            continue
        if code in _UNMAPPED or map_error(raw, index) == 1:
            unmapped += not is_generated(raw, index)
            continue
        if code in _BLANK:
            continue
        loose_box(raw, index, box_p)
        left, top, right, bottom = box_v
        xa = round(va * left + vc * bottom + ve, 3)
        xb = round(va * right + vc * top + ve, 3)
        x0, x1 = (xa, xb) if xa <= xb else (xb, xa)
        obj = text_object(raw, index)
        if (placed := known.get((obj, top, bottom))) is None:
            placed = place(obj, index)
            if obj is not None:
                known[obj, top, bottom] = placed
        if placed is _SLANTED:
            continue
        if placed is _TURNED:
            ya = round(vb * left + vd * bottom + vf, 3)
            yb = round(vb * right + vd * top + vf, 3)
            placed = (ya, yb) if ya <= yb else (yb, ya)
        glyphs.append(Glyph(chr(code), x0, x1, *placed))
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
_PATH, _FORM = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
_count_objects = _unchecked("FPDFPage_CountObjects")
_get_object = _unchecked("FPDFPage_GetObject", pdfium_c.FPDF_PAGEOBJECT)
_count_form_objects = _unchecked("FPDFFormObj_CountObjects")
_get_form_object = _unchecked("FPDFFormObj_GetObject", pdfium_c.FPDF_PAGEOBJECT)
_object_type = _unchecked("FPDFPageObj_GetType")
_object_bounds = _unchecked("FPDFPageObj_GetBounds")
_object_matrix = _unchecked("FPDFPageObj_GetMatrix")
_count_segments = _unchecked("FPDFPath_CountSegments")
_get_segment = _unchecked("FPDFPath_GetPathSegment", pdfium_c.FPDF_PATHSEGMENT)
_segment_type = _unchecked("FPDFPathSegment_GetType")
_segment_point = _unchecked("FPDFPathSegment_GetPoint")
_segment_close = _unchecked("FPDFPathSegment_GetClose")


def _subpaths(page: pdfium.PdfPage, view: Matrix) -> Iterator[tuple[list[Point], bool]]:
    """Each subpath's corner points in the shown page's space, and whether it is a lone
    line (a move and one line). Curves count by their end points, as in pdfminer."""
    get_segment, get_type = _get_segment, _segment_type
    get_point, get_close = _segment_point, _segment_close
    xy = (ctypes.c_float * 2)()
    x_p, y_p, xy_v = ctypes.byref(xy), ctypes.byref(xy, 4), memoryview(xy).cast("B").cast("f")
    for obj, (a, b, c, d, e, f) in _path_objects(page.raw, view):
        points: list[Point] = []
        lines = bezier = 0
        for i in range(_count_segments(obj)):
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
            px, py = xy_v
            points.append((round(a * px + c * py + e, 3), round(b * px + d * py + f, 3)))
            if get_close(segment):
                points.append(points[0])
        if len(points) > 1:
            yield points, lines == 1 and len(points) == 2


def _path_objects(
    parent: object, outer: Matrix, form: bool = False, depth: int = 0
) -> Iterator[tuple[object, Matrix]]:
    """Path objects on the page and inside its forms, each with its matrix to the shown page."""
    count_objects = _count_form_objects if form else _count_objects
    get_object = _get_form_object if form else _get_object
    numbers = (ctypes.c_float * 6)()  # the bounds, then the matrix (FS_MATRIX: a b c d e f)
    bounds = [ctypes.byref(numbers, 4 * k) for k in range(4)]
    matrix_p, values = ctypes.byref(numbers), memoryview(numbers).cast("B").cast("f")
    for i in range(max(count_objects(parent), 0)):
        obj = get_object(parent, i)
        kind = _object_type(obj)
        if kind != _PATH and kind != _FORM:
            continue
        if kind == _PATH and _object_bounds(obj, *bounds) and _small(values[:4], outer):
            continue
        own = _IDENTITY
        if _object_matrix(obj, matrix_p):
            a, b, c, d, e, f = values
            own = (a, b, c, d, e, f)
        matrix = _multiply(own, outer)
        if kind == _PATH:
            yield obj, matrix
        elif depth < MAX_FORM_DEPTH:
            yield from _path_objects(obj, matrix, form=True, depth=depth + 1)


def _small(bounds: Sequence[float], outer: Matrix) -> bool:
    """Too small on the page for any side to be a ruling (one C call against four for
    each segment). The bounds are in the object's parent's space, and hold its stroke.
    Positions are rounded as the segments' are, where that could decide it."""
    left, bottom, right, top = bounds
    a, b, c, d, _, _ = outer
    width, height = (
        abs(a * (right - left) + c * (top - bottom)),
        abs(b * (right - left) + d * (top - bottom)),
    )
    if width >= MIN_RULE + 0.01 or height >= MIN_RULE + 0.01:
        return False
    if width < MIN_RULE - 0.01 and height < MIN_RULE - 0.01:
        return True
    x0, y0 = _apply(outer, left, bottom)
    x1, y1 = _apply(outer, right, top)
    return abs(x1 - x0) < MIN_RULE and abs(y1 - y0) < MIN_RULE
