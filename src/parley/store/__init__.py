"""The store: SQLite by default, PostgreSQL by URL; migrations as code."""

from .db import Store

__all__ = ["Store"]
