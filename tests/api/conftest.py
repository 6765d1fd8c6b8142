"""Fixtures of the API tests: the web tests' small government (``world``) and demo, and a token
per role."""

from __future__ import annotations

import pytest
from web.conftest import PASSWORD, World, _fast_passwords, demo, world  # noqa: F401

from luoshi.api.models import ApiToken

ROLES = ("office", "reporter", "other_reporter", "leader", "stranger")


@pytest.fixture
def tokens(world: World) -> dict[str, str]:  # noqa: F811
    """A raw token of each user of ``world``, by role."""
    return {role: ApiToken.issue(getattr(world, role), "tests")[1] for role in ROLES}


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
