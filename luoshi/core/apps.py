from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "luoshi.core"
    label = "core"
    verbose_name = _("Plans and targets")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import revisions

        revisions.connect()
