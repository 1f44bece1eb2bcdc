"""A coded table's header: where it ends and its body starts, and the columns its words
name (合计 | 基本支出 | 项目支出 …), in order, with their places where the format keeps them.

The column words come from the vocabulary in data/column_roles.csv; words for money that
is not this year's (上年预算数, 增减, 数量) keep their column's place but are never read.
"""

from __future__ import annotations

import re

from . import classification, laid_out
from .cells import is_amount, is_code, is_total, strip_ordinal
from .columns import (
    ECONOMIC_PARTS,
    MONEY,
    document_year,
    find_words,
    vocabulary,
    with_a_total,
    words_only,
)
from .extract.base import Line
from .row_cells import merged
from .tables import Table

# columns that are not this year's money (上年预算数 is not this year's 预算数), from the
# column vocabulary (data/column_roles.csv): kept as slots, so that the amounts after
# them fall in place, but never read
NOT_MONEY_ROLES = frozenset(
    {"prior", "plan", "change", "quantity", "share", "balance", "income", "closing"}
)
# of those, the columns that close a table, and those that open it, wherever the header's
# lines put their titles: a change (增减), the balance carried on (年末结转和结余); the
# opening balance and the year's income before its spending (年初结转和结余 | 本年收入)
CLOSING_ROLES = frozenset({"change", "closing"})
OPENING_ROLES = frozenset({"balance", "income"})
NOT_MONEY: tuple[tuple[str, str], ...] = tuple(
    (word, role) for word, role in vocabulary() if role in NOT_MONEY_ROLES
)
# header words -> column, from the same vocabulary: the longest words are matched first
# so that 事业单位经营支出 is not read as 经营支出 and 项目支出 not as 项目. Every word
# for 人员 and 公用 is one (人员支出 | 公用支出 | 项目支出 splits the spending three ways,
# with no 基本支出 column); an economic class's name (工资福利支出) titles no column here,
# nor a title over a group of columns ('当年预算 | 上年结转结余' over 小计 | 基本支出 | …).
GROUP_TITLES = frozenset({"本年预算", "当年预算"})
COLUMN_WORDS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        NOT_MONEY
        + tuple(
            (word, role)
            for word, role in vocabulary()
            if role in MONEY - ECONOMIC_PARTS and word not in GROUP_TITLES
        ),
        key=lambda found: -len(found[0]),  # 本年收入合计 (the total) before 本年收入
    )
)


def _header_text(lines: list[Line]) -> str:
    """Cells joined with a bar so that no word spans two cells ('项目' | '支出预算');
    a line of one short cell continues the word above ('事业单位经营' / '支出'). Text
    laid out in columns says which word a fragment continues by where it stands."""
    stacked = laid_out.header_cells(lines, _covered)
    if stacked is not None:
        return "|".join(stacked)
    text = ""
    for line in lines:
        cells = [c.replace(" ", "") for c in line.cells if c]
        joiner = "" if len(cells) == 1 and len(cells[0]) <= 6 else "|"
        text += joiner + "|".join(cells)
    return text


def _covered(text: str) -> int:
    """How many characters of the text the column words cover."""
    return sum(len(word) for word, _ in COLUMN_WORDS for _ in re.finditer(word, text))


def header_positions(lines: list[Line]) -> dict[str, float]:
    """Column -> x centre of its header cell, where the format gives geometry; columns
    that are not this year's money (上年预算数, 占比) too, so that their amounts have
    somewhere to go that is not this year's."""
    found: dict[str, float] = {}
    for line in lines:
        for cell, box in zip(line.cells, line.boxes, strict=False):
            column = _column_word(cell.replace(" ", ""))
            if column and box is not None and column not in found:
                found[column] = (box[0] + box[2]) / 2
    return found


def _column_word(cell: str) -> str | None:
    return next((column for word, column in COLUMN_WORDS if word in cell), None)


def _titled_cells(line: Line) -> dict[int, str]:
    """The cells of a header line that title a column, by their place, with its role:
    '科目编码 | | 科目名称 | 合计 | 基本支出' -> {3: 'total', 4: 'basic'}."""
    return {i: r for i, c in enumerate(line.cells) if (r := _column_word(c.replace(" ", "")))}


def year_group_first(header: list[Line]) -> bool:
    """Whether the header's first line that titles columns titles one alone, by the
    year's figure ('2025年预算数', not a 合计): a group title over the breakdown below."""
    for line in header:
        found = _titled_cells(line)
        if found:
            (at, role), *rest = found.items()
            return not rest and role == "total" and not re.search(r"合计|小计|总计", line.cells[at])
    return False


UNNAMED = "unnamed"  # a column titled in words the vocabulary does not hold


def titled_places(header: list[Line]) -> dict[int, str]:
    """Where cells keep their places (a workbook, text with a TAB a cell): the role of the
    column each place stands in, from the header's lines that title two columns or more. A
    lower line's title stands under a higher one's over the same place (小计 under 本年支出)."""
    titled: dict[int, str] = {}
    groups: list[tuple[int, int, str]] = []  # (from, to, role) of titles not this year's money
    for line in header:
        found = _titled_cells(line)
        if len(found) < 2:
            continue
        for at, role in found.items():
            above = titled.get(at)
            if role == "total" and above not in (None, "total") and above not in NOT_MONEY_ROLES:
                continue  # 小计 under 基本支出 (人员经费 | 公用经费 beside it): the basic's
            # under 年初预算数 (its cell merged over 合计 | 基本支出 | 项目支出): the budget's
            group = next((r for start, end, r in groups if start <= at < end), None)
            titled[at] = group if group is not None and role not in NOT_MONEY_ROLES else role
        places = sorted(found)
        for k, at in enumerate(places):
            if found[at] in NOT_MONEY_ROLES and k + 1 < len(places):
                groups.append((at, places[k + 1], found[at]))
        # a title of no known word beside these (工资福利支出 under 基本支出, by its 小计):
        # a column the reading leaves aside, not a place with no title
        for at, cell in enumerate(line.cells):
            if at > places[0] and at not in found and cell.strip():
                titled.setdefault(at, UNNAMED)
    return titled


def header_columns(lines: list[Line]) -> list[str]:
    """Column names in the order the header words appear."""
    ordered: list[str] = []
    for column in header_slots(lines):
        if column not in ordered and column not in NOT_MONEY_ROLES:
            ordered.append(column)
    return ordered


def header_slots(lines: list[Line]) -> list[str]:
    """One column name per header word, repeats kept: '合计 | 小计 基本支出 项目支出 |
    小计 基本支出 项目支出' (this year, then carried over) has seven amount columns."""
    text = _earlier_years(_header_text(lines))

    def slots() -> list[str]:
        found = find_words(text, COLUMN_WORDS)
        # 金额 is the table's total only where no other word names one: under a group
        # (事业收入: 金额 | 其中：教育收费) it is that group's amount
        amount = [text.startswith("金额", at) for at, _ in found]
        named = any(role == "total" and not a for (_, role), a in zip(found, amount, strict=True))
        return [role for (_, role), a in zip(found, amount, strict=True) if not (named and a)]

    return with_a_total(slots)


def _earlier_years(text: str) -> str:
    """'2025年预算数 | 2026年预算数': a year before the latest the header names, or before
    the document's own, is 上年."""
    years = {int(y) for y in re.findall(r"(20\d\d)年", text)}
    if not years:
        return text
    latest = max(years | {document_year() or 0})
    if len(years) < 2 and latest in years:
        return text
    return re.sub(r"(20\d\d)年", lambda m: "上年" if int(m.group(1)) < latest else m.group(0), text)


def _merge_split_codes(cells: list[str]) -> list[str]:
    return merged(cells)[0]


def money_start(header: list[Line]) -> int | None:
    """Where a header that keeps every cell's place (a workbook, text with a TAB a cell)
    puts its first amount column: '功能分类科目编码 | | | 功能分类科目名称 | 合计 | …' -> 4.
    A column of amounts that are not this year's money leads them where it stands first
    (上年预算数 | 合计 …, 年初结转和结余 | 本年收入 | 本年支出, titled on a line of their own).
    None where the header keeps no blank cell before it, as text copied from a PDF."""
    found: list[int] = []  # each line's first amount column
    for line in header:
        titled = _titled_cells(line)
        if len(titled) >= 2 and "" in line.cells[: min(titled)]:
            found.append(min(titled))
    return min(found) if found else None


def money_columns(header: list[Line]) -> frozenset[int]:
    """The places of the amount columns a header that keeps every cell's place names, on
    its line that names most: '科目编码 | | 科目名称 | 决算数 | 科目编码 | | 科目名称 |
    决算数' -> {3, 7}."""
    best: tuple[int, frozenset[int]] = (0, frozenset())
    for line in header:
        roles = _titled_cells(line)
        money = frozenset(i for i, r in roles.items() if r not in NOT_MONEY_ROLES)
        best = max(best, (len(roles), money), key=lambda found: found[0])
    return best[1]


def header_end(lines: list[Line]) -> int:
    """The index of a table's first line with an amount: its header ends there."""
    return next((i for i, ln in enumerate(lines) if any(is_amount(c) for c in ln.cells)), 0)


def split_header(table: Table) -> tuple[list[Line], list[Line]]:
    """The header lines (column titles) and the body lines of a coded table."""
    lines = table.lines
    for i, line in enumerate(lines):
        cells = _merge_split_codes(list(line.cells))
        if any(is_code(c) for c in cells[:4]) or _total_row_start(cells, lines[i + 1 :]):
            return lines[:i], lines[i:]
        if cells and _names_a_class(cells):  # classes printed by name alone
            return lines[:i], lines[i:]
    return lines, []


def _names_a_class(cells: list[str]) -> bool:
    """A line that opens with a functional or economic class's name and gives amounts."""
    first = strip_ordinal(cells[0]).replace(" ", "")
    return (
        bool(first)
        and any(is_amount(c) for c in cells[1:])
        and (
            classification.functional_code_for_name(first, 1) is not None
            or classification.economic_code_for_name(first) is not None
        )
    )


def _total_row_start(cells: list[str], after: list[Line]) -> bool:
    """A 合计 row, told from a header that names a 合计 column: it has amounts, or
    nothing else but the 类/款/项 column titles. A total word alone on its line is a
    column title still where more header words follow it (小计 under 项目支出, printed
    below the header's middle line), or where the table's first line of figures after it
    is a 合计 row of its own (a header copied a line at a time)."""
    if not any(is_total(c) for c in cells[:4]):
        return False
    others = [c for c in cells if c and not is_total(c)]
    if not others and after and _header_goes_on(list(after[0].cells)):
        return False
    if any(is_amount(c) for c in others):
        return True
    if not all(len(c) <= 1 for c in others):
        return False
    figures = next((ln.cells for ln in after if not words_only(ln)), None)
    return figures is None or not (
        any(is_total(c.rstrip(":：")) for c in figures[:4]) and any(map(is_amount, figures))
    )


def _header_goes_on(cells: list[str]) -> bool:
    """The next line holds words of the header (no amount, no code), or a 合计 row
    with its own label and amounts."""
    words = [c for c in _merge_split_codes(cells) if c]
    if not words or is_code(words[0]) or is_amount(words[0]):
        return False
    if not any(is_amount(c) for c in words):
        return True
    return _total_row_start(words, [])
