"""Duplicates in a records folder: the same raw file, the same clean text, or the same article re-scraped.

An archive keeps everything, so nothing here touches a record or a raw file: ``archiver dedup`` writes an
index beside the records (``duplicates.jsonl``), one line per record that has a duplicate, and ``export
--dedup`` leaves out all but each cluster's representative.

- **Exact**: records whose raw files are byte-identical (the same ``id``) or whose clean texts are (the same
  ``text_sha256``) fall in one cluster, similarity 1.0.
- **Near**: the same article scraped twice with different furniture cleans to texts that differ in a few
  lines. Each text's word 5-shingles (lower-cased) are summarised by a one-permutation MinHash
  signature (Li, Owen and Zhang 2012; densified by rotation as Shrivastava and Li 2014): each shingle's
  64-bit hash (BLAKE2b, no seed to vary) falls in one of 128 bins, each bin keeps its smallest value, and an
  empty bin borrows the next filled one's. It estimates the Jaccard similarity of two shingle sets as
  classic MinHash does, with one hash per shingle instead of 128 (a 2,500-shingle article: 95 ms with 128
  hash functions in Python, a few ms this way). Locality-sensitive hashing over 32 bands of 4 bins
  proposes pairs, and a pair is a duplicate when its signatures agree on at least ``threshold`` of the
  bins (0.6 by default: on the re-scrapes of ``benchmarks/dedup.py``, precision 0.99-1.00 at every
  threshold from 0.5 to 0.9, recall 0.905-1.000 at 0.6, falling to 0.67-0.87 at 0.9).

Clusters are the connected groups of duplicate pairs; the representative is the record with the longest
clean text (the most complete copy), ties to the first path. Everything is in sorted path order, so the
index is byte-identical from run to run.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archiver.archive import MAX_RECORD_BYTES, atomic_write, read_record_file
from archiver.errors import DocumentError
from archiver.regular_files import read_regular

INDEX = "duplicates.jsonl"
PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
SHINGLE = 5
DEFAULT_THRESHOLD = 0.6
_WORD = re.compile(r"\w+")
EMPTY = 1 << 64  # above every 64-bit hash: a bin no shingle fell in
_NO_WORDS = (EMPTY,) * PERMUTATIONS


@dataclass(frozen=True)
class Entry:
    """One record as deduplication sees it."""

    path: str            # relative to the records folder, POSIX
    id: str
    text_sha256: str
    chars: int
    signature: tuple[int, ...]


def shingles(text: str, size: int = SHINGLE) -> set[int]:
    """64-bit hashes of the text's lower-cased word ``size``-grams (the whole text when it is shorter)."""
    words = _WORD.findall(text.lower())
    grams = [" ".join(words[i:i + size]) for i in range(max(1, len(words) - size + 1))] if words else []
    return {int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "big") for g in grams}


def signature(hashes: set[int]) -> tuple[int, ...]:
    """The one-permutation MinHash signature of a shingle set (all maxima for an empty text, which matches
    nothing)."""
    empty = EMPTY
    bins = [empty] * PERMUTATIONS
    for h in hashes:
        index, value = h % PERMUTATIONS, h // PERMUTATIONS
        if value < bins[index]:
            bins[index] = value
    if not hashes:
        return tuple(bins)
    filled = [i for i, v in enumerate(bins) if v != empty]
    if len(filled) < PERMUTATIONS:  # densify: an empty bin takes the next filled bin's value, marked by distance
        out = list(bins)
        for i in range(PERMUTATIONS):
            distance = 0
            while bins[(i + distance) % PERMUTATIONS] == empty:
                distance += 1
            out[i] = bins[(i + distance) % PERMUTATIONS] + distance * empty
        return tuple(out)
    return tuple(bins)


def similarity(one: tuple[int, ...], other: tuple[int, ...]) -> float:
    """The share of positions where two signatures agree: an estimate of the shingles' Jaccard similarity."""
    return sum(x == y for x, y in zip(one, other, strict=True)) / PERMUTATIONS


def entry(path: Path, folder: Path) -> Entry:
    try:
        record = json.loads(read_record_file(path))
        text = record["text"]
        return Entry(path.relative_to(folder).as_posix(), record["id"], record["hashes"]["text_sha256"], len(text),
                     signature(shingles(text)) if text.strip() else (EMPTY,) * PERMUTATIONS)
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise DocumentError(f"{path}: not a readable record ({err})") from None


def find_duplicates(entries: list[Entry], threshold: float = DEFAULT_THRESHOLD) -> list[dict[str, Any]]:
    """The index lines: every record that has a duplicate, with its cluster, the representative and the
    similarity to it (the best evidence that joined it), in path order."""
    entries = sorted(entries, key=lambda e: e.path)
    parent = list(range(len(entries)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    kinds: dict[tuple[int, int], tuple[str, float]] = {}
    for key in ("id", "text_sha256"):
        groups: dict[str, list[int]] = defaultdict(list)
        for i, e in enumerate(entries):
            groups[getattr(e, key)].append(i)
        for members in groups.values():
            for j in members[1:]:
                join(members[0], j)
                kinds.setdefault((members[0], j), ("raw" if key == "id" else "text", 1.0))
    buckets: dict[tuple[int, tuple[int, ...]], list[int]] = defaultdict(list)
    for i, e in enumerate(entries):
        if e.signature == _NO_WORDS:
            continue  # no words: nothing to compare (an empty text is an exact duplicate or nothing)
        for band in range(BANDS):
            buckets[(band, e.signature[band * ROWS:(band + 1) * ROWS])].append(i)
    checked: set[tuple[int, int]] = set()
    for members in buckets.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if (i, j) in checked or root(i) == root(j):
                    continue
                checked.add((i, j))
                score = similarity(entries[i].signature, entries[j].signature)
                if score >= threshold:
                    join(i, j)
                    kinds.setdefault((i, j), ("near", score))
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(entries)):
        clusters[root(i)].append(i)
    lines = []
    for members in clusters.values():
        if len(members) < 2:
            continue
        keep = max(members, key=lambda i: (entries[i].chars, -i))
        cluster = entries[min(members)].path
        for i in members:
            e = entries[i]
            kind, score = _evidence(i, keep, entries, kinds)
            lines.append({"path": e.path, "id": e.id, "cluster": cluster, "representative": entries[keep].path,
                          "kept": i == keep, "kind": kind, "similarity": round(score, 4)})
    return sorted(lines, key=lambda line: line["path"])


def _evidence(i: int, keep: int, entries: list[Entry], kinds: dict[tuple[int, int], tuple[str, float]]
              ) -> tuple[str, float]:
    """How record ``i`` relates to its representative: identical raw or text, or its estimated similarity."""
    if i == keep:
        return "representative", 1.0
    a, b = entries[i], entries[keep]
    if a.id == b.id:
        return "raw", 1.0
    if a.text_sha256 == b.text_sha256:
        return "text", 1.0
    return "near", similarity(a.signature, b.signature)


def dedup(folder: Path, threshold: float = DEFAULT_THRESHOLD,
          files: Iterable[Path] | None = None) -> list[dict[str, Any]]:
    """Index the duplicates among the records under ``folder`` and write ``folder/duplicates.jsonl``."""
    from archiver.batch_files import record_files

    entries = [entry(path, folder) for path in (files if files is not None else record_files([folder]))]
    lines = find_duplicates(entries, threshold)
    data = "".join(json.dumps(line, sort_keys=True, ensure_ascii=False) + "\n" for line in lines)
    atomic_write(folder / INDEX, data.encode("utf-8"))
    return lines


def read_index(folder: Path) -> list[dict[str, Any]] | None:
    """The folder's duplicates index, or None when it has none."""
    path = folder / INDEX
    if not path.exists():
        return None
    text = read_regular(path, MAX_RECORD_BYTES, what=INDEX, follow_symlinks=False).decode("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def index_problems(folder: Path) -> list[tuple[str, str]]:
    """The index against the records: every path a record with that id, every cluster with one
    representative that is its own member."""
    path = folder / INDEX
    try:
        lines = read_index(folder)
    except (OSError, ValueError, DocumentError) as err:
        return [(str(path), f"duplicates index cannot be read: {err}")]
    if lines is None:
        return []
    problems: list[tuple[str, str]] = []
    clusters: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for number, line in enumerate(lines, 1):
        try:
            record = json.loads(read_record_file(folder / line["path"]))
            if record["id"] != line["id"]:
                problems.append((str(path), f"line {number}: {line['path']} is another record now (re-run dedup)"))
            clusters[line["cluster"]].append(line)
        except (OSError, ValueError, KeyError, TypeError, DocumentError):
            problems.append((str(path), f"line {number}: no record {line.get('path')!r} (re-run dedup)"))
    for cluster, members in sorted(clusters.items()):
        kept = [m["path"] for m in members if m.get("kept")]
        if len(kept) != 1 or any(m["representative"] != kept[0] for m in members):
            problems.append((str(path), f"cluster {cluster}: not exactly one representative among its members"))
    return problems


def left_out_by_dedup(folder: Path) -> set[str]:
    """Paths (relative to ``folder``) of duplicates that are not their cluster's representative."""
    lines = read_index(folder)
    if lines is None:
        raise DocumentError(f"no {INDEX} in {folder}: run `archiver dedup {folder}` first")
    return {line["path"] for line in lines if not line["kept"]}
