"""Strip scraping noise from article text, line by line, and keep what was cut.

Rules come from ``data/boilerplate.toml``; they match whole lines only, so a
sentence of the article is never cut. Header lines that carry metadata (date
lines, bylines) and footer lines that carry credits (author bio, edit credit,
outlet credit) are removed from the text and handed to ``meta`` with their
line numbers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from ..lexicon import compile_rx, load, word_alternation
from ..model import Removed
from ..textdate import PageDate, page_dates

_TRIM = re.compile(r"^[\s•·*|▪►»>\-–—_=~]+|[\s•·*|▪◄«<\-–—_=~]+$")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_WORD = re.compile(r"[\w’'-]+")


@dataclass(frozen=True)
class Rule:
    reason: str
    pattern: re.Pattern[str]
    also: re.Pattern[str] | None
    zone: str
    max_words: int
    block: str | None


@dataclass
class Cleaned:
    text: str
    title: str | None
    body_start: int
    removed: list[Removed] = field(default_factory=list)
    # page date lines: (line, date, position: 'above headline' | 'below headline' | 'below text')
    date_lines: list[tuple[int, PageDate, str]] = field(default_factory=list)
    bylines: list[tuple[int, str]] = field(default_factory=list)  # author names
    footer: list[tuple[int, str, str]] = field(default_factory=list)  # line, text, reason


@cache
def _rules() -> tuple[Rule, ...]:
    data = load("boilerplate.toml")
    rules = []
    for r in data["rule"]:
        rules.append(Rule(
            reason=r["reason"],
            pattern=compile_rx("boilerplate.toml", r["pattern"]),
            also=compile_rx("boilerplate.toml", r["also"]) if r.get("also") else None,
            zone=r.get("zone", "any"),
            max_words=int(r.get("max_words", 12)),
            block=r.get("block"),
        ))
    return tuple(rules)


@cache
def _reaction_rx() -> re.Pattern[str]:
    words = load("reactions.toml")["words"]
    return re.compile(rf"^(?:{word_alternation(words)})$", re.I)


@cache
def _publication_rx() -> re.Pattern[str]:
    words = load("outlets.toml")["publication_words"]
    return re.compile(rf"\b(?:{word_alternation(words)})\b", re.I)


_COUNTER = re.compile(r"^\d[\d,.]*[kKmM]?$")
_BYLINE_LABEL = re.compile(r"^(?:by|written by|words by|story by|author|authors)\s*:?$", re.I)
_BYLINE = re.compile(r"^(?:by|written by|words by|story by|author|authors)\s*[:\s]\s*(?P<names>\S.{0,120})$", re.I)
_NAME = re.compile(r"^(?:(?:[A-Z][\w’'.-]*|[A-Z]\.|de|da|van|von|al|bin|el|la|le|di|du)\s*){1,5}$")
_BIO = re.compile(
    r"^(?P<name>(?:[A-Z][\w’'.-]+\s+){1,3}[A-Z][\w’'.-]+)\s+(?:is|was|writes for|reports for|covers)\b(?P<rest>.{3,200})$")
_BIO_ROLE = re.compile(
    r"\b(?:editor|correspondent|reporter|writer|columnist|journalist|contributor|author|commentator|"
    r"analyst|fellow|professor|producer|bureau chief|contributing|freelance|staff)\b", re.I)
_CREDIT = re.compile(
    r"^(?P<name>[A-Z][\w&’'.-]*(?:\s+(?:[A-Z][\w&’'.-]*|of|the|and|&)){0,6})\s*(?:[–—|:-]\s*[\w ]{0,30})?\.?$")


def normalize(raw: str) -> str:
    """Unicode NFC, one kind of newline, no zero-width characters, no trailing blanks."""
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _ZERO_WIDTH.sub("", text).replace("\u00a0", " ").replace("\t", " ")
    text = "".join(ch for ch in text if ch == "\n" or ch >= " " or ch in "\t")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _trim(line: str) -> str:
    return _TRIM.sub("", line).strip()


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def _norm_key(line: str) -> str:
    return re.sub(r"\W+", " ", line).strip().lower()


def body_like(line: str) -> bool:
    """A line that reads like article prose rather than page furniture."""
    n = _words(line)
    return n >= 30 or (n >= 8 and bool(re.search(r"[.!?\"”’)]\s*$|[a-z)][.!?]\s+[A-Z“\"]", line)))


def headline_like(line: str) -> bool:
    n = _words(line)
    if n < 2 or n > 30 or len(line) > 250:
        return False
    if re.search(r"[.;,]\s*$", line) and not re.search(r"\b(?:U\.S|U\.K|Jr|Sr|Inc|Ltd|St)\.$", line):
        return False
    return any(c.isupper() for c in line[:3]) or line[:1].isdigit()


def _match(rule: Rule, line: str) -> bool:
    if _words(line) > rule.max_words:
        return False
    if not rule.pattern.search(line):
        return False
    return not (rule.also and not rule.also.search(line))


def _is_outlet(name: str) -> bool:
    from .meta import outlet_info

    return outlet_info(name) is not None


def _split_names(raw: str) -> list[str]:
    raw = re.sub(r"\s*[|•·]\s*.*$", "", raw)
    parts = re.split(r"\s*(?:,|;|\band\b|&)\s*", raw)
    names = []
    for p in parts:
        p = p.strip(" :")
        if p.endswith(".") and not re.search(r"\b[A-Z]\.$", p):
            p = p[:-1]
        if p and _NAME.match(p) and _words(p) <= 5 and not _publication_rx().search(p) and not _is_outlet(p):
            names.append(p)
        elif p and names:
            break  # "By Jane Roe, Reuters" -> stop at the outlet
    return names


def clean(raw: str, title_hint: str | None = None) -> Cleaned:
    """Clean ``raw`` text. ``title_hint`` is a title known from metadata (HTML, feed, record)."""
    lines = normalize(raw).split("\n")
    n = len(lines)
    trimmed = [_trim(line) for line in lines]
    status: list[str | None] = [None] * n
    nonempty = [i for i in range(n) if trimmed[i]]
    rules = _rules()
    reaction = _reaction_rx()

    # 1. rules valid anywhere, and reaction widgets (heading + buttons + counters)
    k = 0
    while k < len(nonempty):
        i = nonempty[k]
        for rule in rules:
            if rule.zone == "any" and _match(rule, trimmed[i]):
                status[i] = rule.reason
                if rule.block == "reaction":
                    j = k + 1
                    while j < len(nonempty) and (reaction.match(trimmed[nonempty[j]])
                                                 or _COUNTER.match(trimmed[nonempty[j]])):
                        status[nonempty[j]] = rule.reason
                        j += 1
                    k = j - 1
                break
        k += 1
    # a run of reaction buttons and counters without a heading
    run: list[int] = []
    for i in nonempty + [-1]:
        if i >= 0 and status[i] is None and (reaction.match(trimmed[i]) or _COUNTER.match(trimmed[i])):
            run.append(i)
            continue
        words = sum(1 for r in run if reaction.match(trimmed[r]))
        if len(run) >= 4 and words >= 2 and len(run) - words >= 2:
            for r in run:
                status[r] = "reaction widget"
        run = []

    kept = [i for i in nonempty if status[i] is None]
    body = [i for i in kept if body_like(trimmed[i]) and not page_dates(trimmed[i])]  # a date line is not prose
    first_body = body[0] if body else n
    last_body = body[-1] if body else -1

    # 2. the title: from metadata, or the first headline-like line of the header block
    cleaned = Cleaned(text="", title=None, body_start=0)
    title_idx: int | None = None
    if title_hint:
        key = _norm_key(title_hint)
        for i in kept:
            if i > first_body:
                break
            if _norm_key(trimmed[i]) == key:
                title_idx = i
                break
        cleaned.title = title_hint.strip()
    else:
        after_label = False
        for i in kept:
            if i >= first_body:
                if i == first_body and headline_like(trimmed[i]) and not body_like(trimmed[i]):
                    title_idx = i
                break
            if after_label:  # the line after "By:" is the author, not the headline
                after_label = False
                continue
            if _BYLINE_LABEL.match(trimmed[i]):
                after_label = True
                continue
            if page_dates(trimmed[i]) or _BYLINE.match(trimmed[i]):
                continue  # a page-chrome date line is never the headline
            if headline_like(trimmed[i]):
                title_idx = i
                break
        if title_idx is not None:
            cleaned.title = trimmed[title_idx]

    # 3. the header block: date lines, bylines, a repeated headline
    title_key = _norm_key(cleaned.title) if cleaned.title else None
    expect_author = False
    for i in kept:
        if i >= first_body:
            break
        if i == title_idx:
            continue
        line = trimmed[i]
        if expect_author:
            expect_author = False
            names = _split_names(line)
            if names and _words(line) <= 8:
                status[i] = "byline"
                cleaned.bylines.extend((i + 1, nm) for nm in names)
                continue
        if title_key and _norm_key(line) == title_key:
            status[i] = "duplicated headline"
            continue
        found = page_dates(line)
        if found:
            status[i] = "date line"
            where = "above headline" if title_idx is not None and i < title_idx else "below headline"
            cleaned.date_lines.extend((i + 1, d, where) for d in found)
            continue
        if _BYLINE_LABEL.match(line):
            status[i] = "byline"
            expect_author = True
            continue
        m = _BYLINE.match(line)
        if m and _split_names(m.group("names")):
            status[i] = "byline"
            cleaned.bylines.extend((i + 1, nm) for nm in _split_names(m.group("names")))
            continue

    # 4. the edges: header and footer furniture, credits and bios in the footer
    for i in kept:
        if status[i] is not None or i == title_idx or first_body <= i <= last_body:
            continue
        line = trimmed[i]
        tail = i > last_body
        for rule in rules:
            if rule.zone == "edges" or (rule.zone == "tail" and tail):
                if _match(rule, line):
                    status[i] = rule.reason
                    break
        if status[i] is None and tail and page_dates(line):
            status[i] = "date line"  # "Published: ...", "Updated ..." below the text
            cleaned.date_lines.extend((i + 1, d, "below text") for d in page_dates(line))
        if status[i] is None and tail:
            if _BIO.match(line) and _BIO_ROLE.search(line) and _words(line) <= 40:
                status[i] = "author bio"
            elif (_words(line) <= 10 and _CREDIT.match(line) and _publication_rx().search(line)
                  and not re.search(r"\b(?:said|says|told|will|would|has|have|had|was|were|is|are)\b", line)):
                status[i] = "outlet credit"
        if status[i] in ("author bio", "outlet credit", "edit credit", "copyright notice"):
            cleaned.footer.append((i + 1, line, status[i]))

    # 5. assemble the clean text; keep paragraph breaks, drop removed lines
    out: list[str] = []
    for i in range(n):
        if status[i] is not None:
            cleaned.removed.append(Removed(text=lines[i].strip(), reason=status[i], line=i + 1))
            continue
        if i == title_idx:
            out.append(trimmed[i])
            continue
        out.append(lines[i].strip() if trimmed[i] else "")
    text = "\n".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    if cleaned.title and title_idx is None:
        text = f"{cleaned.title}\n\n{text}" if text else cleaned.title
    cleaned.text = text
    if cleaned.title and text.startswith(cleaned.title):
        rest = text[len(cleaned.title):]
        cleaned.body_start = len(cleaned.title) + (len(rest) - len(rest.lstrip("\n")))
    return cleaned
