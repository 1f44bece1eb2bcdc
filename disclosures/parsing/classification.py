"""The Government Revenue and Expenditure Classification (政府收支分类科目) as data.

Two code lists are loaded from data/*.csv once per process:

- 支出功能分类 (functional): 类/款/项 with 3/5/7-digit codes, e.g. 208 / 20805 / 2080505;
- 支出经济分类 (economic): 部门 codes 301…399 and 政府 codes 501…599, 类 3 digits, 款 5.

Names change between budget years (2019 机构改革, 2020/2021 revisions); data/renames.csv
lists them so that a name printed in an older disclosure still maps to its code, and a
code can be shown with the name it had in the document's year.

Codes may be given with blanks ("208 05 05", as tables that split 类/款/项 into columns
print them); names are matched after folding full-width forms, blanks, leading ordinals
("八、", "8.", "（一）") and a trailing level tag ("（类）", "（208类）").
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

_LEVEL_BY_LENGTH = {3: 1, 5: 2, 7: 3}
_BLANKS = re.compile(r"\s+")
# Applied after NFKC, which turns full-width （）．： into ().: and ①② into digits.
_LEADING_ORDINAL = re.compile(
    r"^(?:其中[:：]?|第?[一二三四五六七八九十百]+[、.．]|\([一二三四五六七八九十\d]+\)|\d+[、.．:：]?)+"
)
_LEVEL_TAG = re.compile(r"\(\d*[类款项]\)$")
_QUOTES = "\"'“”‘’「」『』"


@dataclass(frozen=True)
class _Functional:
    code: str
    name: str
    level: int
    valid_from: int | None
    valid_to: int | None


@dataclass(frozen=True)
class _Economic:
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class _Rename:
    code: str
    old_name: str
    new_name: str
    year: int


def _rows(filename: str) -> list[dict[str, str]]:
    package = __name__.rpartition(".")[0]
    text = (resources.files(package) / "data" / filename).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _year(value: str) -> int | None:
    return int(value) if value.strip() else None


@cache
def _functional() -> dict[str, _Functional]:
    table: dict[str, _Functional] = {}
    for row in _rows("functional.csv"):
        item = _Functional(
            row["code"],
            row["name"],
            int(row["level"]),
            _year(row["valid_from"]),
            _year(row["valid_to"]),
        )
        table[item.code] = item
    return table


@cache
def _economic() -> dict[str, _Economic]:
    return {
        row["code"]: _Economic(row["code"], row["name"], row["kind"])
        for row in _rows("economic.csv")
    }


@cache
def _renames() -> dict[str, tuple[_Rename, ...]]:
    """code -> its renames, oldest first."""
    by_code: dict[str, list[_Rename]] = {}
    for row in _rows("renames.csv"):
        rename = _Rename(row["code"], row["old_name"], row["new_name"], int(row["year"]))
        by_code.setdefault(rename.code, []).append(rename)
    return {code: tuple(sorted(items, key=lambda r: r.year)) for code, items in by_code.items()}


def _clean_code(code: str) -> str:
    return _BLANKS.sub("", unicodedata.normalize("NFKC", code))


def normalize_name(name: str) -> str:
    """The form names are compared in: NFKC, no blanks, quotes, ordinal or level tag."""
    text = _BLANKS.sub("", unicodedata.normalize("NFKC", name)).strip(_QUOTES)
    text = _LEADING_ORDINAL.sub("", text)
    return _LEVEL_TAG.sub("", text).strip(_QUOTES)


_NameKey = tuple[int, str]  # (level, normalized name)


@cache
def _name_index() -> tuple[dict[_NameKey, frozenset[str]], dict[_NameKey, frozenset[str]]]:
    """(level, normalized name) -> codes, for current names and for names renamed away."""
    current: dict[_NameKey, set[str]] = {}
    for item in _functional().values():
        current.setdefault((item.level, normalize_name(item.name)), set()).add(item.code)
    former: dict[_NameKey, set[str]] = {}
    for code, renames in _renames().items():
        level = _LEVEL_BY_LENGTH.get(len(code))
        for rename in renames:
            if level is not None and code in _functional():
                former.setdefault((level, normalize_name(rename.old_name)), set()).add(code)
    return _freeze(current), _freeze(former)


def _freeze(index: dict[_NameKey, set[str]]) -> dict[_NameKey, frozenset[str]]:
    return {key: frozenset(codes) for key, codes in index.items()}


def functional_name(code: str) -> str | None:
    """The current name of a functional code, or None when the code is not listed."""
    item = _functional().get(_clean_code(code))
    return item.name if item else None


def functional_level(code: str) -> int:
    """1 for 类 (3 digits), 2 for 款 (5), 3 for 项 (7); ValueError for any other shape."""
    cleaned = _clean_code(code)
    level = _LEVEL_BY_LENGTH.get(len(cleaned))
    if level is None or not cleaned.isdigit():
        raise ValueError(f"not a functional classification code: {code!r}")
    return level


def functional_parent(code: str) -> str | None:
    """The enclosing 类 or 款 of a code (by its digits), None for a 类."""
    cleaned = _clean_code(code)
    level = functional_level(cleaned)
    return None if level == 1 else cleaned[: len(cleaned) - 2]


def is_known_functional(code: str, year: int | None = None) -> bool:
    """Whether the code is listed (and, given a year, in force that year)."""
    item = _functional().get(_clean_code(code))
    if item is None:
        return False
    if year is None:
        return True
    return (item.valid_from or year) <= year <= (item.valid_to or year)


def functional_code_for_name(
    name: str, level: int = 1, parent: str | None = None, near: bool = False
) -> str | None:
    """The code whose name (current, or a former one) is `name` at that level; with
    `near` and a parent, else the one name under it a character off (a misprint).

    Many 项 share a name ("行政运行"), and a few 款 do ("其他支出"); give the parent code
    (the 类 of a 款, the 款 of a 项) to pick among them. None when no single code fits.
    """
    want = normalize_name(name)
    prefix = _clean_code(parent) if parent else ""
    for index in _name_index():
        codes = {code for code in index.get((level, want), ()) if code.startswith(prefix)}
        if len(codes) == 1:
            return codes.pop()
        if codes:
            return None  # ambiguous among current names: a former name must not decide
    if not (near and prefix):
        return None
    off = {
        item.code
        for item in _functional().values()
        if item.level == level
        and item.code.startswith(prefix)
        and _one_off(normalize_name(item.name), want)
    }
    return off.pop() if len(off) == 1 else None


def economic_name(code: str) -> str | None:
    item = _economic().get(_clean_code(code))
    return item.name if item else None


def functional_item_for_joined_name(name: str, within: str = "2") -> str | None:
    """'人大事务行政运行' (款 name run into 项 name, as some texts print them) -> 2010101."""
    want = normalize_name(name)
    items = _functional()
    found = {
        code
        for code, item in items.items()
        if len(code) == 7
        and code.startswith(within)
        and code[:5] in items
        and want
        in (
            normalize_name(items[code[:5]].name + item.name),
            normalize_name(items[code[:5]].name + item.name).removesuffix("支出"),
        )
    }
    return found.pop() if len(found) == 1 else None


def economic_code_for_name(name: str, parent: str = "3") -> str | None:
    """The department economic code under `parent` ('3' for any class, '303' for its
    items) named `name`; a unique name that the official one starts with also counts
    (older lists say 医疗费 where newer ones say 医疗费补助)."""
    found = economic_codes_for_name(name, parent)
    return found[0] if len(found) == 1 else None


def economic_codes_for_name(name: str, parent: str = "3", near: bool = False) -> list[str]:
    """Every code that `economic_code_for_name` chooses among, in order: those of the
    name itself, else those it begins, else a code whose meaning changed; with `near`,
    else the one name under the parent a character off it (a misprint, '维护(护)费' for
    维修(护)费). Two codes bear one name where a code was renumbered (30104 and 30112
    其他社会保障缴费)."""
    want = normalize_name(name)
    width = 3 if len(parent) < 3 else len(parent) + 2
    under = [e for e in _economic().values() if e.code.startswith(parent) and len(e.code) == width]
    former = {
        r.code for rs in _renames().values() for r in rs if normalize_name(r.old_name) == want
    }
    for matches in (
        [e for e in under if normalize_name(e.name) == want],
        [e for e in under if normalize_name(e.name).startswith(want)],
        [e for e in under if e.code in former],  # a code whose meaning changed (30311, 2018)
    ):
        if matches:
            return sorted(e.code for e in matches)
    off = {e.code for e in under if _one_off(normalize_name(e.name), want)} if near else set()
    return sorted(off) if len(off) == 1 else []


def _one_off(official: str, name: str) -> bool:
    """The same length, one character in another: a misprint of a name of three or more."""
    if len(official) != len(name) or len(name) < 3:
        return False
    return sum(a != b for a, b in zip(official, name, strict=True)) == 1


def economic_kind(code: str) -> str | None:
    """'department' for 部门预算支出经济分类 (3xx), 'government' for 政府预算 (5xx)."""
    item = _economic().get(_clean_code(code))
    return item.kind if item else None


def is_known_economic(code: str) -> bool:
    return _clean_code(code) in _economic()


def current_name(code: str, year: int | None = None) -> str | None:
    """The name a code had in a budget year (the current name when year is None).

    Years before a rename get the old name, so that a 2018 document's 210 reads
    医疗卫生与计划生育支出 and a 2019 one's reads 卫生健康支出.
    """
    cleaned = _clean_code(code)
    name = functional_name(cleaned) or economic_name(cleaned)
    renames = _renames().get(cleaned, ())
    if name is None or year is None or not renames:
        return name
    for rename in reversed(renames):
        if year >= rename.year:
            return rename.new_name
    return renames[0].old_name
