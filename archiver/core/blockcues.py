"""The cues the boilerplate model reads: one row of numbers per block, from one pass over the document.

A block's own shape (length, sentence end, function words in any of the lexicon's languages, capitals,
digits, punctuation and code characters, link and list marks, lexicon hits), the verdicts of the rule
stages before it, and its neighbourhood (the blocks around it, the runs of short lines it sits in, where it
lies against the document's prose). Nothing here is English-only: function words come from every language
in ``stopwords.json``, and the rest is shape. Training (``tools/train_boilerplate.py``) and the stage
(``stages/boilerplate.py``) call the same ``document_cues``, so the model sees at ingest what it learned on.
"""

from __future__ import annotations

import math
import re
from typing import Final

from archiver.core import rules
from archiver.core.memo import line_memo, remember
from archiver.core.model import Block
from archiver.core.text.lexicon import lexicon, norm, phrases_in
from archiver.core.text.textfeatures import features, has_digit, is_prose, latin1_form

# The rule stages whose verdicts the model reads (a stage missing from a run reads as "not dropped").
VERDICT_STAGES: Final[tuple[str, ...]] = (
    rules.METADATA, rules.RELATED, rules.WIDGETS, rules.CAPTIONS, rules.TRAILER, rules.COMMENTS, rules.HEAD,
    rules.CARDS, rules.REGION)

_LINK = re.compile(r"https?://|www\.|\]\(|\[[^\]]*\]|\.(?:com|org|net|html?|php|aspx?)\b", re.IGNORECASE)
# ``_LINK``'s two forms with a dot, opening at the dot: a literal first character lets the regex engine jump
# from dot to dot instead of trying five forms at every character (prose has a dot in most lines).
_DOT_LINK = re.compile(r"\.(?:(?<=www\.)|(?:com|org|net|html?|php|aspx?)\b)", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[*•·▪►»◦+–-]\s|\d{1,3}[.)]\s|#{1,6}\s|\|)")
_HEADING_MARK = re.compile(r"^\s*#{1,6}\s")
_SEPARATORS = re.compile(r"[|·»›•/]")
_CODE = re.compile(r"[{};=<>\\]")
_SENTENCE_INSIDE = re.compile(r"[.!?。！？](?:\s|$)")
_NOT_LETTER = re.compile(r"[\W\d_]+")  # what is left is letters: one C pass, not a loop over characters
_NOT_MARK = re.compile(r"(?:[^\W_]|\s)+")  # what is left is punctuation, symbols and "_"
_GLUED = re.compile(r"[a-z\u00df-\u00ff][A-Z\u00c0-\u00de]")  # "NeighboursIraq": menu items run together
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|copyright", re.IGNORECASE)

TEXT_CUE_NAMES: Final[tuple[str, ...]] = (
    "words_log", "chars_log", "terminal", "colon_end", "ellipsis", "stop_density", "capitalised", "numeric",
    "alpha_share", "punct_share", "code_share", "link_mark", "bullet", "heading_mark", "separators",
    "copyright", "lexicon_line", "lexicon_phrase", "date", "byline", "signoff", "repeated", "lower_start",
    "gap_before", "commas", "sentences_log", "glued_joins",
    "words_1", "words_2_3", "words_4_7", "words_8_15", "words_16_30", "words_31_up",
)  # a line's shape: the headline model reads these too
LINE_CUE_NAMES: Final[tuple[str, ...]] = (*TEXT_CUE_NAMES, "thread_head")  # what ``text_cues`` gives
_BASE: Final[tuple[str, ...]] = (*LINE_CUE_NAMES, *(f"dropped_{stage}" for stage in VERDICT_STAGES))
_CONTEXT: Final[tuple[str, ...]] = (
    "position", "from_start_log", "from_end_log", "mass_before",
    "prev_words_log", "prev_terminal", "prev_stop_density", "prev_dropped", "prev_link",
    "next_words_log", "next_terminal", "next_stop_density", "next_dropped", "next_link",
    "near3_words_log", "near3_stop_density", "near3_terminal", "near3_link",
    "near8_words_log", "near8_terminal", "near8_stop_density",
    "short_run_log", "in_prose_span", "prose_distance_log", "doc_blocks_log", "doc_share", "doc_prose_share",
    "shape_recur_log", "recur_before_log", "recur_near8", "stamps_before_log", "stamps_near8",
    "thread_head_before", "thread_head_distance_log", "thread_head_mass", "thread_head_words_log",
)
FEATURE_NAMES: Final[tuple[str, ...]] = _BASE + _CONTEXT

# Indexes the context computation reads from a block's base row.
_WORDS_LOG: Final = _BASE.index("words_log")
_TERMINAL: Final = _BASE.index("terminal")
_STOP: Final = _BASE.index("stop_density")
_LINKISH: Final = _BASE.index("link_mark")
_BULLETISH: Final = _BASE.index("bullet")
_REPEATED: Final = _BASE.index("repeated")
_GAP_BEFORE: Final = _BASE.index("gap_before")
_DATE: Final = _BASE.index("date")
_THREAD_HEAD: Final = _BASE.index("thread_head")

# A thread (reader comments, forum posts) stamps every post with a header of one shape: "Jacob said,",
# "Progress Trap said,", "by user (516195) writes: on Tuesday July 24, @10:39AM"; an article has one such head.
HEADER_WORDS: Final = 15  # a post's header is a short line
# A readers' thread is headed by a short line naming it ("45 comments", "Leave a Reply", "12 Antworten"). Such a
# line also stands above an article (a link to its comments); what tells them apart is how much of the page's
# text lies before it, which the model reads (``thread_head_mass``; ``thread_head_words_log``, since a long
# thread makes the article a small share of the page; and the first model's content before it).
THREAD_HEAD_WORDS: Final = 8


_NO_VERDICT: Final = (0.0,) * len(VERDICT_STAGES)
_VERDICT_ROWS: Final = {stage: tuple(float(stage == other) for other in VERDICT_STAGES) for stage in VERDICT_STAGES}
_TEXT_CUES_MEMO: Final[dict[str, tuple[float, ...]]] = line_memo()


# Latin-1 tables, each byte classed by the regex it stands in for: a letter (what ``_NOT_LETTER`` leaves), a
# mark (what ``_NOT_MARK`` leaves), a letter of either case for ``_GLUED`` ("l" and "U").
_NOT_LATIN1_LETTERS: Final = bytes(b for b in range(256) if _NOT_LETTER.fullmatch(chr(b)))
_NOT_LATIN1_MARKS: Final = bytes(b for b in range(256) if _NOT_MARK.fullmatch(chr(b)))
_LETTER_CASES: Final = bytes(ord("l") if _GLUED.fullmatch(chr(b) + "A") else ord("U") if _GLUED.fullmatch("a" + chr(b))
                             else ord(".") for b in range(256))
# An ASCII line's code characters ("C"), separators ("S"), sentence ends ("P") and whitespace as ``\s`` reads it
# ("W"): one translation, then each count is a count of bytes.
_MARK_CLASSES: Final = bytes(ord("C") if chr(b) in "{};=<>\\" else ord("S") if chr(b) in "|/"
                             else ord("P") if chr(b) in ".!?" else ord("W") if chr(b).isspace() else ord(".")
                             for b in range(128)) + b"." * 128


def _has_link(text: str) -> bool:
    """A URL, a domain or a markdown link (``_LINK``): its forms with a dot first, from dot to dot; the whole
    regex only where the other forms' fixed parts are ("://", "](", "[" and "]")."""
    if "." in text and _DOT_LINK.search(text) is not None:
        return True
    if "://" in text or "](" in text or ("[" in text and "]" in text):
        return _LINK.search(text) is not None
    return False


def _has_copyright(text: str) -> bool:
    return ("©" in text or "(" in text or "opy" in text or "OPY" in text) \
        and _COPYRIGHT.search(text) is not None


def _letters_and_marks(text: str, latin1: bytes | None) -> tuple[int, int]:
    """How many letters, and how many characters are neither word characters nor spaces (punctuation,
    symbols, "_"); ``latin1`` is the line's ``latin1_form``: counted by byte deletion, a tenth to a fiftieth of
    the regexes' cost."""
    if latin1 is None:
        return len(_NOT_LETTER.sub("", text)), len(_NOT_MARK.sub("", text))
    return len(latin1.translate(None, _NOT_LATIN1_LETTERS)), len(latin1.translate(None, _NOT_LATIN1_MARKS))


def _glued_joins(text: str, latin1: bytes | None) -> int:
    """How many times a lower-case letter runs into a capital (``_GLUED``): on the ``latin1_form``, each letter
    translated to "l" or "U", the joins are the "lU"s."""
    if latin1 is None:
        return len(_GLUED.findall(text))
    return latin1.translate(_LETTER_CASES).count(b"lU")


def _code_separators_sentences(text: str) -> tuple[int, int, int]:
    """How many code characters (``_CODE``), separators (``_SEPARATORS``) and sentence ends followed by a space
    or the end (``_SENTENCE_INSIDE``) the line holds; an ASCII line's from one byte translation."""
    if not text.isascii():
        return (len(_CODE.findall(text)), len(_SEPARATORS.findall(text)), len(_SENTENCE_INSIDE.findall(text)))
    classes = text.encode("ascii").translate(_MARK_CLASSES)
    return classes.count(b"C"), classes.count(b"S"), classes.count(b"PW") + classes.endswith(b"P")


def _base_row(text: str, gap_before: bool, dropped_stage: str, repeated: bool) -> list[float]:
    """The block's own cues: those of its text (remembered per line: a site's menus and footers recur from
    page to page), then where it stands."""
    row = list(text_cues(text))
    row[_REPEATED] = float(repeated)
    row[_GAP_BEFORE] = float(gap_before)
    row.extend(_VERDICT_ROWS.get(dropped_stage, _NO_VERDICT))
    return row


def text_cues(text: str) -> tuple[float, ...]:
    """The cues of a line's own text (``LINE_CUE_NAMES``; ``repeated`` and ``gap_before`` read 0, they are
    the document's), remembered per line: a site's menus and footers recur from page to page."""
    found = _TEXT_CUES_MEMO.get(text)
    return found if found is not None else remember(_TEXT_CUES_MEMO, text, _text_cues(text))


def _text_cues(text: str) -> tuple[float, ...]:
    f = features(text)
    stripped = text.strip()
    chars = len(stripped) or 1
    non_space = len(stripped) - stripped.count(" ") or 1  # the whitespace stage left single spaces only
    latin1 = latin1_form(stripped)
    alpha, punct = _letters_and_marks(stripped, latin1)
    code, separators, sentences = _code_separators_sentences(stripped)
    words = f.words
    normed = norm(stripped)
    lex = lexicon()
    row = [
        math.log1p(words), math.log1p(len(stripped)), float(f.terminal), float(stripped.endswith(":")),
        float(f.ellipsis), f.stop_density, f.capitalised, f.numeric,
        alpha / non_space, punct / non_space, code / chars,
        float(_has_link(stripped)), float(_BULLET.match(text) is not None),
        float(_HEADING_MARK.match(text) is not None), separators / (words + 1),
        float(_has_copyright(stripped)), float(normed in lex.lines), float(bool(phrases_in(normed))),
        float(lex.has_date(stripped)), float(lex.is_byline(stripped)), float(lex.is_signoff(stripped)),
        0.0,  # repeated: the document's, set by _base_row
        float(stripped[:1].islower()), 0.0, stripped.count(",") / (words + 1),
        math.log1p(sentences), _glued_joins(stripped, latin1) / (words + 1),
        float(words <= 1), float(2 <= words <= 3), float(4 <= words <= 7), float(8 <= words <= 15),
        float(16 <= words <= 30), float(words > 30),
        float(0 < words <= THREAD_HEAD_WORDS and lex.names_thread(stripped)),
    ]
    return tuple(row)


def _prefix(values: list[float]) -> list[float]:
    """Running sums, so that a window's mean costs two subtractions, not a loop."""
    sums = [0.0]
    total = 0.0
    for value in values:
        total += value
        sums.append(total)
    return sums


def _window_mean(sums: list[float], values: list[float], lo: int, hi: int, skip: int) -> float:
    """Mean of ``values[lo:hi]`` without ``values[skip]`` (which lies inside the window)."""
    count = hi - lo - 1
    return (sums[hi] - sums[lo] - values[skip]) / count if count > 0 else 0.0


_DIGITS = re.compile(r"\d+")
_SHAPES_MEMO: Final[dict[str, str]] = line_memo()


def header_shape(text: str) -> str:
    """A short line's shape: its tokens' classes (number, capitalised, lower-case; marks alone, as a "*" or
    "|", do not count), runs collapsed, and its last token with digits masked. Two headers of one thread share
    it whatever the names and dates."""
    found = _SHAPES_MEMO.get(text)
    return found if found is not None else remember(_SHAPES_MEMO, text, _header_shape(text))


def _header_shape(text: str) -> str:
    tokens = text.split()
    if not tokens:
        return ""
    classes: list[str] = []
    previous = ""
    digits = has_digit(text)  # most lines have none: no token need be searched
    for token in tokens:
        if digits and has_digit(token):
            kind = "0"
        elif token[0].isupper():
            kind = "A"
        elif token[0].isalpha():
            kind = "a"
        else:
            continue
        if kind != previous:
            classes.append(kind)
            previous = kind
    return "".join(classes) + " " + _DIGITS.sub("0", tokens[-1].lower())


def thread_cues(texts: list[str], words: list[int], dated: list[bool]) -> list[tuple[float, ...]]:
    """Per block: how many other short lines share its shape (log); the recurring headers (a shape three or
    more short lines share) and the dated short lines before it (log) and around it (share of the 8 blocks
    on each side). A comment's prose sits among them; an article's body has the page's one header above."""
    n = len(texts)
    shapes = [header_shape(t) if 0 < w <= HEADER_WORDS else "" for t, w in zip(texts, words, strict=True)]
    counts: dict[str, int] = {}
    for shape in shapes:
        if shape:
            counts[shape] = counts.get(shape, 0) + 1
    recur = [1.0 if shape and counts[shape] >= 3 else 0.0 for shape in shapes]
    stamp = [1.0 if d and 0 < w <= HEADER_WORDS else 0.0 for d, w in zip(dated, words, strict=True)]
    sums_recur, sums_stamp = _prefix(recur), _prefix(stamp)
    rows: list[tuple[float, ...]] = []
    for i in range(n):
        lo, hi = max(0, i - 8), min(n, i + 9)
        rows.append((
            math.log1p(counts[shapes[i]] - 1) if shapes[i] else 0.0,
            math.log1p(sums_recur[i]), _window_mean(sums_recur, recur, lo, hi, i),
            math.log1p(sums_stamp[i]), _window_mean(sums_stamp, stamp, lo, hi, i),
        ))
    return rows


def document_cues(blocks: list[Block]) -> list[list[float]]:
    """One feature row per block (``FEATURE_NAMES`` order), kept and dropped blocks alike."""
    n = len(blocks)
    if n == 0:
        return []
    counts: dict[str, int] = {}
    keys = [b.text.strip().lower() for b in blocks]
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    base = [_base_row(b.text, b.gap_before, rules.dropped_stage(b),
                      counts[keys[i]] > 1 and len(keys[i]) > 0) for i, b in enumerate(blocks)]
    feats = [features(b.text) for b in blocks]
    words = [f.words for f in feats]
    total_words = sum(words) or 1
    prose = [is_prose(f) for f in feats]
    prose_at = [i for i in range(n) if prose[i]]
    first_prose, last_prose = (prose_at[0], prose_at[-1]) if prose_at else (-1, -1)
    prose_words = sum(words[i] for i in prose_at)
    # Distance to the nearest prose block, both ways, in one pass each.
    distance = [n] * n
    last = -n
    for i in range(n):
        if prose[i]:
            last = i
        distance[i] = i - last
    last = 2 * n
    for i in range(n - 1, -1, -1):
        if prose[i]:
            last = i
        distance[i] = min(distance[i], last - i)
    # Runs of short blocks (menus, link lists, tag clouds).
    short_run = [0] * n
    i = 0
    while i < n:
        if words[i] <= 4:
            j = i
            while j < n and words[j] <= 4:
                j += 1
            for k in range(i, j):
                short_run[k] = j - i
            i = j
        else:
            i += 1
    threads = thread_cues([b.text for b in blocks], words, [row[_DATE] > 0 for row in base])
    rows: list[list[float]] = []
    before = 0
    head_at, head_words = -1, 0  # the last thread head above the block, and the words before it
    dropped = [1.0 if b.dropped_by else 0.0 for b in blocks]
    link = [max(row[_LINKISH], row[_BULLETISH]) for row in base]
    words_log = [row[_WORDS_LOG] for row in base]
    stop = [row[_STOP] for row in base]
    terminal = [row[_TERMINAL] for row in base]
    sums_words, sums_stop, sums_terminal, sums_link = (_prefix(words_log), _prefix(stop), _prefix(terminal),
                                                       _prefix(link))
    for i in range(n):
        row = base[i]  # the block's own list, made for it by _base_row: extended in place
        row.extend([i / (n - 1) if n > 1 else 0.0, math.log1p(i), math.log1p(n - 1 - i), before / total_words])
        prev, nxt = i - 1, i + 1
        if prev >= 0:
            row.extend([words_log[prev], terminal[prev], stop[prev], dropped[prev], link[prev]])
        else:
            row.extend([0.0, 0.0, 0.0, 0.0, 0.0])
        if nxt < n:
            row.extend([words_log[nxt], terminal[nxt], stop[nxt], dropped[nxt], link[nxt]])
        else:
            row.extend([0.0, 0.0, 0.0, 0.0, 0.0])
        lo3, hi3, lo8, hi8 = max(0, i - 3), min(n, i + 4), max(0, i - 8), min(n, i + 9)
        row.extend([
            _window_mean(sums_words, words_log, lo3, hi3, i), _window_mean(sums_stop, stop, lo3, hi3, i),
            _window_mean(sums_terminal, terminal, lo3, hi3, i), _window_mean(sums_link, link, lo3, hi3, i),
            _window_mean(sums_words, words_log, lo8, hi8, i), _window_mean(sums_terminal, terminal, lo8, hi8, i),
            _window_mean(sums_stop, stop, lo8, hi8, i),
            math.log1p(short_run[i]), float(first_prose <= i <= last_prose), math.log1p(distance[i]),
            math.log1p(n), words[i] / total_words, prose_words / total_words,
            *threads[i],
            float(head_at >= 0), math.log1p(i - head_at) if head_at >= 0 else 0.0, head_words / total_words,
            math.log1p(head_words),
        ])
        rows.append(row)
        if row[_THREAD_HEAD] > 0:
            head_at, head_words = i, before
        before += words[i]
    return rows


# Second pass: the first model's probabilities around a block, so a decision can follow its neighbours
# (a menu line between menu lines, a short paragraph between paragraphs).
CONTEXT_NAMES: Final[tuple[str, ...]] = (
    "p_self", "p_prev", "p_next", "p_near3", "p_near10", "p_min2", "p_max2", "p_run_before", "p_run_after",
    "mass_before_p", "doc_mean_p", "run_share", "run_share_tight", "main_run_offset", "thread_head_p_mass")
# The page's text is one run of content (a paragraph or two of furniture inside it, a caption, an inline
# teaser); what stands apart from it (an author box, reader comments, a teaser list below) is a run of its own.
RUN_GAP: Final = 2  # blocks the first model calls furniture that a run of content spans


def neighbour_cues(probabilities: list[float], cues: list[list[float]]) -> list[list[float]]:
    """The first model's probabilities around each block, and where the block stands against the page's runs
    of content: how much of the content (words weighed by probability) lies before it, how much content the
    page holds, the share of the largest run its own run holds (spanning ``RUN_GAP`` furniture blocks, and
    spanning none), how many blocks it lies before (negative) or after the largest run (log), and the share of
    the content that lies before the last thread head above it (-1 without one: see ``THREAD_HEAD_WORDS``)."""
    p = probabilities
    n = len(p)
    sums = _prefix(p)
    runs_before = _runs(p, range(n))
    runs_after = _runs(p, range(n - 1, -1, -1))
    words = [math.expm1(row[_WORDS_LOG]) for row in cues]
    before = _prefix([w * q for w, q in zip(words, p, strict=True)])
    total = before[-1]
    all_words = sum(words)
    doc_mean = total / all_words if all_words > 0 else 0.0
    share, main_start, main_end = _run_shares(p, before, RUN_GAP)
    tight, _, _ = _run_shares(p, before, 0)
    rows: list[list[float]] = []
    head_p_mass = -1.0
    for i in range(n):
        lo3, hi3, lo10, hi10 = max(0, i - 3), min(n, i + 4), max(0, i - 10), min(n, i + 11)
        low, high = _low_high_around(p, i)
        rows.append([
            p[i], p[i - 1] if i > 0 else 0.5, p[i + 1] if i + 1 < n else 0.5,
            _window_mean(sums, p, lo3, hi3, i) if hi3 - lo3 > 1 else 0.5,
            _window_mean(sums, p, lo10, hi10, i) if hi10 - lo10 > 1 else 0.5,
            low, high, runs_before[i], runs_after[i],
            before[i] / total if total > 0 else 0.0, doc_mean, share[i], tight[i],
            _offset(i, main_start, main_end), head_p_mass,
        ])
        if cues[i][_THREAD_HEAD] > 0:
            head_p_mass = before[i] / total if total > 0 else 0.0
    return rows


def _low_high_around(p: list[float], i: int) -> tuple[float, float]:
    """The lowest and highest of the two probabilities on each side of block ``i`` (0.5, 0.5 when it has no
    neighbour): compared in place, not from a list of them."""
    low, high, seen = 0.0, 0.0, False
    for j in (i - 2, i - 1, i + 1, i + 2):
        if 0 <= j < len(p):
            q = p[j]
            if not seen:
                low, high, seen = q, q, True
            elif q < low:
                low = q
            elif q > high:
                high = q
    return (low, high) if seen else (0.5, 0.5)


def _offset(i: int, start: int, end: int) -> float:
    """Blocks from the run ``[start, end)`` (log): negative before it, 0 inside, positive after."""
    if i < start:
        return -math.log1p(start - i)
    if i >= end:
        return math.log1p(i - end + 1)
    return 0.0


def _run_shares(p: list[float], mass_before: list[float], gap: int) -> tuple[list[float], int, int]:
    """Each block's run of content (blocks the first model calls content, spanning at most ``gap`` others in a
    row), as its share of the largest run's mass (0 outside any run; ``mass_before`` holds the running sums of
    the blocks' mass); and the largest run's ``[start, end)``. One pass: a run closes where a wider gap opens."""
    n = len(p)
    runs: list[tuple[int, int]] = []
    start = last = -1
    for i in range(n):
        if p[i] >= 0.5:
            if start < 0:
                start = i
            elif i - last - 1 > gap:
                runs.append((start, last + 1))
                start = i
            last = i
    if start >= 0:
        runs.append((start, last + 1))
    share = [0.0] * n
    if not runs:
        return share, n, n
    weights = [mass_before[end] - mass_before[begin] for begin, end in runs]
    top = max(weights)
    main = weights.index(top)  # the first of equals
    if top > 0:
        for (begin, end), weight in zip(runs, weights, strict=True):
            share[begin:end] = [weight / top] * (end - begin)
    return share, runs[main][0], runs[main][1]


def _runs(p: list[float], order: range) -> list[float]:
    """For each block, how many blocks in a row just before it (in ``order``) the first model calls content
    (log; at most 50)."""
    out = [0.0] * len(p)
    count = 0
    for i in order:
        out[i] = math.log1p(min(count, 50))
        count = count + 1 if p[i] >= 0.5 else 0
    return out

