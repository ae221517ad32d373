"""The command line: a thin layer that parses, calls one library function, prints.

Errors from the library arrive as ``ParleyError``s and leave as one line on
stderr with a non-zero exit code (1: some inputs failed, 2: nothing could be done).
"""

from __future__ import annotations

import json
import os
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from .errors import ParleyError

app = typer.Typer(
    name="parley",
    help="Turn news coverage of a negotiation into a source-attributed dossier.\n\n"
         "Start with:  parley ingest examples/corpus  then  parley dossier --format md",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOpt = Annotated[str | None, typer.Option("--db", help="Store: SQLite file or postgresql:// URL [env: PARLEY_DB; default ./parley.db]",
                                           show_default=False)]


def _store(db: str | None):
    from .store.db import Store

    return Store(db)


def _progress(console: Console):
    """A Rich progress bar fed by the library's progress callback."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=console, transient=True)
    tasks: dict[str, Any] = {}

    def update(kind: str, n: int, total: int | None) -> None:
        if kind not in tasks:
            tasks[kind] = bar.add_task({"read": "reading", "analyse": "analysing"}.get(kind, kind), total=total)
        bar.update(tasks[kind], completed=n, total=total)

    return bar, update


# ----------------------------------------------------------------------------- ingest

@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive), globs, URLs (with --fetch), or - for stdin.")],
    db: DbOpt = None,
    fetch: Annotated[bool, typer.Option("--fetch", help="Download http(s) URLs given as paths.")] = False,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="With --fetch: allow private, loopback and link-local addresses.")] = False,
    max_bytes: Annotated[int | None, typer.Option("--max-bytes", help="Largest input accepted [env: PARLEY_MAX_BYTES; default 50 MB].", show_default=False)] = None,
    analyze: Annotated[bool, typer.Option("--analyze/--no-analyze", help="Run the per-article analysis after storing.")] = True,
    workers: Annotated[int | None, typer.Option("--workers", help="Analyse on a local Dask cluster with N worker processes.", show_default=False)] = None,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Analyse on an existing Dask cluster (tcp://HOST:PORT).", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary and errors.")] = False,
) -> None:
    """Read articles into the store: clean, date, dedupe, analyse.

    [bold]Examples[/bold]

      parley ingest examples/corpus
      parley ingest 'feeds/*.xml' --db news.db
      cat story.txt | parley ingest -
      parley ingest https://example.org/story.html --fetch
    """
    from .ingestion.run import ingest as run_ingest

    bar, update = _progress(err)
    with bar:
        report = run_ingest(paths, db, fetch=fetch, allow_private=allow_private, max_bytes=max_bytes,
                            analyze=analyze, workers=workers, scheduler=scheduler,
                            progress=None if quiet else update)
    for s in report.skipped:
        err.print(f"[yellow]skipped[/yellow] {s.line()}", markup=True)
    for aid, reason in report.analysis_failed:
        err.print(f"[yellow]analysis failed[/yellow] {aid}: {reason}", markup=True)
    if not quiet:
        for a in report.added:
            note = "" if a.status == "new" else f"  ({a.status} of {a.duplicate_of})"
            out.print(f"{a.article_id}  {a.locator}{note}")
    out.print(f"{report.summary()} → {report.store}")
    if not report.ok:
        raise typer.Exit(1)


# ----------------------------------------------------------------------------- articles, show

@app.command()
def articles(
    db: DbOpt = None,
    limit: Annotated[int, typer.Option(help="How many rows.")] = 50,
    offset: Annotated[int, typer.Option(help="Skip this many rows.")] = 0,
    story: Annotated[str | None, typer.Option(help="Only the articles of this story.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines instead of a table.")] = False,
) -> None:
    """List stored articles in ingest order.

      parley articles --limit 20
    """
    st = _store(db)
    rows = st.article_rows(limit=limit, offset=offset, story=story)
    total = st.count_articles()
    if as_json:
        for r in rows:
            out.print(json.dumps(r, ensure_ascii=False), markup=False)
        return
    t = Table(title=f"{total} articles in {st.display}", show_lines=False)
    for col in ("id", "date", "src", "outlet", "kind", "title", "dup of"):
        t.add_column(col, overflow="fold" if col == "title" else "ellipsis")
    for r in rows:
        t.add_row(r["id"], r["published_date"] or "—", r["published_source"] or "", r["outlet"] or "—",
                  r["kind"] or "", (r["title"] or "(untitled)")[:90], r["duplicate_of"] or "")
    out.print(t)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (a unique prefix is enough).")],
    db: DbOpt = None,
    text: Annotated[bool, typer.Option("--text/--no-text", help="Print the clean text.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the article's dossier entry as JSON.")] = False,
) -> None:
    """Show one article: metadata with provenance, what was removed, the clean text.

      parley show 20d0a7a3
    """
    from .dossier import article_entry

    st = _store(db)
    art = st.get_article(article_id)
    entry = article_entry(art)
    entry["sources"] = st.locators(art.id)
    if as_json:
        entry["text"] = art.text
        out.print(json.dumps(entry, ensure_ascii=False, indent=2), markup=False)
        return
    out.print(f"[bold]{art.title or '(untitled)'}[/bold]", markup=True)
    pub = art.published
    rows = [
        ("id", art.id),
        ("outlet", f"{art.outlet or '—'}" + (f"  [from {art.outlet_source}]" if art.outlet_source else "")),
        ("authors", ", ".join(art.authors) or "—"),
        ("published", f"{pub.date or '—'}  [{pub.source}{', estimated' if pub.estimated else ''}] {pub.basis}"),
    ]
    rows += [("  conflict", f"{c.date}  [{c.source}] '{c.text}' {c.note}") for c in pub.conflicts]
    if art.dateline:
        rows.append(("dateline", art.dateline.text))
    rows += [("kind", f"{art.kind}  ({'; '.join(art.kind_cues)})"),
             ("duplicate of", art.duplicate_of or "—"), ("sources", "; ".join(entry["sources"]))]
    for k, v in rows:
        out.print(f"{k:>13}  {v}", markup=False)
    if art.removed:
        out.print(f"{'removed':>13}", markup=False)
        for r in art.removed:
            out.print(f"{'':>13}  line {r.line}: {r.reason}: {r.text[:100]}", markup=False)
    if text:
        out.print()
        out.print(art.text, markup=False)


# ----------------------------------------------------------------------------- dossier

@app.command()
def dossier(
    paths: Annotated[list[str] | None, typer.Argument(help="Files or folders to read into a temporary store (omit to use --db).", show_default=False)] = None,
    db: DbOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json, md or html.")] = "json",
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.", show_default=False)] = None,
    story: Annotated[str | None, typer.Option(help="Only this story.")] = None,
    negotiation: Annotated[str | None, typer.Option(help="Only this negotiation (parley negotiations lists them).",
                                                    show_default=False)] = None,
) -> None:
    """Build the dossier of a store, a story, a negotiation, or files read on the fly.

      parley dossier --format md
      parley dossier --negotiation n-s-1a2b3c4d5e6f7a8b --format md
      parley dossier examples/corpus --format html -o dossier.html
    """
    from .dossier import FORMATS
    from .dossier import dossier as build

    if fmt not in FORMATS:
        raise ParleyError(f"unknown format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    if story and negotiation:
        raise ParleyError("--story and --negotiation both given", hint="give one of them")
    d = build(paths or None, db=db, story=story, negotiation=negotiation)
    if output:
        d.save(output, fmt)
        err.print(f"dossier ({fmt}) written to {os.path.abspath(output)}")
    else:
        sys.stdout.write(d.render(fmt) + "\n")


# ----------------------------------------------------------------------------- the ledger and its views

def _dossier(db: str | None, story: str | None = None, whole: bool = False):
    """The dossier a view shows: ``--story``, else with ``--all`` the whole store, else the store's one story,
    or its largest (said on stderr, with how to pick another)."""
    from .dossier import build

    st = _store(db)
    try:
        if story is None and not whole:
            st.assign_stories()
            stories = st.stories()
            if stories:
                story = stories[0]["id"]
                if len(stories) > 1:
                    err.print(f"story {story} ({stories[0]['size']} articles: {stories[0]['title'] or 'untitled'}), "
                              f"the largest of {len(stories)}; --story ID for another (parley stories), --all for "
                              f"the whole store", markup=False)
        return build(st, story=story).data
    finally:
        st.close()


StoryOpt = Annotated[str | None, typer.Option("--story", help="This story [default: the largest].", show_default=False)]
AllOpt = Annotated[bool, typer.Option("--all", help="The whole store, every story at once.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the section as JSON.")]


@app.command()
def ledger(db: DbOpt = None, story: StoryOpt = None, whole: AllOpt = False,
           as_json: Annotated[bool, typer.Option("--json", help="Print the positions and agreements as JSON.")] = False) -> None:
    """The negotiation ledger: who demands, offers, rejects what (party x issue), and what was agreed.

      parley ledger
      parley ledger --json | jq '.positions[] | select(.stance=="demand")'
    """
    from .present.views import matrix

    d = _dossier(db, story, whole)
    if as_json:
        out.print(json.dumps({"parties": d["parties"], "positions": d["positions"], "agreements": d["agreements"]},
                             ensure_ascii=False, indent=2), markup=False)
        return
    m = matrix(d)
    t = Table(title="Positions (party × issue); cells: stance ×statements (outlets)", show_lines=True)
    t.add_column("party", style="bold")
    for issue in m["issues"]:
        t.add_column(issue, overflow="fold")
    for p in m["parties"]:
        row = [p["name"] + (" ★" if p["main"] else "")]
        for issue in m["issues"]:
            cell = m["cells"].get(f"{p['id']}|{issue}", [])
            row.append("\n".join(f"{c['stance']} ×{len(c['evidence'])} ({len(c['outlets'])})" for c in cell))
        t.add_row(*row)
    out.print(t)
    nm = {e["id"]: e["name"] for e in d["entities"]}
    a = Table(title="Agreements", show_lines=True)
    for col in ("status", "issue", "parties", "date", "outlets", "what"):
        a.add_column(col, overflow="fold")
    for ag in d["agreements"]:
        a.add_row(ag["status"], ag["issue"], ", ".join(nm.get(p, p) for p in ag["parties"]), ag["date"] or "—",
                  str(len(ag["outlets"])), ag["content"][:160])
    out.print(a)


@app.command()
def timeline(db: DbOpt = None, story: StoryOpt = None, whole: AllOpt = False, as_json: JsonOpt = False) -> None:
    """What happened when, in the order it happened (reported dates beside; ~ estimated, planned last).

      parley timeline
    """
    d = _dossier(db, story, whole)
    if as_json:
        out.print(json.dumps(d["timeline"], ensure_ascii=False, indent=2), markup=False)
        return
    t = Table(title="Timeline", show_lines=False)
    for col in ("date", "what", "reported", "kind"):
        t.add_column(col, overflow="fold")
    for e in d["timeline"]:
        date = (e["date"] or "undated") + (" ~" if e["approximate"] else "")
        kind = e["kind"] + (" (planned)" if e["planned"] else "")
        t.add_row(date, e["summary"][:140], ", ".join(e["reported"]), kind)
    out.print(t)


@app.command()
def rounds(db: DbOpt = None, story: StoryOpt = None, whole: AllOpt = False, as_json: JsonOpt = False) -> None:
    """Rounds of talks: date, place and venue, duration by source, delegation heads, hosts and mediators.

      parley rounds
    """
    from .present.views import rounds as view

    d = _dossier(db, story, whole)
    if as_json:
        out.print(json.dumps(d["rounds"], ensure_ascii=False, indent=2), markup=False)
        return
    for r in view(d):
        out.print(f"[bold]{r['date']}[/bold]  {r['where']}" + (f", {r['venue']}" if r["venue"] and r["venue"] != r["where"] else "")
                  + (f"  ({r['status_label']})" if r["status_label"] else ""), markup=True)
        out.print(f"  heads: {', '.join(r['head_names']) or '—'}   hosts/mediators: {', '.join(r['mediator_names']) or '—'}",
                  markup=False)
        for du in r["duration"]:
            out.print(f"  duration: {du['text']} ({du['value']}) — {du['article'][:8]}", markup=False)
        out.print(f"  sources: {len(r['articles'])} articles", markup=False)


@app.command()
def entities(db: DbOpt = None, story: StoryOpt = None, whole: AllOpt = False, as_json: JsonOpt = False,
             kind: Annotated[str | None, typer.Option("--type", help="PERSON, GPE, ORG, ...", show_default=False)] = None,
             limit: Annotated[int, typer.Option(help="How many rows.")] = 40) -> None:
    """People, states and organizations, merged across articles, with their roles and name variants.

      parley entities --type PERSON
    """
    d = _dossier(db, story, whole)
    if as_json:
        out.print(json.dumps([e for e in d["entities"] if not kind or e["type"] == kind.upper()], ensure_ascii=False, indent=2), markup=False)
        return
    t = Table(title="Entities")
    for col in ("id", "name", "type", "side", "mentions", "articles", "also written", "roles"):
        t.add_column(col, overflow="fold")
    for e in [e for e in d["entities"] if not kind or e["type"] == kind.upper()][:limit]:
        t.add_row(e["id"], e["name"], e["type"], e.get("affiliation") or "", str(e["mentions"]), str(len(e["articles"])),
                  ", ".join(e["aliases"][:4]), "; ".join(r["title"] for r in e["roles"][:3]))
    out.print(t)


@app.command()
def quotes(db: DbOpt = None, story: StoryOpt = None, whole: AllOpt = False, as_json: JsonOpt = False,
           speaker: Annotated[str | None, typer.Option(help="Only quotes by speakers whose name contains this.")] = None) -> None:
    """Who said what: direct and reported quotes, by speaker, each with its article and offsets.

      parley quotes --speaker Marren
    """
    from .present.views import quotes_by_speaker

    d = _dossier(db, story, whole)
    if as_json:
        out.print(json.dumps([q for q in d["quotes"] if not speaker or speaker.lower() in (q["speaker_name"] or "").lower()], ensure_ascii=False, indent=2), markup=False)
        return
    for name, qs in quotes_by_speaker(d):
        if speaker and speaker.lower() not in name.lower():
            continue
        out.print(f"[bold]{name}[/bold] ({len(qs)})", markup=True)
        for q in qs:
            ev = q["evidence"][0]
            mark = "“”" if q["kind"] == "direct" else "~"
            out.print(f"  {mark[0]}{q['text'][:160]}{mark[-1]}  [{ev['article'][:8]}:{ev['start']}]", markup=False)


@app.command()
def claims(db: DbOpt = None, story: StoryOpt = None, whole: AllOpt = False,
           contested: Annotated[bool, typer.Option("--contested", help="Only claims the outlets disagree on.")] = False,
           kind: Annotated[str | None, typer.Option("--kind", help="number, duration, date, round, head, agreement, "
                                                    "attribution", show_default=False)] = None,
           as_json: Annotated[bool, typer.Option("--json", help="Print the claims as JSON.")] = False) -> None:
    """Claims checked across outlets: corroborated (independent sources), single-source, or contested.

    Contested claims list every value side by side, with its outlet and the sentence it comes from.

      parley claims --contested
      parley claims --json | jq '.[] | select(.independent_sources >= 3) | .statement'
    """
    d = _dossier(db, story, whole)
    rows = [c for c in d["claims"] if (not contested or c["status"] == "contested") and (not kind or c["kind"] == kind)]
    if as_json:
        out.print(json.dumps(rows, ensure_ascii=False, indent=2), markup=False)
        return
    outlet = {a["id"]: a["outlet"] or a["id"][:8] for a in d["articles"]}
    style = {"contested": "bold red", "corroborated": "green", "single-source": "yellow"}
    if not rows:
        out.print("no contested claims" if contested else "no claims", markup=False)
    for c in rows:
        via = f"  via {', '.join(c['primary_sources'])}" if c["primary_sources"] else ""
        out.print(f"[{style[c['status']]}]{c['status']}[/] ×{c['independent_sources']} {c['kind']}{via}", markup=True)
        out.print(f"  {c['statement']}", markup=False)
        if c["status"] == "contested":
            if c.get("values"):
                for v in c["values"]:
                    out.print(f"    value {v['text']!r}: {len(v['articles'])} article(s), "
                              f"{v['independent_sources']} independent", markup=False)
            for sp in c["support"]:
                out.print(f"    + {outlet.get(sp['article'], sp['article'])}: {sp['text'][:150]}", markup=False)
            for x in c["contradict"]:
                out.print(f"    − {x['outlet']} says {x['value']!r}: {x['span']['text'][:150]}", markup=False)
        else:
            names = sorted({outlet.get(sp["article"], sp["article"]) for sp in c["support"]})
            out.print(f"    sources: {', '.join(names)}", markup=False)


@app.command()
def stories(db: DbOpt = None,
            rebuild: Annotated[bool, typer.Option("--rebuild", help="Cluster every article again, in ingest order "
                                                  "(after changing PARLEY_STORY_THRESHOLD).")] = False) -> None:
    """The stories of a store: articles clustered as they arrive (a new article joins a story or opens one).

      parley stories
      parley dossier --story s-1a2b3c4d5e6f7a8b
      PARLEY_STORY_THRESHOLD=0.3 parley stories --rebuild
    """
    st = _store(db)
    if rebuild:
        st.reset_stories()
    st.assign_stories()
    t = Table(title=f"Stories in {st.display}")
    for col in ("story", "articles", "dates", "title"):
        t.add_column(col, overflow="fold")
    from .reconcile.titles import distinct

    for s in distinct(st.stories()):
        dates = f"{s['first_date']} – {s['last_date']}" if s["first_date"] else "—"
        t.add_row(s["id"], str(s["size"]), dates, s["title"] or "(untitled)")
    out.print(t)


@app.command()
def negotiations(db: DbOpt = None,
                 fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table") -> None:
    """The negotiations of a store: the stories of one process (the same parties over the same issues, across
    rounds), grouped as articles arrive.

      parley negotiations
      parley negotiations --format json | jq '.[0].id'
      parley dossier --negotiation n-s-1a2b3c4d5e6f7a8b --format md
    """
    from .reconcile.negotiation_dossier import rows

    if fmt not in ("table", "json"):
        raise ParleyError(f"unknown format {fmt!r}", hint="use table or json")
    st = _store(db)
    try:
        found = rows(st)
    finally:
        st.close()
    if fmt == "json":
        out.print(json.dumps(found, ensure_ascii=False, indent=2), markup=False)
        return
    t = Table(title=f"Negotiations in {st.display}")
    for col in ("id", "title", "parties", "stories", "articles", "first", "last"):
        t.add_column(col, overflow="fold")
    for n in found:
        t.add_row(n["id"], n["title"], ", ".join(n["parties"]), str(n["stories"]), str(n["articles"]),
                  n["first_date"] or "—", n["last_date"] or "—")
    out.print(t)
    if not found:
        out.print("no negotiations yet: ingest articles first (parley ingest PATH)", markup=False)


@app.command()
def changes(negotiation: Annotated[str, typer.Option("--negotiation", help="The negotiation (parley negotiations "
                                                     "lists them).", show_default=False)],
            db: DbOpt = None,
            since: Annotated[str | None, typer.Option("--since", help="Since the last brief made before this date "
                                                      "(YYYY-MM-DD, or an ISO time, UTC).", show_default=False)] = None,
            since_last: Annotated[bool, typer.Option("--since-last", help="Since the last brief (the default).")] = False,
            as_json: Annotated[bool, typer.Option("--json", help="Print the changes as JSON.")] = False) -> None:
    """What changed in a negotiation since the last brief (or a date): rounds held, positions new or changed,
    agreements made or carried out, claims that became contested or corroborated, new quotes by the heads of
    delegation, each with its evidence. Each version of a negotiation's dossier is kept as a brief.

      parley changes --negotiation n-s-1a2b3c4d5e6f7a8b
      parley changes --negotiation n-s-1a2b3c4d5e6f7a8b --since 2031-06-02 --json
    """
    from .reconcile.negotiation_briefs import changes as of

    if since and since_last:
        raise ParleyError("--since and --since-last both given", hint="give one of them")
    st = _store(db)
    try:
        res = of(st, negotiation, since)
    finally:
        st.close()
    if as_json:
        out.print(json.dumps(res, ensure_ascii=False, indent=2), markup=False)
        return
    when = f"since {res['since']}" if res["since"] else "since the start (no earlier brief)"
    news = [c for c in res["changes"] if c["change"] != "revised"]
    anew = [c for c in res["changes"] if c["change"] == "revised"]
    out.print(f"[bold]{res['title']}[/bold] — {len(news)} change(s) {when}", markup=True)
    for i, c in enumerate(news + anew):
        if i == len(news):
            out.print(f"  found anew in articles of the earlier brief ({len(anew)}, not news):", markup=False)
        refs = " ".join(f"[{e['article'][:8]}:{e['start']}-{e['end']}]" for e in c["evidence"])
        out.print(f"  {c['change']} {c['kind']}: {c['text'][:200]} {refs}", markup=False)
        if c.get("was"):
            out.print(f"      was: {c['was'][:200]}", markup=False)


@app.command()
def export(what: Annotated[str | None, typer.Argument(help="The table (same as --table).", show_default=False)] = None,
           table: Annotated[str, typer.Option("--table", help="rounds, positions, agreements, claims, quotes "
                                              "(csv) or events (PLOVER-shaped jsonl).")] = "rounds",
           fmt: Annotated[str | None, typer.Option("--format", "-f", help="csv (tables) or jsonl (events) "
                                                   "[default: jsonl for events, else csv].", show_default=False)] = None,
           db: DbOpt = None, story: StoryOpt = None,
           negotiation: Annotated[str | None, typer.Option("--negotiation", help="This negotiation's tables, across "
                                                           "its stories (parley negotiations lists them).",
                                                           show_default=False)] = None,
           output: Annotated[str | None, typer.Option("--output", "-o", help="Write to this file.")] = None) -> None:
    """Export a story's or a negotiation's ledger table as CSV, or its events as PLOVER-shaped JSON Lines.

      parley export --story s-1a2b3c4d5e6f7a8b --table rounds -f csv
      parley export --negotiation n-s-1a2b3c4d5e6f7a8b positions -o positions.csv
      parley export --table events -f jsonl -o events.jsonl
    """
    from .present.exports import export as render

    table = what or table
    fmt = fmt or ("jsonl" if table == "events" else "csv")
    if story and negotiation:
        raise ParleyError("--story and --negotiation both given", hint="give one of them")
    if negotiation:
        from .present import service

        st = _store(db)
        try:
            d = service.negotiation(st, negotiation)
        finally:
            st.close()
    else:
        d = _dossier(db, story)
    body = render(d, table, fmt)
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            fh.write(body)
        err.print(f"{table} ({fmt}) written to {os.path.abspath(output)}")
    else:
        sys.stdout.write(body)


@app.command()
def search(query: Annotated[str, typer.Argument(help="Words to look for (articles: full text; entities: name).")],
           db: DbOpt = None, limit: Annotated[int, typer.Option(help="How many hits of each kind.")] = 20,
           as_json: Annotated[bool, typer.Option("--json", help="Print the hits as JSON.")] = False) -> None:
    """Search the articles (full text) and the people, states and organizations (by name).

      parley search "prisoner exchange"
      parley search Varga --json
    """
    from .present import service

    res = service.search(_store(db), query, limit)
    for h in res["articles"]:
        h["snippet"] = service.plain_snippet(h["snippet"])
    if as_json:
        out.print(json.dumps(res, ensure_ascii=False, indent=2), markup=False)
        return
    for e in res["entities"]:
        out.print(f"{e['entity_id']}  {e['name']} ({e['type']}, {e['mentions']} mentions)", markup=False)
    for h in res["articles"]:
        out.print(f"{h['id']}  {h['published_date'] or '—'}  {h['outlet'] or '—'}  {h['title'] or ''}", markup=False)
        out.print(f"    {h['snippet']}", markup=False)
    if not res["entities"] and not res["articles"]:
        out.print(f"nothing matches {query!r}", markup=False)


@app.command()
def serve(db: DbOpt = None,
          host: Annotated[str, typer.Option(help="Address to listen on. Beyond loopback, writes need PARLEY_API_TOKEN.")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="Port.")] = 8000) -> None:
    """Serve the web UI and the REST API: stories, dossiers, articles with their evidence, entities, search,
    upload. API under /api, its documentation at /docs.

      parley serve --db news.db
      PARLEY_API_TOKEN=secret parley serve --host 0.0.0.0 --port 8080
    """
    import uvicorn

    from .present.web import create_app

    st = _store(db)
    application = create_app(st, host=host, warm=True)
    err.print(f"Parley on http://{host}:{port}/  (store {st.display}; API docs at /docs; Ctrl-C to stop)")
    uvicorn.run(application, host=host, port=port, log_level="warning")
    st.close()


# ----------------------------------------------------------------------------- entry point

def main(argv: list[str] | None = None) -> None:
    try:
        app(args=argv, standalone_mode=True)
    except ParleyError as exc:
        err.print(f"error: {exc.line()}", markup=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
