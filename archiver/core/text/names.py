"""Evidence about names for the glued-words stage, loaded once per process (data, not code)."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

COMMON_WORDS = 3000  # a given name that is also among the commonest words (Park, Hope) proves nothing


@dataclass(frozen=True)
class NameLexicon:
    prefixes: frozenset[str]
    abbreviations: frozenset[str]
    titles: frozenset[str]
    heads: frozenset[str]
    tails: frozenset[str]
    given: frozenset[str]


@lru_cache(maxsize=1)
def name_lexicon() -> NameLexicon:
    folder = resources.files("archiver") / "data"
    data = json.loads((folder / "names.json").read_text(encoding="utf-8"))
    given = frozenset(
        name for file in ("given_names.txt", "given_names_romanized.txt")
        for name in (folder / file).read_text(encoding="utf-8").split("\n")
        if name and not name.startswith("#")
    )
    return NameLexicon(frozenset(data["prefixes"]), frozenset(data["abbreviations"]),
                       frozenset(data["titles"]), frozenset(data["heads"]), frozenset(data["tails"]), given)


@lru_cache(maxsize=1)
def phrases() -> frozenset[str]:
    """Lower-case word pairs the web writes spaced far more often than glued (tools/make_phrases.py)."""
    import gzip

    data = (resources.files("archiver") / "data" / "phrases.txt.gz").read_bytes()
    return frozenset(gzip.decompress(data).decode("utf-8").splitlines())


def is_phrase(parts: list[str]) -> bool:
    """Every neighbouring pair of parts is a known spaced phrase ("Chief"+"Executive")."""
    known = phrases()
    return all(f"{a.lower()} {b.lower()}" in known for a, b in itertools.pairwise(parts))


@lru_cache(maxsize=16)
def common_words(language: str) -> frozenset[str]:
    from wordfreq import top_n_list

    try:
        return frozenset(top_n_list(language, COMMON_WORDS))
    except LookupError:
        return frozenset()


@lru_cache(maxsize=64)
def knows_language(language: str) -> bool:
    """Whether wordfreq has a word list for ``language``: only then does a zero ``zipf`` mean "no word"."""
    from wordfreq import zipf_frequency

    try:
        zipf_frequency("a", language)
    except (LookupError, ImportError):
        return False
    return True


@lru_cache(maxsize=65536)
def zipf(word: str, language: str) -> float:
    """wordfreq's Zipf frequency (0 for unknown words or languages); offline.

    wordfreq tokenizes Japanese, Chinese and Korean with optional packages (MeCab, jieba) that are
    not installed: a Latin-script word in such a document is looked up in English, anything else is 0.
    """
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, language)
    except LookupError:
        return 0.0
    except ImportError:
        return zipf(word, "en") if language != "en" and word.isascii() else 0.0
