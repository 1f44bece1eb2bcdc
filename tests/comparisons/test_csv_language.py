"""A CSV download is in one language: `?lang=zh` or `?lang=en`, else the reader's. In
English its columns and values keep the keys a script reads; in Chinese they are named."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from comparisons.models import DisclosureSummary
from disclosures.models import Agency, LineItem, StatedChange

DATA = Path(settings.BASE_DIR) / "disclosures" / "parsing" / "data"
HAN = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
PAGES = ["agency_list", "compare_per_capita", "compare_mix", "compare_trend", "compare_peers"]


def table(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def names() -> set[str]:
    """What may be in another language: agency, region and item names (as printed, or
    as the official classification names them) and the reasons a document gives."""
    found = set(LineItem.objects.values_list("name", flat=True))
    found |= set(StatedChange.objects.values_list("reason", flat=True))
    for agency in Agency.objects.all():
        found |= {agency.name, agency.region, agency.kind}
    for path in DATA.glob("*.csv"):
        with path.open(encoding="utf-8") as rows:
            found |= {row.get("name", "") for row in csv.DictReader(rows)}
    return found - {""}


def without(text: str, strings: set[str]) -> str:
    for string in sorted(strings, key=len, reverse=True):
        text = text.replace(string, " ")
    return text


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_the_chinese_csv_has_no_english_words(client, samples, page):
    rows = table(client.get(reverse(page), {"format": "csv", "lang": "zh"}))

    header, body = rows[0], rows[1:]
    assert HAN.search(header[0])
    # cells holding names, codes and numbers only: the notes, kinds and headers are Chinese
    words = {w for row in rows for cell in row for w in LATIN_WORD.findall(cell)}
    assert body and words == set()


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_the_english_csv_has_no_chinese_but_names(client, samples, page):
    rows = table(client.get(reverse(page), {"format": "csv", "lang": "en"}))

    assert rows[0][0] == "agency"
    shown = " ".join(cell for row in rows for cell in row)
    assert HAN.findall(without(shown, names())) == []


@pytest.mark.django_db
def test_a_csv_without_lang_is_in_the_readers_language(client, samples):
    chinese = table(client.get(reverse("compare_per_capita"), {"format": "csv"}))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = table(client.get(reverse("compare_per_capita"), {"format": "csv"}))
    asked = table(client.get(reverse("compare_per_capita"), {"format": "csv", "lang": "zh"}))

    assert chinese[0][:2] == ["单位", "地区"] and asked == chinese
    assert english[0][:2] == ["agency", "region"]
    notes = {row[english[0].index("staff_note")] for row in english[1:]}
    assert "no headcount in any year" in notes


@pytest.mark.django_db
def test_the_notes_kept_with_the_summaries_are_data_written_in_the_csvs_language(client, samples):
    stored = list(DisclosureSummary.objects.values_list("staff_note", flat=True))
    rows = {
        lang: table(client.get(reverse("agency_list"), {"format": "csv", "lang": lang}))
        for lang in ("zh", "en")
    }

    assert {"id": "no_headcount_any_year"} in stored
    zh_notes = {row[rows["zh"][0].index("人数说明")] for row in rows["zh"][1:]}
    en_notes = {row[rows["en"][0].index("staff_note")] for row in rows["en"][1:]}
    assert "本单位各年均无人数" in zh_notes and "no headcount in any year" in en_notes
