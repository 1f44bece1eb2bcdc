"""Pages whose table titles come last: text taken in the order the PDF drew it.

Some producers draw a table's rows first and its title and header last; text copied in
drawing order (as pdfium and PyMuPDF give it by default) then puts each page's title
under the rows it names. Where most table pages of a document read so (rows above the
page's first title, nothing but header words below its last), each such page is put
back in reading order: the title and the header words first, then the rows. Only pages
with amounts tell the order; an empty table's page of the same document (header words,
then its title) is drawn the same way and is righted too.
"""

from __future__ import annotations

from itertools import groupby

from .cells import is_amount
from .extract.base import Line
from .tables import title_of


def reading_order(lines: list[Line]) -> list[Line]:
    pages = [list(group) for _, group in groupby(lines, key=lambda line: line.page)]
    # a contents page lists titles without amounts: it tells nothing of the order
    titled = [p for p in pages if _titles(p) and any(_has_amounts(x) for x in p)]
    upside = [p for p in titled if _titled_last(p)]
    if len(upside) < 2 or len(upside) * 5 < len(titled) * 3:
        return lines
    out: list[Line] = []
    for page in pages:
        out += _righted(page) if _titled_last(page) or _empty_titled_last(page) else page
    return out


def _has_amounts(line: Line) -> bool:
    return any(is_amount(c) for c in line.cells)


def _titles(page: list[Line]) -> list[int]:
    return [i for i, line in enumerate(page) if title_of(line) is not None]


def _titled_last(page: list[Line]) -> bool:
    """Rows above the page's first title, and no amounts below its last."""
    titles = _titles(page)
    if not titles:
        return False
    first, last = titles[0], titles[-1]
    return any(_has_amounts(x) for x in page[:first]) and not any(
        _has_amounts(x) for x in page[last:]
    )


def _empty_titled_last(page: list[Line]) -> bool:
    """A page of one table without amounts whose header words (no sentence) come before
    its title."""
    titles = _titles(page)
    if len(titles) != 1 or titles[0] == 0 or any(_has_amounts(x) for x in page):
        return False
    return not any("。" in "".join(x.cells) for x in page[: titles[0]])


def _righted(page: list[Line]) -> list[Line]:
    """The title and what follows it, then the header words printed around the rows
    (above the first amount and below the last), then the rows."""
    first = _titles(page)[0]
    body = page[:first]
    amounts = [i for i, line in enumerate(body) if _has_amounts(line)]
    if not amounts:
        return page[first:] + body
    start, end = amounts[0], amounts[-1] + 1
    return page[first:] + body[:start] + body[end:] + body[start:end]
