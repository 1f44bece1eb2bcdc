"""python manage.py parse_disclosure PATH [--json | --tables]: parse one file, print the
result: the contract's JSON, or with --tables a plain account of which tables were read
and whether each proved itself by its identities.

No database is touched. The parse runs in a child process with memory, CPU and
time limits (`disclosures.parsing.sandbox`), so that a hostile file cannot take
this process down. A file that cannot be read ends in one line on stderr and a
non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from disclosures.parsing import ParseError, to_contract
from disclosures.parsing.sandbox import MAX_SECONDS, parse_in_child

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Parse one disclosure file (PDF or text) and print its figures as JSON."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path")
        output = parser.add_mutually_exclusive_group()
        output.add_argument("--json", action="store_true", help="print JSON (the default)")
        output.add_argument(
            "--tables",
            action="store_true",
            help="print which tables were read and whether their identities hold",
        )
        parser.add_argument(
            "--max-seconds", type=float, default=MAX_SECONDS, help="give up after this long"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"not_found: no file at {path}")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"unreadable: {error.strerror or error}") from None
        try:
            disclosure = parse_in_child(data, path.name, max_seconds=options["max_seconds"])
        except ParseError as error:
            raise CommandError(str(error)) from None
        except Exception as error:  # a bug, but the user still gets one line
            log.debug("parse failed for %s", path, exc_info=True)
            message = " ".join(f"internal: {type(error).__name__}: {error}".split())
            raise CommandError(message) from None
        contract = to_contract(disclosure)
        if options["tables"]:
            self.stdout.write(tables_report(contract))
        else:
            self.stdout.write(json.dumps(contract, ensure_ascii=False, indent=1))


def tables_report(contract: dict[str, Any]) -> str:
    """Each table the parse found, marked by what its reading proved: ✓ its identities
    hold, ✗ they fail (the figures read from it are doubtful), · nothing in it to check."""
    kind = {"budget": "预算 budget", "final_accounts": "决算 final accounts"}
    lines = [
        f"{contract.get('agency') or '?'} · {contract.get('year') or '?'} · "
        f"{kind.get(contract.get('kind') or '', '?')}",
        "",
    ]
    checks = contract.get("table_checks") or []
    verified = [c for c in checks if c["verified"]]
    doubtful = [c for c in checks if c["identities"] and not c["verified"]]
    lines.append(
        f"tables read: {len(checks)}; verified by their identities: {len(verified)}; "
        f"not verified: {len(doubtful)}; nothing to check: "
        f"{len(checks) - len(verified) - len(doubtful)}"
    )
    for check in checks:
        where = f"p{check['page']}, {check['kind']}"
        if check["verified"]:
            n, slips = check["identities"], len(check["failed"])
            mark, said = "✓", f"{n} identit{'y holds' if n == 1 else 'ies hold'}"
            if slips:  # a slip or two in many, tolerated: said, with where
                said = f"{n - slips} of {n} identities hold ({', '.join(check['failed'])} do not)"
        elif check["identities"]:
            failed = "; ".join(check["failed"][:3])
            mark = "✗"
            said = f"{len(check['failed'])} of {check['identities']} identities fail: {failed}"
        else:
            mark, said = "·", "no identity to check"
        title = check["title"] if check["title"] != check["table"] else ""
        lines.append(f"  {mark} {check['table']} {title} ({where}): {said}".replace("  (", " ("))
    review = contract.get("needs_review") or {}
    if review.get("needed"):
        lines += ["", "needs review:", *(f"  - {r}" for r in review.get("reasons") or [])]
    else:
        lines += ["", "needs review: no (every table with identities proved itself)"]
    findings = contract.get("findings") or []
    counts = {s: sum(f["severity"] == s for f in findings) for s in ("error", "warning", "info")}
    lines.append("findings: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    return "\n".join(lines)
