"""One language per page: a reader who chose Chinese reads no English gloss, and one who
chose English reads no Chinese but names and what the documents print.

The crawl follows every link from the home page, as a visitor and as staff, in each
language. What may stay in the other language is data: agency and item names, region
names, table and row labels, quoted sentences, file and user names. Everything else the
site says itself, and says once.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from disclosures import services
from disclosures.models import (
    Agency,
    Disclosure,
    Document,
    Figure,
    Finding,
    LineItem,
    StatedChange,
)

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
LATIN = re.compile(r"[A-Za-z][A-Za-z'’]*")
# what a Chinese page may print in Latin letters: units, codes, file formats, names of
# standards and programs
LATIN_ALLOWED = {
    *"PDF CSV XLSX XLS DOCX DOC PNG SVG ZIP JSON API CPI OCR URL GDP ID TXT SHA KB MB GB".split(),
    *"Excel Word iframe oEmbed Plotly WeChat HTML http https www".split(),
    "English",  # the switch names the other language in its own
    "j",  # keys to press: the review page's keyboard
    "k",
}
# links not to follow: the JSON API and its docs, the admin, files, pictures, forms' posts
SKIP = re.compile(
    r"^/(api/|admin/|static/|media/|i18n/|logout/|oembed|chart/|documents/status\.json)"
    r"|/original$|\.(png|svg|csv|json)$|/(reparse|publish|correct|pin/)$"
)
MOST_PAGES = 120


class Reader(HTMLParser):
    """The words a reader sees: text outside scripts, styles and code (the embed snippet),
    and the attributes a browser shows (title, alt, placeholder, aria-label); links."""

    SHOWN = {"title", "alt", "placeholder", "aria-label"}

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    HIDDEN = ("script", "style", "template", "code", "pre", "textarea")

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "input" and attrs.get("type") in ("submit", "button"):
            self.words.append(attrs.get("value") or "")
        self.words += [v for k, v in attrs.items() if k in self.SHOWN and v]

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self._hidden = max(self._hidden - 1, 0)

    def handle_data(self, data):
        if not self._hidden:
            self.words.append(data)


def data_strings() -> list[str]:
    """What the site shows as the documents and its members wrote it, longest first."""
    strings: set[str] = set()
    for agency in Agency.objects.all():
        strings |= {agency.name, agency.kind, agency.province, agency.city, agency.county}
        strings.add(agency.region)
    strings |= set(Document.objects.values_list("name", flat=True))
    for model in (LineItem, Figure, Finding, StatedChange):
        for row in model.objects.values("table_label", "row_label", "column_label", "sentence"):
            strings |= set(row.values())
    strings |= set(LineItem.objects.values_list("name", flat=True))
    strings |= set(StatedChange.objects.values_list("reason", flat=True))
    strings |= set(StatedChange.objects.values_list("subject", flat=True))
    # what a finding quotes from the document: names, labels, words, sentences
    for params in Finding.objects.values_list("params", flat=True):
        strings |= {v for v in params.values() if isinstance(v, str)}
    for tables in Disclosure.objects.values_list("tables", flat=True):
        strings |= set(tables)
    # the tables a file's reading found, by the labels and titles the document prints
    for records in Document.objects.exclude(records=None).values_list("records", flat=True):
        for check in records.get("table_checks") or []:
            strings |= {check["table"], check["title"]}
    strings |= {"reviewer", "staff", "admin"}
    return sorted((s for s in strings if s), key=len, reverse=True)


def crawl(client, language: str) -> dict[str, str]:
    """Every page reachable from the home page and the members' pages: url -> its words."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    queue = ["/", "/upload/", "/documents/", "/disclosures/", "/agencies/merge/"]
    # the embeds are linked from the code a page offers, not from an <a>
    queue += [f"/embed/{chart}/" for chart in ("per-capita", "mix", "trend", "peers")]
    seen_shapes: set[tuple[str, tuple[str, ...]]] = set()
    pages: dict[str, str] = {}
    while queue and len(pages) < MOST_PAGES:
        url = queue.pop(0)
        parts = urlsplit(url)
        # one page per path and set of parameters: a filter's other values read alike
        shape = (
            re.sub(r"/\d+/", "/N/", parts.path),
            tuple(sorted({p.split("=")[0] for p in parts.query.split("&") if p})),
        )
        if parts.netloc or not parts.path.startswith("/") or SKIP.search(parts.path):
            continue
        if shape in seen_shapes:
            continue
        seen_shapes.add(shape)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        reader = Reader()
        reader.feed(response.content.decode())
        pages[url] = " ".join(reader.words)
        queue += [link.split("#")[0] for link in reader.links if link.split("#")[0]]
    return pages


def leftovers(text: str, data: list[str], pattern: re.Pattern, allowed=frozenset()) -> set[str]:
    for string in data:
        text = text.replace(string, " ")
    return {w for w in pattern.findall(text) if w not in allowed}


@pytest.fixture
def site(samples, publish, django_user_model, sample_files):
    """The samples published, one of them again as a draft with a correction, a document
    that failed, and a staff member."""
    staff = django_user_model.objects.create_superuser("staff", password="pw-s-1234")
    name, data = next(iter(sample_files.items()))
    outcomes = services.document_upload(
        files=[("again-" + name, data + b"\n"), ("broken.pdf", b"%PDF-1.4 not a pdf")],
        user=staff,
        hints=services.Hints(),
    )
    for outcome in outcomes:
        services.document_parse(document_id=outcome.document.pk)
    draft = Disclosure.objects.filter(published_at__isnull=True).first()
    if draft is not None:
        services.value_correct(
            disclosure=draft,
            address="figure:totals:expenditure",
            value=None,
            reason="核对原件",
            user=staff,
        )
    return staff


@pytest.mark.parametrize("member", [False, True], ids=["visitor", "staff"])
def test_a_chinese_page_has_no_english_gloss(client, site, member):
    if member:
        client.force_login(site)
    pages = crawl(client, "zh-hans")
    data = data_strings()

    english = {url: leftovers(text, data, LATIN, LATIN_ALLOWED) for url, text in pages.items()}

    assert len(pages) > 10
    assert {url: sorted(words) for url, words in english.items() if words} == {}


@pytest.mark.parametrize("member", [False, True], ids=["visitor", "staff"])
def test_an_english_page_has_no_chinese_but_names_and_quotes(client, site, member):
    if member:
        client.force_login(site)
    pages = crawl(client, "en")
    data = data_strings()

    chinese = {url: leftovers(text, data, HAN) for url, text in pages.items()}

    assert len(pages) > 10
    # the switch names the other language in its own
    assert {
        url: sorted(words - {"中文"}) for url, words in chinese.items() if words - {"中文"}
    } == {}
