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
    assert repair.stage == "mojibake.v1"
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
