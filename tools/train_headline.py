"""Train the headline model (``archiver/data/headline_model.v1.json``) and report grouped cross-validation.

    .venv/bin/python tools/train_headline.py build   # candidate lines of every page rendering -> build/headline/
    .venv/bin/python tools/train_headline.py cv      # 5-fold CV grouped by page, per source and renderer
    .venv/bin/python tools/train_headline.py fit     # the shipped model, from every page

Data: the four whole-page renderings of every page of ``../shared/train`` (see its README for the terms:
weights learned from the pages may ship, text from them may not). Labels are silver: the title trafilatura
reads from the same page's HTML (``benchmarks/metadata_silver.py`` caches them); a candidate line is the
headline when its token F1 with that title is at least 0.8, as the metadata benchmark scores. Pages whose
title no line matches are left out of training and counted as misses in the figures.

Model: boosted trees (LightGBM for training only, fixed seed, deterministic mode), written out as node
lists that ``archiver/core/trees.py`` walks at ingest. On a page, the candidate with the highest probability is
the headline when that probability reaches the threshold chosen out of fold.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from archiver.core.headline_cues import HEADLINE_FEATURES, candidates, headline_rows  # noqa: E402
from archiver.core.stages.headline import title_text  # noqa: E402
from archiver.readers.text import decode_text  # noqa: E402

sys.path.insert(0, str(ROOT / "tools"))
from train_boilerplate import (  # noqa: E402
    FOLDS,
    RENDERERS,
    TRAIN,
    build_documents,
    export_trees,
    load_documents,
    out_of_fold,
)

CACHE = ROOT / "build" / "headline"
MODEL = ROOT / "archiver" / "data" / "headline_model.v1.json"
MATCH = 0.8
THRESHOLDS = (-3.0, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0)  # on the ranking score
TREE_PARAMS = {
    "objective": "lambdarank", "lambdarank_truncation_level": 3, "eval_at": [1], "learning_rate": 0.05,
    "num_leaves": 15, "min_data_in_leaf": 40,
    "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "seed": 7, "deterministic": True,
    "force_row_wise": True, "num_threads": 2, "verbose": -1,
}
ROUNDS = 150
LABELS = "union"


def stages_before_headline() -> tuple:
    from archiver.core.stages import default_stages
    from archiver.core.stages.headline import HeadlineStage

    stages = default_stages()
    return tuple(stages[: [type(s) for s in stages].index(HeadlineStage)])


def one_document(job: tuple[str, str, str, str | None]) -> dict | None:
    from metadata_silver import token_f1

    from archiver.core.pipeline import run_stages

    page, source, renderer, title = job
    path = TRAIN / f"page_{renderer}" / f"{page}.txt"
    try:
        text = decode_text(path.read_bytes()).text
    except OSError:
        return None
    blocks, _ = run_stages(text, stages_before_headline())
    chosen = candidates(blocks)
    if not chosen:
        return None
    texts = [title_text(blocks[i].text) for i in chosen]
    silver = [int(bool(title) and token_f1(title, t) >= MATCH) for t in texts]
    first = gold_headline(page) if source == "dragnet" else None
    gold = [int(bool(first) and token_f1(first, t) >= MATCH) for t in texts]
    return {"page": page, "source": source, "renderer": renderer, "rows": headline_rows(blocks, chosen),
            "silver": silver, "gold": gold, "labels": [max(a, b) for a, b in zip(silver, gold, strict=True)],
            "has_title": bool(title), "has_gold": bool(first)}


def gold_headline(page: str) -> str | None:
    """Dragnet's gold text starts with the article's head (its convention keeps title, dateline and
    byline): the first of its first three lines that reads like a headline, not a date or a byline."""
    from archiver.core.text.lexicon import lexicon
    from archiver.core.text.textfeatures import features

    lex = lexicon()
    lines = [line.strip() for line in (TRAIN / "gold" / f"{page}.txt").read_text(encoding="utf-8").splitlines()]
    for line in [line for line in lines if line][:3]:
        f = features(line)
        if 2 <= f.words <= 30 and not (f.terminal and not line.endswith(("?", "!"))) \
                and not lex.has_date(line) and not lex.is_byline(line):
            return line
    return None


def jobs() -> list[tuple[str, str, str, str | None]]:
    from metadata_silver import silver_labels

    labels = silver_labels()
    out = []
    for page in sorted(labels):
        source = "cleaneval" if page.startswith("ce-") else "dragnet"
        for renderer in RENDERERS:
            out.append((page, source, renderer, labels[page]["title"]))
    return out


def build() -> None:
    rows = build_documents(CACHE, one_document, jobs(), HEADLINE_FEATURES)
    print(f"{len(rows)} documents, {sum(len(d['rows']) for d in rows)} candidates -> {CACHE}")


def load() -> list[dict]:
    return load_documents(CACHE, HEADLINE_FEATURES)


def fold_of(page: str) -> int:
    return int(hashlib.sha256(page.encode()).hexdigest()[:8], 16) % FOLDS


def fit_trees(docs: list[dict]):  # -> lightgbm.Booster
    """Trained on pages where some line is the title; each page weighs one, shared among its candidates."""
    import lightgbm

    x, y, groups = [], [], []
    for d in docs:
        labels = d[LABELS] if LABELS != "union" else d["labels"]
        if not any(labels):
            continue
        x.extend(d["rows"])
        y.extend(labels)
        groups.append(len(d["rows"]))
    data = lightgbm.Dataset(np.array(x), np.array(y), group=groups)
    return lightgbm.train(TREE_PARAMS, data, ROUNDS)


def accuracy(docs: list[dict], scores: list[np.ndarray], threshold: float, against: str = "silver") -> dict:
    """Per source and renderer: pages whose title is right (the pick matches the silver title) over pages
    with a silver title, and how many picks were made on those pages."""
    table: dict[str, list[int]] = {}
    for d, s in zip(docs, scores, strict=True):
        if not d["has_title" if against == "silver" else "has_gold"]:
            continue
        best = int(np.argmax(s))
        picked = s[best] >= threshold
        entry = table.setdefault(f"{d['source']}/{d['renderer']}", [0, 0, 0])
        entry[0] += int(picked and d[against][best] == 1)
        entry[1] += 1
        entry[2] += int(picked)
    return {k: {"accuracy": round(r / n, 3), "right": r, "labelled": n, "given": g}
            for k, (r, n, g) in sorted(table.items())}


def cv() -> None:
    docs = load()
    scores = out_of_fold(docs, [fold_of(d["page"]) for d in docs], fit_trees)
    ceiling = {}
    for d in docs:
        if d["has_title"]:
            entry = ceiling.setdefault(f"{d['source']}/{d['renderer']}", [0, 0])
            entry[0] += int(any(d["labels"]))
            entry[1] += 1
    report = {"sweep": {f"{t:.2f}": accuracy(docs, scores, t) for t in THRESHOLDS},
              "against_gold_first_line": {f"{t:.2f}": accuracy(docs, scores, t, "gold") for t in THRESHOLDS},
              "ceiling": {k: round(a / n, 3) for k, (a, n) in sorted(ceiling.items())}}
    (CACHE / "cv.json").write_text(json.dumps(report, indent=2) + "\n")
    for key in ("sweep", "against_gold_first_line"):
        for t, table in report[key].items():
            print(key[:6], t, "  ".join(f"{k} {v['accuracy']:.3f} ({v['given']})" for k, v in table.items()))
    print("ceiling", report["ceiling"])


def fit(threshold: float) -> None:
    docs = load()
    model = fit_trees(docs)
    sample = np.array([row for d in docs[:40] for row in d["rows"]])
    data = {
        "name": "headline", "version": 1,
        "about": "Which line of a whole page is its headline: boosted trees over archiver/core/headline_cues.py "
                 "cues, walked by archiver/core/trees.py. Trained by tools/train_headline.py on ../shared/train "
                 "(CleanEval, Dragnet; research terms, see docs/headline-model.md), silver titles from the "
                 "pages' HTML.",
        "features": list(HEADLINE_FEATURES), "trees": export_trees(model, sample), "threshold": threshold,
    }
    MODEL.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {MODEL}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["build", "cv", "fit"])
    parser.add_argument("--threshold", type=float, default=0.2, help="fit: the probability a pick needs")
    args = parser.parse_args()
    if args.step == "build":
        build()
    elif args.step == "cv":
        cv()
    else:
        fit(args.threshold)


if __name__ == "__main__":
    main()
