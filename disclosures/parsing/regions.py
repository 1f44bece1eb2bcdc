"""Province, city and county of an agency, read from the administrative names in its name.

"泉港区社会保险中心" names only a county; the gazetteer (data/regions.csv, adcodes with
their parents) supplies 泉州市 and 福建省. Names are matched longest first, so that 长沙县
is not read as 沙县. A county name that several places share (普陀区, 鼓楼区) counts only
when the province or city in the name, or the gazetteer, leaves one candidate; the
two-character district names that are also plain words (城区, 矿区, 东区) count only
under a city named in the text.

A document may also shorten a province or city at the start of the name ("福州", "广西");
such a short form is used only at the start, only when it points to one place, and not
when the next character shows it to be part of another proper noun ("中山路").
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

_BLANKS = re.compile(r"\s+")
_SHORTEN = re.compile(r"(?:壮族|回族|维吾尔)?自治区$|特别行政区$|省$|市$|地区$|盟$")
_SHORTEN_COUNTY = re.compile(r"(?<!自治)[区县市旗]$")
# After a short form, these continue a longer proper noun (中山路, 南京街道, 福州镇).
_NOT_AFTER_SHORT = set("路街巷道镇乡村区县旗州省市")
_MUNICIPALITIES = {"11", "12", "31", "50"}


@dataclass(frozen=True)
class Region:
    province: str | None = None
    city: str | None = None
    county: str | None = None


@dataclass(frozen=True)
class _Place:
    code: str
    name: str
    level: str  # province / city / county
    parent: str  # "" for a province


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    places: tuple[_Place, ...]


@dataclass(frozen=True)
class _Gazetteer:
    places: dict[str, _Place]
    by_name: dict[str, tuple[_Place, ...]]
    by_short: dict[str, tuple[_Place, ...]]
    lengths: tuple[int, ...]  # distinct name lengths, longest first
    short_lengths: tuple[int, ...]  # the same for short forms
    generic: frozenset[str]  # county names that are also plain words


@cache
def _gazetteer() -> _Gazetteer:
    package = __name__.rpartition(".")[0]
    text = (resources.files(package) / "data" / "regions.csv").read_text(encoding="utf-8")
    places = {
        row["code"]: _Place(row["code"], row["name"], row["level"], row["parent"])
        for row in csv.DictReader(io.StringIO(text))
    }
    by_name: dict[str, list[_Place]] = {}
    by_short: dict[str, list[_Place]] = {}
    for place in places.values():
        by_name.setdefault(place.name, []).append(place)
        short = _short_form(place)
        if short:
            by_short.setdefault(short, []).append(place)
    generic = {p.name for p in places.values() if p.level == "county" and len(p.name) == 2}
    shorts = {s: tuple(g) for s, g in by_short.items() if s not in by_name}
    return _Gazetteer(
        places=places,
        by_name={name: tuple(group) for name, group in by_name.items()},
        by_short=shorts,
        lengths=tuple(sorted({len(name) for name in by_name}, reverse=True)),
        short_lengths=tuple(sorted({len(s) for s in shorts}, reverse=True)),
        generic=frozenset(name for name in generic if name.endswith("区")),
    )


def _short_form(place: _Place) -> str | None:
    """福州市 -> 福州, 广西壮族自治区 -> 广西; 自治州 and 自治县 have none.

    Counties get one too, not to be matched but to make a city's short form ambiguous:
    中山 is 中山市 or 大连's 中山区, so "中山大学" places nothing.
    """
    pattern = _SHORTEN_COUNTY if place.level == "county" else _SHORTEN
    short = pattern.sub("", place.name)
    return short if short != place.name and len(short) >= 2 else None


def _province_of(place: _Place, gaz: _Gazetteer) -> _Place:
    while place.parent:
        place = gaz.places[place.parent]
    return place


def _city_of(place: _Place, gaz: _Gazetteer) -> _Place | None:
    """The city a county belongs to; None for a county directly under its province."""
    parent = gaz.places.get(place.parent)
    return parent if parent is not None and parent.level == "city" else None


def _normalize(name: str) -> str:
    return _BLANKS.sub("", unicodedata.normalize("NFKC", name))


def _full_name_spans(text: str, gaz: _Gazetteer) -> list[_Span]:
    """Every occurrence of a full name, then the longest non-overlapping ones, in order."""
    found = [
        _Span(i, i + n, gaz.by_name[text[i : i + n]])
        for i in range(len(text))
        for n in gaz.lengths
        if text[i : i + n] in gaz.by_name
    ]
    kept: list[_Span] = []
    for span in sorted(found, key=lambda s: (s.start - s.end, s.start)):
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def _short_form_places(places: tuple[_Place, ...], gaz: _Gazetteer) -> tuple[_Place, ...]:
    """The province or city rows a short form stands for, or () when it is ambiguous.

    A municipality's province and city rows count as one place (北京 -> 北京市); a county
    of the same stem counts against it unless it lies in that very city (长沙县, 长沙市).
    """
    upper = tuple(p for p in places if p.level != "county")
    if len({p.code[:2] for p in upper}) != 1:
        return ()
    if len(upper) > 1 and not (len(upper) == 2 and upper[0].code[:2] in _MUNICIPALITIES):
        return ()
    cities = {p.code for p in upper if p.level == "city"}
    for county in (p for p in places if p.level == "county"):
        city = _city_of(county, gaz)
        if city is None or city.code not in cities:
            return ()
    return upper


def _with_short_form(text: str, spans: list[_Span], gaz: _Gazetteer) -> list[_Span]:
    """Add a province or city short form at the start of the name, when it is safe."""
    if spans and spans[0].start == 0:
        return spans  # a full name already starts the text
    for n in gaz.short_lengths:
        places = _short_form_places(gaz.by_short.get(text[:n], ()), gaz)
        if not places:
            continue
        if text[n : n + 1] in _NOT_AFTER_SHORT:
            # 河南县 is not 河南省, and neither is it 南县 (湖南): both readings of a
            # longer noun that starts the name are dropped.
            return [s for s in spans if s.start > n]
        # The start of an agency name outweighs a full name that begins inside the short
        # form: in 上海城市管理局 it is 上海, not 海城市 (辽宁).
        return [_Span(0, n, places), *(s for s in spans if s.start >= n)]
    return spans


def _pick(spans: list[_Span], level: str, keep: _Keep) -> tuple[_Place | None, list[_Place]]:
    """The first span that names exactly one place of the level; else the first ambiguity."""
    ambiguous: list[_Place] = []
    for span in spans:
        candidates = {p.code: p for p in span.places if p.level == level and keep(p)}
        if len(candidates) == 1:
            return next(iter(candidates.values())), []
        if candidates and not ambiguous:
            ambiguous = list(candidates.values())
    return None, ambiguous


class _Keep:
    """Which candidates fit what is already known of the region."""

    def __init__(self, gaz: _Gazetteer, province: _Place | None, city: _Place | None) -> None:
        self.gaz, self.province, self.city = gaz, province, city

    def __call__(self, place: _Place) -> bool:
        if place.level == "county" and place.name in self.gaz.generic and self.city is None:
            return False
        if place.level == "county" and self.city is not None:
            return place.parent == self.city.code
        return self.province is None or _province_of(place, self.gaz).code == self.province.code


def _resolve(spans: list[_Span], gaz: _Gazetteer) -> Region:
    province, _ = _pick(spans, "province", _Keep(gaz, None, None))
    city, _ = _pick(spans, "city", _Keep(gaz, province, None))
    province = province or (_province_of(city, gaz) if city else None)
    county, ambiguous = _pick(spans, "county", _Keep(gaz, province, city))
    if county is not None:
        city = city or _city_of(county, gaz)
        province = province or _province_of(county, gaz)
    elif ambiguous:
        # Several places share the county name: keep what they have in common.
        cities = {c.code: c for p in ambiguous if (c := _city_of(p, gaz)) is not None}
        provinces = {q.code: q for q in (_province_of(p, gaz) for p in ambiguous)}
        if city is None and len(cities) == 1 and all(_city_of(p, gaz) for p in ambiguous):
            city = next(iter(cities.values()))
        if province is None and len(provinces) == 1:
            province = next(iter(provinces.values()))
    return Region(
        province.name if province else None,
        city.name if city else None,
        county.name if county else None,
    )


def region_from_name(name: str) -> Region:
    """The province, city and county an agency's name places it in (None where unknown)."""
    gaz = _gazetteer()
    text = _normalize(name)
    spans = _with_short_form(text, _full_name_spans(text, gaz), gaz)
    return _resolve(spans, gaz)


def region_most_named(text: str) -> Region:
    """The province a text names most often by full names (its own or its cities'), when
    it names it at least three times and twice as often as any other, placed by the name
    it uses most: where a body without a place in its name (西南大学) stands, from its
    own account of itself."""
    gaz = _gazetteer()
    names: dict[str, dict[str, int]] = {}
    for span in _full_name_spans(_normalize(text), gaz):
        upper = {p.name: _province_of(p, gaz).code for p in span.places if p.level != "county"}
        if len(set(upper.values())) == 1 and len(upper) == 1:
            ((name, province),) = upper.items()
            names.setdefault(province, {}).setdefault(name, 0)
            names[province][name] += 1
    ranked = sorted(names.values(), key=lambda counts: -sum(counts.values()))
    if not ranked or sum(ranked[0].values()) < 3:
        return Region()
    if len(ranked) > 1 and sum(ranked[1].values()) * 2 > sum(ranked[0].values()):
        return Region()
    return region_from_name(max(ranked[0], key=lambda name: ranked[0][name]))
