"""What a single cell holds: an amount, a classification code, a total label."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# a note printed under a table: 注：…, 备注：…, 说明：…
NOTE = re.compile(r"^[-\s]*(注|备注|说明)\s*[:：]")
# a table's own word that it is empty, as a note ('本表无数据') or a bare line under it
# ('本部门无政府性基金预算收支，此表为空表')
EMPTY_NOTE = re.compile(r"[本此该]表(本年)?(无数据|为空|无发生额|无内容)|空表|无数据")

_AMOUNT = re.compile(r"^[-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_DECIMAL = re.compile(r"\.\d+$")
_CODE = re.compile(r"^(2\d{2}(\d{2}){0,2}|[35]\d{2}(\d{2})?)$")  # economic codes stop at 5 digits
_ORDINAL = re.compile(
    r"^\s*(第?[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d)|其中[:：]?|[:：])+"
)
NIL = {"-", "—", "--", "——", "/", "…", "*", "**"}
WHOLE_TOTALS = ("合计", "总计")  # a column's or row's whole, not a part's (小计)
TOTAL_LABELS = (*WHOLE_TOTALS, "小计")
UNITS = {
    "元": Decimal("0.0001"),
    "千元": Decimal("0.1"),
    "万元": Decimal(1),
    "亿元": Decimal(10000),
}
# how far a printed sum may miss its parts and still be read as holding: a cent, and a
# little more for the Decimal of a 元 amount turned into 万元
SUM_SLACK = Decimal("0.011")
CENT = Decimal("0.01")
# '单位：万元', '金额单位:元', '单位：人民币元', '单位（万元）', '单位/万元'; a unit alone in
# brackets under a title ('（元）') says the same
UNIT_RE = re.compile(
    r"单位\s*[:：/（(]?\s*(?:人民币)?\s*(万元|千元|亿元|元)|^[（(](万元|千元|亿元|元)[)）]$"
)


def unwrapped(cell: str) -> str:
    """An amount wrapped inside a narrow cell ('1682.7 6', '0.0 0') read as one."""
    if " " in cell and "." in cell:
        joined = cell.replace(" ", "")
        if _AMOUNT.match(joined) and _DECIMAL.search(joined):
            return joined
    return cell


# an accountant's negative in brackets, with decimals or separators ('(86.91)'); '(1)'
# numbers a column
_BRACKETED = re.compile(r"^\((\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)\)$")
# an amount typed with its unit in the cell ('3.20万元', '320.00 元')
_WITH_UNIT = re.compile(r"^(.*\d)\s*(?:万元|元)$")


def bare(cell: str) -> str:
    """A cell's amount as written plainly: unwrapped, an accountant's bracketed negative
    with a minus, a unit typed after it dropped."""
    cell = unwrapped(cell.strip().replace("−", "-"))
    typed = _WITH_UNIT.match(cell)
    if typed and _AMOUNT.match(typed.group(1)) and _DECIMAL.search(typed.group(1)):
        cell = typed.group(1)
    bracketed = _BRACKETED.match(cell)
    return "-" + bracketed.group(1) if bracketed else cell


def is_amount(cell: str) -> bool:
    return bool(_AMOUNT.match(bare(cell)))


def has_decimals(cell: str) -> bool:
    cell = bare(cell)
    return bool(_DECIMAL.search(cell)) or "," in cell


def is_money(cell: str) -> bool:
    """An amount with decimals or separators: neither a code nor a page number."""
    return is_amount(cell) and has_decimals(cell)


def amount(cell: str) -> Decimal | None:
    """A cell's money value, or None where the cell is blank or a nil mark."""
    cell = bare(cell)
    if not cell or cell in NIL or not _AMOUNT.match(cell):
        return None
    try:
        return Decimal(cell.replace(",", ""))
    except InvalidOperation:
        return None


def fits_within(part: Decimal, whole: Decimal, taken: list[Decimal | None]) -> bool:
    """Whether `part` fits in what `whole` has left once the parts `taken` are counted."""
    return part <= whole - sum((t for t in taken if t is not None), Decimal(0)) + SUM_SLACK


def printed_amount(cell: str) -> Decimal | None:
    """An amount, or nought where a nil mark ('-', '—') stands for it; None for a blank
    or a word."""
    return Decimal(0) if cell.strip() in NIL else amount(cell)


def is_code(cell: str) -> bool:
    """A functional (2xx…) or economic (3xx…, 5xx…) classification code."""
    return bool(_CODE.match(cell))


def is_total(cell: str) -> bool:
    """'合计', '总计', '小计', with an ordinal before or a colon after ('总计：')."""
    bare = strip_ordinal(cell).replace(" ", "").rstrip(":：")
    return bare in TOTAL_LABELS


def strip_ordinal(label: str) -> str:
    """'八、社会保障和就业支出' -> '社会保障和就业支出'; '(1)公务用车购置费' -> '公务用车购置费'."""
    return _ORDINAL.sub("", label).strip()


def column_numbers(cells: tuple[str, ...] | list[str]) -> bool:
    """A line that numbers the columns (栏次 1 2 3 …) or the lines (行次), not amounts."""
    words = [c.replace(" ", "") for c in cells if c.strip()]
    if any(w in ("栏次", "行次") for w in words):
        return True
    numbers = [w for w in words if w.isdigit()]
    return len(numbers) >= 3 and numbers == [str(i) for i in range(1, len(numbers) + 1)]


def to_wan(value: Decimal, unit: str) -> Decimal:
    return value * UNITS.get(unit, Decimal(1))


def percent_gap(stated: Decimal, computed: Decimal) -> str | None:
    """How a stated percentage sits against the one computed from the amounts, at the
    precision the document prints it: None when it is that figure rounded (6.2% for
    6.18%), 'info' when it is off by no more than one printed digit (the document may
    work from rounded amounts), 'warning' beyond that."""
    exponent = stated.as_tuple().exponent
    step = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    gap = abs(stated - computed)
    if gap <= step / 2 + Decimal("0.001"):
        return None
    return "info" if gap <= step + Decimal("0.001") else "warning"


def share_gap(stated: Decimal, value: Decimal, base: Decimal) -> str | None:
    """`percent_gap` for a share of `base` stated as `value`, each amount as precise as
    printed: the share may be any the amounts round from ('8.64万元' of 9.877 is 86,420 元
    or 86,449 元 of it, 87.44% to 87.53%), so the stated one is set against the nearest."""
    low = (value - _half_unit(value)) / (base + _half_unit(base)) * 100
    high = (value + _half_unit(value)) / (base - _half_unit(base)) * 100
    return _gap_within(stated, low, high)


def change_gap(stated: Decimal, delta: Decimal, current: Decimal) -> str | None:
    """`percent_gap` for a change of `delta` to `current` stated as a percentage of last
    year's figure, each amount as precise as printed: the text may work it from figures
    finer than it prints ('增加1.52万元，增长4.08%' of 38.64万元: 15,160 of 371,260 元)."""
    prior, slack = current - delta, _half_unit(delta) + _half_unit(current)
    if prior - slack <= 0:
        return percent_gap(stated, abs(delta) / prior * 100)
    low = max(abs(delta) - _half_unit(delta), Decimal(0)) / (prior + slack) * 100
    high = (abs(delta) + _half_unit(delta)) / (prior - slack) * 100
    return _gap_within(stated, low, high)


def _gap_within(stated: Decimal, low: Decimal, high: Decimal) -> str | None:
    """`percent_gap` against the nearest of the percentages from `low` to `high`."""
    return percent_gap(stated, min(max(stated, low), high))


def _half_unit(figure: Decimal) -> Decimal:
    exponent = figure.as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0) / 2


def finest(figures: list[Decimal]) -> Decimal | None:
    """The most precisely printed of figures stated more than once, where the others are
    it rounded ('增加15,954.70万元' and '增加1.6亿元'); None where they disagree."""
    best = min(figures, key=lambda f: _half_unit(f))
    return best if all(same_figure(f, best) for f in figures) else None


def same_figure(stated: Decimal, printed: Decimal) -> bool:
    """A figure stated with fewer decimals (17,192 for 17,191.52) is the same figure rounded.
    Figures in 万元 are held to the cent at least; a figure stated in 元 to the fen,
    against one printed in 元 too, to the coarser of the two."""
    stated_step, printed_step = _half_step(stated), _half_step(printed)
    if stated_step < CENT / 2 and printed_step < CENT / 2:  # both in 元
        return abs(stated - printed) <= max(stated_step, printed_step) + Decimal("0.000001")
    tolerance = max(Decimal("0.005"), stated_step) + Decimal("0.0001")
    return abs(stated - printed) <= tolerance


def _half_step(value: Decimal) -> Decimal:
    """Half the last printed digit of a figure, in 万元."""
    exponent = value.as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0) / 2


def whole_of(values: list[Decimal]) -> Decimal | None:
    """The one amount of three or more that is the sum of all the others (a total
    printed after its parts, 2,959.46 | 410.00 | 3,369.46), else None."""
    if len(values) < 3 or not any(values):
        return None
    whole = sum(values, Decimal(0)) / 2
    found = [v for v in values if abs(v - whole) <= SUM_SLACK * len(values)]
    return found[0] if len(set(found)) == 1 else None
