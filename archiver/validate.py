"""Check committed records: schema, fixity, the ledger against the raw file, and staleness.

Built for a pre-commit hook: one line per problem (``path: what is wrong``),
bounded work per record, and hostile input (truncated JSON, duplicate keys,
deep nesting, huge numbers, paths escaping the raw folder, pipes, symlinks to
devices) gives a problem line, never a traceback, a hang or an open() outside
the raw folder.

What a check proves: a record's own hashes show only that it was not edited
without recomputing them. The raw file is the witness that cannot be forged
along with the record: every removal must be the raw text at its offsets and
the text must be the raw text less its removals, with its repairs
(``archiver/accounting.py``). ``--recompute`` cleans the raw file again and
compares the record byte for byte (the pipeline is deterministic): nothing in
a record escapes it. A manifest signed with a key (``manifest.py``) proves that
the folder is as the key's holder wrote it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from archiver.accounting import ledger_problems
from archiver.archive import fixity_problems, read_record_file, render, sha256_hex
from archiver.batch_files import batch_folder, record_files, safe_raw_path
from archiver.discovery import discover
from archiver.errors import DocumentError
from archiver.manifest import BAG_INFO, MANIFEST, entry_problems, is_batch_folder, manifest_problems, raw_folder
from archiver.naming import printable, record_name, unicode_name
from archiver.readers import read_document
from archiver.readers.warc import WarcProblem, is_warc, read_payload
from archiver.regular_files import read_regular
from archiver.schema import schema_problems
from archiver.wording import plural


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def line(self) -> str:
        """One line, whatever the path or message hold (newlines, escape sequences, undecodable bytes)."""
        return printable(f"{self.path}: {self.message}")


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


def check_record(path: Path, raw_root: Path | None, recompute: bool = False) -> list[str]:
    """Every problem of one record file, as messages."""
    return _check_record(path, raw_root, recompute)[0]


def _check_record(path: Path, raw_root: Path | None, recompute: bool = False) -> tuple[list[str], bytes]:
    data = b""
    try:
        data = read_record_file(path)
        record = parse_record(data)
    except DocumentError as err:
        return [str(err)], data
    except OSError as err:
        return [f"cannot read: {err.strerror or err}"], data
    except ValueError as err:
        return [str(err)], data
    problems = schema_problems(record)
    if problems:
        return problems, data  # fixity and staleness only mean something for a well-formed record
    problems = list(fixity_problems(record))
    if raw_root is not None:
        problems += raw_problems(record, data, raw_root, recompute)
    return problems, data


def raw_problems(record: dict[str, Any], data: bytes, raw_root: Path, recompute: bool = False) -> list[str]:
    """Staleness (the raw file or WARC payload changed or went), then the ledger against the raw text, or,
    with ``recompute``, the whole record against a fresh cleaning of the raw file."""
    source = record["source"]
    raw = _raw_bytes(source, raw_root)
    if isinstance(raw, str):
        return [raw]
    if sha256_hex(raw) != source["sha256"]:
        what = "WARC payload" if "warc" in source else "raw file"
        return [f"stale: {what} of {source['path']} changed since the record was made (sha256 differs)"]
    hint, provenance = _reading(source)
    try:
        if recompute:
            from archiver.config import config_from_record
            from archiver.document import clean_bytes  # the whole pipeline: only when asked for

            config = config_from_record(record["pipeline"].get("settings"))
            fresh = clean_bytes(raw, source["path"], max(len(raw), 1), name_hint=hint, provenance=provenance,
                                config=config)
            same = render(fresh) == data
            return [] if same else ["recompute: the record differs from a fresh cleaning of its raw file"]
        decoded = read_document(raw, hint or source["path"], max(len(raw), 1)).text
    except DocumentError as err:
        return [f"raw file cannot be read again: {err}"]
    return ledger_problems(record, decoded)


def _reading(source: dict[str, Any]) -> tuple[str | None, dict[str, Any] | None]:
    """How ingest read the record's raw bytes: the reader a WARC payload needs, and its provenance."""
    warc = source.get("warc")
    if warc is None:
        return None, None
    return ("payload.txt" if source["media_type"] == "text/plain" else "payload.html"), warc


def _raw_bytes(source: dict[str, Any], raw_root: Path) -> bytes | str:
    """The raw bytes a record was made from (a WARC record's payload), or a problem message."""
    name = source["path"].split("#", 1)[0] if "warc" in source else source["path"]
    raw_path = safe_raw_path(name, raw_root)
    if raw_path is None:
        return f"source.path {source['path']!r} is absolute or leaves the raw folder; not opened"
    try:
        if raw_path.is_symlink() and not raw_path.resolve().is_relative_to(raw_root.resolve()):
            return f"raw file {raw_path} links outside the raw folder; not opened"
        if "warc" not in source:
            return read_regular(raw_path, source["size_bytes"], what="raw file")
        if not raw_path.is_file():
            raise FileNotFoundError
        item = read_payload(raw_path, source["warc"]["offset"], source["size_bytes"])
    except FileNotFoundError:
        return f"stale: raw file {raw_path} is missing"
    except DocumentError as err:
        reason = str(err)
        return f"stale: {reason} (the record says {source['size_bytes']})" if "limit" in reason else reason
    except OSError as err:
        return f"cannot read raw file {raw_path}: {err.strerror or err}"
    if isinstance(item, WarcProblem):
        return f"stale: the WARC record at {source['path']} cannot be read: {item.reason}"
    return item.payload


def missing_records(raw_root: Path, record_root: Path) -> list[Problem]:
    """Raw files under ``raw_root`` that have no record under ``record_root``."""
    problems = []
    for path, rel in discover(raw_root, skip=[record_root]):
        if is_warc(path):
            continue  # one WARC holds many records, named by record id
        expected = record_root / record_name(PurePosixPath(unicode_name(rel.as_posix())))
        if not expected.exists():
            problems.append(Problem(str(path), f"stale: no record (expected {expected})"))
    return problems


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


def validate(paths: list[Path], raw_root: Path | None = None, *, check_missing: bool = True,
             recompute: bool = False, require_manifest: bool = True) -> Report:
    """Check records; staleness and the ledger against ``raw_root``, or against the raw folder each batch
    recorded; with ``recompute``, each record against a fresh cleaning of its raw file.

    Every record ingest writes lies in a batch folder with a manifest, so a record without one (its manifest
    deleted) is a problem unless ``require_manifest`` is off (records written through the Python API). A
    folder's batches are checked whole; a record named alone is checked against its manifest line. A BagIt
    bag (``archiver bag``) is checked as a bag (its manifests, nothing unlisted), then its records against
    the raw files it holds."""
    from archiver.bag import bag_problems, bag_records_and_raw, is_bag

    bags = [p for p in paths if p.is_dir() and is_bag(p)]
    if bags:
        report = validate([p for p in paths if p not in bags], raw_root, check_missing=check_missing,
                          recompute=recompute, require_manifest=require_manifest) if len(bags) < len(paths) \
            else Report()
        for bag in bags:
            records, raw = bag_records_and_raw(bag)
            report.problems += [Problem(path, message) for path, message in bag_problems(bag)]
            inner = validate([records], raw_root or raw, check_missing=check_missing, recompute=recompute,
                             require_manifest=require_manifest)
            report.records += inner.records
            report.problems += inner.problems
            report.record_paths |= inner.record_paths
            report.staleness_unchecked += inner.staleness_unchecked
        return report
    report = Report()
    roots = RawRoots(raw_root)
    folders = [p for p in paths if p.is_dir()]
    batches: dict[Path, Path | None] = {}
    for path in record_files(paths):
        report.records += 1
        report.record_paths.add(str(path))
        root = roots(path)
        report.staleness_unchecked += root is None
        problems, data = _check_record(path, root, recompute)
        if path.parent not in batches:
            batches[path.parent] = batch_folder(path.parent)
        batch = batches[path.parent]
        if batch is None and require_manifest:
            problems.append(f"no batch manifest ({MANIFEST} and {BAG_INFO}) in its folder or above; records "
                            "written by ingest always have one (--no-manifest to check a record alone)")
        elif batch is not None and data and not any(path.is_relative_to(f) for f in folders):
            problems += entry_problems(batch, path, data)
        report.problems += [Problem(str(path), message) for message in problems]
    if check_missing:
        for folder in folders:
            root = roots(folder)
            if root is not None:
                report.problems += missing_records(root, folder)
    from archiver.dedup import index_problems

    for batch in sorted({b for folder in folders for b in batches_in(folder)}):
        report.problems += [Problem(path, message) for path, message in manifest_problems(batch)]
        report.problems += [Problem(path, message) for path, message in index_problems(batch)]
    return report


def batches_in(folder: Path) -> Iterator[Path]:
    """The batch folders that hold or lie under ``folder``."""
    above = batch_folder(folder)
    if above is not None:
        yield above
    for info in folder.rglob(BAG_INFO):
        if info.parent != above and is_batch_folder(info.parent):
            yield info.parent
