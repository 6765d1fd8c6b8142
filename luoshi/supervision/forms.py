"""The forms of the 督办 pages: a plan's cycle, a closure request and its review, the 考核
scheme and a deduction."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..core.models import Department
from ..web.forms import MultipleFileField, ReportForm
from . import cycles as C
from .models import Cycle, Deduction, Scheme


class CycleForm(forms.ModelForm):
    dates_text = forms.CharField(label=_("due dates"), required=False,
                                 help_text=_("on given dates: YYYY-MM-DD, separated by commas"))

    class Meta:
        model = Cycle
        fields = ("kind", "day", "remind_before", "escalate_after")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.dates:
            self.fields["dates_text"].initial = ", ".join(self.instance.dates)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            dates = C.parse_dates(data.get("dates_text") or "")
        except ValueError:
            self.add_error("dates_text", _("Dates as YYYY-MM-DD, separated by commas."))
            return data
        if data.get("kind") == Cycle.Kind.DATES and not dates:
            self.add_error("dates_text", _("Give at least one due date."))
        self.instance.dates = [d.isoformat() for d in dates]
        return data


class ClosureForm(forms.Form):
    final_value = forms.CharField(label=_("final value"), required=False, max_length=40)
    summary = forms.CharField(label=_("how it was done (完成情况)"), widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=10000)
    evidence = MultipleFileField(label=_("Evidence files"), required=True)
    clean_evidence = ReportForm.clean_evidence

    def clean_summary(self) -> str:
        text: str = self.cleaned_data["summary"]
        if "\x00" in text:
            raise forms.ValidationError(_("NUL characters are not allowed."))
        return text


class ClosureReviewForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", _("approve")), ("return", _("return"))])
    reason = forms.CharField(required=False, max_length=2000)


class SchemeForm(forms.ModelForm):
    class Meta:
        model = Scheme
        fields = ("completion_points", "reporting_points", "escalation_points")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in self.Meta.fields:
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, _("Points cannot be negative."))
        return data


class DeductionForm(forms.ModelForm):
    class Meta:
        model = Deduction
        fields = ("department", "points", "reason")
        widgets = {"reason": forms.TextInput()}

    def __init__(self, *args: Any, government: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(government=government)  # type: ignore[attr-defined]
