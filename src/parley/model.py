"""One vocabulary for every stage: plain dataclasses that serialize to JSON.

Invariant: every derived item carries the ``Span``s it rests on (article id,
character offsets into that article's clean text, and the text found there).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


def to_dict(obj: Any) -> Any:
    """A JSON-ready copy of a dataclass tree (dicts, lists and scalars)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list | tuple):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


def iter_spans(obj: Any) -> typing.Iterator[dict[str, Any]]:
    """Every evidence span in a JSON-ready tree (a dict with article, start, end and text)."""
    if isinstance(obj, dict):
        if {"article", "start", "end", "text"} <= set(obj) and isinstance(obj.get("start"), int):
            yield obj
            return
        for v in obj.values():
            yield from iter_spans(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from iter_spans(v)


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _build(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _build(args[0], value) if len(args) == 1 else value
    if origin is list:
        (arg,) = typing.get_args(tp) or (Any,)
        return [_build(arg, v) for v in value]
    if origin is dict:
        args = typing.get_args(tp)
        return {k: _build(args[1], v) for k, v in value.items()} if args else dict(value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return from_dict(tp, value)
    return value


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a dataclass tree written by :func:`to_dict` (unknown keys ignored)."""
    hints = _hints(cls)
    kwargs = {f.name: _build(hints[f.name], data[f.name])
              for f in dataclasses.fields(cls) if f.name in data}  # type: ignore[arg-type]
    return cls(**kwargs)


# --------------------------------------------------------------------------- articles

@dataclass
class Span:
    """Characters ``start:end`` of article ``article``'s clean text, and that text."""

    article: str
    start: int
    end: int
    text: str


@dataclass
class DateCandidate:
    date: str
    source: str  # explicit | dateline | metadata | relative
    text: str
    note: str = ""


@dataclass
class Published:
    date: str | None = None
    source: str = "unknown"  # explicit | dateline | metadata | relative | unknown
    conflicts: list[DateCandidate] = field(default_factory=list)
    estimated: bool = False
    basis: str = ""  # how the date was chosen, in words


@dataclass
class Dateline:
    place: str | None
    date: str | None
    credit: str | None
    text: str


@dataclass
class Removed:
    text: str
    reason: str
    line: int | None = None  # 1-based line of the input text, when known


@dataclass
class Article:
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    path: str | None = None
    outlet: str | None = None
    outlet_source: str = ""
    agencies: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    published: Published = field(default_factory=Published)
    dateline: Dateline | None = None
    kind: str = "unknown"  # report | opinion | analysis | unknown
    kind_cues: list[str] = field(default_factory=list)
    duplicate_of: str | None = None
    removed: list[Removed] = field(default_factory=list)
    content_hash: str = ""
    format: str = "txt"
    body_start: int = 0  # where the body begins, after the headline line
    seq: int = 0  # ingest order in the store

    @property
    def date(self) -> str | None:
        return self.published.date

    def span(self, start: int, end: int) -> Span:
        return Span(self.id, start, end, self.text[start:end])

    @property
    def source_key(self) -> str:
        """What counts as one independent source: the wire, else the outlet, else the article."""
        if self.agencies:
            return self.agencies[0].lower()
        return (self.outlet or f"article:{self.id}").lower()


# --------------------------------------------------------------------------- per-article analysis

@dataclass
class Role:
    title: str
    start: int
    end: int


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str  # PERSON ORG GPE LOC NORP FAC EVENT
    key: str  # the article-local entity it belongs to
    kind: str = "name"  # name | pronoun | nominal


@dataclass
class LocalEntity:
    key: str
    name: str
    type: str
    variants: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    affiliation: str | None = None  # the country or organization a person speaks for
    merges: list[str] = field(default_factory=list)  # why mentions were merged
    mentions: int = 0
    agentive: int = 0  # mentions that act or own (subject, possessor): a place used as a state


@dataclass
class Quote:
    id: str
    text: str
    start: int
    end: int
    kind: str  # direct | indirect
    speaker: str | None  # local entity key
    speaker_name: str | None
    cue: str | None
    cue_start: int | None = None
    cue_end: int | None = None
    partial: bool = False
    resolved_by: str = ""  # same-sentence | pronoun | nominal | continuation | according-to | ...
    sentence_start: int = 0
    sentence_end: int = 0


@dataclass
class Timex:
    text: str
    start: int
    end: int
    type: str  # date | time | duration | set | vague
    value: str | None
    anchor: str | None  # what the value was resolved against
    rel: dict[str, Any] | None = None  # how to resolve it again against another anchor


@dataclass
class Quantity:
    text: str
    start: int
    end: int
    value: float | None
    unit: str | None
    about: str | None
    approx: bool = False
    qualifier: str | None = None


@dataclass
class Event:
    id: str
    type: str  # PLOVER type
    mode: str | None
    cue: str
    actors: list[str]  # local entity keys
    targets: list[str]
    date: str | None
    place: str | None
    modality: str  # happened | planned | proposed | demanded | refused | denied
    negated: bool
    summary: str
    start: int
    end: int
    issues: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # venue first, then city ("Aldmoor Palace", "Port Salvo")


@dataclass
class Statement:
    """A sentence-level item for the ledger and the claim matcher."""

    id: str
    start: int
    end: int
    text: str
    kind: str  # position | agreement | claim
    party: str | None = None  # local entity key of the party the statement is about or by
    speaker: str | None = None
    issue: str | None = None
    stance: str | None = None
    status: str | None = None
    parties: list[str] = field(default_factory=list)
    values: list[dict[str, Any]] = field(default_factory=list)
    date: str | None = None
    negated: bool = False
    hedged: bool = False
    attribution: str | None = None
    cue: str | None = None
    holder: str | None = None  # a position's holder as the text names it when it is a body ("Afghan government")
    people: list[str] = field(default_factory=list)  # an agreement's people whose side the article does not say


@dataclass
class Analysis:
    article_id: str
    version: str
    sentences: list[list[int]] = field(default_factory=list)  # [start, end] pairs
    paragraphs: list[list[int]] = field(default_factory=list)
    entities: list[LocalEntity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    anchor: str | None = None  # the date relative expressions were resolved against
    words: int = 0
    error: str | None = None
