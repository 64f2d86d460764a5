"""The stage registry: the order in which the cleaners run, and what each one does."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Final

from archiver.core.model import Block
from archiver.core.pipeline import Stage, StepInfo, rule_key
from archiver.core.stages.boilerplate import BoilerplateStage
from archiver.core.stages.captions import CaptionsStage
from archiver.core.stages.cards import CardsStage
from archiver.core.stages.comments import CommentsStage
from archiver.core.stages.dehyphenate import DehyphenateStage
from archiver.core.stages.foreign_tail import ForeignTailStage
from archiver.core.stages.fragments import FragmentsStage
from archiver.core.stages.glued import GluedWordsStage
from archiver.core.stages.head import HeadStage
from archiver.core.stages.headline import HeadlineStage
from archiver.core.stages.language import LanguageStage
from archiver.core.stages.lines import LinesStage
from archiver.core.stages.lost_hyphen import LostHyphenStage
from archiver.core.stages.metadata import MetadataStage
from archiver.core.stages.mojibake import MojibakeStage
from archiver.core.stages.placeholders import PlaceholdersStage
from archiver.core.stages.region import RegionStage
from archiver.core.stages.related import RelatedStage
from archiver.core.stages.stray_punct import StrayPunctuationStage
from archiver.core.stages.trailer import TrailerStage
from archiver.core.stages.unwrap import UnwrapStage
from archiver.core.stages.whitespace import WhitespaceStage
from archiver.core.stages.widgets import WidgetsStage
from archiver.core.text.lexicon import lexicon

if TYPE_CHECKING:
    from archiver.core.settings import PipelineConfig

DECODE = StepInfo(
    "decode.v3",
    "Bytes to text: BOM, UTF-8, UTF-16/32 with BOM, cp1252/latin-1 fallback; CRLF/CR to LF; "
    "HTML: a BOM, else valid UTF-8, else the declared charset as browsers read it, then through trafilatura "
    "(dates bounded by a fixed year, not today).",
)


def default_stages() -> tuple[Stage, ...]:
    """A fresh, ordered tuple of the block stages (stages hold no per-document state)."""
    return (
        LinesStage(),
        WhitespaceStage(),  # before ftfy: its verdict must not hinge on NBSP vs space (idempotence)
        MojibakeStage(),
        DehyphenateStage(),
        UnwrapStage(),
        FragmentsStage(),  # after unwrap: it knows whether the text is hard-wrapped
        PlaceholdersStage(),  # before every judge: a line is judged with its marker on every pass (idempotence)
        MetadataStage(),
        RelatedStage(),
        WidgetsStage(),
        CaptionsStage(),
        TrailerStage(),
        CommentsStage(),
        HeadStage(),
        CardsStage(),
        RegionStage(),
        LanguageStage(),
        ForeignTailStage(),
        BoilerplateStage(),  # reads the rule stages' verdicts as cues: after all of them
        HeadlineStage(),  # above the article's first paragraph, which the stages before have found
        GluedWordsStage(),
        LostHyphenStage(),
        StrayPunctuationStage(),
    )


# The stages that repair text and tag its language, and never take a line out as furniture.
_KEEPING_STAGES = frozenset({"lines", "whitespace", "mojibake", "dehyphenate", "unwrap", "fragments", "language",
                             "glued", "lost_hyphen", "stray_punct", "placeholders"})


def keeping_stages(config: PipelineConfig | None = None) -> tuple[Stage, ...]:
    """What an HTML page's text goes through when the whole pipeline would leave nothing of what trafilatura
    extracted: the text is kept, repaired and tagged, and the record lists these stages only."""
    return tuple(stage for stage in extracted_stages(config) if stage.name in _KEEPING_STAGES)


# On HTML, trafilatura has chosen the article from the markup before any stage runs (comments left out), and
# a text stage should take out only what it is sure of (a share bar, a cookie line, a copyright line the
# extractor let through). Five stages guess at layout the extractor already removed, and on its output they
# mostly took article text. On every 4th page of ../shared/train/html, 97 % (CleanEval) and 76 % (Dragnet)
# of the tokens `head` dropped above a byline were gold text, 92 % and 87 % of those `captions` dropped as
# captions (without them: CleanEval F1 0.830 -> 0.853, Dragnet 0.909 -> 0.912, bench/dev 0.970 either way).
# On every 3rd page (another third), 92 % and 98 % of what `comments` dropped as a thread was gold text,
# 91 % of what `cards` dropped (CleanEval), 58-80 % of `related`'s teasers: without the three, CleanEval
# 0.874 -> 0.893, Dragnet 0.911 -> 0.914, bench/dev 0.970 -> 0.969 (trafilatura alone on that third: 0.866,
# 0.919, 0.962).
# Two repairs rewrite words, and on an extractor's text the words' spaces and hyphens are the markup's own: of
# the 119 splits `glued` made on every 3rd training page and bench/dev's HTML, nearly all broke a name the page
# writes as one ("CryptoParty", "ProfNet", "SceneManager", "OpinionJournal"), and `lost_hyphen` made
# "eLearning" "e-Learning". Neither runs there (trafilatura alone keeps a rare glued pair too).
_NOT_ON_EXTRACTED = frozenset({"head", "captions", "comments", "cards", "related", "glued", "lost_hyphen"})


# On an extractor's text a line trafilatura kept leaves only by one of these rules (``pipeline.rule_key``
# names); any other stage's drop is taken back (the stage still reads metadata into the record).
# benchmarks/extracted_rules.py ran every rule over the extracted text of the 1,788 ../shared/train pages:
# these are the rules at least two thirds of whose removed tokens (pooled, CleanEval and Dragnet) were not in
# the gold main text, with at least 50 tokens of evidence. A removal helps shingle F1 only above about 0.54
# (1 - F1/2 at the 0.92 trafilatura reaches there): the margin is for other sites and languages. Left out by
# the measure: titles, deks, dates and bylines moved to metadata (11-29 % not gold on Dragnet, whose gold keeps
# the headline), region's head (64-65 %, just under), navigation runs, paywall and comment prompts (<= 65 %).
# ``--check`` fails when this set and the measured one differ.
TRUSTED_ON_EXTRACTED: frozenset[str] = frozenset({
    "metadata:metadata.date+publication", "metadata:metadata.publication", "region:tail", "trailer:copyright",
    "widgets:breadcrumb", "widgets:newsletter", "widgets:privacy", "widgets:widget", "widgets:widget.prefix",
})
EXTRACTED = StepInfo(
    "extracted.v1",
    "On HTML, a line the extractor kept leaves the text only by a rule measured to remove mostly furniture "
    "on extracted text (stages.TRUSTED_ON_EXTRACTED), and never a short date or byline line; other drops "
    "are taken back.",
)
# A short line with a date or a byline is metadata, and on an extractor's text metadata lines stay where it
# put them (the metadata stage's own moves are not trusted: Dragnet's gold keeps them), whichever rule
# caught one ("Published: July 23, 2012", "Posted by A at 2:24 AM" as widget prefixes). Every training
# page's HTML (benchmarks/html_train.py --every 1): Dragnet 0.920 -> 0.921 (trafilatura alone 0.920),
# CleanEval 0.901 either way (P 0.909 -> 0.908), bench/dev 0.966 either way.
METADATA_LINE_WORDS: Final = 14


def drop_stands_on_extracted(block: Block) -> bool:
    """Whether a drop on an extractor's text stands: a trusted rule made it, and the line is no metadata."""
    if block.dropped_by is None:
        return True
    if rule_key(block.dropped_by[0], block.dropped_by[1]) not in TRUSTED_ON_EXTRACTED:
        return False
    text = block.text.strip()
    if len(text.split()) > METADATA_LINE_WORDS:
        return True
    lex = lexicon()
    return not (lex.has_date(text) or lex.is_byline(text))


def extracted_stages(config: PipelineConfig | None = None) -> tuple[Stage, ...]:
    """The stages for text an extractor chose from a page's markup (HTML)."""
    return tuple(stage for stage in stages_for(config) if stage.name not in _NOT_ON_EXTRACTED)


@cache
def stages_for(config: PipelineConfig | None = None) -> tuple[Stage, ...]:
    """The stages as ``config`` sets them (stages off left out, declared settings given); built once per
    settings in a process."""
    if config is None or config.is_default():
        return default_stages()
    stages = []
    for stage in default_stages():
        if stage.name in config.off:
            continue
        options = config.options_of(stage.name)
        if options:  # a stage's declared settings (archiver/core/settings.py) are its constructor's arguments
            stage = type(stage)(**options)
        stages.append(stage)
    return tuple(stages)


def pipeline_ids(stages: tuple[Stage, ...] | None = None, *, trusted_only: bool = False) -> tuple[str, ...]:
    """The versioned names a record cites, decode first (then ``extracted.v1`` when only trusted rules
    removed lines)."""
    if stages is None:
        return _default_ids()
    return (DECODE.id, *((EXTRACTED.id,) if trusted_only else ()), *(s.id for s in stages))


@cache
def _default_ids() -> tuple[str, ...]:
    """Computed once per process: every default record cites it."""
    return (DECODE.id, *(s.id for s in default_stages()))


def describe() -> list[tuple[str, str]]:
    return [(DECODE.id, DECODE.description), *((s.id, s.description) for s in default_stages())]
