"""The dossier of one negotiation (reconcile/negotiation_dossier.py), `parley dossier --negotiation` and
`parley negotiations`, on both backends. Fictional reports (tests/negotiation_reports.py)."""

from __future__ import annotations

import json

import pytest

from negotiation_reports import BATCHES, ingest_batches, talks_negotiation, write_batch


@pytest.fixture
def talks(store, tmp_path):
    ingest_batches(store, tmp_path)
    return store


def test_the_dossier_of_a_negotiation_holds_its_articles_and_its_entry(talks):
    from parley.dossier import build, negotiation_dossier, validate

    whole = build(talks).data
    neg = talks_negotiation(whole)
    d = build(talks, negotiation=neg["id"]).data
    validate(d)
    assert sorted(a["id"] for a in d["articles"]) == sorted(neg["articles"])
    assert {k: v for k, v in d["negotiation"].items() if k != "version"} == neg
    assert d["negotiations"] == [neg]  # its own entry, and no other negotiation
    assert sorted(s["id"] for s in d["stories"]) == sorted(neg["stories"])
    dates = [r["date"] for r in d["rounds"] if r["status"] == "held"]
    assert dates == sorted(dates) and {"2031-04-10", "2031-05-20"} <= set(dates)
    assert not any("Chile" in p["party_name"] for p in d["positions"])  # the distractor stays out
    again = negotiation_dossier(talks, neg["id"])  # from the cache, the same
    assert json.dumps(again, sort_keys=True) == json.dumps(negotiation_dossier(talks, neg["id"], refresh=True),
                                                           sort_keys=True)


def test_its_version_changes_when_an_article_joins(store, tmp_path):
    from parley.dossier import build, negotiation_dossier, negotiation_version
    from parley.ingestion.run import ingest

    ingest_batches(store, tmp_path, BATCHES[:2])
    nid = talks_negotiation(build(store).data)["id"]
    v1 = negotiation_version(store, nid)
    n1 = len(negotiation_dossier(store, nid)["articles"])
    assert ingest([str(write_batch(tmp_path, BATCHES[2], 10))], store).ok
    assert negotiation_version(store, nid) != v1
    assert len(negotiation_dossier(store, nid)["articles"]) == n1 + 1


def test_unknown_negotiation_is_not_found_with_a_hint(talks):
    from parley.dossier import negotiation_dossier
    from parley.errors import NotFound

    with pytest.raises(NotFound) as exc:
        negotiation_dossier(talks, "n-nope")
    assert "parley negotiations" in exc.value.hint


def test_cli_negotiations_and_dossier_of_one(tmp_path, capsys):
    from typer.testing import CliRunner

    from parley.cli import app, main
    from parley.dossier import validate
    from parley.store.db import Store

    db = str(tmp_path / "cli.db")
    st = Store(db)
    ingest_batches(st, tmp_path)
    st.close()
    runner = CliRunner()
    r = runner.invoke(app, ["negotiations", "--db", db, "--format", "json"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    top = max(rows, key=lambda n: n["articles"])
    assert top["articles"] == 5 and set(top) == {"id", "title", "parties", "stories", "articles", "first_date",
                                                 "last_date"}
    r = runner.invoke(app, ["negotiations", "--db", db], catch_exceptions=False)
    assert r.exit_code == 0 and r.output.startswith("Negotiations in ") and "n-s-" in r.output  # folded to fit
    r = runner.invoke(app, ["dossier", "--db", db, "--negotiation", top["id"]], catch_exceptions=False)
    d = json.loads(r.output)
    validate(d)
    assert d["negotiation"]["id"] == top["id"] and len(d["articles"]) == 5
    r = runner.invoke(app, ["dossier", "--db", db, "--negotiation", top["id"], "-f", "md"], catch_exceptions=False)
    assert r.output.startswith(f"# Dossier: {top['title']}") and "## Stories" in r.output
    r = runner.invoke(app, ["dossier", "--db", db, "--negotiation", top["id"], "-f", "html"], catch_exceptions=False)
    assert top["title"] in r.output and "<script" not in r.output
    with pytest.raises(SystemExit) as exc:
        main(["dossier", "--db", db, "--negotiation", "n-nope"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1 and "parley negotiations" in err
