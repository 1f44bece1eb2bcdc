"""Which pages of a PDF hold tables, from pdfium's text and the page's drawings alone:
free-standing amounts and table words on a page not written in sentences, or on a ruled
page; cells run together where pdfium's text leaves no space between them (then the
glyphs' places must tell the cells apart)."""

from __future__ import annotations

import re
from collections import Counter

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .base import normalise

# An amount standing on its own between spaces, as pdfium prints table cells;
# amounts inside sentences ("9,101.68万元") are glued to their unit and don't count.
_NUMBER = re.compile(r"(?<!\S)[-−]?\d[\d,]*(?:\.\d+)?(?!\S)")
TABLE_WORDS = tuple(
    "合计 小计 总计 科目编码 科目名称 项目 预算数 决算数 单位:元 单位:万元 表".split()
)
MIN_NUMBERS = 4
MIN_WORDS = 2
MAX_STOPS = 0.012  # full stops and semicolons per character; table pages have ~none
MIN_RULE_HEIGHT = 5.0
_RUN_ON = re.compile(r"\d,\d{3}\d|\d\.\d{2}\d+[.,]\d")
_CODE_RUN_ON = re.compile(
    r"^\s*[\[【〔]?\s*[235]\d{2}(?:\d{2}){0,2}[\]】〕]?(?![年月日])[\u4e00-\u9fff]", re.M
)


def looks_like_table(text: str, ruled: bool, after_table: bool = False) -> bool:
    """Free-standing numbers or table words, on a ruled page or one not written in
    sentences; on the page after a table's, a row or two of amounts run on to it."""
    text = normalise(text)
    numbers = len(_NUMBER.findall(text))
    bare = text.replace(" ", "")  # headers are often letter-spaced: "合  计"
    words = sum(word in bare for word in TABLE_WORDS)
    if ruled:
        return numbers >= 2 or words >= 1
    # narrative quotes amounts and names tables too, but in sentences, full of 。and ;
    stops = sum(bare.count(ch) for ch in "。;") / max(len(bare), 1)
    least = 2 if after_table else MIN_NUMBERS
    return stops < MAX_STOPS and (numbers >= least or words >= MIN_WORDS)


def is_ruled(page: pdfium.PdfPage) -> bool:
    """Two or more drawn shapes taller than a rule's width: cell borders or grids.

    Underlines and page-wide horizontal rules, common in narrative, don't count.
    """
    tall = 0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        _left, bottom, _right, top = obj.get_bounds()
        tall += top - bottom > MIN_RULE_HEIGHT
        if tall >= 2:
            return True
    return False


def glued(text: str, after_table: bool = False) -> bool:
    """Cells without a space between them in pdfium's text: amounts run into the next
    cell's figure ('1,252,30001,252,300'), or lines that open with a code run into its
    name ('30201办公费9.00', '[30216]培训费3.00'). On the page after a table's, one such
    line may be the table's last row, run on to a page of its own."""
    runs, codes = (1, 1) if after_table else (2, MIN_NUMBERS)
    return len(_RUN_ON.findall(text)) >= runs or len(_CODE_RUN_ON.findall(text)) >= codes


# What a disclosure's text beyond ASCII is written in: Chinese characters, CJK and
# full-width punctuation, general punctuation, Latin-1's signs (·, ×; not its letters),
# the signs of letterlike and number forms, arrows and mathematics (℃, Ⅱ, →, √), numbers
# in circles (①), boxes, shapes and stars (□, ★), and the Uyghur, Tibetan and Mongolian
# scripts some regions print beside Chinese. A font without a Unicode map gives its glyph
# numbers instead, read as characters of any script and control codes; its digits may
# still come out as digits.
_WRITTEN = re.compile(
    r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f\xa0-\xbf\xd7\xf7"
    r"\u2100-\u22ff\u2460-\u27bf\u0600-\u06ff\u0f00-\u0fff\u1800-\u18af]"
)
# ASCII a disclosure prints: figures, codes, Latin words and the signs around them
_PLAIN = re.compile(r"[0-9A-Za-z,.%()\-:/\[\]]")
MIN_WRITTEN = 0.5  # of a page's characters beyond ASCII, where it has this many at least
MIN_GARBLED_CHARS = 10
# Of all a page's characters, at most this share is neither writing nor plain ASCII: a
# font whose glyph numbers fall on ASCII's signs and Latin-1's letters gives '&.&- rA
# -&%&&', a table page of them half such signs or more; a page as written, a few brackets.
MAX_ODD = 0.2


def garbled(text: str) -> bool:
    """Text that is no writing: most of its characters beyond ASCII outside the scripts a
    disclosure is written in ('р⎭ᐸ\x15\x13ᒪ㓝ঋփ'), or a fifth of them signs no disclosure
    prints so many of ('!$./%$/', '¬F»1⁄4'), as a font without a Unicode map gives. The page
    shows its glyphs rightly all the same, so OCR can read it."""
    chars = [ch for ch in text if not ch.isspace()]
    beyond = [ch for ch in chars if not " " <= ch <= "~"]
    written = sum(1 for ch in beyond if _WRITTEN.match(ch))
    if len(beyond) >= MIN_GARBLED_CHARS and written < MIN_WRITTEN * len(beyond):
        return True
    odd = sum(1 for ch in chars if not _PLAIN.match(ch) and not _WRITTEN.match(ch))
    return odd >= MIN_GARBLED_CHARS and odd >= MAX_ODD * len(chars)


# A figure as printed: a run of digits, with its separators and decimal point.
_FIGURE = re.compile(r"\d[\d,.]*\d|\d")
MIN_FIGURES = 5  # a page with fewer tells nothing of how its digits were read
MIN_AGREED = 0.5  # of one reading's figures, found in the other where the digits are right


def figures(text: str) -> Counter[str]:
    """The figures a page prints ('1,084.14' as 1084.14, '301'), counted."""
    return Counter(f.replace(",", "") for f in _FIGURE.findall(text))


def same_figures(read: str, seen: str) -> bool | None:
    """Whether a reading of a page (`read`: a font's own encoding, decoded) gives the
    figures another (`seen`: OCR of the page as shown) sees: at least half of them. A font
    without a Unicode map may decode its Chinese rightly and its digits as other
    characters ('三23' for 301, '978年度' for 2018), so the figures are what to compare.
    None where the reading holds too few figures to tell."""
    mine = figures(read)
    total = sum(mine.values())
    if total < MIN_FIGURES:
        return None
    return sum((mine & figures(seen)).values()) >= MIN_AGREED * total
