"""The batch manifest of a record folder: ``manifest-sha256.txt`` and ``bag-info.txt``.

Archivists check a collection by manifest: every record's sha256 and relative
path, sorted, so a record that goes missing, appears unannounced or changes is
caught without trusting the records themselves. ``bag-info.txt`` says which tool
wrote the folder, how much it holds and where its raw files are (``Raw-Folder``,
relative to the records folder), so ``validate`` checks staleness against the
batch's own raw folder, not whatever ``raw/`` the working directory has.
"""

from __future__ import annotations

import os
from pathlib import Path

from archiver._version import __version__
from archiver.archive import atomic_write, sha256_hex

MANIFEST = "manifest-sha256.txt"
BAG_INFO = "bag-info.txt"
AGENT = "Bag-Software-Agent: archiver"
RAW_FOLDER = "Raw-Folder"


def record_paths(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.json") if not any(part.startswith(".") for part in p.parts))


def bag_info(folder: Path) -> dict[str, str]:
    """``bag-info.txt`` as labels and values (empty when missing or unreadable)."""
    try:
        text = (folder / BAG_INFO).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    pairs = (line.split(":", 1) for line in text.splitlines() if ":" in line)
    return {label.strip(): value.strip() for label, value in pairs}


def written_by_archiver(folder: Path) -> bool:
    return bag_info(folder).get("Bag-Software-Agent", "").startswith("archiver")


def is_batch_folder(folder: Path, names: set[str] | None = None) -> bool:
    """A records folder archiver wrote (its manifest and ``bag-info.txt``); ``names``: the folder's entries,
    when the caller has listed them already."""
    if names is not None:
        present = MANIFEST in names and BAG_INFO in names
    else:
        present = (folder / MANIFEST).is_file() and (folder / BAG_INFO).is_file()
    return present and written_by_archiver(folder)


def raw_folder(folder: Path) -> Path | None:
    """The raw folder a batch was ingested from, as its ``bag-info.txt`` records it."""
    value = bag_info(folder).get(RAW_FOLDER)
    return (folder / value) if value else None


def write_manifest(folder: Path, raw_root: Path | None = None) -> int:
    """(Re)write the manifest and summary for every record under ``folder``; returns the count.

    ``raw_root`` (the one folder ingested) is recorded relative to ``folder``; without one, the folder's
    earlier record of it stands."""
    lines, total = [], 0
    for path in record_paths(folder):
        data = path.read_bytes()
        total += len(data)
        lines.append(f"{sha256_hex(data)}  {path.relative_to(folder).as_posix()}")
    atomic_write(folder / MANIFEST, ("\n".join(lines) + "\n" if lines else "").encode("utf-8"))
    info = f"{AGENT} {__version__}\nPayload-Oxum: {total}.{len(lines)}\nRecord-Count: {len(lines)}\n"
    raw = os.path.relpath(os.path.realpath(raw_root), os.path.realpath(folder)) if raw_root else None
    raw = Path(raw).as_posix() if raw else bag_info(folder).get(RAW_FOLDER)
    if raw:
        info += f"{RAW_FOLDER}: {raw}\n"
    atomic_write(folder / BAG_INFO, info.encode("utf-8"))
    return len(lines)


def manifest_problems(folder: Path) -> list[tuple[str, str]]:
    """(path, problem) for records missing, added without a manifest line, or changed."""
    manifest = folder / MANIFEST
    listed: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for number, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), 1):
        digest, sep, rel = line.partition("  ")
        if not sep or len(digest) != 64 or not rel:
            problems.append((str(manifest), f"line {number} is not '<sha256>  <path>'"))
            continue
        listed[rel] = digest
    present = {p.relative_to(folder).as_posix(): p for p in record_paths(folder)}
    for rel, digest in listed.items():
        path = present.get(rel)
        if path is None:
            problems.append((str(folder / rel), "manifest: record listed but missing"))
        elif sha256_hex(path.read_bytes()) != digest:
            problems.append((str(path), "manifest: record changed since the manifest was written"))
    for rel, path in present.items():
        if rel not in listed:
            problems.append((str(path), "manifest: record not in the manifest"))
    return problems
