"""Shared helper for stages that rewrite text inside a block and must ledger every edit."""

from __future__ import annotations

import re
from collections.abc import Callable

from archiver.core.model import Block, Repair
from archiver.core.pipeline import Context


def is_pristine(block: Block, ctx: Context) -> bool:
    """True when the block's text is still exactly its raw span, so offsets map 1:1."""
    return ctx.decoded[block.raw_start:block.raw_end] == block.text


def substitute(block: Block, ctx: Context, stage: str, rule: str | Callable[[str], str], pattern: re.Pattern[str],
               replacement: str | Callable[[re.Match[str]], str]) -> Block:
    """``pattern.sub`` on the block's text, with one repair per changed match (its rule ``rule``, or
    ``rule(the matched text)`` where the evidence differs from match to match).

    A repair's raw span is the exact span of the match while the block is
    pristine; after an earlier edit it is the block's span (still a true
    pointer into the raw file, only coarser).
    """
    text = block.text
    pristine: bool | None = None  # decided at the first change: most blocks have none
    pieces: list[str] = []
    repairs: list[Repair] = []
    last = 0
    for match in pattern.finditer(text):
        new = replacement(match) if callable(replacement) else match.expand(replacement)
        if new == match.group(0):
            continue
        pieces += [text[last:match.start()], new]
        last = match.end()
        if pristine is None:
            pristine = is_pristine(block, ctx)
        if pristine:
            span = (block.raw_start + match.start(), block.raw_start + match.end())
        else:
            span = (block.raw_start, block.raw_end)
        repairs.append(Repair(stage, rule(match.group(0)) if callable(rule) else rule, span[0], span[1],
                              match.group(0), new))
    if not repairs:
        return block
    pieces.append(text[last:])
    return block.edited("".join(pieces), (*block.repairs, *repairs))
