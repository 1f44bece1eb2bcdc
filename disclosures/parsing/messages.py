"""Each finding's sentence in English, by its message id: the `message` of the parse JSON.

A finding carries its message id and the parameters the sentence is made of (amounts as
printed, codes, names and words quoted from the document, keys such as `expenditure`);
the site writes the same sentence from them in the reader's language
(disclosures/findings.py), so nothing but these ids and parameters needs storing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .model import Finding, Source

ENGLISH: dict[str, str] = {
    # sums down and across the tables (audit.py)
    "row_sum": "{code}: 基本 {basic} + 项目 {project} = {added}, the row says {total}",
    "children_sum": "items of {code} add to {added}, the row says {total}",
    "subtotal_sum": "{code} in {table}: its 小计 is {subtotal}, its 基本 + 项目 add to {added} "
    "and its 合计 is {total}",
    "source_sum": "{code} in {table}: its sources of funds add to {added}, the row says {total}",
    "children_sum_column": "items of {code} add to {added} in {column}, the row says {total}",
    "balance": "收入总计 {revenue} and 支出总计 {expenditure} differ",
    "basic_parts": "人员经费 + 公用经费 = {added}, 基本支出 is {basic}",
    "three_public_sum": "三公 {part} is {total}, its parts add to {added}",
    "cross_table": "{name} ({figure}) is {value} in {table} but {common} in {tables}",
    "class_against_tables": "{table} puts {value} on {code} {name}; "
    "the functional tables have {printed}",
    "stray_class": "{table} prints {code} {name}, which no other table has; "
    "without it its classes add up to its 合计",
    "class_left_out": "{table} has no row for {code} {name}, though {income} books {appropriation} "
    "of 财政拨款 for it and {spending} spends {total} on it",
    "class_totals": "the classes of {table} add to {added} in {column}, its 合计 says {total}",
    "unknown_code": "{code} {name} is not in the official classification",
    "ocr_reading": "OCR: {note}",
    "garbled_text": "pages {pages}: the file's text is glyph numbers, not writing (fonts "
    "without a Unicode map); they were read by OCR",
    "repeated_file": "{file} prints the same tables as {later}: only {later} is read",
    # the sentences against the figures (audit_text.py)
    "narrative_total": "the text says {name} {stated}, the tables {chosen}",
    "change_stated_twice": "the change against the prior year (上年) is stated as {said} "
    "in different places",
    "negative_prior": "{subject} {current} with a change of {delta} would mean {prior} last year",
    "change_percent": "{subject}: a change of {delta} on {prior} is {computed}%, "
    "the text says {stated}%",
    "grand_total": "the text says {words} {stated}, {title} says {value}",
    "procurement_parts": "政府采购 {stated} but 货物/工程/服务 add to {added}",
    "outturn_items": "the items' {words} add to {added}, the text says {stated}",
    "share": "{subject} {value} is stated as {stated}% of {base}, it is {computed}%",
    "carry_identity": "{table}: {year_label} {year} + {lines} = {added}, "
    "its {grand_label} is {grand}",
    "stated_carry": "the text gives {words} as {stated}, {tables} print {printed}",
    "carry_as_appropriations": "{tables} book {counted} as 财政拨款, {fiscal} spends "
    "{spent}: the difference is the {line} {carried} of {summary}, booked as appropriations",
    "stated_project": "the text gives project {name} as {stated}, the project table as {printed}",
    "target_forms": "the text says {count} projects with performance targets cover {stated}, "
    "the {count} target forms printed add to {printed}",
    "stated_line": "the text gives {label} as {stated}, the summary table as {printed}",
    "unit": "the text gives {code} as {number} 元, the tables as {number} 万元",
    "stated_item": "the text gives {code} {name} as {stated}, the tables as {printed}",
    "heading_against_sentence": "{code} is {heading} in its heading, {planned} in the sentence "
    "below",
    "item_percent": "{code}: from {prior} to {planned} is {computed}%, the text says {stated}%",
    "reason_against_fall": "{code} falls ({direction}) but the reason given says the "
    "opposite: {reason}",
    "reason_against_rise": "{code} rises ({direction}) but the reason given says the "
    "opposite: {reason}",
    # how the document is put together (audit_reader.py, readers.py)
    "missing_tables": "{missing} of the {listed} tables the contents list are not in this file",
    "missing_table": "the contents list {table}, the document prints no such table",
    "heading_year": "the heading {heading} names {named}, the document is of {year}",
    "heading_body": "the heading {heading} names {body}, the document {agency}",
    "date_final": "{date} in a final account of {year}",
    "date_budget": "{date} in a budget of {year}",
    "template": "{count} placeholders: a template",
    "placeholder": "placeholder {mark} left in: {text}",
    "repeated_text": "{repeated} in: {text}",
    "empty_table": "{note} but {title} prints {count} amounts",
    "code_name": "{code} is printed as {name}, the name of {other}; {code} is {official}",
    "code_twice": "{table} prints {code} for {name} too; {code} is {official}, {name} is {named}",
    "codes_unpadded": "{table} prints codes without their leading zero: {codes}",
    "empty_but_printed": "{table} says it is empty ({note}) but prints {count} amounts",
    # words that compare (audit_words.py)
    "amount_and_percent": "{said}: the amount and the percentage disagree",
    "execution_direction": "from {prior} to {planned} the text says {word}",
    "level_with_change": "{word} beside a change of {moved}",
    "outturn_word": "年初预算 {budget} and 决算 {outturn}, the text says {said}",
    "three_public_word": "the text gives {word} {value}, the 三公 table prints no such figure",
    "three_public_part": "the text gives {word} as {value}, the 三公 table as {printed}",
    "completion_of_zero": "年初预算 is 0, yet the text says {said}",
    "completion": "{outturn} of {budget} is {computed}%, the text says {stated}%",
    "totals_confused": "the text gives 支出合计 as {value}, the 收入支出总计 with carry-overs; "
    "the year's 支出合计 is {years}",
    "running_costs": "the text says 机关运行经费 {value} equals the {part} of the basic budget, "
    "which is {named}",
}
# said after the sentence when the finding's figures need a second look
QUALIFIERS = {
    "ocr": " (read by OCR: check the scan)",
    "uncertain": " (this table's reading is uncertain)",
}


def fmt(value: Decimal) -> str:
    """An amount as messages print it: two decimals, more where it has them (a figure in
    元 to the fen is 119.19374 万元), six at most."""
    whole, _, part = f"{value:.6f}".partition(".")
    return f"{whole}.{part.rstrip('0').ljust(2, '0')}"


def english(message_id: str, params: dict[str, object]) -> str:
    text = ENGLISH[message_id].format(**params)
    return text + "".join(QUALIFIERS[q] for q in QUALIFIERS if params.get(q))


def finding(
    severity: str,
    rule: str,
    where: str,
    message_id: str,
    source: Source | None = None,
    **params: Any,
) -> Finding:
    """A finding whose sentence is message `message_id` said with `params`."""
    return Finding(severity, rule, where, english(message_id, params), source, message_id, params)


def qualified(f: Finding, qualifier: str) -> dict[str, Any]:
    """The fields of `f` with `qualifier` (ocr, uncertain) added to what it says."""
    params = {**f.params, qualifier: True}
    message = f.message + QUALIFIERS[qualifier] if not f.params.get(qualifier) else f.message
    return {"message": message, "params": params}
