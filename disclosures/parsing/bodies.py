"""The bodies a document speaks for. A department's disclosure is its own, but some print,
after the department's tables, each of its units' own (本级 and 所属单位), under a title
block that names the unit ('单位名称：…推广站'). Those tables are another body's: their
figures are not the department's and are not held to the department's."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .extract.base import Line
from .metadata import ORG_SUFFIX
from .tables import Table

NAMED = re.compile(r"^(?:编制单位|单位名称|部门名称|编制部门|预算单位|部门|单位)[:：]\s*(.{2,40})$")
BRACKETED = re.compile(r"[(（][^)）]*[)）]")
TITLE_BLOCK = 4  # lines under a table's title that may name its body
OWN_KINDS = ("summary", "expenditure", "general_expenditure", "fiscal_summary")


def same_body(a: str, b: str) -> bool:
    """Names of one body: equal once bracketed notes (本级, 部门) are dropped, or the
    one a short form of the other (省检察院 for 江苏省人民检察院: its characters in order)."""
    a, b = BRACKETED.sub("", a), BRACKETED.sub("", b)
    short, long = sorted((a, b), key=len)
    rest = iter(long)
    return len(short) >= 3 and all(ch in rest for ch in short)


def named(cell: str) -> str | None:
    """The body a title block's cell names ('单位名称：XX局'), where it names one."""
    match = NAMED.match(unicodedata.normalize("NFKC", cell).replace(" ", ""))
    if match and re.search(ORG_SUFFIX + r"$", BRACKETED.sub("", match.group(1))):
        return match.group(1)
    return None


def table_body(table: Table) -> str | None:
    """The body the table's title block names, if any."""
    for line in [table.title_line, *table.lines[:TITLE_BLOCK]]:
        for cell in line.cells:
            if body := named(cell):
                return body
    return None


def listed(body: str, lines: Iterable[Line]) -> bool:
    """Whether the document names the body outside the title blocks: in its text or a
    table's rows (a list of its units), so that it is one of the document's bodies."""
    name = BRACKETED.sub("", body)
    return any(
        name in "".join(line.cells).replace(" ", "") and not any(named(cell) for cell in line.cells)
        for line in lines
    )


def foreign_tables(
    tables: list[Table], agency: str | None, department: bool, lines: list[Line]
) -> set[int]:
    """Ids of the tables of the department's units: a title block naming the department
    itself alone (本级), or a unit the document lists; none where the department's own
    tables would be left without a summary or a spending table."""
    if not agency:
        return set()
    found = set()
    for table in tables:
        body = table_body(table)
        if body is None:
            continue
        # the department alone (本级), or a unit the document lists as its own
        if (department and "本级" in body) or (not same_body(body, agency) and listed(body, lines)):
            found.add(id(table))
    own = [t for t in tables if id(t) not in found and t.kind in OWN_KINDS]
    return found if own else set()
