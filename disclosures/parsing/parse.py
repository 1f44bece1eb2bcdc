"""Bytes in, a checked Disclosure out: extract, cut into tables, read, choose, audit."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from . import (
    audit,
    audit_ocr,
    bodies,
    classification,
    columns,
    headcount,
    metadata,
    narrative,
    narrative_rows,
    restack,
    verify,
)
from .cells import finest, percent_gap, same_figure
from .errors import ParseError
from .extract import extract
from .extract.base import Extracted, Line, ProgressCallback, reporting
from .facts import TableFacts
from .model import Change, Disclosure, Figure, LineItem, Source
from .order import reading_order
from .readers import ECONOMIC_KINDS, read_table
from .regions import region_from_name, region_most_named
from .tables import Table, split_tables

# where each total is read first; 'narrative' is the sentences
PREFERENCE: dict[str, tuple[str, ...]] = {
    "revenue": (
        "summary:revenue_year",
        "summary:revenue_grand",
        # the income table's 合计 (收入预算表, 收入决算表): all funds, before the
        # appropriations' summary, whose 本年收入合计 is the appropriations' alone
        "income:revenue",
        "fiscal_summary:revenue_year",
        "fiscal_summary:revenue_grand",
        "narrative",
    ),
    "expenditure": (
        "summary:expenditure_year",
        "summary:expenditure_grand",
        "expenditure:expenditure",
        "fiscal_summary:expenditure_year",
        "general_expenditure:expenditure",
        "narrative",
        # the appropriations' table alone, where nothing else gives the spending
        "fiscal_expenditure:expenditure",
    ),
    # all funds before the general budget: a unit with other income has both
    "basic": (
        "expenditure:basic",
        "summary:basic",
        "general_expenditure:basic",
        "fiscal_expenditure:basic",
        "basic_functional:basic",
        "economic_basic:basic",
        "fiscal_summary:basic",
        "narrative",
    ),
    # all funds before the general budget, as for the basic spending
    "project": (
        "expenditure:project",
        "summary:project",
        "general_expenditure:project",
        "fiscal_expenditure:project",
        "fiscal_summary:project",
        "project:project",
        "narrative",
    ),
    "personnel": (
        "summary:personnel",
        "expenditure:personnel",
        "economic_basic:personnel",
        "general_expenditure:personnel",
        "basic_functional:personnel",
        "fiscal_expenditure:personnel",
        "narrative",
    ),
    "public": (
        "summary:public",
        "expenditure:public",
        "economic_basic:public",
        "general_expenditure:public",
        "basic_functional:public",
        "fiscal_expenditure:public",
        "narrative",
    ),
    "three_public": ("three_public:three_public:total", "narrative"),
    "procurement": ("procurement:procurement", "narrative"),
}
# spending tables only: an income table by class (收入决算表) counts money received
FUNCTIONAL_ORDER = (
    "expenditure",
    "general_expenditure",
    "fiscal_expenditure",
    "basic_functional",
)


@dataclass
class Reading:
    """Everything read from one document before the choices are made."""

    extracted: Extracted
    tables: list[Table]
    facts: TableFacts
    sentences: list[narrative.Sentence]
    stated: list[narrative.Stated]
    changes: list[narrative.StatedChange]
    unread: frozenset[int] = frozenset()  # ids of tables whose cells stand one a line
    # what the tables of the department's units give (本级, 所属单位: bodies.py), apart
    others: TableFacts = field(default_factory=TableFacts)
    uncertain: frozenset[str] = frozenset()  # labels of tables whose identities fail as read
    agency: str | None = None  # the body the document names itself by
    scope: str | None = None  # department or unit


def read(extracted: Extracted) -> Reading:
    lines = reading_order(extracted.lines())
    with columns.reading(metadata.year(lines), metadata.kind(lines)):
        return _read(extracted, lines)


def _read(extracted: Extracted, lines: list[Line]) -> Reading:
    tables, prose = split_tables(lines)
    default_unit = next((t.unit for t in tables if t.unit), None) or "万元"
    facts, others = TableFacts(), TableFacts()
    put_back = [(t, restack.restacked(t) if verify.scattered(t) else None) for t in tables]
    tables = [rebuilt or table for table, rebuilt in put_back]
    unread = {id(t) for t in tables if verify.scattered(t)}
    everything = extracted.lines()
    agency, scope = metadata.agency(everything), metadata.scope(everything)
    units = bodies.foreign_tables(tables, agency, scope == "department", lines)
    for table, (_, rebuilt) in zip(tables, put_back, strict=True):
        into = others if id(table) in units else facts
        if id(table) in unread:  # columns lost: its figures would be guesses
            continue
        if rebuilt is None:
            read_table(table, table.unit or default_unit, into)
        elif not _read_put_back(table, table.unit or default_unit, into):
            unread.add(id(table))
    sents = narrative.sentences(prose)
    return Reading(
        extracted,
        tables,
        facts,
        sents,
        narrative.stated_figures(sents, columns.document_year()),
        narrative.changes(sents),
        frozenset(unread),
        others,
        agency=agency,
        scope=scope,
    )


def _read_put_back(table: Table, unit: str, facts: TableFacts) -> bool:
    """Read a table put back together from cells one a line, keeping what it gives only
    where its rows bear the reading out (restack.holds). Its rows count; its totals only
    where it is the department's table of all funds, for with the summary tables unread
    nothing would tell a 财政拨款 合计 from the department's."""
    own = TableFacts()
    read_table(table, unit, own)
    if not restack.holds([item for _, item in own.functional + own.economic]):
        return False
    if table.kind == "expenditure":  # the department's own totals, all funds
        facts.facts += own.facts
    facts.findings += own.findings
    facts.functional += own.functional
    facts.economic += own.economic
    return True


def choose_total(reading: Reading, key: str) -> Figure | None:
    chosen = _preferred(reading, key)
    if chosen is None and key == "three_public":
        return _sum_of_stated_parts(reading)
    return chosen


def _sum_of_stated_parts(reading: Reading) -> Figure | None:
    """Some documents state the three parts and their shares, but no 三公 total."""
    parts: dict[str, narrative.Stated] = {}
    for stated in reading.stated:
        if stated.key.startswith("three_public:"):
            parts.setdefault(stated.key, stated)
    if "three_public:vehicles" in parts:  # the halves are in it already
        parts.pop("three_public:vehicle_purchase", None)
        parts.pop("three_public:vehicle_operation", None)
    if len(parts) < 3:
        return None
    first = next(iter(parts.values()))
    total = sum((p.value for p in parts.values()), Decimal(0))
    return Figure(total, Source(page=first.sentence.page, sentence=first.sentence.text))


def _preferred(reading: Reading, key: str) -> Figure | None:
    for place in PREFERENCE[key]:
        if place == "narrative":
            # the year's own figure before a grand total with carry-overs, as the tables
            stated = sorted((s for s in reading.stated if s.key == key), key=lambda s: s.rank)
            if stated:
                first = stated[0]
                return Figure(
                    first.value, Source(page=first.sentence.page, sentence=first.sentence.text)
                )
            continue
        kind, _, fact_key = place.partition(":")
        found = [f for f in reading.facts.facts if f.key == fact_key and f.kind == kind]
        fact = next((f for f in found if f.table not in reading.uncertain), None)
        if fact is not None:
            return Figure(fact.value, fact.source)
    # only tables whose identities fail give it: the first of them
    for place in PREFERENCE[key]:
        kind, _, fact_key = place.partition(":")
        for fact in reading.facts.facts:
            if fact.key == fact_key and fact.kind == kind:
                return Figure(fact.value, fact.source)
    return None


def choose_functional(reading: Reading) -> list[LineItem]:
    chosen: dict[str, LineItem] = {}
    # the rows of one table (another may print rows the first does not), one whose
    # identities hold as read before one whose fail
    for sure in (True, False):
        for kind in FUNCTIONAL_ORDER:
            for table, item in reading.facts.functional:
                if sure and table.label in reading.uncertain:
                    continue
                if table.kind == kind and item.code not in chosen and not _all_zero(item):
                    chosen[item.code] = item
            if chosen:
                break
        if chosen:
            break
    if not any(len(code) == 3 for code in chosen):
        chosen.update({c: i for c, i in _class_rows(reading).items() if c not in chosen})
    return sorted(chosen.values(), key=lambda item: item.code)


def _all_zero(item: LineItem) -> bool:
    """A row printed with nothing in it: templates list every class at 0.00."""
    parts = (item.total, item.basic, item.project, item.personnel, item.public)
    return not any(parts)


def _class_rows(reading: Reading) -> dict[str, LineItem]:
    """Class totals from the summary tables, or, with no tables, from the sentences."""
    rows: dict[str, LineItem] = {}
    for kind in ("summary", "fiscal_summary"):
        for fact in reading.facts.facts:
            code = fact.key.removeprefix("class:")
            if fact.key.startswith("class:") and fact.kind == kind and fact.value:
                rows.setdefault(
                    code,
                    LineItem(
                        code,
                        classification.functional_name(code) or "",
                        fact.value,
                        source=fact.source,
                    ),
                )
        if rows:
            break
    if reading.facts.functional:
        return rows
    # no table of classes: the summary's 类 and the 款 and 项 the text states
    stated = narrative_rows.stated_rows(reading.sentences)
    return {**stated, **rows} if rows else stated


def choose_economic(reading: Reading) -> list[LineItem]:
    if not reading.facts.economic:
        return narrative_rows.stated_economic(reading.sentences)
    seen: set[tuple[str, str]] = set()
    items = []
    # a table of economic classes before the classes a functional table sets across its page
    ordered = sorted(reading.facts.economic, key=lambda pair: pair[0].kind not in ECONOMIC_KINDS)
    for _, item in ordered:
        if (item.code, item.scope) not in seen and not _all_zero(item):
            seen.add((item.code, item.scope))
            items.append(item)
    return sorted(items, key=lambda item: (item.scope, item.code))


def choose_headcount(reading: Reading) -> dict[str, Figure]:
    found: dict[str, Figure] = {}
    for stated in narrative.headcount(reading.sentences) + headcount.read(
        reading.extracted.lines()
    ):
        found.setdefault(
            stated.key,
            Figure(stated.value, Source(page=stated.sentence.page, sentence=stated.sentence.text)),
        )
    return found


# '收、支总计', '收入、支出总计均为', '收支总计' (not the appropriations' alone)
GRAND_TOTALS = re.compile(r"^(?!.*财政拨款).*收(入)?[、和与及]?支(出)?(预算|决算)?总计")
# … or each side's stated apart ('支出总计…增加112.36万元'), the spending's first: the
# two are equal
ONE_GRAND_TOTAL = (
    re.compile(r"^(?!.*财政拨款).*支出(预算|决算)?总计"),
    re.compile(r"^(?!.*财政拨款).*收入(预算|决算)?总计"),
)


def prior_year(reading: Reading, expenditure: Figure | None) -> tuple[Figure | None, list[Change]]:
    """Last year's spending: the current figure less the change the document states for it."""
    changes = [_as_change(c, expenditure) for c in reading.changes]
    if expenditure is None:
        return None, changes
    about = [c for c in changes if c.subject == "expenditure"]
    # with no change stated for all spending, the one stated for the grand totals of all
    # funds (收、支总计, which count the carry-overs), else the summary table's column of
    # last year where it prints one, else the change stated for the appropriations'
    # spending, is the prior year the document gives
    about = about or [c for c in changes if GRAND_TOTALS.search(c.subject)]
    for side in ONE_GRAND_TOTAL:
        about = about or [c for c in changes if side.search(c.subject)]
    printed = next((f for f in reading.facts.facts if f.key == "prior:expenditure"), None)
    if not about and printed is not None:
        return Figure(printed.value, printed.source), changes
    about = about or [c for c in changes if re.search(r"财政拨款支出(预算|决算)?$", c.subject)]
    if not about:
        return None, changes
    # one change stated twice, once rounded ('1.6亿元'): the precise one
    precise = finest([c.delta for c in about])
    about = [c for c in about if c.delta == precise] or about
    votes = Counter(c.prior for c in about)
    prior = votes.most_common(1)[0][0]
    first = next(c for c in about if c.prior == prior)
    return Figure(prior, first.source), changes


def _as_change(stated: narrative.StatedChange, expenditure: Figure | None) -> Change:
    subject, base = stated.subject, stated.base
    if expenditure is not None and stated.whole:  # named, its figure given elsewhere
        subject, base = "expenditure", expenditure.value
    elif expenditure is not None and same_figure(stated.base, expenditure.value):
        subject = "expenditure"
    elif expenditure is not None and _fits(stated, expenditure.value) and not _fits(stated, base):
        # '2026年预算比2025年预算增加50.32万元，增长3.08%' names no figure of its own: the
        # one its percentage fits is the total, not the figure of the sentence before
        subject, base = "expenditure", expenditure.value
    source = Source(page=stated.sentence.page, sentence=stated.sentence.text)
    return Change(subject, base, stated.delta, stated.percent, stated.reason, source)


def _fits(stated: narrative.StatedChange, current: Decimal) -> bool:
    prior = current - stated.delta
    if stated.percent is None or not prior or not stated.delta:  # '增加0万元，增长0%' fits all
        return False
    return percent_gap(stated.percent, abs(stated.delta / prior * 100)) is None


def parse_extracted(extracted: Extracted) -> Disclosure:
    reading = read(extracted)
    lines: list[Line] = extracted.lines()
    if not reading.tables and not reading.stated:
        if extracted.pages and not any(page.has_text_layer for page in extracted.pages):
            raise ParseError("scanned", "the pages are images without a text layer (a scan)")
        raise ParseError("not_a_disclosure", "no budget tables or budget figures found in the file")
    ocr = frozenset(audit_ocr.ocr_pages(extracted.meta))
    blank = frozenset(p.number for p in extracted.pages if not p.lines)
    checks = verify.check_tables(reading.tables, reading.facts, reading.unread, ocr, blank)
    # a table whose identities fail as read gives its figures last
    reading.uncertain = frozenset(c.label for c in checks if c.checked and not c.verified)
    totals = {k: f for k in PREFERENCE if (f := choose_total(reading, k)) is not None}
    prior, changes = prior_year(reading, totals.get("expenditure"))
    name = reading.agency
    # no agency name (a blank template's 上海市XX局): the title block still names the place
    region = region_from_name(name or metadata.cover(lines))
    if region.province is None:  # a name without a place (西南大学): where the text puts it
        region = region_from_name(metadata.seat(lines) or "")
    if region.province is None:  # nor a seat: the place its account of itself names most
        region = region_most_named(metadata.opening(lines))
    disclosure = Disclosure(
        agency=name,
        region={"province": region.province, "city": region.city, "county": region.county},
        year=metadata.year(lines),
        kind=metadata.kind(lines),
        scope=reading.scope,
        totals=totals,
        headcount=choose_headcount(reading),
        prior_year={"expenditure": prior} if prior else {},
        functional=tuple(choose_functional(reading)),
        economic=tuple(choose_economic(reading)),
        changes=tuple(changes),
        three_public_parts=_three_public_parts(reading),
        tables=tuple(f"{t.label}: {t.title}" for t in reading.tables),
        findings=(),
        source=extracted.source,
        pages=len(extracted.pages),
    )
    reasons = verify.review_reasons(
        checks, bool(disclosure.functional), "expenditure" in disclosure.totals
    )
    disclosure = replace(disclosure, checks=tuple(checks), needs_review=tuple(reasons))
    return audit.run(disclosure, reading)


def _three_public_parts(reading: Reading) -> dict[str, Figure]:
    """The 三公 parts from the table, else as the sentences state them."""
    parts: dict[str, Figure] = {}
    for fact in reading.facts.facts:  # the first 三公 table's, where two print them
        if fact.key.startswith("three_public:"):
            parts.setdefault(fact.key.split(":")[1], Figure(fact.value, fact.source))
    if parts:
        return parts
    for stated in reading.stated:
        if stated.key.startswith("three_public:"):
            source = Source(page=stated.sentence.page, sentence=stated.sentence.text)
            parts.setdefault(stated.key.split(":")[1], Figure(stated.value, source))
    total = _preferred(reading, "three_public") if parts else None
    if total is not None and total.source.sentence is not None:  # the total they make up
        parts = {"total": total} | parts
    return parts


def parse_bytes(
    data: bytes, source: str = "", progress: ProgressCallback | None = None
) -> Disclosure:
    """`progress(done, total)` hears of the pages read, for a page that shows it."""
    with reporting(progress):
        return parse_extracted(extract(data, source))
