"""A longer fuzz run than CI's: the text pipeline and validate's parser under hypothesis.

    .venv/bin/python benchmarks/fuzz.py --examples 20000

Properties: cleaning never crashes (a record or a one-line DocumentError),
every record validates and its hashes verify, cleaning clean text changes
nothing; validate's parser never raises anything but a one-line ValueError.
Prints executions and findings; a finding prints the (shrunk) input that shows it and makes the exit
status 1, so a run that found something never passes for clean.
"""

from __future__ import annotations

import argparse
import sys
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
    failing: dict[str, object] = {}  # each property's last failing input: Hypothesis replays the shrunk one last
    run = settings(max_examples=args.examples, deadline=None, database=None,
                   suppress_health_check=list(HealthCheck))

    @run
    @given(TEXTS)
    def pipeline(text: str) -> None:
        counts["pipeline"] += 1
        try:
            check_pipeline(text)
        except Exception:
            failing["pipeline"] = text
            raise

    @run
    @given(st.binary(max_size=4000) | TEXTS.map(str.encode))
    def parser_(data: bytes) -> None:
        counts["parser"] += 1
        try:
            parse_record(data)
        except ValueError as err:
            if "\n" in str(err):
                failing["parser_"] = data
                raise AssertionError("a problem line holds a newline") from None
        except Exception:
            failing["parser_"] = data
            raise

    started = time.monotonic()
    for test in (pipeline, parser_):
        try:
            test()
        except Exception as err:  # a finding: report it, do not hide it
            name = test.__name__
            findings.append(f"{name}: {type(err).__name__}: {str(err)[:300]}\n    input: {failing.get(name)!r}")
    print(f"{counts['pipeline']} pipeline executions, {counts['parser']} parser executions in "
          f"{time.monotonic() - started:.0f} s; findings: {len(findings)}")
    for finding in findings:
        print("  " + finding)
    if findings:
        sys.exit(1)


def check_pipeline(text: str) -> None:
    """Never a crash (a record or a one-line DocumentError); the record validates; cleaning clean text
    changes nothing."""
    try:
        record = clean_bytes(text.encode("utf-8"), "fuzz.txt")
    except DocumentError as err:
        assert "\n" not in str(err), "a one-line reason holds a newline"
        return
    assert schema_problems(record) == [] and fixity_problems(record) == [], "the record does not validate"
    if record["text"]:
        again = clean_bytes(record["text"].encode(), "fuzz.txt")["text"]
        assert again == record["text"], f"cleaning the clean text changed it to {again!r}"


if __name__ == "__main__":
    main()
