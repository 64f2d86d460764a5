from archiver.core.stages.comments import CommentsStage, is_stamp
from tests.core.stages.conftest import dropped, kept, run_one

BODY = ("The minister said on Tuesday that the new rules would come into force next year, after a long "
        "consultation with the industry and with the unions, and that the details would follow.")
ARTICLE = "\n\n".join([BODY] * 6)
THREAD = ["Cherie McCluney August 17, 2019 - 2:19 pm", "I made this today and it turned out really good.",
          "Regan August 19, 2019 - 5:48 pm", "Thanks for your feedback, glad you liked it.",
          "Notify me via e-mail if anyone answers my comment."]


def test_stamps() -> None:
    assert is_stamp("Cherie McCluney August 17, 2019 - 2:19 pm") and is_stamp("August 8, 2018 at 3:17 pm")
    assert is_stamp("Anonymous 12/03/2019 09:15") and is_stamp("2 days ago at 08:51 am")
    assert not is_stamp("16 hours ago on iOS Blog")  # a teaser's age, no clock time
    assert not is_stamp("Monday 2:30PM")  # no year: a schedule or a live blog's clock
    assert not is_stamp("On August 17, 2019 at 2:19 pm the police arrived at the house.")  # a sentence


def test_a_thread_goes_to_the_end() -> None:
    blocks = run_one(CommentsStage(), ARTICLE + "\n\n" + "\n\n".join(THREAD))
    assert kept(blocks) == [BODY] * 6
    assert set(dropped(blocks).values()) == {"thread"} and len(dropped(blocks)) == len(THREAD)


def test_the_line_that_names_the_commenter_goes_with_the_thread() -> None:
    thread = ["Jane Doe says:", "August 8, 2018 at 3:17 pm", "Great post.", "John says:",
              "August 9, 2018 at 7:07 pm", "Agreed."]
    assert kept(run_one(CommentsStage(), ARTICLE + "\n\n" + "\n\n".join(thread))) == [BODY] * 6


def test_a_forum_thread_with_relative_stamps_and_user_names() -> None:
    thread = ["Zdigital2015", "2 days ago at 08:51 am", "I agree, but who was in charge of the company?",
              "Rating: 7 Votes", "ascender", "2 days ago at 08:58 am", "Shouldn't 2020 be the year of a redesign?"]
    assert kept(run_one(CommentsStage(), ARTICLE + "\n\n" + "\n\n".join(thread))) == [BODY] * 6


def test_one_stamp_or_stamps_in_the_head_are_not_a_thread() -> None:
    one = ARTICLE + "\n\n" + "\n\n".join(THREAD[:2])
    assert dropped(run_one(CommentsStage(), one)) == {}
    head = "Posted: 18 Nov 2019 8:11 pm\n\nUpdated: 18 Nov 2019 9:38 pm\n\n" + ARTICLE
    assert dropped(run_one(CommentsStage(), head)) == {}


def test_stamps_after_too_little_prose_are_not_a_thread() -> None:
    short = "A short note.\n\n" + "\n\n".join(THREAD * 2)  # four stamps, two in the second half
    assert dropped(run_one(CommentsStage(), short)) == {}


def test_an_article_dated_low_on_a_long_page_is_no_thread() -> None:
    # One line per element: the menus push the article's "published" and "updated" stamps into the second
    # half, and a list of dated stories follows far below. Stamps side by side date one thing, and the next
    # comment's stamp would follow within a comment's length, not after the whole article.
    menu = [f"Section {n} news and more stories from around the region" for n in range(40)]
    stamps = ["7/23/2012 8:26:15 PM ET", "2012-07-24T00:26:15"]
    more = ["More science news", "Olympians of the animal world", "7/31/2012 8:34:07 PM +00:00",
            "A moth with a foot-wide wingspan", "7/31/2012 7:53:49 PM +00:00"]
    blocks = run_one(CommentsStage(), "\n".join([*menu, *stamps, *[BODY] * 30, *more]))
    assert kept(blocks).count(BODY) == 30
    assert set(dropped(blocks).values()) == {"thread"}  # the dated list below still goes
