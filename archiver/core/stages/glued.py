"""Split words a scraper glued together: "QasemSuleimani" -> "Qasem Suleimani".

A lower-to-upper joint inside a token is split only with evidence, because
real camel-case names and brands (iPhone, McDonald, YouTube, WeWork) must come
through untouched. Evidence, in order of strength: the spaced form elsewhere in
the document, also in another inflection; a pair the web writes spaced far more
often than glued ("ChiefExecutive"; a phrase list from web n-gram counts); the
last part standing alone in the document (a surname used again), or the first
(a name glued once to a word); a title or name head before the joint
("PresidentBukola", "NewYork") or an institution noun after it
("ExchangeCommission"); a given name before it; an Arabic particle after it
("AsaibAhl al-Haq").
Against: a name prefix (Mc, De, La), a part under three letters, a glued form
that is itself a common word (unless the document writes the pair spaced more
often), or a glued form repeated more often than its
parts (a brand). A glued form the web writes as one token at all (wordfreq knows
it: "FromSoftware", "SkyDrive", "MetaFilter") is a name of its own to the weaker
evidence: a function word before the joint, a part standing alone in the
document or a given name before it do not split it.
"""

from __future__ import annotations

import re
from collections import Counter

from archiver.core import rules
from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage
from archiver.core.text.names import common_words, is_phrase, name_lexicon, zipf
from archiver.core.text.textfeatures import stopwords
from archiver.core.textedit import substitute

_UP = "A-ZÀ-ÖØ-ÞА-ЯЁ"
_LOW = "a-zß-öø-ÿа-яё"
CANDIDATE = re.compile(rf"(?<![@#\w/.\-])([{_UP}][{_LOW}]+(?:[{_UP}][{_LOW}]+)+)(?![\w@])")
# The same tokens, found about 3.5x faster: the look-behind runs only where a token matched, and the lower-case
# runs are possessive ("++"): upper and lower case are disjoint, so a run that gave letters back would never be
# followed by a capital, and its last letter is a word character, so the end check could not pass either.
_TOKEN = re.compile(rf"[{_UP}][{_LOW}]++(?:[{_UP}][{_LOW}]++)+(?![\w@])")
_BAD_BEFORE = re.compile(r"[@#\w/.\-]")


MAX_PARTS = 2  # more parts: a code identifier or a product name, unless every part also stands alone
MAX_ROUNDS = 4  # splits found from splits; a document's candidates settle in two rounds in practice


def candidates_in(text: str) -> set[str]:
    """CANDIDATE's matches: glued-looking tokens not inside a word, handle, hashtag, path or domain."""
    return {m.group(0) for m in _TOKEN.finditer(text)
            if m.start() == 0 or not _BAD_BEFORE.match(text, m.start() - 1)}
_PART = re.compile(rf"[{_UP}][{_LOW}]+")
_WORD = re.compile(r"\w+")
KNOWN_WORD_ZIPF = 2.5
GLUED_IS_WORD_ZIPF = 3.0
SURNAME_ZIPF = 4.0
GLUED_IS_NAME_ZIPF = 2.7  # a glued form the web writes this often is a name of its own (Salesforce 2.85)
UNKNOWN_ZIPF = 1.0  # brands built of name words (OpenOffice, RedHat) are known to wordfreq
MIN_PART = 3
BRAND_REPEATS = 3
SPACED_OVER_WORD = 2


_SPACED_PAIR = re.compile(rf"(?<!\w)(?=([{_UP}][{_LOW}]+) ([{_UP}][{_LOW}]+)(?!\w))")
INFLECTION = 2  # letters an ending may change: "Оли Малышевой" is "Оля Малышева" in another case


def same_stem(word: str, part: str, min_stem: int) -> bool:
    stem = max(min_stem, len(part) - INFLECTION)
    return abs(len(word) - len(part)) <= INFLECTION and len(word) >= stem and word[:stem] == part[:stem]


_PARTICLE_AFTER = re.compile(r"\s+(?:(?:al|el|ad|ash|as|at|az|ar|an|ul)-[A-Z]|(?:bin|ibn|bint|abu|abd) [A-Z])")


def before_arabic_particle(token: str, text: str) -> bool:
    """The token is followed by an Arabic article or kinship particle opening the next name word."""
    start = text.find(token)
    while start >= 0:
        if _PARTICLE_AFTER.match(text, start + len(token)):
            return True
        start = text.find(token, start + 1)
    return False


def standalone_count(phrase: str, text: str, limit: int | None = None) -> int:
    """How often ``phrase`` occurs in ``text`` with no word character on either side, counting at most
    ``limit`` (no regex compiled per phrase; for a single word, its count among the text's ``\\w+`` tokens)."""
    count = 0
    start = text.find(phrase)
    while start >= 0 and count != limit:
        end = start + len(phrase)
        if (start == 0 or not _is_word_char(text[start - 1])) and (end == len(text) or not _is_word_char(text[end])):
            count += 1
        start = text.find(phrase, start + 1)
    return count


def stands_alone(phrase: str, text: str) -> bool:
    return standalone_count(phrase, text, limit=1) == 1


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def spaced_inflected(parts: list[str], text: str) -> bool:
    """The pair stands spaced elsewhere in another inflection ("Magic Keyboard" for "MagicKeyboards")."""
    if len(parts) != 2:
        return False
    first, second = parts
    return any(same_stem(a, first, 2) and same_stem(b, second, 4)
               for a, b in spaced_pairs(first[:2], text))


_PAIR_AT = re.compile(rf"([{_UP}][{_LOW}]+) ([{_UP}][{_LOW}]+)(?!\w)")


def spaced_pairs(prefix: str, text: str) -> list[tuple[str, str]]:
    """The pairs of ``_SPACED_PAIR`` whose first word starts with ``prefix`` (a stem keeps at least a
    word's first two letters): ``str.find`` jumps to the few places worth matching, where the reference
    pattern's look-ahead runs at every position of the document."""
    pairs: list[tuple[str, str]] = []
    start = text.find(prefix)
    while start >= 0:
        if start == 0 or not _is_word_char(text[start - 1]):
            pair = _PAIR_AT.match(text, start)
            if pair:
                pairs.append((pair.group(1), pair.group(2)))
        start = text.find(prefix, start + 1)
    return pairs


class WordCounts:
    """How often a word stands alone in the document, counted when first asked: a candidate needs the
    counts of two or three words, not of the whole vocabulary."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._counts: dict[str, int] = {}

    def __getitem__(self, word: str) -> int:
        count = self._counts.get(word)
        if count is None:
            count = self._counts[word] = standalone_count(word, self.text)
        return count


def split_evidence(token: str, counts: WordCounts | Counter[str], text: str, language: str) -> str | None:
    """The evidence rules, in order (see the module docstring): the name of the one that splits ``token``, as
    its ledger entry says (``split:title``, ``split:spaced_in_document``, ...), or None to keep it."""
    names = name_lexicon()
    parts = _PART.findall(token)
    if (parts[0] in names.abbreviations or parts[0] in names.titles) and len(parts) == 2 \
            and len(parts[1]) >= MIN_PART:
        return "title"
    if parts[0] in names.prefixes or min(map(len, parts)) < MIN_PART:
        return None
    if len(parts) > MAX_PARTS and not all(stands_alone(p, text) for p in parts):
        return None  # an identifier ("NativeWindowMonitor"), unless the document writes every part alone
    glued_zipf = zipf(token.lower(), language)
    if glued_zipf >= GLUED_IS_WORD_ZIPF:
        # A form the web knows as a word ("Whitehouse") splits only where the document itself writes the pair
        # spaced, twice or more and more often than glued ("White House" seven times, "WhiteHouse" once).
        spaced = standalone_count(" ".join(parts), text, limit=SPACED_OVER_WORD)
        return "spaced_in_document" if spaced >= SPACED_OVER_WORD and spaced > counts[token] else None
    if stands_alone(" ".join(parts), text):
        return "spaced_in_document"
    web_form = glued_zipf > 0  # the web writes it as one token, however rarely: a name of its own, maybe
    if web_form and parts[0].lower() in stopwords().get(language, frozenset()):
        return None  # a function word glued to a word the web writes as one token: a brand ("FromSoftware")
    if spaced_inflected(parts, text):
        return "spaced_inflected_in_document"
    alone = [counts[p] for p in parts]
    if counts[token] >= BRAND_REPEATS and counts[token] > alone[-1]:
        return None
    if glued_zipf < GLUED_IS_NAME_ZIPF and is_phrase(parts):
        return "web_phrase"
    if not web_form and before_arabic_particle(token, text):
        return "arabic_particle"  # "AsaibAhl al-Haq": in a romanized Arabic name, where no camel-case brand is
    known = [a > 0 or zipf(p.lower(), language) >= KNOWN_WORD_ZIPF for p, a in zip(parts, alone, strict=True)]
    if alone[-1] and (all(known) or counts[token] == 1) and not web_form:
        return "last_part_in_document"
    if alone[0] and all(known) and counts[token] == 1 and not web_form:
        return "first_part_in_document"  # "ObamaNational": a name the text uses alone, glued once to a word
    if glued_zipf < UNKNOWN_ZIPF and parts[0] in names.heads and all(known[1:]):
        return "name_head"
    if glued_zipf < UNKNOWN_ZIPF and parts[-1] in names.tails and all(known[:-1]):
        return "name_tail"
    # A given name that is also a common word (Star, Bill) needs a rare word after it (a surname).
    rare_tail = zipf(parts[-1].lower(), language) < SURNAME_ZIPF
    if (parts[0] in names.given and (parts[0].lower() not in common_words(language) or rare_tail)
            and len(parts) == 2 and (len(parts[1]) > MIN_PART or alone[1] > 0)
            and not web_form and counts[token] < BRAND_REPEATS):
        return "given_name"
    return None


def should_split(token: str, counts: WordCounts | Counter[str], text: str, language: str) -> bool:
    return split_evidence(token, counts, text, language) is not None


class GluedWordsStage(Stage):
    name = "glued"
    version = 5
    description = ("Split glued words at a lower-to-upper joint when the document or a lexicon gives evidence; "
                   "the rule names it (`split:spaced_in_document`, `split:given_name`, ...).")

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        kept_text = "\n".join(b.text for b in blocks if b.kept)
        candidates = candidates_in(kept_text)
        if not candidates:
            return blocks  # the common case: nothing glued, no word counts needed
        text = "\n".join(b.text for b in blocks)
        language = ctx.language if ctx.language and ctx.language != "und" else "en"
        splits: dict[str, str] = {}
        evidence: dict[str, str] = {}  # the rule that split each token, for its ledger entry

        def split(match: re.Match[str]) -> str:
            return splits.get(match.group(1), match.group(1))

        # To a fixed point: a split makes its parts words of the document, which is evidence for splitting
        # another form ("QasemAaaa" split gives "Qasem", which tells "QasemSnk"). Deciding once left that for
        # a second cleaning to do, which then changed the clean text (the fuzz run found it).
        for _ in range(MAX_ROUNDS):
            counts = WordCounts(text)
            reasons = {t: split_evidence(t, counts, text, language) for t in sorted(candidates - splits.keys())}
            found = {t: " ".join(_PART.findall(t)) for t, why in reasons.items() if why is not None}
            if not found:
                break
            splits.update(found)
            evidence.update({t: why for t, why in reasons.items() if why is not None})
            text = CANDIDATE.sub(split, text)
        if not splits:
            return blocks

        def rule(token: str) -> str:
            return rules.SPLIT_PREFIX + evidence[token]

        return [substitute(b, ctx, self.id, rule, CANDIDATE, split)
                if b.kept and any(t in b.text for t in splits) else b for b in blocks]
