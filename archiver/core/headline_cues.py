"""The cues the headline model reads: one row per candidate line of a whole page.

A page rendered to text holds many title-like lines (menu entries, teasers, section names, the site's name);
the headline is the one that starts the article. What tells it apart is not its wording but where it stands
and what agrees with it: the article's prose follows it closely, the page's first lines (a rendered
``<title>``, "Headline | Site") repeat its words, the lede shares its content words, a byline or a date
stands next to it, and it is the last title-like line before the prose rather than one in a run of menu
entries. Shape cues come from ``blockcues.text_cues`` (the same numbers the boilerplate model reads).
Training (``tools/train_headline.py``) and the stage (``stages/headline.py``) call the same
``headline_rows``.
"""

from __future__ import annotations

import math
from typing import Final

from archiver.core import rules
from archiver.core.blockcues import TEXT_CUE_NAMES, VERDICT_STAGES, text_cues
from archiver.core.model import Block
from archiver.core.text.lexicon import lexicon
from archiver.core.text.textfeatures import features, is_prose, lower_all, words_of

MIN_WORDS: Final = 2
MAX_WORDS: Final = 30
MAX_CANDIDATES: Final = 120   # candidate lines at most, the nearest to the article
ABOVE_ARTICLE: Final = 150    # blocks above the article's first paragraph where the headline may stand
BELOW_ARTICLE: Final = 10     # ... and below it (a first paragraph of prose may be a teaser or a dek)
TOP_LINES: Final = 3          # where a rendered <title> stands
NEAR: Final = 3               # a byline or date this close belongs to the line
LEDE_BLOCKS: Final = 2        # the prose blocks after a candidate that its words should recur in
CONTENT_WORD: Final = 4       # letters a word needs to count as a content word
PROSE_AHEAD: Final = 10       # blocks after a candidate whose prose words are counted

_CONTEXT: Final[tuple[str, ...]] = (
    "kept", *(f"dropped_{stage}" for stage in VERDICT_STAGES), "head_title",
    "position", "index_log", "next_prose_log", "prose_ahead_log", "prose_before_share",
    "top_overlap", "top_longer_log", "repeats", "lede_overlap", "dated_after", "dated_before",
    "titles_between_log", "prev_words_log", "short_run_before_log", "upper_share", "candidates_log",
    "body_overlap", "echo_overlap", "echo_longer_log", "echo_count_log",
)
HEADLINE_FEATURES: Final[tuple[str, ...]] = TEXT_CUE_NAMES + _CONTEXT
_VERDICT_INDEX: Final = {stage: i for i, stage in enumerate(VERDICT_STAGES)}


def is_candidate(block: Block) -> bool:
    words = features(block.text).words
    return MIN_WORDS <= words <= MAX_WORDS


def _lowered_words(text: str) -> set[str]:
    return set(lower_all(words_of(text)))


def _overlap(words: set[str], other: set[str]) -> float:
    return len(words & other) / len(words) if words else 0.0


def candidates(blocks: list[Block]) -> list[int]:
    """Indexes of the lines that could be the headline: 2 to 30 words, in the page's first lines (a rendered
    ``<title>``) or in the stretch above the article's first paragraph (a long menu may stand between)."""
    first = next((i for i, b in enumerate(blocks) if b.kept and is_prose(features(b.text))), len(blocks))
    start = max(0, first - ABOVE_ARTICLE)
    chosen = [i for i in range(min(TOP_LINES, start)) if is_candidate(blocks[i])]
    chosen += [i for i in range(start, min(len(blocks), first + BELOW_ARTICLE)) if is_candidate(blocks[i])]
    return chosen[-MAX_CANDIDATES:]


class _Page:
    """What every candidate's row reads of the whole page, computed once: prose, running sums of prose and
    of title-like lines, dated lines beside the candidates, the page's first lines, which lines hold a
    candidate's words."""

    def __init__(self, blocks: list[Block], chosen: list[int]) -> None:
        n = self.n = len(blocks)
        lex = lexicon()
        feats = [features(b.text) for b in blocks]
        self.prose = prose = [b.kept and is_prose(f) for b, f in zip(blocks, feats, strict=True)]
        self.words = words = [f.words for f in feats]
        prose_words = [w if p else 0 for w, p in zip(words, prose, strict=True)]
        self.total_prose = sum(prose_words) or 1
        self.before = [0] * (n + 1)
        for i in range(n):
            self.before[i + 1] = self.before[i] + prose_words[i]
        self.next_prose = [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            self.next_prose[i] = i if prose[i] else self.next_prose[i + 1]
        near_candidates = {k for i in chosen for k in range(max(0, i - NEAR), min(n, i + 1 + NEAR))}
        # a line's byline/date test, read only beside a candidate: the only place it is asked about
        self.dated = [k in near_candidates and words[k] <= 16
                      and (lex.is_byline(b.text.strip()) or lex.has_date(b.text.strip()))
                      for k, b in enumerate(blocks)]
        self.counts: dict[str, int] = {}
        self.keys = [b.text.strip().lower() for b in blocks]
        for key in self.keys:
            self.counts[key] = self.counts.get(key, 0) + 1
        self.top = [_lowered_words(blocks[i].text) for i in range(min(TOP_LINES, n))]
        title_like = [MIN_WORDS <= w <= MAX_WORDS and not f.terminal for w, f in zip(words, feats, strict=True)]
        self.title_like_before = [0] * (n + 1)
        for i in range(n):
            self.title_like_before[i + 1] = self.title_like_before[i] + int(title_like[i])
        self.short_run = [0] * n
        for i in range(1, n):
            self.short_run[i] = self.short_run[i - 1] + 1 if words[i - 1] <= 4 else 0
        self.word_sets = [_lowered_words(b.text) for b in blocks]
        self.last_prose: dict[str, int] = {}  # a word's last paragraph of prose: is it in the article after a line?
        for i in range(n):
            if prose[i]:
                for word in self.word_sets[i]:
                    self.last_prose[word] = i
        asked = set().union(*(self.word_sets[i] for i in chosen))  # only a candidate's words are looked up
        self.holders: dict[str, list[int]] = {}
        for index, found in enumerate(self.word_sets):
            for word in found & asked:
                self.holders.setdefault(word, []).append(index)

    def next_prose_after(self, i: int) -> int:
        return self.next_prose[i + 1] if i + 1 <= self.n else self.n

    def lede(self, i: int) -> set[str]:
        """The words of the first paragraphs of prose after line ``i``."""
        lede: set[str] = set()
        j = self.next_prose_after(i)
        taken = 0
        while j < self.n and taken < LEDE_BLOCKS:
            lede |= self.word_sets[j]
            taken += 1
            j = self.next_prose[j + 1]
        return lede

    def top_echo(self, i: int) -> tuple[float, int]:
        """How much of line ``i`` the page's first lines (a rendered ``<title>``) repeat, and how many words
        longer the best of them is."""
        own = self.word_sets[i]
        top_overlap, top_longer = 0.0, 0
        for j, line in enumerate(self.top):
            if j != i:
                share = _overlap(own, line)
                if share > top_overlap:
                    top_overlap, top_longer = share, max(0, len(line) - len(own))
        return top_overlap, top_longer

    def echo(self, i: int) -> tuple[float, int, int]:
        """The line that shares most of line ``i``'s words (its share, how many words longer it is) and how
        many lines share 60 % or more."""
        own = self.word_sets[i]
        shared: dict[int, int] = {}
        for word in own:
            for other in self.holders.get(word, ()):
                if other != i:
                    shared[other] = shared.get(other, 0) + 1
        echo, echo_longer, echoes = 0.0, 0, 0
        for other in sorted(shared):  # in page order: a tie goes to the first line, whatever the hash seed
            share = shared[other] / len(own)
            if share >= 0.6:
                echoes += 1
            if share > echo:
                echo, echo_longer = share, max(0, len(self.word_sets[other]) - len(own))
        return echo, echo_longer, echoes


def _verdict(block: Block) -> tuple[list[float], float]:
    """Which rule stage dropped the line (one-hot over ``VERDICT_STAGES``), and whether the head lifted it as
    a title or subtitle."""
    verdict = [0.0] * len(VERDICT_STAGES)
    head_title = 0.0
    if block.dropped_by is not None:
        stage = rules.dropped_stage(block)
        if stage in _VERDICT_INDEX:
            verdict[_VERDICT_INDEX[stage]] = 1.0
        head_title = float("title" in rules.dropped_rule(block))  # a title or subtitle the head lifted
    return verdict, head_title


def _upper_share(text: str) -> float:
    """The share of its words set in capitals (a kicker, a section name)."""
    letters = [w for w in words_of(text) if w[:1].isalpha()]
    return sum(1 for w in letters if w.isupper() and len(w) > 1) / len(letters) if letters else 0.0


def headline_rows(blocks: list[Block], chosen: list[int]) -> list[list[float]]:
    """One row per index in ``chosen`` (``HEADLINE_FEATURES`` order)."""
    page = _Page(blocks, chosen)
    n = page.n
    rows: list[list[float]] = []
    for i in chosen:
        block = blocks[i]
        content = {w for w in page.word_sets[i] if len(w) >= CONTENT_WORD}
        top_overlap, top_longer = page.top_echo(i)
        nxt = page.next_prose_after(i)
        verdict, head_title = _verdict(block)
        between = page.title_like_before[max(i + 1, min(nxt, n))] - page.title_like_before[i + 1]
        echo, echo_longer, echoes = page.echo(i)
        before = page.before
        row = list(text_cues(block.text)[:len(TEXT_CUE_NAMES)])  # its shape, as the model was trained on
        row.extend([
            float(block.kept), *verdict, head_title,
            i / n, math.log1p(i), math.log1p(nxt - i), math.log1p(before[min(n, i + 1 + PROSE_AHEAD)] - before[i + 1]),
            before[i] / page.total_prose,
            top_overlap, math.log1p(top_longer), float(page.counts[page.keys[i]] - 1), _overlap(content, page.lede(i)),
            float(any(page.dated[i + 1:i + 1 + NEAR])), float(any(page.dated[max(0, i - NEAR):i])),
            math.log1p(between), math.log1p(page.words[i - 1]) if i else 0.0, math.log1p(page.short_run[i]),
            _upper_share(block.text),
            math.log1p(len(chosen)),
            sum(1 for w in content if page.last_prose.get(w, -1) > i) / len(content) if content else 0.0,
            echo, math.log1p(echo_longer),
            math.log1p(echoes),
        ])
        rows.append(row)
    return rows
