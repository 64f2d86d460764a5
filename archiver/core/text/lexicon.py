"""The boilerplate lexicon (archiver/data/boilerplate.json) compiled for fast line matching.

Phrases are data, in several languages; this module only normalises and
matches. Structure decides most verdicts: the stages use a lexicon hit
together with a line's shape, never a hit alone on a long prose line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

from archiver.core.memo import line_memo, remember
from archiver.core.text.textfeatures import ascii_stand_in, has_cjk, words_of

_DIGITS = re.compile(r"\d+")
_NON_WORD = re.compile(r"[^\w#]+")
_UNDERSCORE = re.compile(r"_+")


# Characters a word may be wrapped in ("said,", "(AP)", "“Go"): none is a word character or '#', so stripping
# them is what the regex path would do to them (turn them into spaces).
_EDGE_PUNCTUATION = ".,;:!?\"()[]{}«»“”‘„‹›-–—…/*|<>+=@&%$"


# ASCII norm in bytes: upper case folded, word characters and '#' kept, '_' and the rest become spaces.
_ASCII_NORM = bytes(
    c + 32 if 65 <= c <= 90 else c if (97 <= c <= 122 or 48 <= c <= 57 or c == 35) else 32 for c in range(256))
# Latin-1 norm of a case-folded line: what ``_norm_by_chunks`` does to each character, as a byte table (word
# characters and '#' kept, digits kept for ``hash_digit_runs``, the rest a space; ``_NON_WORD`` and
# ``_UNDERSCORE`` decide).
_LATIN1_NORM = bytes(32 if c == 0 or _NON_WORD.fullmatch(chr(c)) or _UNDERSCORE.fullmatch(chr(c)) else c
                     for c in range(256))
_DIGITS_TO_NUL = bytes(0 if 48 <= c <= 57 else c for c in range(256))  # after _ASCII_NORM, NUL marks a digit


def hash_digit_runs(data: bytes) -> bytes:
    """Each run of ASCII digits as one '#', as ``re.sub(rb"[0-9]+", b"#", data)`` (a third of its cost): the
    digits become NULs (``data`` holds none, having been through ``_ASCII_NORM``), the text between runs is
    joined with '#', and a run at either end keeps its '#'."""
    marked = data.translate(_DIGITS_TO_NUL)
    between = [part for part in marked.split(b"\0") if part]
    if not between:
        return b"#" if data else b""
    joined = b"#".join(between)
    return (b"#" if marked[0] == 0 else b"") + joined + (b"#" if marked[-1] == 0 else b"")


_NORM_MEMO: Final[dict[str, str]] = line_memo()
_DATE_MEMO: Final[dict[str, bool]] = line_memo()
_BYLINE_MEMO: Final[dict[str, bool]] = line_memo()
_PREFIX_MEMO: Final[dict[str, str]] = line_memo()  # "" for a line that opens with no label
BYLINE_WORD_CHARS: Final = 16  # "Reported by:" and shorter: a byline word alone on its line
_SIGNOFF_MEMO: Final[dict[str, bool]] = line_memo()
_TRAILER_MEMO: Final[dict[str, str]] = line_memo()  # "" for a line of no category


def norm(text: str) -> str:
    """``_norm``'s answer, remembered per line."""
    found = _NORM_MEMO.get(text)
    return found if found is not None else remember(_NORM_MEMO, text, _norm(text))


def _norm(text: str) -> str:
    """Case folded, digit runs as '#', punctuation gone, single spaces: the matching form.

    An ASCII line (most lines), or its ASCII stand-in, is folded with one byte table, a Latin-1 line with
    another after ``casefold``; otherwise whitespace-separated chunks that are letters, perhaps in
    punctuation, are taken as they are, and only the rest goes through the regexes (a prose line is mostly
    plain words)."""
    plain = ascii_stand_in(text)
    if plain is not None:
        data = plain.encode("ascii").translate(_ASCII_NORM, b"'")
        if len(data.translate(None, b"0123456789")) < len(data):  # a digit (a regex search costs five times)
            data = hash_digit_runs(data)
        return " ".join(data.decode("ascii").split())
    folded = text.casefold()
    if "'" in folded or "’" in folded:
        folded = folded.replace("’", "").replace("'", "")
    try:
        data = folded.encode("latin-1")  # German, French, Spanish: one byte table, as for ASCII
    except UnicodeEncodeError:
        return _norm_by_chunks(folded)
    data = data.translate(_LATIN1_NORM)
    if len(data.translate(None, b"0123456789")) < len(data):
        data = hash_digit_runs(data)
    return " ".join(data.decode("latin-1").split())


def _norm_by_chunks(folded: str) -> str:
    """``_norm`` of a case-folded line without apostrophes, chunk by chunk: any script."""
    words: list[str] = []
    for chunk in folded.split():
        if not chunk.isalpha():
            chunk = chunk.strip(_EDGE_PUNCTUATION)
            if not chunk.isalpha():
                words.extend(_UNDERSCORE.sub(" ", _NON_WORD.sub(" ", _DIGITS.sub("#", chunk))).split())
                continue
        words.append(chunk)
    return " ".join(words)


def _alternation(phrases: list[str]) -> str:
    """One regex for many phrases, as a character trie: a flat alternation makes Python's re try every
    phrase at every position; the trie tries one branch per character. Longer phrases still win
    (each optional continuation is greedy)."""
    return trie_pattern({norm(p) for p in phrases if norm(p)})


def trie_pattern(words: set[str]) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body


@dataclass(frozen=True)
class Lexicon:
    lines: dict[str, str]                   # normalised whole line -> category
    prefixes: tuple[tuple[str, re.Pattern[str]], ...]
    phrases: re.Pattern[str]          # every phrase of every category, one alternation
    phrase_category: dict[str, str]   # normalised phrase -> its category
    phrase_keys: frozenset[str]       # the longest word of every phrase (long words are rare words)
    headers: frozenset[str]
    header_prefixes: re.Pattern[str]
    credit_names: re.Pattern[str]
    credit_words: frozenset[str]  # the first word of every credit name
    trailer_keys: re.Pattern[str]  # any key, one scan of the case-folded line
    trailers: re.Pattern[str]  # one alternation, a named group per category; raw line, case-insensitive
    trailers_within: re.Pattern[str]  # its patterns that are not anchored at the line's start ("^")
    signoffs: re.Pattern[str]  # contributor notes and attributions: the article's own, though short
    publication_words: frozenset[str]
    continuation_words: frozenset[str]  # articles, prepositions, conjunctions: a line ending in one goes on
    date: re.Pattern[str]      # a calendar date or a clock time, on the raw line
    months: frozenset[str]  # case-folded month names and abbreviations, several languages
    byline: re.Pattern[str]    # "By Jane Doe" and its equivalents, on the raw line
    byline_lead: re.Pattern[str]  # the article's kind before a byline word ("Ein Kommentar " von ...)
    author_box_lead: re.Pattern[str]  # "About " / "Über " before an author's name heading a box
    byline_words: frozenset[str]  # case-folded: "by", "von", "written by", ...
    late_byline: re.Pattern[str]  # the same words later in a line, before a capital ("... 2023 von Thomas")
    abbreviation: re.Pattern[str]  # a line ending in an abbreviation's full stop ("Mr.", "ca.", "U.S.")
    word_endings: frozenset[str]  # suffixes ("ing", "ung", "ción"): never the second word of a compound
    presenter: re.Pattern[str]  # "Dow Jones's Benoit Faucon analyzes": a sentence that presents a video
    presented_by: re.Pattern[str]  # its cheap part ("'s Benoit Faucon analyzes"), tried first
    thread_words: frozenset[str]  # case folded: "comments", "antworten", ... (a readers' thread)
    thread_cjk: tuple[str, ...]  # the thread words of scripts written without spaces, found inside a line

    def line_category(self, normed: str) -> str | None:
        return self.lines.get(normed)

    def prefix_category(self, normed: str) -> str | None:
        """The category of a widget or credit label opening the line; remembered per line (stages ask it
        four times a line)."""
        found = _PREFIX_MEMO.get(normed)
        if found is None:
            found = remember(_PREFIX_MEMO, normed, next(
                (category for category, pattern in self.prefixes if pattern.match(normed)), ""))
        return found or None

    def may_hold_phrase(self, normed: str) -> bool:
        """Whether a phrase could be in the line: the line holds a phrase's key word, its longest. A set
        lookup per word, where the phrase regex tries its branches at every character (ten times the cost).
        A phrase's words are whole words of the line (the regex bounds it by word boundaries), so its key is
        one; the longest is taken because short words ("to", "you") are in nearly every line."""
        return not self.phrase_keys.isdisjoint(normed.replace("#", " ").split())

    def categories_of(self, found: tuple[str, ...]) -> list[str]:
        """The categories of phrases found in a line (``phrases_in``), in the order they first occur."""
        return list(dict.fromkeys(self.phrase_category[m] for m in found))

    def is_header(self, normed: str) -> bool:
        return normed in self.headers or bool(self.header_prefixes.match(normed))

    def names_credit(self, text: str) -> bool:
        """The raw text names a picture agency or source, in its usual spelling.

        A name the regex finds between word boundaries starts a word of the line with its own first word,
        so a line holding none of those words is passed over without the regex (a third of its cost)."""
        return not self.credit_words.isdisjoint(words_of(text)) and bool(self.credit_names.search(text))

    def has_date(self, text: str) -> bool:
        """A calendar date, a clock time or "N hours ago" in the line (every form holds a digit).

        Remembered per line: several stages and the learned cues ask it of the same lines, three times a line
        on whole pages, and a line with digits costs about 17 µs to scan."""
        found = _DATE_MEMO.get(text)
        return found if found is not None else remember(_DATE_MEMO, text, _has_date(text, self.months))

    def is_byline_word(self, text: str) -> bool:
        """A line that is a byline word alone ("By:", "von"): a renderer put the name on the next line."""
        return len(text) <= BYLINE_WORD_CHARS and text.strip().rstrip(":").strip().casefold() in self.byline_words

    def is_byline(self, text: str) -> bool:
        """A line opening as a byline ("By Jane Doe"); remembered per line (stages ask it three times a line)."""
        found = _BYLINE_MEMO.get(text)
        return found if found is not None else remember(_BYLINE_MEMO, text, bool(self.byline.match(text)))

    def presents_video(self, text: str) -> bool:
        """A sentence of the line opens with a newsroom's reporter and a present-tense reporting verb."""
        return ("'" in text or "’" in text) and bool(self.presented_by.search(text)) \
            and bool(self.presenter.search(text))

    def names_thread(self, text: str) -> bool:
        """The line names a readers' thread ("Comments", "12 Antworten", "Leave a reply", "评论"): a word of
        ``thread_words`` among its words, or a CJK one inside it."""
        folded = text.casefold()
        return not self.thread_words.isdisjoint(words_of(folded)) or any(w in folded for w in self.thread_cjk)

    def is_signoff(self, text: str) -> bool:
        """ "(Reporting by ...)", "— Name (@handle) date": lines of the article that look like furniture.

        Remembered per line, like ``norm``: five stages ask about the same lines, and a site's sign-off lines
        recur (the memo is the module's: there is one lexicon, ``lexicon()``)."""
        found = _SIGNOFF_MEMO.get(text)
        return found if found is not None else remember(_SIGNOFF_MEMO, text, bool(self.signoffs.match(text)))

    def trailer_category(self, text: str) -> str | None:
        """The trailer category of a line (copyright, contact, ...), or None; remembered per line, since a site's
        trailer lines recur from page to page, and the key scan costs 4 µs a line."""
        found = _TRAILER_MEMO.get(text)
        if found is None:
            found = remember(_TRAILER_MEMO, text, self._trailer_category(text) or "")
        return found or None

    def _trailer_category(self, text: str) -> str | None:
        folded = text.casefold()
        if not self.trailer_keys.search(folded):
            return None
        # The leftmost match is at the start (where an anchored pattern can match) or else one of the
        # unanchored patterns': a fifth of the cost of searching every pattern at every position.
        match = self.trailers.match(text) or self.trailers_within.search(text)
        return match.lastgroup if match else None


# Date forms, split so that no regex tries a hundred month names at every position: a word next to
# a day number is found generically, then looked up in the month set. A month before its day ("Jan. 5") is
# read back from the day (``_word_before``), as ``\b([^\W\d_]{3,12})\.?\s+\d{1,2}\b`` would find it.
_NUMERIC_DATE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}(?!\d)|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{1,2}:\d{2}(?!\d)"
    r"|\b\d+\s*(?:hours?|minutes?|days?|mins?|hrs?|[hmd])\s+ago\b",
    re.IGNORECASE,
)
_DAY_THEN_WORD = re.compile(r"\b\d{1,2}\.?\s+(?:de\s+)?([^\W\d_]{3,12})\b", re.IGNORECASE)


def _has_date(text: str, months: frozenset[str]) -> bool:
    """Every form opens at a run of digits: each run is tried where it stands (a numeric date, a day before
    its month, a month before its day), instead of three scans of the whole line, which cost about 30 us on
    a line with a digit (the month-first scan tries every word)."""
    ago: bool | None = None  # whether "ago" is in the line, worked out at the first run that needs it
    for run in _DIGITS.finditer(text):
        start, end = run.span()
        after = text[end:end + 1]
        # A numeric form goes on from the run with "-" (a year of four digits), ".", "/" or ":" (a day, a month
        # or an hour), or it is "3 hours ago": only then is the regex asked.
        numeric = (after == "-" and end - start == 4) or (after in (".", "/", ":") and end - start <= 2)
        if not numeric:
            if ago is None:
                ago = "ago" in text.lower()
            numeric = ago
        if numeric and _NUMERIC_DATE.match(text, start):
            return True
        if end - start > 2:
            continue  # a day has one or two digits
        day_first = _DAY_THEN_WORD.match(text, start)
        if day_first and day_first.group(1).casefold() in months:
            return True
        if end == len(text) or not _is_word(text[end]):
            month = _word_before(text, start)
            if month and month.casefold() in months:
                return True
    return False


def _is_word(ch: str) -> bool:
    """A regex word character (``\\w``)."""
    return ch.isalnum() or ch == "_"


def _word_before(text: str, end: int) -> str:
    """The word that ``_WORD_THEN_DAY`` reads before a day number at ``end`` ("Jan. 5", "März 14"): 3-12
    letters opening at a word boundary, a dot perhaps, then spaces; "" when there is none."""
    j = end
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j == end:
        return ""
    if j > 0 and text[j - 1] == ".":
        j -= 1
    k = j
    while k > 0 and j - k <= 12 and text[k - 1].isalnum() and not text[k - 1].isdecimal():
        k -= 1
    if not 3 <= j - k <= 12 or (k > 0 and _is_word(text[k - 1])):
        return ""
    return text[k:j]


def _categories_pattern(patterns: dict[str, list[str]]) -> re.Pattern[str]:
    """One case-insensitive alternation, a named group per category (a category with no pattern left out).

    A pattern that starts with "^" is anchored as a whole: none holds an alternation outside a group
    (tests/test_lexicon.py checks the data)."""
    return re.compile("|".join(f"(?P<{category}>{'|'.join(f'(?:{p})' for p in items)})"
                               for category, items in patterns.items() if items), re.IGNORECASE)


def _first_word(name: str) -> str:
    match = re.match(r"\w+", name)
    if match is None:  # the credit pre-check needs every name to open with a word
        raise ValueError(f"credit name {name!r} does not start with a word character")
    return match.group()


_PHRASES_MEMO: Final[dict[str, tuple[str, ...]]] = line_memo()


def phrases_in(normed: str) -> tuple[str, ...]:
    """The prompt phrases in a normalised line, in order: asked of a line by several stages and rules, and
    answered once (the key-word check first, then the phrase regex only where it could match)."""
    found = _PHRASES_MEMO.get(normed)
    if found is not None:
        return found
    lex = lexicon()
    return remember(_PHRASES_MEMO, normed,
                    tuple(lex.phrases.findall(normed)) if lex.may_hold_phrase(normed) else ())


_LOADED: Final[list[Lexicon]] = []


def lexicon() -> Lexicon:
    """Load and compile once per process (a worker pays this once, not per document).

    Asked about 280 times a document: the loaded lexicon is kept in a list that a compiled caller reads
    directly, where a call through ``lru_cache`` costs about 100 ns more."""
    if not _LOADED:
        _LOADED.append(_load_lexicon())
    return _LOADED[0]


def _date_pattern(month_names: list[str]) -> re.Pattern[str]:
    """A calendar date in words or numbers, a clock time, or "N hours ago"."""
    months = "|".join(re.escape(m) for m in sorted(month_names, key=len, reverse=True))
    return re.compile(
        rf"\b(?:{months})\.?\s+\d{{1,2}}\b|\b\d{{1,2}}\.?\s+(?:de\s+)?(?:{months})\b"
        r"|\b\d{4}-\d{2}-\d{2}(?!\d)|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{1,2}:\d{2}(?!\d)"
        r"|\b\d+\s*(?:hours?|minutes?|days?|mins?|hrs?|[hmd])\s+ago\b",
        re.IGNORECASE,
    )


def _byline_patterns(byline_words: list[str], leads: list[str]) -> tuple[re.Pattern[str], re.Pattern[str],
                                                                         re.Pattern[str]]:
    """A line opening with a byline word and a name ("By Jane", "Von Anna"), maybe after the article's kind
    ("Ein Kommentar von Anna", "Analysis by Jane"); one later in a line; and the kind alone, to strip."""
    # As tries: the line's first letters pick one branch, where an alternation compares every entry in turn
    # (a longer entry still comes before its prefix, "autorin" before "autor").
    words = trie_pattern(set(byline_words))
    lead = trie_pattern(set(leads))
    return (re.compile(rf"^(?i:(?:{lead})\s+)?(?i:{words})\s*:?\s+(?:[A-Z\u0400-\u042F@][\w.'-]*)"),
            re.compile(rf"\b(?i:{words})\s+(?=[A-Z\u00c0-\u00de\u0400-\u042f])"),
            re.compile(rf"^(?i:{lead})\s+(?=(?i:{words})\s)"))


def _leading_words(leads: list[str]) -> re.Pattern[str]:
    """A line opening with one of ``leads`` (any case) and a space; ``rest`` is what follows."""
    return re.compile(rf"^(?i:{trie_pattern(set(leads))})\s+(?P<rest>\S.*)$")


def _abbreviation_pattern(abbreviations: dict[str, Any]) -> re.Pattern[str]:  # lists, and an "_about" note
    """A line ending in an abbreviation's full stop ("Dr.", "U.S."), which is no sentence end."""
    # longest first, ties by spelling: the same pattern in every process (a set's order follows the hash seed)
    short_forms = sorted({w for lang, words in abbreviations.items() if lang != "_about" for w in words},
                         key=lambda w: (-len(w), w))
    return re.compile(r"\b(?:[A-Z]\.){1,3}$|\b(?:" + "|".join(map(re.escape, short_forms)) + r")\.$")


def _presenter_patterns(data: dict) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A newsroom's reporter presenting a video ("Dow Jones's Benoit Faucon analyzes ..."): the whole opening,
    and the reporter with the verb alone."""
    outlets = trie_pattern(set(data["newsrooms"]) | set(data["credit_names"]))
    mastheads = r"(?:[A-Z][\w.&-]*\s){1,3}(?:" + "|".join(map(re.escape, data["publication_words"])) + ")"
    verbs = trie_pattern(set(data["presenter_verbs"]))
    reporter = rf"['’]s?\s[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){{0,2}}\s(?:{verbs})\b"
    return re.compile(rf"(?:^|(?<=[.!?]\s))(?:The\s)?(?:{outlets}|{mastheads}){reporter}"), re.compile(reporter)


def _load_lexicon() -> Lexicon:
    source = resources.files("archiver") / "data" / "boilerplate.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    lines = {norm(p): category for category, phrases in data["lines"].items() for p in phrases}
    prefixes = tuple(
        (category, re.compile(rf"(?:{_alternation(phrases)})(?:\b|$)"))
        for category, phrases in data["prefixes"].items()
    )
    phrase_category = {norm(p): category for category, items in data["phrases"].items() for p in items}
    phrases = re.compile(rf"\b(?:{_alternation(list(phrase_category))})\b")
    date = _date_pattern(data["months"])
    byline, late_byline, byline_lead = _byline_patterns(data["byline_words"], data["byline_leads"])
    abbreviation = _abbreviation_pattern(data["abbreviations"])
    presenter, presented_by = _presenter_patterns(data)
    return Lexicon(
        abbreviation=abbreviation,
        presenter=presenter,
        presented_by=presented_by,
        word_endings=frozenset(w for lang, words in data["word_endings"].items() if lang != "_about" for w in words),
        publication_words=frozenset(data["publication_words"]),
        continuation_words=frozenset(w for words in data["continuation_words"].values() for w in words),
        date=date,
        months=frozenset(m.casefold() for m in data["months"]),
        byline=byline,
        byline_lead=byline_lead,
        author_box_lead=_leading_words(data["author_box_leads"]),
        byline_words=frozenset(w.casefold() for w in data["byline_words"]),
        late_byline=late_byline,
        lines=lines,
        prefixes=prefixes,
        phrases=phrases,
        phrase_category=phrase_category,
        phrase_keys=frozenset(max(p.replace("#", " ").split(), key=lambda w: (len(w), w))
                              for p in phrase_category),
        headers=frozenset(norm(h) for h in data["headers"]),
        header_prefixes=re.compile(rf"(?:{_alternation(data['header_prefixes'])})\b"),
        credit_names=re.compile(r"\b(?:" + trie_pattern(set(data["credit_names"])) + r")\b"),
        credit_words=frozenset(_first_word(name) for name in data["credit_names"]),
        trailer_keys=re.compile(trie_pattern(set(data["trailer_keys"]))),
        trailers=_categories_pattern(data["trailers"]),
        trailers_within=_categories_pattern({category: [p for p in patterns if not p.startswith("^")]
                                             for category, patterns in data["trailers"].items()}),
        signoffs=re.compile("|".join(f"(?:{p})" for p in data["signoffs"]), re.IGNORECASE),
        thread_words=frozenset(w for words in data["thread_words"].values() for w in words if not has_cjk(w)),
        thread_cjk=tuple(w for words in data["thread_words"].values() for w in words if has_cjk(w)),
    )
