"""Parsers for the facts a news text states about itself: bylines, dates, datelines, mastheads.

Pure functions on strings; the metadata stage decides which lines to read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from archiver.core.text.lexicon import lexicon, trie_pattern
from archiver.core.text.names import common_words, name_lexicon, zipf
from archiver.core.text.textfeatures import has_digit

# Month names as dates write them, in the languages the cleaner reads (genitive forms where a language
# declines them: "14 марта", "14 marca"); abbreviations with or without their dot.
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro",
        "januari", "stycznia", "января"),
    2: ("february", "feb", "februar", "feber", "février", "févr", "fevrier", "febrero", "febbraio", "fevereiro",
        "fev", "februari", "lutego", "февраля"),
    3: ("march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "maart", "mrt", "marca", "марта"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwietnia", "апреля"),
    5: ("may", "mai", "mayo", "maggio", "mag", "maio", "mei", "maja", "мая"),
    6: ("june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "czerwca", "июня"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "lipca", "июля"),
    8: ("august", "aug", "août", "aout", "agosto", "ago", "augustus", "sierpnia", "августа"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "set", "setembro",
        "września", "сентября"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out",
         "października", "октября"),
    11: ("november", "nov", "novembre", "noviembre", "novembro", "listopada", "ноября"),
    12: ("december", "dec", "dezember", "dez", "décembre", "déc", "decembre", "diciembre", "dic", "dicembre",
         "dezembro", "grudnia", "декабря"),
}
_MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# A year ends where its digits do, even when a scraper glued the next word or a clock time to it
# ("18.11.2019Get short URL", "Nov 20 20194:29 AM"); a lower-case letter makes it a version ("1.2.2024b").
_YEAR = r"(?P<year>(?:19|20)\d\d)(?-i:(?![\da-z])|(?=\d{1,2}:\d\d))"
DATE_MDY = re.compile(rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}", re.I)
DATE_DMY = re.compile(rf"\b(?P<day>\d{{1,2}})(?:\.|er|º|°|st|nd|rd|th)?\s*(?:de\s+)?(?P<month>{_MONTH})\.?,?\s+"
                      rf"(?:de\s+|del\s+)?{_YEAR}", re.I)
DATE_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<month>\d\d?)[-/.](?P<day>\d\d?)(?![\d:])")
DATE_DOTTED = re.compile(rf"(?<![\d.])(?P<first>\d{{1,2}})\.\s?(?P<second>\d{{1,2}})\.\s?{_YEAR}")
DATE_SLASHED = re.compile(rf"(?<![\d/])(?P<first>\d{{1,2}})/(?P<second>\d{{1,2}})/{_YEAR}")
DATE_CJK = re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")
_BY = re.compile(r"^(?:by|written by|posted by|words by|reported by|von|par|por|di|door|de|oleh|text|texto|"
                 r"testo|tekst|autor|autorin|auteur|autore|author|reporter|redaktion|текст|автор)\s*:?\s+", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+And\s+|\s+&\s+|\s+und\s+|\s+e\s+|\s+y\s+|\s+et\s+)\s*")
# Lower-case words inside a name ("Jan de Vries", "Mayy el Sheikh").
_PARTICLES = frozenset(("de", "da", "van", "von", "der", "al", "el", "bin", "ibn", "la", "le", "du", "di"))
GLUED_BYLINE = re.compile(r"^(?P<title>.{8,}?),?\s+By\s+(?P<names>[A-Z][\w'’.-]+(?:\s+\S+){1,12})$")
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]{2,}(?:[ ,]+[A-Z][\w.'’-]*){0,4}?)\s*(?:\((?P<agency>[^)]{1,30})\))?\s*[—–-]{1,2}\s*\S"
)
ATTRIBUTION = re.compile(r"^(?P<source>[A-Z][\w.&'’]*(?:\s+[A-Z][\w.&'’]*){0,4}):\s+\S")
PRINT_NOTE = re.compile(r"^A version of this (?:article|story) appeared (?P<when>.+?),\s+on page .*?\bof\s+"
                        r"(?P<publication>(?:The\s+)?[A-Z][\w.&'’ ]+?)(?:,|\.|\s+with\b)", re.I)
COPYRIGHT = re.compile(
    r"^(?:Copyright|©|\(c\))\s*(?:©\s*)?(?:(?:19|20)\d\d\s+)?(?P<holder>.+?)\.?(?:\s+All Rights Reserved.*)?$", re.I
)
# An e-mail's header lines: "Subject: ..." carries a title, "From: x@y" is never a dek.
MAIL_HEADER = re.compile(r"^(?:subject|betreff|objet|asunto|oggetto|onderwerp|from|to|cc|sent|gesendet|envoyé|"
                         r"enviado)\s*:\s*", re.I)
SUBJECT = re.compile(r"^(?:(?:subject|betreff|objet|asunto|oggetto|onderwerp)\s*:\s*)(?:(?:re|aw|fwd?|wg)\s*:\s*)*",
                     re.I)
WRITE_TO = re.compile(r"^Write to (?P<rest>.+)$", re.I)


@dataclass(frozen=True)
class DateFact:
    iso: str | None   # YYYY-MM-DD when the year is stated
    text: str         # the words as written


# A line that says its date is the page's publication or revision date, in the languages the cleaner reads.
DATE_LABELS: Final = (
    "published", "posted", "updated", "last modified", "last updated", "last revised", "first published", "date",
    "veröffentlicht", "publiziert", "aktualisiert", "erschienen", "stand", "datum", "publié", "mis à jour",
    "publicado", "actualizado", "pubblicato", "aggiornato", "gepubliceerd", "bijgewerkt", "opublikowano",
    "data publikacji", "опубликовано", "обновлено")
# As a trie ("p(?:ub(?:li(?:shed|...)..." ): case-insensitive, an alternation of whole words costs a compare per
# word at every position of the line; the trie, one per branch it enters (half the time on whole pages).
DATE_LABEL = re.compile(rf"\b(?:{trie_pattern(set(DATE_LABELS))})\b", re.IGNORECASE)


_UNIT_DAYS = {"minute": 0.0, "hour": 1 / 24, "day": 1.0, "week": 7.0}
_UNITS = {
    "minute": ("minute", "minutes", "min", "mins", "minuten", "minuto", "minutos", "minuti"),
    "hour": ("hour", "hours", "hr", "hrs", "stunde", "stunden", "heure", "heures", "hora", "horas", "ora", "ore"),
    "day": ("day", "days", "tag", "tagen", "jour", "jours", "día", "días", "dia", "dias", "giorno", "giorni"),
    "week": ("week", "weeks", "woche", "wochen", "semaine", "semaines", "semana", "semanas", "settimana",
             "settimane"),
}
_UNIT_OF = {word: unit for unit, words in _UNITS.items() for word in words}
_UNIT = "|".join(sorted(_UNIT_OF, key=len, reverse=True))
_NUMBER = r"(?P<n>\d{1,3}|an?|one|einer?|einem|un|une|uno|una|um|uma)"
RELATIVE = re.compile(
    rf"(?:\b(?P<pre>vor|il y a|hace|há)\s+)?\b{_NUMBER}\s+(?P<unit>{_UNIT})\b(?:\s+(?P<post>ago|fa)\b)?",
    re.IGNORECASE)


def relative_date(text: str, reference: str | None) -> DateFact | None:
    """A relative date ("2 hours ago", "vor 3 Tagen", "il y a 2 jours", "hace 1 semana") dated from the moment
    the page was fetched (``reference``, ISO 8601, a WARC-Date); None without a reference: "2 hours ago" read
    later means nothing. Months and years ago are too coarse for a day, and "today" or "yesterday" name
    sections as often as dates: both are left alone."""
    if not reference:
        return None
    match = next((m for m in RELATIVE.finditer(text) if m.group("pre") or m.group("post")), None)
    if match is None:
        return None
    try:
        fetched = datetime.fromisoformat(reference.replace("Z", "+00:00"))
    except ValueError:
        return None
    count = match.group("n")
    days = (int(count) if count.isdigit() else 1) * _UNIT_DAYS[_UNIT_OF[match.group("unit").lower()]]
    return DateFact((fetched - timedelta(days=days)).date().isoformat(), match.group(0))


def labelled_date(text: str) -> DateFact | None:
    """The date of a line that labels it as the page's own ("Published Nov 18, 2019", "Stand: 14.03.2024",
    "File last modified: September 9, 1999"), or None."""
    return parse_date(text) if may_label_a_date(text) else None


def may_label_a_date(text: str) -> bool:
    """A date label and a digit: every date ``parse_date`` reads has one (its year), and looking for a digit
    costs a thirtieth of looking for the label, so most lines of a whole page are passed over at once."""
    return has_digit(text) and DATE_LABEL.search(text) is not None


def parse_date(text: str) -> DateFact | None:
    """The first full calendar date in the line, in any of the usual spellings: "March 3, 2024",
    "14. März 2024", "14 de marzo de 2024", "2024-03-14", "14.03.2024", "3/14/2024" (a slashed date is
    month first unless its first number cannot be a month), "2024年3月14日"."""
    found: list[tuple[int, str, int, int, str]] = []
    for pattern in (DATE_MDY, DATE_DMY, DATE_ISO, DATE_CJK):
        match = pattern.search(text)
        if match:
            month = match.group("month")
            number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
            found.append((match.start(), match.group("year"), number, int(match.group("day")), match.group(0)))
    # Numbers only: a slashed date is month first ("3/14/2024"), a dotted one day first ("14.03.2024"),
    # unless a number cannot be a month ("11.14.2019" is November 14th).
    for pattern, month_first in ((DATE_SLASHED, True), (DATE_DOTTED, False)):
        numeric = pattern.search(text)
        if numeric:
            first, second = int(numeric.group("first")), int(numeric.group("second"))
            month, day = (first, second) if (month_first and first <= 12) or second > 12 else (second, first)
            found.append((numeric.start(), numeric.group("year"), month, day, numeric.group(0)))
    for _, year, month_number, day, words in sorted(found):
        if 1 <= month_number <= 12 and 1 <= day <= 31:
            return DateFact(f"{year}-{month_number:02d}-{day:02d}", words)
    return None


# Words that make a byline part a role ("Staff Writer") or an outlet ("SPIEGEL ONLINE"), not a person.
_BYLINE_END = re.compile(r"\s+[–—-]\s+|\s*[|/]\s*|\s+(?:on|at|in|am|um|le|el|il)\s+(?=\S)")
_ROLES = frozenset((
    "staff", "writer", "editor", "editors", "correspondent", "reporter", "reporters", "columnist", "contributor",
    "contributing", "senior", "chief", "associate", "photographer", "journalist", "journalists", "redakteur",
    "redakteurin", "korrespondent", "korrespondentin", "special", "guest", "political", "science", "business",
    "sports",
))
_NOT_A_PERSON = frozenset((
    "redaktion", "rédaction", "redacción", "redazione", "redactie", "agency", "agencies", "wire", "wires", "news",
    "online", "press", "desk", "team", "newsroom", "bureau", "service", "services", "media", "times", "post",
    "daily", "herald", "tribune", "magazine", "digital", "column", "blog", "ltd", "inc", "llc", "gmbh",
))


def parse_byline(text: str) -> tuple[list[str], list[str]]:
    """(people, outlets) named by a byline ("By A, B and C", "Von A und B", "Por A", "Von SPIEGEL ONLINE,
    Hamburg"); ([], []) when it does not read as names. A part with a desk or outlet word is an outlet
    ("SPIEGEL ONLINE", "Associated Press"), a role ("Staff Writer") is neither, nor a later part that reads
    as one ("Posted by A, Product Marketing Manager, Mobile Ads": ``_role_like``), and a one-word part (a
    place: "Hamburg") is left out unless it is a given name and the byline's only part. The byline ends where
    a date, a time or a section follows the names ("By A on 24/10/12", "By A | Financial Times", "Posted by
    A in Sports")."""
    opening = lexicon().byline_lead.sub("", text.strip())  # "Ein Kommentar von A": the kind is no name
    body = _names_run(_BYLINE_END.split(_BY.sub("", opening), maxsplit=1)[0]).strip(" .,")
    parts = [n.strip(" .,") for n in _NAME_SPLIT.split(body) if n.strip(" .,")]
    if not parts or not all(_is_name(n) for n in parts):
        return [], []
    people: list[str] = []
    outlets: list[str] = []
    given = name_lexicon().given
    for index, part in enumerate(parts):
        words = {w.casefold() for w in part.split()}
        if words & _ROLES:
            continue
        if words & _NOT_A_PERSON:
            outlets.append(part)
            person = _person_before_outlet(part)
            if person:
                people.append(person)
        elif len(words) >= 2 and (index == 0 or not _role_like(part, given)):
            people.append(part)
        elif len(parts) == 1 and part in given:
            people.append(part)  # "by John on July 22, 2012": a given name alone is a person, not a place
    return people, outlets


# Words that end a byline's names: what follows is its date or its note ("By A Updated Nov 13", "Von A
# publiziert am ...", "By A On 11/13/19").
_AFTER_NAMES = frozenset((
    "updated", "published", "posted", "on", "at", "am", "um", "aktualisiert", "publiziert",
    "veröffentlicht", "actualizado", "publicado", "publié", "mis", "aggiornato", "pubblicato",
))
_JOINERS = frozenset(("and", "und", "&", "e", "y", "et", *_PARTICLES))


def _is_name(part: str) -> bool:
    """One to five words, each a particle or a word that starts upper-case in its script and holds no digit
    ("Jan de Vries", "Венера Ерофеева", "O'Brien")."""
    words = part.split()
    return 1 <= len(words) <= 5 and all(
        w in _PARTICLES or (w[:1].isupper() and not any(ch.isdigit() for ch in w)) for w in words)


_DOMAIN = re.compile(r"[^\W\d_]\.[^\W\d_]{2,}")  # "About.com", "NJ.com": a site, not a name ("J.R." is one)


def _names_run(body: str) -> str:
    """The byline's words up to the first that cannot be part of a name list: one with a digit or an "@"
    (a date, a time, a handle), a domain ("About.com Guide"), a lower-case word that joins no names, or a
    word that opens a date or a note ("Updated", "publiziert", "December 6, 2017"). The names themselves may
    be in any script ("Венера Ерофеева")."""
    words = body.split()
    for index, word in enumerate(words):
        for glue in ("·", "@"):  # "Ерофеева·24", "Turak@NatashaTurak": a name glued to what follows it
            if glue in word and word[:1].isupper():  # an e-mail address ("akator@atpm.com") is no name
                return " ".join([*words[:index], word.split(glue)[0]])
        bare = word.strip(",.")
        folded = bare.casefold()
        opens_date = folded in _MONTHS and index + 1 < len(words) and words[index + 1][:1].isdigit()
        if any(ch.isdigit() or ch == "@" for ch in word) or (index and (folded in _AFTER_NAMES or opens_date)) \
                or (bare[:1].islower() and folded not in _JOINERS) or _DOMAIN.search(bare):
            return " ".join(words[:index])
    return body


def _person_before_outlet(part: str) -> str | None:
    """ "Helen Briggs BBC News": the name before the outlet, when at least two words of it stand before the
    first outlet word or acronym ("SPIEGEL ONLINE" and "Associated Press" name no one)."""
    words = part.split()
    taken: list[str] = []
    for word in words:
        if word.casefold() in _NOT_A_PERSON or (len(word) > 1 and word.isupper()):
            break
        taken.append(word)
    return " ".join(taken) if 2 <= len(taken) < len(words) else None


def parse_authors(text: str) -> list[str]:
    """The people a byline names (see ``parse_byline``); [] when it names none. A name a page prints twice
    over ("By Sean Martin Sean Martin": a link's text beside its label) is one name."""
    return [_once(name) for name in parse_byline(text)[0]]


ROLE_WORD_ZIPF = 4.0  # "Manager" 4.97, "Scientist" 4.21; surnames that are words too open with a given name


def _role_like(part: str, given: frozenset[str]) -> bool:
    """A byline's later part that is a role or desk, not a second author ("Product Marketing Manager",
    "Distinguished Scientist"): it opens with neither a given name nor an initial ("B. Jones"), and ends in a
    common word."""
    words = part.split()
    opener = words[0].rstrip(".")
    return len(opener) > 1 and opener.title() not in given and zipf(words[-1].lower(), "en") >= ROLE_WORD_ZIPF


def _once(name: str) -> str:
    words = name.split()
    half = len(words) // 2
    return " ".join(words[:half]) if half and len(words) % 2 == 0 and words[:half] == words[half:] else name


_LABELLED_BYLINE = re.compile(r"^(?:autor|autorin|autoren|auteur|auteurs|autore|autori|author|authors)\s*:\s*(?=\S)",
                              re.I)


def byline_authors(text: str) -> list[str]:
    """The people a short line names as its authors: a byline ("By A", "Von A und B"), a labelled one
    ("Autor: A"), or one after the date it leads with, in any of the lexicon's byline words ("October 25th,
    2012 by A", "11.05.12 Written by A", "Veröffentlicht am 2. Februar 2023 von A", "14 mars 2024 par A")."""
    stripped = text.strip()
    if lexicon().is_byline(stripped) or _LABELLED_BYLINE.match(stripped):
        return parse_authors(_LABELLED_BYLINE.sub("", stripped))
    late = lexicon().late_byline.search(stripped)
    if late is None or late.start() == 0:
        return []
    lead = stripped[:late.start()]
    if parse_date(lead) is None and any(ch.isalpha() for ch in lead):
        return []  # "This post was written by ...": a sentence, not a dated byline
    return parse_authors(stripped[late.start():])


_POSSESSIVE = ("'s", "’s", "s'", "s’")
_NAME_WORD = re.compile(r"^(?:[A-Z\u00c0-\u00de][a-z\u00df-\u00ff'’-]+|[A-Z]\.?)$")


def is_person_name(text: str) -> bool:
    """A line that is a person's name and nothing else ("Richard Hollingham", "Harry J. Enten"): two to four
    capitalised words, the first a given name (the names lexicon), not both it and the last among the
    commonest English words ("Grant Park", "Will Power"), none a role or an outlet word, the last no
    possessive."""
    words = text.strip().split()
    if not 2 <= len(words) <= 4 or not all(_NAME_WORD.match(w) for w in words):
        return False
    if {w.casefold() for w in words} & (_ROLES | _NOT_A_PERSON):
        return False
    first, last = words[0], words[-1]
    if last.endswith(_POSSESSIVE):
        return False  # "David Birrell's lawyer said ...": a sentence about the person, not a byline
    common = common_words("en")
    return len(first) > 2 and first in name_lexicon().given and len(last) > 1 \
        and not (first.lower() in common and last.lower() in common)


_LIST_MARKS = re.compile(r"^(?:[*•·|]\s*)+")


def name_alone(text: str) -> str | None:
    """The person a short line names and nothing else, once the page's dressing is off: list marks, a date
    before the name ("November 20, 2019 Emiliano Bellini"), a handle, a role, a date or a section after it
    ("Natasha Turak@NatashaTurak", "Bruce Y. Lee Senior Contributor", "Steven Mazie on November 8, 2012",
    "Adam Rank | Tags: ..."); None when what is left is not a person's name."""
    line = _LIST_MARKS.sub("", text.strip())  # a handle after the name ends it in _names_run
    fact = parse_date(line)
    if fact is not None and line.startswith(fact.text):
        line = line[len(fact.text):].strip(" ,|·–—-")
    words = _names_run(_BYLINE_END.split(line, maxsplit=1)[0]).split()
    while len(words) > 2 and words[-1].casefold() in _ROLES:
        words.pop()
    line = " ".join(words)
    return line if is_person_name(line) else None


def parse_contact_authors(text: str) -> list[str]:
    """Names from "Write to A at x@y and B at z@w"."""
    match = WRITE_TO.match(text.strip())
    if not match:
        return []
    names = re.findall(r"(?:^|\band\s+)([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s+at\b", match.group("rest"))
    return names


def is_masthead(text: str) -> bool:
    """A standalone publication name: "The New York Times"."""
    words = text.split()
    return (1 <= len(words) <= 6 and all(w[:1].isupper() or w in ("of", "the", "and", "&") for w in words)
            and words[-1].strip(".") in lexicon().publication_words)


def dateline(text: str) -> str | None:
    match = DATELINE.match(text)
    if not match:
        return None
    place = match.group("place").rstrip(" ,")
    return place if place.split(",")[0].isupper() else None
