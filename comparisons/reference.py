"""Population and CPI tables as CSV: read and checked here, stored by comparisons.services.

Pure: no Django, so the shipped files can be checked in a plain test and read by a data
migration. One row a region and year:

    province,city,county,year,residents,source,note      (population.csv, 万人)
    province,city,county,year,index,source,note          (cpi.csv, preceding year = 100)
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
# table -> (the shipped file, the column holding the value)
TABLES = {"population": (DATA / "population.csv", "residents"), "cpi": (DATA / "cpi.csv", "index")}
REGION = ("province", "city", "county")


@dataclass(frozen=True)
class ReferenceRow:
    province: str
    city: str
    county: str
    year: int
    value: Decimal
    source: str
    note: str = ""

    @property
    def key(self) -> tuple[str, str, str, int]:
        return self.province, self.city, self.county, self.year


def read_csv(text: str, table: str) -> list[ReferenceRow]:
    """The rows of one table; ValueError naming the line for anything malformed."""
    value_column = TABLES[table][1]
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = {*REGION, "year", value_column, "source"} - set(reader.fieldnames or ())
    if missing:
        raise ValueError(f"{table}: the header lacks {', '.join(sorted(missing))}")
    rows: dict[tuple[str, str, str, int], ReferenceRow] = {}
    for line, record in enumerate(reader, start=2):
        row = _row(record, value_column, f"{table} line {line}")
        if row.key in rows:
            raise ValueError(f"{table} line {line}: {row.key} is given twice")
        rows[row.key] = row
    return list(rows.values())


def _row(record: dict[str, str | None], value_column: str, where: str) -> ReferenceRow:
    def text(name: str) -> str:
        return (record.get(name) or "").strip()

    try:
        year = int(text("year"))
        value = Decimal(text(value_column))
    except (ValueError, InvalidOperation):
        raise ValueError(f"{where}: year and {value_column} must be numbers") from None
    if not value.is_finite() or value <= 0:
        raise ValueError(f"{where}: {value_column} must be a positive number")
    if not text("source"):
        raise ValueError(f"{where}: every value needs its source")
    province, city, county = (text(part) for part in REGION)
    return ReferenceRow(province, city, county, year, value, text("source"), text("note"))


def shipped(table: str) -> list[ReferenceRow]:
    return read_csv(TABLES[table][0].read_text(encoding="utf-8"), table)
