from archiver.stages.trailer import TrailerStage
from tests.stages.conftest import dropped, run_one


def test_trailer_lines() -> None:
    lines = {
        "Write to Jay Solomon at [email protected] and Siobhan Gorman at [email protected]": "contact",
        "A version of this article appeared April 4, 2012, on page A1 in some U.S. editions.": "print_note",
        "Copyright 2012 Dow Jones & Company, Inc. All Rights Reserved": "copyright",
        "© 2019 Example News": "copyright",
    }
    assert dropped(run_one(TrailerStage(), "\n".join(lines))) == lines


def test_copyright_in_a_sentence_stays() -> None:
    line = ("The court said the copyright claims against the company would be heard in full next "
            "spring, after both sides asked for more time to prepare their arguments and evidence.")
    assert dropped(run_one(TrailerStage(), line)) == {}
