"""Pages whose table titles come last: text taken in the order the PDF drew it.

Some producers draw a table's rows first and its title and header last; text copied in
drawing order (as pdfium and PyMuPDF give it by default) then puts each page's title
under the rows it names. Where most table pages of a document read so (rows above the
page's first title, nothing but header words below its last), each such page is put
back in reading order: the title and the header words first, then the rows.
"""

from __future__ import annotations

from itertools import groupby

from .cells import is_amount
from .extract.base import Line
from .tables import title_of


def reading_order(lines: list[Line]) -> list[Line]:
    pages = [list(group) for _, group in groupby(lines, key=lambda line: line.page)]
    titled = [p for p in pages if any(title_of(line) is not None for line in p)]
    upside = [p for p in titled if _titled_last(p)]
    if len(upside) < 2 or len(upside) * 5 < len(titled) * 3:
        return lines
    out: list[Line] = []
    for page in pages:
        out += _righted(page) if _titled_last(page) else page
    return out


def _has_amounts(line: Line) -> bool:
    return any(is_amount(c) for c in line.cells)


def _titled_last(page: list[Line]) -> bool:
    """Rows above the page's first title, and no amounts below its last."""
    titles = [i for i, line in enumerate(page) if title_of(line) is not None]
    if not titles:
        return False
    first, last = titles[0], titles[-1]
    return any(_has_amounts(x) for x in page[:first]) and not any(
        _has_amounts(x) for x in page[last:]
    )


def _righted(page: list[Line]) -> list[Line]:
    """The title and what follows it, then the header words printed around the rows
    (above the first amount and below the last), then the rows."""
    first = next(i for i, line in enumerate(page) if title_of(line) is not None)
    body = page[:first]
    amounts = [i for i, line in enumerate(body) if _has_amounts(line)]
    start, end = amounts[0], amounts[-1] + 1
    return page[first:] + body[:start] + body[end:] + body[start:end]
