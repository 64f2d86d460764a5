"""The whole-document scan lists every line a per-line search would find."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.core.text.linescan import lines_matching

_LINES = st.lists(st.text(alphabet="abAB ©ß\u0130x", max_size=12), min_size=1, max_size=6)


@settings(max_examples=400, deadline=None)
@given(_LINES, st.sampled_from(["ab", "b ?a", "©", "ss", "i\u0307", "^a", "a$"]), st.booleans())
def test_lists_exactly_the_lines_a_per_line_search_finds(texts: list[str], regex: str, fold: bool) -> None:
    # None of these patterns can match a newline, so the scan is exact, not only a superset.
    pattern = re.compile(regex, re.MULTILINE)
    expected = {i for i, t in enumerate(texts) if pattern.search(t.casefold() if fold else t)}
    assert lines_matching(pattern, texts, casefold=fold) == expected


def test_a_line_holding_a_newline_is_searched_on_its_own() -> None:
    assert lines_matching(re.compile("b$", re.MULTILINE), ["a\nb", "c", "ab"]) == {0, 2}


def test_a_match_is_listed_under_the_line_it_starts_in() -> None:
    assert lines_matching(re.compile(r"b\sc"), ["a", "xb", "c", "bc d"]) == {1}
