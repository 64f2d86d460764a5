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

from archiver.lexicon import lexicon, norm, phrases_in
from archiver.model import Block
from archiver.textfeatures import features

# The rule stages whose verdicts the model reads (a stage missing from a run reads as "not dropped").
VERDICT_STAGES: Final[tuple[str, ...]] = (
    "metadata", "related", "widgets", "captions", "trailer", "comments", "head", "cards", "region")

_LINK = re.compile(r"https?://|www\.|\]\(|\[[^\]]*\]|\.(?:com|org|net|html?|php|aspx?)\b", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[*•·▪►»◦+–-]\s|\d{1,3}[.)]\s|#{1,6}\s|\|)")
_HEADING_MARK = re.compile(r"^\s*#{1,6}\s")
_SEPARATORS = re.compile(r"[|·»›•/]")
_CODE = re.compile(r"[{};=<>\\]")
_SENTENCE_INSIDE = re.compile(r"[.!?。！？](?:\s|$)")
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|copyright", re.IGNORECASE)

_BASE: Final[tuple[str, ...]] = (
    "words_log", "chars_log", "terminal", "colon_end", "ellipsis", "stop_density", "capitalised", "numeric",
    "alpha_share", "punct_share", "code_share", "link_mark", "bullet", "heading_mark", "separators",
    "copyright", "lexicon_line", "lexicon_phrase", "date", "byline", "signoff", "repeated", "lower_start", "gap_before",
    "commas", "sentences_log", "words_1", "words_2_3", "words_4_7", "words_8_15", "words_16_30", "words_31_up",
    *(f"dropped_{stage}" for stage in VERDICT_STAGES),
)
_CONTEXT: Final[tuple[str, ...]] = (
    "position", "from_start_log", "from_end_log", "mass_before",
    "prev_words_log", "prev_terminal", "prev_stop_density", "prev_dropped", "prev_link",
    "next_words_log", "next_terminal", "next_stop_density", "next_dropped", "next_link",
    "near3_words_log", "near3_stop_density", "near3_terminal", "near3_link",
    "near8_words_log", "near8_terminal", "near8_stop_density",
    "short_run_log", "in_prose_span", "prose_distance_log", "doc_blocks_log", "doc_share", "doc_prose_share",
)
FEATURE_NAMES: Final[tuple[str, ...]] = _BASE + _CONTEXT
_N_BASE: Final = len(_BASE)

# Indexes the context computation reads from a block's base row.
_WORDS_LOG: Final = _BASE.index("words_log")
_TERMINAL: Final = _BASE.index("terminal")
_STOP: Final = _BASE.index("stop_density")
_LINKISH: Final = _BASE.index("link_mark")
_BULLETISH: Final = _BASE.index("bullet")


def _base_row(text: str, gap_before: bool, dropped_stage: str, repeated: bool) -> list[float]:
    f = features(text)
    stripped = text.strip()
    chars = len(stripped) or 1
    non_space = sum(1 for ch in stripped if not ch.isspace()) or 1
    alpha = sum(1 for ch in stripped if ch.isalpha())
    punct = sum(1 for ch in stripped if not ch.isalnum() and not ch.isspace())
    words = f.words
    normed = norm(stripped)
    lex = lexicon()
    row = [
        math.log1p(words), math.log1p(len(stripped)), float(f.terminal), float(stripped.endswith(":")),
        float(f.ellipsis), f.stop_density, f.capitalised, f.numeric,
        alpha / non_space, punct / non_space, len(_CODE.findall(stripped)) / chars,
        float(_LINK.search(stripped) is not None), float(_BULLET.match(text) is not None),
        float(_HEADING_MARK.match(text) is not None), len(_SEPARATORS.findall(stripped)) / (words + 1),
        float(_COPYRIGHT.search(stripped) is not None), float(normed in lex.lines), float(bool(phrases_in(normed))),
        float(lex.has_date(stripped)), float(lex.is_byline(stripped)), float(lex.is_signoff(stripped)),
        float(repeated),
        float(stripped[:1].islower()), float(gap_before), stripped.count(",") / (words + 1),
        math.log1p(len(_SENTENCE_INSIDE.findall(stripped))),
        float(words <= 1), float(2 <= words <= 3), float(4 <= words <= 7), float(8 <= words <= 15),
        float(16 <= words <= 30), float(words > 30),
    ]
    row.extend(float(dropped_stage == stage) for stage in VERDICT_STAGES)
    return row


def _mean(rows: list[list[float]], lo: int, hi: int, skip: int, column: int) -> float:
    total, count = 0.0, 0
    for j in range(lo, hi):
        if j != skip:
            total += rows[j][column]
            count += 1
    return total / count if count else 0.0


def document_cues(blocks: list[Block]) -> list[list[float]]:
    """One feature row per block (``FEATURE_NAMES`` order), kept and dropped blocks alike."""
    n = len(blocks)
    if n == 0:
        return []
    counts: dict[str, int] = {}
    keys = [b.text.strip().lower() for b in blocks]
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    base = [_base_row(b.text, b.gap_before, b.dropped_by[0].split(".")[0] if b.dropped_by else "",
                      counts[keys[i]] > 1 and len(keys[i]) > 0) for i, b in enumerate(blocks)]
    words = [features(b.text).words for b in blocks]
    total_words = sum(words) or 1
    prose = [words[i] >= 10 and base[i][_TERMINAL] > 0 and base[i][_STOP] >= 0.15 for i in range(n)]
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
    rows: list[list[float]] = []
    before = 0
    dropped = [1.0 if b.dropped_by else 0.0 for b in blocks]
    link = [max(row[_LINKISH], row[_BULLETISH]) for row in base]
    for i in range(n):
        row = list(base[i])
        prev, nxt = i - 1, i + 1
        row.extend([
            i / (n - 1) if n > 1 else 0.0, math.log1p(i), math.log1p(n - 1 - i), before / total_words,
            base[prev][_WORDS_LOG] if prev >= 0 else 0.0, base[prev][_TERMINAL] if prev >= 0 else 0.0,
            base[prev][_STOP] if prev >= 0 else 0.0, dropped[prev] if prev >= 0 else 0.0,
            link[prev] if prev >= 0 else 0.0,
            base[nxt][_WORDS_LOG] if nxt < n else 0.0, base[nxt][_TERMINAL] if nxt < n else 0.0,
            base[nxt][_STOP] if nxt < n else 0.0, dropped[nxt] if nxt < n else 0.0,
            link[nxt] if nxt < n else 0.0,
        ])
        lo3, hi3, lo8, hi8 = max(0, i - 3), min(n, i + 4), max(0, i - 8), min(n, i + 9)
        near_link = sum(link[j] for j in range(lo3, hi3) if j != i) / max(1, hi3 - lo3 - 1)
        row.extend([
            _mean(base, lo3, hi3, i, _WORDS_LOG), _mean(base, lo3, hi3, i, _STOP), _mean(base, lo3, hi3, i, _TERMINAL),
            near_link,
            _mean(base, lo8, hi8, i, _WORDS_LOG), _mean(base, lo8, hi8, i, _TERMINAL), _mean(base, lo8, hi8, i, _STOP),
            math.log1p(short_run[i]), float(first_prose <= i <= last_prose), math.log1p(distance[i]),
            math.log1p(n), words[i] / total_words, prose_words / total_words,
        ])
        rows.append(row)
        before += words[i]
    return rows


# Second pass: the first model's probabilities around a block, so a decision can follow its neighbours
# (a menu line between menu lines, a short paragraph between paragraphs).
CONTEXT_NAMES: Final[tuple[str, ...]] = (
    "p_self", "p_prev", "p_next", "p_near3", "p_near10", "p_min2", "p_max2", "p_run_before", "p_run_after")


def neighbour_cues(probabilities: list[float]) -> list[list[float]]:
    n = len(probabilities)
    rows: list[list[float]] = []
    for i in range(n):
        p = probabilities
        lo3, hi3, lo10, hi10 = max(0, i - 3), min(n, i + 4), max(0, i - 10), min(n, i + 11)
        near3 = [p[j] for j in range(lo3, hi3) if j != i]
        near10 = [p[j] for j in range(lo10, hi10) if j != i]
        around = [p[j] for j in range(max(0, i - 2), min(n, i + 3)) if j != i]
        rows.append([
            p[i], p[i - 1] if i > 0 else 0.5, p[i + 1] if i + 1 < n else 0.5,
            sum(near3) / len(near3) if near3 else 0.5, sum(near10) / len(near10) if near10 else 0.5,
            min(around) if around else 0.5, max(around) if around else 0.5,
            _run(p, i, -1), _run(p, i, 1),
        ])
    return rows


def _run(p: list[float], i: int, step: int) -> float:
    """How many blocks in a row, from ``i`` in direction ``step``, the first model calls content (log)."""
    count, j = 0, i + step
    while 0 <= j < len(p) and p[j] >= 0.5 and count < 50:
        count += 1
        j += step
    return math.log1p(count)
