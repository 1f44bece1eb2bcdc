"""A parse as plain records: what one document contributes to a disclosure.

The worker keeps these on the document as JSON (money as strings, so no fraction of a
yuan is lost to floats), and a disclosure's rows are rebuilt from the records of its
documents: a second file of the same disclosure (the narrative beside the tables)
fills in what the first lacks. Pure: no Django.
"""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from disclosures.parsing import Disclosure
from disclosures.parsing.model import Figure, LineItem, Source

Record = dict[str, Any]
FORMAT = 1  # bump when the shape changes, so old records can be told apart
AMOUNTS = ("total", "basic", "project", "personnel", "public")
# figure groups: (group, attribute of the parsed Disclosure)
FIGURE_GROUPS = (
    ("totals", "totals"),
    ("headcount", "headcount"),
    ("prior_year", "prior_year"),
    ("three_public", "three_public_parts"),
)


def money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def source(src: Source | None) -> Record:
    if src is None:
        return {}
    return {k: (list(v) if k == "box" else v) for k, v in asdict(src).items() if v is not None}


def _figure(group: str, key: str, figure: Figure) -> Record:
    return {
        "group": group,
        "key": key,
        "value": money(figure.value),
        "source": source(figure.source),
    }


def _item(classification: str, item: LineItem) -> Record:
    return {
        "classification": classification,
        "scope": item.scope if classification == "economic" else "all",
        "code": item.code,
        "name": item.name,
        **{name: money(getattr(item, name)) for name in AMOUNTS},
        "known": item.known,
        "source": source(item.source),
    }


def from_disclosure(d: Disclosure) -> Record:
    return {
        "format": FORMAT,
        "identity": {
            "agency": d.agency,
            "region": dict(d.region),
            "year": d.year,
            "kind": d.kind,
            "scope": d.scope,
        },
        "pages": d.pages,
        "tables": list(d.tables),
        # why a person should read it again: the parser's own doubts about its reading
        "needs_review": list(d.needs_review),
        # each table read, and whether its reading proved itself by its identities
        "table_checks": [
            {
                "table": c.label,
                "title": c.title,
                "page": c.page,
                "verified": c.verified,
                "identities": c.checked,
                "failed": len(c.failed),
                # not read at all: its cells stand one a line, its columns are lost
                "unread": c.unread,
            }
            for c in d.checks
        ],
        "figures": [
            _figure(group, key, figure)
            for group, attribute in FIGURE_GROUPS
            for key, figure in getattr(d, attribute).items()
        ],
        "items": [_item("functional", i) for i in d.functional]
        + [_item("economic", i) for i in d.economic],
        "findings": [
            {
                "severity": f.severity,
                "rule": f.rule,
                "where": f.where,
                "message": f.message,
                "message_id": f.message_id,
                "params": f.params,
                "source": source(f.source),
            }
            for f in d.findings
        ],
        "changes": [
            {
                "subject": c.subject,
                "current": money(c.current),
                "delta": money(c.delta),
                "percent": money(c.percent),
                "reason": c.reason,
                "source": source(c.source),
            }
            for c in d.changes
        ],
    }
