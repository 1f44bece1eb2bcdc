"""Web pages (.html, .htm, .shtml): a disclosure published as an article on a government
site and saved from the browser.

The article starts at its title (the window's title stands in where the page prints
none); then the body in document order. Each row of a table is a line of cells, one per
grid column: a cell spanning columns keeps its text in the first and blanks in the rest,
one spanning rows leaves blanks in the rows below, as the other readers keep them. A
table of tables (a page laid out with tables) is read through to the tables inside.
Every other block (a paragraph, a heading, a line break) is a line of its own; scripts,
styles and forms are no text, nor are the site's banner, menus and footer. A web page has
no pages: it is one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..errors import ParseError
from .base import Extracted, Line, Page, normalise

# what opens a web page, or what a fragment of one is made of
_HTML = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|table)\b", re.I | re.S
)
_TAGS = re.compile(r"<(?:p|div|td|tr|br|span)\b[^>]*>", re.I)
_SKIPPED = frozenset({"script", "style", "noscript", "template", "head", "iframe", "svg", "select"})
_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd section article header footer nav aside main "
    "blockquote pre address figure figcaption caption center form fieldset hr br".split()
)
_TITLE = re.compile(r"20\d\d\s*年度?.{0,20}(?:预算|决算)(?!.*[。；])(?!.*表$)")
HEAD_LINES = 40  # the article's title is among the page's first lines
AFTER_TITLE = 3  # and the site's line of when and where it was published comes soon after
# the site's words around an article: its name, menus, where and when it was published
_CHROME_WORDS = re.compile(
    r"网站|门户|首页|当前位置|您的位置|发布日期|发布时间|来源[:：]|浏览次数|点击数|字号|打印|关闭|分享"
)
# elements that hold a site's banner, menus and footer, by tag or by a word of their class
# or id: no part of the article
_CHROME_TAGS = frozenset({"header", "nav", "footer", "aside"})
_CHROME_CLASS = re.compile(
    r"(?:header|nav|navbar|menu|footer|crumbs?|breadcrumbs?|position|location|share|"
    r"copyright|sidebar|toolbar|search|login)(?:[-_\d].*)?",
    re.I,
)
MAX_SPAN = 100  # a colspan or rowspan larger than any table needs is one


def is_html(text: str) -> bool:
    """A web page: it opens as one, or is mostly tags of one."""
    head = text[:4096]
    return bool(_HTML.match(head)) or len(_TAGS.findall(head)) >= 10


def extract_html(text: str, source: str = "") -> Extracted:
    import lxml.html  # loads only for web pages

    parser = lxml.html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except Exception as exc:  # lxml fails in several ways on what is no HTML at all
        raise ParseError("corrupt", f"the web page cannot be read: {exc}") from exc
    body = root.find("body")
    try:
        read = list(_lines(body if body is not None else root))
    except RecursionError as exc:  # lxml nests at most 256 deep; this is a guard beyond it
        raise ParseError("too_large", "the web page is nested too deeply to read") from exc
    lines = [Line(page=1, cells=c) for c in read if any(c)]
    # the site's own lines about the article's title: where it was published, and when
    start = next((k for k, line in enumerate(lines[:HEAD_LINES]) if _titles(line)), None)
    if start is not None:
        head = start + 1 + AFTER_TITLE
        lines = [ln for ln in lines[:head] if not _site_line(ln)] + lines[head:]
    else:  # no title in the page: the window's title names it
        title = root.find(".//title")
        if title is not None and (words := normalise(title.text_content())):
            lines.insert(0, Line(page=1, cells=(words,)))
    return Extracted(source, "html", (Page(number=1, lines=tuple(lines)),))


def _site_line(line: Line) -> bool:
    """A line of the site's own, not a sentence of the article: '首页 > 政务公开',
    '发布日期：2026-02-10 来源：本站'."""
    words = "".join(line.cells)
    return _CHROME_WORDS.search(words) is not None and "。" not in words


def _titles(line: Line) -> bool:
    """A line that titles a disclosure: '某局2026年部门预算', '2025年度单位决算公开', not
    a table's ('2019年政府采购预算表')."""
    words = line.cells[0]
    return len(line.cells) == 1 and len(words) <= 60 and bool(_TITLE.search(words))


def _lines(element: Any) -> Iterator[tuple[str, ...]]:
    """The element's lines: its text between blocks, its tables' rows."""
    run: list[str] = []

    def flush() -> Iterator[tuple[str, ...]]:
        words = normalise(" ".join(run))
        run.clear()
        if words:
            yield (words,)

    def walk(node: Any) -> Iterator[tuple[str, ...]]:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _SKIPPED or _chrome(node, tag):
            if node.tail:
                run.append(node.tail)
            return
        if tag == "table":
            yield from flush()
            if node.find(".//table") is None:
                yield from _rows(node)
            else:  # a layout table: its cells' content in order
                for child in node.iterdescendants("td", "th"):
                    if child.getparent() is not None and _own_table(child) is node:
                        yield from _lines(child)
            if node.tail:
                run.append(node.tail)
            return
        block = tag in _BLOCKS
        if block:
            yield from flush()
        if node.text:
            run.append(node.text)
        for child in node:
            yield from walk(child)
        if block:
            yield from flush()
        if node.tail:
            run.append(node.tail)

    yield from walk(element)
    yield from flush()


def _chrome(node: Any, tag: str) -> bool:
    """A site's banner, menu or footer, by its tag or its class or id."""
    if tag in _CHROME_TAGS:
        return True
    # a word of its own ('header', 'nav-main'), not a part of the article's ('article-header')
    named = f"{node.get('class', '')} {node.get('id', '')}".split() if tag else []
    return any(_CHROME_CLASS.fullmatch(word) for word in named)


def _own_table(cell: Any) -> Any:
    """The table a cell belongs to: the nearest one above it."""
    for parent in cell.iterancestors("table"):
        return parent
    return None


def _rows(table: Any) -> Iterator[tuple[str, ...]]:
    """The table's rows, one cell a grid column; spanned places blank."""
    below: dict[int, int] = {}  # grid column -> rows a cell above still spans
    for row in table.iter("tr"):
        if _own_table(row) is not table:
            continue
        cells: list[str] = []
        column = 0
        for cell in row:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            while below.get(column, 0) > 0:  # a cell from a row above reaches down here
                below[column] -= 1
                cells.append("")
                column += 1
            words = normalise(" ".join(cell.itertext()))
            across, down = _span(cell, "colspan"), _span(cell, "rowspan")
            cells += [words] + [""] * (across - 1)
            for k in range(column, column + across):
                below[k] = down - 1
            column += across
        while below.get(column, 0) > 0:
            below[column] -= 1
            cells.append("")
            column += 1
        while cells and not cells[-1]:
            cells.pop()
        yield tuple(cells)


def _span(cell: Any, name: str) -> int:
    try:
        return max(1, min(int(cell.get(name, "1")), MAX_SPAN))
    except ValueError:
        return 1
