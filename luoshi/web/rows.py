"""The long tables of the busiest pages (the dashboard's lists, the plan tree) and the progress
reports (department page, target page, review queue) rendered in Python rather than in
template loops.

A plan has one to three hundred targets, and a template loop costs about 0.2 ms a row (each
variable, filter and ``{% url %}`` resolved on its own): the rows were most of a page's time.
Here a row is one f-string of values escaped with the standard library, and a link is a
cached URL pattern with the id put in (``reverse`` costs 40 µs a call). The markup is the one
the templates had; the templates keep the page around the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from html import escape
from typing import Any

from django.template.defaultfilters import filesizeformat
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..core import status as S
from . import labels

_MARK = 987654321  # an id no URL pattern can confuse with its other digits


@lru_cache(maxsize=64)
def _pattern(name: str, prefix: str) -> tuple[str, str]:
    """The URL around the id; ``prefix`` (the request's script prefix, which ``reverse``
    reads itself) is only part of the cache key."""
    url = reverse(name, args=[_MARK])
    head, _sep, tail = url.rpartition(str(_MARK))
    return head, tail


def url(name: str, pk: int, prefix: str | None = None) -> str:
    """``reverse(name, args=[pk])`` for a URL with one integer argument, in 1 µs; ``prefix``:
    the request's script prefix when the caller read it already (reading it costs 4 µs)."""
    head, tail = _pattern(name, get_script_prefix() if prefix is None else prefix)
    return f"{head}{pk}{tail}"


def _date(d: date | None) -> str:
    return d.isoformat() if d else ""


def _lines(text: str) -> str:
    """``linebreaksbr``: escaped, with line breaks as <br>."""
    return escape(text).replace("\r\n", "\n").replace("\n", "<br>")


def light(status: str) -> str:
    """A coloured dot and the status in words (never colour alone)."""
    return ('<span class="light light-{}"><span class="dot" aria-hidden="true"></span>{}</span>'
            .format(S.LIGHTS.get(status, "red"), escape(labels.status_label(status))))


class _Words:
    """The words and lights of one rendering, translated once."""

    def __init__(self) -> None:
        self.lights = {s: light(s) for s in S.STATUSES}
        self.support = escape(_("support"))
        self.lead = escape(_("lead"))
        self.aspirational = escape(_("aspirational"))

    def light(self, status: str) -> str:
        return self.lights.get(status) or light(status)


def closed(t: Any) -> str:
    """The day a closed (已销号) target was closed, after its light."""
    return f' <span class="closed-on small">{_date(t.closed_on)}</span>' if t.closed_on else ""


def dept_links(departments: Iterable[Any], prefix: str | None = None) -> str:
    """Department names linked to their pages, joined with 、 (— when none)."""
    out = "、".join(f'<a href="{url("web:department", d.id, prefix)}">{escape(d.name)}</a>' for d in departments)
    return out or "—"


def _target_link(t: Any, as_of: date, prefix: str) -> str:
    return f'<a href="{url("web:target", t.pk, prefix)}?as_of={_date(as_of)}">{escape(t.metric)}</a>'


def _goal(t: Any) -> str:
    return escape(labels.goal(t.low, t.high, t.unit, t.comparator))


def _short(text: str, limit: int) -> str:
    """``truncatechars``: at most ``limit`` characters, the last an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def status_list(items: Sequence[Any], as_of: date) -> SafeString:
    """The body rows of a list of targets with their status (the dashboard's lagging and
    overdue lists): target and area, goal and deadline, latest value, completion, elapsed
    share of the period, lead departments, the problems stated in the latest report."""
    prefix = get_script_prefix()
    out = []
    for r in items:
        t = r.target
        area = f'<div class="muted small">{escape(_short(r.area.title, 24))}</div>' if r.area else ""
        if r.value is not None:
            value = f'{escape(labels.amount(r.value, t.unit or ""))}<div class="muted small">{_date(r.as_of)}</div>'
        else:
            value = "—"
        problems = (_lines(r.report.problems) if r.report is not None and r.report.problems
                    else '<span class="muted">—</span>')
        out.append(
            f"<tr><td>{_target_link(t, as_of, prefix)}{area}</td>"
            f'<td class="nowrap">{_goal(t)}<div class="muted small">{_date(t.deadline)}</div></td>'
            f'<td class="nowrap">{value}</td>'
            f'<td class="num">{labels.percent(r.completion)}</td>'
            f'<td class="num">{labels.percent(None if r.elapsed is None else 100 * float(r.elapsed))}</td>'
            f"<td>{dept_links(r.lead, prefix)}</td><td>{problems}</td></tr>")
    return mark_safe("\n".join(out))  # every value above is escaped


def tree(rows: Sequence[dict[str, Any]], as_of: date, *, office: bool) -> SafeString:
    """The body rows of the plan tree (``views.plans.tree_rows``): areas and tasks with their
    roll-up and departments, each followed by its targets with lights; a tick box on each row
    for the office's bulk assignment."""
    w = _Words()
    prefix = get_script_prefix()
    links: dict[tuple[int, ...], str] = {}  # the same departments answer for many rows

    def linked(ds: Sequence[Any]) -> str:
        key = tuple(d.id for d in ds)
        if key not in links:
            links[key] = dept_links(ds, prefix)
        return links[key]

    out = []
    for r in rows:
        depth = r["depth"]
        if r["kind"] == "node":
            n = r["node"]
            tick = (f'<td><input type="checkbox" name="nodes" value="{n.pk}" id="n{n.pk}" '
                    f'aria-label="{escape(n.title)}"></td>') if office else ""
            count = escape(ngettext("%(counter)s target", "%(counter)s targets", r["count"])
                           % {"counter": r["count"]})
            departments = f'{w.lead}: {linked(r["lead"])}' if r["lead"] else ""
            if r["support"]:
                departments += f'<div class="small">{w.support}: {linked(r["support"])}</div>'
            out.append(
                f'<tr class="node k-{escape(n.kind)}">{tick}'
                f'<td class="d{depth}"><label for="n{n.pk}"><strong>{escape(n.number)}{escape(n.title)}</strong></label>\n'
                f'<span class="muted small">{count}</span></td>\n'
                f'<td></td><td></td><td></td><td class="num">{labels.percent(r["completion"])}</td>\n'
                f"<td>{departments}</td></tr>")
            continue
        i = r["item"]
        t = i.target
        tick = (f'<td><input type="checkbox" name="targets" value="{t.pk}" aria-label="{escape(t.metric)}"></td>'
                if office else "")
        tag = f' <span class="tag">{w.aspirational}</span>' if t.aspirational else ""
        value = escape(labels.amount(i.value, t.unit or "")) if i.value is not None else "—"
        support = f'<div class="small">{w.support}: {linked(i.support)}</div>' if i.support else ""
        out.append(
            f'<tr class="leaf">{tick}<td class="d{depth}">{_target_link(t, as_of, prefix)}{tag}</td>\n'
            f'<td class="nowrap">{w.light(i.status)}{closed(t)}</td><td class="nowrap">{_goal(t)}</td>\n'
            f'<td class="nowrap">{value}</td>\n'
            f'<td class="num">{labels.percent(i.completion)}</td>\n'
            f"<td>{linked(i.lead)}{support}</td></tr>")
    return mark_safe("\n".join(out))  # every value above is escaped


def select(bf: Any) -> SafeString:
    """A bound choice field's ``<select>`` as Django's widget renders it (name, id, required,
    the value's option selected), without a template per option (30 departments: 1.5 ms)."""
    field = bf.field
    value = bf.value()
    values = value if isinstance(value, list | tuple) else [value]
    chosen = {"" if v is None else str(v) for v in values}
    options = "".join(f'<option value="{escape(str(k))}"{" selected" if str(k) in chosen else ""}>'
                      f"{escape(str(label))}</option>" for k, label in field.widget.choices)
    first = next(iter(field.widget.choices), None)
    # as Django's Select: ``required`` only with an empty first option to stand for no choice
    required = " required" if field.required and first is not None and str(first[0]) == "" else ""
    return mark_safe(f'<select name="{bf.html_name}" id="{bf.id_for_label}"{required}>{options}</select>')


def department_target(row: Any, reports: Sequence[Any], *, lead: bool, form: str, errors: bool = False,
                      csrf: str = "") -> SafeString:
    """One target on a department's page: metric and light, goal, deadline, latest accepted
    value, completion and the department's role; its recent reports; the report form
    (``form``: its rendered fields, none when the user may not report), open when it has
    ``errors``."""
    t = row.target
    value = (f"{escape(labels.amount(row.value, t.unit or ''))} ({_date(row.as_of)})" if row.value is not None
             else "—")
    out = [f'<article class="target" id="t{t.pk}">\n'
           f'<h3><a href="{url("web:target", t.pk)}">{escape(t.metric)}</a> {light(row.status)}{closed(t)}</h3>\n'
           f'<p class="facts"><span>{escape(_("Goal"))}: <strong>{_goal(t)}</strong></span>\n'
           f"<span>{escape(_('Deadline'))}: {_date(t.deadline)}</span>\n"
           f"<span>{escape(_('Latest accepted value'))}: {value}</span>\n"
           f"<span>{escape(_('completion'))} {labels.percent(row.completion)}</span>\n"
           f"<span>{escape(_('lead') if lead else _('support'))}</span></p>"]
    out.extend(report(r) for r in reports)
    if form and not t.closed_on:
        out.append(f'<p><a href="{url("supervision:closure", t.pk)}">{escape(_("Ask to close (销号)"))}</a></p>')
    if form:
        out.append(f'<details{" open" if errors else ""}><summary>{escape(_("Report progress"))}</summary>\n'
                   f'<form method="post" enctype="multipart/form-data" action="#t{t.pk}" class="stack">'
                   f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf)}">\n'
                   f'<input type="hidden" name="target" value="{t.pk}">{form}\n'
                   f'<button>{escape(_("Submit report"))}</button></form></details>')
    out.append("</article>")
    return mark_safe("\n".join(out))  # every value above is escaped; ``form`` is rendered HTML


def report(r: Any) -> SafeString:
    """One progress report as the department page, the target page and the review queue show
    it: date, figure, status, who and when; the reason it was returned; the three texts; the
    evidence files."""
    unit = r.target.unit or ""
    value = escape(labels.amount(r.value, unit)) if r.value is not None else escape(_("no figure"))
    demo = f' <span class="tag">{escape(_("demo"))}</span>' if r.demo else ""
    who = f"{escape(r.department.name)} · " if r.department_id else ""
    reporter = escape(r.reporter.get_username()) if r.reporter_id else "—"
    created = timezone.localtime(r.created).strftime("%Y-%m-%d %H:%M") if r.created else ""
    out = [f'<div class="report r-{escape(r.status)}">\n<div><strong>{_date(r.as_of)}</strong> · {value}\n'
           f'· <span class="rstatus">{escape(r.get_status_display())}</span>{demo}\n'
           f'<span class="muted small">{who}{reporter} · {created}</span></div>']
    if r.status == "returned" and r.reason:
        out.append(f'<div class="reason">{escape(_("Returned because"))}: {_lines(r.reason)}</div>')
    for label, text in ((_("Progress"), r.progress), (_("Problems"), r.problems), (_("Next steps"), r.next_steps)):
        if text:
            out.append(f'<div><span class="muted">{escape(label)}:</span> {_lines(text)}</div>')
    files = list(r.evidence.all())
    if files:
        links = ", ".join(f'<a href="{url("web:evidence", e.pk)}">{escape(e.name)}</a> '
                          f'<span class="muted small">({escape(filesizeformat(e.size))})</span>' for e in files)
        out.append(f'<div><span class="muted">{escape(_("Evidence"))}:</span>\n{links}</div>')
    out.append("</div>")
    return mark_safe("\n".join(out))  # every value above is escaped
