"""The headline of a whole page: above the article's first paragraph, confirmed by the page's first lines."""

from __future__ import annotations

import pytest

from tests.stages.conftest import clean

PARAGRAPH = ("The city council voted on Tuesday to rebuild the old harbour wall, which storms breached twice last "
             "winter, flooding the lower town and closing the ferry terminal for most of a week.")
MENU = "Home\nNews\nSport\nWeather\nContact us\nSign in\nAccessibility links\nSkip to content\n"


def test_the_headline_above_the_first_paragraph_of_a_whole_page() -> None:
    text = (f"Harbour wall to be rebuilt | Coast Times\n{MENU}\nHarbour wall to be rebuilt after storms\n\n"
            f"By Ann Lee\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n")
    _, ctx = clean(text)
    assert ctx.metadata["title"] == "Harbour wall to be rebuilt after storms"


def test_without_the_page_title_the_nearest_title_line_below_furniture() -> None:
    text = f"{MENU}\nZwei Jahre Bauzeit für die neue Hafenmauer\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n"
    _, ctx = clean(text)
    assert ctx.metadata["title"] == "Zwei Jahre Bauzeit für die neue Hafenmauer"


def test_no_headline_from_a_clean_body() -> None:
    _, ctx = clean(f"Why it matters\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n")
    assert ctx.metadata["title"] is None


@pytest.mark.xfail(strict=True, reason="known weakness: with no headline on the page, the last menu line above "
                   "the article ('Sign in' + 'Accessibility links', which fragments.v1 joins) is taken for one")
def test_no_headline_from_menu_lines() -> None:
    _, ctx = clean(f"{MENU}\nRead more at www.example.com\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n")
    assert ctx.metadata["title"] is None
