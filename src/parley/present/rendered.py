"""Pages rendered once per dossier version. A story's **version** (``dossier.story_version``) is the key of its
cached dossier: it changes whenever the story's members or the reconcile code change, so a page or API answer
kept under it is never stale. The cache is in process, bounded (least recently used out first) and
thread-safe; it holds rendered bytes only, the store stays the source of truth."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

MAX_ENTRIES = 256


class Rendered:
    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._items: OrderedDict[tuple[str, ...], bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: tuple[str, ...], make: Callable[[], bytes]) -> bytes:
        """The bytes kept under ``key``, else ``make()`` (outside the lock), kept and returned."""
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return body
            self.misses += 1
        body = make()
        if self.max_entries <= 0:  # caching off (PARLEY_RENDER_CACHE=0: the load benchmark's baseline)
            return body
        with self._lock:
            self._items[key] = body
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
        return body
