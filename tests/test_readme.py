"""The examples of the README and of every page under docs/ are run, so the docs cannot drift.

- ```console blocks: each `$ luoshi …` command is run from the repository root; every output
  line shown (other than `...`) must appear in the real output, in order (trailing spaces aside).
- ```python blocks with `>>>` prompts are run as doctests.
- The README stays a first screen (at most 8,000 characters) that links every docs page; every
  relative link of every page leads to a file (and heading) that exists; every command of the
  `luoshi` group and every setting the tracker reads is documented.
"""

from __future__ import annotations

import doctest
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PAGES = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8")
         for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]}
README = PAGES["README.md"]
ALL_DOCS = "\n".join(PAGES.values())
BLOCK = re.compile(r"```(console|python)\n(.*?)```", re.S)
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _console_examples() -> list[tuple[str, list[str]]]:
    out = []
    for lang, body in BLOCK.findall(ALL_DOCS):
        if lang != "console":
            continue
        lines = body.rstrip("\n").split("\n")
        assert lines[0].startswith("$ luoshi "), lines[0]
        out.append((lines[0][2:], lines[1:]))
    return out


@pytest.mark.parametrize(("command", "shown"), _console_examples(),
                         ids=lambda v: re.sub(r"[^a-z]+", "-", v)[:40] if isinstance(v, str) else "output")
def test_console_example(command: str, shown: list[str]) -> None:
    argv = shlex.split(command)
    res = subprocess.run([sys.executable, "-m", "luoshi", *argv[1:]], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert res.returncode == 0, res.stderr
    real = [line.rstrip() for line in res.stdout.splitlines()]
    pos = 0
    for line in (line.rstrip() for line in shown):
        if line == "...":
            continue
        assert line in real[pos:], f"README line not in output (after line {pos}): {line!r}"
        pos = real.index(line, pos) + 1


def test_python_examples() -> None:
    blocks = [body for lang, body in BLOCK.findall(ALL_DOCS) if lang == "python" and ">>>" in body]
    assert blocks
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        parser = doctest.DocTestParser()
        runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
        for i, body in enumerate(blocks):
            runner.run(parser.get_doctest(body, {}, f"README-{i}", "README.md", 0))
        assert runner.failures == 0
    finally:
        os.chdir(cwd)


def test_every_cli_command_is_documented() -> None:
    from luoshi.cli import main

    for name in main.commands:
        assert f"luoshi {name}" in ALL_DOCS, name


def test_json_contract_example_is_real() -> None:
    import json

    from luoshi import extract_file

    shown = json.loads(re.search(r"```json\n(.*?)```", PAGES["docs/researcher.md"], re.S).group(1))  # type: ignore[union-attr]
    real = extract_file(ROOT / "luoshi" / "examples" / "boshan_2023.txt").to_dict()
    assert shown["meta"] == real["meta"] and shown["encoding"] == real["encoding"]
    assert shown["targets"][0] == real["targets"][0]
    area, real_area = shown["tree"][0], real["tree"][0]
    assert {k: area[k] for k in ("kind", "title", "span")} == {k: real_area[k] for k in ("kind", "title", "span")}
    task = area["children"][0]
    assert task == {**real_area["children"][0], "children": task["children"]}
    assert task["children"][0] == real_area["children"][0]["children"][0]


def test_readme_is_a_first_screen() -> None:
    assert len(README) <= 8000, len(README)
    linked = {target.split("#")[0] for target in LINK.findall(README)}
    assert {name for name in PAGES if name.startswith("docs/")} <= linked


def _anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("page", sorted(PAGES))
def test_relative_links_lead_somewhere(page: str) -> None:
    here = (ROOT / page).parent
    for target in LINK.findall(PAGES[page]):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        dest = (here / path).resolve() if path else ROOT / page
        assert dest.exists(), f"{page}: {target}"
        if anchor and dest.suffix == ".md":
            headings = re.findall(r"^#+ (.+)$", dest.read_text(encoding="utf-8"), re.M)
            assert anchor in {_anchor(h) for h in headings}, f"{page}: {target}"


def test_every_setting_is_documented() -> None:
    settings = (ROOT / "luoshi" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r"""environ(?:\.get)?\(\s*["']([A-Z_]+)["']|getenv\(\s*["']([A-Z_]+)["']""", settings))
    read = {a or b for a, b in names} - {"DJANGO_SETTINGS_MODULE"}
    assert read, "no settings found: the pattern no longer matches settings.py"
    for name in read:
        assert f"`{name}`" in PAGES["docs/operator.md"], name
