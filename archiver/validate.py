"""Check committed records: schema, fixity, and staleness against their raw files.

Built for a pre-commit hook: one line per problem (``path: what is wrong``),
bounded work per record, and hostile input (truncated JSON, duplicate keys,
deep nesting, huge numbers, paths escaping the raw folder) gives a problem
line, never a traceback or an open() outside the raw folder.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from archiver.archive import fixity_problems, sha256_hex
from archiver.discovery import discover
from archiver.ingest import record_name
from archiver.manifest import BAG_INFO, MANIFEST, is_batch_folder, manifest_problems, raw_folder
from archiver.readers.warc import is_warc
from archiver.schema import schema_problems
from archiver.wording import plural

MAX_RECORD_BYTES = 256 * 1024 * 1024
RECORD_SUFFIX = ".json"


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def line(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class Report:
    records: int = 0
    problems: list[Problem] = field(default_factory=list)
    record_paths: set[str] = field(default_factory=set)  # the record files checked
    staleness_unchecked: int = 0                         # records with no raw folder to check against

    def summary(self) -> str:
        """One line; a record with several problems is one invalid record, and a problem that is no record's
        (a raw file without a record, the manifest) makes no record invalid."""
        invalid = len({p.path for p in self.problems} & self.record_paths)
        line = (f"{plural(self.records, 'record')} checked: {self.records - invalid} valid, "
                f"{plural(len(self.problems), 'problem')}")
        if self.staleness_unchecked:
            line += (f"; staleness not checked for {plural(self.staleness_unchecked, 'record')} "
                     f"(no raw folder recorded in {BAG_INFO}; give --raw)")
        return line


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(f"duplicate key {key!r}")
        seen[key] = value
    return seen


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse_record(data: bytes) -> dict[str, Any]:
    """Strict JSON: UTF-8, no duplicate keys, no NaN/Infinity; ValueError with a one-line reason."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ValueError(f"not UTF-8 (byte {err.start})") from None
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except _DuplicateKey as err:
        raise ValueError(str(err)) from None
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    except json.JSONDecodeError as err:
        raise ValueError(f"invalid JSON: {err.msg} at line {err.lineno} column {err.colno}") from None
    if not isinstance(value, dict):
        raise ValueError("record is not a JSON object")
    return value


def record_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Record files under ``paths``, in sorted order (folders walked recursively)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*" + RECORD_SUFFIX) if not p.name.startswith("."))
        else:
            yield path


def check_record(path: Path, raw_root: Path | None) -> list[str]:
    """Every problem of one record file, as messages."""
    try:
        size = path.stat().st_size
        if size > MAX_RECORD_BYTES:
            return [f"record is {size} bytes, over the limit of {MAX_RECORD_BYTES}"]
        record = parse_record(path.read_bytes())
    except OSError as err:
        return [f"cannot read: {err.strerror or err}"]
    except ValueError as err:
        return [str(err)]
    problems = schema_problems(record)
    if problems:
        return problems  # fixity and staleness only mean something for a well-formed record
    problems = list(fixity_problems(record))
    if raw_root is not None:
        problems += stale_problems(record, raw_root)
    return problems


def safe_raw_path(source_path: str, raw_root: Path) -> Path | None:
    """The raw file a record cites, or None when the path is absolute or escapes ``raw_root``."""
    rel = PurePosixPath(source_path)
    if rel.is_absolute() or ".." in rel.parts or "\\" in source_path or not rel.parts:
        return None
    return raw_root.joinpath(*rel.parts)


def stale_problems(record: dict[str, Any], raw_root: Path) -> list[str]:
    source = record["source"]
    if "warc" in source:  # the raw file is the WARC; the record's sha256 is its payload's
        warc = safe_raw_path(source["path"].split("#", 1)[0], raw_root)
        if warc is None:
            return [f"source.path {source['path']!r} is absolute or leaves the raw folder; not opened"]
        return [] if warc.exists() else [f"stale: WARC file {warc} is missing"]
    raw_path = safe_raw_path(source["path"], raw_root)
    if raw_path is None:
        return [f"source.path {source['path']!r} is absolute or leaves the raw folder; not opened"]
    try:
        if raw_path.is_symlink() and not raw_path.resolve().is_relative_to(raw_root.resolve()):
            return [f"raw file {raw_path} links outside the raw folder; not opened"]
        data = raw_path.read_bytes()
    except FileNotFoundError:
        return [f"stale: raw file {raw_path} is missing"]
    except OSError as err:
        return [f"cannot read raw file {raw_path}: {err.strerror or err}"]
    if sha256_hex(data) != source["sha256"]:
        return [f"stale: raw file {raw_path} changed since the record was made (sha256 differs)"]
    return []


def missing_records(raw_root: Path, record_root: Path) -> list[Problem]:
    """Raw files under ``raw_root`` that have no record under ``record_root``."""
    problems = []
    for path, rel in discover(raw_root, skip=[record_root]):
        if is_warc(path):
            continue  # one WARC holds many records, named by record id
        expected = record_root / record_name(rel)
        if not expected.exists():
            problems.append(Problem(str(path), f"stale: no record (expected {expected})"))
    return problems


def batch_folder(path: Path) -> Path | None:
    """The archiver batch folder that holds ``path`` (a record file or a folder), if any."""
    for folder in (path, *path.parents) if path.is_dir() else path.parents:
        if is_batch_folder(folder):
            return folder
    return None


class RawRoots:
    """Each record's raw folder: the one given (``--raw``), else the one its batch recorded; never a guess
    from the working directory."""

    def __init__(self, given: Path | None) -> None:
        self.given = given
        self._by_folder: dict[Path, Path | None] = {}

    def __call__(self, path: Path) -> Path | None:
        if self.given is not None:
            return self.given
        folder = path if path.is_dir() else path.parent
        if folder not in self._by_folder:
            batch = batch_folder(folder)
            self._by_folder[folder] = raw_folder(batch) if batch is not None else None
        return self._by_folder[folder]


def validate(paths: list[Path], raw_root: Path | None = None, *, check_missing: bool = True) -> Report:
    """Check records; staleness against ``raw_root``, or against the raw folder each batch recorded."""
    report = Report()
    roots = RawRoots(raw_root)
    for path in record_files(paths):
        report.records += 1
        report.record_paths.add(str(path))
        root = roots(path)
        report.staleness_unchecked += root is None
        report.problems += [Problem(str(path), message) for message in check_record(path, root)]
    if check_missing:
        for folder in (p for p in paths if p.is_dir()):
            root = roots(folder)
            if root is not None:
                report.problems += missing_records(root, folder)
    for folder in (p for p in paths if p.is_dir() and (p / MANIFEST).is_file()):
        report.problems += [Problem(path, message) for path, message in manifest_problems(folder)]
    return report
