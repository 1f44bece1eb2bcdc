"""Hostile and broken files, made here rather than stored: each is a few kilobytes
that claims or unpacks to something absurd.

    python tests/parsing/hostile.py OUTDIR   # writes every case to OUTDIR

Each case names the file (its name is part of the attack where it lies about the
format) and the error codes that are acceptable outcomes: any of them, reached
quickly with bounded memory, is a clean refusal. The `eat_memory`, `spin` and
`crash` functions at the end are children's targets for the sandbox's own tests.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import struct
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

GIB = 1 << 30


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    make: Callable[[], bytes]
    codes: frozenset[str]  # acceptable error codes


# --- PDF pieces -------------------------------------------------------------------


def pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """Objects numbered from 1 (the catalog), a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s >>\n" % (len(objects) + 1, trailer))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), extra, data)


def one_page_pdf(content: bytes, extra: bytes = b"", resources: bytes = b"") -> bytes:
    font = b"/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>"
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << %s %s >> >>" % (font, resources),
            stream(content, extra),
        ]
    )


def hello_pdf() -> bytes:
    """A valid PDF that is not a disclosure."""
    return one_page_pdf(b"BT /F1 24 Tf 72 720 Td (Hello, not a budget) Tj ET")


def deflate_repeated(chunk: bytes, times: int) -> tuple[bytes, int]:
    """A raw deflate stream of `chunk` repeated (each copy one flushed block, so the
    work is compressing it once) and the CRC-32 of the whole."""
    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = block.compress(chunk) + block.flush(zlib.Z_FULL_FLUSH)
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # an empty final block
    crc = 0
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    return body * times + end, crc


def zlib_repeated(chunk: bytes, times: int) -> bytes:
    raw, _ = deflate_repeated(chunk, times)
    adler = 1
    for _ in range(times):
        adler = zlib.adler32(chunk, adler)
    return b"\x78\xda" + raw + struct.pack(">I", adler)


def flate_bomb() -> bytes:
    """A page whose content stream inflates to 4 GiB of spaces, flated twice to 20 kB."""
    inner = zlib_repeated(b" " * (16 << 20), 256)
    return one_page_pdf(zlib.compress(inner, 9), b"/Filter [/FlateDecode /FlateDecode]")


def deep_nesting(depth: int = 100_000) -> bytes:
    """Arrays nested a hundred thousand deep, in the page's resources."""
    nested = b"[" * depth + b"]" * depth
    content = b"BT /F1 12 Tf 72 720 Td (nested) Tj ET"
    return one_page_pdf(content, resources=b"/Properties << /P1 %s >>" % nested)


def many_pages(count: int = 100_000, content: bytes = b"") -> bytes:
    """A page tree of a hundred thousand pages, all sharing one small content stream."""
    font = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", stream(content), font]
    kids = []
    for _ in range(count):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
            b"/Resources 4 0 R >>"
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), count)
    return pdf(objects)


def many_text_pages() -> bytes:
    """The same, each page with a line of figures, so that every page has to be read."""
    return many_pages(content=b"BT /F1 12 Tf 72 720 Td (Total 12.00 34.00 56.00 78.00) Tj ET")


def truncated() -> bytes:
    """A disclosure-sized PDF cut off a third of the way in: no xref, no trailer."""
    pages = b"".join(
        b"BT /F1 10 Tf 72 %d Td (Line %d of the table) Tj ET\n" % (800 - i, i) for i in range(700)
    )
    whole = one_page_pdf(zlib.compress(pages), b"/Filter /FlateDecode")
    return whole[: len(whole) // 3]


# The standard security handler, revision 2 (PDF 1.7, 7.6.3): a file locked with a
# user password, which no reader can open without it.
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key: bytes, data: bytes) -> bytes:
    box, j = list(range(256)), 0
    for i in range(256):
        j = (j + box[i] + key[i % len(key)]) % 256
        box[i], box[j] = box[j], box[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + box[i]) % 256
        box[i], box[j] = box[j], box[i]
        out.append(byte ^ box[(box[i] + box[j]) % 256])
    return bytes(out)


def encrypted(user: bytes = b"secret", owner: bytes = b"owner") -> bytes:
    file_id = b"0123456789abcdef"
    o_entry = rc4(hashlib.md5((owner + _PAD)[:32]).digest()[:5], (user + _PAD)[:32])
    permissions = struct.pack("<i", -44)
    key = hashlib.md5((user + _PAD)[:32] + o_entry + permissions + file_id).digest()[:5]
    content = rc4(hashlib.md5(key + b"\x04\x00\x00\x00\x00").digest()[:10], b"BT ET")
    body = one_page_pdf(content)
    handler = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>" % (
        o_entry.hex().encode(),
        rc4(key, _PAD).hex().encode(),
    )
    # the handler goes in as object 5, after the page's four
    objects = _objects_of(body) + [handler]
    ids = b"/ID [<%s> <%s>] /Encrypt 5 0 R" % (file_id.hex().encode(), file_id.hex().encode())
    return pdf(objects, ids)


def _objects_of(data: bytes) -> list[bytes]:
    parts = data.split(b" 0 obj\n")[1:]
    return [part.split(b"\nendobj\n")[0] for part in parts]


# --- packages and images ----------------------------------------------------------

_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + b"".join(
        b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]>\n"
)


def _package(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


_XLSX_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)
_DOCX_TYPES = _XLSX_TYPES.replace(b"/xl/workbook.xml", b"/word/document.xml").replace(
    b"spreadsheetml.sheet.main", b"wordprocessingml.document.main"
)


def xlsx_laughs() -> bytes:
    """A workbook whose XML declares the billion laughs."""
    workbook = (
        _LAUGHS
        + b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="&lol9;" sheetId="1"/></sheets></workbook>'
    )
    return _package({"[Content_Types].xml": _XLSX_TYPES, "xl/workbook.xml": workbook})


def docx_laughs() -> bytes:
    document = (
        _LAUGHS
        + b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
    )
    return _package({"[Content_Types].xml": _DOCX_TYPES, "word/document.xml": document})


def zip_bomb() -> bytes:
    """A workbook whose sheet inflates to 4 GiB (from 4 MB), sizes declared honestly."""
    raw, crc = deflate_repeated(b" " * (16 << 20), 256)
    entries = {
        "[Content_Types].xml": _deflated(_XLSX_TYPES),
        "xl/workbook.xml": _deflated(b"<workbook/>"),
        "xl/worksheets/sheet1.xml": (raw, crc, 256 * (16 << 20)),
    }
    return _zip_raw(entries)


def _deflated(data: bytes) -> tuple[bytes, int, int]:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(), zlib.crc32(data), len(data)


def _zip_raw(entries: dict[str, tuple[bytes, int, int]]) -> bytes:
    """A ZIP written by hand, so that an entry can be larger than 4 GiB (ZIP64)."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, (data, crc, size) in entries.items():
        offset, encoded = out.tell(), name.encode()
        zip64 = struct.pack("<HHQQ", 1, 16, size, len(data))
        out.write(
            struct.pack(
                "<IHHHHHIIIHH",
                0x04034B50,
                45,
                0,
                8,
                0,
                0,
                crc,
                0xFFFFFFFF,
                0xFFFFFFFF,
                len(encoded),
                len(zip64),
            )
        )
        out.write(encoded + zip64 + data)
        extra = struct.pack("<HHQQQ", 1, 24, size, len(data), offset)
        central.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                45,
                45,
                0,
                8,
                0,
                0,
                crc,
                0xFFFFFFFF,
                0xFFFFFFFF,
                len(encoded),
                len(extra),
                0,
                0,
                0,
                0,
                0xFFFFFFFF,
            )
        )
        central.write(encoded + extra)
    start, directory = out.tell(), central.getvalue()
    count = len(entries)
    out.write(directory)
    end64 = out.tell()
    out.write(
        struct.pack(
            "<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, len(directory), start
        )
    )
    out.write(struct.pack("<IIQI", 0x07064B50, 0, end64, 1))
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), start, 0))
    return out.getvalue()


def png_bomb(side: int = 60_000) -> bytes:
    """A black-and-white PNG of 60,000 x 60,000 pixels (3.6 billion), 450 kB on disk."""
    row = b"\x00" + b"\xff" * ((side + 7) // 8)  # filter byte, then white pixels
    rows = row * 256
    raw, _ = deflate_repeated(rows, side // 256)
    adler = 1
    for _ in range(side // 256):
        adler = zlib.adler32(rows, adler)
    idat = b"\x78\xda" + raw + struct.pack(">I", adler)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def tiff_frames(count: int = 1000) -> bytes:
    """A TIFF of a thousand one-pixel pages."""
    from PIL import Image

    frames = [Image.new("L", (1, 1), 255) for _ in range(count)]
    out = io.BytesIO()
    frames[0].save(out, format="TIFF", save_all=True, append_images=frames[1:])
    return out.getvalue()


def random_bytes() -> bytes:
    return random.Random(5).randbytes(200_000)


CASES: tuple[Case, ...] = (
    Case(
        "flate_bomb",
        "bomb.pdf",
        flate_bomb,
        frozenset({"too_large", "corrupt", "scanned", "not_a_disclosure"}),
    ),
    Case("deep_nesting", "nested.pdf", deep_nesting, frozenset({"corrupt", "not_a_disclosure"})),
    Case("many_pages", "pages.pdf", many_pages, frozenset({"too_large"})),
    # caught only by the time limit until the PDF reader refuses absurd page counts up front
    Case("many_text_pages", "pages.pdf", many_text_pages, frozenset({"too_large", "timeout"})),
    Case("truncated", "cut.pdf", truncated, frozenset({"corrupt", "not_a_disclosure"})),
    Case("encrypted", "locked.pdf", encrypted, frozenset({"encrypted"})),
    Case("empty", "empty.pdf", lambda: b"", frozenset({"empty"})),
    Case(
        "random_bytes",
        "noise.xlsx",
        random_bytes,
        frozenset({"corrupt", "unsupported", "not_a_disclosure"}),
    ),
    Case("pdf_named_xlsx", "budget.xlsx", hello_pdf, frozenset({"not_a_disclosure"})),
    Case(
        "xlsx_laughs",
        "laughs.xlsx",
        xlsx_laughs,
        frozenset({"corrupt", "unsupported", "not_a_disclosure"}),
    ),
    Case(
        "docx_laughs",
        "laughs.docx",
        docx_laughs,
        frozenset({"corrupt", "unsupported", "not_a_disclosure"}),
    ),
    Case("zip_bomb", "bomb.xlsx", zip_bomb, frozenset({"too_large", "corrupt", "unsupported"})),
    Case("png_bomb", "huge.png", png_bomb, frozenset({"too_large"})),
    Case("tiff_frames", "pages.tiff", tiff_frames, frozenset({"too_large"})),
)


# --- targets for the sandbox's tests (run in its child) ---------------------------


def eat_memory(data: bytes, source: str) -> None:
    """Allocates and touches memory until the limit stops it."""
    hoard = []
    while True:
        hoard.append(bytearray(64 << 20))


def spin(data: bytes, source: str) -> None:
    while True:
        time.sleep(0.01)


def crash(data: bytes, source: str) -> None:
    os.abort()


def main(argv: list[str]) -> int:
    target = Path(argv[0] if argv else "hostile")
    target.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        (target / f"{case.name}-{case.filename}").write_bytes(case.make())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
