from django.contrib import admin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made with ``luoshi manage api_token USERNAME`` (the raw token is shown once);
    here they are listed, renamed and revoked (deleted)."""

    list_display = ("prefix", "user", "name", "created", "last_used")
    list_filter = ("user",)
    search_fields = ("user__username", "name", "prefix")
    readonly_fields = ("prefix", "created", "last_used")

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False
