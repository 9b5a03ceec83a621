"""Duplicate detection: canonical URLs, exact content hashes and MinHash near-duplicates.

One press release syndicated on five sites differs in chrome, title and a sentence or two; MinHash over
word 3-shingles of the case-folded text, with an LSH index (datasketch), finds those copies in
sub-linear time so they can share one *story*.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np
from courlan import normalize_url
from datasketch import MinHash, MinHashLSH

from service.text import normalize

NUM_PERM = 64
SHINGLE = 3
SCHEME = "affine64"  # fixed: stored signatures must be comparable across versions
_WORD = re.compile(r"\w+", re.UNICODE)


def canonical_url(url: str) -> str:
    """The URL with tracking parameters, fragments and case differences removed (courlan)."""
    try:
        return normalize_url(url, strict=True)
    except (ValueError, TypeError):
        return url


def _words(text: str) -> list[str]:
    return _WORD.findall(normalize(text, None, casefold=True, zwnj="drop").text)


def content_hash(text: str) -> str:
    """SHA-256 of the text with white space collapsed: the same article extracted twice hashes the same."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def minhash(text: str) -> MinHash:
    words = _words(text)
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    signature = MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME)
    signature.update_batch([s.encode("utf-8") for s in shingles])
    return signature


def to_bytes(signature: MinHash) -> bytes:
    return signature.hashvalues.astype(np.uint64).tobytes()


def from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME, hashvalues=np.frombuffer(data, dtype=np.uint64))


class NearDuplicateIndex:
    """An LSH index of document signatures; answers "which stored document is this a copy of?"."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.signatures: dict[int, MinHash] = {}

    def add_all(self, items: Iterable[tuple[int, bytes]]) -> None:
        for document_id, data in items:
            self.add(document_id, from_bytes(data))

    def add(self, document_id: int, signature: MinHash) -> None:
        if document_id not in self.signatures:
            self.lsh.insert(document_id, signature)
            self.signatures[document_id] = signature

    def best_match(self, signature: MinHash) -> tuple[int, float] | None:
        """The most similar indexed document at or above the threshold, with its estimated Jaccard."""
        candidates = [
            (doc_id, self.signatures[doc_id].jaccard(signature)) for doc_id in self.lsh.query(signature)
        ]
        candidates = [c for c in candidates if c[1] >= self.threshold]
        return max(candidates, key=lambda c: (c[1], -c[0])) if candidates else None
