from archiver.core.pipeline import Context
from archiver.core.stages.lines import LinesStage


def split(text: str):
    return LinesStage().apply([], Context(decoded=text))


def test_one_block_per_line_with_stripped_raw_spans() -> None:
    text = "  Title  \n\nFirst para.\nSecond\u00a0\n"
    blocks = split(text)
    assert [b.text for b in blocks] == ["Title", "First para.", "Second"]
    for block in blocks:
        assert text[block.raw_start:block.raw_end] == block.text
    assert [b.gap_before for b in blocks] == [False, True, False]


def test_blank_and_whitespace_only_lines_make_no_blocks() -> None:
    assert split("\n \n\u00a0\n") == []
