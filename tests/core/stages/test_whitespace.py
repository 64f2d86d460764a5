from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.core.model import Block
from archiver.core.pipeline import Context
from archiver.core.spacing import _EXOTIC, _RULES, SPACING_STAGE_ID, _needs_work, tidy_spaces
from archiver.core.stages.lines import LinesStage
from archiver.core.stages.whitespace import WhitespaceStage
from archiver.core.textedit import substitute
from tests.helpers import typographic_lines


def run(text: str):
    ctx = Context(decoded=text)
    return WhitespaceStage().apply(LinesStage().apply([], ctx), ctx), ctx


def test_odd_spaces_runs_and_stray_boms() -> None:
    (block,), ctx = run("a\u00a0b  c\ufeffd\te\u2009f")
    assert block.text == "a b cd e f"
    rules = [r.rule for r in block.repairs]
    assert rules.count("odd_space") == 3 and "stray_bom" in rules and "space_run" in rules
    first = block.repairs[0]
    assert ctx.decoded[first.raw_start:first.raw_end] == first.before == "\u00a0"


def test_joiners_are_kept() -> None:
    (block,), _ = run("می\u200cخواهم")
    assert block.text == "می\u200cخواهم" and block.repairs == ()


def test_zero_width_spaces_and_word_joiners_are_text_not_whitespace() -> None:
    blocks, _ = run("body\n\u200b\nmata.\u2060\u2060\n")
    assert [b.text for b in blocks if b.kept] == ["body", "\u200b", "mata.\u2060\u2060"]
    assert all(not b.repairs for b in blocks)


def test_a_line_of_stray_boms_is_dropped_not_lost() -> None:
    blocks, _ = run("body\n\ufeff\ufeff\n")
    assert blocks[1].dropped_by == ("whitespace.v3", "empty")


def test_idempotent() -> None:
    (block,), _ = run("x\u00a0\u00a0y")
    (again,), _ = run(block.text)
    assert again.text == block.text == "x y" and again.repairs == ()


@settings(max_examples=400)
@given(st.one_of(st.text(alphabet=st.sampled_from("ab \t\x0b\x0c\u00a0\u2009\u200b\u2060\u3000\ufeff\u2028é’—…"),
                         max_size=12), typographic_lines))
def test_the_ascii_shortcut_finds_exactly_what_the_full_test_finds(text: str) -> None:
    full = "  " in text or text[:1] == " " or text[-1:] == " " or bool(_EXOTIC.search(text))
    assert _needs_work(text) == full


def test_a_few_nul_bytes_copied_from_a_page_are_text_and_go_on_the_record() -> None:
    """Issue 24: a scraped text with a few NULs from the HTML was refused as binary."""
    from archiver.document import clean_bytes

    paragraph = ("The council met on Tuesday and agreed to rebuild the harbour wall before the winter storms, "
                 "after engineers warned that another breach would flood the lower town again.\n\n")
    raw = (paragraph * 60).encode().replace(b"council", b"coun\x00cil", 3)
    record = clean_bytes(raw, "page.txt")
    assert "\x00" not in record["text"] and record["text"].count("council") == 60
    nul_repairs = [r for r in record["repairs"] if r["rule"] == "nul"]
    assert len(nul_repairs) == 3 and all(r["stage"] == "whitespace.v3" for r in nul_repairs)


@settings(max_examples=500)
@given(st.lists(st.sampled_from(["a", "b", " ", "  ", "\t", "\x0b", "\u00a0", "\u2009", "\ufeff", "\x00", "é", "\n"]),
                max_size=12).map("".join))
def test_a_rule_skipped_on_the_string_test_would_have_changed_nothing(text: str) -> None:
    """Each rule runs only where its characters are: a line that needs work comes out as every rule run in
    turn makes it."""
    block = Block(0, len(text), text)
    ctx = Context(decoded=text)
    every_rule = block
    for rule, _, pattern, replacement in _RULES if _needs_work(text) else ():
        every_rule = substitute(every_rule, ctx, SPACING_STAGE_ID, rule, pattern, replacement)
    tidied = tidy_spaces(block, ctx)
    assert (tidied.text, tidied.repairs) == (every_rule.text, every_rule.repairs)
