"""The names stages write into records: each stage's name and the rules it may give, declared once.

A block a stage dropped carries ``(stage id, rule)``; later stages and the model's cues read those verdicts
("a related-links header", "a line the metadata stage lifted as a byline"). They refer to them here, by
name, never by a string of their own or through the other stage's module, so renaming a rule is one change
that every reader follows. ``tests/core/test_rules.py`` checks that every rule a record carries is
declared for its stage, and that the stages' names are these.
"""

from __future__ import annotations

from typing import Final

from archiver.core.model import Block

# The stages, by name (a record's ids are "name.vN").
LINES: Final = "lines"
WHITESPACE: Final = "whitespace"
MOJIBAKE: Final = "mojibake"
DEHYPHENATE: Final = "dehyphenate"
UNWRAP: Final = "unwrap"
FRAGMENTS: Final = "fragments"
PLACEHOLDERS: Final = "placeholders"
METADATA: Final = "metadata"
RELATED: Final = "related"
WIDGETS: Final = "widgets"
CAPTIONS: Final = "captions"
TRAILER: Final = "trailer"
COMMENTS: Final = "comments"
HEAD: Final = "head"
CARDS: Final = "cards"
REGION: Final = "region"
LANGUAGE: Final = "language"
FOREIGN_TAIL: Final = "foreign_tail"
BOILERPLATE: Final = "boilerplate"
HEADLINE: Final = "headline"
GLUED: Final = "glued"
LOST_HYPHEN: Final = "lost_hyphen"
STRAY_PUNCT: Final = "stray_punct"

# Rules another part of the code reads.
RELATED_HEADER: Final = "header"  # a "Related" / "More from ..." header: a boundary region respects
WIDGET_PREFIX: Final = "widget.prefix"  # a widget's label opening a line ("Share this:", "Posted in ...")
AFFILIATE: Final = "affiliate"  # an affiliate-link disclosure
METADATA_PREFIX: Final = "metadata."  # a line lifted into the record's metadata: "metadata.title+date"
MODEL_PREFIX: Final = "model:"  # the boilerplate model's drop, naming its decisive cues
SPLIT_PREFIX: Final = "split:"  # a glued word split, naming its evidence


def metadata_rule(fields: list[str]) -> str:
    """The rule of a line lifted into these metadata fields ("metadata.authors+date")."""
    return METADATA_PREFIX + "+".join(fields)


def metadata_fields(block: Block) -> list[str]:
    """The metadata fields a dropped line was lifted into ([] when it was not lifted into metadata)."""
    if block.dropped_by is None or not block.dropped_by[1].startswith(METADATA_PREFIX):
        return []
    return block.dropped_by[1].removeprefix(METADATA_PREFIX).split("+")


def dropped_stage(block: Block) -> str:
    """The name of the stage that dropped the block ("" when it is kept)."""
    return block.dropped_by[0].split(".")[0] if block.dropped_by is not None else ""


def dropped_rule(block: Block) -> str:
    return block.dropped_by[1] if block.dropped_by is not None else ""


# Each stage's rules: exact names, and the prefixes of the names it composes ("model:" + its cues).
# The lexicon's categories are rules of the stages that drop by them (widgets: its line, prefix and phrase
# categories; trailer: its trailer categories); the test checks the lexicon holds no other.
RULES: Final[dict[str, tuple[frozenset[str], tuple[str, ...]]]] = {
    LINES: (frozenset(), ()),
    WHITESPACE: (frozenset({"odd_space", "stray_bom", "nul", "space_run", "edge_space", "empty"}), ()),
    MOJIBAKE: (frozenset({"ftfy"}), ("ftfy.",)),
    DEHYPHENATE: (frozenset(), ("dehyphenate:", "compound:")),
    UNWRAP: (frozenset({"join", "join:model"}), ()),
    FRAGMENTS: (frozenset({"inline_fragment"}), ()),
    PLACEHOLDERS: (frozenset({"email"}), ()),
    METADATA: (frozenset(), (METADATA_PREFIX,)),
    RELATED: (frozenset({RELATED_HEADER, "teaser", "teaser_run", "headline_run", "glued_teaser"}), ()),
    WIDGETS: (frozenset({"widget", "paywall", "newsletter", "cookie", "comments", "counter", AFFILIATE, "qr",
                         "privacy", "identifier", "nav", "breadcrumb", WIDGET_PREFIX, "counted_list",
                         "prompt_run"}), ()),
    CAPTIONS: (frozenset({"caption", "credit", "video_blurb"}), ()),
    TRAILER: (frozenset({"copyright", "contact", "print_note", "citation", "author_box"}), ()),
    COMMENTS: (frozenset({"thread"}), ()),
    HEAD: (frozenset({"above_byline", "byline", "date"}), ()),
    CARDS: (frozenset({"card_run"}), ()),
    REGION: (frozenset({"head", "tail"}), ()),
    LANGUAGE: (frozenset(), ()),
    FOREIGN_TAIL: (frozenset({"foreign_language", "hashtags"}), ()),
    BOILERPLATE: (frozenset(), (MODEL_PREFIX,)),
    HEADLINE: (frozenset({"not_the_headline"}), (METADATA_PREFIX,)),
    GLUED: (frozenset(), (SPLIT_PREFIX,)),
    LOST_HYPHEN: (frozenset({"restore"}), ()),
    STRAY_PUNCT: (frozenset({"leading"}), ()),
}


def is_declared(stage: str, rule: str) -> bool:
    """Whether ``rule`` is one ``stage`` (a name, or an id "name.vN") declares."""
    exact, prefixes = RULES.get(stage.split(".")[0], (frozenset(), ()))
    return rule in exact or rule.startswith(prefixes)
