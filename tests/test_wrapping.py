"""Display width: the shortcut for ASCII and typographic lines counts what the wide-character scan counts."""

from hypothesis import given
from hypothesis import strategies as st

from archiver.wrapping import _WIDE, display_width
from tests.helpers import typographic_lines


@given(st.one_of(typographic_lines, st.text(max_size=20)))
def test_display_width_counts_wide_characters_twice(text: str) -> None:
    assert display_width(text) == len(text) + len(_WIDE.findall(text))


def test_wide_and_narrow_lines() -> None:
    assert display_width("It’s “done” — ok…") == 17
    assert display_width("東京 — ok") == 9
