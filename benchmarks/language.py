"""Language identification benchmark: archiver's detector against seeded langdetect.

Run from the repo root (../shared beside it):

    .venv/bin/python benchmarks/language.py

The labelled set is built from the benchmark's gold bodies (en, pt, de, ru, id,
ja; the language of each document is in dev-repairs/manifest.json) and the
Persian lines of seed 004: sentences are cut into segments of 10-500
characters in four length buckets. "und" counts as a miss for accuracy; the
share of segments each detector decided is reported beside it.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections import defaultdict
from pathlib import Path

from archiver.core.text.langid import identify

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
BUCKETS = ((10, 30), (30, 100), (100, 300), (300, 500))
PER_BUCKET = 20  # segments per language and bucket, at most
_SENTENCE = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])")


def labelled_segments() -> list[tuple[str, str]]:
    manifest = json.loads((SHARED / "bench" / "dev-repairs" / "manifest.json").read_text(encoding="utf-8"))
    texts: dict[str, list[str]] = defaultdict(list)
    for doc in manifest["docs"]:
        texts[doc["language"]].append((SHARED / "bench" / "dev" / "gold" / f"{doc['id']}.txt").read_text("utf-8"))
    gold = json.loads((SHARED / "gold" / "004_1dc1e192763713f9.json").read_text(encoding="utf-8"))
    texts["fa"] = [" ".join(s["text"] for s in gold["segments_other_language"]) * 4]
    segments = []
    for language, docs in sorted(texts.items()):
        sentences = [s.strip() for d in docs for s in _SENTENCE.split(d) if s.strip()]
        for low, high in BUCKETS:
            taken, piece = 0, ""
            for sentence in sentences:
                piece = f"{piece} {sentence}".strip()
                if len(piece) >= low:
                    if len(piece) <= high:
                        segments.append((language, piece))
                        taken += 1
                    piece = ""
                if taken >= PER_BUCKET:
                    break
            if low == 10 and taken < PER_BUCKET:  # short segments: cut words from long sentences
                for sentence in sentences:
                    words = sentence.split()
                    short = " ".join(words[:4]) if language not in ("ja", "zh") else sentence[:15]
                    if low <= len(short) <= high:
                        segments.append((language, short))
                        taken += 1
                    if taken >= PER_BUCKET:
                        break
    return segments


def langdetect_detector():
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def run(text: str) -> str:
        try:
            return detect(text).split("-")[0]
        except LangDetectException:
            return "und"

    return run


def evaluate(name: str, detect, segments: list[tuple[str, str]]) -> dict:
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # bucket -> [right, decided, total]
    costs = []
    for language, text in segments:
        started = time.perf_counter()
        guess = detect(text)
        costs.append(time.perf_counter() - started)
        bucket = next(f"{low}-{high}" for low, high in BUCKETS if len(text) <= high)
        rows[bucket][0] += guess == language
        rows[bucket][1] += guess != "und"
        rows[bucket][2] += 1
    return {"detector": name, "median_ms": round(statistics.median(costs) * 1000, 3),
            "mean_ms": round(statistics.mean(costs) * 1000, 3),
            "buckets": {b: {"accuracy": round(r[0] / r[2], 3), "decided": round(r[1] / r[2], 3), "n": r[2]}
                        for b, r in sorted(rows.items(), key=lambda kv: int(kv[0].split("-")[0]))}}


def pipeline_share() -> dict[str, float]:
    """Language ID's share of the whole pipeline's time per document, with and without the shortcut
    (blocks whose script and function words match the document inherit its tag: no model call)."""
    from archiver.core.pipeline import run_stages
    from archiver.core.stages import default_stages
    from archiver.core.stages.language import LanguageStage
    from archiver.readers import read_document

    texts = [read_document(p.read_bytes(), p.name).text
             for p in sorted((SHARED / "bench" / "dev" / "article").glob("*.txt"))]
    shares = {}
    for text in texts[:5]:
        run_stages(text, default_stages())  # the model and lexicons load once per process, not per document
    for shortcut in (True, False):
        stages = tuple(LanguageStage(shortcut=shortcut) if isinstance(s, LanguageStage) else s
                       for s in default_stages())
        timings: dict[str, float] = {}
        for text in texts:
            run_stages(text, stages, timings)
        total = sum(timings.values())
        language = next(v for k, v in timings.items() if k.startswith("language."))
        shares["with shortcut" if shortcut else "without shortcut"] = round(
            100 * language / total, 1)
        shares[("with" if shortcut else "without") + " shortcut, ms per document"] = round(
            1000 * language / len(texts), 2)
    return shares


def main() -> None:
    segments = labelled_segments()
    languages = sorted({language for language, _ in segments})
    identify("warm up the model once")
    results = [evaluate("archiver (script + py3langid)", lambda t: identify(t).language, segments),
               evaluate("archiver, asked to decide (min 10 letters)",
                        lambda t: identify(t, min_letters=10).language, segments),
               evaluate("langdetect (seeded)", langdetect_detector(), segments)]
    print(f"{len(segments)} segments, {len(languages)} languages: {', '.join(languages)}")
    header = "".join(f"{b:>18}" for b in results[0]["buckets"])
    print(f"{'detector':44}{header}{'median ms':>11}")
    for r in results:
        cells = "".join(f"{v['accuracy']:>9.3f} ({v['decided']:.2f})" for v in r["buckets"].values())
        print(f"{r['detector']:44}{cells}{r['median_ms']:>11}")
    print("cells: accuracy (share decided, 'und' counts as a miss); buckets are segment lengths in characters")
    print("language ID in the pipeline (dev article track):", pipeline_share())


if __name__ == "__main__":
    main()
