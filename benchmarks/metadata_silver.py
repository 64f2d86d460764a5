"""Title, date and author found by the text path, against silver labels from the same pages' HTML.

The hidden metadata set scores whole-page *text*; what the text path should find there is what the page's
markup states. trafilatura's metadata extraction on ``../shared/train/html`` (and ``bench/dev/html``) gives
those silver labels; each page's four renderings then go through ``clean_bytes`` and are scored as the
issue scores: title or author correct when their token F1 with the label is >= 0.8, a date when it is the
same YYYY-MM-DD. Only pages whose label has the field count for it.

    .venv/bin/python benchmarks/metadata_silver.py [--every N] [--json]

The labels are cached in ``build/metadata_silver.json`` (trafilatura takes about a minute for all pages).
Silver, not gold: trafilatura is wrong on some pages, and then a right answer scores as wrong.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

from archiver.document import clean_bytes

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TRAIN = SHARED / "train"
CACHE = ROOT / "build" / "metadata_silver.json"
RENDERERS = ("lxml", "html2text", "inscriptis", "bs4")
FIELDS = ("title", "date", "author")
_WORD = re.compile(r"\w+")


def token_f1(a: str, b: str) -> float:
    x, y = Counter(_WORD.findall(a.lower())), Counter(_WORD.findall(b.lower()))
    common = sum((x & y).values())
    if not common:
        return 0.0
    precision, recall = common / sum(y.values()), common / sum(x.values())
    return 2 * precision * recall / (precision + recall)


def silver_labels() -> dict[str, dict[str, str | None]]:
    if CACHE.exists():
        return json.loads(CACHE.read_text(encoding="utf-8"))
    from trafilatura import extract_metadata

    labels: dict[str, dict[str, str | None]] = {}
    for path in sorted((TRAIN / "html").iterdir()):
        page = path.name.split(".")[0]
        raw = path.read_bytes()
        html = gzip.decompress(raw) if path.name.endswith(".gz") else raw
        try:
            meta = extract_metadata(html.decode("utf-8", "replace"))
        except Exception:
            meta = None
        labels[page] = {"title": getattr(meta, "title", None), "date": getattr(meta, "date", None),
                        "author": getattr(meta, "author", None)}
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text(json.dumps(labels, indent=0, sort_keys=True), encoding="utf-8")
    return labels


def correct(field: str, label: str, found: object) -> bool:
    if field == "date":
        return isinstance(found, str) and found[:10] == label[:10]
    if field == "author":
        found = "; ".join(found) if isinstance(found, list) else ""
    return bool(found) and token_f1(label, str(found)) >= 0.8


def score(every: int) -> dict:
    labels = silver_labels()
    pages = sorted(labels)[::every]
    out: dict[str, dict] = {}
    for renderer in RENDERERS:
        right = Counter()
        given = Counter()
        wanted = Counter()
        for page in pages:
            path = TRAIN / f"page_{renderer}" / f"{page}.txt"
            if not path.exists():
                continue
            md = clean_bytes(path.read_bytes(), path.name)["metadata"]
            found = {"title": md["title"], "date": md["date"], "author": md["authors"]}
            for field in FIELDS:
                label = labels[page][field]
                given[field] += bool(found[field])
                if label:
                    wanted[field] += 1
                    right[field] += correct(field, label, found[field])
        out[renderer] = {field: {"accuracy": round(right[field] / max(1, wanted[field]), 3),
                                 "right": right[field], "labelled": wanted[field], "given": given[field]}
                         for field in FIELDS}
    return {"pages": len(pages), "renderers": out}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not TRAIN.is_dir():
        sys.exit(f"needs ../shared/train beside the repository ({TRAIN} is missing)")
    result = score(args.every)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"Metadata of the text path against trafilatura's on the HTML ({result['pages']} pages; right / "
          f"labelled, and how many answers were given)")
    for renderer, fields in result["renderers"].items():
        cells = "  ".join(f"{f} {v['accuracy']:.3f} ({v['right']}/{v['labelled']}, {v['given']} given)"
                          for f, v in fields.items())
        print(f"  {renderer:10} {cells}")


if __name__ == "__main__":
    main()
