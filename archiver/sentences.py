"""Does a line end a sentence? The test the repair stages share, with abbreviations from the lexicon.

A full stop after "Mr", "ca", "Mio" or "U.S." does not end a sentence, and
in German a capital after it says nothing either (nouns are capitalised), so
abbreviations are data, by language, in ``boilerplate.json``.
"""

from __future__ import annotations

import re

from archiver.lexicon import lexicon

_SENTENCE_END = re.compile(r"[.!?。！？…:][\"'”’»)\]]*$")


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line)) and not lexicon().abbreviation.search(line)
