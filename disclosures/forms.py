"""Forms check what people type; the rules about the data itself are in services and the
database constraints."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from disclosures import selectors
from disclosures.models import Disclosure
from disclosures.services import Hints
from disclosures.values import unit_of

YEARS = {"min_value": 1990, "max_value": 2100}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's recipe): cleans to a list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class HintsForm(forms.Form):
    agency = forms.CharField(label=_("单位"), max_length=200, required=False)
    year = forms.IntegerField(label=_("年度"), required=False, **YEARS)
    kind = forms.ChoiceField(
        label=_("预算或决算"), required=False, choices=[("", "—"), *Disclosure.Kind.choices]
    )
    scope = forms.ChoiceField(
        label=_("部门或单位"), required=False, choices=[("", "—"), *Disclosure.Scope.choices]
    )

    def hints(self) -> Hints:
        data = self.cleaned_data
        return Hints(data["agency"], data["year"], data["kind"], data["scope"])


class UploadForm(HintsForm):
    files = MultipleFileField(label=_("文件（PDF、XLSX、XLS、DOCX、TXT、网页 HTML、ZIP）"))

    field_order = ["files", "agency", "year", "kind", "scope"]


class CorrectionForm(forms.Form):
    """A value in its own unit: people are counted in whole numbers, money in 万元, a
    change in percent as a percentage."""

    LABELS = {
        "wan": gettext_lazy("改为（万元；留空表示文件未给出）"),
        "people": gettext_lazy("改为（人；留空表示文件未给出）"),
        "percent": gettext_lazy("改为（%；留空表示文件未给出）"),
    }

    address = forms.CharField(widget=forms.HiddenInput, max_length=80)
    value = forms.DecimalField(required=False, max_digits=20, decimal_places=6)
    reason = forms.CharField(label=gettext_lazy("理由"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, unit: str = "wan", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["value"].label = self.LABELS[unit]
        if unit == "people":
            self.fields["value"].widget.attrs.update(step="1", min="0")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        value = data.get("value")
        people = unit_of(data.get("address", "")) == "people"
        if people and value is not None and (value < 0 or value != value.to_integral_value()):
            raise forms.ValidationError(gettext_lazy("人数须为非负整数。"))
        return data


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(label=_("保留"), queryset=selectors.agencies_all())
    absorb = forms.ModelChoiceField(label=_("并入它的单位"), queryset=selectors.agencies_all())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("keep") and data.get("keep") == data.get("absorb"):
            raise forms.ValidationError(_("请选择两个不同的单位。"))
        return data
