"""Loads the package data files (lexicons, patterns, ontologies) under parley/data.

Data lives apart from code: each file is TOML with a comment saying where it
came from. Files are read once per process and validated on load, so a bad
edit fails loudly with the file's name.
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any

from .errors import ConfigError


def data_path(name: str):
    return resources.files("parley") / "data" / name


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed contents of ``parley/data/<name>`` (TOML or JSON)."""
    path = data_path(name)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"missing data file {name}", hint="reinstall parley (make setup)") from None
    try:
        return json.loads(raw) if name.endswith(".json") else tomllib.loads(raw)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"data file {name} does not parse: {exc}", hint="fix the file") from None


def compile_rx(name: str, pattern: str, flags: int = re.I) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ConfigError(f"bad pattern in {name}: {pattern!r}: {exc}", hint="fix the file") from None


def word_alternation(words: list[str]) -> str:
    """A regex alternation of ``words`` (longest first), spaces matching any whitespace."""
    parts = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)
