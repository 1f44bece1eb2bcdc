"""Chinese by default, English at the switch: every string marked in the templates has its
English, the switch works, and a page in English has no Chinese left but data and names."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation.template import templatize

pytestmark = pytest.mark.django_db
TEMPLATES = sorted((Path(settings.BASE_DIR) / "templates").rglob("*.html"))
CALL = re.compile(r"\b(gettext|pgettext|ngettext|npgettext)\(")
HAN = re.compile(r"[\u3400-\u9fff]")


def marked(template: Path) -> list[tuple[str, tuple[str, ...]]]:
    """The gettext calls Django's extraction sees in a template: (function, arguments)."""
    code = templatize(template.read_text(encoding="utf-8"), origin=str(template))
    calls = []
    for match in CALL.finditer(code):
        end = code.index(")", match.end())
        while True:  # the first closing bracket that ends a whole call
            try:
                node = ast.parse(code[match.start() : end + 1], mode="eval").body
                break
            except SyntaxError:
                end = code.index(")", end + 1)
        assert isinstance(node, ast.Call)
        args = tuple(a.value for a in node.args if isinstance(a, ast.Constant))
        calls.append((match.group(1), args))
    return calls


def english(function: str, args: tuple[str, ...]) -> tuple[str, str]:
    with translation.override("en"):
        if function == "gettext":
            return args[0], translation.gettext(args[0])
        if function == "pgettext":
            return args[1], translation.pgettext(*args)
        if function == "ngettext":
            return args[1], translation.ngettext(args[0], args[1], 2)
        return args[2], translation.npgettext(args[0], args[1], args[2], 2)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_every_string_marked_in_a_template_has_its_english(template):
    untranslated = [
        source for source, shown in (english(f, args) for f, args in marked(template))
        if shown == source and HAN.search(source)
    ]  # fmt: skip

    assert not untranslated, f"no English in locale/en for {untranslated}; run make messages"


def test_the_interface_is_chinese_by_default(client):
    page = client.get("/login/").content.decode()

    assert '<html lang="zh-hans">' in page
    assert "登录" in page and "Log in" not in page
    assert 'value="en"' in page  # the switch offers English


def test_the_switch_turns_the_site_english_and_back(client):
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    english = client.get(switched["Location"]).content.decode()
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    chinese = client.get("/login/").content.decode()

    assert switched.status_code == 302 and switched["Location"] == "/login/"
    assert '<html lang="en">' in english and "Log in" in english
    assert 'value="zh-hans"' in english
    assert '<html lang="zh-hans">' in chinese and "Log in" not in chinese


@pytest.mark.parametrize("url", ["/login/", "/disclosures/"])
def test_a_page_in_english_has_no_chinese_but_the_switch_back(client, url):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url).content.decode()
    text = re.sub(r"<[^>]+>", " ", page.replace('lang="zh-hans">中文<', "><"))

    assert HAN.findall(text) == []
