"""Governments side by side on one indicator (层层加码): the tracker's ``luoshi compare``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from ...core.services import compare as C
from ...extract.indicators import BY_CODE
from .. import access


@login_required
def compare(request: HttpRequest) -> HttpResponse:
    """?indicator=gdp_growth&year=2021: each parent's target beside its children's, and each
    government's target and result by year, over the governments the user may see."""
    user = request.user
    if access.is_reporter(user):  # type: ignore[arg-type]
        raise Http404("not found")
    governments = C.reach(user)  # type: ignore[arg-type]
    codes = C.indicators(governments)
    indicator = request.GET.get("indicator") or ("gdp_growth" if "gdp_growth" in codes else (codes or [""])[0])
    if indicator and indicator not in BY_CODE:
        raise Http404("no such indicator")
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() else None
    pairs, by_gov = C.compare(governments, indicator, year) if indicator else ([], {})
    english = (get_language() or "").startswith("en")
    choices = [(c, BY_CODE[c].name_en if english else BY_CODE[c].name) for c in codes]
    unit = "个百分点" if indicator and BY_CODE[indicator].kinds[0] == "percent" else ""
    return render(request, "web/compare.html", {
        "indicator": indicator, "choices": choices, "year": year, "pairs": pairs, "unit": unit,
        "series": sorted(by_gov.items()), "years": sorted({r.year for rs in by_gov.values() for r in rs}),
    })
