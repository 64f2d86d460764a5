"""Train the paragraph-end model of ``unwrap`` (``archiver/data/paragraph_model.v1.json``) and report grouped CV.

    .venv/bin/python tools/train_paragraphs.py build   # wrapped gold bodies -> line-end cues, build/paragraphs/
    .venv/bin/python tools/train_paragraphs.py cv      # 5-fold CV grouped by page: paragraphs exact, model vs rules
    .venv/bin/python tools/train_paragraphs.py fit     # the shipped model, from every page

Data: every gold body of ``../shared/train`` (CleanEval and Dragnet, many sites; weights learned from them may
ship, text may not: see its README), wrapped as ``bench/dev-repairs`` wraps text, without blank lines (the
case the model decides: with blank lines the blank line says where a paragraph ends): greedy word wrap at a
width of 40-100 columns, about 3 % of wrap points splitting a long lower-case word with a hyphen, two
wrappings of each body (seeded by the page id). ``bench/dev-repairs`` is never trained on; it stays the
held-out check with ``benchmarks/wrap_set.py``.

A line end's label: does a gold paragraph end there. Its cues (``BOUNDARY_CUES``) are computed by the stage's
own ``boundary_rows`` on the blocks the stages before ``unwrap`` leave, so training and ingest read the same
numbers. Boosted trees (LightGBM for training only, fixed seed, deterministic), written out as node lists that
``archiver/core/trees.py`` walks. The threshold maximises the share of gold paragraphs rebuilt exactly, out of fold.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from train_boilerplate import FOLDS, TRAIN, build_documents, export_trees, load_documents, out_of_fold  # noqa: E402
from wrap_set import wrap  # noqa: E402  (the wrap bench/dev-repairs uses, as benchmarks/wrap_set.py makes it)

from archiver.core.stages.unwrap import BOUNDARY_CUES, PARAGRAPH_MODEL, judged_by_model  # noqa: E402

CACHE = ROOT / "build" / "paragraphs"
MODEL = ROOT / "archiver" / "data" / PARAGRAPH_MODEL
WRAPPINGS = 2
TREE_PARAMS = {
    "objective": "binary", "learning_rate": 0.1, "num_leaves": 15, "min_data_in_leaf": 50,
    "feature_fraction": 0.9, "bagging_fraction": 0.8, "bagging_freq": 1, "seed": 11, "deterministic": True,
    "force_row_wise": True, "num_threads": 2, "verbose": -1,
}
ROUNDS = 120
THRESHOLDS = tuple(round(0.2 + 0.05 * k, 2) for k in range(11))


def stages_before_unwrap() -> tuple:
    from archiver.core.stages import default_stages
    from archiver.core.stages.unwrap import UnwrapStage

    stages = default_stages()
    return stages[: [type(s) for s in stages].index(UnwrapStage)]


def one_document(job: tuple[str, int]) -> dict | None:
    """One wrapping of one gold body: each judged line end's cues and whether a gold paragraph ends there."""
    from archiver.core.pipeline import run_stages
    from archiver.core.stages.unwrap import _raw_lines, boundary_rows, is_blank_separated, is_head_line
    from archiver.core.text.paragraph_odds import ParagraphOdds
    from archiver.core.text.wrapping import document_wrap_width, is_loosely_wrapped

    page, wrapping = job
    gold = [" ".join(line.split()) for line in (TRAIN / "gold" / f"{page}.txt").read_text(encoding="utf-8")
            .split("\n") if line.strip()]
    if len(gold) < 2:
        return None
    rng = random.Random(int(hashlib.sha256(f"{page}/{wrapping}".encode()).hexdigest()[:8], 16))
    width = rng.randint(40, 100)
    text, ends = "", {}
    for paragraph in gold:
        lines = wrap(paragraph, width, rng)
        for k, line in enumerate(lines):
            text += line
            ends[len(text)] = k == len(lines) - 1
            text += "\n"
    blocks, ctx = run_stages(text, stages_before_unwrap())
    found = document_wrap_width(blocks, ctx)
    if not found or is_blank_separated(blocks) or is_loosely_wrapped(blocks, found, own_line=is_head_line):
        return None  # the stage would not ask the model here
    odds = ParagraphOdds.count(_raw_lines(blocks, ctx), found)
    rows = boundary_rows(blocks, ctx, found, odds, only_judged=False)
    labels = []
    for i in rows:
        end = ends.get(blocks[i - 1].raw_end)
        if end is None:
            return None  # a block that does not end where a line ends: not a clean mapping
        labels.append(int(end))
    return {"page": page, "wrapping": wrapping, "source": "cleaneval" if page.startswith("ce-") else "dragnet",
            "paragraphs": len(gold), "rows": list(rows.values()), "labels": labels}


def jobs() -> list[tuple[str, int]]:
    pages = sorted(p.stem for p in (TRAIN / "gold").glob("*.txt"))
    return [(page, w) for page in pages for w in range(WRAPPINGS)]


def build() -> None:
    docs = build_documents(CACHE, one_document, jobs(), BOUNDARY_CUES)
    print(f"{len(docs)} wrapped documents, {sum(len(d['labels']) for d in docs)} line ends -> {CACHE}")


def fold_of(page: str) -> int:
    return int(hashlib.sha256(page.encode()).hexdigest()[:8], 16) % FOLDS


def fit_trees(docs: list[dict]):  # -> lightgbm.Booster
    import lightgbm

    pairs = [(row, label) for d in docs for row, label in zip(d["rows"], d["labels"], strict=True)
             if judged_by_model(row)]
    x = np.array([row for row, _ in pairs])
    y = np.array([label for _, label in pairs])
    return lightgbm.train(TREE_PARAMS, lightgbm.Dataset(x, y), ROUNDS)


def exact(labels: list[int], ends: list[bool]) -> int:
    """Gold paragraphs rebuilt exactly: every line end inside joined, the ones around it ended (the document's
    first and last lines need no decision). Line ends the model does not judge are all judged here."""
    right, start_ok, inside_ok = 0, True, True
    for label, end in zip(labels, ends, strict=True):
        if label:
            right += int(start_ok and inside_ok and end)
            start_ok, inside_ok = end, True
        else:
            inside_ok = inside_ok and not end
    return right + int(start_ok and inside_ok)  # the last paragraph ends with the document


def decide(rows: list[list[float]], probabilities: np.ndarray, threshold: float) -> list[bool]:
    """As the stage decides: the model where it judges, the rules' verdict elsewhere."""
    return [bool(p >= threshold) if judged_by_model(row) else row[0] < 0.5
            for row, p in zip(rows, probabilities, strict=True)]


def report(docs: list[dict], probabilities: list[np.ndarray]) -> dict:
    out: dict = {}
    for source in ("cleaneval", "dragnet", "all"):
        chosen = [k for k, d in enumerate(docs) if source in ("all", d["source"])]
        gold = sum(docs[k]["labels"].count(1) + 1 for k in chosen)
        rules = sum(exact(docs[k]["labels"], [row[0] < 0.5 for row in docs[k]["rows"]]) for k in chosen)
        entry = {"documents": len(chosen), "paragraphs": gold, "rules": round(rules / gold, 4), "model": {}}
        for t in THRESHOLDS:
            right = sum(exact(docs[k]["labels"], decide(docs[k]["rows"], probabilities[k], t)) for k in chosen)
            entry["model"][f"{t:.2f}"] = round(right / gold, 4)
        out[source] = entry
    return out


def cross_validate(docs: list[dict]) -> list[np.ndarray]:
    return out_of_fold(docs, [fold_of(d["page"]) for d in docs], fit_trees)


def best_threshold(table: dict) -> float:
    return float(max(table["all"]["model"].items(), key=lambda item: (item[1], -abs(float(item[0]) - 0.5)))[0])


def cv() -> None:
    docs = [d for d in load_documents(CACHE, BOUNDARY_CUES) if d["labels"]]
    table = report(docs, cross_validate(docs))
    table["threshold"] = best_threshold(table)
    print(json.dumps(table, indent=2))
    (CACHE / "cv.json").write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")


def fit() -> None:
    docs = [d for d in load_documents(CACHE, BOUNDARY_CUES) if d["labels"]]
    table = json.loads((CACHE / "cv.json").read_text(encoding="utf-8"))
    booster = fit_trees(docs)
    sample = np.array([row for d in docs[:50] for row in d["rows"]])
    model = {"features": list(BOUNDARY_CUES), "threshold": table["threshold"],
             "trees": export_trees(booster, sample),
             "trained_on": f"{len(docs)} wrapped gold bodies of ../shared/train (CleanEval, Dragnet), no blank lines",
             "cv_paragraphs_exact": {k: v for k, v in table.items() if k != "threshold"}}
    MODEL.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"-> {MODEL} (threshold {table['threshold']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["build", "cv", "fit"])
    {"build": build, "cv": cv, "fit": fit}[parser.parse_args().step]()


if __name__ == "__main__":
    main()
