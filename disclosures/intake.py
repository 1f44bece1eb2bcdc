"""The door: what an upload holds, checked before anything is stored.

Pure functions on bytes (no Django), so that the checks are tested without a server.
A file is judged by its content (magic bytes), never by its name. A zip that is not an
Office file is an archive of uploads: its entries are judged one by one, after the
archive's own directory has been checked, so a zip bomb is refused before a byte of it
is inflated.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

# (magic bytes, format); a zip is told apart by its entries, see `zip_kind`
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # XLS and DOC
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
)
# an entry that marks an Office Open XML package, and the format it makes
OFFICE_ENTRIES: tuple[tuple[str, str], ...] = (
    ("word/document.xml", "docx"),
    ("xl/workbook.xml", "xlsx"),
)
TEXT_ENCODINGS = ("utf-8-sig", "gb18030")
# archive entries nobody meant to upload: folders, macOS resource forks, hidden files
SKIPPED_PREFIXES = ("__MACOSX", ".")
ESCAPING_REASON = "a name that leads out of the archive (../ or a root), not read"


@dataclass(frozen=True)
class Limits:
    file_bytes: int  # largest single file, inside an archive too
    files: int  # most files in one upload, archive entries counted
    archive_bytes: int  # most bytes an archive may inflate to
    ratio: int  # most an archive entry may inflate, uncompressed / compressed


@dataclass(frozen=True)
class Accepted:
    name: str
    data: bytes
    format: str


@dataclass(frozen=True)
class Refused:
    name: str
    reason: str  # in English, for the command line
    code: str = "archive"  # why, for the site to say in the reader's language


class ArchiveRefused(Exception):
    """A whole archive is refused: it is unreadable or would inflate beyond the limits."""


def detect(data: bytes) -> str | None:
    """The file's format from its content, or None when it is none the parser takes."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return zip_kind(data) if kind == "zip" else kind
    # some PDF writers put a few bytes before the header; readers accept up to 1 KB
    if b"%PDF-" in data[:1024]:
        return "pdf"
    return "text" if _is_text(data) else None


def zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return "zip"
    return next((kind for entry, kind in OFFICE_ENTRIES if entry in names), "zip")


def _is_text(data: bytes) -> bool:
    sample = data[: 64 * 1024]
    if not sample.strip() or b"\x00" in sample:
        return False
    for encoding in TEXT_ENCODINGS:
        try:
            # a multibyte character cut at the sample's end is not a reason to refuse
            text = sample.decode(
                encoding, errors="strict" if len(data) == len(sample) else "ignore"
            )
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text if ch < " " and ch not in "\t\r\n\f")
        return controls <= len(text) // 100
    return False


def admit(
    name: str, data: bytes, limits: Limits, *, in_archive: bool = False
) -> list[Accepted | Refused]:
    """One uploaded file: accepted as it is, refused, or expanded if it is an archive."""
    kind = detect(data)
    if kind is None:
        return [Refused(name, "not a PDF, spreadsheet, Word, image or text file", "format")]
    if kind != "zip":
        if len(data) > limits.file_bytes:
            return [Refused(name, f"larger than {limits.file_bytes // 2**20} MB", "too_large")]
        return [Accepted(name, data, kind)]
    if in_archive:
        # nested archives are how the worst zip bombs multiply; one level is enough
        return [Refused(name, "an archive inside an archive", "nested")]
    try:
        entries = expand(data, limits)
    except ArchiveRefused as error:
        return [Refused(name, str(error))]
    escaping = [Refused(entry, ESCAPING_REASON, "escaping") for entry in escaping_entries(data)]
    admitted = [
        out for entry, body in entries for out in admit(entry, body, limits, in_archive=True)
    ]
    return escaping + admitted


def expand(data: bytes, limits: Limits) -> list[tuple[str, bytes]]:
    """The files in an archive, after checking what its directory declares."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as error:
        raise ArchiveRefused(f"not a readable zip archive ({error})") from None
    with archive:
        members = [m for m in archive.infolist() if _wanted(m)]
        _check_directory(members, limits)
        try:
            return [(_entry_name(m), _read_entry(archive, m, limits)) for m in members]
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
            raise ArchiveRefused(f"a damaged or unsupported archive ({error})") from None


def _wanted(member: zipfile.ZipInfo) -> bool:
    path = _entry_name(member)
    parts = PurePosixPath(path).parts
    skipped = any(part.startswith(SKIPPED_PREFIXES) for part in parts)
    return not member.is_dir() and not skipped and not _escapes(path)


def _escapes(path: str) -> bool:
    """A name that climbs out of the archive's folder (`../x`) or starts at a root
    (`/x`, `C:\\x`): a sign of a crafted archive, never read, always reported."""
    parts = PurePosixPath(path.replace("\\", "/")).parts
    return ".." in parts or path.startswith(("/", "\\")) or (len(path) > 1 and path[1] == ":")


def escaping_entries(data: bytes) -> list[str]:
    """The names of an archive's entries that `_escapes` (the archive opened already)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [_entry_name(m) for m in archive.infolist() if not m.is_dir()]
    return [name for name in names if _escapes(name)]


def _check_directory(members: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(members) > limits.files:
        raise ArchiveRefused(f"holds {len(members)} files, more than {limits.files}")
    if sum(m.file_size for m in members) > limits.archive_bytes:
        raise ArchiveRefused(f"would inflate beyond {limits.archive_bytes // 2**20} MB")
    for member in members:
        if member.file_size > limits.file_bytes:
            raise ArchiveRefused(f"{_entry_name(member)} is larger than the per-file limit")
        if member.file_size > limits.ratio * max(member.compress_size, 1):
            raise ArchiveRefused(f"{_entry_name(member)} is compressed suspiciously well")
        if member.flag_bits & 0x1:
            raise ArchiveRefused(f"{_entry_name(member)} is encrypted")


def _read_entry(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: Limits) -> bytes:
    # The directory can lie about sizes: read at most the limit, and refuse anything longer.
    with archive.open(member) as stream:
        body = stream.read(limits.file_bytes + 1)
    if len(body) > limits.file_bytes or len(body) != member.file_size:
        raise ArchiveRefused(f"{_entry_name(member)} is not the size the archive declares")
    return body


def _entry_name(member: zipfile.ZipInfo) -> str:
    """Archives made on Chinese Windows store names in GBK without saying so."""
    name = member.filename
    if not member.flag_bits & 0x800:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("gbk")
    return name
