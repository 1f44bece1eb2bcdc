"""A page of a PDF as a PNG, with the box a value was read from drawn on it. Pure: no Django.

Boxes are (x0, top, x1, bottom) in PDF points from the page's top-left corner, as the
parser gives them. A page is drawn at `scale` pixels per point, less where that would
make more than MAX_PIXELS: a page's size in points is whatever its file says (14400 pt
square is legal), and the picture's cost must not be.

The site draws pages in a child process with limits (`render_request`, through
disclosures/page_images.py), keeps the plain page, and draws boxes onto the kept one.
"""

from __future__ import annotations

import base64
import io
import math

import pypdfium2
from PIL import Image, ImageDraw

from disclosures.parsing.extract.pdf_geometry import text_turn

Box = tuple[float, float, float, float]
HIGHLIGHT = (180, 35, 24)  # the site's accent colour
PADDING = 3  # points around the cell, so the rectangle does not cover the digits
SCALE = 1.5  # pixels per point, for a page of ordinary size
MAX_PIXELS = 3_000_000  # an A3 page at SCALE is 2.3 million


class NoSuchPage(Exception):
    pass


def fitting_scale(width: float, height: float, scale: float = SCALE) -> float:
    """`scale`, or less, so that a page of this size in points makes at most MAX_PIXELS,
    each side rounded up to a whole pixel: (width·s + 1)(height·s + 1) <= MAX_PIXELS."""
    width, height = max(width, 1.0), max(height, 1.0)
    area, sides = width * height, width + height
    fit = (math.sqrt(sides * sides + 4 * area * (MAX_PIXELS - 1)) - sides) / (2 * area)
    return min(scale, fit)


def render(data: bytes, page_number: int, box: Box | None = None, scale: float = SCALE) -> bytes:
    image, used = page_image(data, page_number, scale)
    return png(outlined(image, box, used) if box is not None else image)


def page_image(data: bytes, page_number: int, scale: float = SCALE) -> tuple[Image.Image, float]:
    """The page as pixels, and the pixels per point it was drawn at."""
    pdf = pypdfium2.PdfDocument(data)
    try:
        if not 1 <= page_number <= len(pdf):
            raise NoSuchPage(f"the file has {len(pdf)} pages")
        page = pdf[page_number - 1]
        turn = _text_turn(page)
        width, height = page.get_size()
        if turn % 180:
            width, height = height, width
        used = fitting_scale(width, height, scale)
        image = page.render(scale=used, rotation=turn).to_pil().convert("RGB")
        page.close()
    finally:
        pdf.close()
    return image, used


def _text_turn(page: pypdfium2.PdfPage) -> int:
    """Degrees to turn a page whose text is set sideways with no /Rotate, as the parser
    turns it: the boxes it gives are on the page so turned."""
    if page.get_rotation():
        return 0
    textpage = page.get_textpage()
    try:
        return text_turn(textpage)
    finally:
        textpage.close()


def outlined(image: Image.Image, box: Box, scale: float) -> Image.Image:
    """A copy of the page's image with the box outlined; `scale` is the image's."""
    x0, top, x1, bottom = (v * scale for v in box)
    pad = PADDING * scale
    image = image.copy()
    ImageDraw.Draw(image).rectangle(
        (x0 - pad, top - pad, x1 + pad, bottom + pad), outline=HIGHLIGHT, width=3
    )
    return image


def png(image: Image.Image) -> bytes:
    # the least compression: a third less of the web process's time for an outlined page,
    # for a file a few per cent larger (a page of text and lines compresses well anyway)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def render_request(data: bytes, request: str) -> tuple[str, float] | None:
    """The child's side (sandbox.run_in_child): `request` is the page number; the plain
    page as PNG (in base64: the child answers in JSON) and its pixels per point, or None
    when the file has no such page."""
    try:
        image, used = page_image(data, int(request))
    except NoSuchPage:
        return None
    return base64.b64encode(png(image)).decode("ascii"), used


def page_count(data: bytes, source: str = "") -> int:
    """How many pages; the worker asks in a child process, where a crash harms nobody.
    0 for a file pdfium cannot open: the parse that follows says why, in its words."""
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return 0
    try:
        return len(pdf)
    finally:
        pdf.close()


def parse_box(text: str) -> Box | None:
    """`x0,top,x1,bottom` from a query string; None for anything else."""
    try:
        values = [float(v) for v in text.split(",")]
    except ValueError:
        return None
    if len(values) != 4 or not all(0 <= v < 20000 for v in values):
        return None
    return (values[0], values[1], values[2], values[3])
