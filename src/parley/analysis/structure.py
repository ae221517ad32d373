"""Sentences and paragraphs, as character offsets (paragraph = a line of text)."""

from __future__ import annotations

import re
from typing import Any

from ..model import Analysis, Article
from .pipeline import component


@component("structure", adds=("sentences", "paragraphs", "words"))
def structure(doc: Any, art: Article, an: Analysis, ctx: dict[str, Any]) -> None:
    text = art.text
    an.paragraphs = [[m.start(), m.end()] for m in re.finditer(r"[^\n]+", text)]
    sents: list[list[int]] = []
    for s in doc.sents:
        start, end = s.start_char, s.end_char
        # never let a sentence run across a paragraph break
        for m in re.finditer(r"[^\n]+", text[start:end]):
            a, b = start + m.start(), start + m.end()
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                sents.append([a, b])
    # a sentence that does not end in punctuation and is followed on the same line by another was split by
    # mistake (datelines, initials, lists): join them
    merged: list[list[int]] = []
    for a, b in sents:
        if merged:
            pa, pb = merged[-1]
            same_line = "\n" not in text[pb:a]
            if same_line and not re.search(r"[.!?\"”’;)]$", text[pa:pb]):
                merged[-1] = [pa, b]
                continue
        merged.append([a, b])
    an.sentences = merged
    an.words = sum(1 for t in doc if not t.is_space and not t.is_punct)
