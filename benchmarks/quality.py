"""Quality benchmark: seeds against their gold, the shared dev benchmark, and stage costs.

Run from the repo root, with ../shared beside it:

    .venv/bin/python benchmarks/quality.py            # prints tables
    .venv/bin/python benchmarks/quality.py --json     # machine-readable

Figures come from ../shared/bench/score.py (the benchmark's own metric) on
records this working tree produces; nothing here is tuned per document.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from archiver.core.pipeline import run_stages
from archiver.core.stages import default_stages
from archiver.core.stages.headline import headline_model
from archiver.document import clean_bytes
from archiver.readers import read_document

sys.path.insert(0, str(Path(__file__).resolve().parent))
import metadata_silver
from train_gold import gold_text

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CV_REPORT = ROOT / "benchmarks" / "boilerplate_cv.json"  # tools/train_boilerplate.py cv, copied here
HEADLINE_CV = ROOT / "benchmarks" / "headline_cv.json"  # tools/train_headline.py cv, copied here
PARAGRAPH_CV = ROOT / "benchmarks" / "paragraph_cv.json"  # tools/train_paragraphs.py cv, copied here
FOUNDATION = {"lines", "mojibake", "whitespace"}
_WORD = re.compile(r"\w+")


def word_f1(gold: str, pred: str) -> float:
    g, p = Counter(_WORD.findall(gold)), Counter(_WORD.findall(pred))
    tp = sum((g & p).values())
    if not tp:
        return 0.0
    precision, recall = tp / sum(p.values()), tp / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def seeds() -> list[dict]:
    rows = []
    for gold_json in sorted((SHARED / "gold").glob("*.json")):
        gold = json.loads(gold_json.read_text(encoding="utf-8"))
        raw = (SHARED / "seeds" / gold["source"]).read_bytes()
        record = clean_bytes(raw, gold["source"])
        text = record["text"]
        gold_text = gold_json.with_suffix(".txt").read_text(encoding="utf-8")
        fields = ("title", "subtitle", "authors", "date", "date_text", "dateline", "publication")
        rows.append({
            "seed": gold_json.stem[:3],
            "kept": sum(s in text for s in gold["must_keep"]),
            "must_keep": len(gold["must_keep"]),
            "absent": sum(s not in text for s in gold["must_remove"]),
            "must_remove": len(gold["must_remove"]),
            "word_f1": round(word_f1(gold_text, text), 4),
            "exact": text == gold_text,
            "metadata": sum(record["metadata"].get(f) == gold[f] for f in fields),
            "fields": len(fields),
            "missing_keep": [s for s in gold["must_keep"] if s not in text],
            "left_remove": [s for s in gold["must_remove"] if s in text],
        })
    return rows


def bench_track(track: str, timings: dict[str, float], costs: list[float]) -> dict:
    source = SHARED / "bench" / "dev" / track
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(source.glob("*.txt")):
            raw = path.read_bytes()
            started = time.perf_counter()
            record = clean_bytes(raw, path.name)
            costs.append(time.perf_counter() - started)
            Path(tmp, path.stem + ".json").write_text(json.dumps(record), encoding="utf-8")
            run_stages(read_document(raw, path.name).text, default_stages(), timings)
        done = subprocess.run([sys.executable, str(SHARED / "bench" / "score.py"),
                               str(SHARED / "bench" / "dev"), "--pred-json", tmp, "--json"],
                              capture_output=True, text=True, check=True)
    (scores,) = json.loads(done.stdout)["tracks"].values()
    return {k: scores[k] for k in ("precision", "recall", "f1", "doc_f1_mean", "empty", "n")}


def gold_bodies(folder: Path) -> dict:
    """Clean bodies fed in as documents: nothing should go. Share of their tokens kept, and of documents that
    lose any token."""
    kept = total = losing = docs = 0
    for path in sorted(folder.glob("*.txt")):
        gold = _WORD.findall(path.read_text(encoding="utf-8"))
        text = clean_bytes(path.read_bytes(), path.name)["text"]
        out = Counter(_WORD.findall(text))
        got = sum((Counter(gold) & out).values())
        kept, total, docs = kept + got, total + len(gold), docs + 1
        losing += got < len(gold)
    return {"documents": docs, "tokens_kept": round(kept / max(1, total), 4),
            "documents_losing_tokens": round(losing / max(1, docs), 3)}


def train_renderings(renderers: list[str], every: int) -> dict:
    """The whole pipeline on ../shared/train renderings, scored by score.py per source. In sample: the
    shipped boilerplate model was fitted on these pages (its out-of-fold figures: ``boilerplate_cv.json``)."""
    train = SHARED / "train"
    ids = sorted(json.loads((train / "manifest.json").read_text(encoding="utf-8"))["docs"])[::every]
    out: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for source, prefix in (("cleaneval", "ce-"), ("dragnet", "dn-")):
            gold = Path(tmp, f"gold-{source}", "gold")
            gold.mkdir(parents=True)
            for page in ids:
                if page.startswith(prefix):
                    (gold / f"{page}.txt").write_text(gold_text(train, page), encoding="utf-8")
        for renderer in renderers:
            folder = Path(tmp, renderer)
            folder.mkdir()
            for page in ids:
                path = train / f"page_{renderer}" / f"{page}.txt"
                record = clean_bytes(path.read_bytes(), path.name)
                Path(folder, f"{page}.json").write_text(json.dumps({"text": record["text"]}), encoding="utf-8")
            for source in ("cleaneval", "dragnet"):
                done = subprocess.run([sys.executable, str(SHARED / "bench" / "score.py"),
                                       str(Path(tmp, f"gold-{source}")), "--pred-json", str(folder), "--json"],
                                      capture_output=True, text=True, check=True)
                (track,) = json.loads(done.stdout)["tracks"].values()
                out[f"{source}/{renderer}"] = {k: track[k] for k in ("precision", "recall", "f1", "empty", "n")}
    return out


def html_pages() -> dict:
    """The HTML path against trafilatura.extract alone (same settings), F1 and metadata coverage."""
    import gzip

    import trafilatura

    pages = sorted((SHARED / "bench" / "dev" / "html").glob("*.html.gz"))
    with tempfile.TemporaryDirectory() as ours, tempfile.TemporaryDirectory() as theirs:
        titled = dated = 0
        for path in pages:
            stem = path.name.split(".")[0]
            record = clean_bytes(path.read_bytes(), path.name)
            titled += bool(record["metadata"]["title"])
            dated += bool(record["metadata"]["date"])
            Path(ours, stem + ".json").write_text(json.dumps(record), encoding="utf-8")
            text = trafilatura.extract(gzip.decompress(path.read_bytes()), include_comments=False,
                                       include_tables=True, deduplicate=False) or ""
            Path(theirs, stem + ".txt").write_text(text, encoding="utf-8")
        scores = {}
        for name, folder, as_json in (("archiver", ours, True), ("trafilatura", theirs, False)):
            args = [sys.executable, str(SHARED / "bench" / "score.py"), str(SHARED / "bench" / "dev")]
            args += ["--pred-json", folder] if as_json else [folder]
            done = subprocess.run([*args, "--json"], capture_output=True, text=True, check=True)
            (track,) = json.loads(done.stdout)["tracks"].values()
            scores[name] = {k: track[k] for k in ("precision", "recall", "f1")}
    return {"pages": len(pages), "scores": scores, "title_share": round(titled / len(pages), 3),
            "date_share": round(dated / len(pages), 3)}


def repairs() -> dict:
    """dev-repairs (wrap / glued / tail) through the whole pipeline, scored by score_perturbed.py."""
    perturbed = SHARED / "bench" / "dev-repairs"
    with tempfile.TemporaryDirectory() as tmp:
        for task in ("wrap", "glued", "tail"):
            Path(tmp, task).mkdir()
            for path in sorted((perturbed / task).glob("*.txt")):
                record = clean_bytes(path.read_bytes(), path.name)
                Path(tmp, task, path.stem + ".txt").write_text(record["text"], encoding="utf-8")
        done = subprocess.run([sys.executable, str(SHARED / "bench" / "score_perturbed.py"), str(perturbed), tmp,
                               "--json"], capture_output=True, text=True, check=True)
    scores = json.loads(done.stdout)
    return {"wrap": scores["wrap"], "glued": scores["glued"], "tail": scores["tail"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--train", action="store_true",
                        help="also run the pipeline on ../shared/train renderings (in sample; minutes)")
    parser.add_argument("--every", type=int, default=1, help="with --train: every Nth page only")
    args = parser.parse_args()
    timings: dict[str, float] = {}
    costs: list[float] = []
    for path in sorted((SHARED / "bench" / "dev" / "article").glob("*.txt"))[:5]:
        clean_bytes(path.read_bytes(), path.name)  # models and lexicons load once per process, not per document
    result = {"seeds": seeds(),
              "bench": {t: bench_track(t, timings, costs) for t in ("article", "page")},
              "gold_bodies": gold_bodies(SHARED / "bench" / "dev" / "gold"),
              "html": html_pages(),
              "repairs": repairs(),
              "boilerplate_cv": json.loads(CV_REPORT.read_text(encoding="utf-8")) if CV_REPORT.exists() else {},
              "headline_cv": json.loads(HEADLINE_CV.read_text(encoding="utf-8")) if HEADLINE_CV.exists() else {},
              "paragraph_cv": json.loads(PARAGRAPH_CV.read_text(encoding="utf-8")) if PARAGRAPH_CV.exists() else {},
              "metadata_dev": metadata_silver.score(1, dev=True)}
    if args.train:
        result["train"] = train_renderings(["lxml", "html2text", "inscriptis", "bs4"], args.every)
    docs = len(costs)
    foundation = sum(v for k, v in timings.items() if k.split(".")[0] in FOUNDATION)
    cleaning = sum(v for k, v in timings.items() if k.split(".")[0] not in FOUNDATION)
    result["cost"] = {
        "documents": docs,
        "median_ms_per_document": round(statistics.median(costs) * 1000, 2),
        "foundation_ms_per_document": round(foundation / docs * 1000, 2),
        "cleaning_stages_ms_per_document": round(cleaning / docs * 1000, 2),
        "per_stage_ms": {k: round(v / docs * 1000, 3) for k, v in timings.items()},
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print("Seeds (../shared/gold)")
    print(f"{'seed':5} {'must_keep':>10} {'must_remove':>12} {'word F1':>8} {'exact':>6} {'metadata':>9}")
    for r in result["seeds"]:
        print(f"{r['seed']:5} {r['kept']:>4}/{r['must_keep']:<5} {r['absent']:>6}/{r['must_remove']:<5} "
              f"{r['word_f1']:>8.4f} {r['exact']!s:>6} {r['metadata']:>5}/{r['fields']}")
        for s in r["missing_keep"]:
            print(f"      missing: {s[:70]!r}")
        for s in r["left_remove"]:
            print(f"      left in: {s[:70]!r}")
    print("\nShared benchmark, dev split (score.py: shingle P/R/F1, macro)")
    print(f"{'track':8} {'P':>6} {'R':>6} {'F1':>6} {'docF1':>6} {'empty':>6}")
    for track, s in result["bench"].items():
        print(f"{track:8} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
              f"{s['doc_f1_mean']:6.3f} {s['empty']:>6}")
    b = result["gold_bodies"]
    print(f"\nGold bodies as input ({b['documents']}): {b['tokens_kept']:.2%} of tokens kept; "
          f"{b['documents_losing_tokens']:.1%} of documents lose any")
    cv = result["boilerplate_cv"]
    if cv:
        print(f"\nBoilerplate model, 5-fold CV grouped by page on ../shared/train (token P/R/F1 of the blocks "
              f"kept, macro; threshold {cv['threshold']}): rules alone -> rules + model")
        for group, after in cv["stage_at_threshold"].items():
            before = cv["rules_alone"][group]
            extra = f"  tokens kept {after['tokens_kept']:.4f}" if "tokens_kept" in after else ""
            print(f"  {group:22} F1 {before['F1']:.3f} -> {after['F1']:.3f}  (P {after['P']:.3f} "
                  f"R {after['R']:.3f}){extra}")
    pc = result["paragraph_cv"]
    if pc:
        shown = f"{pc['threshold']:.2f}"
        print(f"\nParagraph-end model, 5-fold CV grouped by page: training gold bodies wrapped without blank lines "
              f"(widths 40-100), paragraphs rebuilt exactly: rules alone -> rules + model (threshold {shown})")
        for group in ("cleaneval", "dragnet", "all"):
            row = pc[group]
            print(f"  {group:10} {row['documents']:5} documents {row['paragraphs']:7} paragraphs  "
                  f"{row['rules']:.3f} -> {row['model'][shown]:.3f}")
    hl = result["headline_cv"]
    if hl:
        print("\nHeadline model, 5-fold CV grouped by page on ../shared/train: right / pages with a title, "
              "against trafilatura's title from the HTML (silver) and against Dragnet's gold headline")
        shipped = f"{headline_model().threshold:.2f}"  # the figures at the shipped model's threshold
        silver, gold = hl["sweep"][shipped], hl["against_gold_first_line"][shipped]
        for group, s in silver.items():
            extra = f"  gold headline {gold[group]['accuracy']:.3f}" if group in gold else ""
            print(f"  {group:22} silver {s['accuracy']:.3f} ({s['right']}/{s['labelled']}){extra}")
    print("\nMetadata on bench/dev (held out), text path against trafilatura's metadata from the HTML (silver)")
    for track, fields in result["metadata_dev"]["renderers"].items():
        print(f"  {track:8} " + "  ".join(f"{f} {v['accuracy']:.3f} ({v['right']}/{v['labelled']})"
                                           for f, v in fields.items()))
    if "train" in result:
        print("\nWhole pipeline on ../shared/train renderings (score.py; in sample for the model)")
        for group, s in result["train"].items():
            print(f"  {group:22} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} empty {s['empty']}")
    h = result["html"]
    print(f"\nHTML pages ({h['pages']}): archiver F1 {h['scores']['archiver']['f1']:.3f} "
          f"(P {h['scores']['archiver']['precision']:.3f} R {h['scores']['archiver']['recall']:.3f}) vs "
          f"trafilatura alone {h['scores']['trafilatura']['f1']:.3f}; title on {h['title_share']:.0%} "
          f"of pages, date on {h['date_share']:.0%}")
    w, g, t = (result["repairs"][k] for k in ("wrap", "glued", "tail"))
    print("\nRepairs, dev-repairs (score_perturbed.py)")
    print(f"wrap   paragraphs exact {w['para_exact']:.3f} (blank-line docs {w['para_exact_blank']:.3f}, "
          f"no-blank docs {w['para_exact_noblank']:.3f}); dehyphenation P {w['dehyph_precision']:.3f} "
          f"R {w['dehyph_recall']:.3f}")
    print(f"glued  P {g['precision']:.3f} R {g['recall']:.3f} F1 {g['f1']:.3f}; false splits of genuine "
          f"camel-case {g['false_splits']}")
    print(f"tail   foreign tails removed {t['removed']:.3f}; gold body kept {t['body_kept']:.3f} "
          f"(English {t['body_kept_en']:.3f}, other languages {t['body_kept_non_en']:.3f})")
    c = result["cost"]
    print(f"\nCost over {c['documents']} documents: median {c['median_ms_per_document']} ms per document; "
          f"foundation stages {c['foundation_ms_per_document']} ms, cleaning stages "
          f"{c['cleaning_stages_ms_per_document']} ms (mean per document)")
    for stage, ms in c["per_stage_ms"].items():
        print(f"  {stage:16} {ms:8.3f} ms")


if __name__ == "__main__":
    main()
