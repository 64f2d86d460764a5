"""The Python API for downstream tools: load records (fixity verified), or clean text in memory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from archiver.archive import fixity_problems
from archiver.batch_files import record_files
from archiver.document import clean_bytes
from archiver.errors import RecordError
from archiver.record import Record
from archiver.schema import schema_problems
from archiver.validate import parse_record


def load(path: str | Path, *, verify: bool = True) -> Record:
    """Read one record; with ``verify`` (the default) its schema and hashes are checked.

    Raises RecordError with a one-line reason for a record that is not valid JSON,
    breaks the schema or does not match its own hashes.
    """
    path = Path(path)
    try:
        data = parse_record(path.read_bytes())
    except ValueError as err:
        raise RecordError(f"{path}: {err}") from None
    if verify:
        problems = schema_problems(data) or fixity_problems(data)
        if problems:
            raise RecordError(f"{path}: {problems[0]}")
    return Record.from_dict(data)


def iter_records(folder: str | Path, *, verify: bool = True) -> Iterator[Record]:
    """Every record under ``folder`` (recursively, in sorted path order), loaded one at a time."""
    for path in record_files([Path(folder)]):
        yield load(path, verify=verify)


def clean_text(text: str | bytes, *, source_path: str = "memory.txt") -> Record:
    """Clean a text (or raw bytes, decoded as ``ingest`` decodes a file) in memory, with no files.

    Returns the whole record, as ``archiver ingest`` writes it: ``record.text`` is the clean text, and
    ``removed``, ``repairs`` and ``metadata`` say what left it and why. ``source_path`` names the text in
    the record (its extension picks the reader: ``page.html`` cleans HTML).
    """
    if isinstance(text, str):
        raw = text.encode("utf-8")
    elif isinstance(text, (bytes, bytearray, memoryview)):
        raw = bytes(text)
    else:
        raise TypeError(f"clean_text takes str or bytes, not {type(text).__name__}")
    return Record.from_dict(clean_bytes(raw, source_path))
