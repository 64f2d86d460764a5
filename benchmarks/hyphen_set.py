"""Line-end hyphens on a set built from ../shared/train's gold bodies: words rejoined, compounds kept.

``bench/dev-repairs`` splits about 3 % of long lower-case words at a wrap point (61 bodies, 123 splits); its
hidden twin scored recall 0.960. This set is larger and never tuned on: every ``--every``-th gold body of
``../shared/train``, greedily wrapped at a width of 55-80 columns (seeded by the page id), with a hyphen at 30 %
of the wrap points that fall inside a long lower-case word (cut anywhere, as the dev recipe cuts), and every
hyphenated compound that reaches a line end broken after its own hyphen ("mid-" / "winter"). Only the
stages a hard-wrapped text goes through before any cleaning run (lines, whitespace, mojibake, dehyphenate,
unwrap), so what other stages take out does not count.

``recall``: split words found whole in the output; ``compounds_kept``: broken compounds found with their
hyphen; precision follows from the two (a compound joined is a wrong join).

    .venv/bin/python benchmarks/hyphen_set.py [--every 3] [--json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from pathlib import Path

from wrap_set import wrap

from archiver.core.pipeline import run_stages
from archiver.core.stages import default_stages

TRAIN = Path(__file__).resolve().parent.parent.parent / "shared" / "train"
SPLIT_SHARE = 0.3
_WORDS = re.compile(r"[\w-]+")
STAGES = ("lines", "whitespace", "mojibake", "dehyphenate", "unwrap")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    stages = [s for s in default_stages() if s.name in STAGES]
    splits = joined = compounds = kept = documents = 0
    for path in sorted((TRAIN / "gold").glob("*.txt"))[::args.every]:
        rng = random.Random(int(hashlib.sha256(path.stem.encode()).hexdigest()[:8], 16))
        width = rng.randint(55, 80)
        split: list[str] = []
        broken: list[str] = []
        lines: list[str] = []
        for paragraph in (line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()):
            lines += [*wrap(" ".join(paragraph.split()), width, rng, SPLIT_SHARE, split, broken), ""]
        blocks, _ = run_stages("\n".join(lines) + "\n", stages)
        out = set(_WORDS.findall(" ".join(b.text for b in blocks if b.kept)))
        documents += 1
        splits, joined = splits + len(split), joined + sum(w in out for w in split)
        compounds, kept = compounds + len(broken), kept + sum(w in out for w in broken)
    report = {"documents": documents, "splits": splits, "recall": round(joined / splits, 4) if splits else None,
              "compounds": compounds, "compounds_kept": round(kept / compounds, 4) if compounds else None,
              "precision": round(joined / (joined + compounds - kept), 4) if joined else None}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{documents} bodies: {splits} words split at a line end, recall {report['recall']}; {compounds} compounds "
          f"broken at their hyphen, kept {report['compounds_kept']}; precision {report['precision']}")


if __name__ == "__main__":
    main()
