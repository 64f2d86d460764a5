"""Split words a scraper glued together: "QasemSuleimani" -> "Qasem Suleimani".

A lower-to-upper joint inside a token is split only with evidence, because
real camel-case names and brands (iPhone, McDonald, YouTube, WeWork) must come
through untouched. Evidence, in order of strength: the spaced form elsewhere in
the document, also in another inflection; a pair the web writes spaced far more
often than glued ("ChiefExecutive"; a phrase list from web n-gram counts); the
last part standing alone in the document (a surname used again), or the first
(a name glued once to a word); a title or name head before the joint
("PresidentBukola", "NewYork") or an institution noun after it
("ExchangeCommission"); a given name before it, or two given names ("BillClinton": many
surnames are given names too); an Arabic particle after it ("AsaibAhl al-Haq").
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
from typing import Final

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
GIVEN_NAME_WEB_ZIPF = 1.5  # celebrities' hashtags: justinbieber 1.44, elonmusk 1.33; kenwood 2.64, leeann 2.0
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


class Candidate:
    """What the evidence rules read about one glued-looking token, each piece worked out when a rule first
    asks (most tokens are decided by the first rules, before the costlier counts)."""

    def __init__(self, token: str, counts: WordCounts | Counter[str], text: str, language: str) -> None:
        self.token = token
        self.counts = counts
        self.text = text
        self.language = language
        self.parts: list[str] = _PART.findall(token)
        self.names = name_lexicon()
        self._glued_zipf: float | None = None
        self._alone: list[int] | None = None
        self._known: list[bool] | None = None

    def glued_zipf(self) -> float:
        if self._glued_zipf is None:
            self._glued_zipf = zipf(self.token.lower(), self.language)
        return self._glued_zipf

    def web_form(self) -> bool:
        """The web writes it as one token, however rarely: a name of its own, maybe."""
        return self.glued_zipf() > 0

    def alone(self) -> list[int]:
        """How often each part stands alone in the document."""
        if self._alone is None:
            self._alone = [self.counts[p] for p in self.parts]
        return self._alone

    def known(self) -> list[bool]:
        """Each part is a word: the document uses it alone, or the web knows it."""
        if self._known is None:
            self._known = [a > 0 or zipf(p.lower(), self.language) >= KNOWN_WORD_ZIPF
                           for p, a in zip(self.parts, self.alone(), strict=True)]
        return self._known

    def glued_count(self) -> int:
        return self.counts[self.token]


# A rule's verdict: the evidence's name (the ledger's ``split:<name>``), KEEP to stop with no split, or None
# to ask the next rule.
KEEP: Final = ""


def title(c: Candidate) -> str | None:
    """ "PresidentBukola", "DrSmith": a title or abbreviation glued to a name."""
    names = c.names
    if (c.parts[0] in names.abbreviations or c.parts[0] in names.titles) and len(c.parts) == 2 \
            and len(c.parts[1]) >= MIN_PART:
        return "title"
    return None


def name_prefix_or_short_part(c: Candidate) -> str | None:
    """ "McDonald", "LaGuardia", "iOS"-like parts: a name's own capitals, never a joint."""
    return KEEP if c.parts[0] in c.names.prefixes or min(map(len, c.parts)) < MIN_PART else None


def identifier(c: Candidate) -> str | None:
    """ "NativeWindowMonitor": more parts than a name has, unless the document writes every part alone."""
    if len(c.parts) > MAX_PARTS and not all(stands_alone(p, c.text) for p in c.parts):
        return KEEP
    return None


def common_word(c: Candidate) -> str | None:
    """A form the web knows as a word ("Whitehouse") splits only where the document itself writes the pair
    spaced, twice or more and more often than glued ("White House" seven times, "WhiteHouse" once)."""
    if c.glued_zipf() < GLUED_IS_WORD_ZIPF:
        return None
    spaced = standalone_count(" ".join(c.parts), c.text, limit=SPACED_OVER_WORD)
    return "spaced_in_document" if spaced >= SPACED_OVER_WORD and spaced > c.glued_count() else KEEP


def spaced_in_document(c: Candidate) -> str | None:
    return "spaced_in_document" if stands_alone(" ".join(c.parts), c.text) else None


def brand_after_function_word(c: Candidate) -> str | None:
    """A function word glued to a word the web writes as one token: a brand ("FromSoftware"). Not a place
    name's head that a stopword list also holds ("New": "NewYork" is a hashtag's form, not a brand's)."""
    if (c.web_form() and c.parts[0].lower() in stopwords().get(c.language, frozenset())
            and c.parts[0] not in c.names.heads):
        return KEEP
    return None


def spaced_inflected_in_document(c: Candidate) -> str | None:
    return "spaced_inflected_in_document" if spaced_inflected(c.parts, c.text) else None


def repeated_brand(c: Candidate) -> str | None:
    """Glued three times or more, and more often than its last part stands alone: a brand."""
    return KEEP if c.glued_count() >= BRAND_REPEATS and c.glued_count() > c.alone()[-1] else None


def web_phrase(c: Candidate) -> str | None:
    """A pair the web writes spaced far more often than glued ("ChiefExecutive")."""
    return "web_phrase" if c.glued_zipf() < GLUED_IS_NAME_ZIPF and is_phrase(c.parts) else None


def arabic_particle(c: Candidate) -> str | None:
    """ "AsaibAhl al-Haq": in a romanized Arabic name, where no camel-case brand is."""
    return "arabic_particle" if not c.web_form() and before_arabic_particle(c.token, c.text) else None


def last_part_in_document(c: Candidate) -> str | None:
    """A surname used again alone ("QasemSuleimani" ... "Suleimani")."""
    if c.alone()[-1] and (all(c.known()) or c.glued_count() == 1) and not c.web_form():
        return "last_part_in_document"
    return None


def first_part_in_document(c: Candidate) -> str | None:
    """ "ObamaNational": a name the text uses alone, glued once to a word."""
    if c.alone()[0] and all(c.known()) and c.glued_count() == 1 and not c.web_form():
        return "first_part_in_document"
    return None


def name_head(c: Candidate) -> str | None:
    """ "NewYork", "SaintLouis": a name's head before known words, in a form the web does not write."""
    if c.glued_zipf() < UNKNOWN_ZIPF and c.parts[0] in c.names.heads and all(c.known()[1:]):
        return "name_head"
    return None


def name_tail(c: Candidate) -> str | None:
    """ "ExchangeCommission": an institution noun after known words."""
    if c.glued_zipf() < UNKNOWN_ZIPF and c.parts[-1] in c.names.tails and all(c.known()[:-1]):
        return "name_tail"
    return None


def given_name(c: Candidate) -> str | None:
    """A given name before a second word; one that is also a common word (Star, Bill) needs a rare word after
    it (a surname). Before a rare word (a surname) the web may write the pair as one token about as often as a
    hashtag does (#JustinBieber), not as often as a brand's name (Kenwood, MaryAnn: GIVEN_NAME_WEB_ZIPF); before a
    common word, not at all ("MetaFilter", "CliffNotes")."""
    parts = c.parts
    if parts[0] not in c.names.given or len(parts) != 2:
        return None
    rare_tail = zipf(parts[-1].lower(), c.language) < SURNAME_ZIPF
    if ((parts[0].lower() not in common_words(c.language) or rare_tail)
            and (len(parts[1]) > MIN_PART or c.alone()[1] > 0)
            and (not c.web_form() or (rare_tail and c.glued_zipf() < GIVEN_NAME_WEB_ZIPF))
            and c.glued_count() < BRAND_REPEATS):
        return "given_name"
    return None


SECOND_NAME_MIN: Final = 4  # "DeeAnn", "JimRob", "BillyJoe": a double given name or a handle, written as one


def two_given_names(c: Candidate) -> str | None:
    """ "BillClinton", "TonyBlair": a given name before another name (many surnames are given names too), even
    where the first is also a common word, in a form the web does not write; a second part of under four letters
    makes a double given name ("DeeAnn") or a handle, and the web knows most others ("MaryAnn", "LeeAnn")."""
    parts, given = c.parts, c.names.given
    if (len(parts) == 2 and parts[0] in given and parts[1] in given and len(parts[1]) >= SECOND_NAME_MIN
            and not c.web_form() and c.glued_count() < BRAND_REPEATS):
        return "two_given_names"
    return None


# The evidence rules, in the order they are asked (see the module docstring).
RULES: Final = (title, name_prefix_or_short_part, identifier, common_word, spaced_in_document,
                brand_after_function_word, spaced_inflected_in_document, repeated_brand, web_phrase,
                arabic_particle, last_part_in_document, first_part_in_document, name_head, name_tail, given_name,
                two_given_names)


def split_evidence(token: str, counts: WordCounts | Counter[str], text: str, language: str) -> str | None:
    """The name of the rule that splits ``token``, as its ledger entry says (``split:title``,
    ``split:spaced_in_document``, ...), or None to keep it: the first rule with a verdict decides."""
    candidate = Candidate(token, counts, text, language)
    for rule in RULES:
        verdict = rule(candidate)
        if verdict is not None:
            return verdict or None
    return None


def should_split(token: str, counts: WordCounts | Counter[str], text: str, language: str) -> bool:
    return split_evidence(token, counts, text, language) is not None


class GluedWordsStage(Stage):
    name = rules.GLUED
    version = 7
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
