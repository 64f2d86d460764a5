"""Properties over arbitrary input: never a crash, always a valid sealed record, idempotent."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archiver.document import clean_bytes
from archiver.errors import DocumentError
from tests.helpers import check_record

# Text with the things that break cleaners: odd spaces, CR, mojibake bait, RTL, controls.
_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
_PIECES = st.sampled_from(["\n", "\r\n", "\r", "\u00a0", "\u200b", "Ã©", "â€œ", "  ", "\t",
                           "سلام", "RELATED", "By ", "—", "\x00", "\x1b[31m", "Ω"])
texts = st.lists(st.one_of(st.text(_ALPHABET, max_size=40), _PIECES), max_size=40).map("".join)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_gives_a_valid_record_or_a_clear_error(text: str) -> None:
    raw = text.encode("utf-8")
    try:
        record = clean_bytes(raw, "doc.txt")
    except DocumentError as err:
        assert str(err) and "\n" not in str(err)
        return
    check_record(record, raw)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_cleaning_clean_text_changes_nothing(text: str) -> None:
    try:
        first = clean_bytes(text.encode("utf-8"), "doc.txt")
    except DocumentError:
        return
    if not first["text"]:
        return
    second = clean_bytes(first["text"].encode("utf-8"), "doc.txt")
    assert second["text"] == first["text"]
    assert second["removed"] == [] and second["repairs"] == []


def test_a_fuzz_finding_fails_the_run_and_prints_its_input(monkeypatch, capsys) -> None:
    """benchmarks/fuzz.py once found a non-idempotent input and still exited 0."""
    import importlib.util
    import sys

    import pytest

    from tests.shared import ROOT

    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "benchmarks" / "fuzz.py")
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)

    def finding(text: str) -> None:
        # planted on one of the fuzzer's own pieces, which about one example in five holds: a random letter
        # ("x") went unfound in 200 examples now and then, and the test failed by chance
        assert "RELATED" not in text, "a planted finding"

    monkeypatch.setattr(fuzz, "check_pipeline", finding)
    monkeypatch.setattr(sys, "argv", ["fuzz.py", "--examples", "200"])
    with pytest.raises(SystemExit) as exit_:
        fuzz.main()
    assert exit_.value.code == 1
    printed = capsys.readouterr().out
    # hypothesis shrinks the finding to 'RELATED' when it has the time; any input holding it will do
    assert re.search(r"input: '[^'\n]*RELATED[^'\n]*'", printed), printed


# Hard-wrapped documents without blank lines: where the learned paragraph ends decide.
_WORDS = st.sampled_from(["the", "council", "said", "on", "Tuesday", "that", "new", "rules", "would", "come",
                          "into", "force", "Members", "argued", "for", "hours", "about", "bridge", "repairs",
                          "and", "It", "was", "a", "long", "meeting", "Paris", "2024", "costs", "rose"])
_SENTENCE = st.lists(_WORDS, min_size=3, max_size=18).map(lambda w: " ".join([w[0].capitalize(), *w[1:]]) + ".")
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=4).map(" ".join)


def _wrapped(paragraphs: list[str], width: int) -> str:
    import textwrap

    return "\n".join(line for p in paragraphs for line in textwrap.wrap(p, width, break_long_words=False,
                                                                         break_on_hyphens=False)) + "\n"


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=60)
@given(st.lists(_PARAGRAPH, min_size=2, max_size=8), st.integers(min_value=40, max_value=100))
def test_a_wrapped_document_without_blank_lines_gives_a_valid_idempotent_record(paragraphs: list[str],
                                                                              width: int) -> None:
    raw = _wrapped(paragraphs, width).encode()
    record = clean_bytes(raw, "wrapped.txt")
    check_record(record, raw)
    if record["text"]:
        again = clean_bytes(record["text"].encode(), "wrapped.txt")
        assert again["text"] == record["text"]


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=60)
@given(st.lists(_PARAGRAPH, min_size=2, max_size=8), st.integers(min_value=40, max_value=100))
def test_paragraph_ends_only_join_and_break_lines_never_lose_or_move_a_word(paragraphs: list[str],
                                                                          width: int) -> None:
    from archiver.core.pipeline import run_stages
    from archiver.core.stages import default_stages

    text = _wrapped(paragraphs, width)
    stages = [s for s in default_stages() if s.name in {"lines", "whitespace", "mojibake", "dehyphenate", "unwrap"}]
    blocks, _ = run_stages(text, stages)
    assert " ".join(b.text for b in blocks if b.kept).split() == text.split()
