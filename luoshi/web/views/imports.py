"""Import a report: upload → preview (the tree and an editable table of targets) → confirm.
Nothing is saved before the confirmation, and then everything is saved or nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ...core.models import Plan
from ...core.services import ServiceError
from ...core.services.imports import clean_target, import_plan
from ...extract import extract, is_empty
from ...extract.errors import LuoshiError, NoPlanFound
from ...extract.reading import read_bytes
from .. import access, staging
from ..forms import TargetRowFormSet, UploadForm
from ..labels import plain
from ..limits import RETRY_AFTER, extraction_slot

TREE_KINDS = ("part", "goals", "area", "task")


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    access.require_office(request.user)  # type: ignore[arg-type]
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        with extraction_slot() as got:
            if not got:  # every slot reads another upload: come back, rather than wait in a worker
                form.add_error(None, _("The server is reading other reports right now; nothing was uploaded. "
                                       "Please send the file again in a few seconds."))
                response = render(request, "web/import_upload.html", {"form": form}, status=503)
                response["Retry-After"] = str(RETRY_AFTER)
                return response
            token = _read(request, form)
        if token:
            return redirect("web:import_preview", token=token)
    return render(request, "web/import_upload.html", {"form": form})


def _read(request: HttpRequest, form: UploadForm) -> str | None:
    """Run the engine on the upload and stage it; on failure, add the reason to the form."""
    f = form.cleaned_data["file"]
    name = (f.name or "report.txt")[-200:]
    data = f.read()
    try:
        doc = read_bytes(data, name)
        if len(doc.text) > settings.MAX_REPORT_CHARS:
            form.add_error("file", _("This report's text has %(chars)s characters; the tracker reads at most "
                                     "%(limit)s from an upload. Import it on the server with `luoshi import`.")
                           % {"chars": f"{len(doc.text):,}", "limit": f"{settings.MAX_REPORT_CHARS:,}"})
            return None
        plan = extract(doc.text, year=form.cleaned_data["year"], source=name, encoding=doc.encoding)
        if is_empty(plan):
            raise NoPlanFound(name, "no plan found: no parts, areas or targets in the text")
    except LuoshiError as exc:
        form.add_error("file", _("This file cannot be read: %(reason)s") % {"reason": exc.reason})
        return None
    year = form.cleaned_data["year"] or plan.meta.year
    government = form.cleaned_data["government"]
    if not year:
        form.add_error("year", _("The report does not state its year; enter it."))
        return None
    if Plan.objects.filter(government__name=government, year=year).exists():
        form.add_error(None, _("A plan of %(government)s for %(year)s exists already.")
                       % {"government": government, "year": year})
        return None
    engine = plan.to_dict() | {"text": plan.text}
    return staging.stage(request, data=data, engine=engine, government=government, year=year, source_name=name)


def _places(tree: list[dict[str, Any]]) -> tuple[list[list[str]], list[dict[str, Any]]]:
    """Area and task paths (choices for added rows) and the tree as rows to show."""
    paths: list[list[str]] = []
    shown: list[dict[str, Any]] = []

    def walk(nodes: list[dict[str, Any]], path: list[str], depth: int) -> None:
        for n in nodes:
            if n.get("kind") not in TREE_KINDS:
                continue
            here = [*path, n["title"]] if n["kind"] in ("area", "task") else path
            if n["kind"] in ("area", "task"):
                paths.append(here)
            shown.append({"node": n, "depth": depth, "path": tuple(here) if n["kind"] in ("area", "task") else None})
            walk(n.get("children", []), here, depth + 1)

    walk(tree, [], 0)
    return paths, shown


def _initial(row: dict[str, Any]) -> dict[str, Any]:
    try:
        deadline = date.fromisoformat(row["deadline"]) if row.get("deadline") else None
    except ValueError:
        deadline = None
    return {
        "metric": row.get("metric", ""), "low": plain(row.get("low")),
        "high": "" if row.get("high") == row.get("low") else plain(row.get("high")), "unit": row.get("unit", ""),
        "comparator": row.get("comparator", "="), "aspirational": bool(row.get("aspirational")),
        "deadline": deadline,
    }


def _rows(formset: Any, engine_rows: list[dict[str, Any]], paths: list[list[str]], year: int,
          ) -> list[dict[str, Any]] | None:
    """The targets to save, or None when a row is refused (its error added to its form)."""
    rows, ok = [], True
    for i, form in enumerate(formset.forms):
        if form.cleaned_data.get("DELETE") or (i >= len(engine_rows) and not form.has_changed()):
            continue
        cd = form.cleaned_data
        if i < len(engine_rows):
            row = dict(engine_rows[i])
        else:
            row = {"path": paths[int(cd["place"])] if cd.get("place") else [], "text": "", "quantity": ""}
        row.update(metric=cd["metric"], low=cd["low"], high=cd["high"] if cd["high"] is not None else cd["low"],
                   unit=cd["unit"], comparator=cd["comparator"], aspirational=cd["aspirational"],
                   deadline=cd["deadline"].isoformat() if cd["deadline"] else "")
        try:
            clean_target(row, year)
        except ServiceError as exc:
            form.add_error(None, str(exc))
            ok = False
        rows.append(row)
    return rows if ok else None


@login_required
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    access.require_office(request.user)  # type: ignore[arg-type]
    staged = staging.load(request, token)
    if staged is None:
        raise Http404("no such upload")
    engine_rows: list[dict[str, Any]] = staged.engine.get("targets", [])
    paths, tree = _places(staged.engine.get("tree", []))
    counts: dict[tuple[str, ...], int] = {}
    for r in engine_rows:
        counts[tuple(r.get("path") or [])] = counts.get(tuple(r.get("path") or []), 0) + 1
    kwargs = {"year": staged.year, "places": [" / ".join(p) for p in paths]}
    initial = [_initial(r) for r in engine_rows]
    error = None
    if request.method == "POST" and "cancel" in request.POST:
        staging.discard(request, token)
        messages.info(request, _("The upload was discarded; nothing was saved."))
        return redirect("web:home")
    if request.method == "POST":
        formset = TargetRowFormSet(request.POST, initial=initial, form_kwargs=kwargs)
        if formset.is_valid():
            if formset.initial_form_count() != len(engine_rows):
                error = _("The table does not match this upload any more; start again.")
            elif (rows := _rows(formset, engine_rows, paths, staged.year)) is not None:
                try:
                    plan = import_plan(staged.engine, government=staged.government, year=staged.year, targets=rows,
                                       user=request.user, source_name=staged.source_name,  # type: ignore[arg-type]
                                       source_bytes=staged.source_bytes())
                except ServiceError as exc:
                    error = str(exc)
                else:
                    staging.discard(request, token)
                    messages.success(request, _("Imported %(plan)s with %(count)s targets.")
                                     % {"plan": plan.title, "count": len(rows)})
                    return redirect("web:dashboard", pk=plan.pk)
        if error is None:
            error = _("Some rows need correcting; nothing was saved yet.")
    else:
        formset = TargetRowFormSet(initial=initial, form_kwargs=kwargs)
    rows = [{"form": f, "engine": engine_rows[i] if i < len(engine_rows) else None, "index": i + 1}
            for i, f in enumerate(formset.forms)]
    return render(request, "web/import_preview.html", {
        "staged": staged, "formset": formset, "rows": rows, "tree": tree, "counts": counts, "error": error,
        "meta": staged.engine.get("meta", {}), "target_count": len(engine_rows),
    })
