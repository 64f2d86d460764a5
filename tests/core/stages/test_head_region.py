from archiver.core.stages.head import HeadStage
from archiver.core.stages.region import RegionStage, best_run
from tests.core.stages.conftest import clean, kept, run_one


def test_best_run() -> None:
    assert best_run([-3, 5, -1, 4, -10, 2]) == (1, 4)


def test_head_above_byline_goes(para: str) -> None:
    text = f"Big Headline Here\n\nA dek that sums it up\n\nBy Jane Doe\nNov. 19, 2019 8:03 am ET\n\n{para}\n"
    assert kept(run_one(HeadStage(), text)) == [para]


def test_by_in_a_sentence_is_not_a_byline(para: str) -> None:
    text = f"By the time the police arrived, the crowd had already left the square.\n\n{para}\n"
    assert kept(run_one(HeadStage(), text)) == [text.split("\n")[0], para]


def test_menu_tail_goes_with_evidence(para: str) -> None:
    text = f"{para}\n\n{para}\n\nShare\nTwitter\nHome\nNews\nSport\nWeather\n"
    blocks, _ = clean(text)
    assert kept(blocks) == [para, para]


def test_clean_article_keeps_its_short_first_and_last_lines(para: str) -> None:
    text = f"Qualified teams\n\n{para}\n\n{para}\n\nEngland\nSpain\nWales\n"
    assert kept(run_one(RegionStage(), text)) == ["Qualified teams", para, para, "England", "Spain", "Wales"]


def test_signoffs_close_the_region_furniture_after_them_goes(para: str) -> None:
    text = (f"{para}\n\n{para}\n\n— The Nigerian Senate (@NGRSenate) October 9, 2018\n\n"
            "(Reporting by Will Dunham; Editing by Tom Brown)\n\nShare\nTwitter\nHome\nNews\nSport\n")
    blocks, _ = clean(text)
    assert kept(blocks) == [para, para, "— The Nigerian Senate (@NGRSenate) October 9, 2018",
                            "(Reporting by Will Dunham; Editing by Tom Brown)"]


def test_a_dek_above_the_byline_is_page_head(para: str) -> None:
    dek = ("The government has unveiled a plan to help the industry cut the cost of solar panels by more than "
           "half by 2030, with new targets for efficiency and for the makers of the panels.")
    text = "\n".join(["Korea's roadmap to cheaper solar", dek, "By Emiliano Bellini", para, para])
    assert kept(run_one(HeadStage(), text)) == [para, para]
    dated = "\n".join(["Korea's roadmap to cheaper solar", dek, "November 20, 2019 Emiliano Bellini", "Markets",
                       para, para])
    assert kept(run_one(HeadStage(), dated)) == ["Markets", para, para]
    # Two long lines above the byline: the first is the article's (only one dek is skipped).
    two = "\n".join([dek, dek, "By Emiliano Bellini", para])
    assert kept(run_one(HeadStage(), two)) == [dek, dek, "By Emiliano Bellini", para]


def test_a_long_first_paragraph_above_a_dated_entry_stays(para: str) -> None:
    first = ("The government has unveiled a plan to help the industry cut the cost of solar panels by more than "
             "half by 2030, with new targets for efficiency and for the makers of the panels.")
    # A date line between two prose paragraphs heads a timeline entry: the paragraph above it is the article.
    text = "\n".join([first, "November 20, 2019", para, para])
    assert kept(run_one(HeadStage(), text)) == [first, "November 20, 2019", para, para]


def test_a_cookie_notice_above_the_title_does_not_start_the_body(para: str) -> None:
    notice = ("We use cookies and other tracking technologies to improve your browsing experience on our site, "
              "show personalized content and targeted ads, analyze site traffic, and understand where our "
              "audience is coming from.")
    text = "\n".join([notice, "The law that is fuelling the city's air pollution", "By Umair Irfan", para, para])
    assert kept(run_one(HeadStage(), text)) == [para, para]


def test_a_long_updated_and_original_timestamp_marks_the_head(para: str) -> None:
    stamp = "Updated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019 8:02 am ET"
    text = "\n".join(["Consumer", "Home Depot Stock Is Falling After Its Earnings Release", "By", "Al Root", stamp,
                     para, para])
    assert kept(run_one(HeadStage(), text)) == [para, para]


def _run_region(text: str, extracted: bool) -> list[str]:
    from archiver.core.pipeline import run_stages
    from archiver.core.stages.lines import LinesStage
    from archiver.core.stages.whitespace import WhitespaceStage

    blocks, ctx = run_stages(text, [LinesStage(), WhitespaceStage()], extracted=extracted)
    return kept(RegionStage().apply(blocks, ctx))


def test_on_an_extractors_text_a_tail_with_prose_stays(para: str) -> None:
    """A blog's about-me blurb outscores a post of short lines: on text the extractor chose from the markup,
    the post (with a prose line in it) is not cut as the tail; on a scraped page's text it is."""
    lines = ["Dance where you are:", "In a car", "at the office:", "(in a lift)", "at a club", "on your bed",
             "in the rain:", "(anywhere)", "You do not have to travel the world to dance, you can dance where you are."]
    text = f"{para}\n\nJuly 17th, 2:02pm\n\n" + "\n".join(lines) + "\n"
    assert _run_region(text, extracted=False) == [para]
    assert _run_region(text, extracted=True) == [para, "July 17th, 2:02pm", *lines]


def test_on_an_extractors_text_a_tail_of_short_lines_still_goes(para: str) -> None:
    text = f"{para}\n\n{para}\n\nJuly 17th, 2:02pm\n\nArchive\nContributors\nMy Other Blogs\n"
    assert _run_region(text, extracted=True) == [para, para]


def test_on_an_extractors_text_a_table_row_of_sentences_is_prose(para: str) -> None:
    """An extractor writes a table's rows as "| a | b |": a row whose cell is a sentence ends in a bar, and
    a tail holding one is the article's table, not furniture."""
    rows = ["| Race | Course |", "|---|---|",
            "| Spring classic | Start and finish in the old town, with three climbs in the last forty kilometres of it. |"]
    text = f"{para}\n\n{para}\n\nJuly 17th, 2:02pm\n\n" + "\n".join(rows) + "\n"
    assert _run_region(text, extracted=True) == [para, para, "July 17th, 2:02pm", *rows]
    assert _run_region(text, extracted=False) == [para, para]


def test_a_byline_at_the_foot_of_a_short_post_keeps_the_post() -> None:
    # A blog's post closes with "by Name at 09:53": nothing of the article follows it, so it is no head.
    post = ("The river rose two feet overnight and the council has closed the lower bridge until the water "
            "goes down, which the engineers expect by the weekend if the rain holds off as forecast.")
    text = "\n".join(["Tuesday, March 5, 2024", "Bridge Closed", post, "by Dana Whitfield at 09:53",
                      "Archive", "About", "Links"])
    assert post in kept(run_one(HeadStage(), text))


def test_an_article_of_short_paragraphs_is_not_head_of_a_comment_date() -> None:
    # Short paragraphs never reach the long-paragraph stop; the third line of prose does: the date of the
    # first reader comment below them marks no head.
    paragraphs = [f"The app syncs your playlists with your friends' accounts within {n} minutes of a change."
                  for n in range(2, 7)]
    text = "\n".join(["Share Your Music", *paragraphs, "1 Response", "Marta Kowal", "Mar 26th, 2024 at 6:36 am",
                      "Nice app, thanks."])
    assert all(p in kept(run_one(HeadStage(), text)) for p in paragraphs)


def test_a_headline_that_reads_as_a_sentence_and_a_dek_are_still_head(para: str) -> None:
    title = "Third case confirmed in the region as officials say ‘there is no cause for panic’"
    dek = "A third case has been reported in the province, with officials urging calm over the outbreak."
    text = "\n".join([title, dek, "By Sam Ortega", "Nov 19, 2019", para, para])
    assert kept(run_one(HeadStage(), text)) == [para, para]


def test_a_one_paragraph_post_is_no_dek_of_the_comments_below_it() -> None:
    # The post's only paragraph sits right above its byline; a dek is head only when the article follows the
    # byline, and here only short lines do (a reader's comment, the comment form) before the site's about box.
    post = ("This four-part series from two documentary makers follows three photographers through the cities "
            "they cover, from the first assignment to the last frame they file before going home again.")
    about = "The Weekly Lens is edited by a former director of photography of a monthly magazine, and written here."
    text = "\n".join(["The Weekly Lens", "New Series Follows Photographers", post,
                      "by Dana Whitfield on March 5, 2024 · 1 comment", "Lee Park March 5, 2024 at 1:43 pm",
                      "Blocked here.", "Leave a Comment", "Name *", "Email *", "Website", "Submit",
                      "Previous post: The Daily Edit", "Next post: Awards Night", "About:", about])
    assert post in kept(run_one(HeadStage(), text))
