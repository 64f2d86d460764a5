"""Instructions per document: the cleaning's CPU work, counted by valgrind's callgrind, not timed.

Run from the repo root (../shared beside it; valgrind installed):

    .venv-compiled/bin/python benchmarks/instructions.py --reference-python OTHER/bin/python

On a shared virtual machine two runs of the same build differ by a tenth or more in seconds, and two
builds run side by side by a third in a bad hour: too much to see a change of a few per cent. An
instruction count moves by about 0.01 % between runs of one build (the hash seed is fixed), whatever else
the machine does, so it measures a change in the work itself. It is not a time: a cache miss or a system call costs far
more than an instruction, so ``speed.py`` still reports what a user waits for.

Each installation cleans (``clean_bytes``: reading, the stages, the record, its schema check) the same
generated text documents (``speed.make_corpus``): a warm-up share first (imports, lexicons, models and the
per-line memos are loaded by then, as in a long run), then the measured documents, the only ones counted.
"""

from __future__ import annotations

import argparse
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
from speed import NEUTRAL_DIR, build_of, make_corpus  # the benchmark's own corpus and helpers

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200, help="measured documents (about 1 s of valgrind each)")
    parser.add_argument("--warm", type=int, default=200, help="documents cleaned before counting starts")
    parser.add_argument("--reference-python", metavar="PYTHON", help="another installation, counted alike")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("instructions.py: valgrind is not installed (Debian: apt install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "text"
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
    print(f"{args.docs} text documents after {args.warm} of warm-up (callgrind)")
    for name, entry in builds.items():
        print(f"  {name:9} {entry['per_document']:>12,} instructions a document   ({entry['build']})")
    if ratio is not None:
        print(f"  this / reference: {ratio}")

if __name__ == "__main__":
    main()
