"""python manage.py load_reference [--population FILE] [--cpi FILE]

Loads the population and CPI tables from CSV (see comparisons/data/SOURCES.md for the
columns); with no option, the files shipped in comparisons/data/. Safe to run again:
a region and year already there is updated, nothing is deleted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from comparisons import reference, services


class Command(BaseCommand):
    help = "Load the population and CPI tables from CSV (default: the shipped files)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--population", type=Path, help="population CSV (万人)")
        parser.add_argument("--cpi", type=Path, help="CPI CSV (preceding year = 100)")

    def handle(self, *args: Any, population: Path | None, cpi: Path | None, **opts: Any) -> None:
        files = {"population": population, "cpi": cpi}
        if population is None and cpi is None:
            files = {table: path for table, (path, _) in reference.TABLES.items()}
        for table, path in files.items():
            if path is None:
                continue
            try:
                rows = reference.read_csv(path.read_text(encoding="utf-8"), table)
            except (OSError, UnicodeDecodeError, ValueError) as error:
                raise CommandError(f"{path}: {error}") from None
            result = services.reference_load(table=table, rows=rows)
            self.stdout.write(f"{table}: {result.created} added, {result.updated} updated")
