"""Parser benchmark over real disclosure PDFs: time per page, pages per second, peak memory.

    python scripts/bench_parser.py [DIR ...]   (default: tests/data/realdocs)

Each file is parsed in a fresh child process, one at a time (one core), so that
its peak memory is its own. Times are wall-clock for extraction + parsing + audit,
with the libraries already imported (as in a running worker).
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _one(path: str, queue: mp.Queue) -> None:  # type: ignore[type-arg]
    import pdfplumber  # noqa: F401  imported before the clock starts, as in a running worker

    from disclosures.parsing import ParseError, parse_file

    started = time.perf_counter()
    try:
        pages, outcome = parse_file(path).pages, "ok"
    except ParseError as error:
        pages, outcome = 0, error.code
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((pages, seconds, peak_mb, outcome))


def measure(path: Path) -> tuple[int, float, float, str]:
    context = mp.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_one, args=(str(path), queue))
    child.start()
    result = queue.get(timeout=300)
    child.join()
    return result


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def main(folders: list[str]) -> int:
    files = sorted(
        p for f in folders or [str(ROOT / "tests/data/realdocs")] for p in Path(f).glob("*.pdf")
    )
    per_page: list[float] = []
    total_pages, total_seconds, peak = 0, 0.0, 0.0
    print(f"{'file':58} {'pages':>5} {'ms/page':>8} {'peak MB':>8}  outcome")
    for path in files:
        pages, seconds, peak_mb, outcome = measure(path)
        pages = pages or page_count(path)
        ms = seconds * 1000 / max(pages, 1)
        per_page.append(ms)
        total_pages, total_seconds, peak = (
            total_pages + pages,
            total_seconds + seconds,
            max(peak, peak_mb),
        )
        print(f"{path.name:58} {pages:5d} {ms:8.1f} {peak_mb:8.0f}  {outcome}")
    if not per_page:
        print("no PDF found")
        return 1
    print(
        f"\n{len(files)} files, {total_pages} pages: median {statistics.median(per_page):.1f} ms/page, "
        f"worst {max(per_page):.1f} ms/page, {total_pages / total_seconds:.1f} pages/s on one core, "
        f"peak memory {peak:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
