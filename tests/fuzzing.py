"""Hostile inputs for every reader, as hypothesis strategies (shared by tests/test_hardening.py and
bench/reliability.py, which runs many more of them)."""

from __future__ import annotations

import gzip
import json

from hypothesis import strategies as st

from helpers import PAGE, RSS, STORY, warc_bytes

TEXTS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)


def _gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


_WHOLE: dict[str, bytes] = {}


def _whole(kind: str) -> bytes:
    """One valid input of a kind, made once, so every draw cuts the same bytes."""
    if kind not in _WHOLE:
        _WHOLE[kind] = _gz(("Headline\n\n" + STORY).encode()) if kind == "gz" else \
            warc_bytes([("https://a.example/1", PAGE)], gz=kind == "warc.gz")
    return _WHOLE[kind]


@st.composite
def random_bytes(draw) -> tuple[str, bytes]:
    ext = draw(st.sampled_from([".txt", ".html", ".json", ".jsonl", ".rss", ".xml", ".warc", ".warc.gz", ".gz",
                                ".bin", ""]))
    return "r" + ext, draw(st.binary(max_size=2000))


@st.composite
def truncated(draw) -> tuple[str, bytes]:
    """A valid gzip, WARC or WARC.gz cut short, or with bytes flipped."""
    kind = draw(st.sampled_from(["gz", "warc", "warc.gz"]))
    whole = _whole(kind)
    cut = draw(st.integers(0, len(whole) - 1))
    data = bytearray(whole[:cut])
    if data and draw(st.booleans()):
        i = draw(st.integers(0, len(data) - 1))
        data[i] ^= draw(st.integers(1, 255))
    return f"t.{kind}", bytes(data)


@st.composite
def malformed_feed(draw) -> tuple[str, bytes]:
    base = RSS
    op = draw(st.sampled_from(["cut", "junk", "entity", "empty-items", "nested"]))
    if op == "cut":
        base = base[:draw(st.integers(0, len(base)))]
    elif op == "junk":
        i = draw(st.integers(0, len(base)))
        base = base[:i] + draw(TEXTS) + base[i:]
    elif op == "entity":
        base = base.replace("<channel>", '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><channel>&b;')
    elif op == "empty-items":
        base = "<?xml version='1.0'?><rss><channel><item></item><item><title></title></item></channel></rss>"
    else:
        base = "<?xml version='1.0'?><rss><channel><item><description>" + "<b>" * 500 + "x" + "</b>" * 500 + \
               "</description></item></channel></rss>"
    return "f.rss", base.encode("utf-8", "surrogatepass")


@st.composite
def malformed_html(draw) -> tuple[str, bytes]:
    op = draw(st.sampled_from(["cut", "junk", "deep", "no-body", "scripts", "huge-line"]))
    if op == "cut":
        html = PAGE[:draw(st.integers(0, len(PAGE)))]
    elif op == "junk":
        i = draw(st.integers(0, len(PAGE)))
        html = PAGE[:i] + draw(TEXTS) + PAGE[i:]
    elif op == "deep":
        depth = draw(st.integers(200, 5000))
        html = "<html><body>" + "<div>" * depth + STORY + "</div>" * depth + "</body></html>"
    elif op == "no-body":
        html = "<html><head><title>x</title></head></html>"
    elif op == "scripts":
        html = "<html><body><script>" + "x" * 2000 + "</script><style>a{}</style><p>" + STORY + "</p></body></html>"
    else:
        html = "<html><body><p>" + ("word " * 40000) + "</p></body></html>"
    return "h.html", html.encode("utf-8", "surrogatepass")


@st.composite
def malformed_json(draw) -> tuple[str, bytes]:
    value = draw(st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXTS,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
            st.sampled_from(["text", "html", "title", "date", "url", "outlet", "authors", "source", "kind", "x"]),
            inner, max_size=6),
        max_leaves=20))
    lines = draw(st.booleans())
    data = json.dumps(value, allow_nan=True)
    if lines:
        data = data + "\n" + json.dumps({"text": draw(TEXTS), "authors": draw(st.lists(
            st.integers() | TEXTS | st.dictionaries(TEXTS, TEXTS, max_size=2), max_size=3)),
            "date": draw(TEXTS), "title": draw(st.integers() | TEXTS)}) + "\n{broken"
    return ("j.jsonl" if lines else "j.json"), data.encode("utf-8", "surrogatepass")


@st.composite
def mixed_text(draw) -> tuple[str, bytes]:
    """Text with NUL bytes, mixed encodings, odd line breaks, BOMs, control characters, a huge line."""
    parts = draw(st.lists(st.sampled_from([
        STORY.encode("utf-8"), STORY.encode("latin-1", "replace"), STORY.encode("utf-16"),
        "Česká zpráva o jednání".encode("cp1250"), "Переговоры в Стамбуле".encode("koi8-r"),
        b"\x00", b"\r\n", b"\r", b"\xef\xbb\xbf", b"\x1b[31m", "\u2028".encode(), b"\xff\xfe",
        (b"x" * 100_000), draw(st.binary(max_size=50))]), min_size=1, max_size=6))
    return "m.txt", b"".join(parts)


ANY_INPUT = st.one_of(random_bytes(), truncated(), malformed_feed(), malformed_html(), malformed_json(), mixed_text())
