"""Does a line end a sentence? The test the repair stages share, with abbreviations from the lexicon.

A full stop after "Mr", "ca", "Mio" or "U.S." does not end a sentence, and
in German a capital after it says nothing either (nouns are capitalised), so
abbreviations are data, by language, in ``boilerplate.json``.
"""

from __future__ import annotations

import re

from archiver.core.text.lexicon import lexicon

# Format characters a page leaves at a line's end (zero-width space and joiners, word joiner, byte-order mark):
# invisible, so a line that ends "mata.\u2060" ends its sentence as "mata." does.
INVISIBLE_ENDS = "\u200b\u200c\u200d\u2060\ufeff"
_SENTENCE_END = re.compile(r"[.!?。！？…:][\"'”’»)\]]*$")
_MID_PHRASE = re.compile(r"[,;–—-]$")
_LAST_WORD = re.compile(r"(\w+)\W*$")


def ends_sentence(line: str) -> bool:
    line = line.rstrip(INVISIBLE_ENDS)
    return bool(_SENTENCE_END.search(line)) and not lexicon().abbreviation.search(line)


def ends_in_a_joint(line: str) -> bool:
    """A comma, semicolon or dash at the end: the sentence goes on below."""
    return bool(_MID_PHRASE.search(line))


def ends_a_list_line(line: str) -> bool:
    """A colon or semicolon at the end ("the prize:", "In a car;"): on a short line, a list's lead-in or one
    of its items, which ends its line whatever case the next line starts in."""
    return line.endswith((":", ";"))


def ends_in_function_word(line: str) -> bool:
    """An article, preposition or conjunction of any lexicon language at the end ("Visit our")."""
    last = _LAST_WORD.search(line)
    return last is not None and last.group(1).lower() in lexicon().continuation_words


def ends_mid_phrase(line: str) -> bool:
    """A joint or a function word at the end: the sentence goes on below."""
    return ends_in_a_joint(line) or ends_in_function_word(line)
