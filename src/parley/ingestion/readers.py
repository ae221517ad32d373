"""Readers: every way text gets in. All the I/O of ingest lives here.

A source is a file, a directory (read recursively), a glob, ``-`` (stdin) or,
with ``fetch=True``, an http(s) URL. Each reader yields ``RawDoc``s or an
``InputError`` per bad input; one bad input never stops the others.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import (
    BinaryInput,
    DecodeError,
    EmptyInput,
    InputError,
    MalformedInput,
    TooLarge,
    UnsupportedInput,
)
from .meta import RecordMeta

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
JSON_EXT = {".json", ".jsonl", ".ndjson"}
FEED_EXT = {".rss", ".atom", ".xml", ".rdf"}
WARC_EXT = {".warc", ".arc"}
SKIP_NAMES = {".DS_Store", "Thumbs.db"}
MAX_RATIO = 100  # a .gz that inflates more than this (and past 1 MB) is refused as a bomb


@dataclass
class RawDoc:
    locator: str  # where it came from: a path, path:line, path#n, a URL
    format: str  # txt html json rss warc url
    text: str | None = None
    html: str | None = None
    meta: RecordMeta = field(default_factory=RecordMeta)
    path: str | None = None


# ----------------------------------------------------------------------------- bytes and text

def read_limited(stream: io.BufferedIOBase | io.RawIOBase, limit: int, name: str) -> bytes:
    data = stream.read(limit + 1)
    if data is None:
        data = b""
    if len(data) > limit:
        raise TooLarge(f"larger than the {limit:,}-byte limit", subject=name,
                       hint="raise --max-bytes (PARLEY_MAX_BYTES) if this input is legitimate")
    return data


def gunzip(data: bytes, limit: int, name: str) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            out = read_limited(gz, limit, name)
    except (OSError, EOFError, zlib.error) as exc:
        raise MalformedInput(f"corrupt or truncated gzip data ({exc})", subject=name,
                             hint="re-download or re-compress the file") from None
    if len(out) > 1_000_000 and len(out) > MAX_RATIO * max(len(data), 1):
        raise TooLarge(f"inflates {len(out) // max(len(data), 1)}× (a decompression bomb?)", subject=name,
                       hint="decompress it yourself if it is legitimate")
    return out


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), else the detected charset; refuse binary data."""
    if not data.strip():
        raise EmptyInput("is empty", subject=name, hint="nothing to ingest")
    head = data[:8192]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in head:
        raise BinaryInput("is binary, not text", subject=name,
                          hint="pass text, HTML, JSON, a feed or a WARC file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:2_000_000]).best()
    if best is None or best.encoding is None:
        raise DecodeError("cannot be decoded as text (not UTF-8, charset unknown)", subject=name,
                          hint="convert it to UTF-8")
    text = data.decode(best.encoding, errors="replace")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.05 * max(len(text[:8192]), 1):
        raise BinaryInput("is binary, not text", subject=name, hint="pass text, HTML, JSON, a feed or a WARC file")
    return text


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith((b"{", b"[")):
        return "json"
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf")):
        if re.search(rb"<(?:rss|feed|rdf:rdf)\b", data[:4096].lower()):
            return "feed"
        if b"<html" in data[:4096].lower():
            return "html"
        return "feed"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<div", b"<p>", b"<p ")):
        return "html"
    return "txt"


def _kind(path: str, data: bytes) -> str:
    p = path.lower()
    if p.endswith(".gz"):
        p = p[:-3]
    ext = os.path.splitext(p)[1]
    if ext in WARC_EXT:
        return "warc"
    if ext in JSON_EXT:
        return "jsonl" if ext in (".jsonl", ".ndjson") else "json"
    if ext in HTML_EXT:
        return "html"
    if ext in FEED_EXT:
        sniffed = _sniff(data)
        return "html" if sniffed == "html" else "feed"
    if ext in TEXT_EXT:
        return "txt"
    return _sniff(data)


# ----------------------------------------------------------------------------- records

_FIELDS = {
    "text": ("text", "content", "body", "content_original", "article", "full_text", "maintext"),
    "html": ("html", "raw_html", "content_html", "body_html"),
    "url": ("url", "link", "source_url_full", "canonical_url"),
    "title": ("title", "headline"),
    "date": ("date", "published", "published_at", "publication_date", "pubDate", "datePublished", "date_publish"),
    "outlet": ("outlet", "source", "source_name", "publisher", "site", "site_name", "sitename", "domain"),
    "authors": ("authors", "author", "byline", "creator"),
    "kind": ("kind", "genre"),
}


def _field(rec: dict, key: str):
    for name in _FIELDS[key]:
        if name in rec and rec[name] not in (None, "", []):
            return rec[name]
    return None


def record_doc(rec: object, locator: str, path: str | None) -> RawDoc:
    from ..textdate import parse_date

    if not isinstance(rec, dict):
        raise MalformedInput("record is not a JSON object", subject=locator,
                             hint="each record needs at least a 'text' or 'html' field")
    text, html = _field(rec, "text"), _field(rec, "html")
    if isinstance(text, dict):  # {"source": {"name": ...}} style nesting is common; text must be a string
        text = None
    if not isinstance(text, str) and not isinstance(html, str):
        raise MalformedInput("record has no 'text' or 'html' string", subject=locator,
                             hint="give each record a 'text' (or 'html') field")
    outlet = _field(rec, "outlet")
    if isinstance(outlet, dict):
        outlet = outlet.get("name") or outlet.get("title")
    authors = _field(rec, "authors") or []
    if isinstance(authors, str):
        authors = [a.strip() for a in re.split(r",|;| and ", authors) if a.strip()]
    elif isinstance(authors, list):  # names, or {"name": ...} objects; anything else is not an author
        authors = [a if isinstance(a, str) else a.get("name") if isinstance(a, dict) else None for a in authors]
        authors = [a.strip() for a in authors if isinstance(a, str) and a.strip()]
    else:
        authors = []
    raw_date = _field(rec, "date")
    meta = RecordMeta(
        title=_field(rec, "title") if isinstance(_field(rec, "title"), str) else None,
        url=_field(rec, "url") if isinstance(_field(rec, "url"), str) else None,
        date=parse_date(str(raw_date)) if raw_date else None,
        date_source="record field",
        outlet=outlet if isinstance(outlet, str) else None,
        outlet_source="record field",
        authors=[a for a in authors if a],
        kind_hint=_field(rec, "kind") if isinstance(_field(rec, "kind"), str) else None,
    )
    return RawDoc(locator=locator, format="json", text=text if isinstance(text, str) else None,
                  html=html if isinstance(html, str) and not isinstance(text, str) else None, meta=meta, path=path)


def read_json(data: str, name: str, path: str | None, lines: bool) -> Iterator[RawDoc | InputError]:
    if lines:
        for n, line in enumerate(data.splitlines(), 1):
            if not line.strip():
                continue
            loc = f"{name}:{n}"
            try:
                yield record_doc(json.loads(line), loc, path)
            except json.JSONDecodeError as exc:
                yield MalformedInput(f"line is not valid JSON ({exc.msg})", subject=loc, hint="fix or remove that line")
            except InputError as err:
                yield err
        return
    try:
        obj = json.loads(data)
    except json.JSONDecodeError as exc:
        # a .json file holding JSON lines is common enough to accept
        if data.lstrip().startswith("{") and "\n{" in data:
            yield from read_json(data, name, path, lines=True)
            return
        yield MalformedInput(f"is not valid JSON ({exc.msg} at line {exc.lineno})", subject=name,
                             hint="fix the JSON, or use .jsonl for one record per line")
        return
    if isinstance(obj, dict):
        for key in ("articles", "items", "data", "records", "results", "docs"):
            if isinstance(obj.get(key), list):
                obj = obj[key]
                break
    records = obj if isinstance(obj, list) else [obj]
    for n, rec in enumerate(records, 1):
        loc = f"{name}#{n}" if len(records) > 1 else name
        try:
            yield record_doc(rec, loc, path)
        except InputError as err:
            yield err


def read_feed(data: bytes, name: str, path: str | None) -> Iterator[RawDoc | InputError]:
    import feedparser

    from ..textdate import parse_date

    try:
        parsed = feedparser.parse(data)
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, LookupError, RecursionError) as exc:
        yield MalformedInput(f"is not a readable feed ({exc.__class__.__name__})", subject=name,
                             hint="pass an RSS or Atom feed, or the article's HTML")
        return
    if not parsed.entries:
        reason = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        yield MalformedInput(f"is not a feed with entries{reason}", subject=name,
                             hint="pass an RSS or Atom feed, or the article's HTML")
        return
    if parsed.get("bozo") and not any(e.get("content") or e.get("summary") or e.get("description")
                                      for e in parsed.entries):
        yield MalformedInput(f"is not a well-formed feed ({parsed.bozo_exception})", subject=name,
                             hint="check that the feed is complete")
        return
    feed_title = parsed.feed.get("title") if parsed.get("feed") else None
    for n, e in enumerate(parsed.entries, 1):
        loc = f"{name}#{n}"
        html = None
        if e.get("content"):
            html = max((c.get("value", "") for c in e.content), key=len)
        if not html:
            html = e.get("summary") or e.get("description")
        if not html:
            yield EmptyInput("feed entry has no content or summary", subject=loc, hint="nothing to ingest")
            continue
        date, date_source = None, "feed entry"
        for key in ("published", "updated", "created"):  # the original date first; Atom may give only <updated>
            if e.get(key):
                date = parse_date(e[key])
                if not date and e.get(f"{key}_parsed"):
                    t = e[f"{key}_parsed"]
                    date = f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
                if date:
                    date_source = "feed entry" if key == "published" else f"feed entry ({key})"
                    break
        raw_author = e.get("author") or ""
        m = re.match(r"^\S+@\S+\s*\((?P<name>[^()]+)\)$", raw_author.strip())
        if m:
            authors = [m.group("name").strip()]
        else:
            authors = [a.get("name") for a in e.get("authors", []) if a.get("name")] or (
                [raw_author] if raw_author and "@" not in raw_author else [])
        meta = RecordMeta(title=e.get("title"), url=e.get("link"), date=date, date_source=date_source,
                          outlet=feed_title, outlet_source="feed title", authors=authors)
        yield RawDoc(locator=loc, format="rss", html=html, meta=meta, path=path)


def read_warc(data: bytes, name: str, path: str | None, limit: int) -> Iterator[RawDoc | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    total = 0
    if data[:2] == b"\x1f\x8b":  # check the whole gzip stream first: warcio stops quietly at a truncation
        data = gunzip(data, 10 * limit, name)
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response":
                continue
            http = record.http_headers
            ctype = (http.get_header("Content-Type") if http else "") or ""
            if "html" not in ctype.lower():
                continue
            n += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            loc = f"{name}#{n}"
            try:
                body = read_limited(record.content_stream(), limit, loc)
            except InputError as err:
                yield err
                continue
            total += len(body)
            if total > 10 * limit:
                yield TooLarge("archive inflates past ten times the size limit", subject=name,
                               hint="split the archive or raise --max-bytes")
                return
            try:
                html = decode(body, loc)
            except InputError as err:
                yield err
                continue
            yield RawDoc(locator=loc, format="warc", html=html, meta=RecordMeta(url=url), path=path)
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError, AttributeError, TypeError, KeyError,
            IndexError, LookupError) as exc:  # warcio fails in many ways on a cut or corrupted archive
        detail = (str(exc).splitlines() or [exc.__class__.__name__])[0][:120]
        yield MalformedInput(f"is not a readable WARC archive ({detail})", subject=name,
                             hint="check the file is complete (WARC or WARC.gz)")
        return
    if n == 0:
        yield EmptyInput("WARC archive holds no HTML responses", subject=name, hint="nothing to ingest")


# ----------------------------------------------------------------------------- dispatch

def read_bytes(data: bytes, name: str, path: str | None, limit: int) -> Iterator[RawDoc | InputError]:
    """Read one input given as bytes (a file's content, stdin, an upload)."""
    try:
        if len(data) > limit:
            raise TooLarge(f"larger than the {limit:,}-byte limit", subject=name,
                           hint="raise --max-bytes (PARLEY_MAX_BYTES) if this input is legitimate")
        kind = _kind(name, data[:4096] if not name.lower().endswith(".gz") else b"")
        if name.lower().endswith(".gz") and kind != "warc":
            data = gunzip(data, limit, name)
            kind = _kind(name, data[:4096])
        elif data[:2] == b"\x1f\x8b" and kind != "warc":
            data = gunzip(data, limit, name)
            kind = _sniff(data)
        if kind == "warc":
            yield from read_warc(data, name, path, limit)
            return
        if kind == "feed":
            yield from read_feed(data, name, path)
            return
        text = decode(data, name)
        if kind in ("json", "jsonl"):
            yield from read_json(text, name, path, lines=kind == "jsonl")
        elif kind == "html":
            yield RawDoc(locator=name, format="html", html=text, path=path)
        else:
            yield RawDoc(locator=name, format="txt", text=text, path=path)
    except InputError as err:
        yield err


def _is_url(src: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", src))


def expand(sources: list[str]) -> Iterator[str | InputError]:
    """Files named by ``sources``: directories recursively, globs expanded, in a stable order."""
    for src in sources:
        if src == "-" or _is_url(src):
            yield src
            continue
        p = Path(src)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.name not in SKIP_NAMES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not files:
                yield EmptyInput("directory holds no files", subject=src, hint="nothing to ingest")
            for f in files:
                yield str(f)
        elif p.is_file():
            yield str(p)
        elif any(ch in src for ch in "*?["):
            hits = sorted(h for h in glob.glob(src, recursive=True) if os.path.isfile(h))
            if not hits:
                yield UnsupportedInput("matches no file", subject=src, hint="check the pattern")
            yield from hits
        elif p.exists():
            yield UnsupportedInput("is not a regular file", subject=src, hint="pass files or directories")
        else:
            yield UnsupportedInput("does not exist", subject=src, hint="check the path")


def read_source(src: str, *, limit: int, fetch: bool = False, allow_private: bool = False,
                timeout: float = 20.0, fetch_limit: int = 20 * 1024 * 1024) -> Iterator[RawDoc | InputError]:
    """Everything one expanded source holds."""
    if src == "-":
        try:
            data = read_limited(sys.stdin.buffer, limit, "<stdin>")
        except InputError as err:
            yield err
            return
        yield from read_bytes(data, "<stdin>", None, limit)
        return
    if _is_url(src):
        if not fetch:
            yield UnsupportedInput("is a URL", subject=src, hint="add --fetch to download URLs")
            return
        from .fetch import fetch_url

        try:
            yield fetch_url(src, allow_private=allow_private, timeout=timeout, limit=min(limit, fetch_limit))
        except InputError as err:
            yield err
        return
    try:
        size = os.path.getsize(src)
        if size > limit:
            raise TooLarge(f"is {size:,} bytes, over the {limit:,}-byte limit", subject=src,
                           hint="raise --max-bytes (PARLEY_MAX_BYTES) if this input is legitimate")
        with open(src, "rb") as fh:
            data = read_limited(fh, limit, src)
    except InputError as err:
        yield err
        return
    except OSError as exc:
        yield UnsupportedInput(f"cannot be read ({exc.strerror or exc})", subject=src,
                               hint="check the file's permissions")
        return
    yield from read_bytes(data, src, os.path.abspath(src), limit)
