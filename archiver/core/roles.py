"""What each kept paragraph is: a heading, a list item, a quotation, a table row, or body text.

Downstream users want structure (trafilatura offers Markdown and XML); a plain-text scrape keeps only
traces of it, and the cues here read those traces, in any language:

- ``list_item``: a bullet (``*``, ``-``, ``•``, ``·``, ``–``) or a number with ``.`` or ``)`` before the text;
- ``quote``: a ``>`` mark (Markdown, e-mail);
- ``table_row``: cells between ``|`` or tabs (two separators or more);
- ``heading``: a ``#`` mark, or a short line (at most ``HEADING_MAX_WORDS`` words) that ends in no
  punctuation, starts with a capital or a digit, and is followed by a paragraph of running prose.

A record lists only the paragraphs that are not body text (``roles``: start, end and role over ``text``),
and ``export --text-format markdown`` writes them as Markdown.
"""

from __future__ import annotations

import re
from typing import Any, Final

from archiver.core.text.textfeatures import features, is_prose

HEADING_MAX_WORDS: Final = 10
_LIST_ITEM = re.compile(r"^(?:[*\-•·–‣◦]|\d{1,3}[.)])\s+\S")
_QUOTE = re.compile(r"^>\s?")
_HASH_HEADING = re.compile(r"^#{1,6}\s+\S")
_NO_END = re.compile(r"[^.!?:;,…\"'”’)\]]$")


def role_of(paragraph: str, following: str | None) -> str:
    """The role of one paragraph, given the next one (a heading is followed by prose)."""
    text = paragraph.strip()
    if _HASH_HEADING.match(text):
        return "heading"
    if _LIST_ITEM.match(text):
        return "list_item"
    if _QUOTE.match(text):
        return "quote"
    if text.count("|") >= 2 or text.count("\t") >= 2:
        return "table_row"
    if following is not None and _NO_END.search(text) and (text[:1].isupper() or text[:1].isdigit()):
        own = features(text)
        if 1 <= own.words <= HEADING_MAX_WORDS and is_prose(features(following)):
            return "heading"
    return "paragraph"


def roles(paragraphs: list[str]) -> list[dict[str, Any]]:
    """The record's ``roles``: paragraphs that are not body text, as spans of the clean text (paragraphs
    joined by one blank line, as ``assemble_text`` joins them)."""
    out = []
    position = 0
    for i, paragraph in enumerate(paragraphs):
        role = role_of(paragraph, paragraphs[i + 1] if i + 1 < len(paragraphs) else None)
        if role != "paragraph":
            out.append({"start": position, "end": position + len(paragraph), "role": role})
        position += len(paragraph) + 2
    return out


def markdown(text: str, spans: list[dict[str, Any]]) -> str:
    """The clean text as Markdown: headings as ``##``, quotes with ``>``, list items with a bullet when they
    have none of their own; body paragraphs and table rows as they are."""
    out, position = [], 0
    for span in spans:
        out.append(text[position:span["start"]])
        body = text[span["start"]:span["end"]]
        if span["role"] == "heading" and not body.startswith("#"):
            body = "## " + body
        elif span["role"] == "quote" and not body.startswith(">"):
            body = "> " + body
        out.append(body)
        position = span["end"]
    out.append(text[position:])
    return "".join(out)
