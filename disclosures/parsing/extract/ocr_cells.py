"""Cells as OCR reads them, mended only where one reading is possible.

OCR confuses 0 with O, 1 with l, and a thousands comma with a decimal point.
A misread amount that is "mended" into a wrong number would be trusted, so only
cases with one possible reading are changed; anything else is left as read and
either fails to be an amount or breaks the table's sums, which the audit reports.
"""

from __future__ import annotations

import re

_AMOUNT = re.compile(r"^[-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
# Letters that stand for digits, but only between or beside digits ('1O0.5l').
_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})
_NUMERIC = re.compile(r"^[-−]?[\d.,。 ]*\d[\d.,。 ]*$")
_WITH_LOOKALIKES = re.compile(r"^[-−]?[\d.,OolI|]*\d[\d.,OolI|]*$")
_SEPARATED = re.compile(r"^([-−]?)(\d+(?:[.,]\d+)+)$")
# 目 read as 日 or 臼 in the header's words (项目支出, 科目编码)
_WORDS = {"项日": "项目", "项臼": "项目", "科日": "科目", "科臼": "科目"}
# A dash in an empty amount cell; OCR reads it as the character for one.
_NIL = {"一": "-", "_": "-", "－": "-"}


def mend_cell(text: str) -> str:
    """An OCR'd cell with its unambiguous misreadings mended."""
    # A list label's ordinal is a thin stroke or two ('一、', '二、') that the OCR
    # drops; the comma it leaves behind would hide the label from the readers.
    if text.startswith("、") and len(text) > 1:
        return text[1:]
    # the same stroke lost from 一般 ('一般公共服务支出'): no word starts with 般
    if text.startswith("般"):
        return "一" + text
    for misread, word in _WORDS.items():  # no word of these tables holds the misreading
        text = text.replace(misread, word)
    return mend_amount(text)


def mend_amount(text: str) -> str:
    """The amount in `text` written the one way it can be read, else `text` unchanged."""
    if text in _NIL:
        return _NIL[text]
    if _AMOUNT.match(text) or not _looks_numeric(text):
        return text
    candidate = text.replace(" ", "").replace("。", ".").translate(_LOOKALIKES)
    candidate = candidate.rstrip(".,") if re.search(r"\.\d+[.,]$", candidate) else candidate
    if _AMOUNT.match(candidate):
        return candidate
    return _separators(candidate) or text


def _looks_numeric(text: str) -> bool:
    if _NUMERIC.match(text):
        return True
    # letters count only when digits outnumber them: 'IO' stays a word
    letters = sum(ch in "OolI|" for ch in text)
    return bool(_WITH_LOOKALIKES.match(text)) and letters * 2 < len(text)


def _separators(text: str) -> str | None:
    """'13.297.11' or '13,297,11' -> '13,297.11'; '13297,11' -> '13297.11'.

    The last mark is the decimal point when what follows it cannot be a group of
    thousands (not three digits) and every mark before it separates one. Where
    the last group has three digits ('1.234') both readings stay possible, and a
    lone mark before many digits ('13,29711') may have lost its point.
    """
    match = _SEPARATED.match(text)
    if not match:
        return None
    sign, body = match.groups()
    parts = re.split(r"[.,]", body)
    *groups, last = parts
    if len(last) == 3:
        return None
    if len(groups) == 1 and len(last) > 2:  # '13,29711': a point may have been lost
        return None
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    whole = ",".join(groups) if len(groups) > 1 else groups[0]
    return f"{sign}{whole}.{last}"
