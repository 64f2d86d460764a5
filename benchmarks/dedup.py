"""Near-duplicate detection: precision and recall of duplicate pairs, and documents per second.

The case that matters is the same article scraped twice with different furniture. Two sets of such
re-scrapes, cleaned by archiver first (as `archiver dedup` sees records):

- ``bench/dev``: each page's article track and whole-page track (the same article, one with the page's
  menus, teasers and footer around it);
- ``../shared/train``: each page as four renderers turned it into text (lxml, html2text, inscriptis,
  BeautifulSoup), every ``--every``-th page.

A pair is a true duplicate when both documents come from the same page; every other pair of the set is a
negative (different articles, often of one site with the same template). Scored: the pairs that
``find_duplicates`` puts in one cluster, at several thresholds.

    .venv/bin/python benchmarks/dedup.py [--every 4] [--json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from collections import defaultdict
from pathlib import Path

from archiver.dedup import Entry, find_duplicates, shingles, signature
from archiver.document import clean_bytes
from archiver.errors import DocumentError

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def documents(every: int) -> list[tuple[str, str, Path]]:
    """(set, page, file) of every document of both sets."""
    docs = []
    dev = SHARED / "bench" / "dev"
    for track in ("article", "page"):
        docs += [("bench/dev", p.stem, p) for p in sorted((dev / track).glob("*.txt"))]
    pages = sorted(p.stem for p in (SHARED / "train" / "gold").glob("*.txt"))[::every]
    for renderer in ("lxml", "html2text", "inscriptis", "bs4"):
        folder = SHARED / "train" / f"page_{renderer}"
        docs += [("train", page, folder / f"{page}.txt") for page in pages if (folder / f"{page}.txt").exists()]
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=4)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    by_set: dict[str, list[tuple[str, Entry]]] = defaultdict(list)
    texts = 0
    started = time.perf_counter()
    sketch_seconds = 0.0
    for name, page, path in documents(args.every):
        try:
            record = clean_bytes(path.read_bytes(), path.name)
        except DocumentError:
            continue
        texts += 1
        before = time.perf_counter()
        entry = Entry(f"{path.parent.name}/{path.name}", record["id"], record["hashes"]["text_sha256"],
                      len(record["text"]), signature(shingles(record["text"])))
        sketch_seconds += time.perf_counter() - before
        by_set[name].append((page, entry))
    cleaning = time.perf_counter() - started - sketch_seconds
    report: dict[str, dict] = {}
    for name, items in sorted(by_set.items()):
        page_of = {e.path: page for page, e in items}
        truth = {frozenset((a.path, b.path)) for (pa, a), (pb, b) in itertools.combinations(items, 2) if pa == pb}
        rows = {}
        for threshold in THRESHOLDS:
            before = time.perf_counter()
            lines = find_duplicates([e for _, e in items], threshold)
            seconds = time.perf_counter() - before
            clusters = defaultdict(list)
            for line in lines:
                clusters[line["cluster"]].append(line["path"])
            found = {frozenset(pair) for members in clusters.values() for pair in itertools.combinations(members, 2)}
            right = len(found & truth)
            rows[f"{threshold:.1f}"] = {"P": round(right / len(found), 3) if found else 1.0,
                                        "R": round(right / len(truth), 3) if truth else 1.0,
                                        "pairs_found": len(found), "index_seconds": round(seconds, 3)}
        report[name] = {"documents": len(items), "pages": len(set(page_of.values())), "true_pairs": len(truth),
                        "by_threshold": rows}
    report["speed"] = {"documents": texts, "sketch_docs_per_s": round(texts / sketch_seconds, 1),
                       "cleaning_docs_per_s": round(texts / cleaning, 1)}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for name, entry in report.items():
        if name == "speed":
            continue
        print(f"{name}: {entry['documents']} documents of {entry['pages']} pages, {entry['true_pairs']} true pairs")
        for threshold, row in entry["by_threshold"].items():
            print(f"  threshold {threshold}: P {row['P']:.3f} R {row['R']:.3f} ({row['pairs_found']} pairs, "
                  f"index {row['index_seconds']} s)")
    speed = report["speed"]
    print(f"sketches: {speed['sketch_docs_per_s']} docs/s ({speed['documents']} documents; cleaning them "
          f"{speed['cleaning_docs_per_s']} docs/s)")


if __name__ == "__main__":
    main()
