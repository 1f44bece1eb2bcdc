"""Figures stated in sentences: totals, changes against last year, headcount.

Some documents lost their tables (only the sentences are left); all of them
explain the figures in prose, which the audit checks against the tables. The
patterns live in FIGURE_RULES and CHANGE_RE; everything else is plumbing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .cells import has_decimals, is_amount, percent_gap
from .extract.base import Line

# an amount: digits, grouped by threes with commas or not; '4125.49,4143.91万元' is two
# amounts, never 494,143.91
NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
NUM = "(" + NUMBER + ")"
MONEY = NUM + r"\s*(万元|亿元|千元|元|万)"
# the words between a figure's name and its amount: '为', '共计', '合计', '总额为' …
LINK = r"(?:总额为|总额|总计为|总计|共计为|共计|合计为|合计|共|计|达|为)?"

# Totals are read only from phrasings that name the whole unit's 收入/支出 (收入总计,
# 安排支出预算, 年度支出 …), never 拨款收入, 缴费支出 or a class such as 住房保障支出;
# a figure preceded by 增加/减少 is a change, not a total.
NOT_PART = r"(?<!拨款)(?<!财政)(?<!增加)(?<!减少)(?<!基金)"
# not one source of funds: 拨款收入, 事业收入, 其他收入 …
SOURCE_NOT = NOT_PART + r"(?<!事业)(?<!经营)(?<!其他)(?<!补助)(?<!上缴)(?<!专户)"
# after the year or the body: the whole unit's, not a fund's ('政府性基金预算收支均为0')
OF_THE_WHOLE = r"(?:(?<=年)|(?<=度)|(?<=部门)|(?<=单位)|(?<=预算)|(?<=决算))"
# income and spending stated as one: '收入、支出预算均为A万元', '部门预算收支均为A万元'
WHOLE_ALIKE = (
    r"|(?:(?<=年)|(?<=度)|(?<=部门)|(?<=单位))(?:预算|决算)?(?:收入、支出|收支)(?:预算|决算)?"
    r"(?:均|都)"
)
# a sentence (or a clause after ；) that opens with the whole's figure and breaks it down:
# '支出预算490.90万元，其中基本支出…', '收入预算共计400.00万元，其中：财政拨款…'
BROKEN_DOWN = (
    r"|^收入(?:预算|决算)(?=(?:总额|合计|共计|总计)?为?\s*" + NUMBER + r"\s*万元[，,]\s*其中)"
)
REVENUE = (
    r"(?:"
    + NOT_PART
    + r"收入(?:预算|决算)?总计|本年收入合计|收支总预算|收支(?:预算|决算)总(?:额|计)|当年预算收入"
    r"|(?<!当年)(?<=年)度?收入(?:预算|决算)?|(?<=[，,；;])收入(?:预算|决算)"
    r"|(?<=中心|单位|部门)(?:预算|决算)?收入(?:预算|决算)?"
    + WHOLE_ALIKE
    + BROKEN_DOWN
    + r"|"
    + OF_THE_WHOLE
    + r"(?<!基金预算)(?<!经营预算)总收入(?:预算|决算)?)"
    + LINK
)
SPENDING = (
    r"(?:" + NOT_PART + r"(?<!收入)支出(?:预算|决算)?总计|本年支出合计|安排支出预算|当年预算支出"
    r"|收支总预算|收支(?:预算|决算)总(?:额|计)"  # a budget's income and spending balance
    # '2025年支出决算', never an item's '年初预算为215.00万元，当年支出决算为213.10万元'
    r"|(?<!当年)(?<=年)度?支出(?:预算|决算)?(?![中的])"
    # the spending stated right after the income: '收入预算1,234万元，支出预算1,234万元'
    r"|"
    + SOURCE_NOT
    + r"收入(?:预算|决算)?(?:总额|合计)?为?"
    + NUMBER
    + r"\s*(?:万元|亿元|千元|元|万)[，,]支出(?:预算|决算)?(?![中的])"
    r"|(?<=中心|单位|部门)(?:预算|决算)?支出(?:预算|决算)?(?![中的])"
    + WHOLE_ALIKE
    + BROKEN_DOWN.replace("收入", "支出")
    + r"|(?:(?<=[，,])|"
    + OF_THE_WHOLE
    + r")(?<!基金预算)(?<!经营预算)总支出(?:预算|决算)?)"
    + LINK
)
# A final account states the budget, then what was spent: '“三公”经费财政拨款支出预算为
# 10.00万元，支出决算为8.00万元'. The spent figure is the figure: the budget's clause is
# passed over where the spent one follows, and a budget figure it follows is not read.
BUDGET_FIRST = (
    r"(?:(?:支出)?(?:全年|年初)?预算(?:数)?为?" + NUMBER + r"\s*万元[，,]\s*(?=支出决算))?"
)
OUTTURN_NEXT = r"(?!元?[，,]\s*(?:支出)?决算(?:数)?(?:为|\s*\d))"
# what follows the name of 三公 or one of its parts: '支出预算数为', '决算', '安排' …
THREE_PUBLIC_TAIL = r"(?:预算)?(?:支出)?(?:预算|决算)?(?:数|安排)?" + LINK + MONEY + OUTTURN_NEXT
# (figure, pattern): the first amount after the words is the figure.
FIGURE_RULES: tuple[tuple[str, str], ...] = (
    ("revenue", REVENUE + MONEY),
    ("expenditure", SPENDING + MONEY),
    ("basic", r"(?<!增加)(?<!减少)基本支出(?:预算|决算)?(?:数)?" + LINK + MONEY),
    ("project", r"(?<!增加)(?<!减少)项目支出(?:预算|决算)?(?:数)?" + LINK + MONEY),
    # not a project named for its people: 临聘人员经费, 辅助人员经费
    ("personnel", r"(?<!聘)(?<!辅助)(?<!编外)(?<!临时)人员(?:经费|支出)" + LINK + MONEY),
    ("public", r"公用(?:经费|支出)(?:预算安排|预算)?" + LINK + MONEY),
    ("three_public", r"三公”?经费”?[^。；;，,]{0,16}?支出决算(?:数)?为" + MONEY),
    (
        "three_public",
        r"三公”?经费”?(?:财政拨款|一般公共预算)?" + BUDGET_FIRST + r"(?:预算|支出|决算)*"
        r"(?:数|支出|安排)?" + LINK + MONEY + OUTTURN_NEXT,
    ),
    (
        "three_public:abroad",
        r"(?:因公)?出国\(境\)(?:经?费(?:用)?)?" + BUDGET_FIRST + THREE_PUBLIC_TAIL,
    ),
    (
        "three_public:vehicles",
        r"公务用?车购置及运行(?:维护)?费" + BUDGET_FIRST + THREE_PUBLIC_TAIL,
    ),
    # the two halves of 公务用车 stated apart
    (
        "three_public:vehicle_purchase",
        r"公务用?车购置(?!及)(?:费用?)?" + BUDGET_FIRST + THREE_PUBLIC_TAIL,
    ),
    (
        "three_public:vehicle_operation",
        r"(?<!及)公务用?车运行(?:维护|维修)?费(?:用)?" + BUDGET_FIRST + THREE_PUBLIC_TAIL,
    ),
    ("three_public:reception", r"公务接待费" + BUDGET_FIRST + THREE_PUBLIC_TAIL),
    (
        "procurement",
        r"(?<!类)(?<!货物)(?<!服务)(?<!工程)政府采购(?:实际|计划)?(?:支出|预算|金额|安排|资金|总计)+(?:总金额)?"
        r"(?:\([^)]{0,12}\))?" + LINK + MONEY,
    ),
)
# grand totals the text restates: checked against the summary tables' 总计
# (kind of table, the words a finding names, pattern)
GRAND_RULES: tuple[tuple[str, str, str], ...] = (
    ("fiscal_summary", "财政拨款收入支出总计", r"财政拨款收入支出总计" + MONEY),
    ("summary", "收入支出总计", r"(?<!拨款)收入支出总计" + MONEY),
)
# (not 政府购买服务, the services bought for the public, stated beside procurement)
PROCUREMENT_PART = re.compile(
    r"(?:政府采购)?(?<!购买)(货物|工程|服务)类?(?:政府)?(?:采购)?(?:支出|预算|金额)*" + MONEY
)
NONE_RULES: tuple[tuple[str, str], ...] = (
    ("procurement", r"(?:无|未安排|没有|不涉及)政府采购(?:预算|支出)"),
)

# the words before a change's percentage: '增长2.9%', '减少了1.44%', '降幅为13%'
PERCENT_WORD = r"(?:增长|下降|降低|增加|减少|增幅|降幅)(?:了|为)?"
CHANGE_RE = re.compile(
    r"(?:(?:比|较|与|同)(?:上年度?|上一年度?|去年|\d{4}年度?)[^，,。；;]{0,12}?(?:相比)?|同比)"
    r"[，,]?[^，,。；;\d]{0,16}?"
    r"(增加|减少|增长|下降|持平)"
    r"(?:\s*" + MONEY + r")?(?:[，,]?\s*" + PERCENT_WORD + r"\s*" + NUM + r"\s*%)?"
)
# two figures and their changes side by side: '收、支总计各是4125.49,4143.91万元' then '收、支
# 总计各减少1267.86,2570.97万元，各下降23.51%、38.28%'; the first amount's unit may be left
# to the second's
UNIT = r"(万元|亿元|千元|元|万)"
AND = r"\s*[，,、和与及]\s*"
PAIRED_BASE = re.compile(r"(?:各|分别)(?:是|为)?\s*" + NUM + r"\s*" + UNIT + "?" + AND + MONEY)
PAIRED_CHANGE = re.compile(
    r"(?:各|分别)(增加|减少|增长|下降)\s*"
    + NUM
    + r"\s*"
    + UNIT
    + "?"
    + AND
    + MONEY
    + r"(?:[，,]?\s*各?"
    + PERCENT_WORD
    + r"\s*"
    + NUM
    + r"\s*%"
    + AND
    + NUM
    + r"\s*%)?"
)
AMOUNT_AFTER_PERCENT = re.compile(r"\s*" + NUM + r"\s*%[，,]?\s*(增加|减少|下降)" + MONEY)
PERCENT_ONLY = re.compile(PERCENT_WORD + r"\s*" + NUM + r"\s*%")
# last year's figure stated outright after this year's: '…1,000万元，上年预算数为900万元'
# or as the base of the change: '…1,234万元，较2024年1,200万元增长2.9%'
PRIOR_RE = re.compile(
    r"(?:[，,；;]\s*|(?<=[，,；;])(?:比|较))(?:上年|上一年|去年|(\d{4})年)度?(?:同期)?"
    r"(?:预算|决算|支出|执行)*数?" + LINK + MONEY
)
REASON_RE = re.compile(r"(?:主要原因|原因)(?:是|为|：|:)\s*([^。；;]+)")
SHARE_RE = re.compile(
    r"([^，,。；;、]{2,20}?)" + MONEY + r"[，,]?\s*占([^\d，,。；;]{0,10}?)" + NUM + r"\s*%"
)
ITEM_RE = re.compile(
    r"(?:(2\d{4}(?:\d{2})?)\s*[-－—]\s*([^\d（(]{2,30}?)|([^\d（(，,。]{2,30}?)[（(](2\d{4}(?:\d{2})?)[)）])\s*"
    + MONEY
)
HEAD_RULES: tuple[tuple[str, str], ...] = (
    # the first 编制 figure of a sentence is the whole establishment ('编制338名，其中行政编制200名')
    ("authorized", r"编制(?:总数|数|人数)?(?:合计|总计)?(?:为|共计|共)?\s*(\d+)\s*[名人个]"),
    # staff at work; 实有 may count the retired too ('实有人员72人，其中：在职人员46人，
    # 离退休人员26人'), so a 在职 figure comes first where a sentence gives both
    (
        "actual",
        r"(?:在职人员|在职人数|在职职工|在编在职人员|在职在编人员|在职在编|在编人员|在岗人员"
        # a bare 在职 with its count ('在职25名'), not a unit's staff ('在职7名人员工资')
        r"|实际在岗|实际在编人数|实际在编人员|实有在编|(?<![离退])在职(?=\s*\d+\s*[名人](?!人?员)))"
        # '在职职工人数50人', '在职人员数为30人', '在职人员共计36人'
        r"(?:人数|数)?\s*(?:为|共计|共|合计)?\s*(\d+)\s*[名人]",
    ),
    (
        "actual",
        r"(?:实有人员|实有人数|实有|现有人数|现有人员)\s*(?:为|共计|共|合计)?\s*(\d+)\s*[名人]",
    ),
)
# an establishment stated by kind alone ('核定行政编制15名、事业编制5名'): the kinds add up
KIND_OF_POST = re.compile(r"(?:行政|事业|工勤|机关|参公)编制(?:数)?(?:为)?\s*(\d+)\s*[名人个]")
PAGE_NUMBER = re.compile(r"^[-─—_–]*第?\d{1,3}页?[-─—_–]*$")
SENTENCE_END = re.compile(r"(?<=[。；;])")
# each a power of ten written as one, so a figure keeps the precision it was printed to:
# '38.16亿元' is 3.816E+5 万元, good to 50万元 either way, not 381600.00
UNIT_FACTOR = {
    "万元": Decimal(1),
    "万": Decimal(1),
    "亿元": Decimal("1E+4"),
    "千元": Decimal("0.1"),
    "元": Decimal("0.0001"),
}


@dataclass(frozen=True)
class Sentence:
    text: str
    page: int


@dataclass(frozen=True)
class Stated:
    key: str
    value: Decimal
    unit: str
    sentence: Sentence
    words: str = ""  # the words matched, figure included
    before: str = ""  # the few characters before them
    fund: bool = False  # its sentence, or the one its 其中 breaks down, is one fund's

    @property
    def rank(self) -> int:
        """Which statement of a total to take first: the year's own figure (本年收入), then
        a grand total with last year's money carried over (收支总预算, 收入总计), then the
        year's figure of one source of funds (一般公共预算本年收入), which is a part."""
        if re.search(r"(预算|拨款|基金|资金|专户)(本?年度?)?$", self.before):
            return 2
        return 1 if re.search(r"总计|总预算|总决算|总额", self.words) else 0


@dataclass(frozen=True)
class StatedChange:
    base: Decimal  # the figure the change is about, in 万元
    delta: Decimal
    percent: Decimal | None
    reason: str | None
    subject: str  # the words before the figure, to tell what it is
    sentence: Sentence
    # the clause names all the spending but prints no figure of its own ('2025年收支预算总额
    # 比上年减少28.99万元' after a sentence about project spending): the change is the total's
    whole: bool = False


def money(number: str, unit: str) -> Decimal:
    return Decimal(number.replace(",", "")) * UNIT_FACTOR[unit]


def sentences(lines: list[Line]) -> list[Sentence]:
    """Join wrapped lines and cut at sentence ends; each keeps its first page."""
    out: list[Sentence] = []
    buffer, page = "", None
    for line in lines:
        text = "".join(c for c in line.cells).replace(" ", "")
        if PAGE_NUMBER.match(text):  # a page foot inside a sentence that runs on
            continue
        if _table_row(line):  # a row of a small table inside the text: a sentence apart
            if buffer:
                out.extend(Sentence(s, page or line.page) for s in SENTENCE_END.split(buffer) if s)
            out.append(Sentence(text, line.page))
            buffer, page = "", None
            continue
        if page is None:
            page = line.page
        buffer += text
        if buffer.endswith(("。", "；", ";", "：", ":")) or _is_heading(text):
            out.extend(Sentence(s, page) for s in SENTENCE_END.split(buffer) if s)
            buffer, page = "", None
    if buffer:
        out.extend(Sentence(s, page or 1) for s in SENTENCE_END.split(buffer) if s)
    return out


def _table_row(line: Line) -> bool:
    """Cells of a row, two amounts or more among them and no words of a sentence
    ('教育支出 | 10205.24 | 10,391.89'), not a sentence's pieces as a PDF drew them."""
    cells = [c for c in line.cells if c.strip()]
    words = [c for c in cells if not is_amount(c)]
    prose = any(len(w) > ROW_LABEL or _PROSE.search(w) for w in words)
    money = sum(is_amount(c) and has_decimals(c) for c in cells)  # not a year ('2019')
    return len(cells) >= 3 and money >= 2 and not prose


ROW_LABEL = 20  # characters of a row's label at most
_PROSE = re.compile(r"[，,。；;：:]|万?元")


def _is_heading(text: str) -> bool:
    return (
        bool(re.match(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第.部分)", text))
        and len(text) < 30
        and not re.search(r"\d+(\.\d+)?万元", text)
    )


# one fund's money, not the whole unit's: a sentence about it names it before any amount
# ('2024年度政府性基金预算财政拨款…，本年收入100.00万元，支出85.00万元')
FUNDS = r"政府性基金|国有资本经营"
APPROPRIATIONS = FUNDS + r"|财政拨款|一般公共预算"
# every source of funds a sentence may single out ('以单位资金安排基本支出30.00万元'):
# the appropriations and the unit's own money (预算管理一体化's 财政专户管理资金, 单位资金)
SOURCES = APPROPRIATIONS + r"|财政专户|单位资金|事业收入|经营收入"


def _tail(text: str, size: int = 20) -> str:
    """The last words before a figure, as a change's subject: its clause's, where that
    starts within `size` characters ('支出决算为', not '出全年预算数为11.00万元,支出决算为');
    else back to where the clause starts, up to twice as far ('三亚市…局2026年财政拨款收支
    总预算', not '化广电体育局…'); else about `size` characters, a number cut short taken
    whole ('2025年…', not '025年…')."""
    clause = [0] + [m.end() for m in re.finditer(r"[，,。；;：:]+", text)]
    start = max(len(text) - size, 0)
    begun = [at for at in clause if at >= start and at < len(text)]
    if begun:
        return text[begun[-1] :]
    earlier = [at for at in clause if at >= len(text) - 2 * size and at < len(text)]
    if earlier:
        return text[earlier[-1] :]
    while start > 0 and text[start - 1].isdigit() and text[start].isdigit():
        start -= 1
    return text[start:]


def about_fund(text: str, funds: str = SOURCES) -> bool:
    """Whether a sentence's words before its first amount name one source's money."""
    first = re.search(MONEY, text)
    return re.search(funds, text[: first.start()] if first else text) is not None


def stated_figures(sents: list[Sentence], year: int | None = None) -> list[Stated]:
    """The figures the sentences state for this year; a clause about an earlier year
    ('2025年本部门收支预算总额为…' in a 2026 budget, '上年“三公”经费预算数为…') states
    last year's, not this year's."""
    found = []
    fund = False
    for sentence in sents:
        # '…一般公共预算拨款支出4871.62万元。其中：基本支出…': the parts of that fund's
        breaks_down = re.match(r"[\s，,、]*其中", sentence.text) is not None
        fund = about_fund(sentence.text) or (breaks_down and fund)
        for key, pattern in FIGURE_RULES:
            if fund and key in ("revenue", "expenditure"):
                continue
            for match in re.finditer(pattern, sentence.text):
                if _earlier_year(sentence.text, match.start(), year):
                    continue
                value = money(match.group(1), match.group(2))
                before = sentence.text[max(match.start() - 8, 0) : match.start()]
                words = match.group(0)
                found.append(Stated(key, value, match.group(2), sentence, words, before, fund))
        for key, pattern in NONE_RULES:
            if re.search(pattern, sentence.text):
                found.append(Stated(key, Decimal(0), "万元", sentence))
    return found


# a year a sentence speaks of, not one it compares with ('比2025年', '较2025年度') nor a
# date ('经2025年12月…审议')
_SUBJECT_YEAR = re.compile(r"(?<![比较与同])(20\d\d)年(?!\s*\d{1,2}\s*月)")
# a clause opening with last year ('上年…', '去年…', '2025年…' in a 2026 document)
_CLAUSE_YEAR = re.compile(
    r"^[\s（(一二三四五六七八九十、）)]*(?:(20\d\d)年|(上年|上一年|去年)(?!结转|结余))"
)


def _earlier_year(text: str, at: int, year: int | None) -> bool:
    """Whether the clause a figure stands in opens with last year, or the last year the
    sentence names before it as its subject (not as what it is compared with: '比2025年')
    is before the document's ('2025年基本支出预算为…，项目支出预算为…')."""
    start = max(text.rfind(mark, 0, at) for mark in "，,；;：:。") + 1
    opens = _CLAUSE_YEAR.match(text[start:at])
    if opens is not None and opens.group(2):
        return True
    named = [int(m.group(1)) for m in _SUBJECT_YEAR.finditer(text, 0, at)]
    return year is not None and bool(named) and named[-1] < year


def headcount(sents: list[Sentence]) -> list[Stated]:
    found = []
    for sentence in sents:
        head = re.split(r"其中", sentence.text)[0]
        kinds = KIND_OF_POST.findall(head)
        first = re.search(HEAD_RULES[0][1], head)
        if len(kinds) > 1 and first is not None and KIND_OF_POST.match(head, first.start() - 2):
            total = sum(int(k) for k in kinds)
            found.append(Stated("authorized", Decimal(total), "人", sentence))
        whole = re.search(HEAD_RULES[2][1], sentence.text)
        for key, pattern in HEAD_RULES:
            for match in re.finditer(pattern, sentence.text):
                if key == "actual" and _part_of_whole(sentence.text, match, whole):
                    continue
                found.append(Stated(key, Decimal(match.group(1)), "人", sentence))
    return found


def _part_of_whole(text: str, match: re.Match[str], whole: re.Match[str] | None) -> bool:
    """A staff figure given after 其中 under a 实有 whole that splits its staff by how they
    are employed ('实有人数968人，其中在编人员398人、编外聘用人员570人'), not into those at
    work and the retired ('实有人员88人，其中在职64人；离退休24人'): a part, where the whole
    is the staff."""
    return (
        whole is not None
        and whole.end() <= match.start()
        and "其中" in text[whole.end() : match.start()]
        and "退休" not in text
        # 在职 under 实有 is the staff at work, the retired maybe told in the next clause
        and "在职" not in match.group(0)
    )


# the words that name the whole budget: '收支预算总额', '收支总预算', '预算总额', '总支出'
# (not 总计, which counts the balances carried over: 收入支出总计 is not 本年支出合计)
WHOLE_SUBJECT = re.compile(
    r"(?:收支|支出)(?:预算|决算)?(?:总额|合计)|收支总?(?:预算|决算)|(?:预算|决算)总额|总支出"
)
# … and the words that name a part of it ('财政拨款收支总额', '三公经费支出总额')
PART_SUBJECT = re.compile(r"财政拨款|一般公共|政府性基金|国有资本|基本|项目|三公|经费|采购")


def _whole_named(text: str) -> bool:
    """Whether a clause's words before its change name the whole budget, not a part."""
    return bool(WHOLE_SUBJECT.search(text)) and not PART_SUBJECT.search(text)


def _base_of(text: str, start: int, previous: str | None) -> tuple[Decimal, str] | None:
    """The figure a change refers to: the first amount of its clause, else of the sentence before."""
    # '支出预算A万元，其中：财政拨款支出预算B万元，比上年增加C': the change is B's; a 其中
    # in brackets closed before the change is an aside ('A万元（其中购置费B万元），比上年…')
    parts = re.split(
        r"其中", re.sub(r"[（(][^（()）]*(?:其中|\d)[^（()）]*[)）]", "", text[:start])
    )
    for head in ([parts[-1].lstrip("：:，,、 ")] if len(parts) > 1 else []) + [parts[0]]:
        match = re.search(MONEY, head)
        if match:
            return money(match.group(1), match.group(2)), head[: match.start()]
    if previous:
        match = re.search(MONEY, re.split(r"其中", previous)[0])
        if match:
            return money(match.group(1), match.group(2)), previous[: match.start()]
    return None


def changes(sents: list[Sentence]) -> list[StatedChange]:
    found: list[StatedChange] = []
    previous: str | None = None
    earlier: list[str] = []  # the clauses before, to find a figure a change names
    for sentence in sents:
        for clause in re.split(r"(?<=；)|(?<=;)", sentence.text):
            paired = _paired(clause, previous, sentence)
            found.extend(paired)
            for match in CHANGE_RE.finditer(clause):
                if paired and PAIRED_CHANGE.search(clause, match.start(), match.end() + 40):
                    continue
                stated = _change(clause, match, previous, sentence, earlier)
                if stated is not None:
                    found.append(stated)
            found.extend(_prior_stated(clause, sentence))
            earlier.append(clause)
        previous = sentence.text
    return found


# the words that set a change against last year ('与2023年相比', '比上年', '同比')
COMPARED = re.compile(
    r"(?:比|较|与|同)(?:上年度?|上一年度?|去年|\d{4}年度?)(?:同期)?(?:预算|决算|执行)?数?(?:相比)?"
    r"|同比|相比"
)


def _named(clause: str, match: re.Match[str]) -> str:
    """What a change with no amount before it names ('与2023年相比，财政拨款收支总预算增加…'
    names 财政拨款收支总预算): its last words before the change word, the comparison and
    the year left out."""
    words = COMPARED.sub("，", clause[: match.start(1)])
    last = [w for w in re.split(r"[，,：:（）()\s]", words) if w]
    named = re.sub(r"^(?:\d{4}年度?|全年|本年度?)", "", last[-1]) if last else ""
    return re.sub(r"(?:各|均|分别)$", "", named)


def _stated_before(subject: str, earlier: list[str]) -> tuple[Decimal, str] | None:
    """The figure the latest clause before states for a subject ('财政拨款收支总预算3795.60万元')."""
    if len(subject) < 4:
        return None
    pattern = re.compile(
        re.escape(subject) + r"\s*(?:各|均|分别)?(?:为|是|共计|合计|总计)?\s*" + MONEY
    )
    for text in reversed(earlier):
        match = pattern.search(text)
        if match:
            return money(match.group(1), match.group(2)), subject
    return None


def _paired(clause: str, previous: str | None, sentence: Sentence) -> list[StatedChange]:
    """The two changes of figures stated side by side (`PAIRED_CHANGE`), each about its
    own figure: the pair before it in the clause, else in the sentence before."""
    match = PAIRED_CHANGE.search(clause)
    if match is None:
        return []
    base = next(
        (
            (found, text)
            for text in (clause[: match.start()], previous or "")
            if (found := PAIRED_BASE.search(text))
        ),
        None,
    )
    if base is None:
        return []
    (found, text) = base
    word, first, first_unit, second, unit, one, two = match.groups()
    sign = -1 if word in ("减少", "下降") else 1
    currents = (
        money(found.group(1), found.group(2) or found.group(4)),
        money(found.group(3), found.group(4)),
    )
    deltas = (money(first, first_unit or unit), money(second, unit))
    percents = (one, two)
    subject = _tail(text[: found.start()])
    reason = REASON_RE.search(clause, match.end())
    return [
        StatedChange(
            current,
            sign * delta,
            Decimal(percent.replace(",", "")) if percent else None,
            reason.group(1) if reason else None,
            subject,
            sentence,
        )
        for current, delta, percent in zip(currents, deltas, percents, strict=True)
    ]


def _prior_stated(clause: str, sentence: Sentence) -> list[StatedChange]:
    """Last year's figure stated outright right after this year's ('2026年支出预算1,000万元，
    上年预算数为900万元'), as the change it makes: this year's less last year's. A year
    named is last year's only where it is the year before the one the clause opens with."""
    out = []
    for match in PRIOR_RE.finditer(clause):
        head = clause[: match.start()]
        base = re.search(MONEY + r"\s*[，,]?\s*$", head)
        if base is None:
            continue
        year, this = match.group(1), re.search(r"(\d{4})年", head)
        if year and (this is None or int(year) != int(this.group(1)) - 1):
            continue
        current = money(base.group(1), base.group(2))
        prior = money(match.group(2), match.group(3))
        subject = _tail(head[: base.start()])
        out.append(StatedChange(current, current - prior, None, None, subject, sentence))
    return out


def _change(
    clause: str,
    match: re.Match[str],
    previous: str | None,
    sentence: Sentence,
    earlier: list[str],
) -> StatedChange | None:
    word, number, unit, percent = match.group(1), match.group(2), match.group(3), match.group(4)
    later = AMOUNT_AFTER_PERCENT.match(clause, match.end()) if number is None else None
    if later is not None and word != "持平":  # '比上年增长2.9%，增加34.56万元'
        percent, word, number, unit = later.groups()
    if word == "持平":
        delta = Decimal(0)
    elif number is None:
        return None
    else:
        delta = money(number, unit)
        if word in ("减少", "下降"):
            delta = -delta
    if "/" in clause[match.start() : match.end() + 4]:  # template text: 增加/减少/持平
        return None
    # a change whose clause names its figure but gives no amount before it: the amount an
    # earlier clause states for that name, else all the spending's where the name says so
    named = _named(clause, match) if re.search(MONEY, clause[: match.start()]) is None else ""
    base = _stated_before(named, earlier) if named else None
    whole = base is None and bool(named) and _whole_named(named)
    base = base or _base_of(clause, match.start(), previous)
    if base is None:
        return None
    if percent is None:
        extra = PERCENT_ONLY.search(clause, match.end(), match.end() + 12)
        percent = extra.group(1) if extra else None
    if percent is not None and not whole:
        base = _fitting(
            base, delta, Decimal(percent.replace(",", "")), clause[: match.start()], earlier
        )
    reason = REASON_RE.search(clause, match.end())
    return StatedChange(
        base[0],
        delta,
        Decimal(percent.replace(",", "")) if percent else None,
        reason.group(1) if reason else None,
        named if whole else _tail(base[1]),
        sentence,
        whole,
    )


def _fits(base: Decimal, delta: Decimal, percent: Decimal) -> bool:
    """Whether a change of `delta` to `base`, stated as `percent`, holds at the printed
    precision."""
    prior = base - delta
    return prior > 0 and percent_gap(percent, abs(delta) / prior * 100) is None


def _fitting(
    base: tuple[Decimal, str], delta: Decimal, percent: Decimal, before: str, earlier: list[str]
) -> tuple[Decimal, str]:
    """The figure a change is about where the one its place gives does not fit its
    percentage ('全年预算为9.60万元，支出决算为8.31万元…比上年决算减少0.77万元，下降
    8.48%' is 8.31's): the nearest amount before it, in its clause or the six before,
    that does. Where none does, the figure its place gives (the text may be wrong)."""
    if not delta or _fits(base[0], delta, percent):
        return base
    for text in [before, *reversed(earlier[-6:])]:
        for match in reversed(list(re.finditer(MONEY, text))):
            value = money(match.group(1), match.group(2))
            if _fits(value, delta, percent):
                return value, text[: match.start()]
    return base


# a clause that names something and gives its amount: '2026驻京经费312万元', '办公费34.82万元'
NAMED = re.compile(r"((?:20\d\d)?[^，,。；;：:、\d]+?)\s*(?:为|是)?\s*" + MONEY)
# the words that lead into a list, before the first name
LIST_LEAD = re.compile(r"^(?:其中)?(?:主要(?:支出|用于|包括)?(?:为|是|有)?|包括|用于|分别为)?")


def named_amounts(text: str) -> list[tuple[str, Decimal]]:
    """(name, amount in 万元) of each clause of a sentence that names its amount; the
    name as the clause prints it, the words leading into the list and spaces left out."""
    found = []
    for match in NAMED.finditer(text):
        name = LIST_LEAD.sub("", match.group(1).replace(" ", ""))
        if name:
            found.append((name, money(match.group(2), match.group(3))))
    return found
