"""Simulated scans of real PDFs: pages rendered to pixels, turned, blurred and speckled.

A scanner or a phone camera gives a page image a little off the vertical, soft,
with noise; these images, saved as an image-only PDF (no text layer), stand in
for the scans journalists receive, and their text-layer parse is the truth to
compare the OCR parse with.

    python tests/parsing/simscan.py IN.pdf OUT.pdf [--pages 1,3] [--seed 7]
"""

from __future__ import annotations

import argparse
import io
import random
import sys
from collections.abc import Iterable, Sequence

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

DPI = 150  # a common office-scanner setting, and coarser than the OCR's own rendering


def scan_page(
    page: pdfium.PdfPage, rng: random.Random, *, dpi: int = DPI, max_angle: float = 1.5
) -> Image.Image:
    """One page as a scanner would give it back: grey, turned a little, soft and noisy."""
    image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    angle = rng.uniform(0.5, max_angle) * rng.choice((-1, 1))
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(radius=0.7))
    pixels = np.asarray(image, dtype=np.float32)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, 14, pixels.shape)
    speckled = np.clip(pixels + noise, 0, 255).astype(np.uint8)
    return Image.fromarray(speckled, mode="L")


def scan_images(
    data: bytes, pages: Iterable[int] | None = None, *, seed: int = 7, dpi: int = DPI
) -> list[Image.Image]:
    rng = random.Random(seed)
    doc = pdfium.PdfDocument(data)
    try:
        numbers = list(pages) if pages else list(range(1, len(doc) + 1))
        return [scan_page(doc[n - 1], rng, dpi=dpi) for n in numbers]
    finally:
        doc.close()


def images_to_pdf(images: Sequence[Image.Image], *, dpi: int = DPI) -> bytes:
    """An image-only PDF, JPEG-compressed as scanners save them."""
    out = io.BytesIO()
    first, *rest = [image.convert("L") for image in images]
    first.save(out, format="PDF", save_all=True, append_images=rest, resolution=dpi, quality=80)
    return out.getvalue()


def text_pdf_pages(data: bytes, pages: Iterable[int]) -> bytes:
    """The same pages of the text PDF, so that a scan of some pages has a text twin."""
    src = pdfium.PdfDocument(data)
    dest = pdfium.PdfDocument.new()
    try:
        dest.import_pages(src, [n - 1 for n in pages])
        out = io.BytesIO()
        dest.save(out)
        return out.getvalue()
    finally:
        dest.close()
        src.close()


def simulated_scan(data: bytes, pages: Iterable[int] | None = None, *, seed: int = 7) -> bytes:
    return images_to_pdf(scan_images(data, pages, seed=seed))


def _main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description="Write a simulated scan of a PDF.")
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--pages", default="", help="comma-separated page numbers")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    pages = [int(p) for p in args.pages.split(",") if p.strip()] or None
    with open(args.source, "rb") as fh:
        data = fh.read()
    with open(args.target, "wb") as fh:
        fh.write(simulated_scan(data, pages, seed=args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
