"""Analyze: the pure per-article stage, ``Article -> Analysis`` (one spaCy parse per article)."""
