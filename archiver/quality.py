"""Document quality signals people filter corpora on (Gopher, C4), from a record alone.

They are computed at export from what a record holds, so a corpus can be filtered again with other limits
without cleaning anything twice, and records do not change when a signal is added:

- ``chars``, ``words``: the clean text's size;
- ``removed_share``: the share of the document's characters the cleaning removed (removals over removals
  plus the text): a CMS template page archived as an article keeps little of itself;
- ``mean_line_chars``: the mean length of the text's non-empty lines (menus and lists are short lines);
- ``function_word_share``: the share of words that are function words of the text's best-scoring language
  (running prose has 30-60 %; keyword lists and code have almost none);
- ``symbol_share``: the share of non-space characters that are neither letters nor digits;
- ``ellipsis_line_share``, ``bullet_line_share``: Gopher's shares of lines ending in an ellipsis and
  starting with a bullet.
"""

from __future__ import annotations

from typing import Any

from archiver.core.text.textfeatures import function_word_votes

_BULLETS = ("*", "-", "•", "·", "–", "‣", "◦")


def quality_signals(record: dict[str, Any]) -> dict[str, float | int]:
    text: str = record["text"]
    removed = sum(len(r["text"]) for r in record["removed"])
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    words, votes = function_word_votes(text)
    best = votes[0][1] if votes else 0
    visible = [ch for ch in text if not ch.isspace()]
    symbols = sum(1 for ch in visible if not ch.isalnum())
    return {
        "chars": len(text),
        "words": words,
        "removed_share": round(removed / (removed + len(text)), 4) if removed + len(text) else 0.0,
        "mean_line_chars": round(sum(map(len, lines)) / len(lines), 1) if lines else 0.0,
        "function_word_share": round(best / words, 4) if words else 0.0,
        "symbol_share": round(symbols / len(visible), 4) if visible else 0.0,
        "ellipsis_line_share": round(sum(ln.endswith(("...", "…")) for ln in lines) / len(lines), 4) if lines else 0.0,
        "bullet_line_share": round(sum(ln.startswith(_BULLETS) for ln in lines) / len(lines), 4) if lines else 0.0,
    }
