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

import archiver.document as document
from archiver._version import build
from archiver.stages import default_stages

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
    left_out = set(args.without.split(","))
    variants = {"whole pipeline": default_stages,
                f"without {args.without}": lambda: tuple(s for s in default_stages() if s.name not in left_out)}
    print(f"{build()} build, {len(pages)} pages, {megabytes:.1f} MB ({args.rendering} rendering)")
    for _ in range(2):
        for label, stages in variants.items():
            document.default_stages = stages  # clean_bytes looks the stages up here
            for page in pages[:5]:
                document.clean_bytes(page, "page.txt")
            started = time.perf_counter()
            for page in pages:
                document.clean_bytes(page, "page.txt")
            elapsed = time.perf_counter() - started
            print(f"{label:40} {len(pages) / elapsed:7.1f} docs/s {megabytes / elapsed:6.2f} MB/s "
                  f"{elapsed / len(pages) * 1000:6.2f} ms/page")


if __name__ == "__main__":
    main()
