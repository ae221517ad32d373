"""The example corpus written for this project, checked against examples/expected.json."""

from __future__ import annotations

import json

from conftest import ROOT


def expected() -> dict:
    return json.loads((ROOT / "examples" / "expected.json").read_text(encoding="utf-8"))


def _by_file(store) -> dict:
    out = {}
    for art in store.iter_articles():
        for loc in store.locators(art.id):
            out[loc.split("/")[-1]] = art
    return out


def test_articles_match_expected(example_store):
    arts = _by_file(example_store)
    exp = expected()["articles"]
    assert set(exp) == set(arts), set(exp) ^ set(arts)
    for name, e in exp.items():
        a = arts[name]
        assert a.title == e["title"], name
        assert a.published.date == e["date"], name
        assert a.published.source == e["date_source"], name
        assert sorted(c.date for c in a.published.conflicts) == sorted(e.get("conflicts", [])), name
        assert a.outlet == e["outlet"], name
        assert a.kind == e["kind"], name
        assert sorted(a.authors) == sorted(e.get("authors", [])), name
        for reason in e.get("removed", []):
            assert reason in [r.reason for r in a.removed], (name, reason)
        if "duplicate_of" in e:
            assert a.duplicate_of == arts[e["duplicate_of"]].id, name
        else:
            assert a.duplicate_of is None, name
