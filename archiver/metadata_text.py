"""Parsers for the facts a news text states about itself: bylines, dates, datelines, mastheads.

Pure functions on strings; the metadata stage decides which lines to read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archiver.lexicon import lexicon

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
DATE_MDY = re.compile(rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)\b", re.I)
DATE_DMY = re.compile(rf"\b(?P<day>\d{{1,2}})\.?\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I)
DATE_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
_BY = re.compile(r"^(?:by|written by|posted by|words by|reported by)\s*:?\s+", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+And\s+|\s+&\s+|\s+und\s+|\s+e\s+|\s+y\s+|\s+et\s+)\s*")
_NAME = re.compile(r"^(?:[A-Z][\w'’.-]*\.?|(?:de|da|van|von|der|al|el|bin|ibn|la|le|du|di)\b)"
                   r"(?:\s+(?:[A-Z][\w'’.-]*\.?|(?:de|da|van|von|der|al|el|bin|ibn|la|le|du|di)\b)){0,4}$")
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
WRITE_TO = re.compile(r"^Write to (?P<rest>.+)$", re.I)


@dataclass(frozen=True)
class DateFact:
    iso: str | None   # YYYY-MM-DD when the year is stated
    text: str         # the words as written


def parse_date(text: str) -> DateFact | None:
    for pattern in (DATE_MDY, DATE_DMY, DATE_ISO):
        match = pattern.search(text)
        if match:
            month = match.group("month")
            number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
            day = int(match.group("day"))
            if 1 <= number <= 12 and 1 <= day <= 31:
                return DateFact(f"{match.group('year')}-{number:02d}-{day:02d}", match.group(0))
    return None


def parse_authors(text: str) -> list[str]:
    """Names from a byline ("By A, B and C"); [] when it does not read as names."""
    body = _BY.sub("", text.strip()).strip(" .")
    names = [n.strip(" .,") for n in _NAME_SPLIT.split(body) if n.strip(" .,")]
    if not names or not all(_NAME.match(n) for n in names):
        return []
    return names


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
