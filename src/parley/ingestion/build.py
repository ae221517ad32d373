"""Turn one ``RawDoc`` into an ``Article``: extract HTML, clean, read metadata."""

from __future__ import annotations

import hashlib

from ..errors import EmptyInput, MalformedInput
from ..model import Article
from . import dedup
from .clean import clean, normalize
from .dating import html_date
from .meta import RecordMeta, extract
from .readers import RawDoc

MIN_WORDS = 5


def html_to_text(html: str, url: str | None, locator: str) -> tuple[str, RecordMeta]:
    """Article body and page metadata from HTML, by trafilatura."""
    import trafilatura
    from lxml.etree import ParserError

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_images=False,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except (ParserError, ValueError, TypeError, RecursionError) as exc:
        raise MalformedInput(f"HTML could not be parsed ({exc.__class__.__name__})", subject=locator,
                             hint="check that the file is an HTML page") from None
    if doc is None or not (doc.text or "").strip():
        raise EmptyInput("no article text found in the HTML", subject=locator,
                         hint="the page may be an index, a paywall or rendered by JavaScript")
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    meta = RecordMeta(title=doc.title, url=doc.url or url, html_date=html_date(html, url), outlet=None,
                      outlet_source="", authors=authors)
    if doc.sitename and not url:
        meta.outlet, meta.outlet_source = doc.sitename, "html site name"
    return doc.text, meta


def _merge(primary: RecordMeta, page: RecordMeta) -> RecordMeta:
    """Record fields win over what the page itself says."""
    return RecordMeta(
        title=primary.title or page.title,
        url=primary.url or page.url,
        date=primary.date or page.date,
        date_source=primary.date_source,
        html_date=page.html_date,
        outlet=primary.outlet or page.outlet,
        outlet_source=primary.outlet_source if primary.outlet else page.outlet_source,
        authors=primary.authors or page.authors,
        kind_hint=primary.kind_hint,
    )


def article_id(text: str) -> str:
    """Stable id: a hash of the text as read (before cleaning), whitespace-insensitive."""
    return hashlib.sha256(dedup.normalized(normalize(text)).encode()).hexdigest()[:16]


def build_article(doc: RawDoc) -> tuple[Article, bytes]:
    """The article and its MinHash signature (as bytes, for the store)."""
    rec = doc.meta
    if doc.html is not None:
        text, page = html_to_text(doc.html, rec.url, doc.locator)
        rec = _merge(rec, page)
    else:
        text = doc.text or ""
    cleaned = clean(text, title_hint=rec.title)
    body = cleaned.text[cleaned.body_start:]
    if len(body.split()) < MIN_WORDS:
        raise EmptyInput("has no article text after cleaning", subject=doc.locator,
                         hint="the input holds only page furniture or is too short")
    meta = extract(cleaned, rec)
    art = Article(
        id=article_id(text),
        text=cleaned.text,
        title=meta.title,
        url=rec.url,
        path=doc.path,
        outlet=meta.outlet,
        outlet_source=meta.outlet_source,
        agencies=meta.agencies,
        authors=meta.authors,
        editors=meta.editors,
        published=meta.published,
        dateline=meta.dateline,
        kind=meta.kind,
        kind_cues=meta.kind_cues,
        removed=cleaned.removed,
        content_hash=dedup.content_hash(body),
        format=doc.format,
        body_start=cleaned.body_start,
    )
    return art, dedup.to_bytes(dedup.signature(body))
