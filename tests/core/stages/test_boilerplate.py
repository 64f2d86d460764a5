"""The learned boilerplate stage: its cues, its decisions on small pages, and what it must never drop."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archiver.core.blockcues import CONTEXT_NAMES, FEATURE_NAMES, document_cues, neighbour_cues
from archiver.core.stages.boilerplate import (
    MIN_BLOCKS,
    TAKE_BACK_PROBABILITY,
    BoilerplateStage,
    boilerplate_model,
)
from archiver.document import clean_bytes
from tests.core.stages.conftest import clean, kept
from tests.helpers import blocks_of

ARTICLE = [
    "The city council voted on Tuesday to rebuild the old harbour wall, which storms breached twice last winter, "
    "flooding the streets of the lower town and closing the ferry terminal for most of a week.",
    "Engineers told the council that the repair would take two years and cost about four million euros, "
    "more than the town had set aside, and that the rest would have to come from the regional government.",
    "Residents who live near the water said they had waited a long time for a decision, and welcomed it, "
    "though several asked why the work could not begin before the next winter storms arrive in November.",
    "The work is due to start in the spring, once the fishing season is over and the boats are ashore, "
    "and the ferry will run from a temporary pier on the other side of the bay until it is finished.",
]
TEASERS = ["Harbour wall plans put to residents", "Ferry timetable changes for winter",
           "Storm damage: what the insurers say", "Council elections: the candidates"]
MENU = ["Home", "News", "Sport", "Weather", "Contact us", "Sign in"]


def test_cue_rows_have_the_declared_names() -> None:
    rows = document_cues(blocks_of(MENU + ARTICLE))
    assert len(rows) == len(MENU) + len(ARTICLE)
    assert all(len(row) == len(FEATURE_NAMES) for row in rows)
    assert all(math.isfinite(v) for row in rows for v in row)
    assert document_cues([]) == []
    cues = document_cues(blocks_of(MENU[:3]))
    around = neighbour_cues([0.1, 0.9, 0.8], cues)
    assert len(around) == 3 and all(len(row) == len(CONTEXT_NAMES) for row in around)


def test_a_run_of_content_apart_from_the_page_s_text_reads_as_its_own_run() -> None:
    """The article's paragraphs (one caption the first model doubts between them) are the largest run; a
    reader's comment three furniture lines below is a run of its own, a small share of it, after it."""
    lines = ["Home", *ARTICLE[:2], "Photo: harbour wall", *ARTICLE[2:], "Reply", "12 comments", "Share",
             "I live near the harbour and the wall has needed this for years."]
    p = [0.1, 0.9, 0.9, 0.3, 0.9, 0.9, 0.1, 0.1, 0.1, 0.8]
    around = neighbour_cues(p, document_cues(blocks_of(lines)))
    cue = {name: [row[k] for row in around] for k, name in enumerate(CONTEXT_NAMES)}
    assert cue["run_share"][1:6] == [1.0] * 5  # the caption lies inside the run
    assert cue["run_share_tight"][3] == 0.0 and cue["run_share_tight"][4] == 1.0  # ... or splits it
    assert 0.0 < cue["run_share"][9] < 0.2
    assert cue["main_run_offset"][0] < 0 < cue["main_run_offset"][9] and cue["main_run_offset"][3] == 0.0
    assert cue["mass_before_p"][1] < 0.05 and cue["mass_before_p"][9] > 0.9
    assert 0.0 < cue["doc_mean_p"][0] < 1.0


def test_the_shipped_model_matches_the_cues() -> None:
    """Every split reads a cue the stage computes (the first model its own cues only); the node lists are
    whole trees (``TreeEnsemble.from_json`` refuses others)."""
    model = boilerplate_model()
    for ensemble, width in ((model.first, len(FEATURE_NAMES)), (model.second, len(FEATURE_NAMES) + len(CONTEXT_NAMES))):
        assert ensemble.roots and all(0 <= f < width for f in ensemble.split_features())
    assert any(f >= len(FEATURE_NAMES) for f in model.second.split_features())  # the neighbours' scores are read
    assert 0.0 < model.threshold < 1.0


def test_menu_goes_article_stays_and_the_rule_names_cues() -> None:
    blocks, _ = clean("\n".join(MENU) + "\n\n" + "\n\n".join(ARTICLE) + "\n\n" + "\n".join(MENU[:4]) + "\n")
    assert kept(blocks) == ARTICLE
    # A whole page as html2text renders it: a navigation list of links, the article, teaser links, a footer.
    def link_list(words: list[str]) -> str:
        return "\n".join(f"  * [{w}](http://example.com/{w.lower().replace(' ', '-')}.html)" for w in words)
    nav = ["Home", "News", "Sport", "Weather", "Business", "Politics", "Health", "Science", "Travel", "Culture"]
    foot = ["About us", "Contact", "Privacy", "Terms", "Advertise", "Careers"]
    page = (link_list(nav) + "\n\n" + "\n\n".join(ARTICLE * 2) + "\n\n" + link_list(TEASERS) + "\n\n"
            + link_list(foot) + "\n")
    blocks, _ = clean(page)
    assert all(paragraph in kept(blocks) for paragraph in ARTICLE)
    # On a page this short the model leans to furniture on the menu's ends without always crossing the
    # threshold (a known weakness, docs/boilerplate-model.md); the rule a drop carries names the cues that
    # pushed the line furthest that way.
    model = boilerplate_model()
    lines = [line for line in page.split("\n") if line.strip()]
    probabilities, rows = model.score(blocks_of(lines))
    ends = [k for k, line in enumerate(lines) if "[Home]" in line or "[Careers]" in line]
    assert len(ends) == 2 and all(probabilities[k] < 0.5 for k in ends)
    model_drops = [b.dropped_by[1] for b in blocks if b.dropped_by and b.dropped_by[0] == BoilerplateStage().id]
    for rule in [f"model:{model.against(rows[k])}" for k in ends] + model_drops:
        assert rule.startswith("model:")
        for cue in rule[len("model:"):].split("+"):
            name, _, level = cue.partition("=")
            assert name in FEATURE_NAMES + CONTEXT_NAMES and level in ("low", "high")


@pytest.mark.parametrize("inside", [
    ["Results of the race:", "1. Anna Berg, 2:31:04", "2. Maria Lind, 2:32:40", "3. Eva Holm, 2:35:12"],
    ["The tour visits these cities:", "March 3 - Berlin", "March 5 - Hamburg", "March 8 - Munich"],
    ["Die Stadt plant drei Schritte:", "1. Die Mauer wird erneuert.", "2. Der Hafen wird vertieft.",
     "3. Die Promenade wird verbreitert."],
])
def test_lists_inside_an_article_are_text(inside: list[str]) -> None:
    """Issue 24: numbered lists, calendars and tour dates inside an article were dropped as furniture."""
    text = "\n\n".join(ARTICLE[:2]) + "\n\n" + "\n".join(inside) + "\n\n" + "\n\n".join(ARTICLE[2:]) + "\n"
    blocks, _ = clean(text)
    assert all(line in kept(blocks) for line in inside), [b.dropped_by for b in blocks if b.dropped_by]


def test_a_layout_rule_drop_of_prose_the_model_is_sure_of_is_taken_back() -> None:
    """A paragraph amid the article that ``region``, ``cards`` or ``comments`` dropped by where it stands."""
    article = blocks_of(ARTICLE + ARTICLE)
    assert len(article) >= MIN_BLOCKS
    probabilities, _ = boilerplate_model().score(article)
    assert probabilities[2] >= TAKE_BACK_PROBABILITY
    for drop in (("region.v3", "tail"), ("cards.v1", "card_run"), ("comments.v2", "thread")):
        blocks = [*article[:2], article[2].dropped(*drop), *article[3:]]
        assert BoilerplateStage().apply(blocks, None)[2].kept  # type: ignore[arg-type]


@pytest.mark.parametrize("drop", [("related.v5", "teaser_run"), ("head.v5", "above_byline"),
                                  ("captions.v3", "caption"), ("metadata.v5", "metadata.title"),
                                  ("widgets.v5", "paywall"), ("trailer.v4", "copyright")])
def test_other_rules_drops_stand(drop: tuple[str, str]) -> None:
    """Only the layout rules' drops are weighed again: the others' stand, however sure the model is."""
    article = blocks_of(ARTICLE + ARTICLE)
    blocks = [*article[:2], article[2].dropped(*drop), *article[3:]]
    assert BoilerplateStage().apply(blocks, None)[2].dropped_by == drop  # type: ignore[arg-type]


def test_a_layout_rule_drop_of_furniture_stands() -> None:
    blocks = [*blocks_of(ARTICLE + ARTICLE), *(b.dropped("region.v3", "tail") for b in blocks_of(MENU))]
    probabilities, _ = boilerplate_model().score(blocks)
    assert all(p < TAKE_BACK_PROBABILITY for p in probabilities[len(ARTICLE) * 2:])
    assert BoilerplateStage().apply(blocks, None)[len(ARTICLE) * 2:] == blocks[len(ARTICLE) * 2:]  # type: ignore[arg-type]


def test_a_handful_of_lines_is_left_to_the_rules() -> None:
    """Too little context to judge (and cleaning the clean text again must not change it)."""
    blocks = blocks_of(MENU[:MIN_BLOCKS - 1])
    assert BoilerplateStage().apply(blocks, None) == blocks  # type: ignore[arg-type]


def test_a_document_is_never_emptied_by_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = blocks_of(MENU + MENU)
    model = boilerplate_model()
    monkeypatch.setattr(model, "threshold", 1.01)  # every line below it: the model would drop them all
    assert BoilerplateStage().apply(blocks, None) == blocks  # type: ignore[arg-type]
    scores, _ = model.score(blocks)
    monkeypatch.setattr(model, "threshold", (min(scores) + max(scores)) / 2)  # some lines below it: those go
    after = BoilerplateStage().apply(blocks, None)  # type: ignore[arg-type]
    assert any(b.kept for b in after) and not all(b.kept for b in after)


@given(st.lists(st.text(min_size=0, max_size=80), max_size=30))
def test_never_crashes_and_is_deterministic(lines: list[str]) -> None:
    blocks = blocks_of([line.replace("\n", " ") for line in lines])
    stage = BoilerplateStage()
    first = stage.apply(blocks, None)  # type: ignore[arg-type]
    assert first == stage.apply(blocks, None)  # type: ignore[arg-type]
    assert len(first) == len(blocks)


@pytest.mark.parametrize("section", ["Discussion", "Responses", "Comments"])
def test_an_articles_section_named_like_a_thread_is_kept(section: str) -> None:
    """A heading that names a readers' thread ("Discussion", "Responses") inside an article is no thread's
    head: the article text above and around it keeps the section."""
    paragraphs = [f"The study followed {240 + n} patients over three years, measuring their blood pressure every "
                  "month and recording what they ate, how much they slept and how often they exercised." for n in range(6)]
    after = ["These results suggest that a daily walk may do as much for blood pressure as a first medicine, the "
             "authors write, though they caution that the patients chose whether to walk.",
             "The authors call for a trial in which patients are assigned to walk or not, so that the effect can be "
             "separated from the habits of those who choose to walk."]
    text = "\n\n".join(["Walking lowers blood pressure, a three-year study finds", *paragraphs, section, *after])
    cleaned = clean_bytes(text.encode("utf-8"), "study.txt")["text"]
    assert all(paragraph in cleaned for paragraph in after)
