"""Exports: ledger tables as CSV and events as PLOVER-shaped JSON Lines, from the CLI and the API."""

from __future__ import annotations

import csv
import io
import json

import pytest

from parley.errors import InvalidRequest
from parley.present.exports import TABLES, export


def _d():
    span = {"article": "a1", "start": 4, "end": 9, "text": "talks"}
    return {"entities": [{"id": "gpe:arland", "name": "Arland"}, {"id": "gpe:besk", "name": "Besk"}],
            "rounds": [{"id": "round:2024-02-05:corvo", "date": "2024-02-05", "status": "held", "place": "Corvo",
                        "parties": ["gpe:arland", "gpe:besk"], "heads": [], "articles": ["a1"], "evidence": [span]}],
            "positions": [], "agreements": [], "claims": [], "quotes": [],
            "events": [{"id": "ev1", "type": "CONSULT", "mode": None, "actors": ["gpe:arland"], "targets": ["gpe:besk"],
                        "date": "2024-02-05", "place": "Corvo", "issues": [], "modality": None, "negated": False,
                        "quoted": False, "article": "a1", "summary": "Arland met Besk", "evidence": [span]}]}


def test_tables_as_csv_keep_their_evidence():
    rows = list(csv.DictReader(io.StringIO(export(_d(), "rounds", "csv"))))
    assert rows == [{**dict.fromkeys(TABLES["rounds"], ""), "id": "round:2024-02-05:corvo", "date": "2024-02-05",
                     "status": "held", "place": "Corvo", "parties": "gpe:arland;gpe:besk", "articles": "a1",
                     "evidence": "a1:4-9"}]
    assert export(_d(), "quotes", "csv").splitlines() == [",".join(TABLES["quotes"])]


def test_events_as_plover_jsonl():
    (line,) = export(_d(), "events", "jsonl").splitlines()
    ev = json.loads(line)
    assert ev["event_type"] == "CONSULT" and ev["actor"] == [{"id": "gpe:arland", "name": "Arland"}]
    assert ev["recipient"][0]["name"] == "Besk" and ev["event_date"] == "2024-02-05" and ev["evidence"]


def test_bad_requests():
    for table, fmt in (("nothing", "csv"), ("events", "csv"), ("rounds", "jsonl")):
        with pytest.raises(InvalidRequest):
            export(_d(), table, fmt)


def test_cli_and_api(example_store):
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from parley.cli import app
    from parley.present.web import create_app

    sid = example_store.stories()[0]["id"]
    res = CliRunner().invoke(app, ["export", "--db", example_store.display, "--story", sid, "--table", "positions",
                                   "-f", "csv"])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[0] == ",".join(TABLES["positions"])
    client = TestClient(create_app(example_store))
    r = client.get(f"/api/stories/{sid}/export/rounds")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.text.splitlines()[0] == ",".join(TABLES["rounds"])
    r = client.get(f"/api/stories/{sid}/export/events", params={"format": "jsonl"})
    assert r.status_code == 200 and all(json.loads(x)["event_type"] for x in r.text.splitlines())
    assert client.get(f"/api/stories/{sid}/export/events").status_code == 422  # InvalidRequest
