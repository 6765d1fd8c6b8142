"""The authentication backend: Django's, loading a session's user with its government and
department (and the department's government) in the one query every request makes: the page
header names them, and a reporter's own department page needs no query of its own. Its SQL is
built once (``luoshi.core.prepared``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from .models import User
from .prepared import AN_ID, Prepared

# the query every page makes, built once per connection
_USER = Prepared(lambda pk: User.objects.select_related("government", "department__government").filter(pk=pk),
                 pk=AN_ID)


class Backend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:  # type: ignore[override]
        try:
            pk = User._meta.pk.to_python(user_id)  # type: ignore[union-attr]
        except ValidationError:
            return None
        user = _USER.first(pk=pk)
        return user if user is not None and self.user_can_authenticate(user) else None
