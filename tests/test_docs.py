"""Docs that cannot drift: every command, setting and error code is documented."""

from __future__ import annotations

from parley.cli import app
from parley.config import SETTINGS
from parley.errors import ALL_ERRORS

from conftest import ROOT


def read(name: str) -> str:
    return (ROOT / "docs" / name).read_text(encoding="utf-8")


def test_every_setting_is_documented():
    doc = read("settings.md")
    for s in SETTINGS.values():
        assert f"`{s.env}`" in doc, s.env
        assert s.help.split(":")[0][:30] in doc, s.env


def test_every_command_is_documented():
    doc = read("cli.md")
    for cmd in app.registered_commands:
        name = cmd.name or cmd.callback.__name__
        assert f"`parley {name}" in doc, name


def test_every_error_code_is_documented():
    doc = read("errors.md")
    for err in ALL_ERRORS:
        assert f"`{err.code}`" in doc, err.__name__


def test_readme_opens_with_the_two_commands():
    lines = [x for x in (ROOT / "README.md").read_text().splitlines() if x.strip()]
    block = lines[lines.index("```") + 1: lines.index("```") + 3]
    assert block == ["make demo", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_readme_links_to_existing_docs():
    import re

    readme = (ROOT / "README.md").read_text()
    links = re.findall(r"\]\((docs/[^)]+)\)", readme)
    assert links
    missing = [p for p in links if not (ROOT / p).exists()]
    assert not missing, f"README links to missing docs: {missing}"
