"""The dossier of one negotiation (reconcile/negotiation_dossier.py), `parley dossier --negotiation` and
`parley negotiations`, on both backends. Fictional reports (tests/negotiation_reports.py)."""

from __future__ import annotations

import json
import re

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
    # its timeline: one mark per round, each linked to the cited sentence in the file's own sources
    chart = r.output.split('id="chart-timeline"')[1].split("</svg>")[0]
    rounds = chart.split('rounds_marks"')[1].split("</g>")[0]
    links = re.findall(r'<a xlink:href="#(c-[0-9a-f]{8}-\d+-\d+)"', rounds)
    assert len(links) == 2 and all(f'id="{a}"' in r.output for a in links), links
    assert "<title>2031-04-10: Round 1 in Port Salvo (" in rounds  # what a mark is, when pointed at
    with pytest.raises(SystemExit) as exc:
        main(["dossier", "--db", db, "--negotiation", "n-nope"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1 and "parley negotiations" in err


def test_api_and_pages_of_a_negotiation(talks):
    from fastapi.testclient import TestClient

    from parley.dossier import validate
    from parley.present.web import create_app

    with TestClient(create_app(talks)) as client:
        listed = client.get("/api/negotiations").json()
        top = max(listed, key=lambda n: n["articles"])
        assert top["articles"] == 5 and [n["first_date"] for n in listed] == sorted(n["first_date"] for n in listed)
        r = client.get(f"/api/negotiations/{top['id']}")
        assert r.status_code == 200
        d = r.json()
        validate(d)
        assert d["negotiation"]["id"] == top["id"]
        r = client.get("/api/negotiations/n-nope")
        assert r.status_code == 404 and "parley negotiations" in r.json()["error"]["hint"]
        page = client.get("/negotiations").text
        assert f'href="/negotiations/{top["id"]}"' in page and "Chile" in page
        html = client.get(f"/negotiations/{top['id']}").text
        for s in d["stories"]:
            assert f'href="/story/{s["id"]}"' in html  # its stories, linked to their pages
        assert html.index("Round 1: 2031-04-10") < html.index("Round 2: 2031-05-20")
        party = html.split('id="party-positions"')[1].split("</section>")[0]
        assert '<td class="change">held</td>' in party  # a demand made again at the second round held
        assert "implemented" in html.split('id="agreement-status"')[1].split("</section>")[0]
        assert client.get(f"/negotiations/{top['id']}").text == html  # served again from what was rendered
        assert client.get("/negotiations/n-nope").status_code == 404


def test_positions_round_by_round_say_what_held(talks):
    from parley.dossier import negotiation_dossier
    from parley.present.views import agreements_over_time, positions_by_party
    from parley.reconcile.negotiation_dossier import rows

    nid = max(rows(talks), key=lambda n: n["articles"])["id"]
    d = negotiation_dossier(talks, nid)
    valdoria = next(p for p in positions_by_party(d) if p["name"] == "Valdoria")
    territory = [(x["round"], x["stance"], x["change"]) for x in valdoria["positions"] if x["issue"] == "territory"]
    assert territory == [(1, "demand", "new"), (2, "demand", "held")]
    prisoners = next(a for a in agreements_over_time(d) if a["issue"] == "prisoners")
    assert [s["status"] for s in prisoners["steps"]] == ["agreed", "implemented"] and prisoners["status"] == "implemented"


def test_exports_of_a_negotiation_from_the_cli_and_the_api(talks, tmp_path):
    import csv
    import io

    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from parley.cli import app
    from parley.present.exports import TABLES
    from parley.present.web import create_app
    from parley.reconcile.negotiation_dossier import rows

    nid = max(rows(talks), key=lambda n: n["articles"])["id"]
    res = CliRunner().invoke(app, ["export", "--db", talks.display, "--negotiation", nid, "rounds"])
    assert res.exit_code == 0, res.output
    got = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["date"] for r in got if r["status"] == "held"] == ["2031-04-10", "2031-05-20"]  # both rounds, two stories' worth
    assert all(r["evidence"] for r in got)
    out = tmp_path / "ev.jsonl"
    res = CliRunner().invoke(app, ["export", "--db", talks.display, "--negotiation", nid, "--table", "events",
                                   "-o", str(out)])
    assert res.exit_code == 0, res.output
    events = [json.loads(x) for x in out.read_text().splitlines()]
    assert events and all(e["event_type"] and e["evidence"] for e in events)
    with TestClient(create_app(talks)) as client:
        r = client.get(f"/api/negotiations/{nid}/export/agreements")
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
        assert r.text.splitlines()[0] == ",".join(TABLES["agreements"])
        assert {"agreed", "implemented"} <= {x["status"] for x in csv.DictReader(io.StringIO(r.text))}
        r = client.get(f"/api/negotiations/{nid}/export/events", params={"format": "jsonl"})
        assert r.status_code == 200 and r.text.count("\n") == len(events)
        assert client.get(f"/api/negotiations/{nid}/export/nothing").status_code == 422
        assert client.get("/api/negotiations/n-nope/export/rounds").status_code == 404
