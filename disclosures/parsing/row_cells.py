"""A row's cells before its amounts are placed: split codes joined, blank label cells
dropped, and the row cut into groups of label | amounts side by side.

- codes split over 类 | 款 | 项 cells ('201' '03' '01') are one code, and so are a code
  and its name glued in one cell ('[20109]海关事务', '2010301行政运行');
- a code's shape is a code before the row's name, an amount after it unless it is a
  known code heading the next group;
- under a header that keeps every cell's place, the blank cells of the label columns
  are part of the label.
"""

from __future__ import annotations

import re
from collections import Counter

from . import classification
from .cells import NIL, has_decimals, is_amount, is_code, is_total
from .extract.base import Line


def row_cells(
    line: Line, start: int | None, width: int | None = None, money: frozenset[int] = frozenset()
) -> tuple[list[str], list[int]]:
    """A row's cells with split codes joined (`merged`), and each cell's index in the line.
    Under a header that keeps cells' places, the blank cells of the label columns (款 and
    项 left blank on a 类 row, the columns a 合计 label spans) are dropped: they are no
    amounts. So are the blank cells before the first amount of a row with more cells than
    the header has (`width`): a page of its own laid out its cells otherwise (a table run
    on to the next sheet of a workbook made from a PDF, '2080504 | | 名称 | | 1,608.51')."""
    cells = list(line.cells)
    keep = list(range(len(cells)))
    first = _first_amount(cells)
    if width is not None and len(cells) > width and first is not None:
        start = first
    if start is not None and (first is None or first >= start):
        keep = [i for i in keep if cells[i] or (i >= start and (not money or i in money))]
    joined, origin = merged([cells[i] for i in keep])
    return joined, [keep[i] for i in origin]


_BRACKETED = re.compile(r"^\s*[\[【〔]\s*([235]\d{2}(?:\d{2}){0,2})\s*[\]】〕]\s*(.*)$")
# a code glued to its name in one cell: '2010301行政运行', '201 一般公共服务支出'
_GLUED = re.compile(r"^\s*([235]\d{2}(?:\d{2}){0,2})\s*([\u4e00-\u9fff（(].*)$")
# the last part of a split code glued to the name, where no ruling kept them apart:
# '201' '06' '01 行政运行'
_PART_GLUED = re.compile(r"^\s*(\d{2})\s+([\u4e00-\u9fff（(].*)$")


def merged(cells: list[str]) -> tuple[list[str], list[int]]:
    """Codes split over 类 | 款 | 项 columns joined: '201' '03' '01' -> '2010301',
    '301' '01' -> '30101' (and '301' '2' -> '30102', where the zero was dropped);
    with each new cell's index in the line, so that its box can still be found."""
    out: list[str] = []
    origin: list[int] = []
    for i, cell in enumerate(cells):
        bracketed = _BRACKETED.match(cell) or _GLUED.match(cell)
        if bracketed:  # '[20109]海关事务': the code and the name in one cell
            out += [bracketed.group(1)] + ([bracketed.group(2)] if bracketed.group(2) else [])
            origin += [i] * (2 if bracketed.group(2) else 1)
            continue
        glued = _PART_GLUED.match(cell)
        if out and glued and _continues_code(out[-1], glued.group(1), [glued.group(2)]):
            out[-1] += glued.group(1)
            out.append(glued.group(2))
            origin.append(i)
            continue
        bare = cell.replace(" ", "")
        if out and _continues_code(out[-1], bare, cells[i + 1 : i + 3], len(out) == 1):
            out[-1] += bare.zfill(2)
        elif re.fullmatch(r"[235]\d{2}( \d{1,2}){1,2}", cell):  # '301 02' in one cell
            out.append("".join(p.zfill(2) if k else p for k, p in enumerate(cell.split())))
            origin.append(i)
        else:
            out.append(cell)
            origin.append(i)
    return out, origin


def padded_codes(line: Line) -> list[str]:
    """Codes whose 款 part was printed without its leading zero ('301 2' for 30102)."""
    cells = list(line.cells)
    found = []
    for i in range(1, len(cells)):
        if re.fullmatch(r"\d", cells[i]) and _continues_code(
            cells[i - 1], cells[i], cells[i + 1 : i + 3], i == 1
        ):
            found.append(cells[i - 1] + cells[i].zfill(2))
    return found


def _continues_code(code: str, cell: str, following: list[str], opens: bool = False) -> bool:
    """A 款 or 项 part right after a class code, before the row's name."""
    if re.fullmatch(r"\d{2}", cell):
        return bool(re.fullmatch(r"2\d{2}(\d{2})?|[35]\d{2}", code))
    # a one-digit part ('301 2', or '208 5 1' where a workbook keeps the parts as
    # numbers) only where a name or the next part follows, never an amount
    if not re.fullmatch(r"\d", cell) or not following:
        return False
    if re.fullmatch(r"[35]\d{2}", code):
        return not is_amount(following[0])
    # a functional code's only where it opens the row and a name follows, maybe after the
    # next part: '合计 | 1208 | 211 | 0' and '20200 | 0 | 0 | 20200' (元) are money
    named = [c for c in following[:2] if not re.fullmatch(r"\d{1,2}", c)][:1]
    return (
        opens
        and bool(re.fullmatch(r"2\d{2}(\d{2})?", code))
        and bool(named)
        and not is_amount(named[0])
    )


def _known_code(cell: str) -> bool:
    """A cell shaped like a code that is one: '360' after a name is 360 元, not a class."""
    return is_code(cell) and (
        classification.is_known_functional(cell) or classification.is_known_economic(cell)
    )


_PART = re.compile(r"0\d+")


def _amount_at(cells: list[str], i: int) -> bool:
    """An amount: decimals, or no code's shape, or (after the row's name) no known code.
    A code's shape before a name is a code, whatever stands before it: a table of several
    units prints the unit's name first ('XX中心 2060204 实验室及相关设施 …'). A whole
    number with a leading zero ('01') is the 款 or 项 part of a code, never money."""
    cell = cells[i]
    if not is_amount(cell) or _PART.fullmatch(cell):
        return False
    if _row_key(cells, i):
        return False
    if has_decimals(cell) or not is_code(cell):
        return True
    named = any(c and not is_amount(c) for c in cells[:i])
    if not named:
        return False
    known = _known_code(cell)
    if _name_next(cells, i) and (known or len(cell) >= 5):
        return False  # the code of the next group's row ('… 302 商品和服务支出 171.07')
    if not known:
        return True
    # a known code's shape after the name is still money where the row has shown money
    # already since its last name, is a total row, or began with a code of the other
    # classification: in '30211 差旅费 230' and '合计 1208.2 997.2 211', 230 and 211 are
    # 万元 (as Excel's General format shows 230.00), not classes 230 and 211; in
    # '30102 津贴补贴 19.71 30202 印刷费 30702 国外债务付息' (印刷费's amount blank), 30702
    # opens the next group
    last = max(k for k in range(i) if cells[k] and not is_amount(cells[k]))
    after = cells[last:i]
    if any(is_amount(c) and has_decimals(c) for c in after) or any(map(is_total, cells[:i])):
        return True
    own = next((c for c in cells[:i] if is_code(c) and not has_decimals(c)), None)
    return own is not None and len(own) >= 3 and not _same_classification(own, cell)


def _same_classification(own: str, cell: str) -> bool:
    """Both codes of the economic classification, or both of the functional one: each
    under a known class, so that an item since retired (30313 购房补贴 in a 2014 table)
    is still a code of its classification."""
    return _family(own) is not None and _family(own) == _family(cell)


def _family(code: str) -> str | None:
    if classification.is_known_economic(code[:3]):
        return "economic"
    if classification.is_known_functional(code[:3]):
        return "functional"
    return None


def _name_next(cells: list[str], i: int) -> bool:
    """The next cell is a name with amounts after it: cell i stands where a code does."""
    rest = [c for c in cells[i + 1 :] if c]
    named = bool(rest) and not is_amount(rest[0]) and not is_code(rest[0])
    return named and any(has_decimals(c) or is_amount(c) for c in rest[1:])


def _row_key(cells: list[str], i: int) -> bool:
    """A whole number first in its row with a name after it: the row's key (a unit's
    code '301001', a 序号), not money."""
    cell = cells[i].strip()
    return cell.isdigit() and not any(c.strip() for c in cells[:i]) and _name_next(cells, i)


def _first_amount(cells: list[str]) -> int | None:
    """The first cell holding an amount or a dash for nil ('-' under 年初结转和结余)."""
    return next(
        (i for i in range(len(cells)) if cells[i].strip() in NIL or _amount_at(cells, i)), None
    )


def label_width(
    lines: list[Line],
    start: int | None = None,
    width: int | None = None,
    money: frozenset[int] = frozenset(),
) -> int:
    """How many cells the label columns take: the usual index of the first amount."""
    seen: Counter[int] = Counter()
    for line in lines:
        cells = row_cells(line, start, width, money)[0]
        first = _first_amount(cells)
        if first is not None and first > 0:
            seen[first] += 1
    return seen.most_common(1)[0][0] if seen else 2


def one_amount_each(header: list[Line]) -> bool:
    """Groups of code | name | amount side by side (人员经费 | 公用经费 of a final
    account's basic spending): the header names the code column twice or more."""
    words = "".join(c for line in header for c in line.cells).replace(" ", "")
    return len(re.findall(r"编码|代码", words)) >= 2


def _is_slot(cells: list[str], i: int) -> bool:
    """An amount's cell: blank, a dash for nil ('-', '—'), or an amount."""
    return cells[i] == "" or cells[i].strip() in NIL or _amount_at(cells, i)


Group = tuple[list[int], list[int]]  # indexes of the label cells and of the amount cells


def split_groups(cells: list[str], width: int, one_each: bool = False) -> list[Group]:
    """Cut a row into (label cells, amount cells) groups, side by side. `one_each`: the
    header prints code | name | amount side by side, so a known code after a group's
    amount heads the next group, its name wrapped out of the line ('30212 | 0.00')."""
    groups: list[Group] = []
    label: list[int] = []
    slots: list[int] = []
    first = _first_amount(cells)
    start = width if first is None else min(width, first)
    for i, cell in enumerate(cells):
        in_slots = i >= start and (bool(slots) or _is_slot(cells, i))
        heads = bool(slots) and not has_decimals(cell) and _known_code(cell)
        heads = heads and (one_each or _heads_next(cells, label, slots, i))
        if in_slots and _is_slot(cells, i) and not heads:
            slots.append(i)
            continue
        if slots and _stray(cells, i):
            continue
        if slots or _starts_group(cells, label, cell):  # the next group, side by side
            groups.append((label, slots))
            label, slots = [], []
        if cell:
            label.append(i)
    if label or slots:
        groups.append((label, slots))
    return groups


def _stray(cells: list[str], i: int) -> bool:
    """A lone character among a row's amounts, an amount on each side: no group's label
    (no class or item is named by one character) but a mark over the cells, such as a
    seal's character read by OCR ('62.15 | 县 | 62.15', the 县 glued to the amount after
    it): the amounts keep their places, where the page gives them."""
    text = cells[i].strip()
    return (
        len(text) == 1
        and not text.isdigit()
        and i + 1 < len(cells)
        and _amount_at(cells, i - 1)
        and _amount_at(cells, i + 1)
    )


def _heads_next(cells: list[str], label: list[int], slots: list[int], i: int) -> bool:
    """'30113 住房公积金 431.39 | 30212 13.24': an item code of the row's own family,
    between amounts printed with decimals, is the next group's code (its name wrapped
    out of the line), not a whole amount."""
    codes = [cells[k] for k in label if is_code(cells[k])]
    shown = [cells[k] for k in slots if cells[k]]
    after = cells[i + 1] if i + 1 < len(cells) else ""
    return (
        len(cells[i]) >= 5
        and bool(codes)
        and cells[i][0] == codes[0][0]
        and bool(shown)
        and all(has_decimals(c) for c in shown)
        and has_decimals(after)
    )


def _starts_group(cells: list[str], label: list[int], cell: str) -> bool:
    """A code of the same family after a named code starts a group of its own
    ('30103 奖金 | 30203 咨询费', both blank); a government code after a department
    one ('30101 基本工资 50501 …') belongs to the same row."""
    codes = [cells[i] for i in label if is_code(cells[i])]
    if not codes or not is_code(cell) or cell[0] != codes[0][0]:
        return False
    named = not is_code(cells[label[-1]])
    # '30399 | 30240 税金及附加费用 | 20.81': the left item's name wrapped out of the
    # line, the right group's code follows it straight; a code never sits beside
    # another of its family that is not its parent
    return named or not cell.startswith(codes[-1])
