import re

from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.core.stages.trailer import _INTRODUCES, TrailerStage
from tests.core.stages.conftest import dropped, run_one


def test_trailer_lines() -> None:
    lines = {
        "Copyright 2012 Dow Jones & Company, Inc. All Rights Reserved": "copyright",
        "© 2019 Example News": "copyright",
        "Write to Jay Solomon at [email protected] and Siobhan Gorman at [email protected]": "contact",
        "A version of this article appeared April 4, 2012, on page A1 in some U.S. editions.": "print_note",
    }
    assert dropped(run_one(TrailerStage(), "\n".join(lines))) == lines
    # A reprint notice among the footer's lines (not right under the last paragraph, where it would stay).
    lines = {
        "© 2019 Example News": "copyright",
        "This copy is for your personal, non-commercial use only. Distribution and use of this material are "
        "governed by our Subscriber Agreement and by copyright law.": "copyright",
    }
    assert dropped(run_one(TrailerStage(), "\n".join(lines))) == lines


LAST = "The officials said the talks would go on next week in the capital, and that a deal was close."


def test_a_wire_notice_under_the_last_paragraph_is_the_articles_own() -> None:
    notice = "© 2019 Associated Press. All Rights Reserved."
    text = f"{LAST}\n\n{notice}\n\nMore news from the region\n\nDie Gespräche gehen weiter, sagte er am Montag in der Hauptstadt."
    assert dropped(run_one(TrailerStage(), text)) == {}
    # Under a paragraph that more of the article follows, or after the page's print note, it goes.
    assert dropped(run_one(TrailerStage(), f"{LAST}\n\n{notice}\n\n{LAST}")) == {notice: "copyright"}
    print_note = "A version of this article appeared April 4, 2012, on page A1 in some U.S. editions."
    blocks = run_one(TrailerStage(), f"{LAST}\n\n{print_note}\n\nWrite to A at b.\n\n{notice}")
    assert dropped(blocks)[notice] == "copyright"


def test_copyright_in_a_sentence_stays() -> None:
    line = ("The court said the copyright claims against the company would be heard in full next "
            "spring, after both sides asked for more time to prepare their arguments and evidence.")
    assert dropped(run_one(TrailerStage(), line)) == {}


def test_an_author_box_under_the_article_goes(para: str) -> None:
    box = ["Roger Gonzalez", "CBS Sports Writer",
           "Roger Gonzalez is an award-winning writer based in Virginia who has covered soccer for a decade."]
    blocks = run_one(TrailerStage(), "\n\n".join([para] * 6 + box))
    assert dropped(blocks) == dict.fromkeys(box, "author_box")


def test_an_author_box_a_heading_introduces_goes_in_any_language(para: str) -> None:
    """ "Über Anna Schmidt" and a bio that names her again, or "About Jane Doe:" and the bio on its line."""
    german = ["Über Anna Schmidt", "Als Redakteurin schreibt Anna Schmidt seit zehn Jahren über Verkehr und Städte."]
    blocks = run_one(TrailerStage(), "\n\n".join([para] * 6 + german))
    assert dropped(blocks) == dict.fromkeys(german, "author_box")
    one_line = ["About Jane Doe: Jane Doe covers the city council and writes a weekly column on transport."]
    blocks = run_one(TrailerStage(), "\n\n".join([para] * 6 + one_line))
    assert dropped(blocks) == dict.fromkeys(one_line, "author_box")


def test_a_heading_about_someone_inside_the_article_stays(para: str) -> None:
    """ "About Angela Merkel" as a section of a profile, with the article going on after it; a heading whose
    next line does not name the person; a lead before something that is no name."""
    section = ["Über Angela Merkel", "Angela Merkel war sechzehn Jahre lang Kanzlerin der Bundesrepublik Deutschland."]
    going_on = f"{para} {para}"  # a paragraph of the article's length after the section's head
    assert dropped(run_one(TrailerStage(), "\n\n".join([para] * 6 + section + [going_on] * 2))) == {}
    unrelated = ["About Jane Doe", "The council meets again on Tuesday to vote on the new budget for roads."]
    assert dropped(run_one(TrailerStage(), "\n\n".join([para] * 6 + unrelated))) == {}
    no_name = ["About the harbour: the wall was built in 1870 and rebuilt twice since the great storms."]
    assert dropped(run_one(TrailerStage(), "\n\n".join([para] * 6 + no_name))) == {}


def test_a_list_of_people_or_a_closing_sentence_about_someone_stays(para: str) -> None:
    people = []
    for name in ["Jane Doe", "Ann Lee"]:
        people += [name, f"{name} is the chief executive of a company that makes bridges and roads."]
    assert dropped(run_one(TrailerStage(), "\n\n".join([para] * 6 + people))) == {}
    closing = "Jamal Khashoggi was a columnist for The Washington Post."
    assert dropped(run_one(TrailerStage(), "\n\n".join([para] * 6 + [closing]))) == {}
    # The name and the bio at the top of the page are not a box under the article.
    head = ["Jane Doe", "Jane Doe is a reporter for the paper, covering the city council."]
    assert dropped(run_one(TrailerStage(), "\n\n".join(head + [para] * 6))) == {}


# The definition the possessive form replaces (trailer.v3 as first written).
_INTRODUCES_REFERENCE = re.compile(r"^(?P<name>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3})(?: \(@\w+\))? "
                                   r"(?:is|was|has been|joined|covers|writes)\b")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["Phil", "Helsel", "O’Neil", "Jr.", "Mary-Ann", "is", "was", "has been", "joined",
                                 "writes", "a", "reporter", "(@phil)", "isn't", "x", "", " ", ".", "-", "’", "9"]),
                max_size=8).map(" ".join))
def test_the_possessive_bio_opening_matches_as_its_definition(text: str) -> None:
    got, want = _INTRODUCES.match(text), _INTRODUCES_REFERENCE.match(text)
    assert (got and (got.span(), got.group("name"))) == (want and (want.span(), want.group("name")))
