"""One extractor per format, chosen by the file's content, never its name.

Every extractor returns `Extracted`: pages of lines of cells.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import ParseError
from .base import Extracted

MAX_BYTES = 200 * 1024 * 1024

# magic bytes -> format; the order matters where one prefix contains another
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
)


def detect(data: bytes) -> str:
    head = data[:1024].lstrip(b"\xef\xbb\xbf")
    for magic, kind in MAGIC:
        if head.startswith(magic) or (kind == "pdf" and magic in head):
            return kind
    return "text"


def _pdf(data: bytes, source: str) -> Extracted:
    from .pdf import extract_pdf  # pdfium and pdfplumber load only for PDFs

    extracted = extract_pdf(data, source)
    if extracted.meta.get("pages_without_text"):  # scanned pages: read them by OCR
        from .ocr import ocr_scanned_pages

        extracted = ocr_scanned_pages(data, extracted)
    if extracted.meta.get("pictured_pages"):  # tables pasted as pictures among text
        from .ocr import ocr_pictured_pages

        extracted = ocr_pictured_pages(data, extracted)
    return extracted


def _image(data: bytes, source: str) -> Extracted:
    from .ocr import extract_image  # the OCR models load only for scans

    return extract_image(data, source)


def _text(data: bytes, source: str) -> Extracted:
    from .text import extract_text

    return extract_text(data, source)


def _zip(data: bytes, source: str) -> Extracted:
    """XLSX or DOCX, told by the package's content, never the file's name."""
    from .zipcheck import zip_kind

    if zip_kind(data) == "xlsx":
        from .xlsx import extract_xlsx

        return extract_xlsx(data, source)
    from .docx import extract_docx

    return extract_docx(data, source)


def _ole(data: bytes, source: str) -> Extracted:
    """.xls workbooks, and the password-protected .xlsx/.docx wrapped in the same container."""
    from .xls import extract_ole

    return extract_ole(data, source)


EXTRACTORS: dict[str, Callable[[bytes, str], Extracted]] = {
    "pdf": _pdf,
    "text": _text,
    "image": _image,
    "zip": _zip,
    "ole": _ole,
}


def extract(data: bytes, source: str = "") -> Extracted:
    if not data.strip():
        raise ParseError("empty", "the file is empty")
    if len(data) > MAX_BYTES:
        raise ParseError("too_large", f"the file is over {MAX_BYTES // 2**20} MB")
    kind = detect(data)
    extractor = EXTRACTORS.get(kind)
    if extractor is None:
        raise ParseError("unsupported", f"{kind} files are not read yet")
    return extractor(data, source)
