"""Rejoin words a hard wrap split at the line end: "technol-" + "ogy" -> "technology".

Only in hard-wrapped documents, and only when the evidence says the hyphen
was the wrap's: the joined form occurs elsewhere in the document, or it is a
known word (wordfreq, offline) clearly more common than its parts, or a known
word whose split left a part that is no word ("bat-" + "tened"), or a split
whose head is no word of a language wordfreq knows, even where the whole is
not listed either ("rabbl-" + "erousing": a rare word cut anywhere; a head
that is a word, "hyper-" + "zorbular", may start a compound), or a suffix
("knock-" + "ing"; suffixes by language in ``data/boilerplate.json``), or a
common word whose two parts the web does not write as a spaced pair ("some-" +
"thing", "counter-" + "parts"). Real
compounds keep their hyphen ("well-known", "so-called"), and so does a
hyphen before a capital ("al-" + "Maliki"): both lines are joined either way,
recorded as ``dehyphenate`` or ``compound``.
"""

from __future__ import annotations

import re

from archiver.core import rules
from archiver.core.model import Block, Repair
from archiver.core.pipeline import Context, Stage
from archiver.core.text.lexicon import lexicon
from archiver.core.text.names import is_phrase, knows_language, zipf
from archiver.core.text.textfeatures import features
from archiver.core.text.wrapping import document_wrap_width

MIN_WORD_ZIPF = 2.0
KNOWN_ZIPF = 1.0  # listed by wordfreq at all (about once in 100 million words)
MARGIN_ZIPF = 0.5
# "some-" + "thing": both parts are words as common as the whole, yet the whole is the word. A joined form this
# common (about once in 300,000 words), no rarer than its rarer part by more than PARTS_OVER_WORD, whose pair
# the web does not write spaced (the phrase list, which holds pairs of parts of PHRASE_PART letters or more).
COMMON_JOINED_ZIPF = 3.5
PARTS_OVER_WORD = 1.0
PHRASE_PART = 3
_HEAD = re.compile(r"(\w+)-$")
_TAIL = re.compile(r"^(\w+)")
_WORDS = re.compile(r"[\w-]+")


def hyphen_evidence(head: str, tail: str, language: str, vocabulary: frozenset[str]) -> tuple[bool, str]:
    """Whether "head-" + "tail" is one word split by the wrap (True) or a compound (False), and the evidence
    that decided it, as the ledger's rule says it (``dehyphenate:joined_in_document``, ``compound:capital``)."""
    if not tail[:1].islower() or not head[-1:].isalpha():
        return False, "capital" if tail[:1].isupper() else "not_a_letter"
    joined = (head + tail).lower()
    if f"{head}-{tail}".lower() in vocabulary:
        return False, "hyphenated_in_document"
    if joined in vocabulary:
        return True, "joined_in_document"
    zipf_joined = zipf(joined, language)
    zipf_head = zipf(head.lower(), language)
    parts = min(zipf_head, zipf(tail.lower(), language))
    if parts == 0:  # a part that is no word makes no compound; a head that is no word makes none even where
        # the whole is not listed either (a rare word cut anywhere), in a language whose words wordfreq lists
        join = zipf_joined >= KNOWN_ZIPF or (zipf_head == 0 and knows_language(language))
        return join, "part_not_a_word" if join else "unknown_word"
    if tail.lower() in lexicon().word_endings:  # "knock-" + "ing", "passion-" + "ate"
        return zipf_joined >= MIN_WORD_ZIPF, "suffix" if zipf_joined >= MIN_WORD_ZIPF else "unknown_word"
    if zipf_joined >= MIN_WORD_ZIPF and zipf_joined > parts + MARGIN_ZIPF:
        return True, "word_commoner_than_parts"
    if (zipf_joined >= COMMON_JOINED_ZIPF and zipf_joined >= parts - PARTS_OVER_WORD
            and min(len(head), len(tail)) >= PHRASE_PART and not is_phrase([head, tail])):
        return True, "common_word_not_spaced_on_web"
    return False, "parts_commoner_than_word"


def drop_hyphen(head: str, tail: str, language: str, vocabulary: frozenset[str]) -> bool:
    """True when "head-" + "tail" is one word split by the wrap, not a compound."""
    return hyphen_evidence(head, tail, language, vocabulary)[0]


class DehyphenateStage(Stage):
    name = rules.DEHYPHENATE
    version = 5
    description = ("In hard-wrapped text, rejoin words split at a line-end hyphen; keep real compounds; the rule "
                   "names the evidence (`dehyphenate:joined_in_document`, `compound:capital`, ...).")

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        if not document_wrap_width(blocks, ctx):
            return blocks
        language = _language(blocks)
        vocabulary = frozenset(w.lower() for b in blocks for w in _WORDS.findall(b.text))
        out: list[Block] = []
        for block in blocks:
            previous = out[-1] if out else None
            if previous is not None and previous.kept and block.kept and not block.gap_before:
                head, tail = _HEAD.search(previous.text), _TAIL.match(block.text)
                if head and tail:
                    out[-1] = self._join(previous, block, ctx, *hyphen_evidence(
                        head.group(1), tail.group(1), language, vocabulary))
                    continue
            out.append(block)
        return out

    def _join(self, a: Block, b: Block, ctx: Context, drop: bool, evidence: str) -> Block:
        glue = "" if drop else "-"
        span = (a.raw_end - 1, b.raw_start)
        repair = Repair(self.id, ("dehyphenate:" if drop else "compound:") + evidence, span[0], span[1],
                        ctx.decoded[span[0]:span[1]], glue)
        return a.edited(a.text[:-1] + glue + b.text, (*a.repairs, repair, *b.repairs), raw_end=b.raw_end)


def _language(blocks: list[Block]) -> str:
    """The document's language by function words (the language stage runs later)."""
    sample = " ".join(b.text for b in blocks[:200] if b.kept)
    return features(sample).stop_language or "en"
