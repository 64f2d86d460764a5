"""Keep or drop each block by a learned model, reading the rule stages' verdicts as cues.

The rule stages before this one see one kind of furniture each; fitted to a few pages, they also take
article text (a numbered list with links, a race calendar) and miss furniture of kinds they do not know
(comment widgets, script text, a renderer's link fragments). This stage scores every block with a small
model learned from labelled pages (``tools/train_boilerplate.py``; ``docs/boilerplate-model.md``): two
logistic regressions, the first on the block's cues (``archiver/blockcues.py``), the second on those cues
and the first's probabilities around the block. It

- drops a kept block whose probability of being content is below the model's threshold (chosen so that
  clean bodies keep at least 99.5 % of their tokens), unless it is a contributor note or a quoted post's
  attribution ("(Reporting by ...)"), which is the article's own however short, and
- keeps a block that a rule about the page's layout dropped (a region edge, a run of cards) when the model
  is sure it is content. The other rules' drops stand.

Each drop's rule names its decisive cues: the three that pushed the score furthest towards furniture, as
``name=low`` or ``name=high`` against the training pages' average (``model:words_log=low+...``).
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from typing import Final

from archiver.blockcues import CONTEXT_NAMES, FEATURE_NAMES, document_cues, neighbour_cues
from archiver.lexicon import lexicon
from archiver.model import Block
from archiver.pipeline import Context, Stage

MODEL_FILE: Final = "boilerplate_model.v1.json"
# The rules whose drops the model may reverse: where a page's furniture ends and its text begins (region),
# and runs of cards. Captions, teasers and comments read like prose, and the model cannot tell them from
# the article's own (measured on the seeds: a caption scores 0.99); metadata has left for its field.
RESTORABLE_STAGES: Final = frozenset({"region", "cards"})
RESTORE_AT: Final = 0.9  # a soft rule's drop is reversed only from this probability of content
DECISIVE_CUES: Final = 3


class LogisticModel:
    """``sigmoid(weights . x + bias)``, with the training average of each cue (for explanations)."""

    def __init__(self, weights: list[float], bias: float, mean: list[float], names: tuple[str, ...]) -> None:
        self.weights = weights
        self.bias = bias
        self.mean = mean
        self.names = names

    def probability(self, row: list[float]) -> float:
        total = self.bias
        for weight, value in zip(self.weights, row, strict=True):
            total += weight * value
        if total < -30.0:
            return 0.0
        if total > 30.0:
            return 1.0
        return 1.0 / (1.0 + math.exp(-total))

    def against(self, row: list[float]) -> str:
        """The cues that pushed this row furthest towards furniture, as a rule name."""
        pushes = sorted(
            ((weight * (value - mean), name, value > mean)
             for weight, value, mean, name in zip(self.weights, row, self.mean, self.names, strict=True)),
            key=lambda item: (item[0], item[1]))
        cues = [f"{name}={'high' if high else 'low'}" for push, name, high in pushes[:DECISIVE_CUES] if push < 0]
        return "+".join(cues) or "low_score"


class BoilerplateModel:
    def __init__(self, first: LogisticModel, second: LogisticModel, threshold: float) -> None:
        self.first = first
        self.second = second
        self.threshold = threshold

    def score(self, blocks: list[Block]) -> tuple[list[float], list[list[float]]]:
        """Each block's probability of being content, and the rows the second model read."""
        cues = document_cues(blocks)
        first = [self.first.probability(row) for row in cues]
        rows = [row + around for row, around in zip(cues, neighbour_cues(first), strict=True)]
        return [self.second.probability(row) for row in rows], rows


@cache
def boilerplate_model() -> BoilerplateModel:
    data = json.loads(resources.files("archiver").joinpath("data", MODEL_FILE).read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURE_NAMES or tuple(data["context_features"]) != CONTEXT_NAMES:
        raise RuntimeError(f"{MODEL_FILE} was trained on other cues than archiver/blockcues.py computes")
    first = LogisticModel(data["first"]["weights"], data["first"]["bias"], data["first_mean"], FEATURE_NAMES)
    second = LogisticModel(data["second"]["weights"], data["second"]["bias"], data["second_mean"],
                           FEATURE_NAMES + CONTEXT_NAMES)
    return BoilerplateModel(first, second, float(data["threshold"]))


class BoilerplateStage(Stage):
    name = "boilerplate"
    version = 1
    description = ("A learned model keeps or drops every block from its cues and its neighbours' (trained on "
                   "CleanEval and Dragnet pages); reverses a soft rule's drop when sure of content; the rule "
                   "names the decisive cues.")

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        if not blocks:
            return blocks
        model = boilerplate_model()
        probabilities, rows = model.score(blocks)
        out: list[Block] = []
        for block, p, row in zip(blocks, probabilities, rows, strict=True):
            if block.kept:
                if p < model.threshold and not lexicon().is_signoff(block.text.strip()):
                    block = block.dropped(self.id, "model:" + model.second.against(row))
            elif block.dropped_by is not None and block.dropped_by[0].split(".")[0] in RESTORABLE_STAGES \
                    and p >= RESTORE_AT:
                block = Block(block.raw_start, block.raw_end, block.text, block.gap_before, block.repairs, None,
                              block.lang)
            out.append(block)
        return out
