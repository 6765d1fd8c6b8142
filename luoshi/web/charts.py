"""Charts drawn on the server as inline SVG: nothing fetched, no script, readable on a phone
(the drawing scales to the width; labels sit above the bars rather than beside them)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from html import escape
from typing import Any

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..core import status as S
from . import labels

WIDTH = 480  # the history chart's drawing width; it scales to the page


def _svg(height: float, label: str, body: Iterable[str], css: str) -> SafeString:
    """An SVG drawing WIDTH units wide (the page scales it)."""
    head = format_html('<svg class="chart {}" viewBox="0 0 {} {}" role="img" aria-label="{}" '
                       'xmlns="http://www.w3.org/2000/svg">', css, WIDTH, f"{height:.0f}", label)
    return mark_safe(head + "".join(body) + "</svg>")  # every piece below is built with format_html


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def status_bars(groups: Sequence[Any], *, label: str, hrefs: dict[str, str] | None = None) -> SafeString:
    """One row per group (area, department): its name and its completion and number of
    targets as HTML (so that they wrap on a phone), then a stacked SVG bar of the share of its
    targets in each status. (Plain f-strings of escaped values: a dashboard draws a bar per
    department, and ``format_html`` per rectangle was a tenth of the page's time.)"""
    names = {s: escape(labels.status_label(s)) for s in S.STATUSES}
    figure = _("%(completion)s · %(count)s targets")
    rows: list[str] = []
    for g in groups:
        href = (hrefs or {}).get(g.name)
        name = f'<a href="{escape(href)}">{escape(g.name)}</a>' if href else escape(g.name)
        x, rects, words = 0.0, [], []
        for status in S.STATUSES:
            n = g.counts.get(status, 0)
            if not n:
                continue
            w = 100 * n / g.total
            words.append(f"{names[status]} {n}")
            rects.append(f'<rect x="{x:.2f}" y="0" width="{w:.2f}" height="10" fill="{labels.STATUS_COLOURS[status]}">'
                         f"<title>{names[status]}: {n}</title></rect>")
            x += w
        text = escape(figure % {"completion": labels.percent(g.completion), "count": g.total})
        rows.append(
            f'<li class="bar"><div class="bar-head"><span class="name">{name}</span><span class="figure">{text}</span>'
            f'</div><svg class="stack" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" '
            f'aria-label="{"、".join(words)}" xmlns="http://www.w3.org/2000/svg">{"".join(rects)}</svg></li>')
    return mark_safe(f'<ul class="bars" aria-label="{escape(label)}">' + "".join(rows) + "</ul>")  # all escaped


def legend() -> SafeString:
    """The colours of the bars with their status names (HTML, so that it wraps)."""
    return mark_safe("".join(format_html(
        '<span class="key"><span class="swatch" style="background:{}"></span>{}</span>',
        labels.STATUS_COLOURS[s], labels.status_label(s)) for s in S.STATUSES))


def _nice_step(span: float) -> float:
    raw = span / 4 if span > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


def history_chart(points: Sequence[tuple[date, Decimal]], *, low: Decimal | None, baseline: Decimal | None,
                  comparator: str, unit: str, year: int, deadline: date) -> SafeString:
    """Accepted values over the plan period, with the target line and the 序时进度 line (from
    the baseline on 1 January to the target at the deadline)."""
    left, right, top, bottom, height = 74, 10, 16, 30, 240
    start = date(year, 1, 1)
    end = max([deadline, date(year, 12, 31), *(d for d, _v in points)])
    values = [float(v) for _d, v in points] + [float(low or 0), float(baseline or 0), 0.0]
    y_min, y_max = min(values), max(values)
    step = _nice_step(y_max - y_min)
    y_min = step * math.floor(y_min / step)
    y_max = step * math.ceil(y_max * 1.05 / step) if y_max > 0 else y_min + 4 * step
    if y_max <= y_min:
        y_max = y_min + step

    def px(d: date) -> float:
        return left + (WIDTH - left - right) * (d - start).days / max(1, (end - start).days)

    def py(v: float) -> float:
        return top + (height - top - bottom) * (1 - (v - y_min) / (y_max - y_min))

    body: list[str] = []
    v = y_min
    while v <= y_max + step / 2:
        body.append(format_html('<line x1="{}" x2="{}" y1="{}" y2="{}" class="grid"/>'
                                '<text x="{}" y="{}" text-anchor="end" class="tick">{}</text>',
                                left, WIDTH - right, f"{py(v):.1f}", f"{py(v):.1f}", left - 6, f"{py(v) + 4:.1f}",
                                labels.amount(Decimal(str(round(v, 6))), unit)))
        v += step
    for month in (1, 4, 7, 10):
        d = date(year, month, 1)
        body.append(format_html('<text x="{}" y="{}" class="tick">{}</text>', f"{px(d):.1f}", height - 10,
                                date_format(d, "M")))
    body.append(format_html('<line x1="{}" x2="{}" y1="{}" y2="{}" class="deadline"><title>{}</title></line>',
                            f"{px(deadline):.1f}", f"{px(deadline):.1f}", top, height - bottom,
                            _("deadline %(date)s") % {"date": deadline.isoformat()}))
    if low is not None:
        y = py(float(low))
        body.append(format_html('<line x1="{}" x2="{}" y1="{}" y2="{}" class="goal"/>'
                                '<text x="{}" y="{}" text-anchor="end" class="goal-label">{}</text>',
                                left, WIDTH - right, f"{y:.1f}", f"{y:.1f}", WIDTH - right, f"{y - 5:.1f}",
                                _("target %(value)s") % {"value": labels.amount(low, unit)}))
        if comparator != "<=":
            body.append(format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" class="pace"><title>{}</title></line>',
                left, f"{px(deadline):.1f}", f"{py(float(baseline or 0)):.1f}", f"{y:.1f}", _("elapsed-time pace")))
    if points:
        coords = " ".join(f"{px(d):.1f},{py(float(v)):.1f}" for d, v in points)
        body.append(format_html('<polyline points="{}" class="values"/>', coords))
        for d, v in points:
            body.append(format_html('<circle cx="{}" cy="{}" r="4" class="value"><title>{}: {}</title></circle>',
                                    f"{px(d):.1f}", f"{py(float(v)):.1f}", d.isoformat(), labels.amount(v, unit)))
    label = _("Accepted values over time")
    if points:
        label += ": " + ", ".join(f"{d}: {labels.amount(v, unit)}" for d, v in points)
    return _svg(height, label, body, "history")
