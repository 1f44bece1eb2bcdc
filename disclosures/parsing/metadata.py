"""Who published the document, for which year, and whether budget or final accounts."""

from __future__ import annotations

import re
from collections import Counter

from .extract.base import Line

ORG_SUFFIX = (
    r"(中心|局|办公室|办公厅|委员会|常委会|人民检察院|人民法院|检察院|法院|院|厅|所|站|处|"
    r"办事处|政府|协会|学校|大学|学院|中学|小学|幼儿园|党校|医院|卫生院|监狱|公园|林场|农场|大队|队|馆|联合会|会|部|社|台|团|委|办|中心站|研究院)"
)
AGENCY_RULES: tuple[str, ...] = (
    r"(?:单位名称|部门名称|编制部门|编制单位|预算单位|部门|单位)[:：]\s*([\u4e00-\u9fff（）()]{4,40}?"
    + ORG_SUFFIX
    + r")(?=(?:金额|计量|货币)?单位[:：]|公开\d+表|$|\s)",
    r"^([\u4e00-\u9fff（）()]{4,40}?" + ORG_SUFFIX + r")(?:的)?主要职(?:责|能)",
)
COVER_NOISE = re.compile(
    r"(20\d{2})\s*年\d{1,2}月(\d{1,2}日)?|^\d{1,3}$|\d{1,3}$|(20\d{2})\s*年度?|(部门|单位)(综合)?(预算|决算)(公开)?(说明|报告)?|预算公开|决算公开|"
    r"公开说明|概况|目录|预算|决算|[〇零一二三四五六七八九]{4}年度?|^关于|的说明$|的$"
)
PLACE_ORG = re.compile(
    r"((?![年度])(?:[\u4e00-\u9fff]{2,3}省|[\u4e00-\u9fff]{2,4}市|[\u4e00-\u9fff]{2,4}[区县])"
    r"[\u4e00-\u9fff]{2,12}?" + ORG_SUFFIX + r")(?=20\d\d|的|[，,。(（]|本|部门|单位)"
)
# not a column's title ('2016年预算数 | 2017年预算数'), which may come before any title
YEAR_RE = re.compile(r"(20\d{2})\s*年度?\s*(?:[\u4e00-\u9fff]{0,30}?)(?:预算|决算)(?!数)")
KIND_WORDS = {
    "final_accounts": re.compile(r"决算(表|数|说明)|(单位|部门)决算|年度决算"),
    "budget": re.compile(r"预算(表|说明)|(单位|部门)(综合)?预算(?!拨款)|年度预算"),
}


# a year written in Chinese numerals, as title pages print it: '二〇二六年', '二○二五年度'
_HAN_YEAR = re.compile(r"[〇○零一二三四五六七八九]{4}(?=年)")
_HAN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")


def _text(line: Line) -> str:
    """The line's text, a year in Chinese numerals written in digits."""
    text = "".join(line.cells).replace(" ", "")
    return _HAN_YEAR.sub(lambda m: m.group(0).translate(_HAN_DIGITS), text)


def cover(lines: list[Line]) -> str:
    """The title block: the lines before the table of contents or the first part."""
    block = []
    first_page = lines[0].page if lines else 0
    # the title page only: the next page's running header repeats the name
    for line in [ln for ln in lines[:12] if ln.page == first_page]:
        text = _text(line)
        if re.match(
            r"^(目录|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|\d+[、.])", text
        ) or re.search(r"[。；;]|[，,].*[，,]", text):  # a sentence: the cover has ended
            break
        if re.fullmatch(r"\d{1,3}", text):  # a page number, drawn first or last
            continue
        if re.fullmatch(
            r"[（(【〔][^（()）】〕]{1,12}[)）】〕]", text
        ):  # '（公开文本）', '（草案）'
            continue
        block.append(text)
    return "".join(block)


def agency(lines: list[Line]) -> str | None:
    head = COVER_NOISE.sub("", cover(lines))
    # the title page names the body alone: a short name (西南大学) is enough there
    match = re.fullmatch(r"([\u4e00-\u9fff（）()]{2,40}?" + ORG_SUFFIX + r")", head)
    if match:
        doubled = re.fullmatch(r"(.+?)\1", match.group(1))  # the name on two title lines
        return doubled.group(1) if doubled else match.group(1)
    for pattern in AGENCY_RULES:
        found = Counter(
            m.group(1) for line in lines for m in [re.search(pattern, _text(line))] if m
        )
        if found:
            return found.most_common(1)[0][0]
    return _most_named(lines)


def _most_named(lines: list[Line]) -> str | None:
    """Last resort (no title page): the place-prefixed body the text names most often."""
    text = "".join(_text(line) for line in lines)
    found = Counter(m.group(1) for m in PLACE_ORG.finditer(text))
    return found.most_common(1)[0][0] if found else None


# where a body whose name names no place says it is: 学校主体位于重庆市北碚区
SEAT = re.compile(
    r"(?:位于|坐落于|地处|驻地为?)((?:[\u4e00-\u9fff]{2,3}(?:省|自治区))?[\u4e00-\u9fff]{2,4}市(?:[\u4e00-\u9fff]{1,4}[区县])?)"
)


def seat(lines: list[Line]) -> str | None:
    """The place the text says the body is in, the first time it says so."""
    for line in lines[:400]:
        match = SEAT.search(_text(line))
        if match:
            return match.group(1)
    return None


def opening(lines: list[Line], count: int = 400) -> str:
    """The text of the first lines, where a document describes its body."""
    return "".join(_text(line) for line in lines[:count])


def year(lines: list[Line]) -> int | None:
    for text in [cover(lines), *(_text(line) for line in lines)]:
        match = YEAR_RE.search(text)
        if match:
            return int(match.group(1))
    return None


def kind(lines: list[Line]) -> str | None:
    """The title block decides when it names only one of 预算/决算; else the words that count."""
    head = cover(lines) or "".join(_text(line) for line in lines[:40])
    final, budget = "决算" in head, "预算" in head
    if final != budget:
        return "final_accounts" if final else "budget"
    whole = "".join(_text(line) for line in lines)
    counts = {name: len(pattern.findall(whole)) for name, pattern in KIND_WORDS.items()}
    best = max(counts, key=lambda name: counts[name])
    return best if counts[best] else None


def scope(lines: list[Line]) -> str | None:
    # the title block and the opening; else the whole (a workbook's text after its tables)
    for whole in (
        cover(lines) + "".join(_text(line) for line in lines[:80]),
        "".join(_text(line) for line in lines),
    ):
        unit = len(re.findall(r"单位(预算|决算)", whole))
        department = len(re.findall(r"部门(综合)?(预算|决算)", whole))
        if unit or department:
            return "unit" if unit > department else "department"
    return None
