"""python manage.py parse_disclosure PATH [--json]: parse one file, print the result.

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
        parser.add_argument("--json", action="store_true", help="print JSON (the default)")
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
        self.stdout.write(json.dumps(to_contract(disclosure), ensure_ascii=False, indent=1))
