"""ZIP containers (XLSX, DOCX) inspected before any library opens them.

A ZIP declares each entry's compressed and uncompressed size in its central
directory, and Python's zipfile never inflates an entry past its declared size
(a lie fails the CRC check), so the declared sizes bound the work: a
decompression bomb is refused here, from the directory alone, before a byte is
inflated. What the archive holds is told by its content types, never by the
file's name.
"""

from __future__ import annotations

import io
import struct
import zipfile

from defusedxml import ElementTree

from ..errors import ParseError

MAX_ENTRIES = 4000  # a workbook of 500 sheets has ~1,500 parts
MAX_TOTAL = 512 * 2**20  # uncompressed bytes, all entries together
MAX_ENTRY = 256 * 2**20
MAX_RATIO = 200  # real sheet XML inflates 5-50x; bombs 1,000x and more
RATIO_FLOOR = 2**20  # small entries may inflate as they like: they cannot hurt
MAX_TYPES_XML = 2**20  # [Content_Types].xml, read before anything else

_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_CENTRAL_ENTRY_MIN = 46  # bytes per central-directory entry, before its name

# OOXML content types of the main part -> what the package is
MAIN_PARTS: dict[str, str] = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "xlsx",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": "xlsx",
    "application/vnd.ms-excel.template.macroEnabled.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "docx",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "docx",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "docx",
}
# packages whose content types are missing or odd, told by their main part's name
MAIN_NAMES: dict[str, str] = {"xl/workbook.xml": "xlsx", "word/document.xml": "docx"}


def _check_directory(data: bytes) -> None:
    """Refuse a central directory too big to index before zipfile builds its index."""
    at = data.rfind(_EOCD, max(0, len(data) - 65_536 - _EOCD_SIZE))
    if at < 0 or len(data) < at + _EOCD_SIZE:
        raise ParseError("corrupt", "the ZIP archive is truncated: its directory is missing")
    entries, directory_size = struct.unpack_from("<10xHI", data, at)
    if entries > MAX_ENTRIES or directory_size > MAX_ENTRIES * (_CENTRAL_ENTRY_MIN + 300):
        raise ParseError("too_large", f"the ZIP archive has over {MAX_ENTRIES} entries")


def _check_entries(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise ParseError("too_large", f"the ZIP archive has {len(infos)} entries")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ParseError("encrypted", "the ZIP archive's entries need a password")
        size, packed = info.file_size, max(info.compress_size, 1)
        total += size
        if size > MAX_ENTRY or total > MAX_TOTAL:
            raise ParseError("too_large", f"the ZIP archive unpacks to over {total // 2**20} MB")
        if size > RATIO_FLOOR and size > MAX_RATIO * packed:
            raise ParseError(
                "too_large",
                f"{info.filename} inflates {size // packed}x, a decompression bomb",
            )


def checked_zip(data: bytes) -> zipfile.ZipFile:
    """The archive, opened only once its directory shows it is safe to read."""
    _check_directory(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise ParseError("corrupt", f"the ZIP archive cannot be read: {exc}") from exc
    _check_entries(infos)
    return archive


def _content_types(archive: zipfile.ZipFile) -> list[str]:
    try:
        info = archive.getinfo("[Content_Types].xml")
    except KeyError:
        return []
    if info.file_size > MAX_TYPES_XML:
        raise ParseError("too_large", "the package's content types are over 1 MB")
    try:
        root = ElementTree.fromstring(archive.read(info))
    except Exception as exc:  # bad XML, entities, a broken deflate stream: all unreadable
        raise ParseError("corrupt", f"the package's content types cannot be read: {exc}") from exc
    return [el.get("ContentType", "") for el in root.iter() if el.tag.endswith("Override")]


def package_kind(archive: zipfile.ZipFile) -> str:
    """'xlsx' or 'docx', from the package's content types, else from its part names."""
    for content_type in _content_types(archive):
        if content_type in MAIN_PARTS:
            return MAIN_PARTS[content_type]
    names = set(archive.namelist())
    for name, kind in MAIN_NAMES.items():
        if name in names:
            return kind
    if "mimetype" in names:
        raise ParseError("unsupported", "OpenDocument files are not read: save as .xlsx or .docx")
    raise ParseError("unsupported", "a ZIP archive that is neither an Excel nor a Word file")


def zip_kind(data: bytes) -> str:
    with checked_zip(data) as archive:
        return package_kind(archive)
