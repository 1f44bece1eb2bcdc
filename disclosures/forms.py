"""Forms check what people type; the rules about the data itself are in services and the
database constraints."""

from __future__ import annotations

from typing import Any

from django import forms

from disclosures import selectors
from disclosures.models import Disclosure
from disclosures.services import Hints

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
    agency = forms.CharField(label="单位 Agency", max_length=200, required=False)
    year = forms.IntegerField(label="年度 Year", required=False, **YEARS)
    kind = forms.ChoiceField(
        label="预算/决算 Kind", required=False, choices=[("", "—"), *Disclosure.Kind.choices]
    )
    scope = forms.ChoiceField(
        label="部门/单位 Scope", required=False, choices=[("", "—"), *Disclosure.Scope.choices]
    )

    def hints(self) -> Hints:
        data = self.cleaned_data
        return Hints(data["agency"], data["year"], data["kind"], data["scope"])


class UploadForm(HintsForm):
    files = MultipleFileField(label="文件 Files (PDF, XLSX, XLS, DOCX, TXT, ZIP)")

    field_order = ["files", "agency", "year", "kind", "scope"]


class CorrectionForm(forms.Form):
    address = forms.CharField(widget=forms.HiddenInput, max_length=80)
    value = forms.DecimalField(
        label="改为 New value (万元; empty: not given)",
        required=False,
        max_digits=20,
        decimal_places=6,
    )
    reason = forms.CharField(label="理由 Reason", widget=forms.Textarea(attrs={"rows": 2}))


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(label="保留 Keep", queryset=selectors.agencies_all())
    absorb = forms.ModelChoiceField(label="并入 Merge into it", queryset=selectors.agencies_all())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("keep") and data.get("keep") == data.get("absorb"):
            raise forms.ValidationError("请选择两个不同的单位 Pick two different agencies.")
        return data
