"""BagIt-style fixity manifest of a record folder: ``manifest-sha256.txt`` and ``bag-info.txt``.

Archivists check a collection by manifest: every record's sha256 and relative
path, sorted, so a record that goes missing, appears unannounced or changes is
caught without trusting the records themselves.
"""

from __future__ import annotations

from pathlib import Path

from archiver._version import __version__
from archiver.archive import atomic_write, sha256_hex

MANIFEST = "manifest-sha256.txt"
BAG_INFO = "bag-info.txt"


def record_paths(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.json") if not any(part.startswith(".") for part in p.parts))


def write_manifest(folder: Path) -> int:
    """(Re)write the manifest and summary for every record under ``folder``; returns the count."""
    lines, total = [], 0
    for path in record_paths(folder):
        data = path.read_bytes()
        total += len(data)
        lines.append(f"{sha256_hex(data)}  {path.relative_to(folder).as_posix()}")
    atomic_write(folder / MANIFEST, ("\n".join(lines) + "\n" if lines else "").encode("utf-8"))
    info = (f"Bag-Software-Agent: archiver {__version__}\nPayload-Oxum: {total}.{len(lines)}\n"
            f"Record-Count: {len(lines)}\n")
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
