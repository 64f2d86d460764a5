"""A real BagIt bag (RFC 8493) of a records folder, and of the raw files its records came from.

The records folder's own manifest is a batch manifest: it lists records beside them, with no ``bagit.txt``
and no payload folder, so BagIt tools do not take it. What an archivist hands to a repository is a bag:

    BAG/bagit.txt                  BagIt-Version 1.0, UTF-8 tag files
    BAG/bag-info.txt               the tool and its version, record and raw file counts, Payload-Oxum
    BAG/manifest-sha256.txt        every payload file's sha256
    BAG/tagmanifest-sha256.txt     the tag files' sha256
    BAG/data/records/...           the records folder as it is (its batch manifest included)
    BAG/data/raw/...               with ``with_raw``: each record's raw file, at its ``source.path``

The bag is built in a temporary folder beside ``out`` and renamed into place: no half bag is ever seen.
Nothing in it depends on the clock (no Bagging-Date), so the same records give the same bag.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from archiver._version import __version__
from archiver.archive import atomic_write, read_record_file
from archiver.batch_files import batch_folder, record_files, safe_raw_path
from archiver.errors import DocumentError
from archiver.manifest import bag_info, decode_name, encode_name, raw_folder
from archiver.regular_files import read_regular

BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
RECORDS = "data/records"
RAW = "data/raw"
_CHUNK = 1 << 20


class BagError(DocumentError):
    """The bag cannot be made (one line): a missing raw file, an output in the way."""


@dataclass(frozen=True)
class BagSummary:
    records: int
    raw_files: int
    payload_bytes: int
    payload_files: int


def make_bag(records: Path, out: Path, *, with_raw: bool = False, raw_root: Path | None = None) -> BagSummary:
    """Bag the records folder ``records`` at ``out`` (which must not exist); with ``with_raw``, also the raw
    files, found under ``raw_root`` or the raw folder the batch recorded."""
    if out.exists() or out.is_symlink():
        raise BagError(f"{out} exists; a bag is written to a new folder")
    if Path(os.path.realpath(out)).is_relative_to(os.path.realpath(records)):
        raise BagError(f"{out} lies inside the records folder {records}")
    raw_root = raw_root or _recorded_raw_folder(records)
    if with_raw and raw_root is None:
        raise BagError(f"no raw folder for {records}: give --raw (the batch's bag-info.txt names none)")
    temp = out.with_name(f".{out.name}.archiver-bag-{os.getpid()}")
    shutil.rmtree(temp, ignore_errors=True)
    try:
        payload = _copy_records(records, temp / RECORDS)
        record_count = sum(1 for rel in payload if rel.endswith(".json"))
        raw = _copy_raw(records, raw_root, temp / RAW) if with_raw and raw_root is not None else {}
        payload.update(raw)
        summary = BagSummary(record_count, len(raw), sum(size for _, size in payload.values()), len(payload))
        _write_tag_files(temp, payload, summary)
        os.replace(temp, out)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return summary


def _recorded_raw_folder(records: Path) -> Path | None:
    batch = batch_folder(records)
    return raw_folder(batch) if batch is not None else None


def _copy(source: Path, target: Path) -> tuple[str, int]:
    """Copy a regular file, hashing it on the way; its sha256 and size."""
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with source.open("rb") as reader, target.open("xb") as writer:
        while chunk := reader.read(_CHUNK):
            digest.update(chunk)
            writer.write(chunk)
            size += len(chunk)
        writer.flush()
        os.fsync(writer.fileno())
    return digest.hexdigest(), size


def _copy_records(records: Path, target: Path) -> dict[str, tuple[str, int]]:
    """Every regular file of the records folder (records, batch manifest, signature), by bag path."""
    payload: dict[str, tuple[str, int]] = {}
    for path in sorted(records.rglob("*")):
        rel = path.relative_to(records)
        if path.is_symlink() or not path.is_file() or any(part.startswith(".") for part in rel.parts):
            continue  # the lock file and temp files are no part of the batch; links are never followed
        payload[f"{RECORDS}/{rel.as_posix()}"] = _copy(path, target / rel)
    return payload


def _copy_raw(records: Path, raw_root: Path, target: Path) -> dict[str, tuple[str, int]]:
    """Each record's raw file once (a WARC holds many records), at its ``source.path``; a missing or changed
    raw file stops the bag: a bag whose raw files do not match its records would mislead whoever gets it."""
    payload: dict[str, tuple[str, int]] = {}
    for path in record_files([records]):
        try:
            source = json.loads(read_record_file(path))["source"]
        except (OSError, ValueError, KeyError, TypeError, DocumentError) as err:
            raise BagError(f"{path}: not a readable record ({err})") from None
        name = source["path"].split("#", 1)[0] if "warc" in source else source["path"]
        bag_path = f"{RAW}/{PurePosixPath(name).as_posix()}"
        if bag_path in payload:
            continue
        raw = safe_raw_path(name, raw_root)
        if raw is None or not raw.is_file() or raw.is_symlink():
            raise BagError(f"{path}: its raw file {name!r} is not under {raw_root}")
        digest, size = _copy(raw, target / Path(*PurePosixPath(name).parts))
        if "warc" not in source and digest != source["sha256"]:
            raise BagError(f"{path}: its raw file {raw} changed since the record was made (sha256 differs)")
        payload[bag_path] = (digest, size)
    return payload


def _write_tag_files(bag: Path, payload: dict[str, tuple[str, int]], summary: BagSummary) -> None:
    manifest = "".join(f"{digest}  {encode_name(rel)}\n" for rel, (digest, _) in sorted(payload.items()))
    info = (f"Bag-Software-Agent: archiver {__version__}\n"
            f"Payload-Oxum: {summary.payload_bytes}.{summary.payload_files}\n"
            f"Record-Count: {summary.records}\n"
            f"Raw-File-Count: {summary.raw_files}\n"
            f"External-Description: archiver records ({RECORDS}/)"
            + (f" and the raw files they were made from ({RAW}/)" if summary.raw_files else "") + "\n")
    tags = {"bagit.txt": BAGIT_TXT, "bag-info.txt": info, "manifest-sha256.txt": manifest}
    for name, text in tags.items():
        atomic_write(bag / name, text.encode("utf-8"))
    tag_manifest = "".join(f"{hashlib.sha256(text.encode('utf-8')).hexdigest()}  {name}\n"
                           for name, text in sorted(tags.items()))
    atomic_write(bag / "tagmanifest-sha256.txt", tag_manifest.encode("utf-8"))


def is_bag(folder: Path) -> bool:
    return (folder / "bagit.txt").is_file() and (folder / "data").is_dir()


def bag_problems(bag: Path) -> list[tuple[str, str]]:
    """(path, problem) for a bag: its tag files, every payload file against the manifest, nothing unlisted,
    and Payload-Oxum."""
    problems: list[tuple[str, str]] = []
    listed: dict[str, str] = {}
    for manifest in ("manifest-sha256.txt", "tagmanifest-sha256.txt"):
        try:
            text = read_regular(bag / manifest, 1 << 30, what=manifest, follow_symlinks=False).decode("utf-8")
        except (OSError, DocumentError, UnicodeDecodeError) as err:
            problems.append((str(bag / manifest), f"bag: cannot read {manifest}: {err}"))
            continue
        for number, line in enumerate(text.splitlines(), 1):
            digest, sep, rel = line.partition("  ")
            if not sep or len(digest) != 64:
                problems.append((str(bag / manifest), f"bag: line {number} is not '<sha256>  <path>'"))
                continue
            name = decode_name(rel)
            if manifest.startswith("manifest") and not name.startswith("data/"):
                problems.append((str(bag / manifest), f"bag: {rel} is outside data/"))
                continue
            path = bag / name
            if ".." in PurePosixPath(name).parts or not path.is_file() or path.is_symlink():
                problems.append((str(path), "bag: listed file missing"))
            elif _sha256(path) != digest:
                problems.append((str(path), "bag: file changed since the bag was made"))
            if manifest.startswith("manifest"):
                listed[name] = digest
    data = bag / "data"
    sizes = 0
    for path in sorted(p for p in data.rglob("*") if p.is_file()):
        rel = path.relative_to(bag).as_posix()
        sizes += path.stat().st_size
        if rel not in listed:
            problems.append((str(path), "bag: file not in the manifest"))
    oxum = bag_info(bag).get("Payload-Oxum", "")
    if oxum and oxum != f"{sizes}.{len(listed)}":
        problems.append((str(bag / "bag-info.txt"), f"bag: Payload-Oxum {oxum} does not match the payload "
                                                     f"({sizes}.{len(listed)})"))
    return problems


def bag_records_and_raw(bag: Path) -> tuple[Path, Path | None]:
    """Where a bag keeps its records, and its raw files if it has them."""
    raw = bag / RAW
    return bag / RECORDS, raw if raw.is_dir() else None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
