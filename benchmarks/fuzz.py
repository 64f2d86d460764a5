"""A longer fuzz run than CI's: the text pipeline and validate's parser under hypothesis.

    .venv/bin/python benchmarks/fuzz.py --examples 20000

Properties: cleaning never crashes (a record or a one-line DocumentError),
every record validates and its hashes verify, cleaning clean text changes
nothing; validate's parser never raises anything but a one-line ValueError.
Prints executions and findings.
"""

from __future__ import annotations

import argparse
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archiver.archive import fixity_problems
from archiver.document import clean_bytes
from archiver.errors import DocumentError
from archiver.schema import schema_problems
from archiver.validate import parse_record

PIECES = st.sampled_from(["\n", "\r\n", "\u00a0", "\u200b", "Ã©", "â€œ", "  ", "\t", "سلام", "RELATED", "By ",
                          "—", "\x1b[31m", "Ω", "Photo: Reuters", "(March 15)", "-\n", "QasemSuleimani", "#tag",
                          "Copyright 2020", "[email protected]", ".In", "<p>", "</html>"])
TEXTS = st.lists(st.one_of(st.text(max_size=60), PIECES), max_size=60).map("".join)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000)
    args = parser.parse_args()
    counts = {"pipeline": 0, "parser": 0}
    findings: list[str] = []
    run = settings(max_examples=args.examples, deadline=None, database=None,
                   suppress_health_check=list(HealthCheck))

    @run
    @given(TEXTS)
    def pipeline(text: str) -> None:
        counts["pipeline"] += 1
        raw = text.encode("utf-8")
        try:
            record = clean_bytes(raw, "fuzz.txt")
        except DocumentError as err:
            assert "\n" not in str(err)
            return
        assert schema_problems(record) == [] and fixity_problems(record) == []
        if record["text"]:
            assert clean_bytes(record["text"].encode(), "fuzz.txt")["text"] == record["text"]

    @run
    @given(st.binary(max_size=4000) | TEXTS.map(str.encode))
    def parser_(data: bytes) -> None:
        counts["parser"] += 1
        try:
            parse_record(data)
        except ValueError as err:
            assert "\n" not in str(err)

    started = time.monotonic()
    for test in (pipeline, parser_):
        try:
            test()
        except Exception as err:  # a finding: report it, do not hide it
            findings.append(f"{test.__name__}: {type(err).__name__}: {str(err)[:300]}")
    print(f"{counts['pipeline']} pipeline executions, {counts['parser']} parser executions in "
          f"{time.monotonic() - started:.0f} s; findings: {len(findings)}")
    for finding in findings:
        print("  " + finding)


if __name__ == "__main__":
    main()
