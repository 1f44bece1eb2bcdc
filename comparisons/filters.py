"""The filter forms of the agency list and the comparisons.

django-filter draws and checks the form; the filtering itself is SQL, in
comparisons.queries (`Selection`, from each filter's own SQL in queries/filters.py, the
one the JSON API's filters are compiled from too), so these filter sets hold no queryset. The choices
offered are only values some published disclosure has, and never thousands at once:
the regions are provinces and cities (with the counties of the one chosen), the agencies
those of the chosen region, type and name, the first few by name.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from comparisons import labels
from comparisons.queries import Facets, Selection

ALL = _("全部")
AGENCIES_TICKED = 200  # a query naming more agencies than this keeps the first of them


class Choice(forms.Select):
    """A <select> drawn in Python: Django draws each option from a template of its own."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> str:
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((v, " selected" if str(v) == chosen else "", label) for v, label in self.choices),
        )
        return format_html('<select name="{}" id="{}">{}</select>', name, _id(attrs, name), options)


class Checkboxes(forms.CheckboxSelectMultiple):
    """Checkboxes drawn in Python, as Django's template draws them, at a tenth of the cost."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> str:
        chosen = {str(v) for v in value or ()}
        base = _id(attrs, name)
        boxes = format_html_join(
            "",
            '<div><label for="{0}_{1}"><input type="checkbox" name="{2}" value="{3}"'
            ' id="{0}_{1}"{4}> {5}</label></div>',
            (
                (base, n, name, v, " checked" if str(v) in chosen else "", label)
                for n, (v, label) in enumerate(self.choices)
            ),
        )
        return format_html('<div id="{}">{}</div>', base, boxes)


def _id(attrs: Any, name: str) -> str:
    return str((attrs or {}).get("id") or f"id_{name}")


class _NoQuerySet:
    """django-filter asks its queryset for a model; filters that SQL applies name none."""

    model = None


class SelectionFilter(django_filters.FilterSet):
    region = django_filters.ChoiceFilter(label=_("地区"), empty_label=ALL, widget=Choice)
    agency_kind = django_filters.ChoiceFilter(label=_("单位类型"), empty_label=ALL, widget=Choice)
    kind = django_filters.ChoiceFilter(
        label=_("预算或决算"),
        empty_label=ALL,
        choices=list(labels.KINDS.items()),
        widget=Choice,
    )

    def __init__(self, data: Any, facets: Facets) -> None:
        super().__init__(data, queryset=_NoQuerySet())
        chosen = (data or {}).get("region", "")
        self._choices("region", [(r, r) for r in facets.regions(chosen)])
        self._choices("agency_kind", [(k, k) for k in facets.agency_kinds])
        self.facets = facets

    def _choices(self, name: str, choices: list[tuple[Any, str]]) -> None:
        if name in self.filters:
            self.filters[name].extra["choices"] = choices

    def selection(self) -> Selection:
        """What the form asks for; a value it does not offer is ignored (and shown as an error)."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return Selection(
            region=data.get("region") or "",
            agency_kind=data.get("agency_kind") or "",
            kind=data.get("kind") or "",
            search=(data.get("q") or "").strip(),
            **self._extra(data),
        )

    def _extra(self, data: dict[str, Any]) -> dict[str, Any]:
        return {}


class AgencyListFilter(SelectionFilter):
    q = django_filters.CharFilter(label=_("单位名称包含"))
    year = django_filters.ChoiceFilter(label=_("年度"), empty_label=ALL, widget=Choice)
    scope = django_filters.ChoiceFilter(
        label=_("部门或单位"), empty_label=ALL, choices=list(labels.SCOPES.items()), widget=Choice
    )

    def __init__(self, data: Any, facets: Facets) -> None:
        super().__init__(data, facets)
        self._choices("year", [(str(y), str(y)) for y in facets.years])

    def _extra(self, data: dict[str, Any]) -> dict[str, Any]:
        year = data.get("year")
        return {"years": (int(year),) if year else (), "scope": data.get("scope") or ""}


class CompareFilter(SelectionFilter):
    """Pick agencies, years, budget or final accounts; none picked means all of them (the
    first of them by name, when they are too many to show at once)."""

    q = django_filters.CharFilter(label=_("单位名称包含"))
    agency = django_filters.MultipleChoiceFilter(label=_("单位"), widget=Checkboxes)
    year = django_filters.MultipleChoiceFilter(label=_("年度"), widget=Checkboxes)

    def __init__(self, data: Any, facets: Facets) -> None:
        super().__init__(data, facets)
        agencies, more = facets.agencies_matching(self._asked(data))
        self._choices("agency", [(str(pk), name) for pk, name in agencies])
        self._choices("year", [(str(y), str(y)) for y in facets.years])
        if more:
            self.filters["agency"].extra["help_text"] = _(
                "只列出前 %(shown)s 个；用地区、单位类型或名称找其他单位。"
            ) % {"shown": more}

    @staticmethod
    def _asked(data: Any) -> Selection:
        """The agencies to list: of the region, type and name asked for, with those already
        ticked (read before the form checks them, since they decide its choices)."""
        data = data or {}
        ticked = data.getlist("agency") if hasattr(data, "getlist") else data.get("agency", [])
        return Selection(
            agency_ids=tuple(int(a) for a in ticked if str(a).isdigit())[:AGENCIES_TICKED],
            region=data.get("region", ""),
            agency_kind=data.get("agency_kind", ""),
            search=(data.get("q") or "").strip(),
        )

    def _extra(self, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "agency_ids": tuple(int(a) for a in data.get("agency") or ()),
            "years": tuple(int(y) for y in data.get("year") or ()),
        }
