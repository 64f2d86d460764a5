"""The headline of a whole page: above the article's first paragraph, confirmed by the page's first lines."""

from __future__ import annotations

import pytest

from tests.core.stages.conftest import clean

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


@pytest.mark.parametrize(("byline", "dated", "authors", "iso"), [
    ("By Ann Lee and Tom Berg", "Updated March 3, 2024 10:31 AM", ["Ann Lee", "Tom Berg"], "2024-03-03"),
    ("Von Anna Müller", "14.03.2024, 10:31 Uhr", ["Anna Müller"], "2024-03-14"),
    ("Par Marie Dupont", "Publié le 5 mai 2023 à 18h02", ["Marie Dupont"], "2023-05-05"),
    ("Natasha Turak@NatashaTurak", "Published Wed, Nov 20 20194:29 AM EST", ["Natasha Turak"], "2019-11-20"),
    ("Bruce Y. Lee Senior Contributor", "Nov 18, 2019, 10:21am", ["Bruce Y. Lee"], "2019-11-18"),
])
def test_the_byline_and_date_of_a_whole_page(byline: str, dated: str, authors: list[str], iso: str) -> None:
    """A whole page's head is its menu: the byline and date stand by the headline, and the byline leaves the
    body for ``metadata.authors`` (a line that leaves the body as metadata lands in a field)."""
    text = (f"{MENU}\nHarbour wall to be rebuilt after storms\n\n{byline}\n{dated}\n\n"
            f"{PARAGRAPH}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n")
    blocks, ctx = clean(text)
    assert (ctx.metadata["authors"], ctx.metadata["date"]) == (authors, iso)
    byline_block = next(b for b in blocks if b.text.startswith(byline))
    assert byline_block.dropped_by is not None and byline_block.dropped_by[1].startswith("metadata.")


def test_no_byline_or_date_from_the_comments_far_below() -> None:
    """Under the page's furniture, a dated byline heads a comment, not the article."""
    comments = "Posted by Jim Hill on March 9, 2024\nGreat news for the town!\n"
    furniture = "Share this\nTweet\nEmail\nPrint\nMore stories\n"
    text = (f"{MENU}\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n"
            f"{furniture}\n{comments}")
    _, ctx = clean(text)
    assert (ctx.metadata["authors"], ctx.metadata["date"]) == ([], None)


@pytest.mark.parametrize(("footer", "authors", "iso"), [
    ("Posted by Ann Lee on March 9, 2024", ["Ann Lee"], "2024-03-09"),
    ("Posted by Ann Lee, Harbour Reporter", ["Ann Lee"], None),
    ("This was written by Ann Lee. Posted on Saturday, March 9, 2024, at 11:44 am. Filed under Harbour, Town "
     "council, Storms", [], "2024-03-09"),  # no byline: the first comment's is not taken for it
])
def test_a_blog_post_s_footer_signs_and_dates_it(footer: str, authors: list[str], iso: str | None) -> None:
    """A blog post's byline stands under it: the first byline right under the article is the post's, the
    ones in the comments after it are not."""
    comments = "2 comments:\nPosted by: Jim Hill | March 10, 2024\nGreat news for the town!\n"
    text = f"{MENU}\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n{footer}\n\n{comments}"
    _, ctx = clean(text)
    assert (ctx.metadata["authors"], ctx.metadata["date"]) == (authors, iso)


def test_a_long_byline_with_its_dates_under_the_headline() -> None:
    byline = "by Ann Lee Published Nov. 7, 2012 10:58 am Updated Nov. 7, 2012 11:22 am"
    text = f"{MENU}\nHarbour wall to be rebuilt after storms\n\n{byline}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n"
    _, ctx = clean(text)
    assert (ctx.metadata["authors"], ctx.metadata["date"]) == (["Ann Lee"], "2012-11-07")


def test_the_byline_below_a_photo_credit_names_the_author() -> None:
    """A photo's "Name/ Agency" line nearer the headline reads like a name alone; the line that says it is
    the byline wins, and the photographer is no author."""
    text = (f"{MENU}\nHarbour wall to be rebuilt after storms\n\nJim Craven/ Coast News\n"
            f"The harbour wall after the storm\nBy Ann Lee, Coast News\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n")
    _, ctx = clean(text)
    assert ctx.metadata["authors"] == ["Ann Lee"]


def test_the_headline_cues_have_one_number_per_named_feature() -> None:
    from archiver.core.headline_cues import HEADLINE_FEATURES, candidates, headline_rows
    from archiver.core.stages.headline import headline_model

    blocks, _ = clean(f"{MENU}\nHarbour wall to be rebuilt after storms\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n")
    chosen = candidates(blocks)
    rows = headline_rows(blocks, chosen)
    assert chosen and all(len(row) == len(HEADLINE_FEATURES) for row in rows)
    assert headline_model().pick(blocks, None) == next(
        i for i, b in enumerate(blocks) if b.text == "Harbour wall to be rebuilt after storms")


def test_the_headline_among_teasers_and_menu_lines_is_the_one_the_lede_follows() -> None:
    """A whole page holds many title-like lines; the one the article's first paragraph follows, and whose
    words the lede repeats, is the headline, not a teaser above it."""
    teasers = "Most read\nFerry fares to rise in spring\nNew mayor sworn in at town hall\n"
    text = (f"{MENU}\n{teasers}\nHarbour wall to be rebuilt after winter storms\n\n{PARAGRAPH}\n\n"
            f"{PARAGRAPH}\n\n{PARAGRAPH}\n")
    _, ctx = clean(text)
    assert ctx.metadata["title"] == "Harbour wall to be rebuilt after winter storms"


@pytest.mark.parametrize(("line", "iso"), [
    ("First published on May 2, 2005, and last revised on October 20, 2005.", "2005-05-02"),
    ("File last modified: September 9, 1999", "1999-09-09"),
    ("Stand: 14.03.2024", "2024-03-14"),
    # a renderer's table row: the labelled cell alone is short
    ("Last Updated: Monday, 6 September, 2004, 14:41 GMT 15:41 UK | E-mail this to a friend | Printable version",
     "2004-09-06"),
    # the label opens a long line
    ("Last updated: 27 September 2006 Readers share their memories of the old harbour and the ferry in words and "
     "pictures", "2006-09-27"),
])
def test_a_labelled_date_at_the_foot_of_the_page(line: str, iso: str) -> None:
    """With no date by the headline, a line anywhere that says it dates the page gives the date."""
    text = f"{MENU}\nHarbour wall to be rebuilt after storms\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n{line}\n"
    _, ctx = clean(text)
    assert ctx.metadata["date"] == iso


@pytest.mark.parametrize("opening", ["April 25, 1997 At", "March 7, 2005:", "Jan. 9, 2005 12:00 AM COLOMBO -"])
def test_the_date_an_article_opens_with(opening: str) -> None:
    """With no dated line anywhere, a wire story's first paragraph that opens with its date gives it; a date
    later in the paragraph does not."""
    text = f"{MENU}\nHarbour wall to be rebuilt after storms\n\n{opening} {PARAGRAPH}\n\n{PARAGRAPH}\n"
    _, ctx = clean(text)
    assert ctx.metadata["date"] is not None and ctx.metadata["date"][:4] in opening
    inside = f"{MENU}\nHarbour wall to be rebuilt after storms\n\nOn {opening} {PARAGRAPH}\n\n{PARAGRAPH}\n"
    _, ctx = clean(inside)
    assert ctx.metadata["date"] is None


def test_an_unlabelled_date_far_below_is_not_the_page_date() -> None:
    text = f"{MENU}\nHarbour wall to be rebuilt after storms\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\nMarch 9, 2024\n"
    _, ctx = clean(text)
    assert ctx.metadata["date"] is None


def test_a_date_line_above_the_kicker_and_the_menus_is_the_page_date() -> None:
    """A date line stands above the page's kicker and dek; it is still the page's date."""
    text = (f"{MENU}\nPublished Nov 18, 2019 at 4:07 PM\n\nNEWSLETTERS\n\nReceive the latest local updates\n\n"
            f"Sign up\n\nWeather alerts\n\nTraffic\n\nLive TV\n\nMost watched\n\nPodcasts\n\nNewsletters\n\nHarbour wall to be rebuilt after storms\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n")
    _, ctx = clean(text)
    assert ctx.metadata["date"] == "2019-11-18"


def _fetched(date: str | None) -> dict | None:
    if date is None:
        return None
    return {"file": "crawl.warc.gz", "offset": 0, "record_id": "<urn:uuid:1>", "target_uri": None, "date": date,
            "http_status": 200, "content_type": "text/plain"}


@pytest.mark.parametrize(("fetched", "line", "iso"), [
    ("2024-03-14T10:00:00Z", "Updated 14 hours ago", "2024-03-13"),
    ("2024-03-14T10:00:00Z", "vor 3 Tagen", "2024-03-11"),
    (None, "Updated 14 hours ago", None),  # no reference: a relative date means nothing
])
def test_a_relative_date_is_dated_from_when_the_page_was_fetched(fetched: str | None, line: str,
                                                                 iso: str | None) -> None:
    from archiver.document import clean_bytes

    text = (f"{MENU}\nHarbour wall to be rebuilt after storms\n\nBy Ann Lee\n{line}\n\n"
            f"{PARAGRAPH}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n")
    record = clean_bytes(text.encode(), "page.txt", provenance=_fetched(fetched))
    assert record["metadata"]["date"] == iso


def test_the_byline_under_a_headline_below_stray_paragraphs_of_the_page_head() -> None:
    """The page's head holds three teaser paragraphs above the headline: the byline under the headline is
    still read (the lede is counted from the headline, not from the first paragraph of the page)."""
    teaser = ("Residents of the coastal town gathered on Sunday to protest the closure of the ferry, which "
              "they say has cut them off from the mainland for most of the winter months.")
    text = (f"{MENU}\n{teaser}\n\nMore stories\n\n{teaser.replace('Sunday', 'Monday')}\n\n"
            f"{teaser.replace('Sunday', 'Friday')}\n\n{teaser.replace('Sunday', 'Saturday')}\n\n"
            f"Harbour wall to be rebuilt after storms\n\nBy Ann Lee\n\n"
            f"{PARAGRAPH}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n")
    _, ctx = clean(text)
    assert ctx.metadata["authors"] == ["Ann Lee"]
