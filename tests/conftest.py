"""Shared fixtures. Uploaded files of the tracker's tests go to a temporary folder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> None:
    if "settings" in request.fixturenames or request.node.get_closest_marker("django_db"):
        settings = request.getfixturevalue("settings")
        settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
        # each test starts with no cached page bodies (kept in memory, as the file cache
        # would keep them across tests and runs)
        settings.CACHES = {**settings.CACHES, **{alias: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"{alias} {request.node.nodeid}"}
            for alias in ("pages", "sessions")}}
