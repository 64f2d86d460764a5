"""Speed and memory benchmark: throughput, scaling, cost against a floor, stage shares, RSS.

Run from the repo root (../shared beside it):

    .venv/bin/python benchmarks/speed.py                 # 10,000 docs, RSS at 200 and 20,000
    .venv/bin/python benchmarks/speed.py --docs 2000 --rss-docs 5000   # quicker

It measures the archiver installed for the interpreter that runs it: an editable install is the Python
source, a wheel (``pip install .``) has the cleaning core compiled by mypyc. ``--reference-python`` times the
text path once more with another installation, in the same run:

    python3 -m venv .venv-compiled && .venv-compiled/bin/pip install '.[dev]'
    .venv-compiled/bin/python benchmarks/speed.py --reference-python .venv/bin/python

Everything is measured in one run on this machine, and reported as ratios
against references measured in the same run (the floor, trafilatura alone),
because absolute times on a shared machine are noisy. Never a timed test.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TARGET_BYTES = 10_000
ARCHIVER = ["-m", "archiver"]
# The subprocesses run outside the repo: "python -m archiver" in the repo root would import its source
# folder, not the installation being measured.
NEUTRAL_DIR = Path(tempfile.gettempdir())


_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")
PROSE_MIN_WORDS = 12


def is_prose_line(line: str) -> bool:
    return len(line.split()) >= PROSE_MIN_WORDS and line.rstrip()[-1:] in ".!?。！？\"”"


def sentence_pool(texts: list[str]) -> list[str]:
    """The sentences of the texts' prose lines: the material a document's new paragraphs are drawn from."""
    return [s for text in texts for line in text.split("\n") if is_prose_line(line)
            for s in _SENTENCE_END.split(line.strip()) if s]


def vary(text: str, pool: list[str], rng: random.Random) -> str:
    """The text with each prose line replaced by a new paragraph of about its length, drawn from the
    language's sentences; the other lines (headings, captions, menus, prompts) stay as the site wrote them.

    Real articles share boilerplate, not prose: a corpus that repeats whole documents would let every
    per-line cache answer from memory and report a speed no real corpus sees (measured: twice as fast)."""
    out = []
    for line in text.split("\n"):
        if is_prose_line(line):
            sentences = [rng.choice(pool)]
            length = len(sentences[0])
            while length < len(line):
                sentences.append(rng.choice(pool))
                length += len(sentences[-1]) + 1
            shorter = length - len(sentences[-1]) - 1  # the length without the last sentence
            if len(sentences) > 1 and length - len(line) > len(line) - shorter:
                sentences.pop()  # the nearer length, so the document keeps its size
            line = " ".join(sentences)
        out.append(line)
    return "\n".join(out)


def make_corpus(folder: Path, count: int, html_share: float = 0.05) -> int:
    """``count`` documents of about 10 KB, each stitched from seeds or benchmark texts of one language and
    varied (``vary``): no two documents share their prose; some HTML.

    A real article is in one language, so the pieces of a document share theirs (the benchmark's manifest
    gives each text's language; the seeds are English): mixing languages inside one document would make
    every document look like it had foreign passages, which real ones rarely do.
    """
    languages = {d["id"]: d["language"] for d in json.loads(
        (SHARED / "bench" / "dev-repairs" / "manifest.json").read_text(encoding="utf-8"))["docs"]}
    by_language: dict[str, list[str]] = {}
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        by_language.setdefault("en", []).append(path.read_text(encoding="utf-8"))
    for path in sorted((SHARED / "bench" / "dev" / "article").glob("*.txt")):
        by_language.setdefault(languages.get(path.stem, "en"), []).append(path.read_text(encoding="utf-8"))
    texts = [(language, text) for language, group in sorted(by_language.items()) for text in group]
    pools = {language: sentence_pool(group) for language, group in by_language.items()}
    pages = [gzip.decompress(p.read_bytes()) for p in sorted((SHARED / "bench" / "dev" / "html").glob("*.gz"))]
    folder.mkdir(parents=True, exist_ok=True)
    html_every = int(1 / html_share) if html_share else 0
    total = 0
    for i in range(count):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        if html_every and i % html_every == 0:
            data = pages[i % len(pages)].replace(b"</body>", f"<p>Document {i}.</p></body>".encode())
            path = sub / f"{i:06d}.html"
        else:
            language, first = texts[i % len(texts)]
            group = by_language[language]
            parts, size, j = [first], len(first.encode()), group.index(first)
            while size < TARGET_BYTES:
                j += 7
                piece = group[j % len(group)]
                parts.append(piece)
                size += len(piece.encode())
            text = "\n\n".join(parts)
            cut = text.find("\n", TARGET_BYTES)  # about 10 KB, ending at a line end
            text = (text if cut < 0 else text[:cut]) + f"\n\nDocument number {i}.\n"
            if pools[language]:
                text = vary(text, pools[language], random.Random(i))
            data = text.encode("utf-8")
            path = sub / f"{i:06d}.txt"
        path.write_bytes(data)
        total += len(data)
    return total


def distinct_corpus(folder: Path, every: int = 1) -> tuple[int, int]:
    """Distinct real documents, nothing repeated (no per-line memo answers from an earlier copy): every
    rendering of every ``every``-th page of ../shared/train (whole pages as lxml, html2text, inscriptis and
    BeautifulSoup give them; CleanEval and Dragnet, many sites and languages) and the bench/dev article and
    page tracks. Returns (documents, bytes)."""
    count = total = 0
    train = SHARED / "train"
    pages = sorted(p.stem for p in (train / "gold").glob("*.txt"))[::every]
    sources = [(f"train-{r}", [train / f"page_{r}" / f"{p}.txt" for p in pages])
               for r in ("lxml", "html2text", "inscriptis", "bs4")]
    sources += [(f"dev-{t}", sorted((SHARED / "bench" / "dev" / t).glob("*.txt"))) for t in ("article", "page")]
    for name, paths in sources:
        (folder / name).mkdir(parents=True, exist_ok=True)
        for path in paths:
            if path.exists():
                data = path.read_bytes()
                (folder / name / path.name).write_bytes(data)
                count += 1
                total += len(data)
    return count, total


def throughput(corpus: Path, documents: int, size: int, work: Path) -> dict[str, object]:
    """Floor, --jobs 1 and --jobs 2 on one corpus, in one run, and whether both job counts wrote the same."""
    floor_seconds = floor(corpus, work / "floor")
    one, rss = timed_ingest(corpus, work / "out1", 1)
    two, _ = timed_ingest(corpus, work / "out2", 2)
    same = all((work / "out1" / p.relative_to(work / "out2")).read_bytes() == p.read_bytes()
               for p in (work / "out2").rglob("*.json"))
    return {"floor_docs_per_s": round(documents / floor_seconds, 1),
            "jobs1_docs_per_s": round(documents / one, 1), "jobs1_mb_per_s": round(size / 1e6 / one, 2),
            "jobs2_docs_per_s": round(documents / two, 1), "jobs2_mb_per_s": round(size / 1e6 / two, 2),
            "scaling_jobs2_over_jobs1": round(one / two, 2), "cost_multiple_of_floor": round(one / floor_seconds, 1),
            "jobs2_output_identical_to_jobs1": same, "jobs1_peak_rss_kib": rss}


def distinct_run(work: Path, every: int) -> dict[str, object]:
    """Floor, --jobs 1 and --jobs 2 on the distinct corpus, in one run."""
    corpus = work / "distinct"
    documents, size = distinct_corpus(corpus, every)
    return {"documents": documents, "megabytes": round(size / 1e6, 1), **throughput(corpus, documents, size, work)}


def floor(folder: Path, out: Path) -> float:
    """Read, hash, write a JSON record with the text: the least any archiver could do (seconds)."""
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for path in sorted(folder.rglob("*.*")):
        raw = path.read_bytes()
        record = {"id": hashlib.sha256(raw).hexdigest(), "text": raw.decode("utf-8", "replace")}
        (out / (path.stem + ".json")).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return time.perf_counter() - started


def build_of(python: str) -> str:
    """'compiled' or 'python': the archiver build that ``python`` imports."""
    return subprocess.run([python, "-c", "from archiver._version import build; print(build())"], cwd=NEUTRAL_DIR,
                          capture_output=True, text=True, check=True).stdout.strip()


def timed_ingest(folder: Path | list[Path], out: Path, jobs: int, python: str = sys.executable) -> tuple[float, int]:
    """Wall seconds of ``archiver ingest`` and its peak RSS (KiB, this process and its workers)."""
    inputs = [str(f) for f in folder] if isinstance(folder, list) else [str(folder)]
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "r = subprocess.run(sys.argv[1:]); "
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
            "sys.exit(r.returncode)")
    done = subprocess.run([sys.executable, "-c", code, python, *ARCHIVER, "ingest", *inputs, "--out", str(out),
                           "-q", "--jobs", str(jobs)], capture_output=True, text=True, cwd=NEUTRAL_DIR)
    if done.returncode not in (0, 1):
        raise RuntimeError(done.stderr[-2000:])
    seconds, rss = done.stdout.split()[-2:]
    return float(seconds), int(rss)


def warm_seconds(warm: list[Path], measured: list[Path], out: Path, python: str) -> tuple[float, float]:
    """Wall and CPU seconds (user and system) one process takes for ``measured`` after it ingested ``warm``:
    Python, the imports, the lexicons, every language's word list and the language model are loaded by
    then, so this is what a document costs in a long run (a corpus of millions pays the loading once per
    worker). The CPU seconds are the core's work; on a shared virtual machine the wall time also holds what
    the hypervisor gave to others (13 % in one run here)."""
    code = ("import resource, sys, time; from pathlib import Path; from archiver.ingest import ingest; "
            "out, n = Path(sys.argv[1]), int(sys.argv[2]); folders = [Path(p) for p in sys.argv[3:]]; "
            "cpu = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2]); "
            "list(ingest(folders[:n], out / 'warm')); t, c = time.perf_counter(), cpu(); "
            "outcomes = list(ingest(folders[n:], out / 'measured')); "
            "print(time.perf_counter() - t, cpu() - c, sum(o.status == 'written' for o in outcomes))")
    done = subprocess.run([python, "-c", code, str(out), str(len(warm)), *map(str, warm + measured)],
                          capture_output=True, text=True, cwd=NEUTRAL_DIR, check=True)
    seconds, cpu_seconds, written = done.stdout.split()
    expected = sum(1 for folder in measured for _ in folder.glob("*.txt"))
    if int(written) != expected:
        raise RuntimeError(f"steady run wrote {written} of {expected} records")
    return float(seconds), float(cpu_seconds)


def ftfy_ms(corpus: Path, sample: int = 100) -> float:
    """Median ms of ftfy.fix_text on a whole generated 10 KB document: a CPU-bound yardstick of this machine's
    speed in this run (the throughput issue measured about 5 ms when it set the 150 docs/s target)."""
    import ftfy

    times = []
    for path in sorted(corpus.rglob("*.txt"))[:sample]:
        text = path.read_text(encoding="utf-8")
        started = time.perf_counter()
        ftfy.fix_text(text)
        times.append(1000 * (time.perf_counter() - started))
    return round(statistics.median(times), 2)


def text_path(work: Path, documents: int, reference_python: str | None) -> dict[str, object]:
    """Text documents only, ``--jobs 1``: the whole run (process start and loading included) and a warmed-up
    process's rate on the second half; the same for the reference installation if one is given."""
    corpus = work / "text"
    size = make_corpus(corpus, documents, html_share=0)
    folders = sorted(p for p in corpus.iterdir() if p.is_dir())
    warm, measured = folders[:len(folders) // 2], folders[len(folders) // 2:]
    measured_docs = sum(1 for folder in measured for _ in folder.glob("*.txt"))

    def rates(python: str, name: str) -> tuple[dict[str, object], float]:
        """The installation's figures, and its steady seconds (the ratio between builds is taken on these)."""
        seconds, _ = timed_ingest(corpus, work / f"text-{name}", 1, python)
        steady, steady_cpu = warm_seconds(warm, measured, work / f"steady-{name}", python)
        return {"build": build_of(python), "docs_per_s": round(documents / seconds, 1),
                "mb_per_s": round(size / 1e6 / seconds, 2),
                "steady_docs_per_s": round(measured_docs / steady, 1),
                "steady_docs_per_cpu_s": round(measured_docs / steady_cpu, 1)}, steady

    this, steady = rates(sys.executable, "this")
    this.update(documents=documents, startup_s=round(startup_seconds(corpus, work / "start"), 2),
                ftfy_10kb_ms=ftfy_ms(corpus))
    if reference_python:
        reference, reference_steady = rates(reference_python, "reference")
        reference["steady_speedup"] = round(reference_steady / steady, 2)
        this["reference"] = reference
    return this


def startup_seconds(corpus: Path, out: Path, rounds: int = 3) -> float:
    """Wall seconds of an ingest of one document (median of ``rounds``): starting Python, importing, and
    loading what the first document needs (lexicons, word frequencies, the language model from its cache)."""
    one = corpus / "one"
    one.mkdir()
    first = sorted(corpus.rglob("*.txt"))[0]
    (one / first.name).write_bytes(first.read_bytes())
    return statistics.median(timed_ingest(one, out / str(r), 1)[0] for r in range(rounds))


def stage_shares(folder: Path, sample: int) -> dict[str, float]:
    from archiver.core.pipeline import run_stages
    from archiver.core.stages import default_stages
    from archiver.readers import read_document

    timings: dict[str, float] = {}
    paths = sorted(folder.rglob("*.txt"))[:sample]
    for path in paths[:20]:  # models and lexicons load once per process: not a per-document cost
        run_stages(read_document(path.read_bytes(), path.name).text, default_stages())
    for path in paths:
        run_stages(read_document(path.read_bytes(), path.name).text, default_stages(), timings)
    total = sum(timings.values())
    return {name: round(100 * seconds / total, 1) for name, seconds in sorted(timings.items(), key=lambda kv: -kv[1])}


def html_ratio(rounds: int = 3) -> dict[str, float]:
    """archiver's HTML path against trafilatura alone, warm, interleaved page by page in one process.

    Two references: ``trafilatura.extract`` with archiver's settings (comments out, tables in, no
    deduplication, and the page metadata archiver records: title, author, date, site name, URL), and
    ``trafilatura.extract`` as most users call it, text only (no metadata). Best of ``rounds`` per page,
    since the machine is shared.
    """
    import trafilatura

    from archiver.document import clean_bytes
    from archiver.readers.html import DATE_PARAMS

    pages = [(p.read_bytes(), p.name) for p in sorted((SHARED / "bench" / "dev" / "html").glob("*.gz"))]
    settings = {"include_comments": False, "include_tables": True, "deduplicate": False}

    def text_only(html: bytes) -> None:
        trafilatura.extract(html, **settings)

    def with_metadata(html: bytes) -> None:
        trafilatura.extract(html, **settings, with_metadata=True, date_extraction_params=DATE_PARAMS)

    for raw, name in pages[:3]:
        clean_bytes(raw, name)
        text_only(gzip.decompress(raw))
    best: dict[str, list[float]] = {"archiver": [], "same_settings": [], "text_only": []}
    for raw, name in pages:
        html = gzip.decompress(raw)
        runs = {"archiver": (clean_bytes, (raw, name)), "same_settings": (with_metadata, (html,)),
                "text_only": (text_only, (html,))}
        for label, (run, args) in runs.items():
            times = []
            for _ in range(rounds):
                started = time.perf_counter()
                run(*args)
                times.append(time.perf_counter() - started)
            best[label].append(min(times))
    ours = sum(best["archiver"])
    return {"archiver_ms": round(statistics.median(best["archiver"]) * 1000, 1),
            "trafilatura_same_settings_ms": round(statistics.median(best["same_settings"]) * 1000, 1),
            "trafilatura_text_only_ms": round(statistics.median(best["text_only"]) * 1000, 1),
            "ratio_same_settings": round(ours / sum(best["same_settings"]), 2),
            "ratio_text_only": round(ours / sum(best["text_only"]), 2)}


def validate_rate(records: Path, count: int) -> float:
    from archiver.validate import validate

    paths = sorted(records.rglob("*.json"))[:count]
    started = time.perf_counter()
    report = validate(paths)
    elapsed = time.perf_counter() - started
    assert report.records == len(paths)
    return len(paths) / elapsed


def manifest_rate(records: Path) -> tuple[float, int]:
    """Records per second for the manifest check of a record folder (written first, by the same code)."""
    from archiver.manifest import manifest_problems, write_manifest

    count = write_manifest(records)
    started = time.perf_counter()
    problems = manifest_problems(records)
    elapsed = time.perf_counter() - started
    assert not problems
    return count / elapsed, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--rss-docs", type=int, default=20_000)
    parser.add_argument("--text-docs", type=int, default=4_000, help="text-only documents for the text path figure")
    parser.add_argument("--rss-small", type=int, default=200)
    parser.add_argument("--reference-python", metavar="PYTHON",
                        help="another installation's interpreter: its text path is timed in the same run")
    parser.add_argument("--text-path-only", action="store_true", help="only the text path figures (a few minutes)")
    parser.add_argument("--distinct-only", action="store_true",
                        help="only the corpus of distinct real pages (../shared/train renderings, bench/dev)")
    parser.add_argument("--every", type=int, default=1, help="with --distinct-only: every Nth training page")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.reference_python:  # the subprocesses run elsewhere; a venv's python must not be resolved (symlink)
        args.reference_python = os.path.abspath(args.reference_python)
    if args.distinct_only:
        with tempfile.TemporaryDirectory() as tmp:
            d = distinct_run(Path(tmp), args.every)
        if args.json:
            print(json.dumps({"build": build_of(sys.executable), "distinct": d}, indent=2))
            return
        print(f"Distinct real pages: {d['documents']} documents, {d['megabytes']} MB, {os.cpu_count()} cores; "
              f"archiver's {build_of(sys.executable)} build")
        print(f"  floor (read, hash, write JSON)  {d['floor_docs_per_s']:>8} docs/s")
        print(f"  archiver --jobs 1               {d['jobs1_docs_per_s']:>8} docs/s  {d['jobs1_mb_per_s']} MB/s"
              f"  ({d['cost_multiple_of_floor']}x the floor's cost; peak RSS {d['jobs1_peak_rss_kib']} KiB)")
        print(f"  archiver --jobs 2               {d['jobs2_docs_per_s']:>8} docs/s  {d['jobs2_mb_per_s']} MB/s"
              f"  (scaling {d['scaling_jobs2_over_jobs1']})")
        return
    if args.text_path_only:
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps({"build": build_of(sys.executable),
                              "text_path": text_path(Path(tmp), args.text_docs, args.reference_python)}, indent=2))
        return
    result: dict[str, object] = {"cores": os.cpu_count(), "build": build_of(sys.executable)}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        size = make_corpus(corpus, args.docs)
        result["corpus"] = {"documents": args.docs, "megabytes": round(size / 1e6, 1)}
        result["throughput"] = throughput(corpus, args.docs, size, work)
        result["text_path"] = text_path(work, args.text_docs, args.reference_python)
        result["stage_share_percent"] = stage_shares(corpus, 500)
        result["html"] = html_ratio()
        # A CPU-bound reference from the same run: this machine's speed drifts by a third between runs,
        # and the floor (mostly file-system work) does not follow it.
        result["text_path"]["over_trafilatura_page"] = round(
            1000 / result["text_path"]["steady_docs_per_s"] / result["html"]["trafilatura_same_settings_ms"], 3)
        result["validate_records_per_s"] = round(validate_rate(work / "out1", 10_000), 1)
        rate, count = manifest_rate(work / "out1")
        result["manifest_check"] = {"records": count, "records_per_s": round(rate, 1)}
        small, large = work / "small", work / "large"
        make_corpus(small, args.rss_small, html_share=0)
        make_corpus(large, args.rss_docs, html_share=0)
        _, rss_small = timed_ingest(small, work / "rs", 1)
        _, rss_large = timed_ingest(large, work / "rl", 1)
        result["peak_rss_kib"] = {str(args.rss_small): rss_small, str(args.rss_docs): rss_large,
                                  "ratio": round(rss_large / rss_small, 2)}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    t = result["throughput"]
    print(f"Corpus: {args.docs} documents, {result['corpus']['megabytes']} MB, {os.cpu_count()} cores; "
          f"archiver's {result['build']} build")
    print(f"  floor (read, hash, write JSON)  {t['floor_docs_per_s']:>8} docs/s")
    print(f"  archiver --jobs 1               {t['jobs1_docs_per_s']:>8} docs/s  {t['jobs1_mb_per_s']} MB/s"
          f"  ({t['cost_multiple_of_floor']}x the floor's cost)")
    print(f"  archiver --jobs 2               {t['jobs2_docs_per_s']:>8} docs/s  {t['jobs2_mb_per_s']} MB/s"
          f"  (scaling {t['scaling_jobs2_over_jobs1']}; output identical: {t['jobs2_output_identical_to_jobs1']})")
    tp = result["text_path"]
    print(f"  text path only, --jobs 1        {tp['docs_per_s']:>8} docs/s  {tp['mb_per_s']} MB/s  "
          f"({tp['documents']} text documents, process start included)")
    print(f"    steady rate (a warmed-up process, second half) {tp['steady_docs_per_s']} docs/s, "
          f"{tp['steady_docs_per_cpu_s']} docs per CPU second; start of a process {tp['startup_s']} s")
    print(f"    this machine now: ftfy.fix_text on a 10 KB document {tp['ftfy_10kb_ms']} ms (median; about 5 ms "
          "when the target was set)")
    print(f"    a text document (steady) costs {tp['over_trafilatura_page']}x what trafilatura.extract costs on an "
          "HTML page")
    if "reference" in tp:
        ref = tp["reference"]
        print(f"    the {ref['build']} build (--reference-python), same documents: {ref['docs_per_s']} docs/s, "
              f"steady {ref['steady_docs_per_s']} docs/s ({ref['steady_docs_per_cpu_s']} per CPU second); "
              f"this build's steady rate is {ref['steady_speedup']}x")
    shares = result["stage_share_percent"]
    print("Stage share of pipeline time (%): " + ", ".join(f"{k} {v}" for k, v in shares.items()))
    h = result["html"]
    print(f"HTML page (median, best of 3): archiver {h['archiver_ms']} ms; trafilatura.extract with the same "
          f"settings and metadata {h['trafilatura_same_settings_ms']} ms (ratio {h['ratio_same_settings']}), "
          f"text only {h['trafilatura_text_only_ms']} ms (ratio {h['ratio_text_only']})")
    print(f"validate: {result['validate_records_per_s']} records/s (one core); manifest check: "
          f"{result['manifest_check']['records_per_s']} records/s over {result['manifest_check']['records']}")
    r = result["peak_rss_kib"]
    print(f"peak RSS: {args.rss_small} docs {r[str(args.rss_small)]} KiB, {args.rss_docs} docs "
          f"{r[str(args.rss_docs)]} KiB, ratio {r['ratio']}")


if __name__ == "__main__":
    main()
