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
    text = clean_bytes(greedy_wrap(paragraphs, 50).encode(), "blog.txt")["text"]
    assert text.strip().split("\n\n") == paragraphs, text


def greedy_wrap(paragraphs: list[str], width: int) -> str:
    """Greedy word wrap, no blank lines between paragraphs."""
    lines: list[str] = []
    for paragraph in paragraphs:
        line = ""
        for word in paragraph.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
    return "\n".join(lines) + "\n"


def test_a_byline_and_a_list_in_lower_case_do_not_make_greedy_wrap_loose() -> None:
    """Short lines before lower-case ones that are a byline ("by Jane Doe") or a list's lead-in and items
    (ending in a colon or semicolon) are the writer's breaks: the text is still greedily wrapped, and its
    list items stay paragraphs. Counted as loose wrapping, they made every lower-case line go on."""
    from archiver.document import clean_bytes

    paragraphs = [
        "The season is well under way, and so far there is no clear favourite to win the cup this year. As the "
        "rivalries heat up, one thing every fan can agree on is that a free trip to the final would be welcome.",
        "Until the end of the month, the league and the bank have teamed up to offer one grand prize package "
        "that includes the flights, the hotel and two tickets to the final game.",
        "Here is what the prize holds:",
        "two tickets to the final game in the city;",
        "return flights for the winner and one guest from the airport nearest home;",
        "three nights in a hotel room in the city; and",
        "a card loaded with five hundred dollars to spend.",
        "The card is a good companion for a shopper who wants points for every purchase, and its interest rate "
        "is comparable with that of other cards of its kind, with no annual fee to pay for it at all.",
    ]
    text = "Win a trip to the final\nby Jane Doe\n" + greedy_wrap(paragraphs, 62)
    out = clean_bytes(text.encode(), "prize.txt")["text"]
    assert out.strip().split("\n\n")[-len(paragraphs):] == paragraphs, out
