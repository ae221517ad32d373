"""Markdown for the analytic sections of a dossier (each present only if its stage ran)."""

from __future__ import annotations

from typing import Any


def markdown_sections(d: dict[str, Any]) -> list[str]:
    return []
