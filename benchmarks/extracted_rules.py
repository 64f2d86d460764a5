"""Which rules may take a line out of trafilatura's text: each rule's removals scored against the gold.

    .venv/bin/python benchmarks/extracted_rules.py             # every training page's HTML (~2 min, 2 cores)
    .venv/bin/python benchmarks/extracted_rules.py --every 3 --json

On HTML, trafilatura has already chosen the article from the markup; a text stage that takes out one of its
lines should be sure (issue 25: "never drop a block trafilatura kept without strong evidence"). This runs the
HTML stages over the extracted text of the ``../shared/train`` pages with every rule allowed, and counts, for
each rule (``stage:rule``), the tokens of the lines it removed that are in the page's gold main text (by
4-token shingles, as ``../shared/bench/score.py`` counts) and those that are not, per source.

A removal of ``x`` non-gold and ``y`` gold tokens raises shingle F1 only when ``x / (x + y)`` exceeds about
``1 - F1 / 2`` (0.54 at the 0.92 trafilatura reaches on these pages). A rule is trusted when, pooled over both
sources, at least TRUST_SHARE of its removed tokens are not gold (a margin over that break-even for pages
of other sites and languages) and it removed at least MIN_SUPPORT tokens (too little evidence is none).
``archiver.core.stages.TRUSTED_ON_EXTRACTED`` is this script's selection; ``--check`` exits non-zero when the
shipped set and the measured one differ.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
TRAIN = SHARED / "train"
SOURCES = {"ce-": "cleaneval", "dn-": "dragnet"}
TRUST_SHARE = 2 / 3
MIN_SUPPORT = 50

sys.path.insert(0, str(SHARED / "bench"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_gold import gold_text  # noqa: E402


def _shingles(text: str) -> Counter:
    from score import ngram_counts, tokens  # ../shared/bench/score.py: the benchmark's own tokens

    return ngram_counts(tokens(text), 4)


def page_removals(page: str) -> list[tuple[str, int, float]]:
    """``(rule_key, tokens, gold share)`` for each line the HTML stages removed, every rule allowed."""
    from score import tokens

    from archiver.core.pipeline import rule_key, run_stages
    from archiver.core.stages import extracted_stages
    from archiver.errors import DocumentError
    from archiver.readers import read_document

    try:
        decoded = read_document(gzip.decompress((TRAIN / "html" / f"{page}.html.gz").read_bytes()), f"{page}.html")
    except DocumentError:
        return []
    blocks, _ = run_stages(decoded.text, extracted_stages(), extracted=True)
    gold = _shingles(gold_text(TRAIN, page))
    out = []
    for block in blocks:
        if block.dropped_by is None:
            continue
        shingles = _shingles(block.text)
        if not shingles:
            continue
        share = sum(1 for s in shingles if s in gold) / len(shingles)
        out.append((rule_key(*block.dropped_by), len(tokens(block.text)), share))
    return out


def measure(every: int) -> dict[str, dict[str, list[float]]]:
    """``{rule: {source: [gold tokens, other tokens, lines]}}`` over every ``every``-th training page."""
    pages = sorted(json.loads((TRAIN / "manifest.json").read_text(encoding="utf-8"))["docs"])[::every]
    table: dict[str, dict[str, list[float]]] = {}
    with ProcessPoolExecutor(max_workers=2) as pool:
        for page, removals in zip(pages, pool.map(page_removals, pages, chunksize=8), strict=True):
            source = SOURCES[page[:3]]
            for rule, count, share in removals:
                cell = table.setdefault(rule, {}).setdefault(source, [0.0, 0.0, 0])
                cell[0] += count * share
                cell[1] += count * (1 - share)
                cell[2] += 1
    return table


def trusted(table: dict[str, dict[str, list[float]]]) -> list[str]:
    chosen = []
    for rule, by_source in table.items():
        gold = sum(cell[0] for cell in by_source.values())
        other = sum(cell[1] for cell in by_source.values())
        if gold + other >= MIN_SUPPORT and other / (gold + other) >= TRUST_SHARE:
            chosen.append(rule)
    return sorted(chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=1, help="every Nth page of ../shared/train")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--check", action="store_true", help="fail when the shipped trusted set differs")
    args = parser.parse_args()
    if not (TRAIN / "manifest.json").exists():
        sys.exit(f"extracted_rules: {TRAIN} is missing (the training corpus sits beside the repo)")
    table = measure(args.every)
    chosen = trusted(table)
    if args.json:
        print(json.dumps({"table": table, "trusted": chosen}, indent=2, sort_keys=True))
    else:
        print(f"rules on trafilatura's text, every {args.every}th training page: tokens removed in gold / not "
              f"(share not gold); trusted: pooled share >= {TRUST_SHARE:.2f}, >= {MIN_SUPPORT} tokens")
        for rule in sorted(table, key=lambda r: -sum(c[0] + c[1] for c in table[r].values())):
            cells = "   ".join(
                f"{source} {c[0]:6.0f} / {c[1]:6.0f} ({c[1] / max(c[0] + c[1], 1):.2f}, {c[2]} lines)"
                for source, c in sorted(table[rule].items()))
            print(f"  {'*' if rule in chosen else ' '} {rule:38} {cells}")
    if args.check:
        from archiver.core.stages import TRUSTED_ON_EXTRACTED

        if sorted(TRUSTED_ON_EXTRACTED) != chosen:
            sys.exit(f"shipped {sorted(TRUSTED_ON_EXTRACTED)} != measured {chosen}")


if __name__ == "__main__":
    main()
