"""The SQLite store: schema migrations, writes, named queries."""

from consilience.store.db import Store
from consilience.store.migrations import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Store"]
