"""The readers of the ingest stage: every input format in, :class:`RawItem` out.

``iter_items`` is the one entry point; the format modules (``text``, ``html``,
``jsonl``, ``feed``, ``warc``) each turn one kind of container into items, and
``sources`` decides which applies to which input.
"""

from consilience.ingest.readers.sources import iter_items

__all__ = ["iter_items"]
