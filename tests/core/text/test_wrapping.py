"""Display width: the shortcut for ASCII and typographic lines counts what the wide-character scan counts."""

from hypothesis import given
from hypothesis import strategies as st

from archiver.core.text.wrapping import _WIDE, display_width
from tests.helpers import typographic_lines


@given(st.one_of(typographic_lines, st.text(max_size=20)))
def test_display_width_counts_wide_characters_twice(text: str) -> None:
    assert display_width(text) == len(text) + len(_WIDE.findall(text))


def test_wide_and_narrow_lines() -> None:
    assert display_width("It’s “done” — ok…") == 17
    assert display_width("東京 — ok") == 9


def test_a_writer_who_starts_paragraphs_in_lower_case_keeps_the_paragraphs() -> None:
    """A short line ending a sentence before a lower-case line is a paragraph end, not loose wrapping: the
    text below (wrapped at 50, no blank lines) came out as one paragraph when such pairs counted as loose."""
    from archiver.document import clean_bytes

    paragraphs = [
        "so i finally measured the start up times of the two terminals on my own machine. ah, but the numbers!",
        "in a reply on his blog, a friend pointed out that the measurements were made on a warm cache, which "
        "flatters every program, and that a cold start is what people notice.",
        "he's right, of course. there is room for improvement in places like start up time.",
        "now stop for a moment and consider what those three hundred milliseconds buy us in the end.",
    ]
    lines: list[str] = []
    for paragraph in paragraphs:
        line = ""
        for word in paragraph.split():
            if line and len(line) + 1 + len(word) > 50:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
    text = clean_bytes(("\n".join(lines) + "\n").encode(), "blog.txt")["text"]
    assert text.strip().split("\n\n") == paragraphs, text
