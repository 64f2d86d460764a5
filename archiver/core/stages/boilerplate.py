"""Drop the furniture the rule stages missed, by a learned model that reads their verdicts as cues.

The rule stages before this one see one kind of furniture each, and miss kinds they do not know (comment
widgets, script text, link lists, a renderer's fragments). This stage scores every block of a text
document with a small model learned from labelled pages (``tools/train_boilerplate.py``;
``docs/boilerplate-model.md``): two ensembles of boosted trees (``archiver/core/trees.py``), the first on the
block's cues (``archiver/core/blockcues.py``: its shape, the rules' verdicts on it and its neighbours, its place
in the document), the second on those cues and the first's probabilities around the block. It

- drops a kept block whose probability of being content is below the model's threshold, unless it is a
  contributor note or a quoted post's attribution ("(Reporting by ...)"), which is the article's own however
  short, or a line of zero-width characters (a paragraph of the page);
- never empties a document the rules left text in (it then drops nothing);
- takes back a drop of the layout rules that judge a line by where it stands (``region``: before or after
  the main run of prose; ``cards``: a run of short teasers; ``comments``: after a thread's first stamps) only
  where it is near-certain the line is content (``TAKE_BACK_PROBABILITY``, and the first model leaning to
  it: ``TAKE_BACK_FIRST``): those rules' drops are 10-36 % article text on the training pages, and out of
  fold the take-back keeps more of a clean body (Dragnet 0.852 -> 0.858 of its tokens) and adds 0.6-0.7 points
  of F1 on Dragnet's whole pages, with ``bench/dev`` (never seen) unchanged. The
  other rules' drops stand: taking back headlines (``head``), teasers (``related``) or captions at any
  probability cost ``bench/dev`` 0.5-1.6 points, because the training gold keeps what archiver moves to
  metadata or drops (Dragnet's headlines, bylines and kickers). A line taken back is kept as if no rule had
  dropped it (the ledger records removals: it has none).

Text documents of at least ``MIN_BLOCKS`` blocks only. On HTML, trafilatura has chosen the text from the
markup already, with evidence (element kinds, link density) that this model does not see.

Each drop's rule names its decisive cues: the three whose splits pushed the score furthest towards
furniture, as ``name=low`` or ``name=high`` against the threshold of the split that pushed hardest
(``model:words_log=low+...``).
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib import resources
from typing import Final

from archiver.core import rules
from archiver.core.blockcues import CONTEXT_NAMES, FEATURE_NAMES, document_cues, neighbour_cues
from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage
from archiver.core.text.lexicon import lexicon
from archiver.core.trees import TreeEnsemble

MODEL_FILE: Final = "boilerplate_model.v7.json"
NAMES: Final = FEATURE_NAMES + CONTEXT_NAMES
DECISIVE_CUES: Final = 3
# The cues describe a block's neighbourhood and its place in a page (training pages have a median of about
# 150 blocks); in a handful of lines they mean little, and cleaning the clean text again would judge the
# lines anew among other neighbours. Below this many blocks the rules decide alone.
MIN_BLOCKS: Final = 8
# The layout rules whose drops the model may take back, and how sure it must be (the module docstring): the
# second model near-certain, where the first already leans to content. Out of fold the first's lean costs no
# take-back that moves F1 (0.001) and spares the second model 19 in 20 of the layout rules' drops. v8 at 0.8
# rather than v7's 0.9: out of fold Dragnet +0.1-0.6 points (BeautifulSoup's renderings, whose fragments the
# `cards` rule reads as teasers, the most), recall up on every rendering; `bench/dev` level (docs/quality.md).
TAKE_BACK_STAGES: Final = frozenset((rules.REGION, rules.CARDS, rules.COMMENTS))
TAKE_BACK_PROBABILITY: Final = 0.8
TAKE_BACK_FIRST: Final = 0.5
NOT_SCORED: Final = -1.0  # a dropped block's probability when its verdict stands unasked


def may_take_back(block: Block, first: float) -> bool:
    """A layout rule dropped the block, and the first model leans to content: the model may keep it."""
    return first >= TAKE_BACK_FIRST and rules.dropped_stage(block) in TAKE_BACK_STAGES


class BoilerplateModel:
    def __init__(self, first: TreeEnsemble, second: TreeEnsemble, threshold: float) -> None:
        self.first = first
        self.second = second
        self.threshold = threshold

    def score(self, blocks: list[Block], only_kept: bool = False) -> tuple[list[float], list[list[float]]]:
        """Each block's probability of being content, and the rows the second model read. With
        ``only_kept``, the second model scores only the blocks whose verdict it may change (kept ones, and
        ones ``may_take_back``): another dropped block's verdict stands, and only its first-pass probability
        is needed, as its neighbours' cue: ``NOT_SCORED`` and an empty row for it."""
        cues = document_cues(blocks)
        first = [self.first.probability(row) for row in cues]
        probabilities: list[float] = []
        rows: list[list[float]] = []
        for block, row, around, lean in zip(blocks, cues, neighbour_cues(first, cues), first, strict=True):
            if only_kept and not block.kept and not may_take_back(block, lean):
                probabilities.append(NOT_SCORED)
                rows.append([])
                continue
            row.extend(around)  # the block's own row from document_cues: the second model reads both
            probabilities.append(self.second.probability(row))
            rows.append(row)
        return probabilities, rows

    def against(self, row: list[float]) -> str:
        """The cues that pushed this row furthest towards furniture, as a rule name."""
        pushes, high_at, _ = self.second.explain(row)
        worst = sorted((push, NAMES[feature], feature) for feature, push in enumerate(pushes) if push < 0)
        cues = [f"{name}={'high' if high_at[feature] else 'low'}" for _, name, feature in worst[:DECISIVE_CUES]]
        return "+".join(cues) or "low_score"


def _always_kept(text: str) -> bool:
    """A contributor note or a quoted post's attribution ("(Reporting by ...)"): the article's own however
    short. A line of nothing but format characters (a zero-width space): a paragraph of the page, and no
    furniture to take out."""
    stripped = text.strip()
    return lexicon().is_signoff(stripped) or all(unicodedata.category(ch) == "Cf" for ch in stripped)


@cache
def boilerplate_model() -> BoilerplateModel:
    data = json.loads(resources.files("archiver").joinpath("data", MODEL_FILE).read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURE_NAMES or tuple(data["context_features"]) != CONTEXT_NAMES:
        raise RuntimeError(f"{MODEL_FILE} was trained on other cues than archiver/core/blockcues.py computes")
    return BoilerplateModel(TreeEnsemble.from_json(data["first"]), TreeEnsemble.from_json(data["second"]),
                            float(data["threshold"]))


class BoilerplateStage(Stage):
    name = rules.BOILERPLATE
    version = 8
    description = ("A learned model (boosted trees, trained on CleanEval and Dragnet pages) drops the kept "
                   "blocks it judges furniture from their cues and their neighbours' (the rule names the "
                   "decisive cues), and keeps a line a layout rule dropped where it is near-certain of it.")

    def __init__(self, threshold: float | None = None, min_blocks: int = MIN_BLOCKS) -> None:
        self.threshold = threshold    # None: the model's own (a user's settings may choose)
        self.min_blocks = min_blocks

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        if len(blocks) < self.min_blocks or (ctx is not None and ctx.extracted):
            return blocks  # too little context to judge; or an extractor chose this text from the markup
        model = boilerplate_model()
        threshold = model.threshold if self.threshold is None else self.threshold
        probabilities, rows = model.score(blocks, only_kept=True)
        out: list[Block] = []
        for block, p, row in zip(blocks, probabilities, rows, strict=True):
            if not block.kept and p >= TAKE_BACK_PROBABILITY:  # scored: a layout rule's drop, weighed again
                block = block.undropped()
            elif block.kept and p < threshold and not _always_kept(block.text):
                block = block.dropped(self.id, rules.MODEL_PREFIX + model.against(row))
            out.append(block)
        if not any(b.kept for b in out):
            return blocks  # never empty a document the rules left text in: an empty record helps nobody
        return out
