"""What every extractor produces: pages of lines, each line a row of cells.

Whatever the format (text, PDF, and later spreadsheets, Word files or OCR), the
table and narrative readers see the same thing: a line of text split into the
cells a reader would see, in reading order, with where it came from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points


@dataclass(frozen=True)
class Line:
    page: int  # 1-based page number in the source file
    cells: tuple[str, ...]  # left to right; "" is a cell the source shows as blank
    boxes: tuple[Box | None, ...] = ()  # one per cell where the format gives geometry
    # x0 of each cell, so that a blank column can be told from a missing one
    xs: tuple[float, ...] = ()
    # the ruled cell around each cell's text, where the page rules its cells
    frames: tuple[Box | None, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(self.cells)


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    lines: tuple[Line, ...]
    width: float | None = None
    height: float | None = None
    # column boundaries (x of each header cell) where the extractor knows them
    has_text_layer: bool = True


@dataclass(frozen=True)
class Extracted:
    source: str  # file name as given
    format: str  # "text", "pdf", ...
    pages: tuple[Page, ...]
    meta: dict[str, str] = field(default_factory=dict)

    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]


# NFKC folds the Kangxi radicals (U+2F00..) into ideographs but leaves the CJK
# radicals supplement alone; some PDF producers emit those for common characters
# (U+2ECB for 车, U+2ED1 for 长), so they are folded here.
_FOLD = str.maketrans(
    {
        "\u2ea0": "民",
        "\u2ec4": "西",
        "\u2ec5": "见",
        "\u2ec6": "角",
        "\u2ec9": "贝",
        "\u2ecb": "车",
        "\u2ed1": "长",
        "\u2ed4": "门",
        "\u2ed7": "雨",
        "\u2eda": "页",
        "\u2edb": "风",
        "\u2edc": "飞",
        "\u2edd": "食",
        "\u2ee2": "马",
        "\u2ee9": "黄",
        "\u2eec": "齐",
        "\u2eee": "齿",
        "\u2ef0": "龙",
        "\u2ec8": "讠",
        "\u2ebb": "聿",
        "\u3000": " ",
        "\xa0": " ",
    }
)

_SPACES = re.compile(r"[ \t]+")


def normalise(text: str) -> str:
    """NFKC plus radical folding; keeps line breaks, squeezes other white space."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return _SPACES.sub(" ", text).strip()


# Progress of a long read (pages done of pages in all), for whoever asked for it:
# the upload page shows "page N of M". A context variable, so that the extractors
# report without every signature carrying a callback.
ProgressCallback = Callable[[int, int], None]
_PROGRESS: ContextVar[ProgressCallback | None] = ContextVar("parse_progress", default=None)


def report_progress(done: int, total: int) -> None:
    callback = _PROGRESS.get()
    if callback is not None:
        callback(done, total)


@contextmanager
def reporting(callback: ProgressCallback | None) -> Iterator[None]:
    """Progress goes to `callback` inside the block; None keeps whoever listens now."""
    if callback is None:
        yield
        return
    token = _PROGRESS.set(callback)
    try:
        yield
    finally:
        _PROGRESS.reset(token)
