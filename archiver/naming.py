"""How inputs and records are named: a record's path from its input's, and an input's name in a message."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

_COMPOUND_SUFFIXES = (".html.gz", ".htm.gz", ".txt.gz", ".warc.gz", ".arc.gz")


def record_name(rel: PurePosixPath) -> PurePosixPath:
    """``a/b.html.gz`` -> ``a/b.json``: the input's extension replaced by ``.json``."""
    name = rel.name
    for suffix in _COMPOUND_SUFFIXES:
        if name.lower().endswith(suffix):
            return rel.with_name(name[: -len(suffix)] + ".json")
    return rel.with_suffix(".json") if rel.suffix else rel.with_name(name + ".json")


def sidecars(names: Iterable[str]) -> frozenset[str]:
    """The ``.json`` files among a folder's file ``names`` that sit beside a document of the same name
    (``a.json`` beside ``a.txt`` or ``a.html.gz``): a scraper's metadata or a benchmark's answer key, not a
    document. Cleaned as text, it would claim the record its document needs."""
    names = list(names)
    documents = {record_name(PurePosixPath(n)).name for n in names if not n.lower().endswith(".json")}
    return frozenset(n for n in names if n.lower().endswith(".json") and n in documents)


def unicode_name(name: str) -> str:
    """A file name as valid Unicode: bytes that were not UTF-8 written as \\xNN escapes."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def printable(name: str) -> str:
    """A path as one safe line for messages: control characters and undecodable bytes escaped."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in unicode_name(name))
