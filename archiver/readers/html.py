"""HTML to text with trafilatura: main text (comments excluded, tables kept) and page metadata.

The extracted text is this document's coordinate system: removal and repair
offsets point into it (it is reproducible from the raw bytes with the same
archiver and trafilatura versions). Settings are fixed and deterministic; no
deduplication cache, whose state would make one page's output depend on the
pages before it.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from archiver.errors import InputError

_SNIFF = re.compile(rb"^\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html|<head|<body|<meta|<title)", re.I | re.S)
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
# htmldate's defaults take "today" as the latest plausible date, so the same page could get another
# date tomorrow: a fixed bound keeps records reproducible. The extensive search (the page's free text
# too) costs about a fifth of the extraction and finds one date in 61 on the dev split that the quick
# one misses: kept.
DATE_PARAMS = {"original_date": True, "extensive_search": True, "max_date": "2099-12-31"}


def looks_like_html(data: bytes, path: str) -> bool:
    return path.lower().endswith(HTML_SUFFIXES) or bool(_SNIFF.match(data[:4096]))


@dataclass(frozen=True)
class HtmlText:
    text: str
    encoding: str
    metadata: dict[str, Any] = field(default_factory=dict)
    extractor: str = "trafilatura"  # which extraction gave the text (see read_html)


# Python codecs that decode bytes but are no web page's charset (browsers ignore them, as the WHATWG
# Encoding Standard lists): a page declaring one is read as if it declared none.
_NOT_PAGE_CHARSETS = frozenset({"punycode", "idna", "unicode_escape", "raw_unicode_escape", "utf_7",
                                "palmos", "mbcs", "oem", "undefined"})


# A byte-order mark names the encoding outright (browsers let it override any declaration); UTF-16/32 pages
# have no other reliable sign.
_HTML_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Browsers read these labels as windows-1252 (WHATWG Encoding Standard): its 0x80-0x9f are quotes and dashes,
# where Latin-1 has control characters.
_READ_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii",
                             "windows-1252", "cp1252"})


def decode_html(data: bytes) -> tuple[str, str]:
    """A BOM's encoding; else UTF-8 if the bytes are UTF-8 with any non-ASCII; else the declared charset if it
    decodes; else cp1252.

    Pages often declare one charset and are served in another: a page saved as UTF-8 with a leftover
    ``charset=ISO-8859-1`` read as declared gave "doesnât" on 3 of the 1,788 training pages, where
    trafilatura (which tries UTF-8 first) read "doesn’t". Latin-1 or cp1252 text with non-ASCII letters is
    almost never valid UTF-8, so valid UTF-8 wins over a declaration.
    """
    for bom, encoding in _HTML_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.removesuffix("-sig")
            except UnicodeDecodeError:
                break
    if not data.isascii():
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    declared = _CHARSET.search(data[:8192])
    candidates = [_as_browsers_read(declared.group(1).decode("ascii").lower())] if declared else []
    for encoding in [*candidates, "utf-8", "cp1252", "latin-1"]:
        try:
            info = codecs.lookup(encoding)
            if not info._is_text_encoding or info.name.replace("-", "_") in _NOT_PAGE_CHARSETS:
                continue
            return data.decode(encoding), encoding
        except (UnicodeError, LookupError):
            continue
    raise InputError("undecodable HTML")  # latin-1 never fails; kept for the type checker


def _as_browsers_read(label: str) -> str:
    if label in _READ_AS_CP1252:
        return "cp1252"
    if label.startswith(("utf-16", "utf16", "utf-32", "utf32")):
        return "utf-8"  # a declaration readable as ASCII is not in UTF-16 (browsers read UTF-8 then)
    return label


# trafilatura's main-text extraction can find almost nothing on a page that has text (a page whose article
# is not in an element it recognises). Below this many words it is asked again, recall first, and (below
# BASELINE_WORDS) its baseline (every paragraph-like element's text); a fallback's text is taken when it has at least
# FALLBACK_GAIN times the words and holds at least FALLBACK_HOLDS of the words the first reading found (a
# recall-first reading of the same article holds them; a comment form's text does not). The stages then
# take out the furniture a recall-first text brings.
LITTLE_WORDS = 50
# The baseline takes every paragraph-like element, a thread's comments too: on a short post (30-50 words, which
# the readings found whole) it brought the comments. Asked only where the readings found next to nothing.
# On the 1,788 training pages it replaced 5 readings at 50 words: 4 short posts gained their comments
# (precision 0.02-0.39), one page's wrong 37 words became its article.
BASELINE_WORDS = 20
FALLBACK_GAIN = 2.0
FALLBACK_HOLDS = 0.5
_WORDS = re.compile(r"\w+")


_BODY = re.compile(r"<body[\s>]", re.I)


def read_html(data: bytes) -> HtmlText:
    markup, encoding = decode_html(data)
    if "\x00" in markup:
        markup = markup.replace("\x00", "")
    page = _read(markup, encoding)
    if len(_WORDS.findall(page.text)) < LITTLE_WORDS and not _BODY.search(markup):
        # A fragment with no <body> (a saved part of a page, a corpus's own wrapper element): trafilatura
        # finds nothing in it at all, though it has text. Read again as the body of a page.
        wrapped = _read(f"<html><body>{markup}</body></html>", encoding)
        if _more(wrapped.text, page.text):
            page = HtmlText(wrapped.text, encoding, wrapped.metadata, wrapped.extractor + ", fragment as body")
    if not page.text.strip():
        raise InputError("HTML page with no extractable main text")
    return page


def _read(markup: str, encoding: str) -> HtmlText:
    import trafilatura

    document = _extract(markup, favor_recall=False)
    text = (getattr(document, "text", None) or "") if document is not None else ""
    extractor = "trafilatura"
    if len(_WORDS.findall(text)) < LITTLE_WORDS:
        # the page's metadata is the first reading's when it has one: the second reads the text only
        recall = _extract(markup, favor_recall=True, with_metadata=document is None)
        recall_text = (getattr(recall, "text", None) or "") if recall is not None else ""
        if _more(recall_text, text):
            text, extractor = recall_text, "trafilatura favor_recall"
            document = document if document is not None else recall
    if len(_WORDS.findall(text)) < BASELINE_WORDS:
        _, baseline_text, _ = trafilatura.baseline(markup)
        if _more(baseline_text, text):
            text, extractor = baseline_text, "trafilatura baseline"
    return HtmlText(text, encoding, _metadata(document) if document is not None else {}, extractor)


def _extract(markup: str, favor_recall: bool, with_metadata: bool = True) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(
        markup, include_comments=False, include_tables=True, deduplicate=False, with_metadata=with_metadata,
        favor_precision=False, favor_recall=favor_recall, date_extraction_params=DATE_PARAMS,
    )


def _more(candidate: str, text: str) -> bool:
    """``candidate`` is a fuller reading of what ``text`` found: more words, and most of ``text``'s among them."""
    found = _WORDS.findall(candidate.lower())
    first = _WORDS.findall(text.lower())
    if not found or len(found) < FALLBACK_GAIN * len(first):
        return False
    held = sum((Counter(first) & Counter(found)).values())
    return held >= FALLBACK_HOLDS * len(first)


def _metadata(document: Any) -> dict[str, Any]:
    """trafilatura's page metadata in the record's terms (no file date: no wall clock)."""
    author = getattr(document, "author", None) or ""
    date = getattr(document, "date", None)
    return {
        "title": getattr(document, "title", None) or None,
        "authors": [a.strip() for a in re.split(r";|,| and ", author) if a.strip()],
        "date": date if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None,
        "publication": getattr(document, "sitename", None) or None,
        "url": getattr(document, "url", None) or None,
    }
