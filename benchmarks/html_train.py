"""The HTML path against trafilatura alone on the training pages' HTML, per source, in one run.

    .venv/bin/python benchmarks/html_train.py --every 4        # every 4th page of ../shared/train (~4 min)
    .venv/bin/python benchmarks/html_train.py --every 4 --json

Issue 25's bars, measured here on pages the HTML path was never tuned on (the boilerplate model, trained on
these pages' *renderings*, does not run on HTML: trafilatura chose the text from the markup): shingle F1
(``../shared/bench/score.py``) at or above trafilatura alone with the same settings, no document emptied that
trafilatura did not empty, and the time per page against trafilatura's in the same process: its text alone
(``extract``, the F1 reference) and its text with the page's metadata (``bare_extraction`` with the settings
archiver's reader passes, which is what a record needs: title, authors, date, site).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import trafilatura

from archiver.document import clean_bytes
from archiver.errors import DocumentError
from archiver.readers.html import DATE_PARAMS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_gold import gold_text

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
_WORD = re.compile(r"\w+")
SOURCES = (("cleaneval", "ce-"), ("dragnet", "dn-"))


def trafilatura_alone(html: bytes) -> str:
    """What archiver's HTML reader asks trafilatura for, without the stages after it."""
    return trafilatura.extract(html, include_comments=False, include_tables=True, deduplicate=False) or ""


def trafilatura_with_metadata(html: bytes) -> object:
    return trafilatura.bare_extraction(html, include_comments=False, include_tables=True, deduplicate=False,
                                       with_metadata=True, date_extraction_params=DATE_PARAMS)


def score(gold: Path, folder: Path, as_json: bool) -> dict:
    args = [sys.executable, str(SHARED / "bench" / "score.py"), str(gold)]
    args += ["--pred-json", str(folder)] if as_json else [str(folder)]
    done = subprocess.run([*args, "--json"], capture_output=True, text=True, check=True)
    (track,) = json.loads(done.stdout)["tracks"].values()
    return {k: track[k] for k in ("precision", "recall", "f1", "n")}


def run(every: int) -> dict:
    train = SHARED / "train"
    ids = sorted(json.loads((train / "manifest.json").read_text(encoding="utf-8"))["docs"])[::every]
    spent = {"archiver": 0.0, "trafilatura": 0.0, "trafilatura_metadata": 0.0}
    emptied: list[str] = []
    rewritten: dict[str, int] = {}
    refused: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        ours, theirs = Path(tmp, "archiver"), Path(tmp, "trafilatura")
        ours.mkdir()
        theirs.mkdir()
        for source, prefix in SOURCES:
            gold = Path(tmp, f"gold-{source}", "gold")
            gold.mkdir(parents=True)
            for page in ids:
                if page.startswith(prefix):
                    (gold / f"{page}.txt").write_text(gold_text(train, page), encoding="utf-8")
        for i, page in enumerate(ids):
            raw = (train / "html" / f"{page}.html.gz").read_bytes()
            html = gzip.decompress(raw)
            # alternate which runs first, so neither always meets a warm cache
            order = ("archiver", "trafilatura", "trafilatura_metadata")
            order = order if i % 2 == 0 else order[::-1]
            for name in order:
                started = time.perf_counter()
                if name == "archiver":
                    try:
                        record = clean_bytes(raw, f"{page}.html.gz")
                        text, reading = record["text"], record["source"].get("extractor")
                    except DocumentError:  # no main text found: a refused page scores as empty
                        text, reading = "", None
                        refused.append(page)
                    Path(ours, f"{page}.json").write_text(json.dumps({"text": text}), encoding="utf-8")
                elif name == "trafilatura":
                    alone = trafilatura_alone(html)
                    Path(theirs, f"{page}.txt").write_text(alone, encoding="utf-8")
                else:
                    trafilatura_with_metadata(html)
                spent[name] += time.perf_counter() - started
            if alone.strip() and not text.strip():
                emptied.append(page)
            # words the HTML path wrote that trafilatura's text does not hold (a split, a re-spelling), where
            # both read the page the same way: a snippet of the page's text no longer matches where one sits
            new = Counter(_WORD.findall(text)) - Counter(_WORD.findall(alone))
            if new and reading == "trafilatura":
                rewritten[page] = sum(new.values())
        scores = {source: {"archiver": score(Path(tmp, f"gold-{source}"), ours, True),
                           "trafilatura": score(Path(tmp, f"gold-{source}"), theirs, False)}
                  for source, _ in SOURCES}
    return {"pages": len(ids), "scores": scores, "emptied_where_trafilatura_kept": emptied, "refused": refused,
            "words_not_in_trafilatura": sum(rewritten.values()), "pages_with_such_words": len(rewritten),
            "ms_per_page": {k: round(v / len(ids) * 1000, 1) for k, v in spent.items()},
            "time_ratio": round(spent["archiver"] / spent["trafilatura"], 3),
            "time_ratio_with_metadata": round(spent["archiver"] / spent["trafilatura_metadata"], 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=4, help="every Nth page of ../shared/train")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (SHARED / "train" / "manifest.json").exists():
        sys.exit(f"html_train: {SHARED / 'train'} is missing (the training corpus sits beside the repo)")
    result = run(args.every)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"HTML path against trafilatura alone, every {args.every}th training page ({result['pages']} pages)")
    for source, by in result["scores"].items():
        a, t = by["archiver"], by["trafilatura"]
        print(f"  {source:10} archiver F1 {a['f1']:.3f} (P {a['precision']:.3f} R {a['recall']:.3f})   "
              f"trafilatura F1 {t['f1']:.3f} (P {t['precision']:.3f} R {t['recall']:.3f})   n={a['n']}")
    print(f"  emptied where trafilatura kept text: {len(result['emptied_where_trafilatura_kept'])} "
          f"{result['emptied_where_trafilatura_kept'][:10]}; refused (no main text found): {len(result['refused'])}")
    print(f"  words the HTML path wrote that trafilatura's text does not hold: "
          f"{result['words_not_in_trafilatura']} on {result['pages_with_such_words']} pages")
    ms = result["ms_per_page"]
    print(f"  time per page: archiver {ms['archiver']} ms; trafilatura's text alone {ms['trafilatura']} ms (ratio "
          f"{result['time_ratio']}); its text and metadata {ms['trafilatura_metadata']} ms (ratio "
          f"{result['time_ratio_with_metadata']})")


if __name__ == "__main__":
    main()
