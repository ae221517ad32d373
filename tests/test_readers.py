"""Readers: every format in, one clear error per bad input, the batch goes on."""

from __future__ import annotations

import json

import pytest

from parley.errors import InputError
from parley.ingestion.readers import RawDoc, expand, read_source

from helpers import ATOM, PAGE, RSS, STORY, gz, warc_bytes, write

LIMIT = 5_000_000


def read(path) -> list:
    return list(read_source(str(path), limit=LIMIT))


def docs(path) -> list[RawDoc]:
    items = read(path)
    errors = [i for i in items if isinstance(i, InputError)]
    assert not errors, [e.line() for e in errors]
    return items


def test_plain_text(tmp_path):
    (d,) = docs(write(tmp_path / "a.txt", "Headline\n\n" + STORY))
    assert d.format == "txt" and "Mira Tal" in d.text


def test_html_and_unknown_extension_sniffed(tmp_path):
    (d,) = docs(write(tmp_path / "a.html", PAGE))
    assert d.format == "html" and "<article>" in d.html
    (d2,) = docs(write(tmp_path / "page.bin", PAGE))
    assert d2.format == "html"


def test_json_object_list_and_jsonl(tmp_path):
    rec = {"text": STORY, "title": "T", "url": "https://x.example/a", "date": "5 February 2024",
           "outlet": {"name": "Corvo Courier"}, "authors": "Rae Lund, Ola Berg"}
    (d,) = docs(write(tmp_path / "one.json", json.dumps(rec)))
    assert d.meta.date == "2024-02-05" and d.meta.outlet == "Corvo Courier" and d.meta.authors == ["Rae Lund", "Ola Berg"]
    many = docs(write(tmp_path / "many.json", json.dumps({"articles": [rec, {**rec, "text": STORY + " More."}]})))
    assert len(many) == 2 and many[1].locator.endswith("#2")
    lines = docs(write(tmp_path / "r.jsonl", json.dumps(rec) + "\n\n" + json.dumps({"html": PAGE}) + "\n"))
    assert [d.format for d in lines] == ["json", "json"] and lines[1].html


def test_jsonl_bad_line_is_reported_and_the_rest_is_read(tmp_path):
    items = read(write(tmp_path / "r.jsonl", json.dumps({"text": STORY}) + "\n{not json\n" + json.dumps({"x": 1}) + "\n"))
    assert isinstance(items[0], RawDoc)
    assert isinstance(items[1], InputError) and items[1].subject.endswith(":2") and "JSON" in items[1].message
    assert isinstance(items[2], InputError) and "text" in items[2].message


def test_rss_and_atom(tmp_path):
    rss = docs(write(tmp_path / "f.rss", RSS))
    assert len(rss) == 2 and rss[0].meta.date == "2024-02-05" and rss[0].meta.outlet == "Corvo Courier"
    (atom,) = docs(write(tmp_path / "f.xml", ATOM))
    assert atom.meta.authors == ["Ola Berg"] and atom.meta.url == "https://bulletin.example/a"


@pytest.mark.parametrize("gzipped", [False, True])
def test_warc_html_responses_only(tmp_path, gzipped):
    name = "c.warc.gz" if gzipped else "c.warc"
    items = docs(write(tmp_path / name, warc_bytes([("https://a.example/1", PAGE), ("https://a.example/2", PAGE)], gz=gzipped)))
    assert [d.meta.url for d in items] == ["https://a.example/1", "https://a.example/2"]


def test_gzipped_text_and_directories_and_globs(tmp_path):
    write(tmp_path / "d" / "a.txt.gz", gz("Headline\n\n" + STORY))
    write(tmp_path / "d" / "sub" / "b.html", PAGE)
    write(tmp_path / "d" / ".hidden" / "c.txt", STORY)
    files = list(expand([str(tmp_path / "d")]))
    assert [f.split("/d/")[1] for f in files] == ["a.txt.gz", "sub/b.html"]
    assert list(expand([str(tmp_path / "d" / "**" / "*.html")])) == [str(tmp_path / "d" / "sub" / "b.html")]
    (d,) = docs(tmp_path / "d" / "a.txt.gz")
    assert "Mira Tal" in d.text


@pytest.mark.parametrize("name,data,code", [
    ("empty.txt", b"", "E101"),
    ("blank.txt", b"   \n\n  ", "E101"),
    ("bin.txt", b"\x00\x01\x02binary\x00" * 20, "E102"),
    ("bad.json", b'{"text": "unclosed', "E104"),
    ("bad.rss", b"<rss><channel><item><title>x</title>", "E104"),
    ("trunc.txt.gz", gz("Headline\n\n" + STORY)[:20], "E104"),
    ("trunc.warc.gz", warc_bytes([("https://a.example/1", PAGE)], gz=True)[:60], "E104"),
    ("x.json", b"[1, 2, 3]", "E104"),
])
def test_bad_inputs_give_one_clear_error(tmp_path, name, data, code):
    items = read(write(tmp_path / name, data))
    errors = [i for i in items if isinstance(i, InputError)]
    assert errors and errors[0].code == code, [e.line() for e in errors]
    assert name in errors[0].line() and "\n" not in errors[0].line()


def test_legacy_encodings_are_detected(tmp_path):
    latin = ("Headline\n\nThe mayor of Zürich met the envoy from Köln on Monday at the café; both said the "
             "talks were productive and naïve hopes were set aside.")
    (d,) = docs(write(tmp_path / "latin.txt", latin.encode("latin-1")))
    assert "Zürich" in d.text and "café" in d.text
    polish = ("Nagłówek\n\nBurmistrz Łodzi spotkał się z wysłannikiem w poniedziałek; obaj powiedzieli, że rozmowy "
              "były owocne, a strony zgodziły się spotkać ponownie w przyszłym tygodniu.")
    (d2,) = docs(write(tmp_path / "pl.txt", polish.encode("cp1250")))
    assert "Łodzi" in d2.text
    (d3,) = docs(write(tmp_path / "u16.txt", latin.encode("utf-16")))
    assert "Köln" in d3.text


def test_size_limit_and_decompression_bomb(tmp_path):
    big = write(tmp_path / "big.txt", b"word " * 300_000)
    (err,) = list(read_source(str(big), limit=1_000_000))
    assert isinstance(err, InputError) and err.code == "E105" and "limit" in err.message
    bomb = write(tmp_path / "bomb.txt.gz", gz(b"a" * 3_000_000))
    (err2,) = list(read_source(str(bomb), limit=50_000_000))
    assert isinstance(err2, InputError) and err2.code == "E105" and "bomb" in err2.message


def test_missing_paths_and_urls_without_fetch(tmp_path):
    items = list(expand([str(tmp_path / "nope.txt"), str(tmp_path / "*.zzz")]))
    assert [i.code for i in items] == ["E106", "E106"]
    (err,) = list(read_source("https://example.org/a", limit=LIMIT))
    assert isinstance(err, InputError) and "--fetch" in err.hint
