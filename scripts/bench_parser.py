"""Parser benchmark over every real PDF the project holds, against a pdfplumber baseline.

    python scripts/bench_parser.py [--repeat N] [--no-baseline] [DIR_OR_PDF ...]
    (default: tests/data/realdocs and tests/data/realdocs-more)

The whole run is pinned to one core. For each file:

- in-process: a fresh child with the libraries imported (as in a running worker)
  parses the file (extraction, reading, audit); the time spent in OCR is counted
  apart, so that "ms/page" is per text-layer page and "OCR s/page" per image page;
- baseline: in the same child, right after, pdfplumber reads the glyphs of the
  same pages (`page.chars`, what the table reader once took its geometry from).
  On a shared machine one timing means little; the ratio of the two, taken
  minutes apart at most, is the steady figure;
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
    ocr_pages: int
    parse_s: float  # in-process, OCR excluded
    ocr_s: float
    baseline_s: float  # pdfplumber's page.chars over every page with a text layer
    whole_s: float  # the sandbox's process, start-up included
    peak_mb: float
    outcome: str

    @property
    def text_pages(self) -> int:
        return self.pages - self.ocr_pages

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
        return self.ocr_s / self.ocr_pages if self.ocr_pages else None


def one_core() -> None:
    """This process and every child it starts on one core, OCR with one thread."""
    os.environ["OCR_THREADS"] = "1"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _in_child(path: str, repeat: int, baseline: bool, queue: Any) -> None:
    import pdfplumber  # noqa: F401  imported before the clock starts, as in a running worker
    import pypdfium2  # noqa: F401

    import disclosures.parsing.extract.ocr as ocr
    from disclosures.parsing import ParseError, parse_file

    spent: dict[str, Any] = {"ocr": 0.0, "pages": 0, "text": None}
    scanned = ocr.ocr_scanned_pages

    def timed_ocr(data: bytes, extracted: Any) -> Any:
        if any(not p.has_text_layer for p in extracted.pages):
            ocr.engine()  # loaded once in a worker's life, not for each file
        spent["text"] = [p.number for p in extracted.pages if p.has_text_layer]
        started = time.perf_counter()
        result = scanned(data, extracted)
        spent["ocr"] += time.perf_counter() - started
        spent["pages"] = len([n for n in result.meta.get("ocr_pages", "").split(",") if n])
        return result

    ocr.ocr_scanned_pages = timed_ocr
    best, ocr_s, outcome, text_pages = float("inf"), 0.0, "ok", []
    for _ in range(repeat):
        spent["ocr"] = 0.0
        started = time.perf_counter()
        try:
            pages = parse_file(path).pages
            text_pages = spent["text"] if spent["text"] is not None else list(range(1, pages + 1))
        except ParseError as error:
            outcome = error.code
        took = time.perf_counter() - started - spent["ocr"]
        if took < best:
            best, ocr_s = took, spent["ocr"]
    plumber = _baseline(path, text_pages, repeat) if baseline else 0.0
    queue.put((best, ocr_s, spent["pages"], outcome, plumber))


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


def in_process(path: Path, repeat: int, baseline: bool) -> tuple[float, float, int, str, float]:
    context = mp.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_in_child, args=(str(path), repeat, baseline, queue))
    child.start()
    result = queue.get(timeout=1800)
    child.join()
    return result  # type: ignore[no-any-return]


def whole_process(path: Path) -> tuple[float, float, str]:
    from disclosures.parsing.sandbox import TARGET, run_in_child

    outcome = run_in_child(TARGET, path.read_bytes(), path.name)
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
    parse_s, ocr_s, ocr_pages, outcome, baseline_s = in_process(path, repeat, baseline)
    whole_s, peak_mb, whole_outcome = whole_process(path)
    if whole_outcome != outcome:
        outcome = f"{outcome}/{whole_outcome}"
    pages = page_count(path)
    return Row(path.name, pages, ocr_pages, parse_s, ocr_s, baseline_s, whole_s, peak_mb, outcome)


def _fmt(value: float | None, width: int, digits: int = 1) -> str:
    return f"{value:{width}.{digits}f}" if value is not None else " " * (width - 1) + "-"


HEADER = (
    f"{'file':52} {'pages':>5} {'ocr':>3} {'ms/page':>8} {'plumber':>8} {'ratio':>6} "
    f"{'whole':>7} {'peak MB':>7} {'OCR s/p':>7}  outcome"
)


def print_row(row: Row) -> None:
    ratio = row.baseline_ms / row.ms if row.ms and row.baseline_ms else None
    print(
        f"{row.name[:52]:52} {row.pages:5d} {row.ocr_pages:3d} {_fmt(row.ms, 8)} "
        f"{_fmt(row.baseline_ms, 8)} {_fmt(ratio, 6)} {row.whole_ms:7.1f} {row.peak_mb:7.0f} "
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
    parts = [
        f"{len(rows)} files, {sum(r.pages for r in rows)} pages ({ocr_pages} by OCR)",
        f"in-process median {statistics.median(ms):.1f} ms/page, worst {max(ms):.1f}",
        f"whole process median {statistics.median(whole):.1f} ms/page, worst {max(whole):.1f}",
        f"{sum(r.text_pages for r in text) / parse_s:.0f} pages/s on one core",
        f"peak {peak_text:.0f} MB (text layer), {max(r.peak_mb for r in rows):.0f} MB (any)",
    ]
    if ocr_pages:
        parts.append(f"OCR {sum(r.ocr_s for r in rows) / ocr_pages:.2f} s/page")
    if baseline:
        plumber = sum(r.baseline_s for r in text)
        ratios = [r.baseline_s / r.parse_s for r in text if r.parse_s]
        parts.append(
            f"pdfplumber's page.chars alone {plumber * 1000 / sum(r.text_pages for r in text):.0f}"
            f" ms/page: {plumber / parse_s:.0f}x the parse (median file {statistics.median(ratios):.0f}x)"
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
