"""The same disclosure in layouts other provinces print: the real PDFs' copied text (TAB
between cells), changed the way tables elsewhere differ while every figure stays what it
was. `scripts/accuracy.py --vary NAME` reads each real document so changed against its
golden: a reader that keys on structure reads them all alike.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from decimal import Decimal

CODE = re.compile(r"^(2\d{2}(\d{2}){0,2}|3\d{2}(\d{2})?)$")
AMOUNT = re.compile(r"^-?\d[\d,]*(\.\d+)?$")
HEADER = re.compile(r"科目编码|科目代码|功能分类|经济分类|科目名称")
PROSE = re.compile(r"[，。；]")
HAN = re.compile(r"[\u4e00-\u9fff]")
# a line's start: after a newline, or after a form feed where a page's text runs on
START = r"(?m)(?:^|(?<=\f))"


def _parts(text: str) -> list[str]:
    return re.split(r"([\n\f])", text)


def _cells(part: str) -> list[str]:
    return [c.replace(" ", "") for c in part.split("\t")]


def _coded_tables(
    text: str, header: Callable[[list[str]], list[str]], row: Callable[[list[str]], list[str]]
) -> str:
    """Each coded table's header line (the one with 合计) and its rows, changed. The line
    with 合计 may name no code column, where one above says 科目 and one below 科目编码.

    Text whose cells stand in their columns (`placed`: a blank cell where a column is
    empty, as `--print` prints them) stays in columns: a column put in before others puts
    a blank in the header's other lines there too, and each row is filled out to the
    header's width before a column is put after the rest."""
    parts = _parts(text)
    placed = _placed(text)
    out: list[str] = []
    inside, previous, just = False, "", False
    block: list[int] = []  # where in `out` the lines above the header since the last row stand
    width, shift = 0, (0, 0)  # the table's width; where its header put columns in, how many
    for n, part in enumerate(parts):
        if part in ("\n", "\f"):
            out.append(part)
            continue
        cells = part.split("\t")
        joined = "".join(_cells(part))
        words = _cells(part)
        titles = "合计" in words and not any(AMOUNT.match(c) for c in words)
        if titles and (HEADER.search(joined) or HEADER.search(previous)):
            inside, previous, just = True, joined, True
            if placed:
                width = max(len(c) for c in [cells, *_header_lines(parts, n, out, block)])
                cells = cells + [""] * (width - len(cells))
            new = header(cells)
            if placed:
                shift = _inserted(cells, new)
                for i in block:
                    out[i] = _blanks_in(out[i], shift)
            out.append("\t".join(new))
            block = []
            continue
        if HEADER.search(joined) and not just:  # a table whose header names no 合计
            inside = False
        previous, just = joined, False
        first = next((c.strip() for c in cells if c.strip()), "")
        if inside and (CODE.match(first) or _total_row(cells)):
            named = next((i for i, c in enumerate(cells) if HAN.search(c)), None)
            money = [
                i
                for i, c in enumerate(cells)
                if named is not None and i > named and AMOUNT.match(c.replace(" ", ""))
            ]
            if money and placed:
                cells = cells + [""] * (width - len(cells))
            out.append("\t".join(row(cells) if money else cells))
            block = []
            continue
        if PROSE.search(joined):
            inside = False
        if placed and inside and not any(AMOUNT.match(c) for c in words):
            part = _blanks_in(part, shift)  # a line of the header under the 合计 line
        elif placed and not any(AMOUNT.match(c) for c in words) and not PROSE.search(joined):
            block.append(len(out))
        else:
            block = []
        out.append(part)
    return "".join(out)


def _total_row(cells: list[str]) -> bool:
    """A 合计 (总计) row: the word before its first amount, maybe after the header's last
    words run on to its line ('类 | 款 | 项 | 合计 | 237,100.00 …')."""
    words = []
    for cell in cells:
        if AMOUNT.match(cell.replace(" ", "")):
            break
        words.append(cell.strip().rstrip(":："))
    return any(w in ("合计", "总计") for w in words) and len(words) < len(cells)


def _placed(text: str) -> bool:
    """Cells kept in their columns, blank where a column is empty ('201\t\t一般…')."""
    return "\t\t" in text


def _header_lines(parts: list[str], at: int, out: list[str], block: list[int]) -> list[list[str]]:
    """The lines of a header around its 合计 line: those above it (`block`) and those
    under it until the first row with an amount."""
    lines = [out[i].split("\t") for i in block]
    for part in parts[at + 1 :]:
        if part in ("\n", "\f"):
            continue
        if any(AMOUNT.match(c) for c in _cells(part)) or PROSE.search(part):
            break
        lines.append(part.split("\t"))
    return lines


def _inserted(old: list[str], new: list[str]) -> tuple[int, int]:
    """Where a header's new cells went in, and how many: (2, 1) for one before its third;
    cells put after the rest as well are not counted (they put no blank in the lines above)."""
    at = next(
        (i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
        min(len(old), len(new)),
    )
    rest = len(old) - at
    count = next(
        (k for k in range(1, len(new) - len(old) + 1) if new[at + k : at + k + rest] == old[at:]),
        len(new) - len(old),
    )
    return at, count


def _blanks_in(part: str, shift: tuple[int, int]) -> str:
    """A header line with blank cells where the 合计 line had cells put in."""
    at, count = shift
    cells = part.split("\t")
    if count <= 0 or len(cells) <= at:
        return part
    return "\t".join([*cells[:at], *[""] * count, *cells[at:]])


def _first_amount(cells: list[str]) -> int:
    """Where a coded row's amounts start: its first amount after its name."""
    named = next(i for i, c in enumerate(cells) if HAN.search(c))
    return next(i for i, c in enumerate(cells) if i > named and AMOUNT.match(c.replace(" ", "")))


def _put(value: str, after: int = 0) -> Callable[[list[str]], list[str]]:
    """A row with `value` put in before its first amount, or `after` amounts past it."""

    def row(cells: list[str]) -> list[str]:
        at = _first_amount(cells) + after
        return [*cells[:at], value, *cells[at:]]

    return row


def prior(text: str) -> str:
    """Last year's budget printed before 合计 (上年预算数 | 合计 | 基本支出 …)."""

    def header(cells: list[str]) -> list[str]:
        at = _cells("\t".join(cells)).index("合计")
        return [*cells[:at], "上年预算数", *cells[at:]]

    return _coded_tables(text, header, _put("9,999.99"))


YEAR = re.compile(r"(20\d\d)\s*年")
TITLE_YEAR = re.compile(r"(20\d\d)\s*年度?\s*(?:区级|市级|省级)?(?:部门|单位)?\s*(?:预算|决算)")


def _year(text: str) -> int:
    """The document's year: the one its title names ('2024年度部门预算'), else the one its
    text names most."""
    titled = TITLE_YEAR.search(text)
    if titled:
        return int(titled.group(1))
    years = Counter(int(y) for y in YEAR.findall(text))
    return years.most_common(1)[0][0] if years else 2025


def year_prior(text: str) -> str:
    """Last year's budget before 合计, titled by its year ('2025年预算数 | 合计 | …'): only
    the document's title says which year is this year's."""
    year, figure = _year(text), _figure(text)

    def header(cells: list[str]) -> list[str]:
        at = _cells("\t".join(cells)).index("合计")
        return [*cells[:at], f"{year - 1}年{figure}", *cells[at:]]

    return _coded_tables(text, header, _put("9,999.99"))


def year_both(text: str) -> str:
    """Both years' budgets titled by year, this year's instead of 合计 ('2025年预算数 |
    2026年预算数 | 基本支出 | …')."""
    year, figure = _year(text), _figure(text)

    def header(cells: list[str]) -> list[str]:
        at = _cells("\t".join(cells)).index("合计")
        return [*cells[:at], f"{year - 1}年{figure}", f"{year}年{figure}", *cells[at + 1 :]]

    return _coded_tables(text, header, _put("9,999.99"))


def other_kind(text: str) -> str:
    """A column of the other kind's figure before 合计, untitled by year: in a final account
    this year's budget (预算数 | 合计 | 基本支出 …), in a budget last year's outturn (执行数)."""
    final = _kind(text) == "final_accounts"

    def header(cells: list[str]) -> list[str]:
        at = _cells("\t".join(cells)).index("合计")
        return [*cells[:at], "预算数" if final else "执行数", *cells[at:]]

    return _coded_tables(text, header, _put("9,999.99"))


def _figure(text: str) -> str:
    """What the document's columns of this year's money are called: 决算数 in a final
    account, 预算数 in a budget."""
    return "决算数" if _kind(text) == "final_accounts" else "预算数"


def _kind(text: str) -> str:
    """A final account where its title says 决算 ('2024年度部门决算'), else a budget."""
    titled = re.search(r"20\d\d\s*年度?[^\n，。]{0,30}?(预算|决算)", text)
    return "final_accounts" if titled and titled.group(1) == "决算" else "budget"


def share(text: str) -> str:
    """Each row's share of the whole after its total (合计 | 占比(%) | 基本支出 …), a
    percentage printed without its sign."""

    def header(cells: list[str]) -> list[str]:
        at = _cells("\t".join(cells)).index("合计")
        return [*cells[: at + 1], "占比(%)", *cells[at + 1 :]]

    return _coded_tables(text, header, _put("12.34", after=1))


def carry(text: str) -> str:
    """A final account's appropriations table: last year's balance and this year's income
    before the spending, the balance carried on after it (年初结转和结余 | 本年收入 | 合计 |
    基本支出 | 项目支出 | 年末结转和结余)."""

    def header(cells: list[str]) -> list[str]:
        at = _cells("\t".join(cells)).index("合计")
        return [*cells[:at], "年初结转和结余", "本年收入", *cells[at:], "年末结转和结余"]

    def row(cells: list[str]) -> list[str]:
        at = _first_amount(cells)
        return [*cells[:at], "12.34", "8,888.88", *cells[at:], "56.78"]

    return _coded_tables(text, header, row)


def prior_last(text: str) -> str:
    """Last year's budget and the change after this year's breakdown (… | 项目支出 |
    上年预算数 | 增减额)."""
    return _coded_tables(
        text,
        lambda cells: [*cells, "上年预算数", "增减额"],
        lambda cells: [*cells, "9,999.99", "1.11"],
    )


def _coded_rows(text: str, change: Callable[[list[str], int, str], list[str]]) -> str:
    """Each coded table's rows changed by `change(cells, at, code)`, `at` the code's cell."""

    def row(cells: list[str]) -> list[str]:
        at = next((i for i, c in enumerate(cells) if CODE.match(c.strip())), None)
        return cells if at is None else change(cells, at, cells[at].strip())

    return _coded_tables(text, lambda cells: cells, row)


def spaced_codes(text: str) -> str:
    """Each code printed with a space between its 类, 款 and 项 in one cell ('201 03 01')."""

    def change(cells: list[str], at: int, code: str) -> list[str]:
        parts = [code[:3], *(code[k : k + 2] for k in range(3, len(code), 2))]
        return [*cells[:at], " ".join(parts), *cells[at + 1 :]]

    return _coded_rows(text, change)


LEVELS = {3: "类", 5: "款", 7: "项"}


def level_marks(text: str) -> str:
    """Each functional row's name marked with its level ('一般公共服务支出（类）',
    '行政运行（项）'), as the narrative's lists print them."""

    def change(cells: list[str], at: int, code: str) -> list[str]:
        named = next((i for i, c in enumerate(cells) if i > at and HAN.search(c)), None)
        if named is None or not code.startswith("2"):
            return cells
        marked = f"{cells[named]}（{LEVELS[len(code)]}）"
        return [*cells[:named], marked, *cells[named + 1 :]]

    return _coded_rows(text, change)


def year_group(text: str) -> str:
    """Both years' budgets under year titles over two header lines: '2025年预算数 |
    2026年预算数' above, this year's '合计 | 基本支出 | 项目支出' under the second."""
    year, figure = _year(text), _figure(text)

    def header(cells: list[str]) -> list[str]:
        at = _cells("\t".join(cells)).index("合计")
        above = [*cells[:at], f"{year - 1}年{figure}", f"{year}年{figure}"]
        return ["\t".join(above) + "\n" + "\t".join(cells[at:])]

    return _coded_tables(text, header, _put("9,999.99"))


SUMMARY_HEAD = re.compile(r"^项目\t(预算数|决算数)\t项目[^\t]*\t(预算数|决算数)$")


def _summary_prior(text: str, titles: Callable[[str, int], tuple[str, str]]) -> str:
    """The summary tables ('项目 | 预算数 | 项目 | 预算数') with last year's column before
    each of this year's, on each side, titled as `titles` says, down to the 总计 row."""
    year, out, inside = _year(text), [], False
    for line in text.split("\n"):
        words = "\t".join(_cells(line))
        head = SUMMARY_HEAD.match(words)
        if head:
            inside = True
            before, now = titles(head.group(1), year)
            cells = line.split("\t")
            out.append("\t".join([cells[0], before, now, cells[2], before, now]))
            continue
        if inside and PROSE.search(words):
            inside = False
        if inside and not words.startswith("栏次"):
            cells = line.split("\t")
            line = "\t".join(
                part
                for c in cells
                for part in (["9,999.99", c] if AMOUNT.match(c.replace(" ", "")) else [c])
            )
            inside = "总计" not in words and not words.startswith("合计")
        out.append(line)
    return "\n".join(out)


SPENDING_SIDE = re.compile(r"支出|结转下年|年末结转|结余分配")


def summary_stacked(text: str) -> str:
    """The summary tables ('项目 | 预算数 | 项目 | 预算数') printed one side under the other:
    the income's rows, then the spending's, each label with its amount, down to 总计."""
    out: list[str] = []
    left: list[str] | None = None
    right: list[str] = []
    for line in text.split("\n"):
        words = "\t".join(_cells(line))
        head = SUMMARY_HEAD.match(words)
        if head:
            left, right = [], []
            out.append(f"项目\t{head.group(1)}")
            continue
        if left is not None and (PROSE.search(words) or words.startswith("栏次")):
            out += left + right
            left = None
        if left is None:
            out.append(line)
            continue
        sides: list[list[str]] = []
        for cell in line.split("\t"):
            if AMOUNT.match(cell.replace(" ", "")) and sides:
                sides[-1].append(cell)
            elif cell.strip():
                sides.append([cell])
        if len(sides) == 1 and SPENDING_SIDE.search(sides[0][0]):  # the income side blank
            sides = [[], sides[0]]
        if sides and sides[0]:
            left.append("\t".join(sides[0]))
        right += ["\t".join(side) for side in sides[1:]]
        if "总计" in words or words.startswith("合计"):
            out += left + right
            left = None
    if left is not None:
        out += left + right
    return "\n".join(out)


def summary_prior(text: str) -> str:
    """Last year's figure beside each of this year's in the summary tables ('项目 | 上年预算数
    | 预算数 | 项目 | 上年预算数 | 预算数')."""
    return _summary_prior(text, lambda word, _: ("上年" + word, word))


def summary_years(text: str) -> str:
    """The same, both columns titled by their years ('2025年预算数 | 2026年预算数')."""
    return _summary_prior(text, lambda word, year: (f"{year - 1}年{word}", f"{year}年{word}"))


def change(text: str) -> str:
    """A change against last year printed after the breakdown (… | 比上年增减)."""
    return _coded_tables(text, lambda cells: [*cells, "比上年增减"], lambda cells: [*cells, "1.11"])


def column_numbers(text: str) -> str:
    """A 栏次 line (1 2 3 …) under each coded table's header."""
    out = []
    for part in _parts(text):
        out.append(part)
        cells = _cells(part)
        if part not in ("\n", "\f") and HEADER.search("".join(cells)) and "合计" in cells:
            count = len(cells) - cells.index("合计")
            out.append("\n栏次\t" + "\t".join(str(i) for i in range(1, count + 1)))
    return "".join(out)


def line_numbers(text: str) -> str:
    """A 行次 after each label of the summary tables, with no header word for it."""
    out, inside, left, right = [], False, 0, 100
    for part in _parts(text):
        if part in ("\n", "\f"):
            out.append(part)
            continue
        cells = part.split("\t")
        joined = "".join(_cells(part))
        if re.search(r"收.{0,4}支.{0,6}总表$", joined):
            inside, left, right = True, 0, 100
        elif (
            re.search(r"表$|^公开|^表\d", joined)
            or PROSE.search(joined)
            or CODE.match(cells[0].strip())
        ):
            inside = False  # the next table, a label, a sentence or a coded row
        row = any(AMOUNT.match(c.strip()) for c in cells) or re.match(
            r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+、)", joined
        )
        if inside and row and not re.search(r"单位[:：]|表$", joined):
            numbered, labels = [], 0
            for cell in cells:
                numbered.append(cell)
                if HAN.search(cell):
                    labels += 1
                    if labels == 1:
                        left += 1
                        numbered.append(str(left))
                    else:
                        right += 1
                        numbered.append(str(right))
            part = "\t".join(numbered)
        out.append(part)
    return "".join(out)


def in_yuan(text: str, every: int = 1) -> str:
    """Tables in 元 (单位：元), the sentences still in 万元; with `every`, only one table
    in so many."""
    out, wan, seen = [], False, 0
    for line in re.split(r"([\n\f])", text):
        if line in ("\n", "\f"):
            out.append(line)
            continue
        joined = "".join(_cells(line))
        if re.search(r"单位[:：]\s*万元", joined):
            seen += 1
            wan = seen % every == 0
            out.append(line.replace("万元", "元") if wan else line)
            continue
        if (
            re.search(r"单位[:：]|万元", joined)  # a sentence's figure stays in 万元
            or PROSE.search(joined)
            or ("\t" not in line and len(joined) > 40)
        ):
            wan = False
        if wan:
            line = "\t".join(_in_yuan(line.split("\t")))
        out.append(line)
    return "".join(out)


def _in_yuan(cells: list[str]) -> list[str]:
    """A row's amounts times 10,000: those with decimals, and whole ones right after an
    amount, unless a name follows (then they are the next column's code)."""
    out, money = [], False
    for at, cell in enumerate(cells):
        named = any(HAN.search(later) for later in cells[at + 1 :])
        if AMOUNT.match(cell.strip()) and ("." in cell or (money and not named)):
            out.append(f"{Decimal(cell.strip().replace(',', '')) * 10000:,.2f}")
            money = True
        else:
            out.append(cell)
            money = False
    return out


def split_codes(text: str) -> str:
    """Codes printed in 类 | 款 | 项 columns ('208' '05' '05')."""

    def split(m: re.Match[str]) -> str:
        code = m.group(1)
        return "\t".join([code[:3]] + [code[i : i + 2] for i in range(3, len(code), 2)]) + "\t"

    return re.sub(START + r"(2\d{4}(?:\d{2})?|3\d{4})\t", split, text)


def bracketed(text: str) -> str:
    """Codes in brackets glued to their names ('[20805]行政事业单位养老支出')."""
    return re.sub(START + r"([23]\d{2}(?:\d{2}){0,2})\t(?=[\u4e00-\u9fff])", r"[\1]", text)


def names_only(text: str) -> str:
    """Functional classes printed by name alone, no code column ('一般公共服务支出',
    '行政运行'): each row's leading functional code, whole or split over 类 | 款 | 项,
    left out."""
    return re.sub(START + r"2\d{2}(?:\d{2}|\t\d{1,2}){0,2}\t(?=[^\t\d])", "", text)


def economic_names(text: str) -> str:
    """Economic classes printed by name alone ('工资福利支出', '基本工资'): each row's
    leading economic code, whole or split over 类 | 款, left out."""
    return re.sub(START + r"[35]\d{2}(?:\d{2}|\t\d{1,2})?\t(?=[^\t\d])", "", text)


def dashes(text: str) -> str:
    """Noughts in the tables printed as a dash ('-'), as many tables print an empty part."""
    return re.sub(r"(?<=\t)0(?:\.0+)?(?=\t|\n|\f|$)", "-", text)


def no_separators(text: str) -> str:
    """Amounts without thousands separators."""
    return re.sub(r"(?<=\d),(?=\d{3})", "", text)


UNIT_NAME = re.compile(
    r"(?:编制部门|编制单位|预算单位|部门|单位)[:：]\s*([\u4e00-\u9fff（）()]{4,40})"
)


def units(text: str) -> str:
    """A 单位名称 column before the codes (a department's table of its units): every coded
    row under its unit's name, the department's 合计 row without one."""
    found = (m.group(1) for m in UNIT_NAME.finditer(text) if not m.group(1).endswith("元"))
    name = next(found, "机关本级")

    def row(cells: list[str]) -> list[str]:
        return cells if cells[0].strip() in ("合计", "总计") else [name, *cells]

    return _coded_tables(text, lambda cells: ["单位名称", *cells], row)


def unit_rows(text: str) -> str:
    """A department's table of its units as a tree: under the 合计 row, the unit's own row
    (its name and its sums, no code), then the unit's coded rows."""
    found = (m.group(1) for m in UNIT_NAME.finditer(text) if not m.group(1).endswith("元"))
    name = next(found, "机关本级")

    def row(cells: list[str]) -> list[str]:
        if cells[0].strip() not in ("合计", "总计"):
            return cells
        return ["\t".join(cells) + "\n" + "\t".join([name, *cells[1:]])]

    return _coded_tables(text, lambda cells: cells, row)


FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


def full_width(text: str) -> str:
    """Codes and amounts in the tables typed in full-width digits ('２０１０３０１', '１，０８４．１４')."""
    return "\n".join(
        "\t".join(
            c.translate(FULL_WIDTH) if AMOUNT.match(c.strip()) else c for c in line.split("\t")
        )
        if "\t" in line
        else line
        for line in text.split("\n")
    )


def general(text: str) -> str:
    """Table amounts as Excel's General format shows them: no separators, no trailing
    zeros ('1,208.20' -> '1208.2', '211.00' -> '211', '0.00' -> '0')."""

    def shown(cell: str) -> str:
        if not AMOUNT.match(cell.strip()) or "." not in cell:
            return cell
        return cell.strip().replace(",", "").rstrip("0").rstrip(".")

    return "\n".join(
        "\t".join(shown(c) for c in line.split("\t")) if "\t" in line else line
        for line in text.split("\n")
    )


# the same statements in other words: (pattern, replacement) over the prose
REWORDED = (
    (r"为(\d[\d,]*(?:\.\d+)?\s*万元)", r"共计\1"),
    ("“三公”经费", "三公经费"),
    ("比上年", "较上年"),
    (r"增加(\d[\d,]*(?:\.\d+)?\s*万元)", r"增长\1"),
    (r"减少(\d[\d,]*(?:\.\d+)?\s*万元)", r"下降\1"),
)


def wording(text: str) -> str:
    """The prose's statements in the words other provinces use: 共计 for 为 before an
    amount, 三公经费 without quotes, 较上年 for 比上年, 增长 / 下降 for 增加 / 减少."""
    out = []
    for line in text.split("\n"):
        if "\t" not in line:
            for pattern, replacement in REWORDED:
                line = re.sub(pattern, replacement, line)
        out.append(line)
    return "\n".join(out)


def _swapped(cells: list[str], first: str, second: str) -> list[str] | None:
    words = _cells("\t".join(cells))
    if first not in words or second not in words or words.index(first) > words.index(second):
        return None
    a, b = words.index(first), words.index(second)
    out = list(cells)
    out[a], out[b] = cells[b], cells[a]
    return out


def project_first(text: str) -> str:
    """项目支出 printed before 基本支出 (合计 | 项目支出 | 基本支出), the header saying so."""
    swapping: tuple[int, int] | None = None  # the two columns' places, where cells keep them
    placed = _placed(text)

    def header(cells: list[str]) -> list[str]:
        nonlocal swapping
        new = _swapped(cells, "基本支出", "项目支出")
        words = _cells("\t".join(cells))
        swapping = (words.index("基本支出"), words.index("项目支出")) if new else None
        return new or cells

    def row(cells: list[str]) -> list[str]:
        if swapping is not None and placed:  # each column's cell, blank or not, moves
            a, b = swapping
            out = list(cells)
            out[a], out[b] = cells[b], cells[a]
            return out
        named = next(i for i, c in enumerate(cells) if HAN.search(c))
        at = [i for i, c in enumerate(cells) if i > named and AMOUNT.match(c.strip())]
        values = [Decimal(cells[i].strip().replace(",", "")) for i in at]
        if swapping is None or len(values) < 3 or abs(values[0] - values[1] - values[2]) > 0.011:
            return cells  # one part only: the same text either way round
        out = list(cells)
        out[at[1]], out[at[2]] = cells[at[2]], cells[at[1]]
        return out

    return _coded_tables(text, header, row)


def own_parts(text: str) -> str:
    """Codes in 类 | 款 | 项 columns, each row printing only its own part: '201', then '03'
    under it, then '01' (the cells to the left blank, so gone from copied text). Functional
    codes only: economic classes stand side by side (工资福利 | 商品和服务), where a part
    at the start of a line may belong to either group."""

    def own(m: re.Match[str]) -> str:
        code = "".join(p for p in m.groups() if p)
        return (code[-2:] if len(code) > 3 else code) + "\t"

    return re.sub(START + r"(2\d{2})\t?(\d{2})?\t?(\d{2})?\t(?=[\u4e00-\u9fff])", own, text)


def yuan_and_wan(text: str) -> str:
    """Every other table in 元 (单位：元), the rest in 万元: one document, one page even,
    in both units, each table's own header saying which."""
    return in_yuan(text, every=2)


def _leading_amount(cell: str) -> Decimal | None:
    """A cell's amount, also where the next page's title is glued on ('130.02无锡市…')."""
    m = re.match(r"^-?\d[\d,]*(\.\d+)?(?=$|[\u4e00-\u9fff])", cell.strip())
    return Decimal(m.group(0).replace(",", "")) if m else None


def _without_basic(cells: list[str]) -> list[str]:
    """A row of 合计 | 基本支出 (小计 | 人员 | 公用) | 项目支出 less its 小计, where the
    amounts show which is which: the 小计 is its parts' sum and the total its and 项目's."""
    named = next((i for i, c in enumerate(cells) if HAN.search(c)), 0)
    at = [i for i, c in enumerate(cells) if i > named and _leading_amount(c) is not None]
    values = [_leading_amount(cells[i]) or Decimal(0) for i in at]
    for parts in (2, 1):
        if len(values) < 2 + parts:
            continue
        basic, rest = values[1], values[2 + parts :]
        if basic == sum(values[2 : 2 + parts]) and values[0] == basic + sum(rest):
            return [c for i, c in enumerate(cells) if i != at[1]]
    return cells


def three_way(text: str) -> str:
    """Spending split three ways, 合计 | 人员支出 | 公用支出 | 项目支出, where the document
    prints 基本支出 over 小计 | 人员经费 | 公用经费: the 小计 left out (人员 + 公用 = 基本)."""
    parts = _parts(text)
    lines: list[str | None] = list(parts[0::2])
    splitting = False
    for k, line in enumerate(lines):
        if line is None:  # a header line taken into the one above
            continue
        cells = _cells(line)
        joined = "".join(cells)
        below = _cells(lines[k + 2] or "") if k + 2 < len(lines) else []
        if cells == ["基本支出"] and below == ["小计", "人员经费", "公用经费"]:
            header = _cells(lines[k + 1] or "")
            if HEADER.search("".join(header)) and "合计" in header and "项目支出" in header:
                at = header.index("合计") + 1
                lines[k] = "\t".join([*header[:at], "人员支出", "公用支出", *header[at:]])
                lines[k + 1] = lines[k + 2] = None
                splitting = True
                continue
        if PROSE.search(joined) or HEADER.search(joined):
            splitting = False
        elif splitting and cells and (CODE.match(cells[0]) or cells[0] in ("合计", "总计")):
            lines[k] = "\t".join(_without_basic(line.split("\t")))
    out = []
    for k, line in enumerate(lines):
        if line is not None:
            out.append(line + (parts[2 * k + 1] if 2 * k + 1 < len(parts) else ""))
    return "".join(out)


# a table's title line, and the unit line under it ('部门:某局\t单位:万元')
TITLE_THEN_UNIT = re.compile(
    START + r"([^\t\n\f，。]{2,40}表(?:\([^)\n]*\))?)\n((?:[^\n\f]*\t)?(?:金额)?单位[:：][^\n\f]*)$"
)


def title_units(text: str) -> str:
    """The unit, and the body where it stands beside it, printed on the title's own line
    ('收支总表\t部门:某局\t单位:万元'), as tables set with one baseline for both."""
    return TITLE_THEN_UNIT.sub(r"\1\t\2", text)


def continued(text: str) -> str:
    """'续表' atop each page a table runs on to: a page whose rows go on from the last
    page's, before the running head if it prints one."""
    pages = text.split("\f")
    for k in range(1, len(pages)):
        last = pages[k - 1].rstrip("\n").rsplit("\n", 1)[-1]
        head = pages[k].split("\n")[:2]
        ends_in_row = bool(AMOUNT.match(_cells(last)[-1])) and "\t" in last
        goes_on = any(
            CODE.match(_cells(line)[0]) or sum(bool(AMOUNT.match(c)) for c in _cells(line)) >= 2
            for line in head
        )
        if ends_in_row and goes_on:
            pages[k] = "续表\n" + pages[k]
    return "\f".join(pages)


UNIT_CELL = re.compile(r"^(?:金额)?单位[:：]\s*(万元|元)$")
MONEY_TITLE = re.compile(r"(合计|小计|总计|支出|收入|预算数|决算数|金额|拨款|经费)$")
NOT_MONEY_TITLE = re.compile(r"科目|编码|名称|单位|部门|行次|栏次|^收入$|^支出$")


def header_units(text: str) -> str:
    """No unit line: the unit printed in the money columns' titles instead ('合计(万元)',
    '基本支出(元)'), down to the table's first row."""
    out, unit = [], None
    for line in text.split("\n"):
        cells = line.split("\t")
        found = [c for c in cells if UNIT_CELL.match(c.replace(" ", ""))]
        if found:
            unit = UNIT_CELL.match(found[0].replace(" ", "")).group(1)  # type: ignore[union-attr]
            kept = [c for c in cells if c not in found]
            if kept:
                out.append("\t".join(kept))
            continue
        words = _cells(line)
        if unit and any(AMOUNT.match(w) or CODE.match(w) for w in words):
            unit = None  # the table's rows begin
        if unit:
            cells = [
                c + f"({unit})" if MONEY_TITLE.search(w) and not NOT_MONEY_TITLE.search(w) else c
                for c, w in zip(cells, words, strict=True)
            ]
        out.append("\t".join(cells))
    return "\n".join(out)


def code_joined(text: str) -> str:
    """Each code and its name in one cell, a space between ('2010301 行政运行')."""
    return re.sub(START + r"([23]\d{2}(?:\d{2}){0,2})\t(?=[\u4e00-\u9fff])", r"\1 ", text)


def total_last(text: str) -> str:
    """The 合计 row of a coded table printed under its rows instead of over them: after
    its last row, before the page's foot where that row ends a page."""
    out: list[str] = []
    held: str | None = None
    last = at = -1  # where in `out` the held table's last row is, and the 合计 was
    for line in re.split(r"(?<=\n)", text):
        first = _cells(line.rstrip("\n"))[0]
        if CODE.match(first):
            out.append(line)
            last = len(out) - 1
            continue
        words = _cells(line.replace("\f", "").rstrip("\n"))
        ends = any(AMOUNT.match(w) for w in words) or re.search(r"表$|^注|。", "".join(words))
        if held is not None and last < 0 and ends:  # no coded rows under it: left in place
            out.insert(at, held)
            held = None
        if held is not None and ends:  # not a header a page prints again
            rows, foot, rest = out[last].partition("\f")
            out[last] = rows.rstrip("\n") + "\n" + held.rstrip("\n") + foot + rest
            if not foot:
                out[last] += "\n"
            held = None
        totals = first.rstrip(":：") in ("合计", "总计") and any(AMOUNT.match(w) for w in words)
        if totals and line.endswith("\n") and "\f" not in line:
            held, last, at = line, -1, len(out)
            continue
        out.append(line)
    return "".join(out) + (held or "")


def spaced_heads(text: str) -> str:
    """Short titles and column titles set with a space between characters ('合 计',
    '基 本 支 出'), as a header spread over a wide cell prints them."""
    out = []
    for line in text.split("\n"):
        words = _cells(line)
        heading = not any(AMOUNT.match(w) or CODE.match(w) for w in words) and not PROSE.search(
            line
        )
        if heading and "\f" not in line:
            line = "\t".join(" ".join(c) if 2 <= len(c) <= 6 else c for c in line.split("\t"))
        out.append(line)
    return "\n".join(out)


# a table's label on a line of its own, and its title on the next
LABEL_THEN_TITLE = re.compile(
    START
    + r"((?:公开\s*)?表\s*\d+(?:[-－]\d+)?|公开\s*\d+\s*表|附表\s*\d+)\n([^\t\n\f，。]{2,40}表)$"
)


def label_after(text: str) -> str:
    """The label printed after its title on one line ('收支总表\t公开 01 表')."""
    return LABEL_THEN_TITLE.sub(r"\2\t\1", text)


# column titles in the words other tables use
HEADER_WORDS = (
    ("科目编码", "功能科目编码"),
    ("科目名称", "功能科目名称"),
    ("合计", "总计"),
    ("基本支出", "基本支出预算"),
    ("项目支出", "项目支出预算"),
)


# and in the words of older tables
OLDER_WORDS = (
    ("科目编码", "编码"),
    ("科目名称", "项目"),
    ("合计", "总额"),
    ("基本支出", "基本经费"),
    ("项目支出", "专项支出"),
)


def _header_words(words: tuple[tuple[str, str], ...]) -> Callable[[str], str]:
    def made_over(text: str) -> str:
        def header(cells: list[str]) -> list[str]:
            return [dict(words).get(c.replace(" ", ""), c) for c in cells]

        return _coded_tables(text, header, lambda cells: cells)

    return made_over


# A coded table's column titles in other words: 总计 for 合计, 基本支出预算 for 基本支出,
# 功能科目编码 for 科目编码 …; or older tables' 总额, 基本经费, 专项支出
header_words = _header_words(HEADER_WORDS)
older_words = _header_words(OLDER_WORDS)


VARIANTS: dict[str, Callable[[str], str]] = {
    "prior": prior,
    "year-prior": year_prior,
    "year-both": year_both,
    "summary-prior": summary_prior,
    "summary-stacked": summary_stacked,
    "share": share,
    "other-kind": other_kind,
    "prior-last": prior_last,
    "carry": carry,
    "spaced-codes": spaced_codes,
    "level-marks": level_marks,
    "year-group": year_group,
    "summary-years": summary_years,
    "change": change,
    "column-numbers": column_numbers,
    "line-numbers": line_numbers,
    "yuan": in_yuan,
    "split-codes": split_codes,
    "bracketed": bracketed,
    "no-separators": no_separators,
    "dashes": dashes,
    "names-only": names_only,
    "economic-names": economic_names,
    "units": units,
    "project-first": project_first,
    "own-parts": own_parts,
    "yuan-and-wan": yuan_and_wan,
    "three-way": three_way,
    "unit-rows": unit_rows,
    "full-width": full_width,
    "general": general,
    "wording": wording,
    "title-units": title_units,
    "continued": continued,
    "header-units": header_units,
    "code-joined": code_joined,
    "total-last": total_last,
    "spaced-heads": spaced_heads,
    "label-after": label_after,
    "header-words": header_words,
    "older-words": older_words,
}


def made_over(layouts: str, text: str) -> str:
    """The text in several layouts at once, named joined by + ('prior+own-parts'), each
    made over the one before."""
    for name in layouts.split("+"):
        text = VARIANTS[name](text)
    return text
