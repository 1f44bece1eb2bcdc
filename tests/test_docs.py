"""The parse JSON's description: docs/contract.md and the contract it leads to name
every key the parser writes."""

from __future__ import annotations

import re
from pathlib import Path

from disclosures.parsing import parse_bytes, to_contract

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = sorted((ROOT / "disclosures" / "fixtures" / "samples").glob("*.txt"))[0]


def test_docs_contract_leads_to_the_contract_beside_the_parser():
    links = re.findall(r"\]\(([^)]+)\)", (ROOT / "docs" / "contract.md").read_text())

    assert [(ROOT / "docs" / link).resolve() for link in links] == [
        ROOT / "disclosures" / "parsing" / "CONTRACT.md"
    ]


def test_every_key_the_parser_writes_is_described():
    contract = (ROOT / "disclosures" / "parsing" / "CONTRACT.md").read_text()
    contract += (ROOT / "docs" / "contract.md").read_text()
    written = to_contract(parse_bytes(SAMPLE.read_bytes(), SAMPLE.name))

    assert [
        key for key in written if f'"{key}"' not in contract and f"`{key}`" not in contract
    ] == []
