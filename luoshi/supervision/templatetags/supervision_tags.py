"""The header's inbox link with the unread count (a reporter's or a leader's)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def inbox_link(context: Any) -> SafeString | str:
    user = context.get("user")
    if user is None or not user.is_authenticated or not (user.department_id or user.role == "leader"):
        return ""
    from ..views.notices import unread_count

    n = unread_count(user)
    badge = format_html(' <span class="badge" aria-label="{}">{}</span>', _("%(count)s unread") % {"count": n}, n) \
        if n else ""
    return format_html('<a href="{}">{}{}</a>', reverse("supervision:inbox"), _("Inbox"), badge)
