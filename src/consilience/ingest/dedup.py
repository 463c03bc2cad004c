"""Cross-document near-duplicates: MinHash signatures and an LSH index over them.

Why MinHash: syndicated copies of one wire story differ in headline,
furniture and a few edited words, so exact hashes miss them; word-shingle
Jaccard sees them, and MinHash estimates it from a fixed-size signature.
Signatures are bytes (``num_perm`` little-endian uint64 hash values) so the
store keeps one per document and a new document is checked against the
corpus by loading signatures, not by re-reading and re-hashing every text.

The hash scheme and seed are fixed (``affine64``, seed 1): signatures made
by different runs must be comparable, and a change here invalidates stored
signatures.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

import numpy as np

from consilience.config import DEFAULT_CONFIG, Config

SEED = 1
SCHEME = "affine64"
_DTYPE = np.dtype("<u8")
_WORD = re.compile(r"\w+")

if TYPE_CHECKING:
    from datasketch import LeanMinHash


def shingles(text: str, size: int) -> set[bytes]:
    """Word ``size``-grams of the normalised text (a shorter text is one shingle)."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str, config: Config = DEFAULT_CONFIG) -> bytes:
    """The MinHash signature of ``text`` as bytes, for storage."""
    from datasketch import MinHash   # imported when first needed: the package costs 0.5 s to import

    minhash = MinHash(num_perm=config.minhash_num_perm, seed=SEED, scheme=SCHEME)
    grams = sorted(shingles(text, config.minhash_shingle_words))
    if grams:
        minhash.update_batch(grams)
    return np.asarray(minhash.hashvalues, dtype=_DTYPE).tobytes()


def _lean(sig: bytes, num_perm: int) -> "LeanMinHash":
    from datasketch import LeanMinHash

    if len(sig) != num_perm * _DTYPE.itemsize:
        raise ValueError(f"signature has {len(sig)} bytes; expected {num_perm * _DTYPE.itemsize} ({num_perm} permutations)")
    return LeanMinHash(seed=SEED, hashvalues=np.frombuffer(sig, dtype=_DTYPE), scheme=SCHEME)


def similarity(sig_a: bytes, sig_b: bytes, config: Config = DEFAULT_CONFIG) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(_lean(sig_a, config.minhash_num_perm).jaccard(_lean(sig_b, config.minhash_num_perm)))


class DuplicateIndex:
    """Stored signatures, queried for near duplicates of a new one.

    LSH proposes candidates; each is then checked with the estimated Jaccard
    against ``config.minhash_threshold``, so a result is never just an LSH
    bucket collision.
    """

    def __init__(self, config: Config = DEFAULT_CONFIG) -> None:
        self._config = config
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=config.minhash_threshold, num_perm=config.minhash_num_perm)
        self._sketches: dict[str, "LeanMinHash"] = {}

    def __len__(self) -> int:
        return len(self._sketches)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._sketches

    def add(self, doc_id: str, sig: bytes) -> None:
        """Index a signature; adding the same id with the same signature again is a no-op."""
        sketch = _lean(sig, self._config.minhash_num_perm)
        if doc_id in self._sketches:
            if self._sketches[doc_id] != sketch:
                raise ValueError(f"document {doc_id!r} is already indexed with another signature")
            return
        self._lsh.insert(doc_id, sketch)
        self._sketches[doc_id] = sketch

    def query(self, sig: bytes) -> list[tuple[str, float]]:
        """Indexed documents at or above the threshold, best first: (doc_id, estimated Jaccard)."""
        sketch = _lean(sig, self._config.minhash_num_perm)
        found = []
        for doc_id in self._lsh.query(sketch):
            score = float(sketch.jaccard(self._sketches[doc_id]))
            if score >= self._config.minhash_threshold:
                found.append((doc_id, score))
        found.sort(key=lambda pair: (-pair[1], pair[0]))
        return found


__all__ = ["DuplicateIndex", "SCHEME", "SEED", "shingles", "signature", "similarity"]
