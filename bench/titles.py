"""Story titles of the development stores (bench/out/devset/NAME.db, built by bench/negotiations.py): prints
each story's id, size, title basis and title, and counts titles that are no headline (a date, dateline, byline
or chrome line) and repeated titles. Titles may be third-party headlines, so they are printed, never saved.

    PYTHONPATH=$PWD/src .venv/bin/python bench/titles.py [NAME...]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from parley.dossier import story_dossier
from parley.present import service
from parley.reconcile.titles import bad_title
from parley.store.db import Store

OUT = Path(__file__).parent / "out" / "devset"


def main(names: list[str]) -> None:
    for name in names or sorted(p.stem for p in OUT.glob("*.db")):
        st = Store(str(OUT / f"{name}.db"))
        try:
            for s in st.stories():
                story_dossier(st, s["id"])
            rows = service.stories(st, limit=1000)
            bad = [r for r in rows if bad_title(r["title"])]
            dup = [t for t, n in Counter(r["title"] for r in rows).items() if n > 1]
            kinds = Counter()
            for r in rows:
                d = story_dossier(st, r["id"])
                kind = (d["stories"][0].get("title_basis") or {}).get("kind", "none")
                kinds[kind] += 1
                print(f"{name}\t{r['id']}\t{r['size']}\t{kind}\t{r['title']}")
            print(f"# {name}: {len(rows)} stories, {len(bad)} bad titles, {len(dup)} repeated, bases {dict(kinds)}")
        finally:
            st.close()


if __name__ == "__main__":
    main(sys.argv[1:])
