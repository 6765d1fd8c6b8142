"""The rows rendered in Python (``luoshi.web.rows``): everything a user typed is escaped, line
breaks become <br>, links are the URLconf's, and the pages show them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from luoshi.core.models import ProgressReport
from luoshi.web import rows

from .conftest import World

HOSTILE = '<script>alert("x")</script> & 1'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 1"


ONE_ID = ["target", "department", "evidence", "dashboard", "tree", "bulletin", "assign", "suggest", "task_table_xlsx",
          "task_table_docx", "task_table_import", "progress_csv", "progress_jsonl", "progress_parquet",
          "progress_form", "progress_form_import"]  # the URLs of one id the pages link with ``url_of``


@pytest.mark.parametrize("name", ONE_ID)
@pytest.mark.parametrize("pk", [1, 42, 987654320], ids=["one", "two-digits", "like-the-mark"])
def test_url_is_reverse(name: str, pk: int) -> None:
    assert rows.url(f"web:{name}", pk) == reverse(f"web:{name}", args=[pk])


@pytest.mark.parametrize(("text", "html"), [
    ("一行", "一行"),
    ("第一行\n第二行", "第一行<br>第二行"),
    ("a\r\nb", "a<br>b"),
    ("<b>粗</b>\n&", "&lt;b&gt;粗&lt;/b&gt;<br>&amp;"),
], ids=["plain", "newline", "crlf", "markup"])
def test_lines(text: str, html: str) -> None:
    assert rows._lines(text) == html


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["tree", "department", "target", "reviews"])
def test_typed_text_is_escaped_on_the_pages(client, world: World, page: str) -> None:
    world.target.metric = HOSTILE
    world.target.save()
    ProgressReport.objects.filter(pk=world.report.pk).update(progress=HOSTILE, problems="资金\n到位慢")
    client.force_login(world.office)
    url = {"tree": reverse("web:tree", args=[world.plan.pk]),
           "department": reverse("web:department", args=[world.industry.pk]),
           "target": reverse("web:target", args=[world.target.pk]),
           "reviews": reverse("web:reviews")}[page]
    html = client.get(url).content.decode()
    assert "<script>alert" not in html
    assert ESCAPED in html
    if page != "tree":
        assert "资金<br>到位慢" in html


def _elements(html: str) -> list[tuple[str, tuple[tuple[str, str | None], ...], str]]:
    """Start tags with their attributes in order of name, and the text after each."""
    from html.parser import HTMLParser

    out: list[tuple[str, tuple[tuple[str, str | None], ...], str]] = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
            out.append((tag, tuple(sorted(attrs)), ""))

        def handle_data(self, data):  # type: ignore[no-untyped-def]
            if data.strip():
                out[-1] = (*out[-1][:2], out[-1][2] + data.strip())

    P().feed(html)
    return out


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["department", "role"])
@pytest.mark.parametrize("data", [None, "chosen"], ids=["blank", "bound"])
def test_select_is_the_widgets(world: World, field: str, data: str | None) -> None:
    from luoshi.web.forms import AssignForm

    world.labour.name = HOSTILE  # escaped alike
    world.labour.save()
    posted = {"department": str(world.labour.pk), "role": "support"} if data else None
    form = AssignForm(posted, plan=world.plan, target_ids=[], node_ids=[])
    assert ESCAPED in str(rows.select(form["department"]))
    assert _elements(str(rows.select(form[field]))) == _elements(str(form[field]))
