"""The door: formats by content, archives expanded with their bombs refused. No database."""

from __future__ import annotations

import io
import zipfile

import pytest

from disclosures import intake

LIMITS = intake.Limits(file_bytes=1000, files=5, archive_bytes=3000, ratio=50)
PDF = b"%PDF-1.7\n" + b"x" * 50
TEXT = "2026年部门预算\n支出合计\t689.80\n".encode()


def zipped(*entries: tuple[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name)
            info.compress_type = method
            archive.writestr(info, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PDF, "pdf"),
        (b"\xef\xbb\xbf  junk%PDF-1.4 later", "pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 20, "ole"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "image"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 20, "image"),
        (TEXT, "text"),
        ("部门预算".encode("gb18030"), "text"),
        (b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)), None),
        (b"", None),
    ],
)
def test_it_tells_the_format_from_the_content(data, expected):
    assert intake.detect(data) == expected


def test_an_office_file_is_a_document_not_an_archive():
    docx = zipped(("[Content_Types].xml", b"<x/>"), ("word/document.xml", b"<w/>"))
    xlsx = zipped(("[Content_Types].xml", b"<x/>"), ("xl/workbook.xml", b"<w/>"))

    assert intake.detect(docx) == "docx"
    assert intake.detect(xlsx) == "xlsx"
    assert intake.admit("a.docx", docx, LIMITS) == [intake.Accepted("a.docx", docx, "docx")]


def test_a_name_does_not_make_a_format():
    [outcome] = intake.admit("budget.pdf", b"MZ\x90\x00" + bytes(range(256)), LIMITS)

    assert isinstance(outcome, intake.Refused)


def test_an_archive_is_expanded_into_its_files():
    archive = zipped(("2026/budget.pdf", PDF), ("notes.txt", TEXT), ("__MACOSX/._budget.pdf", b"x"))

    outcomes = intake.admit("bundle.zip", archive, LIMITS)

    assert outcomes == [
        intake.Accepted("2026/budget.pdf", PDF, "pdf"),
        intake.Accepted("notes.txt", TEXT, "text"),
    ]


def test_an_entry_that_inflates_too_well_is_refused_before_it_is_read():
    bomb = zipped(("zeros.txt", b"0" * 999))  # 999 bytes squeezed into a dozen

    [outcome] = intake.admit("bomb.zip", bomb, LIMITS)

    assert isinstance(outcome, intake.Refused)
    assert "compressed suspiciously well" in outcome.reason


def test_an_archive_larger_than_the_limit_once_inflated_is_refused():
    stored = [(f"f{i}.pdf", PDF + bytes([65 + i]) * 900) for i in range(4)]
    archive = zipped(*stored, method=zipfile.ZIP_STORED)

    [outcome] = intake.admit("big.zip", archive, LIMITS)

    assert isinstance(outcome, intake.Refused)
    assert "inflate beyond" in outcome.reason


def test_an_archive_with_too_many_files_is_refused():
    archive = zipped(*[(f"{i}.txt", TEXT) for i in range(6)])

    [outcome] = intake.admit("many.zip", archive, LIMITS)

    assert isinstance(outcome, intake.Refused)


def test_an_archive_inside_an_archive_is_refused():
    inner = zipped(("a.txt", TEXT))
    outer = zipped(("inner.zip", inner), ("b.txt", TEXT))

    outcomes = intake.admit("outer.zip", outer, LIMITS)

    assert [type(o) for o in outcomes] == [intake.Refused, intake.Accepted]


def test_an_entry_whose_size_was_lied_about_is_refused():
    archive = bytearray(zipped(("a.txt", TEXT), method=zipfile.ZIP_STORED))
    # the central directory's uncompressed size says 10 bytes; the entry holds more
    central = archive.rindex(b"PK\x01\x02")
    archive[central + 24 : central + 28] = (10).to_bytes(4, "little")

    [outcome] = intake.admit("liar.zip", bytes(archive), LIMITS)

    assert isinstance(outcome, intake.Refused)


def test_a_file_over_the_size_limit_is_refused():
    [outcome] = intake.admit("big.pdf", PDF + b"x" * 2000, LIMITS)

    assert isinstance(outcome, intake.Refused)
    assert "larger than" in outcome.reason


def test_names_that_chinese_windows_stored_in_gbk_are_read_back():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("placeholder.txt", TEXT)
    data = buffer.getvalue()
    gbk = "部门预算.txt".encode("gbk")
    # rewrite the name in place, as a GBK archiver would, without the UTF-8 flag
    data = data.replace(b"placeholder.txt", gbk.ljust(len(b"placeholder.txt"), b"_"))

    [outcome] = intake.admit("cn.zip", data, LIMITS)

    assert outcome.name.startswith("部门预算")


@pytest.mark.parametrize("name", ["../x.txt", "a/../../x.txt", "/etc/x.txt", "C:\\x.txt"])
def test_an_entry_named_to_leave_the_archive_is_reported_not_dropped(name):
    archive = zipped((name, TEXT), ("notes.txt", TEXT))

    outcomes = intake.admit("bundle.zip", archive, LIMITS)

    assert outcomes == [
        intake.Refused(name, intake.ESCAPING_REASON, "escaping"),
        intake.Accepted("notes.txt", TEXT, "text"),
    ]
