"""Disclosure parsing: a pure library (no Django), bytes in, checked data out.

from disclosures.parsing import parse_file, to_contract
to_contract(parse_file("budget.pdf"))  # the JSON of CONTRACT.md
"""

from __future__ import annotations

from pathlib import Path

from .errors import ParseError
from .merge import parse_many
from .model import Disclosure, to_contract
from .parse import parse_bytes

__all__ = ["Disclosure", "ParseError", "parse_bytes", "parse_file", "parse_many", "to_contract"]


def parse_file(path: str | Path) -> Disclosure:
    path = Path(path)
    return parse_bytes(path.read_bytes(), source=path.name)
