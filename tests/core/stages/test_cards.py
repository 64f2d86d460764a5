from archiver.core.stages.cards import CardsStage, prefix_shape
from archiver.core.text.textfeatures import features
from tests.core.stages.conftest import dropped, kept, run_one

ARTICLE = [
    "The minister said on Tuesday that the new rules would come into force next year, after a long consultation.",
    "Opposition parties called the plan rushed and said they would vote against it when it reaches parliament.",
    "A vote is expected before the end of the month, officials said, though no date has been set for it yet.",
]
LISTING = [
    "More from the Examiner",
    "Carlos Ghosn and the dark side of Japanese justice", "Maya Ghosn", "Wednesday November 20, 2019",
    "Our family always celebrates anniversaries, but not this week, and we want to say why that is so.",
    "What made Joker so popular at the box office", "Madeline Fry", "Wednesday November 20, 2019",
    "Joker killed at the box office.",
    "Democrats have not delivered the goods on impeachment", "Jenna Ellis", "Tuesday November 19, 2019",
    "People are still waiting for Democrats to deliver on their impeachment scandal, as the hearings go on.",
]
THREAD = [
    "Rating: 25 Votes", "fmcshan", "2 days ago at 07:50 am",
    "It would be nice if Apple switched to a 14 inch MacBook Pro with slimmer bezels.",
    "Rating: 17 Votes", "tjedora", "2 days ago at 07:51 am",
    "Shouldn't 2020 be the year of a complete redesign?",
    "Rating: 12 Votes", "mike...", "2 days ago at 08:12 am",
    "No surprise Apple is keeping the 13 inch model.", "It makes the lineup more complete.",
    "Rating: 10 Votes", "Nick A", "2 days ago at 07:54 am",
    "I think this is it: the thermal design and the keyboard are the redesign.",
]


def test_a_listing_of_other_stories_after_the_article_goes() -> None:
    blocks = run_one(CardsStage(), "\n".join(ARTICLE + LISTING))
    assert kept(blocks) == [*ARTICLE, "More from the Examiner"]  # the header is the related stage's
    assert set(dropped(blocks).values()) == {"card_run"}


def test_a_comment_thread_goes_even_when_cards_differ_in_their_short_lines() -> None:
    assert kept(run_one(CardsStage(), "\n".join(ARTICLE + THREAD))) == ARTICLE


def test_an_article_under_a_listing_keeps_its_head_and_first_paragraph() -> None:
    head = ["New rules for the harbour", "Ann Lee", "Thursday November 21, 2019"]
    lines = LISTING[1:] + head + ARTICLE
    assert kept(run_one(CardsStage(), "\n".join(lines))) == head + ARTICLE


def test_the_articles_own_head_and_a_timeline_stay() -> None:
    head = ["New rules for the harbour", "By Ann Lee", "Wednesday November 20, 2019"]
    timeline = ["March 3, 2019", "The council first proposed the rules after the storm damaged the harbour.",
                "June 5, 2019", "A public consultation opened and ran for three months, drawing 400 replies.",
                "October 1, 2019", "The council published its final plan and sent it to the minister."]
    lines = head + ARTICLE + timeline + ARTICLE
    assert kept(run_one(CardsStage(), "\n".join(lines))) == lines


def test_two_cards_are_not_a_run_and_a_page_of_only_cards_is_left_alone() -> None:
    two = ARTICLE + LISTING[:9]
    assert kept(run_one(CardsStage(), "\n".join(two))) == two
    assert kept(run_one(CardsStage(), "\n".join(LISTING[1:]))) == LISTING[1:]


def test_prefix_shapes() -> None:
    assert prefix_shape(features("Nick A")) == "S" and prefix_shape(features("mike...")) == "S"
    assert prefix_shape(features("Democrats have not delivered the goods on impeachment")) == "H"
    assert prefix_shape(features(ARTICLE[0])) is None
