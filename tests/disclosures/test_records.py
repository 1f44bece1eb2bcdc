"""A parse as records, and the addresses of single values. No database."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from disclosures import records
from disclosures.parsing import parse_file
from disclosures.values import Address, level_of

SAMPLES = sorted((Path(__file__).parents[2] / "disclosures/fixtures/samples").glob("*.txt"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_records_keep_every_amount_exactly_and_survive_json(path):
    parsed = parse_file(path)

    found = json.loads(json.dumps(records.from_disclosure(parsed)))

    stored = {(f["group"], f["key"]): Decimal(f["value"]) for f in found["figures"]}
    assert stored[("totals", "expenditure")] == parsed.totals["expenditure"].value
    assert len(found["items"]) == len(parsed.functional) + len(parsed.economic)
    for record, item in zip(found["items"], parsed.functional, strict=False):
        assert (record["code"], Decimal(record["total"])) == (item.code, item.total)
    assert found["identity"]["year"] == parsed.year


def test_a_source_keeps_its_box_and_drops_what_it_does_not_know():
    from disclosures.parsing.model import Source

    assert records.source(Source(page=3, table="表1", box=(1.0, 2.0, 3.0, 4.0))) == {
        "page": 3,
        "table": "表1",
        "box": [1.0, 2.0, 3.0, 4.0],
    }


@pytest.mark.parametrize(
    "text",
    [
        "figure:totals:expenditure",
        "figure:headcount:actual",
        "item:functional:all:2080501:total",
        "item:economic:basic:30101:total",
    ],
)
def test_an_address_reads_back_as_written(text):
    assert str(Address.parse(text)) == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "figure:totals",
        "figure:totals:salary",
        "item:functional:basic:208:total",
        "item:economic:all:30x01:total",
        "item:economic:all:30101:rent",
        "cell:1:2",
    ],
)
def test_an_address_that_names_no_value_is_refused(text):
    with pytest.raises(ValueError):
        Address.parse(text)


def test_codes_have_the_level_their_length_gives():
    assert [level_of(c) for c in ("208", "20805", "2080505")] == [1, 2, 3]


def test_records_keep_why_the_parser_doubts_its_reading():
    from dataclasses import replace

    parsed = replace(parse_file(SAMPLES[0]), needs_review=("表3: 2 of 9 identities fail",))

    found = json.loads(json.dumps(records.from_disclosure(parsed)))

    assert found["needs_review"] == ["表3: 2 of 9 identities fail"]
