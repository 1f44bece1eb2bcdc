"""Real PDFs changed into the way other offices' PDFs are made, every figure left as it
was: `scripts/accuracy.py --pdf NAME` reads every real document so changed.

- `unruled`: no rulings or shading (tables typeset with spaces, or exported without
  borders): every path is still built but none is painted. The text is left byte for
  byte as it was.
- `turned`: each page stored on its side and shown upright by its /Rotate (as landscape
  tables are often saved); it looks as it did.
- `small`: each page shrunk to 70% (A4 printed as A5), every size and gap with it.
- `sideways`: each page's content drawn a quarter turn round and shown so, as a table set
  sideways on the paper is: the reader turns the page.
- `unmapped`: every font's Unicode map (/ToUnicode) taken out, as some makers leave it:
  the pages look as they did, but a font that has no other map gives its glyph numbers
  for text. Slow where that happens: those pages are read by OCR.
- `scanned`: every page a simulated scan (simscan.py: 150 dpi, grey, turned a little,
  soft and speckled), an image-only PDF read by OCR. Slow: a few seconds a page.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pikepdf

# the operators that paint a path; `n` ends one without painting it
_PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"}


def _unpainted(owner: pikepdf.Object, pdf: pikepdf.Pdf, seen: set) -> None:
    """Paths in `owner`'s content (a page or a form XObject, and the forms it draws) built
    but not painted."""
    resources = owner.get("/Resources", {})
    for xobject in resources.get("/XObject", {}).values():
        if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            _unpainted(xobject, pdf, seen)
    kept = [
        pikepdf.ContentStreamInstruction([], pikepdf.Operator("n"))
        if str(instruction.operator) in _PAINT
        else instruction
        for instruction in pikepdf.parse_content_stream(owner)
    ]
    stream = pikepdf.unparse_content_stream(kept)
    if isinstance(owner, pikepdf.Page) or owner.get("/Type") == "/Page":
        owner.Contents = pdf.make_stream(stream)
    else:
        owner.write(stream)


def unruled(data: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        seen: set = set()
        for page in pdf.pages:
            _unpainted(page.obj, pdf, seen)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _redrawn(data: bytes, place: Callable[[float, float, float, float], tuple]) -> bytes:
    """Each page's content drawn again under a matrix: `place(x0, y0, width, height)` of
    the page's box gives (matrix, new width, new height, rotation)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            if int(page.obj.get("/Rotate", 0)) % 360:
                continue  # already turned: left as it is
            x0, y0, x1, y1 = (float(v) for v in page.obj.get("/CropBox", page.mediabox))
            matrix, width, height, rotate = place(x0, y0, x1 - x0, y1 - y0)
            page.contents_add(pdf.make_stream(b"q %s cm\n" % " ".join(
                f"{v:.4f}" for v in matrix).encode()), prepend=True)  # fmt: skip
            page.contents_add(pdf.make_stream(b"\nQ"))
            page.obj.MediaBox = pikepdf.Array([0, 0, width, height])
            for box in ("/CropBox", "/TrimBox", "/BleedBox", "/ArtBox"):
                if box in page.obj:
                    del page.obj[box]
            if rotate:
                page.obj.Rotate = rotate
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def turned(data: bytes) -> bytes:
    # drawn a quarter turn anticlockwise; /Rotate 90 turns it back clockwise for show
    return _redrawn(data, lambda x0, y0, w, h: ((0, 1, -1, 0, h + y0, -x0), h, w, 90))


def sideways(data: bytes) -> bytes:
    # drawn a quarter turn anticlockwise, and shown so: the reader turns the paper
    return _redrawn(data, lambda x0, y0, w, h: ((0, 1, -1, 0, h + y0, -x0), h, w, 0))


def small(data: bytes, scale: float = 0.7) -> bytes:
    return _redrawn(
        data,
        lambda x0, y0, w, h: ((scale, 0, 0, scale, -x0 * scale, -y0 * scale), w * scale,
                              h * scale, 0),
    )  # fmt: skip


def scanned(data: bytes) -> bytes:
    from simscan import simulated_scan  # numpy and Pillow, only for this variant

    return simulated_scan(data)


def unmapped(data: bytes) -> bytes:
    """Every font's /ToUnicode map taken out."""
    pdf = pikepdf.open(io.BytesIO(data))
    for obj in pdf.objects:
        font = isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"
        if font and "/ToUnicode" in obj:
            del obj["/ToUnicode"]
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


PDF_VARIANTS: dict[str, Callable[[bytes], bytes]] = {
    "unruled": unruled,
    "turned": turned,
    "small": small,
    "sideways": sideways,
    "unmapped": unmapped,
    "scanned": scanned,
}


# --- the same tables as a workbook -------------------------------------------------------

RULE_SLACK = 2.0  # points: rulings this near each other are one


def placed(data: bytes) -> list[list[list[str]]]:
    """Each page's lines as rows of cells. A line inside a ruled table has each cell in
    the column the page's vertical rulings put it in (blank cells between, two cells
    at least), as the table's grid holds it; a line outside one has its cells side by
    side."""
    return [[row for row, _ in rows] for rows in _placed(data)]


def _placed(data: bytes) -> list[list[tuple[list[str], bool]]]:
    """`placed`'s rows, each with whether it lies inside a ruled table."""
    import pypdfium2 as pdfium

    from disclosures.parsing.extract.pdf import extract_pdf
    from disclosures.parsing.extract.pdf_geometry import page_rules, view_matrix

    document = pdfium.PdfDocument(data)
    try:
        rulings = [page_rules(page, view_matrix(page)).vertical for page in document]
    finally:
        document.close()
    pages = []
    for page in extract_pdf(data, "made.pdf").pages:
        rows = []
        for line in page.lines:
            boxes = [b for b in line.boxes if b is not None]
            mid = (boxes[0][1] + boxes[0][3]) / 2 if boxes else None
            vertical = rulings[page.number - 1]
            inside = mid is not None and any(top <= mid <= bottom for _, top, bottom in vertical)
            xs = _columns(vertical) if inside else []
            row: list[str] = []
            for k, cell in enumerate(line.cells):
                box = line.boxes[k] if k < len(line.boxes) else None
                ruled = sum(x < (box[0] + box[2]) / 2 for x in xs) if box and xs else 0
                row += [""] * (max(len(row) + 1, ruled) - len(row) - 1) + [cell]
            rows.append((row + [""] * (2 - len(row)) if xs else row, bool(xs)))
        pages.append(rows)
    return pages


def _columns(vertical: tuple[tuple[float, float, float], ...]) -> list[float]:
    """The x of each vertical ruling on the page, those this near each other as one (the
    page's, not the line's: a 合计 spanning two columns has no ruling between them)."""
    xs: list[float] = []
    for x in sorted(x for x, _, _ in vertical):
        if not xs or x - xs[-1] > RULE_SLACK:
            xs.append(x)
    return xs


def placed_text(data: bytes) -> str:
    """The PDF's cells in place (`placed`) as text, a TAB between cells, a form feed a page."""
    return "\f".join("\n".join("\t".join(row) for row in rows) for rows in placed(data))


def workbook(data: bytes, number_format: str = "#,##0.00") -> bytes:
    """The PDF's pages as an Excel workbook, a sheet a page, as budget systems export
    their tables: each cell in the sheet column the page's vertical rulings put it in
    (blank cells between), amounts stored as numbers shown in `number_format` ('General'
    shows 600 for 600.00), everything else as text. A page without rulings has its
    cells side by side."""
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from disclosures.parsing.cells import amount, is_amount, is_code

    book = openpyxl.Workbook()
    book.remove(book.active)
    for number, rows in enumerate(placed(data), start=1):
        sheet = book.create_sheet(f"{number}")
        for r, cells in enumerate(rows, start=1):
            for c, cell in enumerate(cells, start=1):
                if not cell:
                    continue
                target = sheet.cell(row=r, column=c)
                # a code, or a part of one ('06'), stays text as the exports keep it
                part = cell.isdigit() and len(cell) <= 2
                value = amount(cell) if is_amount(cell) and not (is_code(cell) or part) else None
                if value is None:  # less control characters, which a sheet cannot hold
                    target.value = ILLEGAL_CHARACTERS_RE.sub("", cell)
                else:
                    target.value = float(value)
                    target.number_format = number_format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def word_document(data: bytes) -> bytes:
    """The PDF's pages as a Word document, as offices that write their disclosure in Word
    publish it: each run of lines inside a ruled table a Word table (each cell in the
    grid column the rulings give it), every other line a paragraph (its cells a TAB
    apart), a page break after each page."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for rows in _placed(data):
        run: list[list[str]] = []
        for row, inside in [*rows, ([], False)]:
            if inside:
                run.append(row)
                continue
            if run:
                table = document.add_table(rows=len(run), cols=max(len(r) for r in run))
                for cells, line in zip(table.rows, run, strict=True):
                    for cell, text in zip(cells.cells, line, strict=False):
                        cell.text = _xml_safe(text)
                run = []
            if row:
                document.add_paragraph(_xml_safe("\t".join(row)))
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xml_safe(text: str) -> str:
    """Less the control characters XML cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)
