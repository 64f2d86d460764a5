"""The lexicon's cheap pre-checks never hide a match of the patterns they stand before."""

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from archiver.core.text import lexicon as lexicon_module
from archiver.core.text.lexicon import _EDGE_PUNCTUATION, _norm, hash_digit_runs, lexicon, norm
from tests.helpers import typographic_lines

_DIGITS, _NON_WORD, _UNDERSCORE = re.compile(r"\d+"), re.compile(r"[^\w#]+"), re.compile(r"_+")


def reference_norm(text: str) -> str:
    """The regex definition the chunked form replaces (lexicon 0.4.0)."""
    text = _DIGITS.sub("#", text.casefold().replace("’", "'").replace("'", ""))
    text = _UNDERSCORE.sub(" ", _NON_WORD.sub(" ", text))
    return " ".join(text.split())


_PIECES = st.sampled_from([*_EDGE_PUNCTUATION, "'", "’", "_", "#", "12", "²", "٣", "ß", "İ", "ﬁ", "Σ", "don't",
                           "U.S.", "e-mail", "snake_case", " ", "\u00a0", "\u200b", "\u0301", "News"])


@given(st.one_of(st.lists(st.one_of(st.text(max_size=8), _PIECES), max_size=20).map("".join),
                st.text(st.characters(max_codepoint=127), max_size=80), typographic_lines))
@example("Sign-up #1: It's 2024_05, isn't it?\x1f$5")
def test_norm_equals_the_regex_definition(text: str) -> None:
    assert _norm(text) == reference_norm(text)


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=24).map(lambda b: b.replace(b"\0", b"")) | st.text("1 a#9", max_size=12).map(str.encode))
def test_digit_runs_are_hashed_as_the_regex_does(data: bytes) -> None:
    assert hash_digit_runs(data) == re.sub(rb"[0-9]+", b"#", data)


def test_edge_punctuation_holds_no_word_character() -> None:
    assert not any(_NON_WORD.fullmatch(ch) is None or ch == "#" for ch in _EDGE_PUNCTUATION)


def _phrase_words() -> list[str]:
    return sorted({w for p in lexicon().phrase_category for w in p.replace("#", " # ").split()})


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*_phrase_words(), "x", "1", "42", "'", ".", "-"]), max_size=12))
def test_a_line_with_a_phrase_may_hold_one(words: list[str]) -> None:
    normed = norm(" ".join(words))
    if lexicon().phrases.search(normed):
        assert lexicon().may_hold_phrase(normed)


def test_every_phrase_is_seen_alone_and_in_a_sentence() -> None:
    for phrase in lexicon().phrase_category:
        for line in (phrase, f"well, {phrase} today", f"x{phrase}"):
            if lexicon().phrases.search(norm(line)):
                assert lexicon().may_hold_phrase(norm(line)), line


def _credit_pieces() -> list[str]:
    names = [*sorted(lexicon().credit_words), "Getty Images", "AP Photo", "Associated Press", "Press Association"]
    return [*names, *(n.lower() for n in names), "x", "/", "_", "-", " ", "(", "’s", "é", "2019"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_credit_pieces()), st.text(max_size=4)), max_size=12).map("".join))
def test_the_credit_pre_check_never_hides_a_name(text: str) -> None:
    assert lexicon().names_credit(text) == bool(lexicon().credit_names.search(text))


def test_anchored_trailer_patterns_are_anchored_as_a_whole() -> None:
    """The split search (a match at the start, then the unanchored patterns) holds only if "^" anchors the
    whole pattern: the parsed pattern opens with the anchor (for "^a|b" it opens with the alternation)."""
    import json
    from importlib import resources

    data = json.loads((resources.files("archiver") / "data" / "boilerplate.json").read_text(encoding="utf-8"))
    anchor = (re._constants.AT, re._constants.AT_BEGINNING)
    for patterns in data["trailers"].values():
        for pattern in patterns:
            if pattern.startswith("^"):
                assert re._parser.parse(pattern)[0] == anchor, pattern
    assert re._parser.parse("^a|b")[0][0] is re._constants.BRANCH  # what the check tells apart


def _trailer_pieces() -> list[str]:
    return ["All rights reserved", "all rights reserved.", "© 2019 ", "(c) ", "Copyright ", "Write to ", " at ",
            "Got a tip", "Have a news tip", "Email the author", "contact us", "A version of this article appears",
            "Todos los derechos reservados", "tous droits réservés", "Cite this article", "Citation:", "x", " ",
            ".", "ß", "É", "\n", "jane@example.com"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_trailer_pieces()), st.text(max_size=4)), max_size=8).map("".join))
@example("Write to jane@example.com at All rights reserved")
def test_trailer_category_is_the_leftmost_match_of_every_pattern(text: str) -> None:
    lex = lexicon()
    match = lex.trailers.search(text) if lex.trailer_keys.search(text.casefold()) else None
    assert lex.trailer_category(text) == (match.lastgroup if match else None)


def test_dates_with_the_months_parse_date_knows_and_labelled_bylines() -> None:
    """has_date agrees with parse_date on the month names they share (Dutch "maart", German "Okt.", Polish
    genitives), and an "Autor:" label opens a byline as "By" does; English words that a short form would
    catch ("Gen 2", "Set 5") stay no dates."""
    from archiver.core.text.metadata_text import parse_date

    lex = lexicon()
    for text, iso in [("6 maart 2024", "2024-03-06"), ("7. Okt. 2024", "2024-10-07"), ("12 marca 2024", "2024-03-12")]:
        assert lex.has_date(text) and parse_date(text).iso == iso, text
    assert not lex.has_date("Gen 2 consoles sold out") and not lex.has_date("Set 5 of the series")
    assert lex.is_byline("Autor: Anna Schneider") and lex.is_byline("Autorin: Maria Huber")
    assert not lex.is_byline("Autorenrechte vorbehalten")


def test_a_german_page_gives_its_labelled_author_and_date() -> None:
    from archiver.document import clean_bytes

    body = ("Die Bundesregierung will die Mietpreisbremse in den großen Städten verschärfen und bis 2029 "
            "verlängern. Das geht aus einem Gesetzentwurf hervor, der am Mittwoch beraten werden soll.")
    page = "\n\n".join(["Startseite", "Politik", "Neue Regeln für Mieten in Großstädten", "Autor: Anna Schneider",
                        "7. Okt. 2024", body, body.replace("Mittwoch", "Donnerstag"), "Impressum"])
    record = clean_bytes(page.encode(), "seite.txt")
    assert record["metadata"]["authors"] == ["Anna Schneider"]
    assert record["metadata"]["date"] == "2024-10-07"


_ANY_DIGIT = re.compile(r"\d")
_MONTH_THEN_DAY = re.compile(r"\b([^\W\d_]{3,12})\.?\s+\d{1,2}\b")


def _has_date_by_whole_line_scans(text: str) -> bool:
    """The date test as three scans of the whole line (before it read each digit run where it stands)."""
    months = lexicon().months
    if not _ANY_DIGIT.search(text):
        return False
    if lexicon_module._NUMERIC_DATE.search(text):
        return True
    return any(m.group(1).casefold() in months for m in _MONTH_THEN_DAY.finditer(text)) \
        or any(m.group(1).casefold() in months for m in lexicon_module._DAY_THEN_WORD.finditer(text))


_DATE_PIECES = st.sampled_from(["Jan", "jan.", "März", "Mai", "May", "Dec.", "de", "DE", "Okt", "x", "ab", "_",
                                "5", "12", "123", "2024", "٣", "²", "ſ", ".", ":", "/", "-", " ", "  ", "\t",
                                "ago", "AGO", "Ago", "hours", "Hrs", "h", "abcdefghijklm"])


@settings(max_examples=3000)
@given(st.lists(_DATE_PIECES, max_size=10).map("".join))
@example("Published Jan. 5, 2024")
@example("14 de marzo de 2024")
@example("x_May 5")
@example("March 5th")
@example("Posted 3 hours ago")
@example("updated 5 MINS AGO by staff")
@example("2h ago")
def test_the_date_test_reads_each_digit_run_as_the_whole_line_scans_did(text: str) -> None:
    assert lexicon_module._has_date(text, lexicon().months) == _has_date_by_whole_line_scans(text)


_NORM_PIECES = st.sampled_from(["Straße", "Müller", "ÄRZTE", "l'été", "don’t", "µ", "ª", "²", "½", "ÿ", "×", "#", "_",
                                "12", "3.5", "1_000", "(AP)", "«Oui»", "„So“", "a·b", "\xa0", "\x85", "\xad", " ",
                                "-", "—", "x", "İ", "Σ", "中", "\x00", "~", "é."])


@settings(max_examples=2000)
@given(st.lists(_NORM_PIECES, max_size=10).map("".join))
@example("Veröffentlicht am 14.03.2024 von Anna Müller")
def test_a_latin1_line_is_normalised_as_chunk_by_chunk(text: str) -> None:
    """The byte tables (ASCII, Latin-1) give what the chunk-by-chunk path gives (the path of every other
    script)."""
    folded = text.casefold().replace("’", "").replace("'", "")
    assert _norm(text) == lexicon_module._norm_by_chunks(folded)


def test_a_line_naming_a_readers_thread_in_several_languages_and_scripts() -> None:
    lex = lexicon()
    for head in ("## 45 comments", "{ 167 comments }", "Leave a Reply", "12 Antworten", "Réponses",
                 "Kommentare (3)", "комментарии", "发表评论", "コメントを書く"):
        assert lex.names_thread(head), head
    for line in ("The President said it", "Commentary", "Respond now", "Antwerp", ""):
        assert not lex.names_thread(line), line
