"""The metadata stage on small inputs, its negatives, and the seeds' gold fields."""

import json
from pathlib import Path

import pytest

from archiver.core.text.metadata_text import dateline, is_masthead, parse_authors, parse_byline, parse_date
from archiver.document import clean_bytes
from tests.core.stages.conftest import clean, kept
from tests.shared import GOLD, requires_shared

FIELDS = ("title", "subtitle", "authors", "date", "date_text", "dateline", "publication")
BODY = ("WASHINGTON — The minister said on Tuesday that the new rules would come into force next year, "
        "after a long consultation with the industry and with the unions of the country.")


def test_parsers() -> None:
    assert parse_authors("By Eric Schmitt, Mark Mazzetti and Michael R. Gordon") == [
        "Eric Schmitt", "Mark Mazzetti", "Michael R. Gordon"]
    assert parse_authors("By Jay Solomon And Siobhan Gorman") == ["Jay Solomon", "Siobhan Gorman"]
    assert parse_authors("By the time the police arrived, the crowd had left") == []
    assert parse_date("appeared April 4, 2012, on page A1").iso == "2012-04-04"
    assert parse_date("August 30 at 11:00 AM") is None
    assert dateline("WASHINGTON—The George W. Bush administration") == "WASHINGTON"
    assert dateline("BAGHDAD (Reuters) - Iraqi forces") == "BAGHDAD"
    assert dateline("WHO said on Monday") is None
    assert is_masthead("The New York Times") and not is_masthead("The Career of the General")


def test_head_lines_become_metadata_and_leave_the_body() -> None:
    text = f"A Headline About Things Here\n\nA dek that sums the story up for readers\n\nBy Jane Doe\n\n{BODY}\n"
    blocks, ctx = clean(text)
    assert kept(blocks) == [BODY]
    md = ctx.metadata
    assert (md["title"], md["subtitle"], md["authors"], md["dateline"]) == (
        "A Headline About Things Here", "A dek that sums the story up for readers", ["Jane Doe"], "WASHINGTON")
    rules = {b.dropped_by[1] for b in blocks if b.dropped_by}
    assert rules == {"metadata.title", "metadata.subtitle", "metadata.authors"}


def test_print_note_gives_date_and_publication() -> None:
    note = ("A version of this article appeared April 4, 2012, on page A1 in some U.S. editions of "
            "The Wall Street Journal, with the headline: Something.")
    _, ctx = clean(f"{BODY}\n\n{BODY}\n\n{note}\n")
    assert (ctx.metadata["date"], ctx.metadata["date_text"], ctx.metadata["publication"]) == (
        "2012-04-04", "April 4, 2012", "The Wall Street Journal")


def test_negatives_by_sentence_and_title_cased_heading() -> None:
    by = "By the time the police arrived, most of the protesters had gone home."
    heading = "The Career of the General"
    text = f"{BODY}\n\n{by}\n\n{heading}\n\n{BODY}\n"
    blocks, ctx = clean(text)
    assert kept(blocks) == [BODY, by, heading, BODY]
    assert ctx.metadata["title"] is None and ctx.metadata["authors"] == []


def test_a_clean_body_keeps_its_short_first_line() -> None:
    text = f"Why it matters\n\n{BODY}\n\n{BODY}\n"
    blocks, ctx = clean(text)
    assert kept(blocks)[0] == "Why it matters"
    assert ctx.metadata["title"] is None


@requires_shared("gold")
@pytest.mark.parametrize("stem", sorted(p.stem for p in GOLD.glob("*.json")) if GOLD.is_dir() else [])
def test_seed_metadata_matches_gold(stem: str) -> None:
    gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    raw = (GOLD.parent / "seeds" / gold["source"]).read_bytes()
    metadata = clean_bytes(raw, gold["source"])["metadata"]
    assert {f: metadata[f] for f in FIELDS} == {f: gold[f] for f in FIELDS}


ISSUE_26 = Path(__file__).parent.parent.parent / "data" / "metadata"


@pytest.mark.parametrize(("name", "expected"), [
    ("copy_pasted.txt", {"title": "City Council Approves New Budget for Parks", "authors": ["Maria Gonzalez"],
                         "date": "2024-03-03",
                         "subtitle": "Spending on playgrounds will double over the next three years, officials said"}),
    ("email.txt", {"title": "Local library reopens after two years of repairs", "subtitle": None,
                   "authors": ["Tom Hartley"], "date": "2024-03-03", "dateline": None}),
    ("spanish.txt", {"title": "El Gobierno aprueba el nuevo plan de vivienda", "authors": ["Lucía Fernández"],
                     "date": "2024-03-14"}),
    ("german_outlet_byline.txt", {"authors": [], "publication": "SPIEGEL ONLINE", "subtitle": None,
                                  "date": "2024-03-14"}),
])
def test_issue_26_single_pages(name: str, expected: dict) -> None:
    """The pages a new user tried (issue 26): each head line that leaves the body lands in a field; names
    only in ``authors`` (no role, place or outlet); dates in other languages' spellings."""
    raw = (ISSUE_26 / name).read_bytes()
    record = clean_bytes(raw, name)
    assert {k: record["metadata"][k] for k in expected} == expected
    for entry in record["removed"]:
        if entry["rule"].startswith("metadata."):
            assert entry["rule"].split(".")[1].split("+")[0] in {
                "title", "subtitle", "authors", "date", "publication", "attribution"}, entry


@pytest.mark.parametrize(("line", "people", "outlets"), [
    ("By Tom Hartley, Staff Writer", ["Tom Hartley"], []),
    ("Von SPIEGEL ONLINE, Hamburg, Germany", [], ["SPIEGEL ONLINE"]),
    ("Por Lucía Fernández", ["Lucía Fernández"], []),
    ("Von Anna Müller und Jan Schmidt", ["Anna Müller", "Jan Schmidt"], []),
    ("By Associated Press", [], ["Associated Press"]),
    ("By the time the police arrived", [], []),
    ("By ROD NORDLAND and MAYY EL SHEIKH", ["ROD NORDLAND", "MAYY EL SHEIKH"], []),
    ("Written by Jane Roe on 24/10/12", ["Jane Roe"], []),
    ("By Ann Lee, Tom Berg and Eva Holm | The Daily Courier", ["Ann Lee", "Tom Berg", "Eva Holm"], []),
    ("Ein Kommentar von Anna Schmidt", ["Anna Schmidt"], []),  # the article's kind before the byline word
    ("Analysis by Jane Roe", ["Jane Roe"], []),
    ("Une analyse de Marie Dupont", [], []),  # "de" opens no byline in the lexicon: not read as one
])
def test_a_byline_names_people_apart_from_roles_places_and_outlets(
        line: str, people: list[str], outlets: list[str]) -> None:
    assert parse_byline(line) == (people, outlets)


@pytest.mark.parametrize(("text", "iso"), [
    ("Published March 3, 2024", "2024-03-03"),
    ("14. März 2024, 10:31 Uhr", "2024-03-14"),
    ("14 de marzo de 2024", "2024-03-14"),
    ("le 5 mai 2023 à 18h", "2023-05-05"),
    ("12 marca 2021", "2021-03-12"),
    ("Aggiornato il 3 giugno 2022", "2022-06-03"),
    ("2024-03-14T10:00:00Z", "2024-03-14"),
    ("Stand: 14.03.2024", "2024-03-14"),
    ("3/14/2024", "2024-03-14"),
    ("14/3/2024", "2024-03-14"),
    ("2024年3月14日", "2024-03-14"),
    ("Jan. 5th, 2010", "2010-01-05"),
    ("11.14.2019 09:00 AM", "2019-11-14"),  # dotted, month first: 14 cannot be a month
    ("21:17 18.11.2019Get short URL", "2019-11-18"),  # the next word glued on by the scraper
    ("Published Wed, Nov 20 20194:29 AM EST", "2019-11-20"),  # the clock time glued on
])
def test_dates_in_the_languages_the_cleaner_reads(text: str, iso: str) -> None:
    fact = parse_date(text)
    assert fact is not None and fact.iso == iso


@pytest.mark.parametrize("text", ["in 2024", "call 14.03", "10:31", "3/14", "version 1.2.2024b", "14.13.2024"])
def test_no_date_without_day_month_and_year(text: str) -> None:
    assert parse_date(text) is None


def test_the_title_is_the_head_line_the_lede_repeats_not_a_navigation_line_above_it() -> None:
    """A German page's head: a back link and a section's name stand above the headline; the lede repeats the
    headline's words ("Radweg", "Radwegs"), not theirs. The byline after the date is read too."""
    body = ("Der Stadtrat hat in seiner jüngsten Sitzung mit großer Mehrheit den Bau eines neuen Radwegs entlang "
            "des Flussufers beschlossen. Die Arbeiten sollen im Frühjahr beginnen und im Herbst enden.")
    text = ("Zurück zur Übersicht\nNachrichten aus der Region\nStadtrat beschließt neuen Radweg am Fluss\n"
            f"Veröffentlicht am 2. Februar 2023 von Thomas Müller\n{body}\n\n{body}\n")
    record = clean_bytes(text.encode(), "page.txt")
    assert record["metadata"]["title"] == "Stadtrat beschließt neuen Radweg am Fluss"
    assert record["metadata"]["authors"] == ["Thomas Müller"]
    assert record["metadata"]["date"] == "2023-02-02"
    assert "Zurück zur Übersicht" not in record["text"]


_BODY_DE = ("Der Bundestag hat am Donnerstag das umstrittene Gesetz verabschiedet. Nach langen Verhandlungen stimmte "
            "eine Mehrheit der Abgeordneten für den Entwurf der Regierung.\n"
            "Eigentümer müssen beim Einbau einer neuen Heizung künftig auf erneuerbare Energien achten. Für bestehende "
            "Anlagen gelten lange Übergangsfristen.\n"
            "Kritik kam von der Opposition, die das Verfahren als übereilt bezeichnete.\n")


@pytest.mark.parametrize("head", [
    "Politik\nBundestag stimmt Heizungsgesetz zu\nEin Kommentar von Anna Schmidt\nVeröffentlicht am 14. März 2024\n",
    "Bundestag stimmt Heizungsgesetz zu\nvon Anna Schmidt, Berlin\n14.3.2024\n",
    "Bundestag stimmt Heizungsgesetz zu\nAnna Schmidt\n14.03.2024\n",
])
def test_a_german_head_without_blank_lines_gives_title_author_and_date(head: str) -> None:
    """A whole page as one line per element (BeautifulSoup's rendering): a title ending in a particle ("stimmt
    ... zu") is not run into the byline or the name under it, and "Ein Kommentar von" names its author."""
    record = clean_bytes((head + _BODY_DE).encode(), "seite.txt")
    md = record["metadata"]
    assert (md["title"], md["authors"], md["date"]) == ("Bundestag stimmt Heizungsgesetz zu", ["Anna Schmidt"],
                                                        "2024-03-14")


def test_a_markdown_heading_mark_is_no_part_of_the_title() -> None:
    # html2text renders <h1> as "# Title"
    record = clean_bytes(("# Bundestag stimmt Heizungsgesetz zu\n\nVon Anna Schmidt\n\n14.03.2024\n\n" + _BODY_DE)
                         .encode(), "seite.txt")
    assert record["metadata"]["title"] == "Bundestag stimmt Heizungsgesetz zu"
