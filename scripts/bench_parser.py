"""Parser benchmark over every real PDF the project holds, against a pdfplumber baseline.

    python scripts/bench_parser.py [--repeat N] [--no-baseline] [DIR_OR_PDF ...]
    (default: tests/data/realdocs and tests/data/realdocs-more)

The whole run is pinned to one core. For each file:

- in-process: a fresh child with the libraries imported (as in a running worker)
  parses the file (extraction, reading, audit); the time spent in OCR is counted
  apart, so that "ms/page" is per text-layer page and "OCR s/page" per image page;
- baseline: in the same child, right after, pdfplumber reads the glyphs of the
  same pages (`page.chars`, what the table reader once took its geometry from),
  and pdfium reads their glyph boxes and rulings as the parser does ("geom").
  On a shared machine one timing means little; the ratio of the two, taken
  seconds apart, is the steady figure;
- whole process: the file parsed as the worker parses it, in the sandbox's fresh
  Python process (start-up, imports and the OCR models' loading included),
  with that process's peak memory.

Medians and worsts are over documents, each document's time divided by its pages.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FOLDERS = ("tests/data/realdocs", "tests/data/realdocs-more")
TARGETS = {"in-process ms/page": 20.0, "worst": 100.0, "whole ms/page": 60.0, "OCR s/page": 1.0}
MAX_TEXT_PEAK_MB = 400


@dataclass
class Row:
    name: str
    pages: int
    ocr_pages: int  # read by OCR
    skipped: int  # image pages detected but not read: covers, seals, photos
    parse_s: float  # in-process, OCR excluded
    ocr_s: float
    baseline_s: float  # pdfplumber's page.chars over every page with a text layer
    geometry_s: float  # pdfium's glyph boxes and rulings over the same pages
    whole_s: float  # the sandbox's process, start-up included
    peak_mb: float
    outcome: str

    @property
    def text_pages(self) -> int:
        return self.pages - self.ocr_pages - self.skipped

    @property
    def ms(self) -> float | None:
        return self.parse_s * 1000 / self.text_pages if self.text_pages else None

    @property
    def baseline_ms(self) -> float | None:
        return self.baseline_s * 1000 / self.text_pages if self.text_pages else None

    @property
    def whole_ms(self) -> float:
        return self.whole_s * 1000 / max(self.pages, 1)

    @property
    def ocr_per_page(self) -> float | None:
        """Per page read; the detection of skipped pages is counted against them too."""
        return self.ocr_s / self.ocr_pages if self.ocr_pages else None


def one_core() -> None:
    """This process and every child it starts on one core, OCR with one thread."""
    os.environ["OCR_THREADS"] = "1"
    os.environ["OCR_WORKERS"] = "1"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _in_child(path: str, repeat: int, baseline: bool, queue: Any) -> None:
    import pdfplumber  # noqa: F401  imported before the clock starts, as in a running worker
    import pypdfium2  # noqa: F401

    import disclosures.parsing.extract.ocr as ocr
    from disclosures.parsing import ParseError, parse_file

    spent: dict[str, Any] = {"ocr": 0.0, "load": 0.0, "read": 0, "skipped": 0, "text": None}
    scanned = ocr.ocr_scanned_pages

    def timed_ocr(data: bytes, extracted: Any) -> Any:
        started = time.perf_counter()
        ocr.engine()  # loaded once in a worker's life, not for each file
        spent["load"] += time.perf_counter() - started
        spent["text"] = [p.number for p in extracted.pages if p.has_text_layer]
        started = time.perf_counter()
        result = scanned(data, extracted)
        spent["ocr"] += time.perf_counter() - started
        spent["read"] = len(_numbers(result.meta.get("ocr_pages", "")))
        spent["skipped"] = len(_numbers(result.meta.get("ocr_skipped_pages", "")))
        return result

    ocr.ocr_scanned_pages = timed_ocr
    best, ocr_s, outcome, text_pages = float("inf"), 0.0, "ok", []
    for _ in range(repeat):
        spent["ocr"] = spent["load"] = 0.0
        started = time.perf_counter()
        try:
            pages = parse_file(path).pages
        except ParseError as error:
            outcome, pages = error.code, 0
        except Exception as error:  # a reader's bug: reported, and the run goes on
            outcome, pages = f"bug ({type(error).__name__})", 0
        took = time.perf_counter() - started - spent["ocr"] - spent["load"]
        pages = pages or _page_count(path)
        text_pages = spent["text"] if spent["text"] is not None else list(range(1, pages + 1))
        if took < best:
            best, ocr_s = took, spent["ocr"]
    plumber = _baseline(path, text_pages, repeat) if baseline else 0.0
    geometry = _geometry(path, text_pages, repeat) if baseline else 0.0
    queue.put((best, ocr_s, spent["read"], spent["skipped"], outcome, plumber, geometry))


def _page_count(path: str) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def _geometry(path: str, numbers: list[int], repeat: int) -> float:
    """pdfium reading the glyph boxes and rulings of the same pages: page.chars' equivalent."""
    import pypdfium2 as pdfium

    from disclosures.parsing.extract.pdf_geometry import page_glyphs, page_rules, view_matrix

    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        document = pdfium.PdfDocument(path)
        for number in numbers:
            page = document[number - 1]
            textpage = page.get_textpage()
            view = view_matrix(page)
            page_glyphs(textpage, view)
            page_rules(page, view)
            textpage.close()
            page.close()
        document.close()
        best = min(best, time.perf_counter() - started)
    return best


def _numbers(listed: str) -> list[str]:
    return [n for n in listed.split(",") if n]


def _baseline(path: str, numbers: list[int], repeat: int) -> float:
    """pdfplumber reading the glyphs of the given pages: the best of `repeat` runs."""
    import pdfplumber

    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        if numbers:
            with pdfplumber.open(path, pages=numbers) as pdf:
                for page in pdf.pages:
                    page.chars  # noqa: B018  the property interprets the page
                    page.close()
        best = min(best, time.perf_counter() - started)
    return best


def in_process(
    path: Path, repeat: int, baseline: bool
) -> tuple[float, float, int, int, str, float, float]:
    context = mp.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_in_child, args=(str(path), repeat, baseline, queue))
    child.start()
    result = queue.get(timeout=1800)
    child.join()
    return result  # type: ignore[no-any-return]


def whole_process(path: Path) -> tuple[float, float, str]:
    from disclosures.parsing.sandbox import TARGET, run_in_child

    started = time.perf_counter()
    try:
        outcome = run_in_child(TARGET, path.read_bytes(), path.name)
    except RuntimeError:  # the parser's bug, reported by the in-process run
        return time.perf_counter() - started, 0.0, "bug"
    code = "ok" if outcome.error is None else outcome.error.code
    return outcome.seconds, outcome.peak_mb, code


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def measure(path: Path, repeat: int, baseline: bool) -> Row:
    parse_s, ocr_s, ocr_pages, skipped, outcome, baseline_s, geometry_s = in_process(
        path, repeat, baseline
    )
    whole_s, peak_mb, whole_outcome = whole_process(path)
    if whole_outcome != outcome.split(" ")[0]:
        outcome = f"{outcome}/{whole_outcome}"
    pages = page_count(path)
    return Row(
        path.name,
        pages,
        ocr_pages,
        skipped,
        parse_s,
        ocr_s,
        baseline_s,
        geometry_s,
        whole_s,
        peak_mb,
        outcome,
    )


def _fmt(value: float | None, width: int, digits: int = 1) -> str:
    return f"{value:{width}.{digits}f}" if value is not None else " " * (width - 1) + "-"


HEADER = (
    f"{'file':52} {'pages':>5} {'ocr':>3} {'skip':>4} {'ms/page':>8} {'geom':>6} {'plumber':>8} "
    f"{'ratio':>6} "
    f"{'whole':>7} {'peak MB':>7} {'OCR s/p':>7}  outcome"
)


def print_row(row: Row) -> None:
    ratio = row.baseline_s / row.geometry_s if row.geometry_s and row.text_pages else None
    geometry = row.geometry_s * 1000 / row.text_pages if row.ms and row.geometry_s else None
    print(
        f"{row.name[:52]:52} {row.pages:5d} {row.ocr_pages:3d} {row.skipped:4d} {_fmt(row.ms, 8)} "
        f"{_fmt(geometry, 6)} "
        f"{_fmt(row.baseline_ms if row.baseline_s else None, 8)} {_fmt(ratio, 6)} {row.whole_ms:7.1f} {row.peak_mb:7.0f} "
        f"{_fmt(row.ocr_per_page, 7, 2)}  {row.outcome}",
        flush=True,
    )


def summary(rows: list[Row], baseline: bool) -> str:
    text = [r for r in rows if r.ms is not None]
    ms = [r.ms for r in text if r.ms is not None]
    whole = [r.whole_ms for r in rows]
    ocr_pages = sum(r.ocr_pages for r in rows)
    parse_s = sum(r.parse_s for r in text)
    peak_text = max((r.peak_mb for r in rows if not r.ocr_pages), default=0.0)
    skipped = sum(r.skipped for r in rows)
    parts = [
        f"{len(rows)} files, {sum(r.pages for r in rows)} pages ({ocr_pages} by OCR,"
        f" {skipped} image pages without figures skipped)",
        f"in-process median {statistics.median(ms):.1f} ms/page, worst {max(ms):.1f}",
        f"whole process median {statistics.median(whole):.1f} ms/page, worst {max(whole):.1f}",
        f"{sum(r.text_pages for r in text) / parse_s:.0f} pages/s on one core",
        f"peak {peak_text:.0f} MB (text layer), {max(r.peak_mb for r in rows):.0f} MB (any)",
    ]
    if ocr_pages:
        parts.append(f"OCR {sum(r.ocr_s for r in rows) / ocr_pages:.2f} s/page read")
    if baseline:
        ok = [r for r in text if r.outcome == "ok" and r.geometry_s]
        pages = sum(r.text_pages for r in ok)
        plumber = sum(r.baseline_s for r in ok)
        geometry = sum(r.geometry_s for r in ok)
        parse = sum(r.parse_s for r in ok)
        parts.append(
            f"glyphs and rulings {geometry * 1000 / pages:.1f} ms/page against pdfplumber's "
            f"page.chars {plumber * 1000 / pages:.1f}: {plumber / geometry:.1f}x"
            f" (median file {statistics.median(r.baseline_s / r.geometry_s for r in ok):.1f}x);"
            f" the whole parse {plumber / parse:.1f}x faster than page.chars alone"
        )
    return "; ".join(parts)


def files_from(args: list[str]) -> list[Path]:
    found: list[Path] = []
    for arg in args or [str(ROOT / f) for f in FOLDERS]:
        path = Path(arg)
        found.extend(sorted(path.glob("*.pdf")) if path.is_dir() else [path])
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", help="PDFs or folders of PDFs")
    parser.add_argument("--repeat", type=int, default=1, help="best of N in-process runs")
    parser.add_argument("--no-baseline", action="store_true", help="skip pdfplumber")
    args = parser.parse_args(argv)
    one_core()
    files = files_from(args.paths)
    if not files:
        print("no PDF found", file=sys.stderr)
        return 1
    print(
        f"one core of {os.cpu_count()}; ms/page: in-process, per text-layer page; "
        "plumber: pdfplumber's page.chars on the same pages; whole: the worker's process"
    )
    print(HEADER)
    rows = []
    for path in files:
        rows.append(measure(path, args.repeat, not args.no_baseline))
        print_row(rows[-1])
    print()
    print(summary(rows, not args.no_baseline))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
