"""scripts/msgfmt.py: the English catalogue compiled without GNU gettext, read back by the
gettext module Django uses."""

from __future__ import annotations

import gettext
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.msgfmt import read_po, write_mo

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"

SAMPLE = r"""# a comment
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#: templates/a.html:1
msgid "部门"
msgstr "Department"

msgctxt "scope"
msgid "部门"
msgstr "Department (scope)"

msgid "%(counter)s 表"
msgid_plural "%(counter)s 表"
msgstr[0] "%(counter)s table"
msgstr[1] "%(counter)s tables"

msgid ""
"一行"
"又一行"
msgstr "A \"quoted\" line,\n"
"and another"

#, fuzzy
msgid "草稿"
msgstr "Draft"

msgid "未译"
msgstr ""

#~ msgid "旧的"
#~ msgstr "Old"
"""


def compiled(text: str) -> gettext.GNUTranslations:
    return gettext.GNUTranslations(io.BytesIO(write_mo(read_po(text))))


def test_it_reads_contexts_plurals_wrapped_lines_and_escapes():
    catalogue = compiled(SAMPLE)

    assert catalogue.gettext("部门") == "Department"
    assert catalogue.pgettext("scope", "部门") == "Department (scope)"
    assert catalogue.ngettext("%(counter)s 表", "%(counter)s 表", 1) == "%(counter)s table"
    assert catalogue.ngettext("%(counter)s 表", "%(counter)s 表", 3) == "%(counter)s tables"
    assert catalogue.gettext("一行又一行") == 'A "quoted" line,\nand another'


def test_fuzzy_untranslated_and_obsolete_entries_are_left_out():
    catalogue = compiled(SAMPLE)

    assert [catalogue.gettext(m) for m in ("草稿", "未译", "旧的")] == ["草稿", "未译", "旧的"]
    assert len(read_po(SAMPLE)) == 5  # the header and the four translated messages


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext's msgfmt")
def test_the_english_catalogue_compiles_to_what_gnu_msgfmt_gives(tmp_path):
    gnu = tmp_path / "gnu.mo"
    subprocess.run(["msgfmt", "-o", str(gnu), str(CATALOGUE)], check=True)
    theirs = gettext.GNUTranslations(gnu.open("rb"))._catalog
    ours = compiled(CATALOGUE.read_text(encoding="utf-8"))._catalog

    # msgfmt drops the header's POT-Creation-Date; the messages are what matter
    assert {k: v for k, v in ours.items() if k} == {k: v for k, v in theirs.items() if k}


def test_every_message_of_the_english_catalogue_is_translated_and_none_fuzzy():
    """A fuzzy or empty entry is left out of the compiled catalogue: its Chinese would
    show on the English site."""
    text = CATALOGUE.read_text(encoding="utf-8")
    entries = len(re.findall(r"^msgid ", text, re.M))  # the header among them

    assert len(read_po(text)) == entries
