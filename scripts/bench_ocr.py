"""OCR benchmark: seconds per scanned page, on one core.

    python scripts/bench_ocr.py [PDF ...]   (default: the SIMSCAN_* files in tests/data/realdocs)

Each page is rendered and read as the parser does (`ocr_pdf_pages`), with the
models loaded before the clock starts (as in a running worker), one thread, and
the process pinned to one core. Both wall-clock and CPU seconds are printed:
on a shared machine the CPU time is the steadier figure. Target: under 1 s a page.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET_SECONDS = 1.0


def one_core() -> None:
    os.environ["OCR_THREADS"] = "1"
    os.environ["OCR_WORKERS"] = "1"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def bench(path: Path) -> list[tuple[int, float, float, int]]:
    import pypdfium2 as pdfium

    from disclosures.parsing.extract.ocr import ocr_pdf_pages

    data = path.read_bytes()
    document = pdfium.PdfDocument(data)
    count = len(document)
    document.close()
    rows = []
    for number in range(1, count + 1):
        wall, cpu = time.perf_counter(), time.process_time()
        lines = ocr_pdf_pages(data, [number])[number].lines
        rows.append((number, time.perf_counter() - wall, time.process_time() - cpu, len(lines)))
    return rows


def main(argv: list[str]) -> int:
    one_core()
    from disclosures.parsing.extract.ocr import engine, recogniser

    started = time.perf_counter()
    engine()
    recogniser()
    print(f"models loaded in {time.perf_counter() - started:.2f} s")
    files = [Path(a) for a in argv] or sorted((ROOT / "tests/data/realdocs").glob("SIMSCAN_*.pdf"))
    walls, cpus = [], []
    for path in files:
        for number, wall, cpu, lines in bench(path):
            walls.append(wall)
            cpus.append(cpu)
            print(f"{path.name} p{number:<3} {wall:6.2f} s wall {cpu:6.2f} s cpu {lines:4d} lines")
    if not walls:
        print("no pages", file=sys.stderr)
        return 1
    print(
        f"{len(walls)} pages: {statistics.mean(walls):.2f} s/page wall "
        f"(median {statistics.median(walls):.2f}, max {max(walls):.2f}), "
        f"{statistics.mean(cpus):.2f} s/page cpu; target < {TARGET_SECONDS:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
