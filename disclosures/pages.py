"""A page of a PDF as a PNG, with the box a value was read from drawn on it. Pure: no Django.

Boxes are (x0, top, x1, bottom) in PDF points from the page's top-left corner, as the
parser gives them; the image is `scale` pixels per point.
"""

from __future__ import annotations

import io

import pypdfium2
from PIL import ImageDraw

Box = tuple[float, float, float, float]
HIGHLIGHT = (180, 35, 24)  # the site's accent colour
PADDING = 3  # points around the cell, so the rectangle does not cover the digits


class NoSuchPage(Exception):
    pass


def render(data: bytes, page_number: int, box: Box | None = None, scale: float = 1.5) -> bytes:
    pdf = pypdfium2.PdfDocument(data)
    try:
        if not 1 <= page_number <= len(pdf):
            raise NoSuchPage(f"the file has {len(pdf)} pages")
        page = pdf[page_number - 1]
        image = page.render(scale=scale).to_pil().convert("RGB")
        page.close()
    finally:
        pdf.close()
    if box is not None:
        x0, top, x1, bottom = (v * scale for v in box)
        pad = PADDING * scale
        ImageDraw.Draw(image).rectangle(
            (x0 - pad, top - pad, x1 + pad, bottom + pad), outline=HIGHLIGHT, width=3
        )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def page_count(data: bytes, source: str = "") -> int:
    """How many pages; the worker asks in a child process, where a crash harms nobody."""
    pdf = pypdfium2.PdfDocument(data)
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
