from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "luoshi.supervision"
    label = "supervision"
    verbose_name = _("Supervision (督办)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ..core import revisions
        from ..core.exporters import bulletin
        from ..core.models import Plan
        from .models import ClosureRequest, Cycle

        # the dashboard's reporting table follows the cycles; the department and target pages
        # show a closure request waiting for the office
        revisions.watch(Cycle, lambda c: c.plan_id)
        revisions.watch(ClosureRequest, lambda r: Plan.objects.filter(targets=r.target_id))
        from .reporting import escalated

        if escalated not in bulletin.SECTIONS:
            bulletin.SECTIONS.append(escalated)  # the departments escalated, in the next bulletin
