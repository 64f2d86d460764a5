"""run_stages: stages in order, and on an extractor's text only the drops it lets stand remove a line."""

from __future__ import annotations

from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage, rule_key, run_stages
from archiver.core.stages import TRUSTED_ON_EXTRACTED, default_stages, drop_stands_on_extracted
from archiver.core.stages.lines import LinesStage


class _DropsShortLines(Stage):
    name = "short"
    version = 1
    description = "test stage: short lines go, as 'tiny' (two words) or 'small' (three)"

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        ctx.metadata["title"] = ctx.metadata["title"] or blocks[0].text
        sizes = {2: "tiny", 3: "small"}
        return [b.dropped(self.id, sizes[len(b.text.split())]) if b.kept and len(b.text.split()) in sizes else b
                for b in blocks]


class _SeesWhatIsKept(Stage):
    name = "count"
    version = 1
    description = "test stage: records how many lines it found kept"

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        ctx.metadata["subtitle"] = str(sum(b.kept for b in blocks))
        return blocks


TEXT = "Two words\nthree words here\nA line of five words\n"


def test_untrusted_drops_are_taken_back_before_the_next_stage_reads_the_blocks() -> None:
    stages = [LinesStage(), _DropsShortLines(), _SeesWhatIsKept()]
    everything, _ = run_stages(TEXT, stages)
    assert [b.dropped_by for b in everything] == [("short.v1", "tiny"), ("short.v1", "small"), None]
    blocks, ctx = run_stages(TEXT, stages, extracted=True,
                             drop_stands=lambda b: b.dropped_by is not None and b.dropped_by[1] == "small")
    assert [b.dropped_by for b in blocks] == [None, ("short.v1", "small"), None]
    assert ctx.metadata["subtitle"] == "2"  # the next stage saw the taken-back line kept
    assert ctx.metadata["title"] == "Two words"  # what the stage read stays


def test_rule_keys_name_a_stage_of_the_pipeline() -> None:
    assert rule_key("widgets.v5", "widget.prefix") == "widgets:widget.prefix"
    names = {stage.name for stage in default_stages()}
    assert {key.split(":", 1)[0] for key in TRUSTED_ON_EXTRACTED} <= names


def test_on_an_extractor_s_text_a_metadata_line_stays_whichever_rule_caught_it() -> None:
    prefix = ("widgets.v5", "widget.prefix")
    assert rule_key(*prefix) in TRUSTED_ON_EXTRACTED
    assert drop_stands_on_extracted(Block(0, 10, "Related: more stories", dropped_by=prefix))
    assert not drop_stands_on_extracted(Block(0, 10, "Published: July 23, 2012", dropped_by=prefix))
    assert not drop_stands_on_extracted(Block(0, 10, "Posted by Ann Lee at 2:24 AM", dropped_by=prefix))
    assert not drop_stands_on_extracted(Block(0, 10, "A title", dropped_by=("metadata.v4", "metadata.title")))
    assert drop_stands_on_extracted(Block(0, 10, "A kept line"))
