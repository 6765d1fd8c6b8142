"""考核 on the pages: the scores of a plan's departments with the rules beside them, the
office's 考核办法 (points) and deductions, and the xlsx export."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ...web import access
from ...web.views.common import as_of_for
from ...web.views.exports import XLSX, _attachment
from ..assessment import assess, scheme_of, title, write_xlsx
from ..forms import DeductionForm, SchemeForm


@login_required
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for(request.user, pk)  # type: ignore[arg-type]
    office = access.is_office(request.user, plan.government_id)  # type: ignore[arg-type]
    as_of = as_of_for(request, plan)
    scheme_form = SchemeForm(instance=scheme_of(plan)) if office else None
    deduction_form = DeductionForm(government=plan.government_id) if office else None
    back = f"{request.path}?as_of={as_of.isoformat()}"
    if request.method == "POST":
        if not office:
            raise PermissionDenied
        if request.POST.get("action") == "scheme":
            scheme_form = SchemeForm(request.POST, instance=scheme_of(plan))
            if scheme_form.is_valid():
                scheme_form.save()
                messages.success(request, _("Assessment scheme saved."))
                return redirect(back)
        else:
            deduction_form = DeductionForm(request.POST, government=plan.government_id)
            if deduction_form.is_valid():
                d = deduction_form.save(commit=False)
                d.plan, d.created_by = plan, request.user
                d.save()
                messages.success(request, _("Deduction recorded."))
                return redirect(back)
    return render(request, "supervision/assessment.html", {
        "plan": plan, "as_of": as_of, "office": office, "tab": "assessment", "a": assess(plan, as_of),
        "scheme_form": scheme_form, "deduction_form": deduction_form,
    })


@login_required
def assessment_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for(request.user, pk)  # type: ignore[arg-type]
    buf = io.BytesIO()
    write_xlsx(assess(plan, as_of_for(request, plan)), buf)
    response = HttpResponse(buf.getvalue(), content_type=XLSX)
    _attachment(response, f"{title(plan)}.xlsx")
    return response
