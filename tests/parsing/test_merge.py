"""A disclosure published as two files (narrative, tables) reads as one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from golden import misses

from disclosures.parsing import ParseError, parse_many, to_contract

HERE = Path(__file__).parent
DOCS = HERE.parent / "data" / "realdocs"
PAIRS = [
    "js_renda_2019_dept-budget",
    "js_zhengxie_2017_dept-budget",
    "js_zhengxie_2019_dept-budget",
]


def golden(name: str) -> dict:
    return json.loads((HERE / "golden" / f"{name}.json").read_text(encoding="utf-8"))


def expected_union(text: dict, tables: dict) -> dict:
    """What each part gives: the tables' figures first, the narrative's where they have none."""
    union = dict(tables)
    for key in ("totals", "headcount", "prior_year"):
        union[key] = {k: v if v is not None else text[key].get(k) for k, v in tables[key].items()}
    union["expected_findings"] = []
    return union


@pytest.mark.parametrize("stem", PAIRS)
def test_the_two_parts_give_one_disclosure_with_both_parts_figures(stem: str) -> None:
    text, tables = golden(f"{stem}-text"), golden(f"{stem}-tables")
    files = [(DOCS / part["file"]).read_bytes() for part in (text, tables)]
    got = to_contract(parse_many([(files[0], text["file"]), (files[1], tables["file"])]))
    assert misses(expected_union(text, tables), got, findings=False) == []


def test_every_figure_names_the_file_and_page_it_came_from() -> None:
    names = ["js_renda_2019_dept-budget-text.pdf", "js_renda_2019_dept-budget-tables.pdf"]
    got = to_contract(parse_many([((DOCS / n).read_bytes(), n) for n in names]))
    assert got["functional"][0]["source"]["file"] == names[1]
    assert got["functional"][0]["source"]["page"] <= 13  # a page of the tables file itself
    assert got["provenance"]["headcount"]["authorized"]["file"] == names[0]


def test_a_part_that_cannot_be_read_names_itself() -> None:
    with pytest.raises(ParseError) as error:
        parse_many(
            [
                (b"", "empty.txt"),
                ((DOCS / "js_renda_2019_dept-budget-text.pdf").read_bytes(), "a.pdf"),
            ]
        )
    assert error.value.code == "empty" and "empty.txt" in error.value.message


def test_two_copies_of_one_disclosure_are_read_once_and_said_so() -> None:
    # the same budget as PDF and again as the tables part of a later upload: read together
    # every class would count twice and each table's 合计 would seem half its classes
    pdf = (DOCS / "js_renda_2019_dept-budget-tables.pdf").read_bytes()
    alone = to_contract(parse_many([(pdf, "2/tables.pdf")]))

    got = to_contract(parse_many([(pdf, "1/first.pdf"), (pdf + b"\n%again\n", "2/tables.pdf")]))

    assert got["totals"] == alone["totals"] and got["functional"] == alone["functional"]
    assert [f for f in got["findings"] if f["severity"] != "info"] == [
        f for f in alone["findings"] if f["severity"] != "info"
    ]
    [note] = [f for f in got["findings"] if f["rule"] == "repeated_file"]
    assert note["params"] == {"file": "first.pdf", "later": "tables.pdf"}
    assert got["functional"][0]["source"]["file"] == "2/tables.pdf"  # the later copy's
