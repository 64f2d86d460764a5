"""Regenerate archiver/data/phrases.txt.gz: two-word phrases far commoner spaced than glued.

The glued-words stage splits "ChiefExecutive" only with evidence. A word pair
that the web writes as two words much more often than as one ("chief
executive", "new york", "united states") is such evidence; a pair written
glued about as often or more ("power point", "pay pal", "black magic") is not.
Counts come from wordsegment's bigram and unigram tables (Apache-2.0; Google's
Web Trillion Word Corpus, via Peter Norvig's "Natural Language Corpus Data").
Kept: alphabetic pairs, each word at least three letters, spaced count at least
PHRASE_RATIO times the glued count. One glued lower-case form per line.
Run: python tools/make_phrases.py  (needs wordsegment; the output is committed data).
"""

import gzip
from pathlib import Path

import wordsegment

PHRASE_RATIO = 3.0
MIN_PART = 3

wordsegment.load()
phrases = set()
for pair, count in wordsegment.BIGRAMS.items():
    first, _, second = pair.partition(" ")
    if not (first.isalpha() and second.isalpha() and first.isascii() and second.isascii()):
        continue
    if min(len(first), len(second)) < MIN_PART:
        continue
    if count >= PHRASE_RATIO * wordsegment.UNIGRAMS.get(first + second, 0):
        phrases.add(first + " " + second)
path = Path(__file__).resolve().parent.parent / "archiver" / "data" / "phrases.txt.gz"
body = ("\n".join(sorted(phrases)) + "\n").encode("utf-8")
with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
    out.write(body)
print(f"{path}: {len(phrases)} phrases, {path.stat().st_size} bytes")
