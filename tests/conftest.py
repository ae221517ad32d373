"""Shared fixtures. ``../shared`` (seeds, gold, datasets) sits beside the checkout, in CI too."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PARLEY_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"
EXAMPLES = ROOT / "examples" / "corpus"
DATA = Path(__file__).parent / "data"


@cache
def gold() -> dict:
    if not GOLD.exists():  # never skip silently: the shared material is part of CI
        raise FileNotFoundError(f"{GOLD} is missing; CI must have ../shared beside the checkout")
    return json.loads(GOLD.read_text(encoding="utf-8"))


@cache
def seed_files() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    assert len(files) == 5, f"expected 5 seeds in {SEEDS}"
    return files


@pytest.fixture
def store(tmp_path):
    from parley.store.db import Store

    st = Store(str(tmp_path / "test.db"))
    yield st
    st.close()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    """The five seeds, ingested and analysed once per session (read-only for tests)."""
    from parley.ingestion.run import ingest
    from parley.store.db import Store

    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    st = Store(str(path))
    report = ingest([str(SEEDS)], st)
    assert report.ok, report.summary()
    yield st
    st.close()


@pytest.fixture(scope="session")
def example_store(tmp_path_factory):
    from parley.ingestion.run import ingest
    from parley.store.db import Store

    path = tmp_path_factory.mktemp("examples") / "examples.db"
    st = Store(str(path))
    report = ingest([str(EXAMPLES)], st)
    assert report.ok, report.summary()
    yield st
    st.close()


def seed_article(st, name: str):
    """The stored article read from the seed file ``name`` (prefix match, e.g. '002')."""
    for art in st.iter_articles():
        if art.path and os.path.basename(art.path).startswith(name):
            return art
    raise KeyError(name)
