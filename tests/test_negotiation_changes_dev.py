"""What changed, on real coverage: the smallest negotiation of the development set
(``../shared/data/negotiations-dev/``, read directly) ingested in date order in three batches. After each
batch, the changes listed are what the batch added: every item listed as new rests on the new batch's
articles, and every item of the brief whose evidence lies only in the new batch is listed. Removals cite
only what the older brief held."""

from __future__ import annotations

import json

import pytest

from conftest import SHARED

DEV = SHARED / "data" / "negotiations-dev"


def _records(folder):
    return [json.loads(line) for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _smallest():
    """The development negotiation with the least text among those whose articles all carry a date."""
    if not DEV.exists():  # never skip silently: the shared material is part of CI
        raise FileNotFoundError(f"{DEV} is missing; CI must have ../shared beside the checkout")
    best = None
    for folder in sorted(p for p in DEV.iterdir() if (p / "articles.jsonl").exists()):
        recs = _records(folder)
        if not recs or any(not r.get("date") for r in recs):
            continue
        size = sum(len(r["text"]) for r in recs)
        if best is None or size < best[0]:
            best = (size, folder.name, recs)
    assert best, f"no development negotiation with dated articles in {DEV}"
    return best[2]


def _batches(recs, n=3):
    recs = sorted(recs, key=lambda r: (r["date"], r["id"]))
    cut = [round(i * len(recs) / n) for i in range(n + 1)]
    return [recs[cut[i]:cut[i + 1]] for i in range(n)]


@pytest.mark.slow
def test_changes_after_each_batch_of_a_real_negotiation_are_what_it_added(tmp_path):
    from parley.ingestion.run import ingest
    from parley.reconcile.negotiation_briefs import briefs, changes
    from parley.reconcile.negotiation_dossier import rows
    from parley.store.db import Store

    st = Store(str(tmp_path / "dev.db"))
    nid = None
    for i, batch in enumerate(_batches(_smallest())):
        path = tmp_path / f"batch{i}.jsonl"
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in batch) + "\n", encoding="utf-8")
        before = set(st.article_ids())
        assert ingest([str(path)], st).ok
        added = set(st.article_ids()) - before
        assert added
        # the negotiation followed: the one with most articles (its id is kept as it grows)
        nid = max(rows(st), key=lambda n: (n["articles"], n["id"]))["id"]
        res = changes(st, nid)
        kept = briefs(st, nid)
        current = kept[-1]["items"]
        old = kept[-2]["items"] if len(kept) > 1 and res["base"] is not None else {}
        listed = {c["key"]: c for c in res["changes"]}
        for key, c in listed.items():
            assert c["evidence"], c
            cited = {sp["article"] for sp in c["evidence"]}
            if c["change"] == "new" and c["kind"] == "claim":
                assert cited & added, c  # contested or corroborated now: it cites what made it so first
            elif c["change"] == "new":
                assert set(c["sources"]) <= added, c  # a new item rests on the new batch alone
            elif c["change"] == "revised":
                assert not set(c["sources"]) & added, c  # found anew in older articles: not news
            elif c["change"] == "changed":
                assert cited & added, (c, old.get(key))  # a changed item cites what in the new batch changed it
            else:
                assert c["change"] == "removed" and key in old and key not in current, c
                assert not cited & added and set(c["sources"]) == set(old[key]["sources"]), c  # what it had
        for key, item in current.items():
            if set(item["sources"]) <= added:
                assert key in listed, (key, item)  # everything resting only on the new batch is listed
        assert changes(st, nid) == res  # asked again: the same answer
    st.close()
