from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..core.models import Plan


@login_required
def home(request: HttpRequest) -> HttpResponse:
    plans = Plan.objects.select_related("government")
    if not request.user.is_superuser:
        plans = plans.filter(government=request.user.government_id)  # type: ignore[union-attr]
    return render(request, "web/home.html", {"plans": plans})
