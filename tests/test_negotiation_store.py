"""The negotiation layer in the store (reconcile/negotiation_store.py): the dossier's `negotiations` section on both
backends, incremental placement as articles arrive, and a layer made by other code made anew. Fictional reports."""

from __future__ import annotations

import json

from sqlalchemy import func, select

FISH = [
    ("Harbour Post", "2031-03-02", "Norway and Iceland open talks on mackerel quotas",
     "Norway and Iceland opened talks on mackerel and herring quotas in Bergen on Monday. Norwegian fisheries "
     "minister Ola Brekke said Norway wanted a fair share of the mackerel catch. Iceland's negotiator Anna "
     "Sigurdottir said Iceland would not accept a smaller quota for its fishing fleet."),
    ("North Wire", "2031-03-04", "Quota talks between Norway and Iceland end without a deal",
     "Talks between Norway and Iceland on mackerel quotas ended without a deal on Wednesday, officials said. "
     "Ola Brekke said Norway had offered a larger herring quota to Iceland's fishing fleet in return for a "
     "smaller mackerel catch, but Iceland refused. Anna Sigurdottir said the fishing talks would resume."),
    ("Fjord Daily", "2031-03-25", "Norway and Iceland agree on mackerel quota",
     "Norway and Iceland agreed on the mackerel quota in Reykjavik on Tuesday after a second round of fishing "
     "talks. Anna Sigurdottir said Iceland's fleet would keep its herring catch, and Ola Brekke said Norway "
     "welcomed the quota deal for the mackerel fishery."),
]
RIVER = [
    ("Andes Herald", "2031-03-10", "Chile and Peru argue over a border river dam",
     "Chile and Peru traded accusations over a dam on a border river on Friday. Peru's water minister Luis "
     "Quispe said the dam cut the flow of water to Peruvian farms. Chile's envoy Marta Rojas said the reservoir "
     "followed the water treaty and that irrigation downstream was not affected."),
]


def _ingest(st, tmp_path, reports, start=0):
    from parley.ingestion.run import ingest

    path = tmp_path / f"batch{start}.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"r{start + i}", "outlet": o, "date": d, "title": t, "text": x,
                                          "url": f"https://example.org/{start + i}"})
                              for i, (o, d, t, x) in enumerate(reports)) + "\n", encoding="utf-8")
    assert ingest([str(path)], st).ok


def _by_url(st, d):
    urls = {a["id"]: a["url"] for a in d["articles"]}
    return {n["id"]: sorted(urls[a] for a in n["articles"]) for n in d["negotiations"]}


def test_two_processes_two_negotiations(store, tmp_path):
    from parley.dossier import build, validate

    _ingest(store, tmp_path, FISH + RIVER)
    d = build(store).data
    validate(d)
    groups = _by_url(store, d)
    fish = [f"https://example.org/{i}" for i in range(3)]
    assert fish in groups.values(), groups  # one negotiation holds the three fisheries reports, and only them
    assert ["https://example.org/3"] in groups.values()
    neg = next(n for n in d["negotiations"] if len(n["articles"]) == 3)
    assert neg["parties"] == ["Iceland", "Norway"]
    assert neg["title"] == "Iceland–Norway fisheries talks, 2031"
    assert (neg["first_date"], neg["last_date"]) == ("2031-03-02", "2031-03-25")
    assert sorted(neg["stories"]) == sorted({s["id"] for s in d["stories"] for a in s["articles"]
                                             if a in neg["articles"]})


def test_arrivals_join_their_negotiation_and_nothing_is_duplicated(store, tmp_path):
    from parley.dossier import build
    from parley.store import schema

    _ingest(store, tmp_path, FISH[:2])
    first = build(store).data["negotiations"]
    assert len(first) == 1
    _ingest(store, tmp_path, FISH[2:] + RIVER, start=2)
    after = build(store).data
    fish = next(n for n in after["negotiations"] if len(n["articles"]) == 3)
    assert fish["id"] == first[0]["id"]  # the negotiation keeps its id as its later rounds arrive
    with store.reader() as conn:
        rows = conn.execute(select(func.count()).select_from(schema.negotiation_stories)).scalar_one()
    assert rows == len(after["stories"])  # one row per story: nothing placed twice


def test_a_layer_made_by_other_code_is_made_anew(store, tmp_path):
    from parley.reconcile.negotiation_store import VERSION_KEY, negotiations
    from parley.store import schema

    _ingest(store, tmp_path, FISH + RIVER)
    before = negotiations(store)
    with store.writer() as conn:
        conn.execute(schema.meta.update().where(schema.meta.c.key == VERSION_KEY).values(value="other code"))
        conn.execute(schema.negotiation_stories.update().values(negotiation_id="n-stale"))
    assert negotiations(store) == before
