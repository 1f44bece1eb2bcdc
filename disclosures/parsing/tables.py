"""Find the standard tables by their titles and cut the document into them.

Titles vary from one agency to the next (收支预算总表, 收入支出决算总表,
部门综合预算收支总表 …), so each kind of table is recognised by a pattern in
TITLE_RULES, a table a reader can scan. Reading the rows is in rows.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import takewhile

from .cells import EMPTY_NOTE, NOTE, UNIT_RE, column_numbers, has_decimals, is_amount
from .extract.base import Line

# (kind, pattern on the title without spaces); the first that matches wins, so
# the narrower patterns come first.
TITLE_RULES: tuple[tuple[str, str], ...] = (
    # the 三公 of a fund's money alone (政府性基金预算“三公”经费支出表) is not the department's
    ("gov_fund", r"^(?!.*一般公共).*(政府性基金|国有资本经营).*三公"),
    ("three_public", r"三公"),
    ("other", r"绩效|自评|机关运行经费|人员情况"),
    # one source's money alone, not the department's: 财政专户管理资金支出预算表, 单位资金收支预算表
    ("other", r"(财政专户(管理)?资金|单位(自有)?资金)(预算)?(收入|支出|收支)"),
    ("gov_fund", r"政府性基金"),
    ("state_capital", r"国有资本经营"),
    ("procurement", r"政府采购"),
    # the general budget's appropriations by class, with their carry-overs beside them
    # (年初结转和结余 | 本年收入 | 本年支出 | 年末结转和结余): no summary of all of them
    ("fiscal_expenditure", r"^一般公共预算财政拨款收入支出(决算|预算)?表"),
    # the national final template's 公开01/04表 are titled without 总: 收入支出决算表
    ("fiscal_summary", r"财政拨款收(入)?支(出)?.*总表|财政拨款收支|财政拨款收入支出"),
    ("summary", r"收(入)?支(出)?.*总表|收支.*总体情况表|收支总表|收入支出(决算|预算)?表"),
    ("basic_functional", r"基本支出.*功能"),
    ("economic_basic", r"基本支出.*经济|基本支出(决算|预算)?(情况|明细)?表"),
    ("economic_project", r"项目支出.*经济"),
    # the appropriations' spending by economic class: 财政拨款支出预算表（部门经济分类科目）
    ("economic_all", r"经济分类|经济科目"),
    ("fiscal_expenditure", r"财政拨款(?!.*(基本|项目)支出).*支出.*表"),
    ("income", r"收入.*(总表|决算表|预算表|明细表|情况表)"),
    # projects paid from the general budget, listed by project: not all its spending
    ("project", r"一般公共预算.*项目支出(?!.*(功能|经济))"),
    ("general_expenditure", r"一般公共预算.*支出"),
    ("project", r"专项业务经费|项目支出(?!.*总).*表|项目表"),
    ("expenditure", r"支出.*(总表|决算表|预算表|明细表|情况表)|支出表"),
    ("other", r"表"),
)
# a title ends in 表, maybe with a note in brackets or a part after a dash:
# '一般公共预算基本支出表—人员经费（工资福利支出）'
_PART_AFTER = r"表[—–\-－]{1,2}[^表。，,；;：:]{1,24}$"
_TITLE_END = re.compile(r"表(\([^)]*\))*$|" + _PART_AFTER)
_TOC_PAGE = re.compile(r"^[.…·\s]*\d{1,3}$")
# '表3', '表1-1', '表3-1-2', '表一', '附表2-1', '公开01表' (not '表一般…', a title glued on)
# ('表1' then '2025年部门收支总表': the year is the title's, not the number's)
_NUMBER = r"(?:\d{1,2}(?:[-－—]\d{1,2}){0,2}|[一二三四五六七八九十]+(?!般)(?:[-－—]\d+)?)"
# a report system's number ('部门公开表01', '单位公开表3')
_PUBLIC = r"(?:部门|单位)?公开表?"
_LABEL_BEFORE = re.compile(
    r"^(表"
    + _NUMBER
    + r"|"
    + _PUBLIC
    + r"\d+表?|附表"
    + _NUMBER
    + r"|(单位|部门)?(预算|决算)\d+表)$"
)
# '公开 05 表 财政拨款支出预算表(功能科目)': text copied out of a PDF puts the label
# and the title in one line
_LABEL_LEAD = re.compile(
    r"^(表"
    + _NUMBER
    + r"|"
    + _PUBLIC
    + r"(\d+|[一二三四五六七八九十]+)表?|附表"
    + _NUMBER
    + r")(?=20\d\d年|[^\d表\-－—])"
)
_LABEL_AFTER = re.compile(r"公开\s*(表)?\s*(\d+|[一二三四五六七八九十]+)\s*表?")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_CLAUSES = re.compile(r"[,;，；]")  # a title is one phrase
_YEAR = re.compile(r"20\d\d年")
_HEADING = re.compile(r"^[（(]?[一二三四五六七八九十]+[、）)]")
_LEADING_ORDINAL = re.compile(r"^([一二三四五六七八九十]+[、.]|\d+[、.]|表\d+(?:[-－—]\d+)*)")


@dataclass
class Table:
    kind: str
    title: str
    label: str  # how the document refers to it: 表4, 公开05表, or the title
    unit: str | None
    title_line: Line
    lines: list[Line] = field(default_factory=list)
    note: str = ""  # the 注/备注 line under the table, such as 本表为空表

    @property
    def page(self) -> int:
        return self.title_line.page


def _joined(line: Line) -> str:
    return "".join(line.cells).replace(" ", "")


# the unit or the body printed in the title's line: '部门收支总表  单位：万元'
_META = r"(?:编制|预算|填报|金额)?(?:单位|部门)(?:名称)?[:：]"
_META_AFTER = re.compile(r"(?<=表)" + _META + ".*$")
# the label printed after the title on its line: '收支总体情况表  表1', '收支总表 公开01表'
_LABEL_TAIL = re.compile(
    r"(?<=表)(?:" + _PUBLIC + r"\d+表?|表\d+(?:[-－]\d+){0,2}|附表\d+(?:[-－]\d+){0,2})$"
)
# a table's continuation on a later page: '续表', '(续表2)', '部门支出总表(续)'
CONTINUED = re.compile(r"^[(]?续表\d*[)]?$|[(]续(表\d*)?[)]$")


def title_of(line: Line) -> str | None:
    """The table title this line carries, or None (TOC entries are not titles)."""
    cells = [c for c in line.cells if c]
    if cells and re.match(_META, cells[0].replace(" ", "")):
        return None  # '部门：…局 | 公开01表 | 金额单位：万元', the line under the title
    meta = (k for k in range(1, len(cells)) if re.match(_META, cells[k].replace(" ", "")))
    end = next(meta, len(cells))  # the body's name may stand in a cell of its own
    cells = cells[:1] + [c for c in cells[1:end] if not UNIT_RE.search(c)]
    text = _LABEL_TAIL.sub("", _META_AFTER.sub("", "".join(cells).replace(" ", "")))
    lead = _LABEL_LEAD.match(text)
    if not cells or (len(cells) > 3 and not lead):
        return None
    if len(cells) > 1 and _TOC_PAGE.match(cells[-1]):
        return None
    if lead and text[lead.end() :]:
        text = text[lead.end() :]
    if len(text) > 70 or _PART.match(text) or not _TITLE_END.search(text):
        return None
    if _CLAUSES.search(text) or EMPTY_NOTE.search(text):
        return None  # a sentence or a note that ends in 表 ('…，此表为空表')
    if _LABEL_AFTER.fullmatch(text) or _LABEL_BEFORE.match(text):
        return None  # '公开01表' names the table above; it is not a table of its own
    return _LEADING_ORDINAL.sub("", text)


def one_part(title: str) -> bool:
    """Whether the table prints one part of its kind's spending, named after a dash
    ('一般公共预算基本支出表—人员经费（工资福利支出）'): its 合计 is that part's."""
    return re.search(_PART_AFTER, title) is not None


def kind_of(title: str) -> str:
    for kind, pattern in TITLE_RULES:
        if re.search(pattern, title):
            return kind
    return "other"


def catalogue(lines: list[Line]) -> dict[str, str]:
    """Title -> label from a list of tables ('表4  部门综合预算财政拨款收支总表  否')."""
    found = {}
    for line in lines:
        cells = [c for c in line.cells if c]
        if len(cells) >= 2 and re.fullmatch(r"表\d+", cells[0].replace(" ", "")):
            found[cells[1].replace(" ", "")] = cells[0].replace(" ", "")
    return found


def _label(title: str, lines: list[Line], i: int, known: dict[str, str]) -> str:
    if title in known:
        return known[title]
    lead = _LABEL_LEAD.match(_joined(lines[i]))
    if lead:
        return lead.group(1)
    tail = _LABEL_TAIL.search(_META_AFTER.sub("", _joined(lines[i])))
    if tail:
        return tail.group(0)
    if i > 0 and _LABEL_BEFORE.match(_joined(lines[i - 1])):
        return _joined(lines[i - 1])
    for line in lines[i + 1 : i + 4]:
        match = _LABEL_AFTER.search(_joined(line))
        if match:
            return match.group(0)
    return title


# a column title that carries the unit: '合计(元)', '预算数（万元）'
_TITLE_UNIT = re.compile(r"^[^\d]{1,20}?[（(](万元|千元|亿元|元)[)）]$")


def _unit(lines: list[Line]) -> str | None:
    for line in lines[:10]:
        for text in (_joined(line), *line.cells):
            match = UNIT_RE.search(text.strip())
            if match:
                return match.group(1) or match.group(2)
    # no unit stated over the table: the one its column titles carry, where they agree
    titled = {
        match.group(1)
        for line in lines[:10]
        for cell in line.cells
        if (match := _TITLE_UNIT.match(cell.replace(" ", "")))
    }
    return titled.pop() if len(titled) == 1 else None


def _ends_table(line: Line, kind: str) -> bool:
    """Tables end at a part heading, a note, a sentence, or (outside the summary
    tables, whose rows start with 一、二、…) a numbered heading."""
    text = _joined(line)
    if _PART.match(text) or _is_note(line) or (len(text) > 30 and "。" in text):
        return True
    heading = _HEADING.match(text) and not any(is_amount(c) for c in line.cells)
    return bool(heading) and kind not in ("summary", "fiscal_summary")


def _is_note(line: Line) -> bool:
    """注：… under a table, or a bare line saying the table is empty."""
    text = _joined(line)
    if NOTE.match(text):
        return True
    return EMPTY_NOTE.search(text) is not None and not any(is_amount(c) for c in line.cells)


def _wrapped_title(before: Line, line: Line) -> str | None:
    """A title wrapped onto a second line ('…会议费、培训费支出预' / '算表', '…基本支出预算
    表(经济科' / '目)'): the two lines' words read as one title, where the first does not
    make one by itself."""
    if title_of(before) is not None or any(is_amount(c) for c in before.cells):
        return None
    if re.search(r"[。；;！!]$|\d万?元", _joined(before)):  # a sentence ends there
        return None
    joined = Line(page=line.page, cells=(_joined(before) + _joined(line),))
    return title_of(joined)


def _is_label(line: Line) -> bool:
    text = _joined(line)
    return bool(_LABEL_AFTER.fullmatch(text) or _LABEL_BEFORE.match(text))


def _short(line: Line) -> bool:
    """A few characters, no amount and no 表 (a label such as 公开01表 ends no title):
    maybe a title's wrapped end ('目)')."""
    text = _joined(line)
    return len(text) <= 6 and "表" not in text and not any(is_amount(c) for c in line.cells)


def _note_apart(line: Line) -> list[Line]:
    """A note printed under a table's rows, in the rows' line where the text lost the
    breaks between them ('… 109.50 注：因四舍五入…'): the rows, then the note."""
    cells = line.cells
    at = next((k for k in range(1, len(cells)) if NOTE.match(cells[k])), None)
    if at is None or not any(is_amount(c) for c in cells[:at]):
        return [line]
    return [
        replace(line, cells=cells[:at], boxes=line.boxes[:at], xs=line.xs[:at]),
        replace(line, cells=cells[at:], boxes=line.boxes[at:], xs=line.xs[at:]),
    ]


def split_tables(lines: list[Line]) -> tuple[list[Table], list[Line]]:
    """Cut the lines into tables and the narrative lines left outside them."""
    lines = [part for line in lines for part in _note_apart(line)]
    known = catalogue(lines)
    tables: list[Table] = []
    narrative: list[Line] = []
    current: Table | None = None
    for i, line in enumerate(lines):
        title = title_of(line)
        # '续表' on a line of its own goes on with the table, never a title's wrapped end
        alone = title is not None and CONTINUED.search(title) is not None
        if i > 0 and not alone:
            # the label ('公开 08 表') may sit between the title's two lines
            before = lines[i - 2] if i > 1 and _is_label(lines[i - 1]) else lines[i - 1]
            if title is None and _short(line) or title is not None and len(title) <= 4:
                title = _wrapped_title(before, line) or title
            elif title is not None and _YEAR.search(_joined(before)) and not _YEAR.search(title):
                # '…管理局2025年一般公共预算基本' over '支出预算表': a title begun with the body
                # and the year, where its end alone names another table
                whole = _wrapped_title(before, line)
                title = whole if whole and kind_of(whole) != kind_of(title) else title
        if title is not None and CONTINUED.search(title) and tables:
            current = _goes_on(tables)  # the table before goes on
            continue
        if title is not None:
            label = _label(title, lines, i, known)
            current = Table(kind_of(title), title, label, None, line)
            tables.append(current)
        elif current is not None and _ends_table(line, current.kind):
            if _is_note(line):
                current.note = _joined(line)
            current = None
            narrative.append(line)
        elif current is not None:
            current.lines.append(line)
        else:
            narrative.append(line)
    tables = _continued(tables)
    for table in tables:
        table.unit = _unit([table.title_line, *table.lines])
        table.kind = _kind_by_rows(table)
    return [t for t in tables if t.lines], narrative


def _goes_on(tables: list[Table]) -> Table:
    """The table a '续表' line continues: the last one, or where the title just before it
    was printed again over its rest ('…项目支出预算表' over '（续表）'), the table of that
    title before it, the title's own table dropped."""
    last = tables[-1]
    same = [t for t in tables[:-1] if t.title == last.title and t.kind == last.kind]
    if last.lines or not same:
        return last
    tables.pop()
    return same[-1]


def _continued(tables: list[Table]) -> list[Table]:
    """A table whose title (and label, or no label) each page prints again, as report
    systems print them or a typist types it over the rest ('（续表）'), is one table going
    down its pages: where the next page's rows are new ones, its
    lines join the table's. Where they are the same rows again, the page carries the
    table's other columns (a wide table printed across two pages) and stays apart."""
    out: list[Table] = []
    for table in tables:
        before = out[-1] if out else None
        if (
            before is not None
            and before.lines
            and table.title == before.title
            and table.label in (before.label, table.title)  # the same, or none of its own
            and before.page < table.page <= before.lines[-1].page + 1
            and not _row_keys(table) & _row_keys(before)
        ):
            before.lines.extend(table.lines)
            before.note = table.note or before.note
            continue
        out.append(table)
    return out


def _row_keys(table: Table) -> set[str]:
    """The words before the amounts of the table's rows that carry amounts: their codes
    and names (a project's unit and name: the unit alone repeats down the rows)."""
    keys = set()
    for line in table.lines:
        cells = [c.replace(" ", "") for c in line.cells if c.strip()]
        if column_numbers(cells):  # 栏次 1 2 3: every page's header prints it
            continue
        if len(cells) > 1 and any(is_amount(c) for c in cells[1:]) and not has_decimals(cells[0]):
            keys.add("|".join([cells[0], *takewhile(lambda c: not is_amount(c), cells[1:])]))
    return keys


# spending tables a title may name by their money alone (一般公共预算支出预算表), which
# set out economic classes instead of functional ones
_SPENDING_KINDS = ("general_expenditure", "expenditure", "fiscal_expenditure")
_ECONOMIC_CODE = re.compile(r"[35]\d\d(\d\d)?")
_FUNCTIONAL_CODE = re.compile(r"2\d\d(\d\d){0,2}")


def _kind_by_rows(table: Table) -> str:
    """A spending table's kind by what its rows are where its title does not say: a
    header naming 经济分类 over rows coded 301, 30101 … is a table of economic classes."""
    if table.kind not in _SPENDING_KINDS:
        return table.kind
    firsts = [next((c.strip() for c in line.cells if c.strip()), "") for line in table.lines]
    economic = sum(1 for c in firsts if _ECONOMIC_CODE.fullmatch(c))
    functional = sum(1 for c in firsts if _FUNCTIONAL_CODE.fullmatch(c))
    named = any("经济分类" in _joined(line) for line in table.lines[:8])
    return "economic_all" if named and economic >= 3 and not functional else table.kind
