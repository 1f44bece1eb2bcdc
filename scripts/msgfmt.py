"""python scripts/msgfmt.py CATALOGUE.po CATALOGUE.mo

Compiles a gettext catalogue for a machine without GNU gettext, so that `make run` and
`make test` need only Python and make. Where msgfmt is installed the Makefile uses it
instead (through compilemessages), for its checks of the format strings.

It reads what `make messages` writes: comments, msgctxt, msgid, msgid_plural, msgstr and
msgstr[N], each string over one or more quoted lines, in UTF-8. As msgfmt does, it leaves
out fuzzy entries, untranslated ones and obsolete (#~) ones.
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

MAGIC = 0x950412DE
CONTEXT = "\x04"  # between a message's context and its msgid, as gettext keys them


def read_po(text: str) -> dict[str, str]:
    """The translated messages: gettext's key (context, msgid, plural) to the translation
    (its plural forms joined by NUL)."""
    messages: dict[str, str] = {}
    entry: dict[str, str] = {}
    field, fuzzy = "", False
    for line in [*text.splitlines(), ""]:
        line = line.strip()
        starts_entry = not line or line.startswith("#") or line.startswith(("msgctxt", "msgid "))
        if starts_entry and field.startswith("msgstr"):  # the entry before is complete
            _add(messages, entry, fuzzy)
            entry, field, fuzzy = {}, "", False
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        elif line and not line.startswith("#"):
            field, _, quoted = line.partition(" ")
            entry[field] = ast.literal_eval(quoted)
    return messages


def _add(messages: dict[str, str], entry: dict[str, str], fuzzy: bool) -> None:
    if "msgid_plural" in entry:
        forms = [entry[f] for f in sorted(entry) if f.startswith("msgstr[")]
        key = entry["msgid"] + "\0" + entry["msgid_plural"]
    else:
        forms, key = [entry.get("msgstr", "")], entry["msgid"]
    if "msgctxt" in entry:
        key = entry["msgctxt"] + CONTEXT + key
    header = key == ""  # the catalogue's own description, fuzzy or not
    if all(forms) and (header or not fuzzy):
        messages[key] = "\0".join(forms)


def write_mo(messages: dict[str, str]) -> bytes:
    """The .mo file: a header, two tables of (length, offset), then the strings; keys in
    byte order, since gettext searches them by bisection. No hash table (size 0)."""
    keys = sorted(m.encode() for m in messages)
    values = [messages[k.decode()].encode() for k in keys]
    count = len(keys)
    keys_at = 7 * 4 + 2 * 8 * count  # past the header and both tables
    values_at = keys_at + sum(len(k) + 1 for k in keys)
    tables = [_table(keys, keys_at), _table(values, values_at)]
    header = struct.pack("<7I", MAGIC, 0, count, 7 * 4, 7 * 4 + 8 * count, 0, keys_at)
    strings = b"".join(s + b"\0" for s in [*keys, *values])
    return header + b"".join(tables) + strings


def _table(strings: list[bytes], start: int) -> bytes:
    rows = b""
    for s in strings:
        rows += struct.pack("<2I", len(s), start)
        start += len(s) + 1
    return rows


def main(source: str, target: str) -> None:
    text = Path(source).read_text(encoding="utf-8")
    Path(target).write_bytes(write_mo(read_po(text)))


if __name__ == "__main__":
    main(*sys.argv[1:])
