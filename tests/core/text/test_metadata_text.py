"""The byline and name readers of ``archiver/core/text/metadata_text.py`` on the forms whole pages write (issue 26)."""

from __future__ import annotations

import pytest

from archiver.core.text.metadata_text import byline_authors, is_person_name, name_alone, relative_date


@pytest.mark.parametrize(("line", "authors"), [
    ("By Umair Irfan Updated Nov 13, 2019, 10:28am EST", ["Umair Irfan"]),
    ("By Mike Wall 2019-11-18T20:51:19Z Science & Astronomy", ["Mike Wall"]),
    ("By Kashmira Gander On 11/13/19 at 4:00 PM EST", ["Kashmira Gander"]),
    ("Von Moritz Bachmann publiziert am 25. September 2018", ["Moritz Bachmann"]),
    ("Текст: Венера Ерофеева·24 сентября 2018", ["Венера Ерофеева"]),
    ("By Natasha Turak@NatashaTurak", ["Natasha Turak"]),
    ("By Helen Briggs BBC News", ["Helen Briggs"]),
    ("October 25th, 2012 by Dan Meyer", ["Dan Meyer"]),
    ("11.05.12 Written by Ashley Burns", ["Ashley Burns"]),
    ("Autor: Hans Meier", ["Hans Meier"]),
    ("By ROD NORDLAND and MAYY EL SHEIKH", ["ROD NORDLAND", "MAYY EL SHEIKH"]),
    ("Von Anna Müller und Jan de Vries", ["Anna Müller", "Jan de Vries"]),
    ("By Sean Martin Sean Martin", ["Sean Martin"]),  # a link's text printed beside its label
    ("by Ann Regan December 6, 2017", ["Ann Regan"]),  # the date starts at its month
    ("By April Smith", ["April Smith"]),  # a month's name that opens no date is a name
    ("Posted by Jessica Sapick, Product Marketing Manager, Mobile Ads", ["Jessica Sapick"]),  # roles after it
    ("By A. Smith, B. Jones and C. White", ["A. Smith", "B. Jones", "C. White"]),
    ("by John on July 22, 2012", ["John"]),  # a given name alone is a person
    ("Veröffentlicht am 2. Februar 2023 von Thomas Müller", ["Thomas Müller"]),  # a dated line's byline, any
    ("14 mars 2024 par Jean Dupont", ["Jean Dupont"]),                           # of the lexicon's byline words
    ("14 de marzo de 2024, por Lucía Fernández", ["Lucía Fernández"]),
])
def test_the_people_a_byline_names(line: str, authors: list[str]) -> None:
    assert byline_authors(line) == authors


@pytest.mark.parametrize("line", [
    "This post was written by Nigel Powell",  # a sentence, not a dated byline
    "Die Rede wurde von Thomas Müller gehalten",  # a sentence with "von" in it
    "Posted on June 3, 2019 by admin",        # no capital after the byline word: no name
    "Von SPIEGEL ONLINE, Hamburg",             # an outlet and a place
    "By Associated Press",
    "By @handle",
    "Share this story",
])
def test_no_people_where_a_line_names_none(line: str) -> None:
    assert byline_authors(line) == []


@pytest.mark.parametrize(("line", "name"), [
    ("Richard Hollingham", True), ("Harry J Enten", True), ("Simon Bowers", True),
    ("Grant Park", False), ("Hong Kong", False), ("Read More", False), ("Most Read", False),
    ("Bubbles Ltd", False), ("Richard Hollingham wrote this", False), ("Simon Bowers's", False),
    ("Simon Bowers’", False),
])
def test_a_name_alone_on_its_line(line: str, name: bool) -> None:
    assert is_person_name(line) is name


@pytest.mark.parametrize(("line", "name"), [
    ("Natasha Turak@NatashaTurak", "Natasha Turak"),
    ("Bruce Y. Lee Senior Contributor", "Bruce Y. Lee"),
    ("November 20, 2019 Emiliano Bellini", "Emiliano Bellini"),
    ("Richard Hollingham", "Richard Hollingham"),
    ("Steven Mazie on November 8, 2012, 10:08 AM", "Steven Mazie"), ("* Simon Bowers", "Simon Bowers"),
    ("Adam Rank | Tags: Monday Nightmare", "Adam Rank"),
    ("Grant Park", None), ("November 20, 2019", None), ("Markets", None), ("Senior Contributor", None),
    ("Simon Bowers's lawyer said the claim had been settled", None),  # a sentence about him: no byline
])
def test_a_name_alone_once_the_dressing_is_off(line: str, name: str | None) -> None:
    assert name_alone(line) == name


@pytest.mark.parametrize(("line", "iso"), [
    ("Updated 2 hours ago", "2024-03-14"), ("an hour ago", "2024-03-14"), ("14 hours ago", "2024-03-13"),
    ("vor 3 Tagen", "2024-03-11"), ("il y a 2 jours", "2024-03-12"), ("hace 1 semana", "2024-03-07"),
    ("3 giorni fa", "2024-03-11"),
    ("3 days of rain", None), ("3 months ago", None), ("yesterday", None), ("no date here", None),
])
def test_a_relative_date_from_the_reference(line: str, iso: str | None) -> None:
    fact = relative_date(line, "2024-03-14T10:00:00Z")
    assert (fact.iso if fact else None) == iso


def test_no_relative_date_without_a_reference() -> None:
    assert relative_date("2 hours ago", None) is None
    assert relative_date("2 hours ago", "not a date") is None


def test_a_byline_s_names_end_at_a_site_s_name() -> None:
    """ "About.com Guide" is the site's label, glued to the date after it, not a second author."""
    from archiver.core.text.metadata_text import byline_authors

    assert byline_authors("By Dan Cross, About.com GuideOctober 30, 2012") == ["Dan Cross"]
    assert byline_authors("By J.R. Smith and Ann Lee") == ["J.R. Smith", "Ann Lee"]
    # an e-mail address after the name ends the names; it is not a second author
    assert byline_authors("by Andrew Kator, akator@example.com") == ["Andrew Kator"]
