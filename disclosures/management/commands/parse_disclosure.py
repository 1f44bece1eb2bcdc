"""python manage.py parse_disclosure PATH [--json]: parse one file, print the result.

No database is touched. A file that cannot be read ends in one line on stderr
and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from disclosures.parsing import ParseError, parse_file, to_contract

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Parse one disclosure file (PDF or text) and print its figures as JSON."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path")
        parser.add_argument("--json", action="store_true", help="print JSON (the default)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"not_found: no file at {path}")
        try:
            disclosure = parse_file(path)
        except ParseError as error:
            raise CommandError(str(error)) from None
        except Exception as error:  # a bug, but the user still gets one line
            log.exception("parse failed for %s", path)
            raise CommandError(f"internal: {type(error).__name__}: {error}") from None
        self.stdout.write(json.dumps(to_contract(disclosure), ensure_ascii=False, indent=1))
