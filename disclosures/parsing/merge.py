"""One disclosure published as several files (the narrative in one PDF, the tables
in another): the files are read as one document, so the audit runs across both, and
every figure still says which file and page it came from."""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any

from .errors import ParseError
from .extract import extract
from .extract.base import Extracted, Page
from .model import Disclosure, Source
from .parse import parse_extracted

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
    joined, where = join(parts)
    disclosure: Disclosure = _relocate(parse_extracted(joined), where)
    return disclosure
