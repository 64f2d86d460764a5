import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from archiver.core.pipeline import Context
from archiver.core.stages.lines import LinesStage
from archiver.core.stages.mojibake import _SUSPECT, MojibakeStage, may_hold_suspects


def run(text: str):
    ctx = Context(decoded=text)
    return MojibakeStage().apply(LinesStage().apply([], ctx), ctx)


def test_fixes_utf8_read_as_cp1252_and_records_it() -> None:
    (block,) = run("The cafÃ© said â€œhelloâ€\x9d")
    assert block.text == "The café said “hello”"
    (repair,) = block.repairs
    assert repair.stage == "mojibake.v2"
    assert repair.rule.startswith("ftfy.")
    assert repair.before == "The cafÃ© said â€œhelloâ€\x9d"


def test_negative_cases_are_left_alone() -> None:
    # Text that looks odd but is right: curly quotes, wide forms, ligatures, Persian, NFD.
    for text in ["“quoted” — dash", "ＡＢＣ wide", "ﬁnance", "سلام دنیا", "Cafe\u0301", "plain"]:
        (block,) = run(text)
        assert block.text == text
        assert block.repairs == ()


def test_idempotent() -> None:
    (block,) = run("cafÃ©")
    (again,) = run(block.text)
    assert again.text == block.text and again.repairs == ()


def test_a_repaired_no_break_space_is_normalised_at_once() -> None:
    # "Â " is a no-break space read as cp1252 (its second byte lost to a plain space); the whitespace stage
    # ran before ftfy, so the repair normalises it, or a second cleaning would (hypothesis found "Â 0").
    (block,) = run("Â 0 and Â more")
    assert block.text == "0 and more"
    assert block.repairs[0].stage == "mojibake.v2"
    assert {(r.stage, r.rule) for r in block.repairs[1:]} == {
        ("whitespace.v3", "odd_space"), ("whitespace.v3", "space_run"), ("whitespace.v3", "edge_space")}
    (again,) = run(block.text)
    assert again.text == block.text and again.repairs == ()


_NEAR_SUSPECTS = st.text(st.sampled_from(["a", " ", "\n", "\t", "\r", "\x00", "\x08", "\x0b", "\x1f", "\x7f",
                                          "\x80", "\x9f", "\xa0", "\xa9", "\xc1", "\xc2", "\xe9", "\xf4", "\xf5",
                                          "’", "—", "€", "Я", "\ud800", "\udfff", "😀"]), max_size=12)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_NEAR_SUSPECTS, st.text(max_size=20)))
@example("Ã©")
@example("caf\u00e9")
def test_the_byte_gate_never_hides_a_suspect(text: str) -> None:
    if _SUSPECT.search(text):
        assert may_hold_suspects(text)


def test_the_byte_gate_clears_typographic_english() -> None:
    assert not may_hold_suspects("It’s “fine” — really…\n\tTabs,\r\nCRLF and 100 € are fine too.")
    assert may_hold_suspects("The cafÃ© was open.") and may_hold_suspects("bell\x07")


def test_a_document_without_suspects_is_returned_as_it_came() -> None:
    blocks = LinesStage().apply([], Context(decoded="It’s “plain” text.\n\nAnother line — fine."))
    assert MojibakeStage().apply(blocks, Context(decoded="")) is blocks
    assert not re.search(_SUSPECT, "It’s “plain” text.")
