"""Duplicate detection: exact (content hash) and near-duplicate (MinHash LSH).

Signatures are datasketch MinHashes of word 5-shingles. The LSH index is a
table of band keys in the store (16 bands of 8 rows: pairs above a Jaccard
similarity of about 0.7 share a band with high probability), so it grows with
the corpus and survives between runs; candidates are confirmed by the
signatures' estimated Jaccard similarity.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 5
NEAR_DUP = 0.7  # estimated Jaccard at or above which two texts are copies of one story

_TOKEN = re.compile(r"\w+")


def normalized(text: str) -> str:
    return " ".join(_TOKEN.findall(text.lower()))


def content_hash(text: str) -> str:
    return hashlib.sha256(normalized(text).encode()).hexdigest()


def signature(text: str) -> np.ndarray:
    words = _TOKEN.findall(text.lower())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch([s.encode() for s in shingles])
    return mh.hashvalues.astype(np.uint64)


def band_keys(sig: np.ndarray) -> list[str]:
    return [hashlib.blake2b(sig[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=10).hexdigest()
            for b in range(BANDS)]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_bytes(raw: bytes) -> np.ndarray:
    return np.frombuffer(raw, dtype="<u8").astype(np.uint64)
