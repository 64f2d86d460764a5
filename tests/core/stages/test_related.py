
from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.core.stages.related import _GLUED_CAPITAL, _GLUED_JOINT, RelatedStage, is_glued_teaser
from archiver.core.text.linescan import lines_matching
from tests.core.stages.conftest import dropped, kept, run_one

BODY_AFTER = "A senior Pentagon official who was based in Iraq at the time confirmed the diplomat’s account."
NEXT = "Mr. Jaafari currently serves as Iraq’s foreign minister, and could regain the premiership in the future."


def test_header_and_dated_teasers_mid_article_go_the_article_resumes() -> None:
    text = ("RELATED\n\nIran Warns of Possible ‘Armageddon’ if Syria Can’t Be Held Together (March 15)\n"
            "Moderates Win Key Iran Election Races (Feb. 29)\n" f"{BODY_AFTER}\n\n{NEXT}\n")
    blocks = run_one(RelatedStage(), text)
    assert kept(blocks) == [BODY_AFTER, NEXT]
    assert set(dropped(blocks).values()) == {"header", "teaser"}


def test_headerless_dated_run_goes() -> None:
    text = "One Story (March 15)\nAnother Story (Feb. 29)\nA Third Story (Jan. 25)\n" + NEXT
    assert kept(run_one(RelatedStage(), text)) == [NEXT]


def test_cards_of_a_title_and_an_excerpt_cut_with_an_ellipsis_go_as_a_run() -> None:
    cards = ["Upcoming Base updates", "Sometimes people ask me why this or that location became what it is […]",
             "Skills system update", "I want to tell you about another important change in the game, […]",
             "Bonuses of May", "I haven't written anything for a long time in the author's column..."]
    blocks = run_one(RelatedStage(), "\n".join([*cards, NEXT]))
    assert kept(blocks) == [NEXT]
    assert set(dropped(blocks).values()) == {"teaser_run"}


def test_two_excerpts_are_not_a_run_and_a_title_needs_a_teaser_under_it() -> None:
    lines = ["Upcoming Base updates", "Sometimes people ask me why this or that location became what it is […]",
             "Bonuses of May", "I want to tell you about another important change in the game, […]", NEXT]
    assert kept(run_one(RelatedStage(), "\n".join(lines))) == lines


def test_headline_run_goes_but_a_list_of_like_items_stays() -> None:
    headlines = ["Huawei launches operating system as a hedge in trade war",
                 "This Is China's Answer to the Electric Car", "What You Need to Know About Tencent",
                 "Alibaba Thinks US Businesses Are Ready"]
    assert kept(run_one(RelatedStage(), "\n".join(headlines) + "\n" + NEXT)) == [NEXT]
    teams = ["England (Group A): 10th appearance", "Czech Republic (Group A): Seventh appearance",
             "Ukraine (Group B): Third appearance", "Spain (Group F): 11th appearance"]
    assert kept(run_one(RelatedStage(), "\n".join(teams))) == teams


def test_a_long_run_of_sentence_case_headlines_goes_but_a_short_bullet_list_or_an_introduced_one_stays() -> None:
    headlines = ["China censors a lot, from Winnie the Pooh to the NBA",
                 "The trade war's latest victim: Manufacturing", "What you need to know about Tencent",
                 "Airline warns staff who join Hong Kong protests", "How a founder changed the market",
                 "Why fast food chains will do anything to win in China"]
    assert kept(run_one(RelatedStage(), "\n".join(headlines) + "\n" + NEXT)) == [NEXT]
    bullets = ["Pinpoint what your current business focus should be", "Get to know what happens in the other stages",
               "Decide how you will deliver your first offer to buyers", "Start building an email list right away",
               "Track what your readers do once they arrive"]
    assert kept(run_one(RelatedStage(), "\n".join(bullets) + "\n" + NEXT)) == [*bullets, NEXT]
    introduced = ["Click the link above so you can:", *headlines]
    assert kept(run_one(RelatedStage(), "\n".join(introduced) + "\n" + NEXT)) == [*introduced, NEXT]


def test_body_words_are_not_headers() -> None:
    lines = ["Related to this, the ministry said the talks would go on for another week at least.",
             "The latest figures show the economy grew faster than expected in the third quarter.",
             "Most read the report as a warning, but the minister said it was nothing of the kind."]
    assert kept(run_one(RelatedStage(), "\n".join(lines))) == lines


def test_headlines_glued_to_their_teasers_are_teasers() -> None:
    assert is_glued_teaser("Customers Leave Without Paying Bill At Local SteakhouseA party of six left the "
                           "restaurant without paying for their dinner on Friday night")
    assert is_glued_teaser("Detroit's Best Spots For DessertsNeed more desserts in your life? The numbers "
                           "were crunched to find the top spots in the city")
    assert is_glued_teaser("Michigan To Mail Redistricting Panel Applications To 250,000The state of Michigan "
                           "will mail applications encouraging voters to apply for the new panel")
    for line in ["The 2018 15-inch i9 MacBook Pro was a very hot machine. While it still holds up, it is slow.",
                 "Wichita East's Hugh McPherson won first place in the 100 yard freestyle.",
                 "New Price Drop: 2019 Apple AirPods 2 Wireless Earphones for $139 (Originally $159)"]:
        assert not is_glued_teaser(line), line


CARD_A = ("Customers Leave Without Paying Bill At Local SteakhouseA party of six left the restaurant without "
          "paying for their dinner on Friday night.")
CARD_B = "Detroit's Best Spots For DessertsNeed more desserts in your life? The numbers were crunched again."


def test_two_glued_cards_go_wherever_they_stand_one_alone_stays(para: str) -> None:
    apart = run_one(RelatedStage(), f"{CARD_A}\n\n{para}\n\n{para}\n\n{CARD_B}")
    assert dropped(apart) == {CARD_A: "glued_teaser", CARD_B: "glued_teaser"}
    # "MiguelBernal" is a name glued inside a sentence that opens with capitalised words: one such line stays.
    sentence = "6A: Wichita North's MiguelBernal took home first in diving for the Redskins on Saturday."
    assert is_glued_teaser(sentence)
    assert dropped(run_one(RelatedStage(), f"{para}\n\n{sentence}\n\n{para}")) == {}


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["ab", "Cd", "E", " ", "?", "’", ")", "\n", "x", "9"]), max_size=8)
                .map("".join).map(lambda t: t.replace("\n", " ")), min_size=1, max_size=5))
def test_the_document_scan_finds_every_line_with_a_joint(texts: list[str]) -> None:
    assert {i for i, t in enumerate(texts) if _GLUED_JOINT.search(t)} <= lines_matching(_GLUED_CAPITAL, texts)


def test_a_source_list_under_its_header_goes(para: str) -> None:
    sources = ["Sources:", 'Tax Foundation, "Tracking the Economic Impact of U.S. Tariffs," May 31, 2019',
               "Email interview with Mary E. Lovely, Syracuse University economist, Nov. 5, 2019"]
    blocks = run_one(RelatedStage(), "\n\n".join([para, para, *sources]))
    assert kept(blocks) == [para, para]
    assert dropped(blocks) == {"Sources:": "header", sources[1]: "teaser", sources[2]: "teaser"}


def test_sources_in_a_sentence_is_not_a_header(para: str) -> None:
    line = "Sources said the talks would go on next week, and that a deal was close."
    assert dropped(run_one(RelatedStage(), "\n\n".join([para, line, para]))) == {}


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["ab", "Cd", "E", " ", "\n", "?", "’", ")", "x", "9", "É"]), max_size=12).map("".join))
def test_joints_found_from_the_capital_are_the_joint_patterns(text: str) -> None:
    """``is_glued_teaser`` walks _GLUED_CAPITAL's matches for _GLUED_JOINT's: the same places, in order."""
    assert [m.start() for m in _GLUED_CAPITAL.finditer(text)] == [m.end() for m in _GLUED_JOINT.finditer(text)]
