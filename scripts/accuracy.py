"""`make accuracy`: the parser against the values read by hand from every real document.

For each golden in tests/parsing/golden (one per real PDF in tests/data/realdocs and
tests/data/realdocs-more), parse the PDF in this process and count, field by field, what
is right, wrong (a different value) or missing (no value where the document gives one),
and the findings expected (found or not) and unexpected (a warning or error the reader
did not list). Prints one line per document and the overall figures.

    .venv/bin/python scripts/accuracy.py [--only TEXT] [-v] [--as FORM | --vary LAYOUT [--as placed] | --pdf MADE | --print STYLE [--vary LAYOUT]]

`--as` reads each PDF as text another tool wrote, the way disclosures often arrive when
copied out of a PDF: `layout` (pdftotext -layout, columns kept apart by spaces),
`plain` (pdftotext in reading order), `pdfium` (each page's text as pdfium reads it),
`placed` (each cell in the column the rulings give it, a TAB between, blank cells kept, as a
spreadsheet saved as text keeps them),
`tabs` (this parser's own cells, a TAB between cells, as a spreadsheet copies out),
`spaced` (the same cells with one space between them), `xlsx` (a workbook of a sheet a
page, as PDF converters make one, cells in the columns the rulings give, amounts stored
as numbers shown as #,##0.00), `xlsx-general` (the same, shown as Excel's General),
`docx` (a Word document: the ruled tables as Word tables, the rest as paragraphs) or
`html` (an article on a government site saved from the browser: the tables as HTML
tables, the site's banner, menu and footer around them).

`--vary` reads each PDF's copied text (TABs; with `--as placed`, its cells in place) changed
into a layout other provinces print,
every figure left as it was (tests/parsing/variants.py): `prior` (上年预算数 before 合计),
`year-prior` (the same titled by its year, '2025年预算数'), `year-both` ('2025年预算数 |
2026年预算数' in place of 合计), `summary-prior` and `summary-years` (last year's figure
beside each of the summary tables', titled 上年预算数 or by its year), `share` (占比(%) after
合计), `other-kind` (the other kind's figure before 合计: 预算数 in a final account, 执行数 in
a budget), `prior-last` (上年预算数 | 增减额 after the breakdown), `spaced-codes` ('201 03 01' in one
cell), `level-marks` ('行政运行（项）'), `summary-stacked` (the summary's income rows, then its
spending rows), `year-group` ('2025年预算数 | 2026年预算数' over the header, 合计 … under the latter),
`change` (比上年增减 after the breakdown), `column-numbers` (a 栏次 line), `line-numbers` (a 行次
after each summary label), `yuan` (tables in 元), `yuan-and-wan` (every other table in 元),
`split-codes` (类 | 款 | 项 columns), `own-parts` (each row printing only its own part of the
code), `bracketed` ('[20805]名称'), `no-separators` (amounts without commas), `dashes`
(noughts printed '-'), `names-only` (functional classes by name, no codes),
`economic-names` (the same for the economic classes), `full-width` (digits typed
full-width), `general` (amounts as Excel's General format shows them: 1208.2, 211),
`wording` (the prose in other words: 共计 for 为, 较上年 for 比上年, 增长 for 增加), `units` (a 单位名称
column before the codes), `unit-rows` (the unit's own row under 合计), `project-first` (项目支出
before 基本支出), `three-way` (人员支出 | 公用支出 | 项目支出, no 基本支出 column), `carry` (a final
account's 年初结转和结余 | 本年收入 before 合计, 年末结转和结余 after the breakdown). Layouts joined by `+`
(`prior+yuan`) are made one over another, in that order.

`--pdf` reads each PDF made over another way (tests/parsing/pdf_variants.py): `unruled`
(no rulings or shading, as tables typeset with spaces or exported without borders),
`turned` (pages stored on their side, shown upright by /Rotate), `small` (pages shrunk
to 70%), `sideways` (content a quarter turn round with nothing to turn it back),
`unmapped` (every font's /ToUnicode map taken out: where a font has no other, its text
is glyph numbers and the page is read by OCR; slow),
`scanned` (every page a simulated scan, read by OCR: slow, a minute or more a document).

`--print ruled|unruled|centred|watermarked` prints each PDF's cells, each in the column the rulings give it
(blank cells kept), to a new PDF by Chromium (as `scripts/printed.py` prints the samples),
every cell bordered or none (`centred`: none, every cell centred; `watermarked`: bordered,
under a large grey word set slantwise across every page): another maker's fonts,
column widths and text, titles set left in their cells and amounts right, a table's rest
on pages of its own. With `--vary`, the cells are first put in that layout, blank cells
kept in their columns (`--print ruled --vary share`), so that the columns a layout adds or
moves are read from the titles' places on the page: the layouts that add or move whole
columns (prior, year-prior, year-both, other-kind, share, change, prior-last,
project-first, three-way, units, column-numbers) print as tables do; those that split or
join cells (split-codes, bracketed, line-numbers, year-group) leave their rows out of
line with the header on a page and are for text.

`--constructed [FOLDER]` reads the constructed disclosures (tests/data/constructed) instead,
each as a user uploads it, or with `--printed` each Word document and workbook as printed.
With `--as`, `--vary`, `--pdf` or `--print`, each is remade from its PDF (document.pdf, else
printed.pdf, else its web page printed by Chromium) the way those options remake a real one.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "parsing")]

from golden import close, copied_text, finding_matches  # noqa: E402
from pdf_variants import PDF_VARIANTS, placed_text, word_document, workbook  # noqa: E402
from printing import STYLES, printed, printed_page, web_page  # noqa: E402
from variants import VARIANTS, made_over  # noqa: E402

from disclosures.parsing import parse_bytes, parse_file, to_contract  # noqa: E402
from disclosures.parsing.errors import ParseError  # noqa: E402

GOLDEN = ROOT / "tests" / "parsing" / "golden"
# disclosures written in other provinces' layouts, each with the values it was written with
CONSTRUCTED = ROOT / "tests" / "data" / "constructed"
DOCS = (ROOT / "tests" / "data" / "realdocs", ROOT / "tests" / "data" / "realdocs-more")


@dataclass
class Tally:
    right: int = 0
    wrong: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    found: int = 0
    missed: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)

    def check(self, what: str, got: object, want: object, same: bool) -> None:
        if same:
            self.right += 1
        elif got is None:
            self.missing.append(f"{what}: none, want {want}")
        else:
            self.wrong.append(f"{what}: {got}, want {want}")


def _amount(tally: Tally, what: str, got: object, want: object) -> None:
    if want is not None:
        tally.check(what, got, want, close(got, want))


def score(truth: dict, got: dict) -> Tally:
    t = Tally()
    agency, want = got.get("agency") or "", truth.get("agency")
    if want:
        t.check("agency", got.get("agency"), want, want in agency or (agency and agency in want))
    for key in ("year", "kind"):
        t.check(key, got.get(key), truth.get(key), got.get(key) == truth.get(key))
    for key, want in (truth.get("region") or {}).items():
        if want and key != "county":
            value = got["region"].get(key)
            t.check(f"region.{key}", value, want, value == want)
    for key, want in (truth.get("totals") or {}).items():
        _amount(t, f"totals.{key}", got["totals"].get(key), want)
    for key, want in (truth.get("headcount") or {}).items():
        if want is not None:
            value = got["headcount"].get(key)
            t.check(f"headcount.{key}", value, want, value == want)
    want = (truth.get("prior_year") or {}).get("expenditure")
    _amount(t, "prior_year", got["prior_year"].get("expenditure"), want)
    _rows(t, truth, got)
    _findings(t, truth, got)
    return t


def _rows(t: Tally, truth: dict, got: dict) -> None:
    rows = {r["code"]: r for r in got["functional"]}
    for want in truth.get("functional") or []:
        row = rows.get(want["code"]) or {}
        for column in ("total", "basic", "project"):
            _amount(t, f"functional {want['code']}.{column}", row.get(column), want.get(column))
    if truth.get("functional") is not None:
        for code in sorted(set(rows) - {r["code"] for r in truth["functional"]}):
            t.wrong.append(f"functional {code}: a row the document does not have")
    econ = {(r["code"], r["scope"]): r["total"] for r in got["economic"]}
    for want in truth.get("economic") or []:
        key = (want["code"], want["scope"])
        _amount(t, f"economic {key[1]}:{key[0]}", econ.get(key), want["total"])


def _findings(t: Tally, truth: dict, got: dict) -> None:
    expected = truth.get("expected_findings") or []
    for want in expected:
        if any(finding_matches(f, want) for f in got["findings"]):
            t.found += 1
        else:
            t.missed.append(f"{want['rule']}@{want['where']}")
    for f in got["findings"]:
        if f["severity"] != "info" and not any(finding_matches(f, w) for w in expected):
            t.unexpected.append(f"{f['rule']}@{f['where']}: {f['message'][:100]}")


def _pdfium_text(pdf: Path) -> bytes:
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        pages = [page.get_textpage().get_text_range() for page in doc]
    finally:
        doc.close()
    return "\f".join(pages).encode("utf-8")


FORMS = {
    "tabs": lambda pdf: copied_text(pdf, "\t"),
    "spaced": copied_text,
    "layout": lambda pdf: (
        subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True
        ).stdout
    ),
    "plain": lambda pdf: (
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    ),
    "pdfium": _pdfium_text,
    "placed": lambda pdf: placed_text(pdf.read_bytes()).encode("utf-8"),
    "xlsx": lambda pdf: workbook(pdf.read_bytes()),
    "xlsx-general": lambda pdf: workbook(pdf.read_bytes(), "General"),
    "docx": lambda pdf: word_document(pdf.read_bytes()),
    "html": lambda pdf: web_page(placed_text(pdf.read_bytes())).encode("utf-8"),
}
SUFFIXES = {"xlsx": ".xlsx", "xlsx-general": ".xlsx", "docx": ".docx", "html": ".html"}


def parsed(
    pdf: Path,
    form: str | None,
    vary: str | None = None,
    made: str | None = None,
    style: str | None = None,
) -> dict:
    if made is not None:  # the PDF itself made another way
        return to_contract(parse_bytes(PDF_VARIANTS[made](pdf.read_bytes()), pdf.name))
    if style is not None:  # the cells in place, in another layout if asked, printed anew
        text = placed_text(pdf.read_bytes())
        if vary is not None:
            text = made_over(vary, text)
        with tempfile.TemporaryDirectory() as folder:
            return to_contract(parse_bytes(printed(text, style, Path(folder)), pdf.name))
    if vary is not None:  # the copied text (TAB between cells), or the cells in place, changed
        placed = form == "placed"
        source = placed_text(pdf.read_bytes()) if placed else copied_text(pdf, "\t").decode()
        text = made_over(vary, source)
        return to_contract(parse_bytes(text.encode("utf-8"), pdf.with_suffix(".txt").name))
    if form is None:
        return to_contract(parse_file(pdf))
    suffix = SUFFIXES.get(form, ".txt")
    return to_contract(parse_bytes(FORMS[form](pdf), pdf.with_suffix(suffix).name))


def constructed(folder: Path, printed: bool = False) -> dict:
    """A constructed disclosure read as a user uploads it: a web page printed to PDF by
    Chromium, a workbook or a Word document as it is; `printed`: the Word document or
    workbook as an office program prints it to PDF (printed.pdf)."""
    if printed:
        return to_contract(parse_file(folder / "printed.pdf"))
    source = next(folder.glob("document.*"))
    if source.suffix == ".html":
        with tempfile.TemporaryDirectory() as work:
            data = printed_page(source.read_text(encoding="utf-8"), Path(work))
        return to_contract(parse_bytes(data, "document.pdf"))
    return to_contract(parse_bytes(source.read_bytes(), source.name))


class NotRemade(Exception):
    """A constructed disclosure the variants cannot remake."""


def constructed_pdf(folder: Path, work: Path) -> Path:
    """A constructed disclosure as a PDF, for the variants that remake a PDF: its own
    (document.pdf), its print (printed.pdf), or its web page printed by Chromium. The
    variants remake a PDF's text, so one holding pictures (a scan, tables pasted as
    pictures) is not remade: its pictures would be lost."""
    pdf = next((folder / n for n in ("document.pdf", "printed.pdf") if (folder / n).exists()), None)
    if pdf is None:
        source = next(folder.glob("document.*"))
        if source.suffix != ".html":
            raise NotRemade(f"{source.name} has no printed.pdf")
        pdf = work / f"{folder.name}.pdf"
        pdf.write_bytes(printed_page(source.read_text(encoding="utf-8"), work))
    document = pdfium.PdfDocument(pdf)
    try:
        for page in document:
            if any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])):
                raise NotRemade("it holds pictures (a scan, or tables pasted as pictures)")
    finally:
        document.close()
    return pdf


def _layouts(value: str) -> str:
    unknown = [name for name in value.split("+") if name not in VARIANTS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown layout {', '.join(unknown)}; choose from {', '.join(sorted(VARIANTS))}"
        )
    return value


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help="documents whose name contains this")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    ap.add_argument("--as", dest="form", choices=sorted(FORMS), help="read each PDF as text")
    ap.add_argument(
        "--vary",
        type=_layouts,
        help="read each PDF's text in another layout (several joined by +: prior+yuan)",
    )
    ap.add_argument("--pdf", choices=sorted(PDF_VARIANTS), help="read each PDF made another way")
    ap.add_argument(
        "--print",
        dest="style",
        choices=sorted(STYLES),
        help="print each PDF's cells in place to a new PDF, every cell bordered or none",
    )
    ap.add_argument(
        "--constructed",
        nargs="?",
        const=CONSTRUCTED,
        type=Path,
        metavar="FOLDER",
        help="read the disclosures written in other provinces' layouts, one folder each "
        "(document.* and expected.json) under FOLDER (default tests/data/constructed); "
        "with --as, --vary, --pdf or --print, each remade from its PDF",
    )
    ap.add_argument(
        "--printed",
        action="store_true",
        help="with --constructed: read each Word document and workbook as printed to PDF (printed.pdf)",
    )
    args = ap.parse_args()
    if args.printed and not args.constructed:
        ap.error("--printed reads the constructed disclosures' printed.pdf; give --constructed")
    remade = bool(args.form or args.vary or args.pdf or args.style)
    if args.constructed and args.printed and remade:
        ap.error("--printed reads each print as it is; the other options remake it themselves")
    if args.style and (args.form or args.pdf):
        ap.error("--print reads each PDF's own cells in place; it takes no --as or --pdf")
    if args.vary and args.form not in (None, "placed"):
        ap.error("--vary changes the copied text, or with --as placed the cells in place")
    total = Tally()
    print(f"{'document':62} {'right':>5} {'wrong':>5} {'miss':>5} {'find':>5} {'unexp':>5}")
    goldens = (
        sorted(args.constructed.glob(f"*/{'printed.pdf' if args.printed else 'expected.json'}"))
        if args.constructed
        else sorted(GOLDEN.glob("*.json"))
    )
    for path in goldens:
        golden = path.with_name("expected.json") if args.constructed else path
        truth = json.loads(golden.read_text(encoding="utf-8"))
        name = path.parent.name if args.constructed else path.stem
        if args.only and args.only not in name:
            continue
        try:
            if args.constructed and remade:
                with tempfile.TemporaryDirectory() as work:
                    try:
                        pdf = constructed_pdf(path.parent, Path(work))
                    except NotRemade as reason:
                        print(f"{name[:62]:62} not remade: {reason}")
                        continue
                    got = parsed(pdf, args.form, args.vary, args.pdf, args.style)
            elif args.constructed:
                got = constructed(path.parent, args.printed)
            else:
                pdf = next(d / truth["file"] for d in DOCS if (d / truth["file"]).exists())
                got = parsed(pdf, args.form, args.vary, args.pdf, args.style)
        except ParseError as error:  # counted as nothing read
            print(f"{name[:62]:62} not read: {error}")
            got = {key: {} for key in ("region", "totals", "headcount", "prior_year")}
            got |= {"findings": [], "functional": [], "economic": []}
        t = score(truth, got)
        expected = t.found + len(t.missed)
        print(
            f"{name[:62]:62} {t.right:5} {len(t.wrong):5} {len(t.missing):5} "
            f"{t.found:>2}/{expected:<2} {len(t.unexpected):5}"
        )
        if args.verbose:
            for line in t.wrong + t.missing + [f"not reported {m}" for m in t.missed]:
                print("      ", line)
            for line in t.unexpected:
                print("       unexpected", line)
        total.right += t.right
        for name in ("wrong", "missing", "missed", "unexpected"):
            getattr(total, name).extend(getattr(t, name))
        total.found += t.found
    fields = total.right + len(total.wrong) + len(total.missing)
    expected = total.found + len(total.missed)
    print(
        f"overall: {total.right}/{fields} fields right ({total.right / max(fields, 1):.1%}), "
        f"{len(total.wrong)} wrong, {len(total.missing)} missing; findings "
        f"{total.found}/{expected} expected found, {len(total.unexpected)} unexpected"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
