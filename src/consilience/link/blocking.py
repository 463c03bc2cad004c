"""Candidate pairs, block by block: never all pairs.

Why: a corpus of 100k documents has millions of event records; comparing
every pair is n².  Each record emits a few block keys (time bucket × event
family × country/admin1, and time bucket × family × actor pair); only records
that share a key are compared.  A block too large to compare in full (a
week of a war in one province) is sorted on finer features and compared in a
sliding window (the sorted-neighbourhood method), so the work is
O(n·window) plus the sort: near n log n.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import date, timedelta
from typing import TypeVar

__all__ = ["EPOCH", "candidate_pairs", "day_number", "time_buckets"]

T = TypeVar("T")

#: Days per time bucket.  A record is put in every bucket its date interval touches.
BUCKET_DAYS = 7
#: A record whose interval spans more buckets than this is "coarse": one key per month instead.
MAX_BUCKETS = 6

EPOCH = date(1970, 1, 1)


def day_number(iso: str | None) -> int | None:
    """Days since 1970-01-01 for an ISO day (YYYY-MM-DD); None for anything else."""
    if not iso or len(iso) < 10:
        return None
    try:
        return (date.fromisoformat(iso[:10]) - EPOCH).days
    except ValueError:
        return None


def time_buckets(earliest: str | None, latest: str | None) -> list[str]:
    """The time block keys of a date interval (``w<n>`` weeks, ``m<YYYY-MM>`` when coarse)."""
    lo, hi = day_number(earliest), day_number(latest)
    if lo is None and hi is None:
        return ["nodate"]
    lo = lo if lo is not None else hi
    hi = hi if hi is not None else lo
    assert lo is not None and hi is not None
    first, last = lo // BUCKET_DAYS, hi // BUCKET_DAYS
    if last - first + 1 > MAX_BUCKETS:
        start = EPOCH + timedelta(days=lo)
        return [f"m{start.year:04d}-{start.month:02d}"]
    return [f"w{b}" for b in range(first, last + 1)]


def candidate_pairs(items: Sequence[T], keys: Callable[[T], Iterable[Hashable]], *,
                    sort_key: Callable[[T], tuple] | None = None, max_block: int = 64,
                    window: int = 12) -> set[tuple[int, int]]:
    """Index pairs (i < j) of ``items`` that share a block key.

    Blocks of at most ``max_block`` items are compared in full; larger ones
    are sorted by ``sort_key`` and each item is paired with the next
    ``window`` items only.
    """
    blocks: dict[Hashable, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        for key in set(keys(item)):
            blocks[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        n = len(members)
        if n < 2:
            continue
        if n <= max_block:
            for x in range(n):
                for y in range(x + 1, n):
                    a, b = members[x], members[y]
                    pairs.add((a, b) if a < b else (b, a))
            continue
        ordered = sorted(members, key=(lambda i: sort_key(items[i])) if sort_key else None)
        for x in range(n):
            for y in range(x + 1, min(n, x + 1 + window)):
                a, b = ordered[x], ordered[y]
                pairs.add((a, b) if a < b else (b, a))
    return pairs
