"""Text printed to PDF by Chromium (/usr/bin/chromium, as the browser tests use it): its
TAB lines as table rows, every cell bordered (`ruled`) or none (`unruled`, or `centred`
with every cell centred), or bordered under a large grey word set slantwise across every
page (`watermarked`), a form feed a new page. `scripts/printed.py` prints the samples so,
`scripts/accuracy.py --print` the real documents' copied text in other provinces' layouts.
"""

from __future__ import annotations

import html
import re
import subprocess
from collections import Counter
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
STYLES = {
    "ruled": "table{border-collapse:collapse} td{border:1px solid #000;padding:1px 4px}",
    "unruled": "table{border-collapse:collapse} td{padding:1px 8px}",
    # no borders, every cell centred (titles, names and amounts), as some offices set them
    "centred": "table{border-collapse:collapse} td{padding:1px 8px} td,td.n{text-align:center}",
    # ruled, under a large grey word set slantwise across every page, as offices mark copies
    "watermarked": "table{border-collapse:collapse} td{border:1px solid #000;padding:1px 4px}"
    " .wm{position:fixed;top:35%;left:15%;transform:rotate(-30deg);font-size:56pt;"
    "color:rgba(0,0,0,0.15);white-space:nowrap}",
}
WATERMARK = '<div class="wm">公开文件 仅供查阅 2025</div>'


def page(text: str, style: str) -> str:
    """The text as a web page: a line of two or more cells a table row (blank cells kept),
    and so is a line of one cell among them; other lines are paragraphs, a form feed a
    new page. Amounts are set right, as printed. A table that goes on at the top of the
    next page stays one table broken there (its columns line up as one table printed over
    pages does), and a running heading between (a line at the top of three pages or more)
    is left out."""
    blocks: list[str | list[tuple[list[str], bool]]] = []  # paragraphs and tables
    pages = _pages(text)
    tops = Counter(items[0] for items in pages if items[:1] and isinstance(items[0], str))
    for number, items in enumerate(pages):
        goes_on = blocks and isinstance(blocks[-1], list) and number > 0
        # a running heading: the same line at the top of three pages or more
        lead = 1 if items[:1] and isinstance(items[0], str) and tops[items[0]] >= 3 else 0
        if goes_on and len(items) > lead and isinstance(items[lead], list):
            items = items[lead:]
        elif number > 0:
            blocks.append(BREAK)
            goes_on = False
        for k, item in enumerate(items):
            if isinstance(item, str):
                blocks.append(item)
            elif blocks and isinstance(blocks[-1], list):
                blocks[-1].append((item, bool(goes_on) and k == 0))
            else:
                blocks.append([(item, False)])
    body = "".join(
        b if b == BREAK else f"<p>{html.escape(b)}</p>" if isinstance(b, str) else _table(b)
        for b in blocks
    )
    head = (
        "@page{size:A4 landscape;margin:12mm} body{font-family:'Noto Sans CJK SC';font-size:8pt}"
        f" p{{margin:2px 0}} td.n{{text-align:right;white-space:nowrap}} {STYLES[style]}"
    )
    mark = WATERMARK if ".wm" in STYLES[style] else ""
    return (
        f"<html><head><meta charset=utf-8><style>{head}</style></head>"
        f"<body>{mark}{body}</body></html>"
    )


BREAK = '<div style="break-after:page"></div>'
_AMOUNT = re.compile(r"^-?(\d{1,3}(,\d{3})+(\.\d+)?|\d+\.\d+)%?$")


def _pages(text: str) -> list[list[str | list[str]]]:
    """Each page's lines: a paragraph's text, or a row's cells."""
    pages = []
    for part in text.split("\f"):
        items: list[str | list[str]] = []
        for line in part.split("\n"):
            cells = [c.strip() for c in line.split("\t")]
            in_table = items and isinstance(items[-1], list) and len(cells) >= 2 and any(cells)
            if sum(map(bool, cells)) >= 2 or in_table:
                items.append(cells)
            elif any(cells):
                items.append("".join(cells))
        pages.append(items)
    return pages


def _table(rows: list[tuple[list[str], bool]]) -> str:
    """The rows as a table; a row of one cell (a title, a note, a label without amounts)
    spans the rest of the row from its column, as a merged cell does."""
    width = max(len(cells) for cells, _ in rows)
    out = []
    for cells, turn in rows:
        filled = [k for k, c in enumerate(cells) if c]
        if len(filled) == 1:
            k = filled[0]
            span = f"<td colspan={width - k}>{html.escape(cells[k])}</td>"
            tds = "<td></td>" * k + span
        else:
            tds = "".join(
                f"<td{' class=n' if _AMOUNT.match(c) else ''}>{html.escape(c)}</td>"
                for c in cells + [""] * (width - len(cells))
            )
        out.append(f"<tr{' style=break-before:page' if turn else ''}>{tds}</tr>")
    return "<table>" + "".join(out) + "</table>"


def printed(text: str, style: str, folder: Path) -> bytes:
    return printed_page(page(text, style), folder)


def printed_page(web: str, folder: Path) -> bytes:
    """A web page printed to PDF by Chromium, as a browser prints it."""
    source, pdf = folder / "page.html", folder / "page.pdf"
    source.write_text(web, encoding="utf-8")
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            source.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return pdf.read_bytes()


# a government site's own banner, menu and footer around an article
SITE_HEAD = (
    '<div class="header"><span>某市人民政府门户网站</span><ul class="nav"><li><a href="/">首页</a>'
    '</li><li><a href="/zwgk/">政务公开</a></li><li><a href="/czyjs/">财政预决算</a></li></ul>'
    '</div><div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 财政预决算</div>'
    '<div class="meta">发布日期：2026-02-10 来源：本站 浏览次数：1024</div>'
)
SITE_FOOT = (
    '<div class="share">分享到：微信 微博</div><div class="footer">主办单位：某市人民政府办公室 '
    "网站标识码 1234000001 ICP备00000000号</div>"
)


def web_page(text: str) -> str:
    """The text as an article on a government site, saved from the browser: the site's
    banner and menu above it and its footer below, the window titled by the site."""
    article = page(text, "ruled").replace("<head>", "<head><title>政务公开_某市人民政府</title>", 1)
    return article.replace("<body>", f"<body>{SITE_HEAD}", 1).replace(
        "</body>", f"{SITE_FOOT}</body>", 1
    )
