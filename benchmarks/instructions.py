"""Instructions per document: the cleaning's CPU work, counted by valgrind's callgrind, not timed.

Run from the repo root (../shared beside it; valgrind installed):

    .venv-compiled/bin/python benchmarks/instructions.py --reference-python OTHER/bin/python

On a shared virtual machine two runs of the same build differ by a tenth or more in seconds, and two
builds run side by side by a third in a bad hour: too much to see a change of a few per cent. An
instruction count moves by about 0.01 % between runs of one build (the hash seed is fixed), whatever else
the machine does, so it measures a change in the work itself. It is not a time: a cache miss or a system call costs far
more than an instruction, so ``speed.py`` still reports what a user waits for.

Each installation cleans (``clean_bytes``: reading, the stages, the record, its schema check) the same
documents: generated text documents (``speed.make_corpus``), or with ``--distinct`` distinct real pages
(``speed.distinct_corpus``: every rendering of every ``--every``-th training page and the ``bench/dev``
tracks, their order mixed by a hash of the path so that sources and renderings interleave). A warm-up share
first (imports, lexicons, models are loaded by then, as in a long run), then the measured documents, the
only ones counted.

    .venv/bin/python benchmarks/instructions.py --distinct --docs 100 --warm 40 --reference-python OTHER
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import NEUTRAL_DIR, build_of, distinct_corpus, make_corpus  # the benchmark's own corpora and helpers

# The measured documents are cleaned inside one functools.reduce call, a C function that nothing else in
# the run calls: callgrind counts only while it is on the stack (--toggle-collect).
DRIVER = """
import functools, sys
from pathlib import Path
from archiver.document import clean_bytes
files = sorted(Path(sys.argv[1]).rglob("*.txt"))
warm, measured = int(sys.argv[2]), int(sys.argv[3])
raws = [f.read_bytes() for f in files[:warm + measured]]
for raw in raws[:warm]:
    clean_bytes(raw, "warm.txt")
functools.reduce(lambda _, raw: clean_bytes(raw, "doc.txt"), raws[warm:], None)
"""
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def count_instructions(python: str, corpus: Path, warm: int, measured: int, work: Path) -> int:
    """Instructions ``python``'s archiver spends cleaning the ``measured`` documents after ``warm`` others."""
    driver = work / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={work / 'callgrind.%p.out'}",
         "--toggle-collect=functools_reduce", python, str(driver), str(corpus), str(warm), str(measured)],
        capture_output=True, text=True, cwd=NEUTRAL_DIR, check=False,
        env={**os.environ, "PYTHONHASHSEED": "0"})  # string hashes, and so set and dict orders, fixed
    found = _COLLECTED.search(done.stderr)
    if done.returncode != 0 or not found:
        raise RuntimeError(f"callgrind failed ({done.returncode}): {done.stderr[-2000:]}")
    return int(found.group(1))


def mixed(source: Path, corpus: Path, every: int) -> None:
    """The distinct corpus in one folder, named so that sorting mixes its sources and renderings."""
    distinct_corpus(source, every)
    corpus.mkdir(parents=True)
    for path in source.rglob("*.txt"):
        key = hashlib.sha256(str(path.relative_to(source)).encode()).hexdigest()[:10]
        shutil.copyfile(path, corpus / f"{key}-{path.name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200, help="measured documents (about 1 s of valgrind each)")
    parser.add_argument("--warm", type=int, default=200, help="documents cleaned before counting starts")
    parser.add_argument("--reference-python", metavar="PYTHON", help="another installation, counted alike")
    parser.add_argument("--distinct", action="store_true", help="distinct real pages, not generated documents")
    parser.add_argument("--every", type=int, default=16, help="with --distinct: every Nth training page")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("instructions.py: valgrind is not installed (Debian: apt install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "text"
        if args.distinct:
            mixed(work / "distinct", corpus, args.every)
        else:
            make_corpus(corpus, args.warm + args.docs, html_share=0)
        pythons = {"this": sys.executable}
        if args.reference_python:  # a venv's python must not be resolved (symlink)
            pythons["reference"] = os.path.abspath(args.reference_python)
        builds: dict[str, dict[str, Any]] = {}
        for name, python in pythons.items():
            total = count_instructions(python, corpus, args.warm, args.docs, work)
            builds[name] = {"build": build_of(python), "instructions": total, "per_document": round(total / args.docs)}
    ratio = (round(builds["this"]["instructions"] / builds["reference"]["instructions"], 4)
             if "reference" in builds else None)
    if args.json:
        print(json.dumps({"documents": args.docs, "warm_up": args.warm, **builds, "ratio": ratio}, indent=2))
        return
    kind = f"distinct real pages (every {args.every}th training page)" if args.distinct else "generated text documents"
    print(f"{args.docs} {kind} after {args.warm} of warm-up (callgrind)")
    for name, entry in builds.items():
        print(f"  {name:9} {entry['per_document']:>12,} instructions a document   ({entry['build']})")
    if ratio is not None:
        print(f"  this / reference: {ratio}")

if __name__ == "__main__":
    main()
