"""Compare a parse with hand-checked expected values, field by field.

Used by the golden tests of the sample texts and of the real PDFs; `misses`
lists every field that differs, so a failure says exactly what is wrong.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from disclosures.parsing.extract.pdf import extract_pdf

HERE = Path(__file__).parent
REAL_FOLDERS = (HERE.parent / "data" / "realdocs", HERE.parent / "data" / "realdocs-more")


@cache
def golden_and_pdf(name: str) -> tuple[dict, Path]:
    """A real document's golden values (tests/parsing/golden/NAME.json) and its PDF."""
    truth = json.loads((HERE / "golden" / f"{name}.json").read_text(encoding="utf-8"))
    return truth, next(d / truth["file"] for d in REAL_FOLDERS if (d / truth["file"]).exists())


PLACE_WORDS = {"prior_year": ["prior", "上年"], "basic": ["basic", "基本"]}


def close(got: Any, want: Any) -> bool:
    if isinstance(want, list):
        return any(close(got, w) for w in want)
    if got is None or want is None:
        return got is None and want is None
    return abs(float(got) - float(want)) <= max(0.005, 1e-5 * abs(float(want)))


def _metadata(truth: dict, got: dict) -> list[str]:
    misses = []
    ta, ga = truth.get("agency"), got.get("agency")
    if ta and not (ga and (ta in ga or ga in ta)) or (ta and ga and ga.count(ta) > 1):
        misses.append(f"agency {ga!r} != {ta!r}")  # a name read twice is not the name
    for key in ("year", "kind"):
        if got.get(key) != truth.get(key):
            misses.append(f"{key} {got.get(key)!r} != {truth.get(key)!r}")
    for key, value in (truth.get("region") or {}).items():
        if value and got["region"].get(key) != value:
            misses.append(f"region.{key} {got['region'].get(key)!r} != {value!r}")
    return misses


def _figures(truth: dict, got: dict) -> list[str]:
    misses = []
    for key, want in (truth.get("totals") or {}).items():
        if not close(got["totals"].get(key), want):
            misses.append(f"totals.{key} {got['totals'].get(key)} != {want}")
    # a null is checked too: the document does not give the figure, so none is read
    for key, want in (truth.get("headcount") or {}).items():
        if got["headcount"].get(key) != want:
            misses.append(f"headcount.{key} {got['headcount'].get(key)} != {want}")
    want = (truth.get("prior_year") or {}).get("expenditure")
    if not close(got["prior_year"].get("expenditure"), want):
        misses.append(f"prior_year {got['prior_year'].get('expenditure')} != {want}")
    return misses


def _rows(truth: dict, got: dict) -> list[str]:
    misses = []
    rows = {r["code"]: r for r in got["functional"]}
    if truth.get("functional") is not None:
        extra = set(rows) - {r["code"] for r in truth["functional"]}
        misses += [f"extra functional row {code}" for code in sorted(extra)]
    for want in truth.get("functional") or []:
        row = rows.get(want["code"])
        for column in ("total", "basic", "project"):
            if row is None or (
                want.get(column) is not None and not close(row[column], want[column])
            ):
                misses.append(
                    f"functional {want['code']}.{column} "
                    f"{None if row is None else row[column]} != {want.get(column)}"
                )
                break
    econ = {(r["code"], r["scope"]): r["total"] for r in got["economic"]}
    for want in truth.get("economic") or []:
        key = (want["code"], want["scope"])
        if not close(econ.get(key), want["total"]):
            misses.append(f"economic {key} {econ.get(key)} != {want['total']}")
    return misses


# rules that name the same kind of problem: a golden says children_sum where the audit's
# rule for a class row is class_totals, and narrative_mismatch where it is change_mismatch
FAMILIES = (
    {"children_sum", "row_sum", "class_totals", "balance", "basic_parts", "three_public_sum"},
    {"narrative_mismatch", "change_mismatch", "share_mismatch", "unit_mismatch"},
    # a code printed wrong: in its form, or under another code's name
    {"code_format", "code_name"},
    # a table the figures contradict: other tables, or its own note that it is empty
    {"cross_table", "empty_table"},
)


def _family(rule: str) -> set[str]:
    return next((f for f in FAMILIES if rule in f), {rule})


def finding_matches(found: dict, expected: dict) -> bool:
    """A finding reports an expected one when it names the same kind of problem and
    the same place (in its `where` or its message)."""
    if found["rule"] not in _family(expected["rule"]) | {expected["rule"]}:
        return False
    words = PLACE_WORDS.get(expected["where"], [expected["where"]])
    text = f"{found['where']} {found['message']}"
    return any(w in text for w in words)


def _findings(truth: dict, got: dict) -> list[str]:
    texts = [" ".join(str(f[k]) for k in ("rule", "where", "message")) for f in got["findings"]]
    misses = []
    for expected in truth.get("expected_findings") or []:
        words = PLACE_WORDS.get(expected["where"], [expected["where"]])
        if not any(w in t for w in words for t in texts):
            misses.append(f"finding {expected['rule']}@{expected['where']} not reported")
    return misses


def misses(truth: dict, got: dict, findings: bool = True) -> list[str]:
    out = _metadata(truth, got) + _figures(truth, got) + _rows(truth, got)
    return out + (_findings(truth, got) if findings else [])


def unexpected(truth: dict, got: dict) -> list[str]:
    """Warnings and errors about the document that the reader did not find in it."""
    expected = truth.get("expected_findings") or []
    return [
        f"{f['severity']} {f['rule']}@{f['where']}: {f['message']}"
        for f in got["findings"]
        if f["severity"] != "info" and not any(finding_matches(f, w) for w in expected)
    ]


def copied_text(pdf: Path, sep: str = " ") -> bytes:
    """The PDF's lines as text copied out of it: cells `sep` apart, blank cells gone,
    a form feed between pages."""
    pages = extract_pdf(pdf.read_bytes(), pdf.name).pages
    return "\f".join(
        "\n".join(sep.join(line.cells) for line in page.lines) for page in pages
    ).encode("utf-8")
