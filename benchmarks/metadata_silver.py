"""Title, date and author found by the text path, against silver labels from the same pages' HTML.

The hidden metadata set scores whole-page *text*; what the text path should find there is what the page's
markup states. trafilatura's metadata extraction on ``../shared/train/html`` (and ``bench/dev/html``) gives
those silver labels; each page's four renderings then go through ``clean_bytes`` and are scored as the
issue scores: title or author correct when their token F1 with the label is >= 0.8, a date when it is the
same YYYY-MM-DD. Only pages whose label has the field count for it.

    .venv/bin/python benchmarks/metadata_silver.py [--every N] [--json]   # ../shared/train, four renderings
    .venv/bin/python benchmarks/metadata_silver.py --dev                  # ../shared/bench/dev, never trained on

The headline model (``tools/train_headline.py``) learned from the training pages, so their figures are in
sample; its out-of-fold figures are in ``build/headline/cv.json``, and ``--dev`` (the 61 ``bench/dev`` pages,
article and whole-page tracks) is the held-out check. The labels are cached in ``build/metadata_silver.json``
and ``build/metadata_silver_dev.json`` (trafilatura takes about a minute for all pages).
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
DEV = SHARED / "bench" / "dev"
CACHE = ROOT / "build" / "metadata_silver.json"
DEV_CACHE = ROOT / "build" / "metadata_silver_dev.json"
RENDERERS = ("lxml", "html2text", "inscriptis", "bs4")
DEV_TRACKS = ("article", "page")
FIELDS = ("title", "date", "author")
_WORD = re.compile(r"\w+")


def token_f1(a: str, b: str) -> float:
    x, y = Counter(_WORD.findall(a.lower())), Counter(_WORD.findall(b.lower()))
    common = sum((x & y).values())
    if not common:
        return 0.0
    precision, recall = common / sum(y.values()), common / sum(x.values())
    return 2 * precision * recall / (precision + recall)


def silver_labels(html_dir: Path = TRAIN / "html", cache: Path = CACHE) -> dict[str, dict[str, str | None]]:
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    from trafilatura import extract_metadata

    labels: dict[str, dict[str, str | None]] = {}
    for path in sorted(html_dir.iterdir()):
        page = path.name.split(".")[0]
        raw = path.read_bytes()
        html = gzip.decompress(raw) if path.name.endswith(".gz") else raw
        try:
            meta = extract_metadata(html.decode("utf-8", "replace"))
        except Exception:
            meta = None
        labels[page] = {"title": getattr(meta, "title", None), "date": getattr(meta, "date", None),
                        "author": getattr(meta, "author", None)}
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(labels, indent=0, sort_keys=True), encoding="utf-8")
    return labels


def correct(field: str, label: str, found: object) -> bool:
    if field == "date":
        return isinstance(found, str) and found[:10] == label[:10]
    if field == "author":
        found = "; ".join(found) if isinstance(found, list) else ""
    return bool(found) and token_f1(label, str(found)) >= 0.8


def score(every: int, dev: bool = False) -> dict:
    labels = silver_labels(DEV / "html", DEV_CACHE) if dev else silver_labels()
    pages = sorted(labels)[::every]
    out: dict[str, dict] = {}
    for renderer in DEV_TRACKS if dev else RENDERERS:
        right = Counter()
        given = Counter()
        wanted = Counter()
        for page in pages:
            path = DEV / renderer / f"{page}.txt" if dev else TRAIN / f"page_{renderer}" / f"{page}.txt"
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
    parser.add_argument("--dev", action="store_true", help="the bench/dev pages (held out), not the training pages")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    needed = DEV if args.dev else TRAIN
    if not needed.is_dir():
        sys.exit(f"needs ../shared beside the repository ({needed} is missing)")
    result = score(args.every, args.dev)
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
