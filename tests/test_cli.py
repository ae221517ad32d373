"""The CLI: thin, helpful, honest exit codes, one line per error."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from parley.cli import app, main
from parley.dossier import validate

from conftest import EXAMPLES, SEEDS
from helpers import STORY, write

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def test_ingest_summary_and_exit_code_zero(tmp_path):
    db = str(tmp_path / "p.db")
    r = run("ingest", str(SEEDS), "--db", db, "--no-analyze")
    assert r.exit_code == 0, r.output
    assert "5 ingested, 0 skipped" in r.output


def test_ingest_exit_code_one_when_something_was_skipped(tmp_path):
    db = str(tmp_path / "p.db")
    write(tmp_path / "in" / "ok.txt", "Headline\n\n" + STORY)
    write(tmp_path / "in" / "bad.json", "{nope")
    r = run("ingest", str(tmp_path / "in"), "--db", db, "--no-analyze")
    assert r.exit_code == 1
    assert "1 ingested" in r.output and "1 skipped" in r.output
    assert "bad.json: is not valid JSON" in r.output


def test_stdin(tmp_path):
    db = str(tmp_path / "p.db")
    r = run("ingest", "-", "--db", db, "--no-analyze", input="Headline\n\n" + STORY)
    assert r.exit_code == 0 and "1 ingested" in r.output


def test_articles_show_and_json_dossier(tmp_path):
    db = str(tmp_path / "p.db")
    run("ingest", str(SEEDS), "--db", db, "--no-analyze")
    r = run("articles", "--db", db, "--json")
    rows = [json.loads(x) for x in r.output.splitlines()]
    assert len(rows) == 5
    aid = [x for x in rows if x["published_source"] == "dateline"][0]["id"]
    r = run("show", aid[:8], "--db", db, "--no-text")
    assert "dateline" in r.output and "2025-07-09" in r.output
    out = tmp_path / "d.json"
    r = run("dossier", "--db", db, "--format", "json", "-o", str(out))
    assert r.exit_code == 0
    d = json.loads(out.read_text())
    validate(d)
    assert d["format"] == "parley.dossier/1" and len(d["articles"]) == 5


def test_dossier_straight_from_files_validates(tmp_path):
    r = run("dossier", str(EXAMPLES), "--format", "json")
    assert r.exit_code == 0
    d = json.loads(r.stdout)
    validate(d)
    assert len(d["articles"]) == 9


def test_errors_are_one_line_and_exit_two(tmp_path, capsys):
    try:
        main(["show", "nope", "--db", str(tmp_path / "p.db")])
    except SystemExit as exc:
        assert exc.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1 and "parley articles" in err


def test_every_command_has_help_with_an_example():
    for cmd in app.registered_commands:
        name = cmd.name or cmd.callback.__name__
        r = run(name, "--help")
        assert r.exit_code == 0
        assert "parley " + name in r.output.replace("\n", " ") or "Example" in r.output, name


def test_views_show_the_largest_story_and_say_so(example_store):
    db = example_store.display
    r = run("entities", "--db", db, "--json")
    assert r.exit_code == 0
    assert "the largest of 3" in r.stderr and "--story" in r.stderr
    largest = {e["name"] for e in json.loads(r.stdout)}
    assert "Tomas Varga" in largest and "Mikhail Oster" not in largest  # the floods story is another
    whole = {e["name"] for e in json.loads(run("entities", "--db", db, "--json", "--all").stdout)}
    assert "Mikhail Oster" in whole
    story = example_store.stories()[-1]["id"]
    r = run("quotes", "--db", db, "--story", story)
    assert r.exit_code == 0 and not r.stderr


def test_search_and_stories_rebuild(example_store, tmp_path):
    db = example_store.display
    r = run("search", "prisoners", "--db", db, "--json")
    hits = json.loads(r.stdout)
    assert hits["articles"] and "[" in hits["articles"][0]["snippet"]
    before = [s["articles"] for s in example_store.stories()]
    r = run("stories", "--db", db, "--rebuild")
    assert r.exit_code == 0 and "Tarn" in r.stdout
    assert [s["articles"] for s in example_store.stories()] == before, "the same stream gives the same stories"
