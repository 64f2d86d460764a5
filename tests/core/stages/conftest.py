from __future__ import annotations

import pytest

from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage, run_stages
from archiver.core.stages import default_stages
from archiver.core.stages.lines import LinesStage
from archiver.core.stages.whitespace import WhitespaceStage


def run_one(stage: Stage, text: str) -> list[Block]:
    """Lines and whitespace, then ``stage`` alone: a stage's unit test input."""
    blocks, ctx = run_stages(text, [LinesStage(), WhitespaceStage()])
    return stage.apply(blocks, ctx)


def kept(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks if b.kept]


def dropped(blocks: list[Block]) -> dict[str, str]:
    return {b.text: b.dropped_by[1] for b in blocks if b.dropped_by}


def clean(text: str) -> tuple[list[Block], Context]:
    return run_stages(text, default_stages())


@pytest.fixture
def para() -> str:
    """A body paragraph long enough to read as prose."""
    return ("The minister said on Tuesday that the new rules would come into force next year, "
            "after a long consultation with the industry and with the unions.")
