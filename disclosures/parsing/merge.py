"""One disclosure published as several files (the narrative in one PDF, the tables
in another): the files are read as one document, so the audit runs across both, and
every figure still says which file and page it came from."""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from pathlib import PurePosixPath
from typing import Any

from .errors import ParseError
from .extract import extract
from .extract.base import Extracted, Page
from .messages import finding
from .model import Disclosure, Source
from .parse import parse_extracted
from .tables import split_tables

PageMap = dict[int, tuple[str, int]]  # page in the joined document -> (file, its page)


def join(parts: list[Extracted]) -> tuple[Extracted, PageMap]:
    """The parts' pages one after another, renumbered, with where each came from."""
    pages: list[Page] = []
    where: PageMap = {}
    for part in parts:
        for page in part.pages:
            number = len(pages) + 1
            lines = tuple(replace(line, page=number) for line in page.lines)
            pages.append(replace(page, number=number, lines=lines))
            where[number] = (part.source, page.number)
    name = " + ".join(part.source for part in parts)
    return Extracted(
        source=name, format="+".join(p.format for p in parts), pages=tuple(pages)
    ), where


def _relocate(value: Any, where: PageMap) -> Any:
    """Every Source inside `value` pointed back at its own file and page."""
    if isinstance(value, Source):
        if value.page in where:
            file, page = where[value.page]
            return replace(value, file=file, page=page)
        return value
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _relocate(getattr(value, f.name), where) for f in fields(value)}
        return replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(_relocate(v, where) for v in value)
    if isinstance(value, dict):
        return {k: _relocate(v, where) for k, v in value.items()}
    return value


def parse_many(files: list[tuple[bytes, str]]) -> Disclosure:
    """Parse files that make up one disclosure; a file that cannot be read names itself."""
    parts = []
    for data, name in files:
        try:
            parts.append(extract(data, name))
        except ParseError as error:
            raise ParseError(error.code, f"{name}: {error.message}") from None
    copies = _earlier_copies(parts)
    joined, where = join([part for i, part in enumerate(parts) if i not in copies])
    disclosure: Disclosure = _relocate(parse_extracted(joined), where)
    notes = [
        finding("info", "repeated_file", _name(parts[i]), "repeated_file", None,
                file=_name(parts[i]), later=_name(parts[later]))
        for i, later in sorted(copies.items())
    ]  # fmt: skip
    return replace(disclosure, findings=(*disclosure.findings, *notes))


def _earlier_copies(parts: list[Extracted]) -> dict[int, int]:
    """Files that print tables a later file prints too: an earlier copy of the disclosure
    (a re-issue, the same file in another format), not one of its pieces, which never
    repeat a table. Read together they would count every class twice; the later file is
    read instead. -> {earlier part: the later part that repeats it}."""
    kinds = [_table_kinds(part) for part in parts]
    copies: dict[int, int] = {}
    for i in range(len(parts)):
        later = [j for j in range(i + 1, len(parts)) if j not in copies and kinds[i] & kinds[j]]
        if later:
            copies[i] = later[-1]
    return copies


def _name(part: Extracted) -> str:
    return PurePosixPath(part.source).name or part.source


def _table_kinds(part: Extracted) -> set[str]:
    tables, _ = split_tables(part.lines())
    return {t.kind for t in tables if t.kind != "other" and t.lines}
