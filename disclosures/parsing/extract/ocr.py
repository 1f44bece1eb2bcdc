"""OCR of page images: PDF pages without a text layer, and PNG, JPEG or TIFF files.

rapidocr runs PP-OCR models on onnxruntime; the models ship inside its wheel
and are loaded by path, so nothing is fetched at run time. Each recognised box
becomes a cell with its box in PDF points (top-left origin), like the PDF
extractor's, so the table readers place amounts under the header columns by x.
Amounts are read strictly (see `ocr_cells`): only unambiguous misreadings are
mended, and every OCR'd page is listed in `Extracted.meta["ocr_pages"]`, so that
sums which do not add up are reported against figures known to be OCR'd.
"""

from __future__ import annotations

import io
import logging
import os
import resource
import threading
from collections.abc import Collection, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from ..cells import is_amount
from ..errors import ParseError
from .base import Extracted, Line, Page, normalise, report_progress
from .ocr_cells import mend_cell
from .ocr_detect import detect_boxes
from .ocr_lines import Word, deskew, split_amounts, split_glued, words_to_lines
from .ocr_models import ocr_session
from .pictures import coloured

log = logging.getLogger(__name__)

# PDF pages at 144 dpi: 10-point text is 20 pixels high, what the recogniser reads
# well; the detector sees the page scaled down to DETECT_SIDE pixels (at 960, 1088,
# 1152 or 1216 it loses rows of the simulated 150-dpi scans in the tests, and so it
# does when shown only the inked part of the page, its global pooling then seeing
# other statistics).
RENDER_SCALE = 2.0
DETECT_SIDE = 1280
MAX_SIDE = 2400  # pixels; a larger image is scaled down before OCR
MAX_PIXELS = 80_000_000  # an A3 page at 600 dpi; larger is a decompression bomb
MAX_OCR_PAGES = 100  # at ~2 s a page, a longer scan does not belong in one request
MIN_SCORE = 0.5  # recognition confidence below which a box is noise
DOUBTFUL_SCORE = 0.9  # amounts read with less confidence are listed in meta
BLANK_STDDEV = 3.0  # a page image this flat has nothing on it
DEFAULT_DPI = 150.0  # images that do not say their resolution
# An image page of a document with a text layer is read only where the detector
# finds at least this many pieces of text: a table has dozens; a cover, a seal or
# a photo a handful, and no figures.
MIN_TEXT_BOXES = 12
# A page is read turned a quarter where at least MIN_TURNED long pieces of text (LONG
# times as long as they are thick) are found and TURNED_SHARE of them run down the page;
# TURN_SAMPLE of them are read both ways to tell which way (upright pages: a few tall
# pieces at most, a vertical header's)
LONG = 2.5
MIN_TURNED = 8
TURNED_SHARE = 0.6
TURN_SAMPLE = 12
# Address space one page in flight takes (its image, the detector's and the
# recogniser's buffers and arenas: 840 MB measured on an A4 table); pages are read
# in parallel only where the process's limit leaves room for that many.
PAGE_MB = 900


@cache
def engine() -> Any:
    """The OCR engine, loaded once per process from the models in rapidocr's wheel;
    the recogniser is loaded by the first page that has text to read."""
    try:
        import rapidocr
        from rapidocr import RapidOCR
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ParseError("unsupported", "OCR is not installed") from exc
    models = Path(rapidocr.__file__).parent / "models"
    paths = {
        "Det": models / "PP-OCRv6_det_small.onnx",
        "Cls": models / "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
        "Rec": models / "PP-OCRv6_rec_small.onnx",
    }
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:  # without a model path rapidocr would try to download one
        raise ParseError("unsupported", f"OCR models missing: {', '.join(missing)}")
    params: dict[str, Any] = {
        "Global.log_level": "error",
        # each piece of text recognised at its own width: the default pads every
        # piece to 320 pixels, and a table's cells are mostly short amounts
        "Rec.rec_batch_num": 1,
        "Rec.rec_img_shape": [3, 48, 64],
        # tables are never upside down, and the turn classifier reads 99 as 66 when it thinks so
        "Global.use_cls": False,
    }
    params.update({f"{task}.model_path": str(path) for task, path in paths.items()})
    ocr = RapidOCR(params=params)
    _give_session(ocr, "Det", paths["Det"])
    return ocr


def _give_session(ocr: Any, task: str, path: Path) -> None:
    """The session rapidocr will run for `task`, made here with the model's subnormal
    weights set to zero (ocr_models); rapidocr takes a ready session from its config,
    where only OmegaConf's flag lets an object in."""
    from omegaconf import flag_override

    with flag_override(ocr.cfg, "allow_objects", True):
        ocr.cfg[task].session = ocr_session(path, int(os.environ.get("OCR_THREADS", "1")))


def recogniser() -> Any:
    """rapidocr's text recogniser, loaded once, by the first page with text to read."""
    ocr = engine()
    with _LOADING:
        if ocr.text_rec is None:
            _give_session(ocr, "Rec", Path(ocr.cfg.Rec.model_path))
        return ocr._load_rec_model()


_LOADING = threading.Lock()


def ocr_words(image: Any, points_per_pixel: float, min_boxes: int = 0) -> list[Word] | None:
    """Boxes and texts on one image, positions in PDF points; None where the detector
    finds fewer than `min_boxes` pieces of text, which are then not recognised."""
    import numpy as np

    gray = np.asarray(image.convert("L"))
    if float(gray.std()) < BLANK_STDDEV:
        return []
    boxes = detect_boxes(engine()._load_det_model(), gray, DETECT_SIDE)
    if len(boxes) < max(min_boxes, 1):
        return None if len(boxes) < min_boxes else []
    turn = quarter_turn(gray, boxes)
    if turn:  # a landscape page scanned upright: read it as a reader turns the paper
        gray = np.ascontiguousarray(np.rot90(gray, turn))
        boxes = detect_boxes(engine()._load_det_model(), gray, DETECT_SIDE)
    words = []
    for quad, (text, score) in zip(boxes, _recognise(gray, boxes), strict=True):
        text = normalise(str(text))
        if text and float(score) >= MIN_SCORE:
            points = [(float(x) * points_per_pixel, float(y) * points_per_pixel) for x, y in quad]
            words.append(Word(text, tuple(points), float(score)))
    return words


def quarter_turn(gray: Any, boxes: list[Any]) -> int:
    """How many quarter turns anticlockwise stand the page's text upright: 1 or -1 where
    most of its long pieces of text run down the page (a landscape table scanned upright),
    else 0. Which way they run is told by the recogniser: the pieces read turned one way
    and the other, the likelier reading wins."""
    import numpy as np

    sizes = [np.ptp(np.asarray(box, dtype=float), axis=0) for box in boxes]
    long = [(w, h) for w, h in sizes if max(w, h) >= LONG * max(min(w, h), 1.0)]
    tall = [b for b, (w, h) in zip(boxes, sizes, strict=True) if h >= LONG * max(w, 1.0)]
    if len(long) < MIN_TURNED or len(tall) < TURNED_SHARE * len(long):
        return 0
    tall.sort(key=lambda b: -float(np.ptp(np.asarray(b, dtype=float)[:, 1])))
    crops = _crops(gray, tall[:TURN_SAMPLE])  # the tall ones turned anticlockwise
    up = _mean_score(_read(crops))
    down = _mean_score(_read([np.rot90(c, 2) for c in crops]))
    return 1 if up >= down else -1


def _mean_score(read: list[tuple[str, float]]) -> float:
    return sum(float(score) for _, score in read) / max(len(read), 1)


def _recognise(gray: Any, boxes: list[Any]) -> list[tuple[str, float]]:
    return _read(_crops(gray, boxes))


def _crops(gray: Any, boxes: list[Any]) -> list[Any]:
    """Each box cut out of the page and set level (a tall one turned anticlockwise)."""
    import numpy as np
    from rapidocr.utils.process_img import get_rotate_crop_image

    return [get_rotate_crop_image(gray, box.astype(np.float32)) for box in boxes]


def _read(crops: list[Any]) -> list[tuple[str, float]]:
    """The text in each crop, by the engine's recogniser (in grey, then given the three
    channels the recogniser takes)."""
    import numpy as np
    from rapidocr.ch_ppocr_rec import TextRecInput

    read = recogniser()(TextRecInput(img=[np.dstack((c, c, c)) for c in crops]))
    return list(zip(read.txts, read.scores, strict=True))


@dataclass(frozen=True)
class OcrPage:
    lines: tuple[Line, ...]
    # amounts mended or read with little confidence, for a reviewer to check first
    notes: tuple[str, ...] = ()
    skipped: bool = False  # too little text to hold figures: not recognised


def read_image(image: Any, page: int, points_per_pixel: float, min_boxes: int = 0) -> OcrPage:
    """One page image as lines of cells, with notes on the amounts to doubt; skipped
    (no lines) where it holds fewer than `min_boxes` pieces of text."""
    found = ocr_words(image, points_per_pixel, min_boxes)
    if found is None:
        return OcrPage((), skipped=True)
    words, notes = [], []
    for word in deskew(found):
        for part in (a for glued in split_glued(word) for a in split_amounts(glued)):
            text = mend_cell(part.text)
            if text != part.text and is_amount(text):
                notes.append(f"p{page}: {part.text} read as {text}")
            elif is_amount(text) and part.score < DOUBTFUL_SCORE:
                notes.append(f"p{page}: {text} read with confidence {part.score:.2f}")
            words.append(replace(part, text=text))
    return OcrPage(words_to_lines(words, page), tuple(notes))


def ocr_pdf_pages(
    data: bytes, numbers: Sequence[int], min_boxes: int = 0, always: Collection[int] = ()
) -> dict[int, OcrPage]:
    """Render the given pages (1-based) with pdfium and read them, several at a time;
    those with fewer than `min_boxes` boxes of text are passed over, but for the pages
    `always` read.

    pdfium is not thread-safe: pages are rendered one by one here, and read by OCR
    in threads (onnxruntime lets go of the GIL), as many as the cores and the
    process's memory limit allow.
    """
    import pypdfium2 as pdfium

    if len(numbers) > MAX_OCR_PAGES:
        raise ParseError(
            "too_large", f"{len(numbers)} pages need OCR; at most {MAX_OCR_PAGES} are read"
        )
    out: dict[int, OcrPage] = {}
    engine()  # loaded once, before the threads share it and before memory is counted
    workers = ocr_workers(len(numbers))
    doc = pdfium.PdfDocument(data)
    try:
        total = len(doc)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for start in range(0, len(numbers), workers):
                batch = numbers[start : start + workers]
                jobs = {
                    n: pool.submit(_read_rendered, doc, n, 0 if n in always else min_boxes)
                    for n in batch
                }
                for number, job in jobs.items():
                    out[number] = job.result()
                # scans come last: the pages before them are done
                report_progress(total - len(numbers) + start + len(batch), total)
    finally:
        doc.close()
    return out


def ocr_page(data: bytes, number: int) -> OcrPage:
    """One page of a PDF (1-based) read by OCR however little text it holds, as a second
    reading of a page whose text layer is in doubt."""
    import pypdfium2 as pdfium

    engine()
    doc = pdfium.PdfDocument(data)
    try:
        return _read_rendered(doc, number, 0)
    finally:
        doc.close()


def _read_rendered(doc: Any, number: int, min_boxes: int) -> OcrPage:
    try:
        with _PDFIUM:  # rendering is pdfium's; the OCR after it runs alongside others
            image, scale = _render(doc, number)
    except Exception as exc:  # one broken page should not lose the others
        log.warning("page %d cannot be rendered for OCR: %s", number, exc)
        return OcrPage(())
    return read_image(image, number, 1 / scale, min_boxes)


def ocr_workers(pages: int) -> int:
    """Threads for OCR: OCR_WORKERS if set, else one a core, as many as memory allows."""
    wanted = os.environ.get("OCR_WORKERS")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    workers = int(wanted) if wanted else cores
    limit, _ = resource.getrlimit(resource.RLIMIT_AS)
    if limit != resource.RLIM_INFINITY:
        workers = min(workers, max(1, (limit // 2**20 - _address_space_mb()) // PAGE_MB))
    return max(1, min(workers, pages))


def _address_space_mb() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE") // 2**20
    except (OSError, ValueError):
        return 0


_PDFIUM = threading.Lock()


def _render(doc: Any, number: int) -> tuple[Any, float]:
    """A page as a grey image, at RENDER_SCALE or less, and the scale used."""
    page = doc[number - 1]
    try:
        width, height = page.get_size()
        scale = min(RENDER_SCALE, MAX_SIDE / max(width, height, 1.0))
        return page.render(scale=scale, grayscale=True).to_pil(), scale
    finally:
        page.close()


def ocr_scanned_pages(data: bytes, extracted: Extracted) -> Extracted:
    """The PDF's pages without a text layer, read by OCR; the others as extracted.

    Where other pages have a text layer, an image page among them is a cover, a
    seal or a photo unless it holds a table's worth of text (MIN_TEXT_BOXES);
    those are detected but not recognised, and listed as `ocr_skipped_pages`.
    """
    numbers = [p.number for p in extracted.pages if not p.has_text_layer]
    if not numbers:
        return extracted
    has_text = len(numbers) < len(extracted.pages)
    # a page whose text was glyph numbers has text, whatever its few boxes: always read
    garbled = {int(n) for n in extracted.meta.get("garbled_text_pages", "").split(",") if n}
    read = ocr_pdf_pages(data, numbers, MIN_TEXT_BOXES if has_text else 0, garbled)
    pages = tuple(
        replace(p, lines=read[p.number].lines) if p.number in read else p for p in extracted.pages
    )
    meta = {**extracted.meta, **ocr_meta(read)}
    return replace(extracted, pages=pages, meta=meta)


def ocr_pictured_pages(data: bytes, extracted: Extracted) -> Extracted:
    """Pages of text round large pictures, read by OCR; a page's reading replaces its
    text layer's only where the pictures hold figures its text does not (a table pasted
    as a picture under its title), not where they are a cover's emblem or a photo."""
    from .pdf_kind import MIN_FIGURES, figures

    numbers = [int(n) for n in extracted.meta["pictured_pages"].split(",") if n]
    read = ocr_pdf_pages(data, numbers, MIN_TEXT_BOXES)
    pages, taken = [], {}
    for page in extracted.pages:
        found = read.get(page.number)
        if found is not None and not found.skipped:
            printed = figures("\n".join(line.text for line in page.lines))
            shown = figures("\n".join(line.text for line in found.lines))
            if sum((shown - printed).values()) >= MIN_FIGURES:
                page = replace(page, lines=found.lines)
                taken[page.number] = found
        pages.append(page)
    if not taken:
        return extracted
    meta, new = dict(extracted.meta), ocr_meta(taken)
    for key in ("ocr_pages", "ocr_notes"):  # beside a scan's pages read before
        joined = [v for v in (meta.get(key), new.get(key)) if v]
        if joined:
            meta[key] = (";" if key == "ocr_notes" else ",").join(joined)
    meta["ocr_engine"] = new["ocr_engine"]
    return replace(extracted, pages=tuple(pages), meta=meta)


def ocr_meta(read: dict[int, OcrPage]) -> dict[str, str]:
    """Which pages were OCR'd, and the amounts on them to check by eye."""
    notes = [note for page in read.values() for note in page.notes]
    done = [n for n, page in read.items() if not page.skipped]
    meta = {"ocr_pages": ",".join(map(str, done)), "ocr_engine": "rapidocr PP-OCRv6"}
    skipped = [n for n, page in read.items() if page.skipped]
    if skipped:
        meta["ocr_skipped_pages"] = ",".join(map(str, skipped))
    if notes:
        meta["ocr_notes"] = "; ".join(notes)
    return meta


def extract_image(data: bytes, source: str = "") -> Extracted:
    """A PNG, JPEG or TIFF file: each frame a page, read by OCR."""
    pages, read = [], {}
    for number, (image, points_per_pixel) in enumerate(_frames(data), start=1):
        read[number] = read_image(image, number, points_per_pixel)
        width, height = (side * points_per_pixel for side in image.size)
        pages.append(Page(number, read[number].lines, width, height, has_text_layer=False))
    return Extracted(source, "image", tuple(pages), ocr_meta(read))


def read_picture(data: bytes, page: int) -> OcrPage:
    """A picture set in a document (a table pasted as a screenshot): its first frame read
    where it is black on white and holds a table's worth of text (MIN_TEXT_BOXES), else
    skipped, as a chart, a photo, a seal or a picture in a format the reader does not take
    (EMF) is."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as shown:
            if coloured(shown):  # a chart, a photo, an emblem
                return OcrPage((), skipped=True)
        image, points_per_pixel = next(_frames(data))
    except (ParseError, StopIteration, OSError, ValueError, Image.DecompressionBombError):
        return OcrPage((), skipped=True)
    return read_image(image, page, points_per_pixel, MIN_TEXT_BOXES)


def _frames(data: bytes) -> Iterator[tuple[Any, float]]:
    """Each frame, scaled to at most MAX_SIDE pixels, with its size of a pixel in points."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            for index in range(_frame_count(image)):
                image.seek(index)
                _check_size(image.size)
                width_points = image.width * 72 / _dpi(image.info.get("dpi"))
                image.draft("L", (MAX_SIDE, MAX_SIDE))  # JPEG decodes at 1/2, 1/4 or 1/8 size
                frame = image.convert("L")
                scale = min(1.0, MAX_SIDE / max(frame.size))
                if scale < 1.0:
                    size = (round(frame.width * scale), round(frame.height * scale))
                    frame = frame.resize(size, Image.Resampling.LANCZOS)
                yield frame, width_points / frame.width
    except ParseError:
        raise
    except Image.DecompressionBombError as exc:
        raise ParseError("too_large", f"the image is over {MAX_PIXELS:,} pixels") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ParseError("corrupt", f"the image cannot be read: {exc}") from exc


def _frame_count(image: Any) -> int:
    count = int(getattr(image, "n_frames", 1))
    if count > MAX_OCR_PAGES:
        raise ParseError("too_large", f"the image has {count} pages; at most {MAX_OCR_PAGES}")
    return count


def _check_size(size: tuple[int, int]) -> None:
    width, height = size
    if width * height > MAX_PIXELS:
        raise ParseError(
            "too_large", f"the image is {width}x{height} pixels; at most {MAX_PIXELS:,}"
        )


def _dpi(value: Any) -> float:
    try:
        dpi = float(value[0])
    except (TypeError, ValueError, IndexError):
        return DEFAULT_DPI
    return dpi if 50 <= dpi <= 1200 else DEFAULT_DPI
