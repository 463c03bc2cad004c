"""Consilience: rebuild what happened from many news reports, cross-checked and source-attributed."""

__version__ = "0.1.0"
