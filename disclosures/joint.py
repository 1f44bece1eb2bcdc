"""Several files of one disclosure read as one document, in the sandbox's child process.

`run_in_child` hands its target one bytes object, so the files travel packed; the parent
packs them itself, which is why unpickling them here is safe. Each file is named
`<document id>/<name>`, so every figure's source says which stored document it came from.
The child answers with the records (records.py), which travel back as JSON.
Pure: no Django.
"""

from __future__ import annotations

import pickle

from disclosures import records
from disclosures.parsing import parse_many

TARGET = "disclosures.joint:parse_packed"


def pack(files: list[tuple[int, str, bytes]]) -> bytes:
    return pickle.dumps([(data, f"{pk}/{name}") for pk, name, data in files])


def parse_packed(data: bytes, source: str = "") -> records.Record:
    return records.from_disclosure(parse_many(pickle.loads(data)))


def document_id(file: str | None) -> int | None:
    """The stored document a joined figure came from, from its source's file name."""
    head = (file or "").partition("/")[0]
    return int(head) if head.isdigit() else None
