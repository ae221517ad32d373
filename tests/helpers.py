"""Small inputs written by the tests themselves (our own text, never third-party articles)."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

STORY = ("Envoys from Arland and Besk met in Corvo on Monday for six hours of talks, officials said. "
         "\"We agreed to meet again next week,\" said Arland's negotiator Mira Tal after the session.")

PAGE = """<!DOCTYPE html><html><head><title>Envoys meet in Corvo</title>
<meta property="article:published_time" content="2024-02-05T10:00:00Z"><meta name="author" content="Rae Lund">
</head><body><nav>Home | World</nav><article><h1>Envoys meet in Corvo</h1>
<p>Envoys from Arland and Besk met in Corvo on Monday for six hours of talks, officials said.</p>
<p>"We agreed to meet again next week," said Arland's negotiator Mira Tal after the session.</p>
<p>The next round is expected in Corvo as well, according to the host government.</p></article>
<footer>© 2024 Corvo Courier</footer></body></html>"""

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Corvo Courier</title>
<item><title>Envoys meet in Corvo</title><link>https://courier.example/a</link>
<pubDate>Mon, 05 Feb 2024 10:00:00 GMT</pubDate><description><![CDATA[<p>{story}</p>]]></description></item>
<item><title>Second item</title><link>https://courier.example/b</link>
<pubDate>Tue, 06 Feb 2024 10:00:00 GMT</pubDate><description><![CDATA[<p>Farmers in Besk harvested a record crop this year, the ministry said on Tuesday, as prices fell.</p>]]></description></item>
</channel></rss>""".replace("{story}", STORY)

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Besk Bulletin</title><entry><title>Envoys meet in Corvo</title><link href="https://bulletin.example/a"/>
<updated>2024-02-05T12:00:00Z</updated><author><name>Ola Berg</name></author>
<content type="html"><![CDATA[<p>{story}</p>]]></content></entry></feed>""".replace("{story}", STORY)


def warc_bytes(pages: list[tuple[str, str]], gz: bool = False) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        rec = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers)
        writer.write_record(rec)
    # a non-HTML record that must be ignored
    headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://x.example/i.png", "response",
                                                  payload=io.BytesIO(b"\x89PNG...."), http_headers=headers))
    return buf.getvalue()


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def gz(data: str | bytes) -> bytes:
    return gzip.compress(data.encode() if isinstance(data, str) else data)


def reports_dossier(folder: Path, reports: list[tuple[str, str, str, str]]) -> dict:
    """The whole-store dossier of short reports written for a test, each (outlet, date, title, text), ingested
    as a JSON Lines file into a new SQLite store in ``folder``."""
    import json

    from parley.dossier import build
    from parley.ingestion.run import ingest
    from parley.store.db import Store

    path = folder / "reports.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"r{i}", "outlet": o, "date": d, "title": t, "text": x,
                                          "url": f"https://example.org/{i}"})
                              for i, (o, d, t, x) in enumerate(reports)) + "\n", encoding="utf-8")
    st = Store(str(folder / "s.db"))
    try:
        assert ingest([str(path)], st).ok
        return build(st).data
    finally:
        st.close()


def agreement_statuses(text: str, day: str) -> list[tuple[str | None, str | None]]:
    """(issue, status) of the agreement statements the analysis finds in one short article of ``day``."""
    from parley.analysis.pipeline import analyze
    from parley.model import Article, Published

    an = analyze(Article(id="t1", text=text, published=Published(date=day, source="metadata")))
    return [(st.issue, st.status) for st in an.statements if st.kind == "agreement"]
