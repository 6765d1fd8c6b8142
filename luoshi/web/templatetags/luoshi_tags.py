"""Filters of the pages: lights with their labels, figures, targets as read, percentages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from .. import labels, rows

register = template.Library()


@register.filter
def light(status: str) -> SafeString:
    """A coloured dot and the status in words (never colour alone)."""
    return mark_safe(rows.light(status))  # escaped there


@register.filter
def status_label(status: str) -> str:
    return labels.status_label(status)


@register.filter
def figure(value: Any) -> str:
    return labels.figure(value)


@register.filter
def plain(value: Any) -> str:
    return labels.plain(value)


@register.filter
def amount(value: Any, unit: str) -> str:
    return labels.amount(value, unit or "")


@register.filter
def goal(target: Any) -> str:
    return labels.goal(target.low, target.high, target.unit, target.comparator)


@register.filter
def pct(value: Any, digits: int = 0) -> str:
    return labels.percent(value, digits)


@register.filter
def share(value: Any) -> str:
    """A 0–1 share as a percentage."""
    return labels.percent(None if value is None else 100 * float(value))


@register.filter
def names(departments: Any) -> str:
    return "、".join(d.name for d in departments or []) or "—"


@register.filter
def dept_links(departments: Any) -> SafeString:
    return mark_safe(rows.dept_links(departments or []))  # escaped there


@register.simple_tag
def status_rows(items: Any, as_of: Any) -> SafeString:
    return rows.status_list(items, as_of)


@register.simple_tag
def tree_rows(items: Any, as_of: Any, office: bool) -> SafeString:
    return rows.tree(items, as_of, office=bool(office))


@register.filter
def get(mapping: Any, key: Any) -> Any:
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None


@register.simple_tag
def report_html(report: Any) -> SafeString:
    return rows.report(report)


@register.simple_tag
def url_of(name: str, pk: int) -> str:
    """``{% url name pk %}`` for a URL with one id, without ``reverse`` (the busiest pages
    have a dozen)."""
    return rows.url(name, pk)


@register.simple_tag
def select(bound_field: Any) -> SafeString:
    return rows.select(bound_field)
