"""The same disclosure in layouts other provinces print: the real PDFs' copied text (TAB
between cells), changed the way tables elsewhere differ while every figure stays what it
was. `scripts/accuracy.py --vary NAME` reads each real document so changed against its
golden: a reader that keys on structure reads them all alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

CODE = re.compile(r"^(2\d{2}(\d{2}){0,2}|3\d{2}(\d{2})?)$")
AMOUNT = re.compile(r"^-?\d[\d,]*(\.\d+)?$")
HEADER = re.compile(r"科目编码|科目代码|功能分类|经济分类|科目名称")
PROSE = re.compile(r"[，。；]")
HAN = re.compile(r"[\u4e00-\u9fff]")


def _parts(text: str) -> list[str]:
    return re.split(r"([\n\f])", text)


def _cells(part: str) -> list[str]:
    return [c.replace(" ", "") for c in part.split("\t")]


def _coded_tables(
    text: str, header: Callable[[list[str]], list[str]], row: Callable[[list[str]], list[str]]
) -> str:
    """Each coded table's header line (the one with 合计) and its rows, changed."""
    out, inside = [], False
    for part in _parts(text):
        if part in ("\n", "\f"):
            out.append(part)
            continue
        cells = part.split("\t")
        joined = "".join(_cells(part))
        if HEADER.search(joined) and "合计" in _cells(part):
            inside = True
            out.append("\t".join(header(cells)))
            continue
        first = cells[0].strip()
        if inside and (CODE.match(first) or first.rstrip(":：") in ("合计", "总计")):
            named = next((i for i, c in enumerate(cells) if HAN.search(c)), None)
            money = [
                i
                for i, c in enumerate(cells)
                if named is not None and i > named and AMOUNT.match(c.replace(" ", ""))
            ]
            out.append("\t".join(row(cells) if money else cells))
            continue
        if PROSE.search(joined):
            inside = False
        out.append(part)
    return "".join(out)


def prior(text: str) -> str:
    """Last year's budget printed before 合计 (上年预算数 | 合计 | 基本支出 …)."""

    def header(cells: list[str]) -> list[str]:
        at = _cells("\t".join(cells)).index("合计")
        return [*cells[:at], "上年预算数", *cells[at:]]

    def row(cells: list[str]) -> list[str]:
        named = next(i for i, c in enumerate(cells) if HAN.search(c))
        at = next(i for i, c in enumerate(cells) if i > named and AMOUNT.match(c.replace(" ", "")))
        return [*cells[:at], "9,999.99", *cells[at:]]

    return _coded_tables(text, header, row)


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


def in_yuan(text: str) -> str:
    """Tables in 元 (单位：元), the sentences still in 万元."""
    out, wan = [], False
    for line in re.split(r"([\n\f])", text):
        if line in ("\n", "\f"):
            out.append(line)
            continue
        joined = "".join(_cells(line))
        if re.search(r"单位[:：]\s*万元", joined):
            wan = True
            out.append(line.replace("万元", "元"))
            continue
        if (
            re.search(r"单位[:：]", joined)
            or PROSE.search(joined)
            or ("\t" not in line and len(joined) > 40)
        ):
            wan = False
        if wan:
            line = "\t".join(
                f"{Decimal(c.strip().replace(',', '')) * 10000:,.2f}"
                if AMOUNT.match(c.strip()) and "." in c
                else c
                for c in line.split("\t")
            )
        out.append(line)
    return "".join(out)


def split_codes(text: str) -> str:
    """Codes printed in 类 | 款 | 项 columns ('208' '05' '05')."""

    def split(m: re.Match[str]) -> str:
        code = m.group(1)
        return "\t".join([code[:3]] + [code[i : i + 2] for i in range(3, len(code), 2)]) + "\t"

    return re.sub(r"(?m)^(2\d{4}(?:\d{2})?|3\d{4})\t", split, text)


def bracketed(text: str) -> str:
    """Codes in brackets glued to their names ('[20805]行政事业单位养老支出')."""
    return re.sub(r"(?m)^([23]\d{2}(?:\d{2}){0,2})\t(?=[\u4e00-\u9fff])", r"[\1]", text)


def no_separators(text: str) -> str:
    """Amounts without thousands separators."""
    return re.sub(r"(?<=\d),(?=\d{3})", "", text)


VARIANTS: dict[str, Callable[[str], str]] = {
    "prior": prior,
    "change": change,
    "column-numbers": column_numbers,
    "line-numbers": line_numbers,
    "yuan": in_yuan,
    "split-codes": split_codes,
    "bracketed": bracketed,
    "no-separators": no_separators,
}
