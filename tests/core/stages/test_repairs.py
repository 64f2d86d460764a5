"""The repair stages: each change recorded, conservative gates, negatives, idempotence."""

import itertools
import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.core.pipeline import Context
from archiver.core.stages.dehyphenate import drop_hyphen, hyphen_evidence
from archiver.core.stages.glued import (
    _SPACED_PAIR,
    CANDIDATE,
    GluedWordsStage,
    WordCounts,
    candidates_in,
    spaced_pairs,
    stands_alone,
)
from archiver.core.stages.lost_hyphen import _JOINT, LostHyphenStage, hyphen_joints
from archiver.core.stages.placeholders import PlaceholdersStage
from archiver.core.stages.stray_punct import StrayPunctuationStage
from archiver.core.stages.unwrap import UnwrapStage, continues, labelled_lines
from archiver.core.text.names import zipf
from archiver.core.text.sentences import ends_sentence
from archiver.core.text.wrapping import is_full
from archiver.document import clean_bytes
from tests.core.stages.conftest import kept, run_one

GENUINE = [t for line in (Path(__file__).parent.parent.parent / "data" / "camelcase_genuine.txt").read_text().splitlines()
           if not line.startswith("#") for t in line.split()]

PARAGRAPHS = [
    "The Corrs’ song “Breathless” probably doesn’t refer to a duvet. However, it was this type of fluffy "
    "bedding that left a man not only breathless but with a serious lung condition, doctors said.",
    "Wondering how something so soft and so comfortable could make you sick? Well, go on.",
    "For the case report, doctors of the Aberdeen Royal Infirmary told the tale of a man who saw "
    "his doctor in November after three months of feeling very tired, and of his counter-terrorism job.",
    "Why it matters",
    "Some of the worst pollution this year also occurred during the festival of lights, celebrated "
    "by lighting lamps, and often by setting off fireworks in the streets at night.",
]


def wrapped(width: int, blank: bool) -> str:
    """Greedy word wrap, like the benchmark's: paragraphs with or without blank lines."""
    return ("\n\n" if blank else "\n").join(textwrap.fill(p, width) for p in PARAGRAPHS) + "\n"


WRAPPED = wrapped(60, blank=False)


def test_genuine_camel_case_is_never_split() -> None:
    assert len(set(GENUINE)) >= 200
    text = "\n\n".join(f"{t} said on Monday that the results were good." for t in GENUINE)
    blocks = run_one(GluedWordsStage(), text)
    assert [r.before for b in blocks for r in b.repairs] == []


@pytest.mark.parametrize("text", [
    "SkyDrive syncs your files. Drive space is limited to seven gigabytes for free accounts.",
    "FromSoftware released the game on Friday, and the studio said sales were strong.",
    "MetaFilter members argued about it for days on the site.",
])
def test_a_form_the_web_writes_glued_is_not_split_on_weak_evidence(text: str) -> None:
    """The web knows these glued forms as tokens: a part standing alone ("Drive"), a function word before the
    joint ("From") or a given name ("Meta") is no evidence that a scraper glued them."""
    blocks = run_one(GluedWordsStage(), text)
    assert [r.before for b in blocks for r in b.repairs] == []


@pytest.mark.parametrize(("text", "expected", "evidence"), [
    ("Maj. Gen. Mohammed QasemSuleimani spoke. Later Suleimani left.", "Qasem Suleimani", "last_part_in_document"),
    ("Investigators in NewYork said so. New York is big.", "New York", "spaced_in_document"),
    ("The ExchangeCommission said it would review the filing in detail.", "Exchange Commission", "name_tail"),
    ("PresidentBukola Saraki read the letters to the chamber on Tuesday.", "President Bukola", "title"),
    ("MrAssange was arrested in London on Thursday morning.", "Mr Assange", "title"),
    ("Hong Kong ChiefExecutive Carrie Lam flew to Beijing.", "Chief Executive", "web_phrase"),
    ("Schiff should hurry up; otherwise JamesComey might talk.", "James Comey", "given_name"),
    ("Obama spoke. The ObamaNational plan went ahead, Obama said.", "Obama National", "first_part_in_document"),
    ("Алла Ершова\n\nличный архив АллыЕршовой", "Аллы Ершовой", "spaced_inflected_in_document"),
    ("She bought two MagicKeyboards. The Magic Keyboard costs more.", "Magic Keyboards",
     "spaced_inflected_in_document"),
    ("He met Maj. Gen. QasemSuleimani, commander of the force.", "Qasem Suleimani", "given_name"),
    ("Qais al-Khazali, the leader of the AsaibAhl al-Haq (AAH) militia, spoke.", "Asaib Ahl al-Haq",
     "arabic_particle"),
    ("The speech by BillClinton was long.", "Bill Clinton", "two_given_names"),
    ("Flights to NewYork were cancelled.", "New York", "web_phrase"),  # "new" a stopword, but a place's head
    ("Fans of JustinBieber queued all night.", "Justin Bieber", "given_name"),  # a hashtag's web frequency
])
def test_glued_words_split_with_evidence(text: str, expected: str, evidence: str) -> None:
    """Each split is made, and its ledger entry names the evidence that decided it."""
    blocks = run_one(GluedWordsStage(), text)
    assert expected in "\n".join(b.text for b in blocks)
    assert {r.rule for b in blocks for r in b.repairs} == {"split:" + evidence}


@pytest.mark.parametrize("text", [
    "Shares of SalesForce rose on Monday.",  # a phrase, but the web writes the glued form often: a name
    "Airlines of the StarAlliance met in Paris.",  # a given name that is a common word, then a common word
    "The PlayStation sold well; the PowerPoint deck was long.",  # glued forms commoner than the phrases
    "Turkish-based carrier SunExpress flies the jet.",  # no evidence at all
    "The SunExpress al fresco menu is new.",  # a particle needs its hyphen and a capital: "al-Haq"
    "Her sister DeeAnn came too.",  # two given names, the second short: a double given name
    "Her sister MaryAnn came too.",  # two given names the web writes as one
    "Read it on MetaFilter first.",  # a given name, then a common word, in a form the web writes
    "Spoiler-free CliffNotes of the plot.",  # the same
])
def test_glued_words_negatives(text: str) -> None:
    (block,) = run_one(GluedWordsStage(), text)
    assert block.text == text and not block.repairs


def test_lost_hyphen_only_where_the_document_spells_it() -> None:
    text = "Bashar al-Assad spoke.\n\nForces of Bashar alAssad moved.\n\nThe word alFoo stays."
    blocks = run_one(LostHyphenStage(), text)
    assert kept(blocks) == ["Bashar al-Assad spoke.", "Forces of Bashar al-Assad moved.", "The word alFoo stays."]
    (repair,) = blocks[1].repairs
    assert (repair.before, repair.after) == ("alAssad", "al-Assad")


def test_stray_punctuation_and_its_negatives() -> None:
    text = ".In the smoldering feud\n...and then it ended\n“Quoted” text\n.5 percent rose"
    assert kept(run_one(StrayPunctuationStage(), text)) == [
        "In the smoldering feud", "...and then it ended", "“Quoted” text", ".5 percent rose"]


def test_placeholder_marker() -> None:
    (block,) = run_one(PlaceholdersStage(), "Write to her at [email protected] today")
    assert block.text == "Write to her at [email] today"
    assert block.repairs[0].before == "[email protected]"


@pytest.mark.parametrize(("head", "tail", "drop"), [
    ("technol", "ogy", True), ("veh", "icles", True), ("well", "known", False), ("so", "called", False),
    ("al", "Maliki", False), ("stubble", "burning", False), ("north", "westerly", False),
])
def test_dehyphenation_gate(head: str, tail: str, drop: bool) -> None:
    assert drop_hyphen(head, tail, "en", frozenset()) is drop


# Compounds seen hyphenated in real text, whose parts or joined forms could pass a looser gate.
COMPOUNDS = ["co-op", "x-ray", "t-shirt", "e-mail", "u-turn", "re-enter", "pre-emptive", "de-escalate",
             "re-elected", "co-opted", "hip-hop", "sci-fi", "wi-fi", "mix-up", "lay-off", "spin-off", "trade-off",
             "know-how", "make-up", "set-up", "co-founder", "self-esteem", "one-off", "re-sign", "re-creation",
             "semi-final", "post-war", "cease-fire", "twenty-one", "well-being", "long-term", "so-called"]


@pytest.mark.parametrize(("head", "tail", "language"), [
    ("knock", "ing", "en"), ("passion", "ate", "en"),  # the tail is a suffix, the joined form a word
    ("bat", "tened", "en"), ("gekopp", "eltes", "de"),  # a part is no word, the joined form is known
])
def test_a_split_that_leaves_a_suffix_or_a_non_word_is_rejoined(head: str, tail: str, language: str) -> None:
    assert drop_hyphen(head, tail, language, frozenset())


@pytest.mark.parametrize("word", ["some-thing", "through-out", "under-standing", "counter-parts", "sub-stance",
                                  "every-thing", "back-ground"])
def test_a_common_word_split_into_two_words_is_rejoined(word: str) -> None:
    """Both parts are words, as common as the whole, but the web writes the whole as one word and not the
    pair spaced: the wrap's hyphen, named as that evidence."""
    head, tail = word.split("-", 1)
    assert hyphen_evidence(head, tail, "en", frozenset()) == (True, "common_word_not_spaced_on_web")


@pytest.mark.parametrize("compound", COMPOUNDS)
def test_real_compounds_keep_their_hyphen(compound: str) -> None:
    head, tail = compound.split("-", 1)
    assert not drop_hyphen(head, tail, "en", frozenset())


def test_a_head_that_is_no_word_is_rejoined_even_when_the_whole_is_unlisted() -> None:
    """A rare word cut anywhere leaves a head that is no word: no compound starts so. A head that is a word may
    start a compound with a rare second part; and in a language wordfreq has no list for, zero says nothing."""
    assert hyphen_evidence("zorbu", "lating", "en", frozenset()) == (True, "part_not_a_word")
    assert hyphen_evidence("hyper", "zorbular", "en", frozenset()) == (False, "unknown_word")
    assert hyphen_evidence("zorbu", "lating", "xx", frozenset()) == (False, "unknown_word")


def test_document_spelling_decides_dehyphenation() -> None:
    assert drop_hyphen("counter", "terrorism", "en", frozenset({"counterterrorism"}))
    assert not drop_hyphen("counter", "terrorism", "en", frozenset({"counter-terrorism"}))


@pytest.mark.parametrize("width", [55, 60, 72, 80])
@pytest.mark.parametrize("blank", [True, False])
def test_unwrap_recovers_paragraphs(width: int, blank: bool) -> None:
    # At these widths no paragraph's last line is full: its end is recoverable from the shape. Without blank
    # lines, a full line that ends a sentence is read as a paragraph end, so those widths are left out.
    for p, q in itertools.pairwise(PARAGRAPHS):
        assert len(textwrap.wrap(p, width)[-1]) + 1 + len(q.split()[0]) <= width
    inner_sentence_end = any(ends_sentence(line) for p in PARAGRAPHS for line in textwrap.wrap(p, width)[:-1])
    if not blank and inner_sentence_end:
        pytest.skip("a full line ends a sentence inside a paragraph: ambiguous without blank lines")
    record = clean_bytes(wrapped(width, blank).encode(), "w.txt")
    assert record["text"].rstrip("\n").split("\n\n") == PARAGRAPHS
    assert {r["rule"].split(":")[0] for r in record["repairs"]} <= {"join", "dehyphenate", "compound"}


def test_without_blank_lines_a_full_line_that_ends_a_sentence_ends_its_paragraph() -> None:
    body = ("The minister spoke to reporters outside the building on Monday morning. "
            "She said the plan would go ahead within a month, whatever the cost of it.")
    lines = textwrap.wrap(body, 72)
    assert ends_sentence(lines[0]) and is_full(lines[0], lines[1], 72)
    text = "\n".join([*lines, *textwrap.wrap(body, 72)]) + "\n"
    paragraphs = clean_bytes(text.encode(), "w.txt")["text"].rstrip("\n").split("\n\n")
    assert paragraphs[0] == lines[0]  # the cheaper error: a wrong break loses one paragraph, a wrong join two
    with_blanks = clean_bytes(text.replace(lines[-1] + "\n", lines[-1] + "\n\n", 1).encode(), "w.txt")
    assert with_blanks["text"].rstrip("\n").split("\n\n") == [" ".join(lines)] * 2


def test_an_invisible_character_after_a_sentence_end_still_ends_the_sentence() -> None:
    """A page's word joiner or zero-width space after the full stop is invisible: the line still ends a
    sentence, and where the next word would have fitted, its paragraph (the heading below stays its own)."""
    assert ends_sentence("Bukan dengan satu mata.\u2060\u2060") and ends_sentence("He left.\u200b")
    assert not ends_sentence("the word\u2060")
    body = ("The minister spoke to reporters outside the building on Monday morning and said that the "
            "plan would go ahead within a month, whatever it cost.")
    lines = [*textwrap.wrap(body, 72)]
    lines[-1] += "\u2060"
    text = "\n".join([*lines, "Reactions From Abroad", *textwrap.wrap(body, 72)]) + "\n"
    assert kept(run_one(UnwrapStage(), text))[:2] == [" ".join(lines), "Reactions From Abroad"]


def test_a_label_that_opens_many_lines_opens_a_paragraph_each_time() -> None:
    """An interview wrapped without blank lines: an answer that fills its last line without a full stop ("...
    Cape Town in South") before the next "Q:" reads as going on; the label the document opens line after line
    with says it does not."""
    turns = [("Q:", "Where did you grow up?"),
             ("A:", "On an island in the Caribbean, swimming every day and reading in the shade of the trees."),
             ("Q:", "Favourite places you have visited?"),
             ("A:", "A tie between Istanbul in Turkey and Cape Town in South"),
             ("Q:", "Most memorable live event you have attended?"),
             ("A:", "Watching from courtside as two players scored fifty points a piece in one game."),
             ("Q:", "What are your hobbies?"),
             ("A:", "Watching basketball, reading, travel, and time with my family.")]
    lines = [line for label, text in turns for line in textwrap.wrap(f"{label} {text}", 60)]
    assert kept(run_one(UnwrapStage(), "\n".join(lines) + "\n")) == [f"{label} {text}" for label, text in turns]
    assert labelled_lines(run_one(UnwrapStage(), "Note: one\nNote: two\n")) == set()  # twice is no pattern


def test_loosely_wrapped_text_joins_unfinished_lines_before_capitals() -> None:
    lines = ["The officials said on Monday that they had met with then-Iranian",
             "President Hassan Rouhani in the spring, and that he told them about",
             "plans for the region and the money it would need over the years,",
             "and they said the talks went on for a long time in the capital.",
             "He also admitted to meeting",
             "Americans. Five soldiers were kidnapped and then murdered that year.",
             "It has long been known that the leader",  # a second early break: one alone is an accident
             "of the group had close ties",
             "to the government, and that he worked with the Americans later on",
             "as an informant in the prison where they held him for some time."]
    paragraphs = clean_bytes(("\n".join(lines) + "\n").encode(), "l.txt")["text"].rstrip("\n").split("\n\n")
    assert paragraphs == [" ".join(lines[:4]), " ".join(lines[4:6]), " ".join(lines[6:])]


def test_line_end_hyphens() -> None:
    text = wrapped(60, blank=True) + (
        "\nHer friends, who were all well-\nknown in the town, said it was a great technol-\n"
        "ogy for the army, and the words went on for a while, and the al-\n"
        "Maliki government agreed to it in full on the following day.\n")
    record = clean_bytes(text.encode(), "h.txt")
    assert "well-known" in record["text"] and "technology" in record["text"] and "al-Maliki" in record["text"]
    rules = Counter(r["rule"] for r in record["repairs"])
    # each names its evidence: the compound kept for its capital ("al-Maliki"), the word for wordfreq's counts
    assert rules["compound:capital"] == 1 and rules["dehyphenate:word_commoner_than_parts"] == 1
    assert sum(n for rule, n in rules.items() if rule.startswith("compound:")) >= 2


def test_unwrap_leaves_unwrapped_text_alone(para: str) -> None:
    text = f"{para}\n{para}\nShort line\n{para}\n"
    record = clean_bytes(text.encode(), "u.txt")
    assert not [r for r in record["repairs"] if r["stage"].startswith(("unwrap", "dehyphenate"))]


def test_sentence_ends_and_abbreviations() -> None:
    assert ends_sentence("for the first time.") and ends_sentence("he said.”")
    assert not ends_sentence("captured by U.S.") and not ends_sentence("commander Maj. Gen.")
    assert continues("a line that ends with and", "Hezbollah went on", 80, loose=True)
    assert not continues("By Josh Rogin", "August 30 at 11:00 AM", 80)


def test_a_list_the_writer_broke_by_hand_keeps_its_items_in_wrapped_text() -> None:
    items = ["You build your website in its own little corner of the internet",
             "Search engines find it at the moment in time that it goes live",
             "People begin to discover and use it",
             "Your relationship with the people you attract grows day by day, and so does your list"]
    block = "\n".join(textwrap.fill(item, 64) for item in items)
    text = wrapped(64, blank=True) + "\n" + block + "\n\n" + wrapped(64, blank=True)
    paragraphs = clean_bytes(text.encode(), "l.txt")["text"].rstrip("\n").split("\n")
    assert all(item in paragraphs for item in items)
    # Without a hand-made break in the block, a capital after a full line is the same paragraph going on.
    prose = textwrap.fill("The money went to the committee that Senator Jane Smith chaired, and to "
                          "Governor Ann Lee as well, officials said on Monday in the capital.", 64)
    joined = clean_bytes((wrapped(64, blank=True) + "\n" + prose + "\n").encode(), "p.txt")["text"]
    assert " ".join(prose.split()) in joined.split("\n")


def test_greedy_wrap_never_breaks_early() -> None:
    """In a greedily wrapped document a line the next word would have fitted on is the writer's own break."""
    assert not continues("Laws on the subject:", "in Section 5 of the code, on records", 60)
    assert not continues("a list item that ends with and", "Hezbollah went on", 60)
    assert continues("a short line cut at a compound, al-", "Maliki said", 60)
    assert not continues("また、その他にも、", "もとの商品", 77)
    assert continues("また、その他にも、", "もとの商品", 19)  # full: the next character would not fit


@pytest.mark.parametrize("stage", [GluedWordsStage(), LostHyphenStage(), StrayPunctuationStage(),
                                   PlaceholdersStage()])
def test_repair_stages_are_idempotent(stage) -> None:
    text = "QasemSuleimani met Suleimani.\n.In al-Assad and alAssad [email protected]\n"
    once = run_one(stage, text)
    again = run_one(stage, "\n".join(b.text for b in once))
    assert [b.text for b in again] == [b.text for b in once]
    assert all(not b.repairs for b in again)


def test_whole_pipeline_is_idempotent_on_a_wrapped_document() -> None:
    first = clean_bytes(WRAPPED.encode(), "w.txt")["text"]
    assert clean_bytes(first.encode(), "w.txt")["text"] == first


def test_context_unused_marker() -> None:
    assert Context(decoded="x").wrap_width is None


def test_a_lone_placeholder_survives_a_second_cleaning() -> None:
    """Found by benchmarks/fuzz.py: '[email]' alone on a line was then taken for an 'Email' button."""
    first = clean_bytes(b"[EMAIL PROTECTED]\n", "p.txt")["text"]
    assert first == "[email]\n"
    assert clean_bytes(first.encode(), "p.txt")["text"] == first


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*list("aBcQsMx@#/.-' \nÄéЯяßÿЁёÀÞ’ř"), "Qasem", "Suleimani", "Mc", "Don"]), max_size=30)
       .map("".join))
def test_fast_candidate_scan_finds_what_the_reference_pattern_finds(text: str) -> None:
    assert candidates_in(text) == set(CANDIDATE.findall(text))


_CAPITALISED = st.tuples(st.sampled_from("AQZÀÖØÞАЯЁ"), st.sampled_from("aqzßöøÿаяёя")).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_CAPITALISED, st.sampled_from([" ", "\n", "@", "x", "’", "-"])), max_size=12).map("".join))
def test_the_byte_gate_lets_every_capital_and_small_letter_through(text: str) -> None:
    """Glued tokens of every upper- and lower-case range of the pattern, in UTF-8 of one to two bytes."""
    assert candidates_in(text) == set(CANDIDATE.findall(text))


@pytest.mark.parametrize("small", list("azßàöøÿаяпрё"))  # each range's ends, and where Cyrillic's lead byte turns
@pytest.mark.parametrize("capital", list("AZÀÖØÞАЯЁ"))
def test_a_glued_token_is_found_at_every_range_end(capital: str, small: str) -> None:
    token = f"{capital}{small}{capital}{small}"
    assert candidates_in(f"“{token}” and {token}.") == {token}


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aZ-\n é", max_size=16))
def test_hyphen_joints_are_the_joint_patterns_matches(text: str) -> None:
    assert hyphen_joints(text) == [m.start() for m in _JOINT.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab _-é1\n", max_size=24), st.text(alphabet="abé1", min_size=1, max_size=3))
def test_word_counts_are_the_token_counts(text: str, word: str) -> None:
    assert WordCounts(text)[word] == Counter(re.findall(r"\w+", text))[word]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab _-é1\n", max_size=20), st.text(alphabet="ab é", min_size=1, max_size=4))
def test_stands_alone_is_the_word_boundary_search(text: str, phrase: str) -> None:
    assert stands_alone(phrase, text) == bool(re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text))


@pytest.mark.parametrize("language", ["ja", "zh", "ko"])
def test_glued_words_in_a_cjk_document_do_not_need_cjk_tokenizers(language: str) -> None:
    # wordfreq imports MeCab/jieba for these languages; they are not installed, and must not be needed.
    assert zipf("executive", language) == zipf("executive", "en") > 0
    record = clean_bytes("これはテストです。新しい製品について、 ChiefExecutive が発表しました。これは長い文章です。\n"
                         .encode(), "ja.txt")
    assert record["language"] == "ja" and "Chief Executive" in record["text"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Magic", "Keyboard", "Оля", "Малышева", "x", " ", "  ", "\n", "-", "a"]), max_size=14)
       .map("".join))
def test_spaced_pairs_are_the_reference_patterns_pairs(text: str) -> None:
    reference = _SPACED_PAIR.findall(text)
    for prefix in {first[:2] for first, _ in reference} | {"Ma", "Ол", "Ke"}:
        assert sorted(spaced_pairs(prefix, text)) == sorted(p for p in reference if p[0].startswith(prefix))


def test_a_glued_form_the_web_knows_splits_only_where_the_document_spaces_it_more() -> None:
    spaced_twice = ("The White House said on Monday that it would act. Officials at the White House agreed. "
                    "Later the WhiteHouse press office said more.")
    assert "White House press office" in kept(run_one(GluedWordsStage(), spaced_twice))[0]
    spaced_once = "The White House said on Monday that it would act. Later the WhiteHouse press office said more."
    assert "WhiteHouse press office" in kept(run_one(GluedWordsStage(), spaced_once))[0]


def test_an_identifier_of_three_parts_stays_whole_unless_every_part_stands_alone() -> None:
    """Code and product names run three capitalised parts together ("NativeWindowMonitor"); a glued name
    pair has two. The parts' being words elsewhere ("the window", "a monitor") is no evidence for them."""
    from archiver.document import clean_bytes

    code = ("The NativeWindowMonitor class extends Monitor and watches a Window of the desktop for the "
            "application.\n")
    assert "NativeWindowMonitor class" in clean_bytes(code.encode(), "x.txt")["text"]
    names = ("Native Window Monitor is a name we use alone, and so are Native, Window and Monitor. The "
             "NativeWindowMonitor team met on Tuesday.\n")
    assert "Native Window Monitor team" in clean_bytes(names.encode(), "x.txt")["text"]


# The learned paragraph ends (unwrap.v7): where nothing marks paragraphs, the model judges the full lines.

def _no_blank_blocks(text: str) -> tuple[list, Context, int]:
    from archiver.core.pipeline import run_stages
    from archiver.core.stages import default_stages
    from archiver.core.text.wrapping import document_wrap_width

    stages = default_stages()
    blocks, ctx = run_stages(text, stages[: [type(s) for s in stages].index(UnwrapStage)])
    return blocks, ctx, document_wrap_width(blocks, ctx)


def _story(width: int) -> str:
    """Three paragraphs of news prose wrapped at ``width`` without blank lines."""
    paragraphs = [
        "The council met on Tuesday to discuss the new budget for the coming year. Members argued for hours "
        "about the cost of the bridge repairs, which have been delayed twice since the spring floods.",
        "Residents who attended the meeting said they were worried about the closures. Several asked why the "
        "work could not be done at night, when the traffic on the old road is much lighter than by day.",
        "The mayor promised an answer within two weeks. She said the engineers would report to the council "
        "before the end of the month, and that the public would be able to read their findings online.",
    ]
    return "\n".join(line for p in paragraphs for line in textwrap.wrap(p, width)) + "\n"


@pytest.mark.parametrize("width", [52, 64, 76])
def test_the_model_judges_only_full_lines_before_a_line_that_does_not_go_on_in_lower_case(width: int) -> None:
    from archiver.core.stages.unwrap import BOUNDARY_CUES, _raw_lines, boundary_rows, judged_by_model
    from archiver.core.text.paragraph_odds import ParagraphOdds

    blocks, ctx, found = _no_blank_blocks(_story(width))
    assert found
    odds = ParagraphOdds.count(_raw_lines(blocks, ctx), found)
    every = boundary_rows(blocks, ctx, found, odds, only_judged=False)
    judged = boundary_rows(blocks, ctx, found, odds)
    assert every and all(len(row) == len(BOUNDARY_CUES) for row in every.values())
    assert judged == {i: row for i, row in every.items() if judged_by_model(row)}
    for i in judged:
        a = ctx.decoded[blocks[i - 1].raw_start:blocks[i - 1].raw_end]
        assert is_full(a, blocks[i].text, found) and not blocks[i].text[:1].islower()


@pytest.mark.parametrize("width", [52, 64, 76])
def test_runs_unfinished_is_run_ends_unfinished_for_every_line(width: int) -> None:
    from archiver.core.stages.unwrap import run_ends_unfinished, runs_unfinished

    text = _story(width).replace(".", "", 2)  # a run of lines with no sentence end in it
    blocks, ctx, found = _no_blank_blocks(text)
    assert runs_unfinished(blocks, ctx, found) == [run_ends_unfinished(blocks, i, ctx, found)
                                                    for i in range(len(blocks))]


def test_the_shipped_paragraph_model_reads_the_cues_the_stage_computes() -> None:
    from archiver.core.stages.unwrap import paragraph_model

    model = paragraph_model()
    assert model is not None and 0.0 < model.threshold < 1.0


@pytest.mark.parametrize("width", [52, 64])  # at 76 the first line ends a sentence at a wrap point: ambiguous
def test_a_join_the_model_decided_says_so_and_the_paragraphs_come_back(width: int) -> None:
    record = clean_bytes(_story(width).encode(), "story.txt")
    rules = {r["rule"] for r in record["repairs"]}
    assert rules <= {"join", "join:model"}
    assert len([p for p in record["text"].split("\n") if p.strip()]) == 3


@pytest.mark.parametrize(("head", "tail"), [("corrupt", "ion"), ("automatic", "ally"), ("profit", "ability"),
                                            ("express", "ion")])
def test_a_suffix_that_is_also_a_word_is_no_compound_part(head: str, tail: str) -> None:
    """"ion", "ally", "ability" are words to wordfreq, but no compound ends in them: the wrap split one word."""
    assert drop_hyphen(head, tail, "en", frozenset())


def test_a_compound_ending_in_such_a_word_keeps_its_hyphen() -> None:
    assert not drop_hyphen("sodium", "ion", "en", frozenset())  # "sodiumion" is no word
