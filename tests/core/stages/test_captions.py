from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.core.cues import _CAPTION_LEAD, _LAST_SENTENCE_END, is_credit
from archiver.core.stages.captions import CaptionsStage
from tests.core.stages.conftest import dropped, kept, run_one


def test_credit_forms() -> None:
    for line in ["Photo: Reuters", "Sanjeev Verma/Hindustan Times/Getty Images",
                 "Natalie Naccache | Bloomberg | Getty Images", "(Max Becherer for The Washington Post)",
                 "(NASA/JPL-Caltech/ASU)", "CloseGetty Images", "Image Credit: WeWork"]:
        assert is_credit(line), line


def test_not_credits() -> None:
    for line in ["Die elektronische Patientenakte (ePA)", "Reuters reported the deal on Monday.",
                 "The Associated Press contributed to this report.", "Get it for free (Upgrade for $4.99/mo)",
                 "Caroline Hawley, BBC diplomatic correspondent"]:
        assert not is_credit(line), line


def test_caption_glued_above_a_credit_goes_a_paragraph_apart_stays(para: str) -> None:
    text = f"{para}\n\nOfficials handed out masks to schoolchildren.\nSonu Mehta/Hindustan Times/Getty Images\n\n{para}"
    blocks = run_one(CaptionsStage(), text)
    assert dropped(blocks) == {"Officials handed out masks to schoolchildren.": "caption",
                               "Sonu Mehta/Hindustan Times/Getty Images": "credit"}
    assert kept(blocks) == [para, para]


def test_caption_with_trailing_credit() -> None:
    line = "Protesters have worn masks to protect their identities (Image: GETTY )"
    assert dropped(run_one(CaptionsStage(), line)) == {line: "caption"}


def test_a_credit_under_the_last_paragraph_stays_one_inside_the_body_goes(para: str) -> None:
    end = f"{para}\n\n© Reuters\n\nMore stories from the desk"
    assert dropped(run_one(CaptionsStage(), end)) == {}
    assert dropped(run_one(CaptionsStage(), f"{para}\n\n© Reuters\n\n{para}")) == {"© Reuters": "credit"}


def test_a_contributor_note_glued_above_a_credit_is_not_a_caption(para: str) -> None:
    text = f"{para}\n(Reporting by Will Dunham; Editing by Tom Brown)\nPhoto: Reuters\n\n{para}"
    assert dropped(run_one(CaptionsStage(), text)) == {"Photo: Reuters": "credit"}


def test_a_video_blurb_goes_with_its_module_title(para: str) -> None:
    title = "Minister says the window for talks \u201cwill not remain open for ever\u201d"
    teaser = "The cabinet cleared the way for new sanctions on Friday, saying markets would cope with the cut."
    blurb = "Exports fell this month as buyers prepared. Dow Jones\u2019s Jane Roe analyzes the tensions."
    blocks = run_one(CaptionsStage(), f"{para}\n\n{title}\n\n{teaser}\n\n{blurb}\n\n{para}")
    assert dropped(blocks) == {title: "video_blurb", teaser: "video_blurb", blurb: "video_blurb"}
    assert kept(blocks) == [para, para]


def test_a_video_blurb_without_a_title_goes_alone(para: str) -> None:
    short = "The cabinet cleared the way for new sanctions on Friday, saying markets would cope with the cut."
    blurb = "WSJ's Jay Solomon checks in on the actions and travels of the general."
    blocks = run_one(CaptionsStage(), f"{para}\n\n{short}\n\n{blurb}\n\n{para}")
    assert dropped(blocks) == {blurb: "video_blurb"}


def test_a_headline_not_set_below_a_paragraph_does_not_start_a_module(para: str) -> None:
    title = "Minister says the window for talks will not remain open"
    blurb = "The New York Times's Jane Doe reports from the capital."
    blocks = run_one(CaptionsStage(), f"{title}\n\n{blurb}\n\n{para}")
    assert dropped(blocks) == {blurb: "video_blurb"}


def test_only_a_newsroom_in_the_present_tense_presents_a_video(para: str) -> None:
    for line in ["Apple's Tim Cook explains the decision to the shareholders at length.",
                 "CNN's Jake Tapper said on Sunday that the vote would wait.",
                 "He said that CNN's Jake Tapper reports it first, every time."]:
        assert dropped(run_one(CaptionsStage(), f"{para}\n\n{line}\n\n{para}")) == {}, line


def test_a_caption_whose_credit_follows_its_last_sentence_goes(para: str) -> None:
    for line in ["Rep. Jane Doe speaks at the Capitol on July 25, 2019.J. Scott Applewhite / AP file",
                 "The stock fell after the retailer reported earnings. Photograph by Robyn Beck/AFP/Getty Images"]:
        assert dropped(run_one(CaptionsStage(), f"{para}\n\n{line}\n\n{para}")) == {line: "caption"}, line
    for line in ["The poll was run by Reuters/Ipsos for the paper.",
                 "The museum bought it last year. A photograph by Ansel Adams",
                 "He spoke to Reuters. Then he left for Paris with AP reporters"]:
        assert dropped(run_one(CaptionsStage(), f"{para}\n\n{line}\n\n{para}")) == {}, line


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Above", "pictured", "Main image", " ", ":", ".", "!", "?", "…", "”", ")", "ab",
                                 "Getty", "Images", "J.", "x"]), max_size=10).map("".join))
def test_the_caption_prechecks_stand_only_before_lines_their_patterns_miss(text: str) -> None:
    """A caption lead needs a colon and a credit boundary a sentence mark: lines without them are skipped."""
    if _CAPTION_LEAD.match(text):
        assert ":" in text
    if _LAST_SENTENCE_END.match(text):
        assert any(mark in text for mark in ".!?")
