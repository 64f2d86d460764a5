"""Runs the stages over one document's blocks; the ordered, versioned stage registry.

A stage is a small object with a versioned name (``mojibake.v1``), a one-line
description and ``apply(blocks, ctx) -> blocks``. It never deletes a block: it
returns it dropped (with its stage and rule) or repaired (with a ledger entry),
so every change can be traced back into the raw text.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from archiver.core.model import Block, empty_metadata


@dataclass
class Context:
    """What stages may read (the decoded raw text) and fill in (metadata, language)."""

    decoded: str
    metadata: dict[str, Any] = field(default_factory=empty_metadata)
    language: str | None = None
    wrap_width: int | None = None  # None: not decided yet; 0: not hard-wrapped
    extracted: bool = False        # the text is an extractor's (trafilatura's) choice from a page's markup
    reference_date: str | None = None  # when the page was fetched (WARC-Date): "2 hours ago" is dated from it


class Stage(ABC):
    name: ClassVar[str]
    version: ClassVar[int]
    description: ClassVar[str]

    @property
    def id(self) -> str:
        """The versioned name a record cites, so a rule change is visible in old records."""
        return f"{self.name}.v{self.version}"

    @abstractmethod
    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        """Return the blocks with this stage's verdicts and repairs applied."""


@dataclass(frozen=True)
class StepInfo:
    """A pipeline step that is not a block stage (decoding happens in the reader)."""

    id: str
    description: str


def map_kept(blocks: Iterable[Block], fn: Callable[[Block], Block]) -> list[Block]:
    """Apply ``fn`` to kept blocks only; dropped blocks pass through untouched."""
    return [fn(b) if b.kept else b for b in blocks]


def rule_key(stage_id: str, rule: str) -> str:
    """A rule named across versions of its stage: ``("widgets.v5", "privacy")`` is ``widgets:privacy``."""
    return f"{stage_id.split('.', 1)[0]}:{rule}"


def run_stages(decoded: str, stages: Sequence[Stage], timings: dict[str, float] | None = None, *,
               extracted: bool = False, reference_date: str | None = None,
               drop_stands: Callable[[Block], bool] | None = None) -> tuple[list[Block], Context]:
    """Run ``stages`` in order; with ``timings``, add each stage's seconds to it (benchmarks).

    With ``drop_stands``, a line leaves the text only where it says so of the dropped block: any other
    drop is taken back before the next stage reads the blocks (an extractor's text, where most rules
    mostly took article text; see ``archiver.core.stages.drop_stands_on_extracted``). The stage still ran: what
    it read into ``metadata`` stays.
    """
    ctx = Context(decoded=decoded, extracted=extracted, reference_date=reference_date)
    blocks: list[Block] = []
    for stage in stages:
        if timings is None:
            blocks = stage.apply(blocks, ctx)
        else:
            started = time.perf_counter()
            blocks = stage.apply(blocks, ctx)
            timings[stage.id] = timings.get(stage.id, 0.0) + time.perf_counter() - started
        if drop_stands is not None:
            blocks = _take_back(blocks, drop_stands)
    return blocks, ctx


def _take_back(blocks: list[Block], drop_stands: Callable[[Block], bool]) -> list[Block]:
    out = blocks
    for index, block in enumerate(blocks):
        if block.dropped_by is not None and not drop_stands(block):
            if out is blocks:
                out = list(blocks)
            out[index] = block.undropped()
    return out
