"""Audit rules on projects named in the text: the list of key projects (项目 | 预算数 |
绩效目标) against the rows of the project table, which print each project with its
amount by source of funds.

Listed in RULES and run with the rules of audit.py.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from . import narrative
from .audit_text import SECTION
from .cells import amount, is_amount, is_total, printed_amount, same_figure, to_wan
from .messages import finding, fmt
from .model import Finding, Source

if TYPE_CHECKING:
    from .audit import Context
    from .extract.base import Line

# the head of a list of projects: 项目 | 预算数（单位：万元） | 绩效目标
LIST_NAME = ("项目", "项目名称")
LIST_AMOUNT = re.compile(r"预算|金额")
UNIT_IN = re.compile(r"单位[:：]?\s*(万元|千元|亿元|元)")
ROW_AMOUNTS = 3  # a table row prints a project's amount by source: 总计, 财政拨款 …
Amount = tuple[Decimal, Decimal]  # in 万元, and the number as printed
T = TypeVar("T")


def _cells(line: Line) -> list[str]:
    return [c.strip() for c in line.cells if c.strip()]


def listed_projects(lines: list[Line]) -> Iterator[tuple[Line, str, Amount]]:
    """(line, name, amount) of each project a list under such a head gives: a name, one
    amount, and the target's words; the list ends at the next section. Text copied a
    line at a time wraps a name over lines before its amount ('…补助经费-拱北海' | '关' |
    '7672.25'): the words since the last target's full stop begin the name."""
    unit = None
    wrapped = ""  # words since the last amount or full stop: a name's first lines
    for line in lines:
        cells, name = _cells(line), wrapped
        words = bool(cells) and not any(map(is_amount, cells)) and not cells[-1].endswith("。")
        wrapped = wrapped + "".join(cells) if words else ""
        if len(cells) >= 2 and cells[0] in LIST_NAME and LIST_AMOUNT.search(cells[1]):
            found = UNIT_IN.search("".join(cells))
            unit, wrapped = (found.group(1) if found else "万元"), ""
        elif unit is not None and cells and SECTION.match(cells[0]):
            unit = None
        elif unit is not None:
            # both readings where both fit: only a name its table prints is compared
            if name and _ends_wrapped(cells):
                number = amount(cells[-1]) or Decimal(0)
                yield line, name + "".join(cells[:-1]), (to_wan(number, unit), number)
            if len(cells) >= 2 and _listed(cells):
                number = amount(cells[1]) or Decimal(0)
                yield line, cells[0], (to_wan(number, unit), number)


def _ends_wrapped(cells: list[str]) -> bool:
    """The last line of a wrapped name: its last words (or none) and the amount."""
    return 1 <= len(cells) <= 2 and is_amount(cells[-1]) and not any(map(is_amount, cells[:-1]))


def _listed(cells: list[str]) -> bool:
    return (
        not is_amount(cells[0])
        and len(cells[0]) >= 4
        and is_amount(cells[1])
        and not any(is_amount(c) for c in cells[2:])
    )


def _table_rows(c: Context, lines: Iterable[Line]) -> dict[str, list[Decimal]]:
    """Each name that starts a row of three amounts or more, maybe with the unit that
    carries the project between (项目名称 | 单位 | 合计 …): its first amount, by the
    name and by the cell after it, spaces left out."""
    units = {id(ln): t.unit for t in c.reading.tables for ln in t.lines}
    default = "元" if c.step < Decimal("0.01") else "万元"
    rows: dict[str, list[Decimal]] = defaultdict(list)
    above: list[str] = []  # the line before, where a wrapped name begins
    for line in lines:
        cells, before = _cells(line), above
        above = cells
        values = [v for cell in cells[1:] if (v := printed_amount(cell)) is not None]
        if len(values) < ROW_AMOUNTS or is_amount(cells[0]) or is_total(cells[0]):
            continue
        named = 1 if is_amount(cells[1]) else 2  # the name, and the unit carrying it
        if is_amount(cells[named]):
            value = to_wan(values[0], units.get(id(line)) or default)
            for name in cells[:named]:
                rows[_key(name)].append(value)
            if len(before) == 1 and not is_amount(before[0]) and not before[0].endswith("。"):
                rows[_key(before[0] + cells[0])].append(value)  # the name wrapped onto this line
    return rows


def _key(name: str) -> str:
    return re.sub(r"\s+", "", name)


def stated_projects(c: Context) -> Iterator[Finding]:
    """A project the text gives with its amount, in a list (项目 | 预算数 | 绩效目标) or in a
    sentence ('2026驻京经费312万元，…'), has the amount its table row prints (or its rows
    add to, where several units carry it). A list none of whose amounts is its row's is
    not read right (another unit, another column) and is left alone."""
    listed = list(listed_projects(c.reading.extracted.lines()))
    if listed:
        kept = {id(line) for line, _, _ in listed}
        lines = [ln for ln in c.reading.extracted.lines() if id(ln) not in kept]
        at = [(Source(page=line.page), name, stated) for line, name, stated in listed]
        yield from _against_rows(at, _table_rows(c, lines))
    tables = [ln for t in c.reading.tables if t.kind == "project" for ln in t.lines]
    rows = _table_rows(c, tables) if tables else {}
    for sentence in c.reading.sentences if rows else ():
        named = [
            (Source(page=sentence.page, sentence=sentence.text), name, (value, value))
            for name, value in narrative.named_amounts(sentence.text)
        ]
        yield from _against_rows(named, rows)


def _against_rows(
    listed: list[tuple[Source, str, Amount]], rows: dict[str, list[Decimal]]
) -> Iterator[Finding]:
    """The listed projects that have a row, where some but not all agree with it."""
    compared = [(at, name, stated, rows.get(_key(name), [])) for at, name, stated in listed]
    compared = [entry for entry in compared if entry[3]]
    for at, name, stated, printed in disagreeing(
        compared, lambda entry: not entry[2][0] or _agrees(entry[2], entry[3])
    ):
        yield finding(
            "warning",
            "narrative_mismatch",
            name,
            "stated_project",
            at,
            name=name,
            stated=fmt(stated[0]),
            printed=", ".join(fmt(v) for v in printed),
        )


def disagreeing(compared: list[T], agrees: Callable[[T], bool]) -> list[T]:
    """The amounts a list (or a sentence) gives that disagree with their rows, where some
    others agree: a list none of whose amounts is its row's speaks of other money (another
    unit, all funds, another column) or is not read right, and is left alone."""
    odd = [entry for entry in compared if not agrees(entry)]
    return odd if len(odd) < len(compared) else []


def _agrees(stated: Amount, printed: list[Decimal]) -> bool:
    """The row's amount (or the rows' sum); the number printed under another unit than the
    rows' 万元 is a slip of the unit, which the units rule is about, not another amount."""
    values = [*printed, sum(printed, Decimal(0))]
    return any(same_figure(figure, v) for figure in stated for v in values)


# -- the projects with performance targets: as many forms as the text says, adding to
# the money it says they cover

TARGETS_SAID = re.compile(
    r"绩效目标的项目\s*(\d+)\s*个[，,]?\s*(?:共)?涉及(?:项目)?(?:预算)?(?:资金|金额)"
    r"(?:共计|合计|为)?\s*" + narrative.MONEY
)
FORM_TOTAL = re.compile(r"^(?:年度资金(?:申请)?总额|项目资金总额|年度资金合计)$")
FORM_UNIT = re.compile(r"[（(](万元|元)[)）]|单位[:：]\s*(万元|元)")


def target_forms(c: Context) -> Iterator[Finding]:
    """The text's count of projects with targets and the money they cover, against the
    target forms printed: compared only where there are as many forms, each giving its
    year's money and the unit it is in."""
    forms = [t for t in c.reading.tables if "绩效目标" in t.title and "项目" in t.title]
    amounts = [_form_money(t.lines) for t in forms]
    if not forms or any(a is None for a in amounts):
        return
    total = sum((a for a in amounts if a is not None), Decimal(0))
    for sentence in c.reading.sentences:
        said = TARGETS_SAID.search(sentence.text)
        if said is None or int(said.group(1)) != len(forms):
            continue
        stated = narrative.money(said.group(2), said.group(3))
        if c.text_severity(abs(stated - total), len(forms)) == "warning":
            yield finding(
                "warning",
                "narrative_mismatch",
                "绩效目标",
                "target_forms",
                Source(page=sentence.page, sentence=sentence.text),
                count=len(forms),
                stated=fmt(stated),
                printed=fmt(total),
            )


def _form_money(lines: list[Line]) -> Decimal | None:
    """A target form's money for the year (年度资金申请总额, else 项目资金总额), in 万元."""
    words = "".join("".join(line.cells) for line in lines)
    unit = FORM_UNIT.search(words)
    found: dict[str, Decimal] = {}
    for line in lines:
        cells = _cells(line)
        for label, after in zip(cells, cells[1:], strict=False):
            value = amount(after)
            if FORM_TOTAL.match(label.replace(" ", "")) and value is not None:
                found.setdefault(label.replace(" ", ""), value)
    value = next((v for k, v in sorted(found.items()) if k.startswith("年度")), None)
    value = value if value is not None else next(iter(found.values()), None)
    if value is None or unit is None:
        return None
    return to_wan(value, unit.group(1) or unit.group(2))


RULES: tuple[tuple[str, Callable[[Context], Iterable[Finding]]], ...] = (
    ("stated_projects", stated_projects),
    ("target_forms", target_forms),
)
