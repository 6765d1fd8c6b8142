"""The stylesheet is served with DEBUG off too (``luoshi run``), and nothing but static files."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_stylesheet_is_served_without_debug(client, settings) -> None:
    settings.DEBUG = False
    response = client.get("/static/web/luoshi.css")
    assert response.status_code == 200
    assert b".light" in b"".join(response.streaming_content)


@pytest.mark.parametrize("path", ["/static/../settings.py", "/static/web/../../settings.py", "/static/nothing.css"])
@pytest.mark.django_db
def test_only_static_files(client, path: str) -> None:
    assert client.get(path).status_code in (400, 404)  # 400: a path outside the static folders
