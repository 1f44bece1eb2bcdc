"""Functional rows stated in sentences, for documents whose tables are missing.

Two phrasings are read: a class with its amount ('社会保障和就业支出328.03万元',
'一般公共服务(类)支出13907.78万元') and an item under its 款 ('人大事务(款)行政运行(项)支出
7448.2万元'). Names become codes through the official classification; the 类 of an
item is the one last named, as the documents list items class by class.
"""

from __future__ import annotations

import re

from . import classification
from .model import LineItem, Source
from .narrative import ITEM_RE, MONEY, NUMBER, Sentence, money

CJK = r"[\u4e00-\u9fff]"
CLASS_MARKED = re.compile(
    r"(" + CJK + r"{2,16}?)\((?:类)\)(?:支出)?\s*" + MONEY + r"|(" + CJK + r"{2,16}?)\(类\)"
)
CLASS_PLAIN = re.compile(r"(" + CJK + r"{2,16}支出)\s*" + MONEY)
# a name may hold a bracketed part of its own: 维修(护)费, 政府办公厅(室)及相关机构事务
PART_NAME = r"(?:" + CJK + r"|\((?![款类项]\))" + CJK + r"{1,3}\))"
NAME = r"(" + PART_NAME + r"+?)"
ECON_CLASS = re.compile(NAME + r"\(类\)(?:支出)?\s*" + MONEY)
ECON_ITEM = re.compile(NAME + r"\(款\)(?:支出)?\s*" + MONEY)
JOINED_ITEM = re.compile(
    r"(?<![)\u4e00-\u9fff])(" + CJK + r"{4,40}?)(?:支出)?\(项\)”?(?:支出)?\s*" + MONEY
)
# a final account's item, its budget stated before what was spent: '行政运行（项）：年初预算为
# 180.00万元，支出决算为186.42万元' (the spent figure is the item's)
BUDGET_BEFORE = (
    r"(?:[：:]\s*)?(?:(?:年初|全年)?预算数?为?\s*"
    + NUMBER
    + r"\s*万元[，,]\s*(?:支出)?决算数?为?\s*)?"
)
# a budget's item, its year's figure named ('行政运行（项）2025年预算数为35.20万元')
BUDGETED = r"(?:20\d\d年度?)?(?:年初)?(?:预算)?(?:数|安排)?(?:为|是)?\s*"
ITEM = re.compile(
    # some documents mark the 款 as (类): '行政事业单位离退休(类)机关事业单位…(项)'
    r"("
    + PART_NAME
    + r"{2,20}?)\((?:款|类)\)("
    + PART_NAME
    + r"{2,30}?)(?:支出)?\(项\)”?(?:支出)?\s*"
    + BUDGET_BEFORE
    + BUDGETED
    + MONEY
)


def _class_code(name: str) -> str | None:
    return classification.functional_code_for_name(
        name, 1
    ) or classification.functional_code_for_name(name + "支出", 1)


def _item(match: re.Match[str], parent: str | None, s: Sentence) -> LineItem | None:
    kuan = classification.functional_code_for_name(match.group(1), 2, parent) or (
        classification.functional_code_for_name(match.group(1) + "支出", 2, parent)
    )
    code = kuan and (
        classification.functional_code_for_name(match.group(2), 3, kuan)
        or classification.functional_code_for_name(match.group(2) + "支出", 3, kuan)
    )
    if not code:
        return None
    value = money(match.group(3), match.group(4))
    return LineItem(code, match.group(2), value, source=Source(page=s.page, sentence=s.text))


def _coded(match: re.Match[str], s: Sentence) -> LineItem:
    """'2080108-信息化建设573.09万元' or '信息化建设（2080108）24万元'."""
    code, name = (
        (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    )
    value = money(match.group(5), match.group(6))
    return LineItem(code, name, value, source=Source(page=s.page, sentence=s.text))


def _joined(match: re.Match[str], parent: str | None, s: Sentence) -> LineItem | None:
    """'人大事务行政运行(项)支出…': the 款 and 项 names run together, no (款) mark."""
    name = re.sub(r"^(?:\d+\.|[一二三四五六七八九十]+、)", "", match.group(1))
    for start in range(0, max(len(name) - 3, 1)):  # a class heading may run into it
        code = classification.functional_item_for_joined_name(name[start:], parent or "2")
        if code:
            value = money(match.group(2), match.group(3))
            return LineItem(code, name[start:], value, source=Source(page=s.page, sentence=s.text))
    return None


# a sentence of what was spent last year and is no more ('上年安排的…（2120303）60.00万元
# …2026年不再安排'): its items are not this year's
GONE = re.compile(r"(?:上年|去年|上一年度?)安排的|不再安排|已实施完毕")


def statements(sentences: list[Sentence]) -> list[tuple[int, LineItem]]:
    """Every functional figure stated in the text, with the index of its sentence."""
    found: list[tuple[int, LineItem]] = []
    current: str | None = None  # the class the items below belong to
    for i, s in enumerate(sentences):
        if GONE.search(s.text):
            continue
        source = Source(page=s.page, sentence=s.text)
        for match in CLASS_MARKED.finditer(s.text):
            current = _class_code(match.group(1) or match.group(4)) or current
            if match.group(1) and current:
                value = money(match.group(2), match.group(3))
                found.append((i, LineItem(current, match.group(1) + "支出", value, source=source)))
        for match in ITEM.finditer(s.text):
            item = _item(match, current, s)
            if item is not None:
                found.append((i, item))
        found.extend((i, _coded(m, s)) for m in ITEM_RE.finditer(s.text))
        found.extend(
            (i, item) for m in JOINED_ITEM.finditer(s.text) if (item := _joined(m, current, s))
        )
    return found


def stated_rows(sentences: list[Sentence]) -> dict[str, LineItem]:
    found: dict[str, LineItem] = {}
    for _, item in statements(sentences):
        found.setdefault(item.code, item)
    if not found:  # unmarked class names: '包括社会保障和就业支出328.03万元、…'
        for s in sentences:
            for match in CLASS_PLAIN.finditer(s.text):
                code = classification.functional_code_for_name(match.group(1), 1)
                value = money(match.group(2), match.group(3))
                if code and value and code not in found:
                    found[code] = LineItem(
                        code, match.group(1), value, source=Source(page=s.page, sentence=s.text)
                    )
    return {code: item for code, item in found.items() if item.total}


SECTION = re.compile(r"^\s*[一二三四五六七八九十]+、")


def _bare(name: str) -> str:
    """A name that ran on from the amount before it: '万元商品和服务支出'."""
    return re.sub(r"^(?:万元|元|其中)", "", name)


def _econ_class(name: str) -> str | None:
    name = _bare(name)
    for candidate in (name, name.removesuffix("支出"), name + "支出"):
        code = classification.economic_code_for_name(candidate)
        if code:
            return code
    return None


def stated_economic(sentences: list[Sentence]) -> list[LineItem]:
    """Economic classes and items listed in sentences ('工资福利支出(类)2,097.51万元
    (1)基本工资(款)支出737.94万元'); these lists describe basic spending."""
    found: dict[str, LineItem] = {}
    current: str | None = None
    for s in sentences:
        if SECTION.match(s.text):  # a new part of the text ends the class's list
            current = None
        source = Source(page=s.page, sentence=s.text)
        marks = sorted(
            [*ECON_CLASS.finditer(s.text), *ECON_ITEM.finditer(s.text)], key=lambda m: m.start()
        )
        for match in marks:
            is_class = match.re is ECON_CLASS
            code = (
                _econ_class(match.group(1))
                if is_class
                else (current and classification.economic_code_for_name(match.group(1), current))
            )
            if is_class:  # a class listed again (for another scope) is read once
                current = code if code not in found else None
            if code and code not in found:
                value = money(match.group(2), match.group(3))
                found[code] = LineItem(
                    code, _bare(match.group(1)), value, scope="basic", source=source
                )
    return sorted(found.values(), key=lambda item: item.code)
