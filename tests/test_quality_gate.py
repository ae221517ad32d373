"""The quality gate: each development negotiation's dossier, scored by the shared scorer, stays at or above the
floors pinned in ``tests/quality_floors.toml`` (and at or below its ceilings for counts that must not grow).

As in trafilatura's evaluation gate, the floors are what main measured when they were pinned, rounded down; a
floor is lowered only by an explicit edit of that file, explained in the commit. The floors are read against the
development set they were measured on (its fingerprint is in the file).
"""

from __future__ import annotations

import tomllib

import pytest

from devset import NAMES, corpus_sha

from conftest import ROOT

FLOORS = ROOT / "tests" / "quality_floors.toml"


def floors() -> dict:
    return tomllib.loads(FLOORS.read_text(encoding="utf-8"))


def test_floors_are_for_this_development_set():
    assert floors()["meta"]["corpus_sha256"] == corpus_sha(), (
        "the development set changed since the floors were pinned: measure again (bench/negotiations.py) and pin "
        "new floors in tests/quality_floors.toml, saying so in the commit")


def test_every_negotiation_has_its_floors():
    assert set(NAMES) <= set(floors()), f"tests/quality_floors.toml lacks a table for {set(NAMES) - set(floors())}"


@pytest.mark.parametrize("name", NAMES)
def test_development_negotiation_meets_its_floors(devset_scores, name):
    got = devset_scores[name]
    limits = {**floors().get("all", {}), **floors()[name]}
    below = []
    for key, limit in sorted(limits.items()):
        metric, kind = (key[4:], "max") if key.startswith("max_") else (key, "min")
        assert metric in got, f"the scorer has no metric {metric!r} (tests/quality_floors.toml, [{name}])"
        value = got[metric]["value"]
        if (kind == "min" and value < limit - 1e-9) or (kind == "max" and value > limit + 1e-9):
            below.append(f"{metric} = {value:.3f} ({'floor' if kind == 'min' else 'ceiling'} {limit}): "
                         f"{got[metric]['detail'][:160]}")
    assert not below, f"{name}: " + "; ".join(below)


def test_evidence_reads_its_text_in_every_development_dossier(devset_dossiers):
    """The invariant, on real full-length text: every span of every dossier reads exactly the text it claims."""
    from parley.model import iter_spans

    for name, d in devset_dossiers.items():
        texts = {a["id"]: a["text"] for a in d["articles"]}
        bad = [s for k, v in d.items() if k != "articles" for s in iter_spans(v)
               if texts.get(s["article"], "")[s["start"]:s["end"]] != s["text"]]
        assert not bad, f"{name}: {len(bad)} spans do not read their text, e.g. {bad[:2]}"
