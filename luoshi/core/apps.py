from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "luoshi.core"
    label = "core"
    verbose_name = _("Plans and targets")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from . import prepared, revisions

        revisions.connect()
        connection_created.connect(prepared.prepare_statements, dispatch_uid="luoshi.prepared")
