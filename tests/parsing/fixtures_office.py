"""Build XLSX, XLS and DOCX disclosures from the sample texts, the way agencies publish them.

No real spreadsheet or Word disclosure is at hand, so these are made from the
content of the samples (disclosures/fixtures/samples), in the shapes budget
systems export:

- workbooks hold the tables only, one sheet per table: a title row merged
  across the table, a unit row ("单位：万元"), one- or two-level headers with
  merged cells, amounts as numbers under a number format, some stored as text,
  a hidden helper row, a hidden sheet with other figures, sheet names such as
  '2.15收支预算总表' (layout A, some sheets with no title row but their name)
  or '表1 部门综合预算收支总表' (layout B: a label row, codes stored as numbers,
  a hidden column of internal ids left of the table);
- layout A's total rows are SUM formulas carrying their cached result, and in
  .xls files merged header cells repeat their value in the covered cells, as
  some report tools write them;
- Word documents hold the narrative as paragraphs and each table as a title
  paragraph, a unit paragraph and a Word table with merged header cells.

    python tests/parsing/fixtures_office.py OUTDIR

writes every fixture to OUTDIR, to open them in Excel or Word.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from disclosures.parsing.cells import UNIT_RE, is_amount, is_code, is_total  # noqa: E402
from disclosures.parsing.extract.text import extract_text  # noqa: E402
from disclosures.parsing.tables import split_tables  # noqa: E402

SAMPLES = ROOT / "disclosures" / "fixtures" / "samples"
LABEL = re.compile(r"^(表\d+|公开(表)?\d+表?|附表\d+)$")
DECIMAL = re.compile(r"^-?[\d,]*\.\d+$")
YEAR = re.compile(r"^\d{4}\s*年度?\s*")
PART = re.compile(r"^第[一二三四五六七八九十]+部分")
BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


@dataclass
class TableSpec:
    title: list[str]
    label: str | None = None
    pre: list[list[str]] = field(default_factory=list)  # unit and name lines above the header
    header: list[list[str]] = field(default_factory=list)
    body: list[list[str]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max(len(row) for row in [self.title, *self.pre, *self.header, *self.body])

    @property
    def title_text(self) -> str:
        return " ".join(c for c in self.title if c)


Block = list[str] | TableSpec  # a narrative line's cells, or a table


def _is_body(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return any(is_amount(c) or is_code(c) for c in filled) or bool(filled and is_total(filled[0]))


def _spec(title: list[str], lines: list[list[str]]) -> TableSpec:
    spec = TableSpec(title=title)
    rest = list(lines)
    while rest and len([c for c in rest[0] if c]) <= 1 and not _is_body(rest[0]):
        spec.pre.append(rest.pop(0))
    start = next((i for i, cells in enumerate(rest) if _is_body(cells)), None)
    if start is not None and start <= 4:
        spec.header, spec.body = rest[:start], rest[start:]
    else:
        spec.body = rest
    return spec


def blocks(sample: str) -> list[Block]:
    """The sample's narrative lines and tables, in document order."""
    lines = extract_text((SAMPLES / f"{sample}.txt").read_bytes(), sample).lines()
    tables, _ = split_tables(lines)
    starts = {id(t.title_line): t for t in tables}
    inside = {id(line) for t in tables for line in t.lines}
    out: list[Block] = []
    for line in lines:
        if id(line) in starts:
            table = starts[id(line)]
            out.append(_spec(list(line.cells), [list(x.cells) for x in table.lines]))
        elif id(line) not in inside:
            out.append(list(line.cells))
    return _move_labels(out)


def _move_labels(out: list[Block]) -> list[Block]:
    """'表4' printed above a title: in the text it closes the table before."""
    moved: list[Block] = []
    label: str | None = None
    for block in out:
        if isinstance(block, TableSpec):
            block.label, label = label, None
            while block.body and LABEL.match("".join(block.body[-1])):
                label = "".join(block.body.pop())
            moved.append(block)
        elif LABEL.match("".join(block)):
            label = "".join(block)
        else:
            label = None
            moved.append(block)
    return moved


def tables(sample: str) -> list[TableSpec]:
    return [b for b in blocks(sample) if isinstance(b, TableSpec)]


def header_merges(header: list[list[str]], width: int) -> list[tuple[int, int, int, int]]:
    """(row0, col0, row1, col1) of the merged header cells, 0-based within the header:
    a caption over sub-headers spans them; a caption with nothing below spans down."""

    def cell(r: int, c: int) -> str:
        return header[r][c] if r < len(header) and c < len(header[r]) else ""

    merges = []
    for r in range(len(header)):
        for c in range(width):
            if not cell(r, c) or r + 1 >= len(header):
                continue
            c1 = c
            while c1 + 1 < width and not cell(r, c1 + 1) and cell(r + 1, c1 + 1) and cell(r + 1, c):
                c1 += 1
            r1 = r
            while c1 == c and r1 + 1 < len(header) and not cell(r1 + 1, c):
                r1 += 1
            if (r1, c1) != (r, c):
                merges.append((r, c, r1, c1))
    return merges


@dataclass(frozen=True)
class Layout:
    name: str
    label_row: bool  # '表1' in the first row
    unit_right: bool  # the unit in the last column, else in the first, merged across
    amount_format: str
    text_every: int  # every n-th amount is stored as text
    codes_as_numbers: bool
    hidden_column: bool  # internal ids in a hidden column A
    formulas: bool  # total rows as SUM formulas with cached results
    untitled: bool  # even sheets have no title row: their name is the title


LAYOUTS = {
    "A": Layout("A", False, True, "#,##0.00", 5, False, False, True, True),
    "B": Layout("B", True, False, "0.00", 3, True, True, False, False),
}


@dataclass
class SheetPlan:
    """A sheet as cells, independent of the file format that will hold it."""

    name: str
    rows: dict[tuple[int, int], Any] = field(default_factory=dict)  # (row, col) 0-based
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    formulas: dict[tuple[int, int], tuple[str, float]] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    hidden: bool = False


def _sheet_name(layout: Layout, index: int, spec: TableSpec, used: set[str]) -> str:
    title = BAD_SHEET_CHARS.sub("", spec.title_text.replace(" ", ""))
    if layout.name == "A":
        name = f"2.{index}{YEAR.sub('', title)}"
    else:
        name = f"{spec.label} {title}" if spec.label else title
    name = name[:31]
    while name in used:
        name = name[:28] + f"({len(used)})"
    used.add(name)
    return name


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def plan_sheet(layout: Layout, index: int, spec: TableSpec, used: set[str]) -> SheetPlan:
    plan = SheetPlan(_sheet_name(layout, index, spec, used))
    left = 1 if layout.hidden_column else 0
    width = spec.width
    r = 0
    if layout.label_row and spec.label:
        plan.rows[r, left] = spec.label
        r += 1
    named = layout.untitled and index % 2 == 0 and len(YEAR.sub("", spec.title_text)) <= 26
    if not named:
        plan.rows[r, left] = spec.title_text
        plan.merges.append((r, left, r, left + width - 1))
        r += 1
    for cells in spec.pre:
        text = next((c for c in cells if c), "")
        if layout.unit_right and UNIT_RE.search(text.replace(" ", "")):
            plan.rows[r, left + width - 1] = text
        else:
            plan.rows[r, left] = text
            plan.merges.append((r, left, r, left + width - 1))
        r += 1
    for r0, c0, r1, c1 in header_merges(spec.header, width):
        plan.merges.append((r + r0, left + c0, r + r1, left + c1))
    for cells in spec.header:
        for c, text in enumerate(cells):
            if text:
                plan.rows[r, left + c] = text
        r += 1
    if spec.header:  # the export's helper row of column numbers or keys, hidden
        for c in range(width):
            plan.rows[r, left + c] = f"K{c}" if layout.codes_as_numbers else c + 1
        plan.hidden_rows.add(r)
        r += 1
    _plan_body(layout, spec, plan, r, left)
    if layout.hidden_column:
        plan.hidden_columns.add(0)
        for row in sorted({row for row, _ in plan.rows}):
            plan.rows[row, 0] = f"id{index:02d}{row:04d}"
    return plan


def _plan_body(layout: Layout, spec: TableSpec, plan: SheetPlan, top: int, left: int) -> None:
    seen = 0
    last = top + len(spec.body) - 1
    for r, cells in enumerate(spec.body, start=top):
        total = bool(cells and cells[0] and is_total(cells[0]))
        for c, text in enumerate(cells):
            where = (r, left + c)
            if not text:
                continue
            if DECIMAL.match(text):
                seen += 1
                if total and layout.formulas and r < last:
                    column = chr(ord("A") + left + c)
                    plan.formulas[where] = (
                        f"SUM({column}{r + 2}:{column}{last + 1})",
                        _number(text),
                    )
                elif seen % layout.text_every == 0:
                    plan.rows[where] = text
                else:
                    plan.rows[where] = _number(text)
                plan.formats[where] = layout.amount_format
            elif layout.codes_as_numbers and is_code(text):
                plan.rows[where] = int(text)
            else:
                plan.rows[where] = text


def decoy(layout: Layout, spec: TableSpec, used: set[str]) -> SheetPlan:
    """A hidden sheet holding a copy of a table with other figures (an old draft)."""
    scaled = TableSpec(spec.title, spec.label, spec.pre, spec.header, [])
    for cells in spec.body:
        scaled.body.append([f"{_number(c) * 3:.2f}" if DECIMAL.match(c) else c for c in cells])
    plan = plan_sheet(layout, 0, scaled, used)
    plan.name, plan.hidden = "数据源", True
    return plan


def plans(sample: str, layout: Layout) -> list[SheetPlan]:
    specs = tables(sample)
    used: set[str] = set()
    sheets = [plan_sheet(layout, i, spec, used) for i, spec in enumerate(specs, start=1)]
    coded = next(s for s in specs if any(is_code(c) for row in s.body for c in row[:2]))
    return [decoy(layout, coded, used), *sheets]


def write_xlsx(sheets: list[SheetPlan]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    cached: dict[str, dict[str, float]] = {}
    for n, plan in enumerate(sheets, start=1):
        ws = wb.create_sheet(plan.name)
        for (r, c), value in plan.rows.items():
            ws.cell(r + 1, c + 1, value)
        for (r, c), (formula, value) in plan.formulas.items():
            ws.cell(r + 1, c + 1, "=" + formula)
            cached.setdefault(f"xl/worksheets/sheet{n}.xml", {})[
                ws.cell(r + 1, c + 1).coordinate
            ] = value
        for (r, c), number_format in plan.formats.items():
            ws.cell(r + 1, c + 1).number_format = number_format
        for r0, c0, r1, c1 in plan.merges:
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
        for r in plan.hidden_rows:
            ws.row_dimensions[r + 1].hidden = True
        for c in plan.hidden_columns:
            ws.column_dimensions[chr(ord("A") + c)].hidden = True
        ws.sheet_state = "hidden" if plan.hidden else "visible"
    wb.active = next(i for i, p in enumerate(sheets) if not p.hidden)
    out = io.BytesIO()
    wb.save(out)
    return _with_cached_results(out.getvalue(), cached)


SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
INLINE = re.compile(rb'<c ([^>]*?)t="inlineStr"><is><t[^>]*>([^<]*)</t></is></c>')


def _with_cached_results(data: bytes, cached: dict[str, dict[str, float]]) -> bytes:
    """What Excel saves and openpyxl does not: each formula's last result beside it,
    and the text of the cells in one shared-strings table rather than inline."""
    source = zipfile.ZipFile(io.BytesIO(data))
    strings: dict[bytes, int] = {}

    def shared(match: re.Match[bytes]) -> bytes:
        index = strings.setdefault(match.group(2), len(strings))
        return b'<c %st="s"><v>%d</v></c>' % (match.group(1), index)

    parts = {}
    for info in source.infolist():
        content = source.read(info)
        for coordinate, value in cached.get(info.filename, {}).items():
            pattern = rf'(<c r="{coordinate}"[^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?'
            content = re.sub(pattern.encode(), rf"\g<1><v>{value!r}</v>".encode(), content)
        if info.filename.startswith("xl/worksheets/"):
            content = INLINE.sub(shared, content)
        parts[info.filename] = content
    items = b"".join(b'<si><t xml:space="preserve">%s</t></si>' % s for s in strings)
    parts["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'count="%d" uniqueCount="%d">%s</sst>' % (len(strings), len(strings), items)
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST}"/></Types>'.encode(),
    )
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdSST" Type="{SST_REL}" Target="sharedStrings.xml"/></Relationships>'.encode(),
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def write_xls(sheets: list[SheetPlan], repeat_merged: bool) -> bytes:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    styles: dict[str, Any] = {}
    for plan in sheets:
        ws = book.add_sheet(plan.name, cell_overwrite_ok=True)
        values = dict(plan.rows)
        values.update({where: value for where, (_, value) in plan.formulas.items()})
        for r0, c0, r1, c1 in plan.merges:
            ws.merge(r0, r1, c0, c1)
        for (r, c), value in values.items():
            fmt = plan.formats.get((r, c), "General")
            style = styles.setdefault(fmt, xlwt.easyxf(num_format_str=fmt))
            ws.write(r, c, value, style)
        if repeat_merged:
            _repeat_merged(ws, plan, values)
        for r in plan.hidden_rows:
            ws.row(r).hidden = True
        for c in plan.hidden_columns:
            ws.col(c).hidden = True
        ws.visibility = 1 if plan.hidden else 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _repeat_merged(ws: Any, plan: SheetPlan, values: dict[tuple[int, int], Any]) -> None:
    for r0, c0, r1, c1 in plan.merges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0) and (r0, c0) in values:
                    ws.write(r, c, values[r0, c0])


def workbook(sample: str, layout: str, fmt: str) -> bytes:
    sheets = plans(sample, LAYOUTS[layout])
    if fmt == "xlsx":
        return write_xlsx(sheets)
    return write_xls(sheets, repeat_merged=LAYOUTS[layout].formulas)


def table_text(sample: str) -> bytes:
    """The text of the tables alone, as the workbook holds them."""
    lines: list[str] = []
    for spec in tables(sample):
        rows = [[spec.label or ""], spec.title, *spec.pre, *spec.header, *spec.body]
        lines += ["\t".join(cells) for cells in rows if any(cells)] + [""]
    return "\n".join(lines).encode()


def document(sample: str) -> bytes:
    import docx

    doc = docx.Document()
    started = False
    for block in blocks(sample):
        if isinstance(block, TableSpec):
            _docx_table(doc, block)
            continue
        text = "\t".join(block)
        if PART.match(text.replace(" ", "")) and started:
            doc.add_page_break()
        doc.add_paragraph(text)
        started = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _docx_table(doc: Any, spec: TableSpec) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if spec.label:
        doc.add_paragraph(spec.label)
    doc.add_paragraph(spec.title_text).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for cells in spec.pre:
        doc.add_paragraph(next((c for c in cells if c), "")).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    rows = spec.header + spec.body
    if not rows:
        return
    table = doc.add_table(rows=len(rows), cols=spec.width)
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if text:
                table.cell(r, c).text = text
    for r0, c0, r1, c1 in header_merges(spec.header, spec.width):
        table.cell(r0, c0).merge(table.cell(r1, c1))


FIXTURES = {
    "fuzhou-2026-A.xlsx": lambda: workbook("fuzhou-sicenter-2026-budget", "A", "xlsx"),
    "xianyang-2026-B.xlsx": lambda: workbook("xianyang-cardcenter-2026-budget", "B", "xlsx"),
    "fuzhou-2026-A.xls": lambda: workbook("fuzhou-sicenter-2026-budget", "A", "xls"),
    "xianyang-2026-B.xls": lambda: workbook("xianyang-cardcenter-2026-budget", "B", "xls"),
    "haikou-2026.docx": lambda: document("haikou-cardcenter-2026-budget"),
    "xianyang-2026.docx": lambda: document("xianyang-cardcenter-2026-budget"),
}


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "office-fixtures")
    target.mkdir(parents=True, exist_ok=True)
    for name, build in FIXTURES.items():
        (target / name).write_bytes(build())
        print(target / name)
