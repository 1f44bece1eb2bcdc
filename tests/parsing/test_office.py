"""Spreadsheets and Word files read as their text versions; hostile ones end in coded errors.

The XLSX, XLS and DOCX files are built from the sample texts by
fixtures_office.py; each must give, field by field, what the parse of the same
sample as text gives (workbooks hold the tables only, so there only the
figures the text parse took from tables are compared).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from functools import cache
from typing import Any

import fixtures_office as fx
import pytest

from disclosures.parsing import ParseError, parse_bytes, to_contract
from disclosures.parsing.extract import detect, extract
from disclosures.parsing.extract.base import Extracted
from disclosures.parsing.extract.xlsx import cell_text, format_number, join_lines

WORKBOOKS = [
    ("fuzhou-sicenter-2026-budget", "A"),
    ("xianyang-cardcenter-2026-budget", "B"),
    ("xianyang-cardcenter-2026-budget", "A"),
    ("fuzhou-sicenter-2026-budget", "B"),
]
DOCUMENTS = ["haikou-cardcenter-2026-budget", "xianyang-cardcenter-2026-budget"]
ROW_KEYS = ("name", "total", "basic", "project", "personnel", "public")


@cache
def workbook(sample: str, layout: str, fmt: str) -> bytes:
    return fx.workbook(sample, layout, fmt)


@cache
def text_contract(sample: str) -> dict[str, Any]:
    data = (fx.SAMPLES / f"{sample}.txt").read_bytes()
    return to_contract(parse_bytes(data, source=f"{sample}.txt"))


def _from_tables(row: dict[str, Any]) -> bool:
    return bool(row["source"].get("table"))


def differences(text: dict[str, Any], office: dict[str, Any], tables_only: bool) -> list[str]:
    """Every field of the text parse that the office parse gives otherwise."""
    out = [f"{k}: {office[k]} != {text[k]}" for k in ("year", "kind") if office[k] != text[k]]
    for key, value in text["totals"].items():
        where = text["provenance"]["totals"].get(key) or {}
        if (where.get("table") or not tables_only) and office["totals"].get(key) != value:
            out.append(f"totals.{key}: {office['totals'].get(key)} != {value}")
    for part, key in (("functional", ("code",)), ("economic", ("code", "scope"))):
        got = {tuple(r[k] for k in key): r for r in office[part]}
        want = {
            tuple(r[k] for k in key): r for r in text[part] if _from_tables(r) or not tables_only
        }
        out += [f"{part} {k} is extra" for k in got.keys() - want.keys()]
        for k, row in want.items():
            other = got.get(k, {})
            out += [
                f"{part} {k}.{c}: {other.get(c)} != {row.get(c)}"
                for c in ROW_KEYS
                if other.get(c) != row.get(c)
            ]
    if not tables_only:
        for key in ("agency", "region", "headcount", "prior_year", "three_public_parts"):
            if office[key] != text[key]:
                out.append(f"{key}: {office[key]} != {text[key]}")
    return out


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
@pytest.mark.parametrize(("sample", "layout"), WORKBOOKS)
def test_a_workbook_reads_as_its_text(sample: str, layout: str, fmt: str) -> None:
    text = text_contract(sample)
    office = to_contract(parse_bytes(workbook(sample, layout, fmt), source=f"budget.{fmt}"))
    assert differences(text, office, tables_only=True) == []
    assert len(office["functional"]) >= 5 and len(office["economic"]) >= 5
    assert office["totals"]["expenditure"] == text["totals"]["expenditure"] is not None


@pytest.mark.parametrize("sample", DOCUMENTS)
def test_a_word_document_reads_as_its_text(sample: str) -> None:
    text = text_contract(sample)
    office = to_contract(parse_bytes(fx.document(sample), source="budget.docx"))
    assert differences(text, office, tables_only=False) == []
    assert office["totals"]["expenditure"] is not None and office["functional"]


def _plain(cells: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Cells as compared: amounts without thousands separators, no trailing blanks."""
    out = [re.sub(r"(?<=\d),(?=\d{3})", "", c) for c in cells]
    while out and not out[-1]:
        out.pop()
    return tuple(out)


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
@pytest.mark.parametrize(("sample", "layout"), WORKBOOKS[:2])
def test_each_sheet_holds_its_table_row_for_row(sample: str, layout: str, fmt: str) -> None:
    got = extract(workbook(sample, layout, fmt), f"budget.{fmt}")
    specs = fx.tables(sample)
    assert len(got.pages) == len(specs)
    for page, spec in zip(got.pages, specs, strict=True):
        rows = [_plain(r) for r in spec.header + spec.body if any(r)]
        lines = [_plain(line.cells) for line in page.lines]
        assert lines[len(lines) - len(rows) :] == rows, spec.title_text
        top = "".join("".join(cells) for cells in lines[: len(lines) - len(rows)])
        assert fx.YEAR.sub("", spec.title_text).replace(" ", "") in top.replace(" ", "")


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_hidden_rows_columns_and_sheets_are_left_out_and_listed(fmt: str) -> None:
    got = extract(workbook("xianyang-cardcenter-2026-budget", "B", fmt), f"budget.{fmt}")
    assert got.meta["hidden_sheets"] == "数据源"
    assert "数据源" not in got.meta["sheets"]
    assert got.meta["hidden_rows"].count("\n") >= 5  # one helper row per table with a header
    text = " ".join(line.text for line in got.lines())
    assert not re.search(r"\bK\d\b|\bid\d{6}\b", text)  # helper keys, internal ids


def test_formulas_give_the_result_excel_saved() -> None:
    data = workbook("fuzhou-sicenter-2026-budget", "A", "xlsx")
    sheets = zipfile.ZipFile(io.BytesIO(data))
    assert any(b"<f>SUM(" in sheets.read(n) for n in sheets.namelist() if "worksheets" in n)
    totals = [line for line in extract(data).lines() if line.cells[:1] == ("合计",)]
    assert totals and all(c for c in totals[0].cells[2:4])


def _sheet(name: str, rows: list[list[Any]]) -> Extracted:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = name
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return extract(out.getvalue())


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("2.15单位收支总表", [("单位收支总表",)]),
        ("表3 一般公共预算支出表", [("表3",), ("一般公共预算支出表",)]),
        ("Sheet1", []),
    ],
)
def test_a_sheet_without_a_title_row_is_titled_by_its_name(name: str, first: list[tuple]) -> None:
    got = _sheet(name, [["科目编码", "科目名称", "合计"], ["208", "社会保障和就业支出", "1.00"]])
    assert [line.cells for line in got.lines()][: len(first) + 1] == [
        *first,
        ("科目编码", "科目名称", "合计"),
    ]


def test_a_sheet_with_a_title_row_keeps_it_and_not_its_name() -> None:
    got = _sheet("2.15单位收支总表", [["2026年收支总表"], [None, None, "单位：万元"]])
    assert [line.cells for line in got.lines()] == [("2026年收支总表",), ("", "", "单位:万元")]


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (1234.5, "#,##0.00", "1,234.50"),
        (170, "0.00", "170.00"),
        (208.0, "General", "208"),
        (689.8, "General", "689.8"),
        (0.1 + 0.2, "General", "0.3"),
        (0.1234, "0.00%", "12.34%"),
        (-5, "#,##0.00;[Red]-#,##0.00", "-5.00"),
        (3, "0.00_ ", "3.00"),
        (12, '"¥"#,##0.00', "12.00"),
        (12.5, "@", "12.5"),
    ],
)
def test_numbers_read_as_excel_shows_them(value: float, number_format: str, shown: str) -> None:
    assert format_number(value, number_format) == shown


def test_a_cell_s_lines_join_as_one() -> None:
    assert join_lines("事业单位经营\n支出") == "事业单位经营支出"
    assert join_lines("Total\r\nspending") == "Total spending"
    assert cell_text("  项目\n（一） ") == "项目 (一)" or cell_text("  项目\n（一） ") == "项目(一)"


def test_the_format_is_told_by_content_not_name() -> None:
    xlsx = workbook("xianyang-cardcenter-2026-budget", "B", "xlsx")
    assert (
        parse_bytes(xlsx, source="budget.docx").totals == parse_bytes(xlsx, source="b.xlsx").totals
    )
    docx = fx.document("haikou-cardcenter-2026-budget")
    assert extract(docx, "budget.xlsx").format == "docx"
    assert detect(b"%PDF-1.7\n...") == "pdf"  # a PDF named .xlsx goes to the PDF reader


# -- hostile and broken files ------------------------------------------------------------


def _zip(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


XLSX_TYPES = (
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)


def _code(data: bytes) -> str:
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, source="hostile.xlsx")
    return caught.value.code


def _lie_about_size(data: bytes, name: bytes, size: int) -> bytes:
    """Patch the declared uncompressed size of one entry, in both headers."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = out.find(signature + b"")
        while at >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if out[name_at : name_at + len(name)] == name:
                struct.pack_into("<I", out, at + offset, size)
            at = out.find(signature, at + 4)
    return bytes(out)


def _ole(stream: str) -> bytes:
    """An OLE container with one stream of the given name (xlwt writes 'Workbook')."""
    from xlwt.CompoundDoc import XlsDoc

    out = io.BytesIO()
    XlsDoc().save(out, b"\x00" * 5000)
    data = bytearray(out.getvalue())
    old = "Workbook\x00".encode("utf-16-le")
    at = data.find(old)
    name = f"{stream}\x00".encode("utf-16-le")
    data[at : at + 66] = name.ljust(64, b"\x00") + struct.pack("<H", len(name))
    return bytes(data)


HOSTILE = {
    "a deflate bomb": (
        lambda: _zip({"[Content_Types].xml": XLSX_TYPES, "xl/a.xml": b" " * 8 * 2**20}),
        "too_large",
    ),
    "sizes that add up to gigabytes": (
        lambda: _lie_about_size(
            _zip({"[Content_Types].xml": XLSX_TYPES, "xl/a.xml": b"x"}), b"xl/a.xml", 2**31
        ),
        "too_large",
    ),
    "a size that is too small": (
        lambda: _lie_about_size(
            _zip({"[Content_Types].xml": XLSX_TYPES}), b"[Content_Types].xml", 20
        ),
        "corrupt",
    ),
    "ten thousand entries": (
        lambda: _zip({f"x/{i}": b"" for i in range(10_000)}, zipfile.ZIP_STORED),
        "too_large",
    ),
    "a truncated workbook": (
        lambda: workbook("fuzhou-sicenter-2026-budget", "A", "xlsx")[:15_000],
        "corrupt",
    ),
    "a truncated Word file": (
        lambda: fx.document("haikou-cardcenter-2026-budget")[:-300],
        "corrupt",
    ),
    "a password-protected workbook": (lambda: _ole("EncryptedPackage"), "encrypted"),
    "a Word 97 file": (lambda: _ole("WordDocument"), "unsupported"),
    "a broken OLE container": (
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x07" * 3000,
        "corrupt",
    ),
    "a ZIP of other files": (lambda: _zip({"notes.txt": b"hello"}), "unsupported"),
    "an OpenDocument sheet": (
        lambda: _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
        "unsupported",
    ),
    "entities in the content types": (
        lambda: _zip(
            {"[Content_Types].xml": b'<!DOCTYPE t [<!ENTITY a "aaaa">]><Types>&a;</Types>'}
        ),
        "corrupt",
    ),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_a_hostile_file_ends_in_its_code(case: str) -> None:
    build, code = HOSTILE[case]
    assert _code(build()) == code


def test_a_corrupt_sheet_is_corrupt_not_a_crash() -> None:
    data = workbook("fuzhou-sicenter-2026-budget", "A", "xlsx")
    sheets = zipfile.ZipFile(io.BytesIO(data))
    parts = {n: sheets.read(n) for n in sheets.namelist()}
    parts["xl/worksheets/sheet3.xml"] = parts["xl/worksheets/sheet3.xml"][:-400]
    assert _code(_zip(parts)) == "corrupt"


def test_entities_in_shared_strings_are_refused() -> None:
    data = workbook("fuzhou-sicenter-2026-budget", "A", "xlsx")
    sheets = zipfile.ZipFile(io.BytesIO(data))
    parts = {n: sheets.read(n) for n in sheets.namelist()}
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 9))
    parts["xl/sharedStrings.xml"] = f'<!DOCTYPE s [<!ENTITY l0 "lol">{laughs}]>'.encode() + parts[
        "xl/sharedStrings.xml"
    ].replace(b"<t xml:space", b"<t>&l8;</t><t xml:space", 1)
    assert _code(_zip(parts)) == "corrupt"


def test_password_protected_entries_are_encrypted() -> None:
    data = bytearray(_zip({"[Content_Types].xml": XLSX_TYPES}))
    for signature, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        struct.pack_into("<H", data, at + flags, 1)
    assert _code(bytes(data)) == "encrypted"


@pytest.mark.parametrize(
    ("module", "build"),
    [
        ("xlsx", lambda: workbook("fuzhou-sicenter-2026-budget", "A", "xlsx")),
        ("xls", lambda: workbook("fuzhou-sicenter-2026-budget", "A", "xls")),
        ("docx", lambda: fx.document("xianyang-cardcenter-2026-budget")),
    ],
)
def test_too_many_cells_end_in_too_large(module: str, build: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(f"disclosures.parsing.extract.{module}.MAX_CELLS", 200)
    assert _code(build()) == "too_large"


def test_too_many_sheets_end_in_too_large() -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    for i in range(300):
        wb.create_sheet(f"S{i}")
    out = io.BytesIO()
    wb.save(out)
    assert _code(out.getvalue()) == "too_large"


def test_a_table_nested_in_a_layout_tables_cell_is_read_as_a_table() -> None:
    # the title and label in the layout table's first row, the table in its second row's
    # cell; the text beside a small table in a two-column layout row
    import docx

    document = docx.Document()
    document.add_paragraph("某县疾病预防控制中心2024年度单位决算")
    outer = document.add_table(rows=2, cols=1)
    outer.cell(0, 0).text = "一般公共预算财政拨款支出决算表\t公开05表\t单位：万元"
    inner = outer.cell(1, 0).add_table(rows=4, cols=5)
    rows = [
        ("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
        ("合计", "", "150.00", "100.00", "50.00"),
        ("210", "卫生健康支出", "150.00", "100.00", "50.00"),
        ("21004", "公共卫生", "150.00", "100.00", "50.00"),
    ]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            inner.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    got = to_contract(parse_bytes(out.getvalue(), "final.docx"))
    assert {r["code"]: (r["total"], r["basic"], r["project"]) for r in got["functional"]} == {
        "210": (150.0, 100.0, 50.0),
        "21004": (150.0, 100.0, 50.0),
    }


def test_a_merged_cells_text_shows_in_its_first_shown_column() -> None:
    # the unit's code in a hidden column A, the title merged over A:E: the screen and the
    # print show the title across B:E, and so does the reading
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表5"
    ws["A1"] = "一般公共预算支出表"
    ws.merge_cells("A1:E1")
    ws.append(["单位代码", "科目编码", "科目名称", "合计", "基本支出"])
    ws.append(["301001", "合计", None, 150.0, 150.0])
    ws.merge_cells("B3:C3")
    ws.append(["301001", "210", "卫生健康支出", 150.0, 150.0])
    ws.column_dimensions["A"].hidden = True
    out = io.BytesIO()
    wb.save(out)
    lines = [[c for c in line.cells if c] for line in extract(out.getvalue(), "b.xlsx").lines()]
    assert lines[0] == ["一般公共预算支出表"]
    assert lines[2][:1] == ["合计"] and "301001" not in sum(lines, [])


def test_a_table_typed_with_tab_stops_reads_spaces_standing_for_a_tab_as_a_cut() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("某县文化馆2024年度单位决算")
    document.add_paragraph("支出决算表")
    document.add_paragraph("单位：万元")
    for row in (
        "科目编码\t科目名称\t合计\t基本支出\t项目支出",
        "208\t社会保障和就业支出\t14.80\t14.80",
        "20805\t行政事业单位养老支出\t14.80\t14.80",
        "2080502\t事业单位离退休      14.80\t14.80",  # the amount pushed with spaces
    ):
        document.add_paragraph(row)
    out = io.BytesIO()
    document.save(out)
    got = to_contract(parse_bytes(out.getvalue(), "final.docx"))
    rows = {r["code"]: (r["total"], r["basic"]) for r in got["functional"]}
    assert rows["2080502"] == (14.8, 14.8)
