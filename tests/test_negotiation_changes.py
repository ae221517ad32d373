"""What changed in a negotiation since the last brief (reconcile/negotiation_briefs.py): fictional reports of
one negotiation ingested in three batches (tests/negotiation_reports.py); after each, the changes listed are
exactly what the batch added, each citing the batch's articles. On both backends; the CLI, API and feed too."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from negotiation_reports import BATCHES, CHANGE, write_batch
from parley.ingestion.run import ingest

# what each batch adds to the ledger, by key (the reports say it: round 1 with a prisoner deal, round 2 with a
# ceasefire proposal and a working group on a ceasefire, then the exchange carried out)
EXPECTED = [
    {"round": {"round:2031-04-10:port-salvo"}, "agreement": {"agr:prisoners:agreed"},
     "position": {"gpe:valdoria|ceasefire", "gpe:valdoria|territory"}},
    # "agreed to set up a working group on a ceasefire": one thing agreed, a working group (negotiation format),
    # not the ceasefire it is to work on
    {"round": {"round:2031-05-20:port-salvo"}, "agreement": {"agr:negotiation-format:agreed"},
     "position": {"org:kestrel|ceasefire"}},
    # the exchange carried out; and Valdoria, which demanded a ceasefire, now accepts one, and has dropped its
    # demand for the troops' withdrawal: a concession (CHANGE)
    {"round": set(), "agreement": {"agr:prisoners:implemented"},
     "position": {"gpe:valdoria|ceasefire", "gpe:valdoria|territory"}},
]


def _talks(store):
    from parley.reconcile.negotiation_dossier import rows

    return max(rows(store), key=lambda n: (n["articles"], n["id"]))["id"]


def test_changes_after_each_batch_are_what_it_added(store, tmp_path):
    from parley.reconcile.negotiation_briefs import briefs, changes

    start, nid = 0, None
    for batch, expected in zip([*BATCHES[:2], BATCHES[2] + CHANGE], EXPECTED, strict=True):
        before = set(store.article_ids())
        assert ingest([str(write_batch(tmp_path, batch, start))], store).ok
        start += len(batch)
        added = set(store.article_ids()) - before
        nid = nid or _talks(store)
        assert _talks(store) == nid  # the negotiation keeps its id as its rounds arrive
        res = changes(store, nid)
        listed = [c for c in res["changes"] if c["change"] != "removed"]
        got = {k: {c["key"].split("|", 1)[1] for c in listed if c["kind"] == k} for k in expected}
        assert got == expected, res["changes"]
        last = start == sum(map(len, BATCHES)) + len(CHANGE)
        for c in listed:  # every change rests on the new batch's articles, and cites them first
            assert c["change"] == ("changed" if last and c["kind"] == "position" else "new"), c
            assert c["evidence"] and c["evidence"][0]["article"] in added, c
        if last:
            moved = next(c for c in listed if c["change"] == "changed" and c["key"].endswith("|ceasefire"))
            assert "acceptance" in moved["text"] and "demand" in moved["was"] and "acceptance" not in moved["was"]
            dropped = next(c for c in listed if c["change"] == "changed" and c["key"].endswith("|territory"))
            assert "concession" in dropped["text"] and "demand" in dropped["was"]
        # what the brief before held and this one does not is listed as removed, with the evidence it had
        kept = briefs(store, nid)
        was, now = (kept[-2]["items"] if len(kept) > 1 else {}), kept[-1]["items"]
        removed = [c for c in res["changes"] if c["change"] == "removed"]
        assert sorted(c["key"] for c in removed) == sorted(set(was) - set(now))
        for c in removed:
            assert c["text"].startswith("no longer") and was[c["key"]]["text"] in c["text"]
            assert c["evidence"] and not {sp["article"] for sp in c["evidence"]} & added, c
        assert (res["base"] is None) == (start == len(BATCHES[0]))
        assert changes(store, nid) == res  # asked again, the same answer: no new brief without news
    assert changes(store, nid, since="2000-01-01")["base"] is None  # no brief that old: everything is new
    assert changes(store, nid, since="2999-01-01")["base"] == changes(store, nid)["base"]


def test_changes_from_the_cli_the_api_and_the_feed(tmp_path):
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from parley.cli import app
    from parley.present.web import create_app
    from parley.store.db import Store

    st = Store(str(tmp_path / "c.db"))
    start = 0
    runner = CliRunner()
    for batch in BATCHES:
        assert ingest([str(write_batch(tmp_path, batch, start))], st).ok
        start += len(batch)
        nid = _talks(st)
        r = runner.invoke(app, ["changes", "--db", st.display, "--negotiation", nid, "--since-last"],
                          catch_exceptions=False)
        assert r.exit_code == 0, r.output
    assert "new agreement: Agreement on prisoners carried out" in r.output
    r = runner.invoke(app, ["changes", "--db", st.display, "--negotiation", nid, "--json"], catch_exceptions=False)
    res = json.loads(r.output)
    assert [c["key"] for c in res["changes"] if c["kind"] == "agreement"] == ["agreement|agr:prisoners:implemented"]
    r = runner.invoke(app, ["changes", "--db", st.display, "--negotiation", nid, "--since", "June 2"])
    assert r.exit_code != 0
    with TestClient(create_app(st)) as client:
        assert client.get(f"/api/negotiations/{nid}/changes").json() == res
        assert client.get(f"/api/negotiations/{nid}/changes", params={"since": "nope"}).status_code == 422
        assert client.get("/api/negotiations/n-nope/changes").status_code == 404
        page = client.get(f"/negotiations/{nid}").text
        top = page.split('id="changes"')[1].split("</section>")[0]
        assert "Since " in top and "prisoners carried out" in top and 'feed.atom' in top
        feed = client.get(f"/negotiations/{nid}/feed.atom")
        assert feed.status_code == 200 and feed.headers["content-type"].startswith("application/atom+xml")
        ns = {"a": "http://www.w3.org/2005/Atom"}
        root = ET.fromstring(feed.content)
        entries = root.findall("a:entry", ns)
        assert len(entries) == 3  # one per brief, newest first
        assert "prisoners carried out" in entries[0].find("a:content", ns).text
        assert entries[-1].find("a:title", ns).text.startswith("First brief")
    st.close()


def test_a_version_kept_twice_by_two_readers_at_once_is_one_brief(store, tmp_path):
    from sqlalchemy import insert

    from parley.reconcile.negotiation_briefs import briefs, changes
    from parley.store import schema

    for i, batch in enumerate(BATCHES[:2]):
        assert ingest([str(write_batch(tmp_path, batch, 10 * i))], store).ok
        nid = _talks(store)
        first = changes(store, nid)
    last = briefs(store, nid)[-1]
    with store.writer() as conn:  # what a second reader racing the first would have written
        conn.execute(insert(schema.negotiation_briefs).values(negotiation_id=nid, version=last["version"],
                                                              created=last["created"], data=json.dumps(last["items"])))
    assert changes(store, nid)["changes"] == first["changes"]


def test_diff_lists_new_changed_removed_and_revised_items_and_follows_a_renamed_entity():
    from parley.reconcile.negotiation_briefs import diff

    def item(kind, value, text, *articles, entities=None):
        out = {"kind": kind, "value": value, "text": text, "sources": sorted(articles),
               "evidence": [{"article": a, "start": 0, "end": 4, "text": "said"} for a in articles]}
        if entities:
            out["entities"] = entities
        return out

    old = {"round|r1": item("round", {"heads": ["person:a-lenk"], "status": "held"}, "Round 1", "a1",
                            entities={"person:a-lenk": ["a. lenk"]}),
           "position|person:a-lenk|ceasefire": item("position", {"stances": ["demand"]}, "Lenk: demand", "a1",
                                                    entities={"person:a-lenk": ["a. lenk"]}),
           "agreement|agr:x:agreed": item("agreement", {"status": "agreed"}, "Deal on x", "a1")}
    new = {"round|r1": item("round", {"heads": ["person:arvid-lenk"], "status": "held"}, "Round 1", "a1", "a2",
                            entities={"person:arvid-lenk": ["a. lenk", "arvid lenk"]}),
           "position|person:arvid-lenk|ceasefire": item("position", {"stances": ["acceptance", "demand"]},
                                                        "Lenk: acceptance, demand", "a1", "a2",
                                                        entities={"person:arvid-lenk": ["arvid lenk", "a. lenk"]}),
           "round|r2": item("round", {"heads": [], "status": "held"}, "Round 2", "a2"),
           "quote|a1|5": item("quote", {"text": "old words"}, "Lenk: old words", "a1")}
    got = {c["key"]: c for c in diff(old, new, had=["a1"])}
    # the head shown under a fuller name is the same head: the round did not change
    assert set(got) == {"position|person:arvid-lenk|ceasefire", "round|r2", "quote|a1|5", "agreement|agr:x:agreed"}
    assert got["position|person:arvid-lenk|ceasefire"]["change"] == "changed"
    assert got["position|person:arvid-lenk|ceasefire"]["evidence"][0]["article"] == "a2"  # what changed it first
    assert got["position|person:arvid-lenk|ceasefire"]["was"] == "Lenk: demand"
    assert got["round|r2"]["change"] == "new"
    assert got["quote|a1|5"]["change"] == "revised"  # found anew in an article the older brief had: not news
    gone = got["agreement|agr:x:agreed"]
    assert gone["change"] == "removed" and gone["text"] == "no longer reported: Deal on x"
    assert gone["evidence"] == old["agreement|agr:x:agreed"]["evidence"]
    assert [c["key"] for c in diff(old, new, had=["a1"])] == [  # by kind, then key; removals after
        "round|r2", "agreement|agr:x:agreed", "position|person:arvid-lenk|ceasefire", "quote|a1|5"]


def test_an_item_the_dossier_gave_another_id_is_the_same_item():
    from parley.reconcile.negotiation_briefs import diff

    def item(kind, value, text, *spans):
        return {"kind": kind, "value": value, "text": text, "sources": sorted({a for a, _ in spans}),
                "evidence": [{"article": a, "start": s, "end": s + 9, "text": "they agreed"} for a, s in spans]}

    old = {"agreement|agr:x:agreed": item("agreement", {"status": "agreed"}, "Deal on x", ("a1", 10)),
           "round|r:2031-04-10:unknown": item("round", {"place": None}, "Round", ("a1", 50))}
    new = {"agreement|agr:x:agreed:p-q": item("agreement", {"status": "agreed"}, "Deal on x", ("a1", 10)),
           "agreement|agr:x:agreed:p-r": item("agreement", {"status": "agreed"}, "Other deal on x", ("a2", 10)),
           "round|r:2031-04-10:port-salvo": item("round", {"place": "Port Salvo"}, "Round in Port Salvo",
                                                 ("a1", 50), ("a2", 70))}
    got = {c["key"]: c["change"] for c in diff(old, new, had=["a1"])}
    # the first deal, now under an id naming its parties, is no news; the round's place became known
    assert got == {"agreement|agr:x:agreed:p-r": "new", "round|r:2031-04-10:port-salvo": "changed"}
