"""A finding is stored as its rule, place, message id and parameters, and said in the
reader's language when it is shown: on its page, in the API, whatever language it was
parsed under."""

from __future__ import annotations

import io
import re

import pytest
from django.conf import settings
from django.utils import translation

from disclosures import wording
from disclosures.models import Finding
from disclosures.parsing import messages

HAN = re.compile(r"[\u3400-\u9fff]")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def test_every_sentence_the_parser_writes_has_its_template_with_the_same_parameters():
    site = {key: set(PLACEHOLDER.findall(str(t))) for key, t in wording.MESSAGES.items()}
    parser = {key: set(re.findall(r"\{(\w+)\}", t)) for key, t in messages.ENGLISH.items()}

    assert set(site) == set(parser)
    # where the English gives a figure by its Chinese name, the site names its key
    given = {k: parser[k] | ({"figure"} if "name" in parser[k] else set()) for k in parser}
    assert {k: site[k] - given[k] for k in site if site[k] - given[k]} == {}


def test_a_finding_reads_in_chinese_and_in_english_with_its_keys_named():
    params = {"name": "支出", "figure": "expenditure", "value": "10.00", "table": "表4"}
    params |= {"common": "12.00", "tables": "表1, 表5", "uncertain": True}

    with translation.override("zh-hans"):
        chinese = wording.finding_text("cross_table", params, "cross_table")
    with translation.override("en"):
        english = wording.finding_text("cross_table", params, "cross_table")

    assert chinese == "支出总计在表4为 10.00，在表1, 表5为 12.00（这张表的读取未能自证，请复核）"
    assert english.startswith("Total spending is 10.00 in 表4 but 12.00 in 表1, 表5")
    assert english.endswith("(this table's reading is uncertain)")
    assert "expenditure" not in chinese and not HAN.sub("", english).count("支出")


def test_a_finding_stored_before_it_named_its_sentence_says_what_its_rule_checks():
    with translation.override("zh-hans"):
        chinese = wording.finding_text("", {}, "children_sum")
    with translation.override("en"):
        english = wording.finding_text("", {}, "children_sum")

    assert chinese == "下级科目相加不等于上级"
    assert english == "the items do not add up to their class"


def test_a_place_named_by_key_is_named_in_the_readers_language():
    with translation.override("zh-hans"):
        assert wording.finding_place("prior_year") == "上年"
        assert wording.finding_place("20805") == "20805"
    with translation.override("en"):
        assert wording.finding_place("three_public") == "Three public expenses"
        assert wording.finding_place("年初预算") == "initial budget"
        assert wording.finding_place("appropriation") == "appropriations"
    with translation.override("zh-hans"):
        assert wording.finding_place("other_income") == "其他收入"


@pytest.mark.django_db
def test_the_review_page_says_the_parsed_findings_in_the_readers_language(client, parsed, reviewer):
    _document, draft = parsed
    finding = Finding.objects.create(
        disclosure=draft,
        severity="warning",
        rule="children_sum",
        where="procurement",
        message="政府采购 9.00 but 货物/工程/服务 add to 8.00",
        message_id="procurement_parts",
        params={"stated": "9.00", "added": "8.00"},
    )
    client.force_login(reviewer)
    url = f"/disclosures/{draft.pk}/?focus=finding:{finding.pk}"

    chinese = client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()

    assert "政府采购 9.00，但货物、工程、服务相加为 8.00" in chinese
    assert "but 货物" not in chinese
    assert "procurement is 9.00 but goods, works and services add to 8.00" in english
    assert "政府采购 9.00" not in english


def test_the_parse_json_keeps_its_english_message_beside_the_id_and_parameters(sample):
    from disclosures.parsing import parse_bytes
    from disclosures.parsing.model import to_contract

    name, data = sample
    found = to_contract(parse_bytes(data, name))["findings"]

    assert found, "the sample has findings to check"
    for f in found:
        assert f["message"] == messages.english(f["message_id"], f["params"])


@pytest.mark.django_db
def test_a_file_refused_at_upload_is_said_to_be_in_the_readers_language(client, journalist):
    client.force_login(journalist)

    def refused() -> str:
        upload = io.BytesIO(b"MZ\x90\x00" + bytes(range(256)))
        upload.name = "readme.exe"
        return client.post("/upload/", {"files": [upload]}).content.decode()

    chinese = refused()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = refused()

    assert "不是 PDF、电子表格、Word、图片或文本文件" in chinese
    assert "not a PDF, spreadsheet" not in chinese
    assert "not a PDF, spreadsheet, Word, image or text file" in english
