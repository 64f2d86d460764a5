from archiver.pipeline import Context
from archiver.stages.lines import LinesStage
from archiver.stages.mojibake import MojibakeStage


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
        ("whitespace.v2", "odd_space"), ("whitespace.v2", "space_run"), ("whitespace.v2", "edge_space")}
    (again,) = run(block.text)
    assert again.text == block.text and again.repairs == ()

