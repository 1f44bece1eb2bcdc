"""Audit rules a careful reader applies to the document as printed: the tables its
contents page promises, the year and body named in its headings, placeholders and
slips of the pen, and codes printed under another code's name.

Listed in RULES and run with the rules of audit.py; the rules that hold the
sentences' words against their figures are in audit_words.py.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from . import classification
from .bodies import BRACKETED, listed, named, same_body
from .cells import EMPTY_NOTE, UNIT_RE, amount, column_numbers, is_amount
from .extract.base import Line
from .messages import finding
from .metadata import ORG_SUFFIX
from .model import Finding, Source
from .tables import title_of

if TYPE_CHECKING:
    from .audit import Context

# where an entry of the contents page starts: a part, an ordinal, a table number
ENTRY_START = re.compile(
    r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.]|[（(][一二三四五六七八九十]+[)）]"
    r"|\d+[.、．:：]|表\s*\d+)"
)
PAGE_TAIL = re.compile(r"[.…·\s_-]*\d{0,3}$")
TITLE_END = re.compile(r"表([(（][^)）]*[)）])*$")
INSIDE_TITLE = re.compile(r"表([(（][^)）]*[)）])*")
# a heading over a group of tables, not a table: 五、单位预算表, 二、2023年度部门决算报表
GROUP = re.compile(r"(部门|单位)?(综合)?(预算|决算)报?表")
YEAR = re.compile(r"20\d{2}\s*年度?")
YEAR_NUMBER = re.compile(r"(20\d{2})\s*年")
QUOTES = re.compile(r"[“”\"'‘’「」\s]")


def _text(line: Line) -> str:
    return unicodedata.normalize("NFKC", "".join(line.cells)).replace(" ", "")


def _entry(line: Line) -> str:
    """The entry without its page number and leader dots."""
    cells = [c for c in line.cells if c.strip()]
    while len(cells) > 1 and PAGE_TAIL.fullmatch(cells[-1]):
        cells.pop()
    text = unicodedata.normalize("NFKC", "".join(cells)).replace(" ", "")
    return PAGE_TAIL.sub("", text) if len(text) > 4 else text


def contents(lines: list[Line]) -> tuple[list[str], int]:
    """The entries of the contents page (a wrapped entry joined) and the index of the
    first line after it; ([], 0) where the document has none."""
    start = next((i for i, ln in enumerate(lines[:150]) if _text(ln) == "目录"), None)
    if start is None:
        return [], 0
    entries: list[str] = []
    end = start + 1
    for end in range(start + 1, min(len(lines), start + 90)):
        line, text = lines[end], _entry(lines[end])
        if line.page > lines[start].page + 2 or "。" in text or len(text) > 50:
            break
        if text in entries:  # the body begins by repeating the first heading
            break
        if UNIT_RE.search(text) or any(is_amount(cell) for cell in line.cells[:-1]):
            # a table begins: the line before was its title, not an entry
            end -= 1
            entries = entries[:-1]
            break
        if entries and not ENTRY_START.match(text) and not TITLE_END.search(entries[-1]):
            entries[-1] += text  # an entry wrapped onto the next line
        elif text:
            entries.append(text)
    return entries, end


def _core(title: str, agency: str | None) -> str:
    """A title as contents page and body both print it: no ordinal, year, body,
    quotes or trailing bracket."""
    text = ENTRY_START.sub("", QUOTES.sub("", title))
    text = YEAR.sub("", text.replace(agency or "\0", ""))
    return re.sub(r"[(（][^)）]*[)）]$", "", text)


def listed_tables(entries: list[str], agency: str | None) -> list[tuple[str, str]]:
    """(entry, core) of the entries that name a table."""
    found = []
    for entry in entries:
        core = _core(entry, agency)
        if entry.startswith("第") and "部分" in entry[:5]:
            continue
        if TITLE_END.search(entry) and len(core) >= 4 and not GROUP.fullmatch(core):
            found.append((entry, core))
    return found


def _present(core: str, titles: list[str]) -> bool:
    if any(core in t or (len(t) >= 6 and t in core) for t in titles):
        return True
    return any(difflib.SequenceMatcher(None, core, t).ratio() >= 0.85 for t in titles)


def _body_titles(body: list[Line], agency: str | None) -> list[str]:
    """Every line of the body that ends as a table title does, alone or joined to the
    line before (a title may wrap), without year, body name or trailing bracket; and a
    title inside a line, its table's unit right after it (text that lost its breaks)."""
    texts = [QUOTES.sub("", _text(ln)) for ln in body]
    joined = [*texts, *(a + b for a, b in zip(texts, texts[1:], strict=False))]
    inside = [
        t[max(0, m.start() - 40) : m.end()]
        for t in texts
        for m in INSIDE_TITLE.finditer(t)
        if UNIT_RE.search(t[m.end() : m.end() + 40])
    ]
    # a title with the unit, or the body, printed on its line
    titled = [t for ln in body if (t := title_of(ln)) is not None]
    found = [t for t in joined + inside if TITLE_END.search(t) and len(t) <= 80]
    return [_core(t, agency) for t in found + titled]


def missing_tables(c: Context) -> Iterator[Finding]:
    """Every table the contents page lists is printed in the body."""
    lines = c.reading.extracted.lines()
    entries, end = contents(lines)
    listed = listed_tables(entries, c.d.agency)
    titles = _body_titles(lines[end:], c.d.agency)
    missing = [entry for entry, core in listed if not _present(core, titles)]
    page = lines[end - 1].page if end else None
    if len(missing) * 2 > len(listed):  # the tables are published as a file of their own
        yield finding(
            "info",
            "missing_table",
            "目录",
            "missing_tables",
            Source(page=page),
            missing=len(missing),
            listed=len(listed),
        )
        return
    for entry in missing:
        yield finding(
            "warning",
            "missing_table",
            entry,
            "missing_table",
            Source(page=page, table=entry),
            table=entry,
        )


# -- the year and the body the headings name

# a page or part heading: 苏州市科学技术局 2026 年度单位预算公开, 2024年度部门决算表
HEADING = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分)?(.{0,40}?)(20\d{2})\s*年度?.{0,16}?(预算|决算)(公开|表|报表|报告)?$"
)
NOT_A_HEADING = re.compile(r"比|相比|较|与|上年|[。，,；;]")
AS_OF = re.compile(r"截[至止]\s*(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def headings(lines: list[Line]) -> Iterator[tuple[Line, str | None, int | None]]:
    """(line, body named, year named) of each heading and 编制单位 line."""
    for line in lines:
        for cell in line.cells:
            if body := named(cell):
                yield line, body, None
        text = _text(line)
        if len(text) > 45 or NOT_A_HEADING.search(text):
            continue
        match = HEADING.match(text)
        if match or title_of(line) is not None:
            year = YEAR_NUMBER.search(text)
            body = match.group(1) if match else ""
            body = body if re.search(ORG_SUFFIX + r"$", BRACKETED.sub("", body)) else None
            yield line, body, int(year.group(1)) if year else None


def heading_mismatches(c: Context) -> Iterator[Finding]:
    """The headings name the document's year and body."""
    lines = c.reading.extracted.lines()
    years = Counter(y for _, _, y in headings(lines) if y is not None)
    year = c.d.year or (years.most_common(1)[0][0] if years else None)
    for line, body, said in headings(lines):
        text = _text(line)
        if said is not None and year is not None and said != year:
            yield _heading(line, "heading_year", heading=text, named=said, year=year)
        if body and c.d.agency and not same_body(body, c.d.agency) and not listed(body, lines):
            # a body the document lists as its own unit heads that unit's tables
            yield _heading(line, "heading_body", heading=text, body=body, agency=c.d.agency)
    yield from _dates(c, lines, year)


def _dates(c: Context, lines: list[Line], year: int | None) -> Iterator[Finding]:
    """截至…: a final account speaks of 31 December of its year; a budget, written in
    the autumn before or early in its year, of no later date."""
    for line in lines:
        for m in AS_OF.finditer(_text(line)) if year else ():
            said = int(m.group(1))
            year_end = (m.group(2), m.group(3)) == ("12", "31")
            if c.d.kind == "final_accounts" and year_end and said != year:
                yield _heading(line, "date_final", date=m.group(0), year=year)
            if c.d.kind == "budget" and not year - 1 <= said <= year:  # type: ignore[operator]
                yield _heading(line, "date_budget", date=m.group(0), year=year)


def _heading(line: Line, message_id: str, **params: Any) -> Finding:
    where, source = _text(line)[:40], Source(page=line.page)
    return finding("warning", "heading_mismatch", where, message_id, source, **params)


# -- slips a proof-reader marks: placeholders left in, doubled punctuation or words

PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:X{2,}|×{2,}|某某)(?![A-Za-z])")
TEMPLATE_AT = 5  # past this many, the file is a blank template, not a slip
TITLE_LINES = 5  # the lines of a title page that name the body
DOUBLED = re.compile(r"([。，、；：！？,;])\1|(?<!的)(的|了|和|及|与|在|是|对)\2(?!\2)")


def placeholders(c: Context) -> Iterator[Finding]:
    lines = c.reading.extracted.lines()
    left = [(ln, m.group(0)) for ln in lines for m in PLACEHOLDER.finditer(_text(ln))]
    # a file whose title names a placeholder ('上海市XX局部门预算') is a blank template too
    titled = any(PLACEHOLDER.search(_text(ln)) for ln in lines[:TITLE_LINES])
    if len(left) > TEMPLATE_AT or titled or PLACEHOLDER.search(c.d.agency or ""):
        yield finding("info", "placeholder", "template", "template", count=len(left))
        return
    for line, mark in left:
        text = _text(line)
        yield finding(
            "warning",
            "placeholder",
            mark,
            "placeholder",
            Source(page=line.page),
            mark=mark,
            text=text[:40],
        )


def slips(c: Context) -> Iterator[Finding]:
    """Doubled punctuation, or a function word written twice (的的), in the prose."""
    for sentence in c.reading.sentences:
        for m in DOUBLED.finditer(sentence.text):
            yield finding(
                "info",
                "repeated_text",
                m.group(0),
                "repeated_text",
                Source(page=sentence.page, sentence=sentence.text),
                repeated=m.group(0),
                text=sentence.text[:40],
            )


# -- what a table says of itself


def empty_tables(c: Context) -> Iterator[Finding]:
    """A note that calls its table empty while the table prints amounts."""
    for table in c.reading.tables:
        if not EMPTY_NOTE.search(table.note):
            continue
        printed = [v for ln in table.lines for v in _amounts(ln)]
        if printed:
            yield finding(
                "warning",
                "empty_table",
                table.kind,
                "empty_table",
                Source(page=table.page, table=table.label),
                note=table.note[:40],
                title=table.title,
                count=len(printed),
            )


def _amounts(line: Line) -> list[Decimal]:
    """The amounts other than nought on a line; the column numbers (栏次 1 2 3) are none."""
    if column_numbers(line.cells):
        return []
    return [v for cell in line.cells if (v := amount(cell)) and not re.fullmatch(r"\d{1,2}", cell)]


def code_names(c: Context) -> Iterator[Finding]:
    """A row whose name is the official name of another code (30208 物业管理费)."""
    year = c.d.year
    for _, item in [*c.reading.facts.functional, *c.reading.facts.economic]:
        other = _code_named(item.code, item.name)
        official = classification.current_name(item.code, year)
        if other is None or other == item.code or official is None:
            continue
        if _names(item.code) & {classification.normalize_name(item.name)}:
            continue  # the code's own name in some year
        # economic codes keep their meaning; functional ones are re-used over the years
        yield finding(
            "warning" if item.code.startswith("3") else "info",
            "code_name",
            item.code,
            "code_name",
            item.source,
            code=item.code,
            name=item.name,
            other=other,
            official=official,
        )


def _code_named(code: str, name: str) -> str | None:
    if code.startswith("3"):
        return classification.economic_code_for_name(
            name, parent=code[:3] if len(code) > 3 else "3"
        )
    level = classification.functional_level(code)
    parent = classification.functional_parent(code)
    return classification.functional_code_for_name(name, level=level, parent=parent)


def _names(code: str) -> set[str]:
    names = {classification.current_name(code, y) for y in (None, 2000, 2100)}
    return {classification.normalize_name(n) for n in names if n}


RULES: tuple[tuple[str, Callable[[Context], Iterable[Finding]]], ...] = (
    ("missing_table", missing_tables),
    ("heading_mismatch", heading_mismatches),
    ("placeholder", placeholders),
    ("repeated_text", slips),
    ("empty_table", empty_tables),
    ("code_name", code_names),
)
