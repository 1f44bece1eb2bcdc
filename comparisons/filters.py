"""The filter forms of the agency list and the comparisons.

django-filter draws and checks the form; the filtering itself is SQL, in
comparisons.queries (`Selection`), so these filter sets hold no queryset. The choices
offered are only values some published disclosure has.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from comparisons import labels
from comparisons.queries import Facets, Selection

ALL = _("全部")


class _NoQuerySet:
    """django-filter asks its queryset for a model; filters that SQL applies name none."""

    model = None


class SelectionFilter(django_filters.FilterSet):
    region = django_filters.ChoiceFilter(label=_("地区"), empty_label=ALL)
    agency_kind = django_filters.ChoiceFilter(label=_("单位类型"), empty_label=ALL)
    kind = django_filters.ChoiceFilter(
        label=_("预算或决算"),
        empty_label=ALL,
        choices=list(labels.KINDS.items()),
    )

    def __init__(self, data: Any, facets: Facets) -> None:
        super().__init__(data, queryset=_NoQuerySet())
        self._choices("region", [(r, r) for r in facets.regions])
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
            **self._extra(data),
        )

    def _extra(self, data: dict[str, Any]) -> dict[str, Any]:
        return {}


class AgencyListFilter(SelectionFilter):
    q = django_filters.CharFilter(label=_("单位名称包含"))
    year = django_filters.ChoiceFilter(label=_("年度"), empty_label=ALL)

    def __init__(self, data: Any, facets: Facets) -> None:
        super().__init__(data, facets)
        self._choices("year", [(str(y), str(y)) for y in facets.years])

    def _extra(self, data: dict[str, Any]) -> dict[str, Any]:
        year = data.get("year")
        return {"search": (data.get("q") or "").strip(), "years": (int(year),) if year else ()}


class CompareFilter(SelectionFilter):
    """Pick agencies, years, budget or final accounts; none picked means all of them."""

    agency = django_filters.MultipleChoiceFilter(
        label=_("单位"), widget=forms.CheckboxSelectMultiple
    )
    year = django_filters.MultipleChoiceFilter(label=_("年度"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, data: Any, facets: Facets) -> None:
        super().__init__(data, facets)
        self._choices("agency", [(str(pk), name) for pk, name in facets.agencies])
        self._choices("year", [(str(y), str(y)) for y in facets.years])

    def _extra(self, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "agency_ids": tuple(int(a) for a in data.get("agency") or ()),
            "years": tuple(int(y) for y in data.get("year") or ()),
        }
