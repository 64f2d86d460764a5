"""What some stages cost on distinct whole pages: the pipeline with and without them, in one process.

    .venv/bin/python benchmarks/stage_cost.py --without boilerplate,fragments --every 6
    PYTHONPATH=build/ci-compiled .venv/bin/python benchmarks/stage_cost.py ...   # a compiled build

The pages are ``../shared/train`` renderings (distinct: no line memo answers from a previous copy), each
cleaned in memory (no files written); both variants run twice, interleaved, so the machine's drift shows.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from archiver._version import build
from archiver.config import PipelineConfig
from archiver.document import clean_bytes

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--without", default="boilerplate,fragments", help="stage names, comma-separated")
    parser.add_argument("--every", type=int, default=6, help="every Nth page")
    parser.add_argument("--rendering", default="lxml", choices=["lxml", "html2text", "inscriptis", "bs4"])
    args = parser.parse_args()
    paths = sorted((SHARED / "train" / f"page_{args.rendering}").glob("*.txt"))[:: args.every]
    pages = [p.read_bytes() for p in paths]
    megabytes = sum(map(len, pages)) / 1e6
    # Stages are turned off as a user turns them off (``[stages] off`` in the settings), which a compiled
    # build honours too: patching a module's stage list would not reach compiled callers.
    variants = {"whole pipeline": PipelineConfig(),
                f"without {args.without}": PipelineConfig(off=tuple(sorted(args.without.split(","))))}
    print(f"{build()} build, {len(pages)} pages, {megabytes:.1f} MB ({args.rendering} rendering)")
    for _ in range(2):
        for label, config in variants.items():
            for page in pages[:5]:
                clean_bytes(page, "page.txt", config=config)
            started = time.perf_counter()
            for page in pages:
                clean_bytes(page, "page.txt", config=config)
            elapsed = time.perf_counter() - started
            print(f"{label:40} {len(pages) / elapsed:7.1f} docs/s {megabytes / elapsed:6.2f} MB/s "
                  f"{elapsed / len(pages) * 1000:6.2f} ms/page")


if __name__ == "__main__":
    main()
