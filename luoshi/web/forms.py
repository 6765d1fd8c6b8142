"""Forms of the pages. They parse and check what a person typed, in the person's language;
the services check again and stay the authority (their refusals are shown as form errors)."""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..core.models import Assignment, Department, Target, User
from ..core.prepared import AN_ID, Prepared
from ..core.services.governments import AmbiguousGovernment, find_government

LIMIT = Decimal(10) ** 19  # the decimal columns hold 24 digits, 4 after the point
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NumberField(forms.Field):
    """A number as people type it: 1,500 or １５００ or 5.96; blank is None."""

    widget = forms.TextInput

    def __init__(self, *args: Any, max_length: int = 40, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.widget.attrs.update(maxlength=str(max_length), inputmode="decimal")

    def to_python(self, value: Any) -> Decimal | None:
        text = unicodedata.normalize("NFKC", str(value or "")).replace(",", "").strip()
        if not text:
            return None
        try:
            d = Decimal(text)
        except (InvalidOperation, ValueError):
            raise ValidationError(_("“%(value)s” is not a number."), code="invalid", params={"value": text}) from None
        if not d.is_finite() or abs(d) >= LIMIT:
            raise ValidationError(_("“%(value)s” is not a number."), code="invalid", params={"value": text})
        return d

    def prepare_value(self, value: Any) -> Any:
        from .labels import plain

        return plain(value) if isinstance(value, Decimal | float | int) else value


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe); cleans to a list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        one = super().clean
        if isinstance(data, list | tuple):
            return [one(d, initial) for d in data if d]
        return [one(data, initial)] if data else []


# --- import -------------------------------------------------------------------------------

class UploadForm(forms.Form):
    file = forms.FileField(label=_("Report file"))
    government = forms.CharField(label=_("Government"), max_length=100)
    year = forms.IntegerField(label=_("Plan year"), min_value=1949, max_value=2100, required=False,
                              help_text=_("Leave blank to read it from the report."))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["file"].help_text = _(".txt, .docx, .pdf or .html; at most %(mb)s MB.") % {
            "mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)}
        if user.government_id:
            self.fields["government"].initial = user.government.name  # type: ignore[union-attr]
            if not user.is_superuser:
                self.fields["government"].widget.attrs["readonly"] = True

    def clean_file(self) -> UploadedFile:
        f: UploadedFile = self.cleaned_data["file"]
        if f.size is not None and f.size > settings.MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is too large (%(size).1f MB; the limit is %(limit)s MB)."),
                                  params={"size": f.size / 2**20, "limit": settings.MAX_UPLOAD_BYTES // 2**20})
        return f

    def clean_government(self) -> str:
        """The government's key (河北省/保定市/阜平县) when the tracker holds it, else the name typed."""
        name = " ".join(self.cleaned_data["government"].split())
        own = self.user.government
        if own is not None and name in (own.name, own.key):
            return own.key
        if not self.user.is_superuser:
            raise ValidationError(_("You can import plans of your own government only."))
        try:
            found = find_government(name)
        except AmbiguousGovernment as exc:
            raise ValidationError(_("Several governments bear this name (%(keys)s): give its parent, "
                                    "e.g. %(key)s.") % {"keys": ", ".join(exc.keys), "key": exc.keys[0]}) from exc
        return found.key if found else name


class TargetRowForm(forms.Form):
    """One target of the preview. Rows of the report map to the engine's targets by their
    position; the empty rows at the end add targets (placed under the chosen area or task)."""

    metric = forms.CharField(label=_("Metric"), max_length=200)
    low = NumberField(label=_("Low"), max_length=40)
    high = NumberField(label=_("High"), max_length=40, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=20, required=False)
    comparator = forms.ChoiceField(label=_("Comparator"), choices=Target.Comparator.choices, initial="=")
    aspirational = forms.BooleanField(label=_("Aspirational"), required=False)
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DATE_INPUT,
                               input_formats=["%Y-%m-%d"])
    place = forms.ChoiceField(label=_("Area or task"), required=False)

    def __init__(self, *args: Any, year: int, places: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.year = year
        self.fields["place"].choices = [("", "—"), *((str(i), p) for i, p in enumerate(places))]
        for name in ("low", "high"):
            self.fields[name].widget.attrs["size"] = 10
        self.fields["unit"].widget.attrs["size"] = 4

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("low"), data.get("high")
        if low is not None and high is not None and high < low:
            self.add_error("high", _("The high end is below the low end."))
        deadline = data.get("deadline")
        if deadline is not None and deadline < date(self.year, 1, 1):
            self.add_error("deadline", _("The deadline is before the plan year %(year)s.") % {"year": self.year})
        return data


class BaseTargetRowFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    deletion_widget = forms.CheckboxInput

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Drop")


TargetRowFormSet = forms.formset_factory(TargetRowForm, formset=BaseTargetRowFormSet, extra=3, can_delete=True,
                                         max_num=2000, absolute_max=2100)


# --- the plan tree ------------------------------------------------------------------------

ASSIGN_ROLES = [*Assignment.Role.choices, ("remove", _("remove this department"))]


_DEPARTMENTS = Prepared(lambda government: Department.objects.filter(government=government).values_list("pk", "name"),
                        government=AN_ID)


class AssignForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=ASSIGN_ROLES, initial=Assignment.Role.LEAD)
    targets = forms.TypedMultipleChoiceField(coerce=int, required=False)
    nodes = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args: Any, plan: Any, target_ids: list[int], node_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["department"]
        if self.is_bound:  # the choices to validate against (an unbound form only shows them)
            field.queryset = Department.objects.filter(government=plan.government_id)  # type: ignore[attr-defined]
        # the options from one plain query, built once (the field's own iterator opens a
        # cursor per page)
        field.widget.choices = [("", field.empty_label), *_DEPARTMENTS.rows(government=plan.government_id)]  # type: ignore[attr-defined]
        self.fields["targets"].choices = [(i, i) for i in target_ids]
        self.fields["nodes"].choices = [(i, i) for i in node_ids]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        chosen = data.get("targets") or data.get("nodes")
        if not chosen and "targets" not in self.errors and "nodes" not in self.errors:
            raise ValidationError(_("Tick at least one area, task or target."))
        return data


# --- the target page ----------------------------------------------------------------------

class TargetEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    metric = forms.CharField(label=_("Metric"), max_length=200)
    low = NumberField(label=_("Low"), max_length=40)
    high = NumberField(label=_("High"), max_length=40, required=False, help_text=_("Blank: the same as low."))
    unit = forms.CharField(label=_("Unit"), max_length=20, required=False)
    comparator = forms.ChoiceField(label=_("Comparator"), choices=Target.Comparator.choices)
    aspirational = forms.BooleanField(label=_("Aspirational (力争)"), required=False)
    deadline = forms.DateField(label=_("Deadline"), widget=DATE_INPUT, input_formats=["%Y-%m-%d"])
    baseline = NumberField(label=_("Baseline"), max_length=40, required=False,
                           help_text=_("The value at the start; blank counts from 0."))
    weight = NumberField(label=_("Weight"), max_length=20)
    qualitative = forms.BooleanField(label=_("Qualitative"), required=False)

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.year = year

    @classmethod
    def initial_of(cls, target: Target) -> dict[str, Any]:
        from .labels import plain

        return {
            "version": target.version, "metric": target.metric, "low": plain(target.low),
            "high": "" if target.high == target.low else plain(target.high), "unit": target.unit,
            "comparator": target.comparator, "aspirational": target.aspirational, "deadline": target.deadline,
            "baseline": plain(target.baseline), "weight": plain(target.weight), "qualitative": target.qualitative,
        }

    def clean_weight(self) -> Decimal:
        w = self.cleaned_data["weight"]
        if w is None or w <= 0:
            raise ValidationError(_("The weight must be a positive number."))
        return w  # type: ignore[no-any-return]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("low"), data.get("high")
        if low is not None and high is not None and high < low:
            self.add_error("high", _("The high end is below the low end."))
        if data.get("deadline") and data["deadline"] < date(self.year, 1, 1):
            self.add_error("deadline", _("The deadline is before the plan year %(year)s.") % {"year": self.year})
        return data

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version")
        if data["high"] is None:
            data["high"] = data["low"]
        data["baseline"] = "" if data["baseline"] is None else data["baseline"]
        return data


# --- reports ------------------------------------------------------------------------------

class ReportForm(forms.Form):
    as_of = forms.DateField(label=_("As of"), widget=DATE_INPUT, input_formats=["%Y-%m-%d"])
    value = NumberField(label=_("Value reached"), max_length=40, required=False)
    progress = forms.CharField(label=_("Progress (进展情况)"), widget=forms.Textarea(attrs={"rows": 3}),
                               required=False)
    problems = forms.CharField(label=_("Problems (存在问题)"), widget=forms.Textarea(attrs={"rows": 2}),
                               required=False)
    next_steps = forms.CharField(label=_("Next steps (下一步措施)"), widget=forms.Textarea(attrs={"rows": 2}),
                                 required=False)
    evidence = MultipleFileField(label=_("Evidence files"), required=False)

    def __init__(self, *args: Any, target: Target, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.target = target
        year = target.plan.year
        self.first = date(year, 1, 1)
        self.last = min(max(target.deadline, date(year, 12, 31)), timezone.localdate())
        self.fields["as_of"].initial = max(self.first, self.last)
        self.fields["value"].required = not target.qualitative
        self.fields["evidence"].help_text = _("%(types)s; at most %(mb)s MB each.") % {
            "types": " ".join(settings.EVIDENCE_EXTENSIONS), "mb": settings.MAX_EVIDENCE_BYTES // 2**20}

    def clean_as_of(self) -> date:
        d: date = self.cleaned_data["as_of"]
        if d < self.first or d > max(self.target.deadline, date(self.first.year, 12, 31)):
            raise ValidationError(_("The date must lie in the plan period (%(start)s – %(end)s)."),
                                  params={"start": self.first, "end": max(self.target.deadline,
                                                                           date(self.first.year, 12, 31))})
        if d > timezone.localdate():
            raise ValidationError(_("The date is in the future."))
        return d

    def clean_evidence(self) -> list[UploadedFile]:
        files: list[UploadedFile] = self.cleaned_data["evidence"]
        for f in files:
            name = f.name or ""
            if f.size is not None and f.size > settings.MAX_EVIDENCE_BYTES:
                raise ValidationError(_("“%(name)s” is too large (%(size).1f MB; the limit is %(limit)s MB)."),
                                      params={"name": name, "size": f.size / 2**20,
                                              "limit": settings.MAX_EVIDENCE_BYTES // 2**20})
            if not name.lower().endswith(settings.EVIDENCE_EXTENSIONS):
                raise ValidationError(_("“%(name)s”: this type of file is not accepted (%(types)s)."),
                                      params={"name": name, "types": " ".join(settings.EVIDENCE_EXTENSIONS)})
        return files


class ReviewForm(forms.Form):
    action = forms.ChoiceField(choices=[("accept", _("Accept")), ("return", _("Return"))])
    reason = forms.CharField(label=_("Reason for returning"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    status = forms.ChoiceField(label=_("Status of this qualitative target"), required=False)

    def __init__(self, *args: Any, qualitative: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.qualitative = qualitative
        self.fields["status"].choices = [("", "—"), *review_statuses()]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("action") == "return" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give a reason for returning the report."))
        if data.get("action") == "accept" and self.qualitative and not data.get("status"):
            self.add_error("status", _("Choose the status of this qualitative target."))
        return data


def review_statuses() -> list[tuple[str, str]]:
    """The statuses a reviewer sets on a qualitative target (overdue follows from the date)."""
    from ..core import status as S
    from .labels import status_label

    return [(s, status_label(s)) for s in (S.DONE, S.AHEAD, S.ON_TRACK, S.BEHIND)]
