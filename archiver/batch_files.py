"""Where a batch's files are: the record files under some paths, the batch folder that holds a path, and
the raw file a record cites under a raw folder (never outside it). Validation, bags and deduplication all
walk batches this way."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from archiver.manifest import is_batch_folder

RECORD_SUFFIX = ".json"


def record_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Record files under ``paths``, in sorted order (folders walked recursively)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*" + RECORD_SUFFIX) if not p.name.startswith("."))
        else:
            yield path


def batch_folder(path: Path) -> Path | None:
    """The archiver batch folder that holds ``path`` (a record file or a folder), if any."""
    for folder in (path, *path.parents) if path.is_dir() else path.parents:
        if is_batch_folder(folder):
            return folder
    return None


# A name that was not UTF-8 is recorded with its bytes as \xNN (``naming.unicode_name``); on disk each such
# byte is the surrogate os.fsdecode gives it.
_ESCAPED_BYTE = re.compile(r"\\x([89a-fA-F][0-9a-fA-F])")


def safe_raw_path(source_path: str, raw_root: Path) -> Path | None:
    """The raw file a record cites, or None when the path is absolute or escapes ``raw_root``."""
    source_path = _ESCAPED_BYTE.sub(lambda m: chr(0xDC00 + int(m.group(1), 16)), source_path)
    rel = PurePosixPath(source_path)
    if rel.is_absolute() or ".." in rel.parts or "\\" in source_path or not rel.parts:
        return None
    return raw_root.joinpath(*rel.parts)
