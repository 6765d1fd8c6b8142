"""The change history of a target as a person reads it: the history rows of the target, its
assignments and its reports (django-simple-history), each with who, when and what changed
(before → after), and the attempts that changed nothing (core ``LogEntry``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..core.models import Assignment, LogEntry, ProgressReport, Target
from . import labels

SUMMARY = {  # the fields shown for a created or deleted row
    Target: ("metric", "low", "high", "unit", "comparator", "deadline"),
    Assignment: ("department", "role"),
    ProgressReport: ("as_of", "value", "status"),
}
HIDDEN = {"id", "plan", "node", "target", "order", "span_start", "span_end", "text"}
ACTIONS = {
    "target.update.conflict": gettext_lazy("Save refused: changed by someone else"),
}
REASONS = {  # the change reasons the services write
    "imported": gettext_lazy("imported"), "edited": gettext_lazy("edited"), "assigned": gettext_lazy("assigned"),
    "suggested": gettext_lazy("suggested"), "lead replaced": gettext_lazy("lead replaced"),
    "role changed": gettext_lazy("role changed"), "unassigned": gettext_lazy("unassigned"),
    "submitted": gettext_lazy("submitted"), "accepted": gettext_lazy("accepted"),
    "returned": gettext_lazy("returned"), "status set by the reviewer": gettext_lazy("status set by the reviewer"),
}
KINDS = {"+": gettext_lazy("created"), "~": gettext_lazy("changed"), "-": gettext_lazy("deleted")}


@dataclass(slots=True)
class Change:
    when: datetime
    who: str
    subject: str
    kind: str
    reason: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)


class _Shower:
    """Field values in words: related rows by name, choices by label, numbers without zeros."""

    def __init__(self) -> None:
        self.cache: dict[tuple[type, Any], str] = {}

    def __call__(self, model: type[models.Model], name: str, value: Any) -> str:
        if value is None or value == "":
            return "—"
        f = model._meta.get_field(name)
        if name == "reviewed_status":
            return labels.status_label(value)
        if f.is_relation and f.related_model is not None:
            key = (f.related_model, value)
            if key not in self.cache:
                obj = f.related_model._default_manager.filter(pk=value).first()  # type: ignore[union-attr]
                self.cache[key] = str(obj) if obj is not None else f"#{value}"
            return self.cache[key]
        if f.choices:
            return str(dict(f.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, Decimal | float):
            return labels.figure(value)
        if isinstance(value, datetime):
            return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else \
                value.strftime("%Y-%m-%d %H:%M")
        if isinstance(value, date):
            return value.isoformat()
        return str(value)


def _label(model: type[models.Model], name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _subject(model: type[models.Model], record: Any, show: _Shower) -> str:
    if model is Target:
        return _("target")
    if model is Assignment:
        return _("assignment: %(department)s") % {"department": show(Assignment, "department", record.department_id)}
    return _("report as of %(date)s") % {"date": record.as_of.isoformat()}


def changes_of(target: Target) -> list[Change]:
    show = _Shower()
    out: list[Change] = []
    sources: list[tuple[type[models.Model], Any]] = [
        (Target, target.history.all()),  # type: ignore[attr-defined]
        (Assignment, Assignment.history.filter(target_id=target.id)),  # type: ignore[attr-defined]
        (ProgressReport, ProgressReport.history.filter(target_id=target.id)),  # type: ignore[attr-defined]
    ]
    for model, records in sources:
        by_object: dict[int, list[Any]] = defaultdict(list)
        for r in records.select_related("history_user").order_by("history_date", "history_id"):
            by_object[r.id].append(r)
        for rows in by_object.values():
            previous = None
            for r in rows:
                change = Change(r.history_date, r.history_user.get_username() if r.history_user else "—",
                                _subject(model, r, show), str(KINDS.get(r.history_type, r.history_type)),
                                str(REASONS.get(r.history_change_reason or "", r.history_change_reason or "")))
                if r.history_type == "~" and previous is not None:
                    delta = r.diff_against(previous)
                    change.fields = [(_label(model, c.field), show(model, c.field, c.old), show(model, c.field, c.new))
                                     for c in delta.changes if c.field not in HIDDEN]
                elif r.history_type in ("+", "-"):
                    values = [(_label(model, n), show(model, n, getattr(r, model._meta.get_field(n).attname)))
                              for n in SUMMARY[model]]
                    change.fields = [(name, "", v) if r.history_type == "+" else (name, v, "") for name, v in values]
                previous = r
                out.append(change)
    out.sort(key=lambda c: c.when, reverse=True)
    return out


def log_of(target: Target) -> list[dict[str, Any]]:
    out = []
    for e in LogEntry.objects.filter(target=target).select_related("user"):
        data = e.data or {}
        out.append({
            "when": e.created, "who": e.user.get_username() if e.user else "—",
            "action": str(ACTIONS.get(e.action, e.action)),
            "versions": (data.get("loaded_version"), data.get("current_version")),
            "changes": sorted((data.get("changes") or {}).items()),
        })
    return out
