"""A synthetic national database: agencies × years × budget and final accounts, with the
rows a parse stores (functional 类/款/项 and economic rows, basic/project and
personnel/public, headcount, 三公, stated changes, audit findings, a few corrections and
earlier versions), written straight into the tables with COPY.

    from scripts.synthetic import Scale, load
    load(psycopg_cursor, Scale(agencies=10_000, years=10))

The numbers hang together as a real document's do: the functional classes add up to the
total, basic + project = total, the 301/302/303 rows to personnel and running costs, and
each year follows from the one before. Everything is drawn from a seeded generator, so
the same scale always gives the same database. The ids of agencies, documents and
disclosures continue from what the tables hold, so it loads beside existing rows (a test
database) as well as into an empty one.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from disclosures.parsing.messages import ENGLISH, english

DATA = Path(__file__).resolve().parents[1] / "disclosures" / "parsing" / "data"
FIRST_YEAR = 2016
CHUNK = 200  # agencies written per round of COPY
SOURCE = "合成数据 synthetic (scripts/synthetic.py)"
TABLES = "收支总表 收入总表 支出总表 财政拨款收支总表 一般公共预算财政拨款支出表 一般公共预算财政拨款基本支出表 政府性基金预算财政拨款支出表 “三公”经费支出表".split()

# agency type -> how its name ends, and its own functional 类/款 with the 项 it spends on
KINDS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("社保中心", "社会保险中心", "20801", ("2080101", "2080107", "2080109", "2080150")),
    ("社保卡中心", "社会保障卡管理服务中心", "20801", ("2080108", "2080109", "2080150")),
    ("人社部门", "人力资源和社会保障局", "20801", ("2080101", "2080102", "2080105", "2080106")),
    ("财政部门", "财政局", "20106", ("2010601", "2010602", "2010650")),
    ("法院", "人民法院", "20405", ("2040501", "2040502", "2040504")),
    ("检察院", "人民检察院", "20404", ("2040401", "2040402", "2040404")),
    ("人大", "人大常委会办公室", "20101", ("2010101", "2010102", "2010104")),
    ("政协", "政协办公室", "20102", ("2010201", "2010202", "2010204")),
    ("政府办公室", "人民政府办公室", "20103", ("2010301", "2010302", "2010350")),
    ("商务部门", "商务局", "20113", ("2011301", "2011302", "2011308")),
)
# the classes every agency spends on beside its own: pensions, medical care, housing
SHARED = (("20805", ("2080505", "2080506")), ("21011", ("2101101", "2101102")))
HOUSING = ("22102", ("2210201", "2210202", "2210203"))
PERSONNEL = ("30101", "30102", "30103", "30107", "30108", "30109", "30110", "30112", "30113")
PUBLIC = ("30201", "30202", "30205", "30206", "30207", "30211", "30213", "30216", "30228")
PUBLIC_RARE = ("30215", "30217", "30226", "30227", "30231", "30239", "30299")
REASONS = (
    "人员增加，人员经费相应增加",
    "项目支出预算减少",
    "落实过紧日子要求，压减一般性支出",
    "新增信息化建设项目",
    "退休人员增加",
)
# (severity, rule, message id, its parameters as the parser gives them)
RULES: tuple[tuple[str, str, str, dict[str, Any]], ...] = (
    (
        "info",
        "row_sum",
        "row_sum",
        {"basic": "12.30", "project": "12.40", "added": "24.70", "total": "24.60"},
    ),
    ("info", "children_sum", "children_sum", {"added": "12.30", "total": "12.40"}),
    (
        "warning",
        "share_mismatch",
        "share",
        {
            "subject": "基本支出",
            "value": "12.30",
            "stated": "12.4",
            "base": "99.00",
            "computed": "12.42",
        },
    ),
    (
        "warning",
        "narrative_mismatch",
        "narrative_total",
        {"name": "支出", "figure": "expenditure", "stated": "12.30", "chosen": "12.40"},
    ),
    (
        "error",
        "children_sum",
        "class_totals",
        {"table": "表1", "added": "12.30", "column": "total", "total": "12.40"},
    ),
)
LEVELS = {3: 1, 5: 2, 7: 3}  # a code's length -> 类, 款, 项
LEVEL_SIZE = {"province": 2_000_000, "city": 600_000, "county": 150_000}  # 元 ×100, so 万元 cents


@dataclass(frozen=True)
class Scale:
    agencies: int
    years: int
    first_year: int = FIRST_YEAR
    seed: int = 8

    @property
    def marker(self) -> str:
        return f"synthetic v2: {self.agencies} agencies x {self.years} years, seed {self.seed}"


@dataclass(frozen=True)
class AgencySpec:
    name: str
    kind: str
    province: str
    city: str
    county: str
    home: str  # its own 款
    items: tuple[str, ...]  # its own 项

    @property
    def level(self) -> str:
        if self.county:
            return "county"
        return "city" if self.city and self.city != self.province else "province"


@dataclass
class Buffers:
    """One chunk of rows, as COPY text, per table."""

    rows: dict[str, list[str]] = field(default_factory=dict)

    def add(self, table: str, *values: Any) -> None:
        self.rows.setdefault(table, []).append("\t".join(map(_text, values)) + "\n")


def _text(value: Any) -> str:
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    return str(value)


def money(cents: int) -> str:
    sign, cents = ("-", -cents) if cents < 0 else ("", cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


# --- reference data -------------------------------------------------------------------------


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def names() -> dict[str, str]:
    """Functional and economic codes -> their official names."""
    return {r["code"]: r["name"] for r in _csv("functional.csv") + _csv("economic.csv")}


def regions() -> list[tuple[str, str, str]]:
    """Every province, city and county as (province, city, county), from the gazetteer."""
    rows = _csv("regions.csv")
    by_code = {r["code"]: r for r in rows}
    found = []
    for r in rows:
        parent = by_code.get(r["parent"])
        if r["level"] == "province":
            found.append((r["name"], "", ""))
        elif r["level"] == "city" and parent and r["name"] != parent["name"]:
            found.append((parent["name"], r["name"], ""))  # a municipality is its province
        elif r["level"] == "county" and parent and parent["parent"] in by_code:
            found.append((by_code[parent["parent"]]["name"], parent["name"], r["name"]))
    return found


def agencies(scale: Scale) -> list[AgencySpec]:
    """`scale.agencies` agencies of every type, at every tier, with unique names: all the
    provinces' and most cities' agencies, counties' for the rest."""
    rng = random.Random(scale.seed)
    places = regions()
    by_tier: dict[int, list[tuple[str, str, str]]] = {0: [], 1: [], 2: []}
    for place in places:
        by_tier[sum(1 for p in place if p) - 1].append(place)
    pairs = [(place, kind) for tier in (0, 1) for place in by_tier[tier] for kind in KINDS]
    rng.shuffle(pairs)
    counties = [(place, kind) for place in by_tier[2] for kind in KINDS]
    rng.shuffle(counties)
    wanted = min(scale.agencies, len(pairs) + len(counties))
    chosen = pairs[: int(wanted * 0.3)] + counties
    specs: dict[str, AgencySpec] = {}
    for (province, city, county), (kind, ending, home, items) in chosen:
        name = "".join(dict.fromkeys(p for p in (province, city, county) if p)) + ending
        own = tuple(sorted(rng.sample(items, k=min(len(items), rng.randint(2, 3)))))
        specs.setdefault(name, AgencySpec(name, kind, province, city, county, home, own))
        if len(specs) == wanted:
            break
    # in the order they would turn up (ids say nothing of region or name), not by name
    found = sorted(specs.values(), key=lambda s: s.name)
    rng.shuffle(found)
    return found


# --- one agency's years ---------------------------------------------------------------------


def _split(rng: random.Random, cents: int, parts: int) -> list[int]:
    """`cents` in `parts` shares that add up to it exactly."""
    weights = [rng.uniform(0.3, 1.0) for _ in range(parts)]
    whole = sum(weights)
    shares = [int(cents * w / whole) for w in weights[:-1]]
    return [*shares, cents - sum(shares)]


@dataclass(frozen=True)
class Amounts:
    """One document's totals, in cents of 万元."""

    total: int
    basic: int
    project: int
    personnel: int  # 301 + 303
    public: int  # 302
    families: int  # 303, part of personnel
    staff: int

    @classmethod
    def draw(cls, rng: random.Random, total: int, staff: int) -> Amounts:
        basic = int(total * rng.uniform(0.55, 0.85))
        personnel = int(basic * rng.uniform(0.82, 0.92))
        families = int(personnel * rng.uniform(0.0, 0.05))
        return cls(total, basic, total - basic, personnel, basic - personnel, families, staff)


class Writer:
    """Rows of one agency's disclosures into the chunk's buffers; ids handed out in order."""

    def __init__(self, scale: Scale, ids: dict[str, int], user_id: int, codes: dict[str, str]):
        self.scale, self.ids, self.user_id, self.codes = scale, ids, user_id, codes
        self.out = Buffers()
        self.owner = (0, 0)  # the disclosure and document being written

    def next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def agency(self, spec: AgencySpec, index: int) -> None:
        rng = random.Random(self.scale.seed * 1_000_003 + index)
        agency_id = self.next_id("agency")
        created = f"{self.scale.first_year}-01-01 00:00:00+08"
        self.out.add(
            "agency",
            agency_id,
            spec.name,
            spec.kind,
            spec.province,
            spec.city,
            spec.county,
            created,
        )
        total = int(LEVEL_SIZE[spec.level] * rng.lognormvariate(0, 0.6))
        staff = max(3, int(total / rng.uniform(2_000, 4_500)))
        scope = "department" if rng.random() < 0.4 else "unit"
        prior: dict[str, int | None] = {"budget": None, "final_accounts": None}
        for year in range(self.scale.first_year, self.scale.first_year + self.scale.years):
            total = int(total * rng.gauss(1.05, 0.08))
            staff = max(3, staff + rng.choice((-1, 0, 0, 0, 1, 2)))
            budget = Amounts.draw(rng, total, staff)
            final = Amounts.draw(rng, int(total * rng.uniform(0.88, 1.04)), staff)
            for kind, amounts in (("budget", budget), ("final_accounts", final)):
                key = (agency_id, year, kind, scope)
                self.versions(rng, spec, key, amounts, prior[kind])
                prior[kind] = amounts.total

    def versions(
        self,
        rng: random.Random,
        spec: AgencySpec,
        key: tuple[int, int, str, str],
        amounts: Amounts,
        prior: int | None,
    ) -> None:
        """The current version; now and then an earlier one it replaced, or a draft after it."""
        earlier = rng.random() < 0.03
        version = 1
        if earlier:
            wrong = Amounts.draw(rng, int(amounts.total * 0.97), amounts.staff)
            self.disclosure(rng, spec, key, wrong, prior, version=1, state="replaced")
            version = 2
        current = self.disclosure(rng, spec, key, amounts, prior, version=version, state="current")
        if rng.random() < 0.01:
            self.disclosure(rng, spec, key, amounts, prior, version=version + 1, state="draft")
        elif rng.random() < 0.01:
            self.correction(current, amounts)

    def disclosure(
        self,
        rng: random.Random,
        spec: AgencySpec,
        key: tuple[int, int, str, str],
        amounts: Amounts,
        prior: int | None,
        *,
        version: int,
        state: str,
    ) -> int:
        agency_id, year, kind, scope = key
        pk, document = self.next_id("disclosure"), self.next_id("document")
        self.owner = (pk, document)
        when = (
            f"{year}-02-{1 + pk % 27:02d}"
            if kind == "budget"
            else f"{year + 1}-08-{1 + pk % 27:02d}"
        )
        stamp = f"{when} 10:00:00+08"
        title = f"{spec.name}{year}年{'部门预算' if kind == 'budget' else '部门决算'}.pdf"
        sha = hashlib.sha256(f"{self.scale.seed}:{document}".encode()).hexdigest()
        pages = rng.randint(12, 40)
        self.out.add(
            "document", document, f"bench/{sha}.pdf", title, sha, pages * 40_000, "pdf", pages,
            stamp, "parsed", "", 0, "", "", stamp, stamp, stamp, '{"format": 1}', "", None, "",
            "", None, pages,
        )  # fmt: skip
        published = None if state == "draft" else stamp
        tables = json.dumps(TABLES[: rng.randint(6, len(TABLES))], ensure_ascii=False)
        self.out.add(
            "disclosure", pk, year, kind, scope, version, tables, stamp, published,
            state == "current", agency_id, None, None,
        )  # fmt: skip
        self.out.add("disclosuredocument", 1, pk, document)
        self.figures(rng, pk, kind, amounts, prior)
        self.functional(rng, pk, spec, amounts)
        self.economic(rng, pk, kind, amounts)
        self.stated(rng, pk, spec, amounts, prior)
        self.findings(rng, pk, spec)
        return pk

    def row(self, table: str, pk: int, source: tuple[int, str, str, str], *values: Any) -> None:
        """A sourced row: the disclosure, its document, page, table, row, column, sentence,
        then the table's own columns."""
        page, table_label, row_label, sentence = source
        column = "" if sentence else "合计"
        self.out.add(table, *self.owner, page, table_label, row_label, column, sentence, *values)

    def figures(
        self, rng: random.Random, pk: int, kind: str, a: Amounts, prior: int | None
    ) -> None:
        table = TABLES[0]
        totals = {
            "revenue": a.total + rng.choice((0, 0, 0, int(a.total * 0.02))),
            "expenditure": a.total,
            "basic": a.basic,
            "project": a.project,
            "personnel": a.personnel,
            "public": a.public,
            "procurement": int(a.project * rng.uniform(0.0, 0.2)),
        }
        abroad, reception = rng.choice((0, 0, 0, 120)), rng.randint(0, 300)
        purchase, running = rng.choice((0, 0, 0, 0, 2_500)), rng.randint(0, 1_500)
        three = {
            "abroad": abroad,
            "reception": reception,
            "vehicle_purchase": purchase,
            "vehicle_operation": running,
            "vehicles": purchase + running,
            "total": abroad + reception + purchase + running,
        }
        totals["three_public"] = three["total"]
        for key, cents in totals.items():
            self.row("figure", pk, (2, table, key, ""), "totals", key, money(cents))
        for key, cents in three.items():
            self.row("figure", pk, (9, TABLES[-1], key, ""), "three_public", key, money(cents))
        staffed = rng.random()
        sentence = f"本单位编制{a.staff + 2}人，实有人员{a.staff}人。"
        if staffed < 0.95:
            self.row("figure", pk, (11, "", "", sentence), "headcount", "authorized", a.staff + 2)
        if staffed < 0.85:
            self.row("figure", pk, (11, "", "", sentence), "headcount", "actual", a.staff)
        if prior is not None:
            said = f"支出总计{money(a.total)}万元，上年为{money(prior)}万元。"
            self.row("figure", pk, (3, "", "", said), "prior_year", "expenditure", money(prior))

    def item(self, classification: str, scope: str, code: str, *amounts: int) -> None:
        """One line item, written as COPY text directly: they are most of the rows."""
        total, basic, project = (*(money(v) for v in amounts), "\\N", "\\N")[:3]
        page = 4 if classification == "functional" else 6 + (scope == "basic")
        table = TABLES[2 if page == 4 else 5]
        name = self.codes.get(code, "")
        disclosure, document = self.owner
        self.out.rows.setdefault("lineitem", []).append(
            f"{disclosure}\t{document}\t{page}\t{table}\t{code} {name}\t合计\t\t"
            f"{classification}\t{scope}\t{code}\t{name}\t{LEVELS[len(code)]}\tt\t"
            f"{total}\t{basic}\t{project}\t\\N\t\\N\n"
        )

    def functional(self, rng: random.Random, pk: int, spec: AgencySpec, a: Amounts) -> None:
        """类 → 款 → 项 rows with basic and project spending; every level adds up."""
        wages = a.personnel - a.families
        shared = [
            (SHARED[0], int(wages * 0.12)),
            (SHARED[1], int(wages * 0.06)),
            (HOUSING, int(wages * 0.09)),
        ]
        own = a.basic - sum(cents for _, cents in shared)
        blocks = [((spec.home, spec.items), own, a.project), *((b, c, 0) for b, c in shared)]
        by_class: dict[str, list[tuple[str, list[tuple[str, int, int]]]]] = {}
        for (kuan, xiang), basic, project in blocks:
            bases = _split(rng, basic, len(xiang))
            projects = _split(rng, project, len(xiang)) if project else [0] * len(xiang)
            rows = list(zip(xiang, bases, projects, strict=True))
            by_class.setdefault(kuan[:3], []).append((kuan, rows))
        for lei in sorted(by_class):
            kuans = sorted(by_class[lei])
            lei_rows = [r for _, rows in kuans for r in rows]
            self.item("functional", "all", lei, *_sums(lei_rows))
            for kuan, rows in kuans:
                self.item("functional", "all", kuan, *_sums(rows))
                for code, basic, project in rows:
                    self.item("functional", "all", code, basic + project, basic, project)

    def economic(self, rng: random.Random, pk: int, kind: str, a: Amounts) -> None:
        """Basic spending by economic class (301 wages, 302 running costs, 303 families);
        budgets add the classes of all spending, as the samples' do."""
        wages = a.personnel - a.families
        if kind == "budget":
            goods = a.public + int(a.project * 0.7)
            for code, cents in (("301", wages), ("302", goods), ("303", a.families),
                                ("310", a.total - wages - goods - a.families)):  # fmt: skip
                self.item("economic", "all", code, cents)
        public = sorted(rng.sample(PUBLIC, rng.randint(5, 8)) + rng.sample(PUBLIC_RARE, 2))
        for head, cents, codes in (
            ("301", wages, sorted(rng.sample(PERSONNEL, rng.randint(6, 9)))),
            ("302", a.public, public),
            ("303", a.families, ["30302", "30399"]),
        ):
            self.item("economic", "basic", head, cents)
            for code, part in zip(codes, _split(rng, cents, len(codes)), strict=True):
                self.item("economic", "basic", code, part)

    def stated(
        self, rng: random.Random, pk: int, spec: AgencySpec, a: Amounts, prior: int | None
    ) -> None:
        if prior is None:
            return
        delta = a.total - prior
        percent = money(abs(delta) * 10_000 // prior) if prior else None
        reason = rng.choice(REASONS)
        words = "增加" if delta >= 0 else "减少"
        sentence = (
            f"支出总计{money(a.total)}万元，比上年{words}{money(abs(delta))}万元，原因是{reason}。"
        )
        values = ("expenditure", money(a.total), money(delta), percent, reason)
        self.row("statedchange", pk, (3, "", "", sentence), *values)
        code = spec.items[0]
        subject = f"(一){code}-{self.codes.get(code, '')}"
        self.row("statedchange", pk, (5, "", "", subject), subject, "0.00", "0.00", None, "")

    def findings(self, rng: random.Random, pk: int, spec: AgencySpec) -> None:
        if rng.random() > 0.25:
            return
        for _ in range(rng.randint(1, 2)):
            severity, rule, message_id, given = rng.choice(RULES)
            where = rng.choice((spec.home, spec.items[0], "expenditure", "301"))
            params = {**given, "code": where} if "{code}" in ENGLISH[message_id] else given
            text = english(message_id, params)
            said = json.dumps(params, ensure_ascii=False)
            values = (severity, rule, where, text, message_id, said)
            self.row("finding", pk, (4, TABLES[2], where, ""), *values)

    def correction(self, pk: int, a: Amounts) -> None:
        """A reviewer put right the total the parse misread (the stored value is the new one)."""
        old, new = money(a.total * 10), money(a.total)
        stamp = f"{self.scale.first_year + self.scale.years}-01-15 09:00:00+08"
        reason = "原件表格中的数字，解析时多读了一位"
        self.out.add(
            "correction", pk, "figure:totals:expenditure", old, new, reason, stamp, self.user_id
        )


def _sums(rows: list[tuple[str, int, int]]) -> tuple[int, int, int]:
    basic, project = sum(r[1] for r in rows), sum(r[2] for r in rows)
    return basic + project, basic, project


# --- loading --------------------------------------------------------------------------------

SOURCED = "disclosure_id, document_id, page, table_label, row_label, column_label, sentence"
COLUMNS = {
    "agency": "id, name, kind, province, city, county, created_at",
    "document": (
        "id, file, name, sha256, size, format, pages, uploaded_at, status, stage, attempts,"
        " error_code, error_message, queued_at, started_at, finished_at, records, agency_hint,"
        " year_hint, kind_hint, scope_hint, uploaded_by_id, pages_read"
    ),
    "disclosure": (
        "id, year, kind, scope, version, tables, created_at, published_at, is_current,"
        " agency_id, published_by_id, records"
    ),
    "disclosuredocument": "position, disclosure_id, document_id",
    "figure": f'{SOURCED}, "group", key, value',
    "lineitem": (
        f"{SOURCED}, classification, scope, code, name, level, known,"
        " total, basic, project, personnel, public"
    ),
    "statedchange": f"{SOURCED}, subject, current, delta, percent, reason",
    "finding": f'{SOURCED}, severity, rule, "where", message, message_id, params',
    "correction": (
        "disclosure_id, address, old_value, new_value, reason, corrected_at, corrected_by_id"
    ),
}
NUMBERED = ("agency", "document", "disclosure")  # ids given here, for the rows that point at them


def load(cursor: Any, scale: Scale, say: Callable[[str], None] = print) -> dict[str, int]:
    """Write the synthetic database through `cursor` (psycopg 3); returns the rows written
    per table. The caller owns the transaction."""
    ids = {table: _max_id(cursor, table) for table in NUMBERED}
    writer = Writer(scale, ids, _reviewer(cursor), names())
    counts: dict[str, int] = {}
    specs = agencies(scale)
    for start in range(0, len(specs), CHUNK):
        for n, spec in enumerate(specs[start : start + CHUNK], start):
            writer.agency(spec, n)
        for table, lines in _flush(writer.out):
            _copy(cursor, table, lines)
            counts[table] = counts.get(table, 0) + len(lines)
        say(f"  {min(start + CHUNK, len(specs))}/{len(specs)} agencies")
    for table in NUMBERED:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('disclosures_{table}', 'id'), %s)",
            [writer.ids[table]],
        )
    counts.update(_reference(cursor, specs, scale))
    return counts


def _max_id(cursor: Any, table: str) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM disclosures_{table}")
    return int(cursor.fetchone()[0])


def _reviewer(cursor: Any) -> int:
    """The user the synthetic corrections are made by (no password: it cannot log in)."""
    cursor.execute(
        """INSERT INTO auth_user (password, is_superuser, username, first_name, last_name,
             email, is_staff, is_active, date_joined)
           VALUES ('!', false, 'synthetic-reviewer', '', '', '', false, false, now())
           ON CONFLICT (username) DO UPDATE SET is_active = false RETURNING id"""
    )
    return int(cursor.fetchone()[0])


def _flush(out: Buffers) -> Iterator[tuple[str, list[str]]]:
    """The chunk's rows, tables pointed at before the tables pointing at them."""
    for table in COLUMNS:
        lines = out.rows.pop(table, [])
        if lines:
            yield table, lines


def _copy(cursor: Any, table: str, lines: list[str]) -> None:
    with cursor.copy(f"COPY disclosures_{table} ({COLUMNS[table]}) FROM STDIN") as copy:
        for start in range(0, len(lines), 20_000):
            copy.write("".join(lines[start : start + 20_000]))


def _reference(cursor: Any, specs: list[AgencySpec], scale: Scale) -> dict[str, int]:
    """Residents of every agency's region and each province's CPI, every year, beside the
    shipped rows (which are kept where they exist)."""
    rng = random.Random(scale.seed)
    places = sorted({(s.province, s.city, s.county) for s in specs})
    people = {"county": 60.0, "city": 500.0, "province": 4000.0}
    years = range(scale.first_year - 1, scale.first_year + scale.years)
    populations, indices = [], []
    for place in places:
        tier = "county" if place[2] else "city" if place[1] else "province"
        base = people[tier] * rng.lognormvariate(0, 0.4)
        for year in years:
            base *= rng.uniform(0.99, 1.015)
            populations.append((*place, year, f"{base:.4f}"))
    for province in sorted({(s.province, "", "") for s in specs}) + [("", "", "")]:
        indices += [(*province, year, f"{rng.uniform(100.5, 103.0):.2f}") for year in years]
    return {
        "population": _upsert(cursor, "comparisons_population", "residents", populations),
        "priceindex": _upsert(cursor, "comparisons_priceindex", '"index"', indices),
    }


def _upsert(cursor: Any, table: str, column: str, rows: list[tuple[Any, ...]]) -> int:
    cursor.execute(
        "CREATE TEMP TABLE incoming (province text, city text, county text, year int, value numeric)"
    )
    with cursor.copy("COPY incoming FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    cursor.execute(
        f"""INSERT INTO {table} (province, city, county, year, {column}, source, note)
        SELECT province, city, county, year, value, %s, '' FROM incoming
        ON CONFLICT (province, city, county, year) DO NOTHING""",
        [SOURCE],
    )
    count = int(cursor.rowcount)
    cursor.execute("DROP TABLE incoming")
    return count
