"""bench/review.py, the judged reviews: what it stores (references, no article text), how verdicts are checked,
kept and dropped, and the figures it prints."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def review(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("review", ROOT / "bench" / "review.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    monkeypatch.setattr(mod, "OUT", tmp_path)
    pool = [{"id": f"korea/r{i}", "fp": f"fp{i}", "show": {"item": {"date": f"day {i}"},
                                                          "evidence": [{"text": f"The talks of day {i}."}]}}
            for i in range(5)]
    monkeypatch.setattr(mod, "population", lambda kind: pool)
    mod.pool = pool
    return mod


def test_sample_stores_references_and_verdicts_only(review, tmp_path):
    review.sample("rounds", 3, 1)
    data = json.loads((tmp_path / "rounds.json").read_text())
    assert len(data["items"]) == 3 and data["population"] == 5
    assert all(set(r) == {"id", "fp", "verdict", "note"} for r in data["items"])
    assert "talks" not in (tmp_path / "rounds.json").read_text()  # no text of the sources


def test_judge_checks_values_and_redraw_keeps_or_drops(review, tmp_path, capsys):
    review.sample("rounds", 5, 1)
    assert review.judge("rounds", "korea/r1", ["verdict=correct", "note=date right"]) == 0
    assert review.judge("rounds", "korea/r2", ["verdict=maybe"]) == 2
    assert "not a judgement of rounds" in capsys.readouterr().err
    assert review.judge("rounds", "korea/r9", ["verdict=wrong"]) == 2
    review.judge("rounds", "korea/r2", ["verdict=wrong"])
    review.pool[2]["fp"] = "changed"  # Parley now asserts something else for r2: its verdict goes
    review.sample("rounds", 5, 1)
    rows = {r["id"]: r for r in json.loads((tmp_path / "rounds.json").read_text())["items"]}
    assert rows["korea/r1"]["verdict"] == "correct" and rows["korea/r1"]["note"] == "date right"
    assert rows["korea/r2"]["verdict"] is None
    review.score(["rounds"], tmp_path)
    out = capsys.readouterr().out
    assert "judged precision 1.000 (1/1)" in out and "korea     1.000 (1/1)" in out


def test_stored_reviews_hold_no_source_text():
    """The recorded samples in the repository are references: ids, fingerprints, verdicts, short notes."""
    for path in sorted((ROOT / "bench" / "reviews").rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for row in data["items"]:
            assert set(row) <= {"id", "fp", "verdict", "named", "attribution", "found", "note"}, path
            assert len(row.get("note") or "") < 200, (path, row["id"])
