"""Repair mojibake and terminal junk with ftfy, one line at a time, only where needed.

ftfy costs milliseconds per kilobyte, so lines that are plain ASCII without
control characters (which ftfy would leave alone) skip it. The fixer is
configured to repair encoding damage only: quotes, widths, ligatures and
Unicode normalisation are the author's and stay as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import ftfy
from ftfy.badness import is_bad

from archiver.core import rules
from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage
from archiver.core.spacing import tidy_spaces
from archiver.core.text.linescan import lines_matching

_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=True,
    normalization=None,
    explain=True,
)
# Cheap gates before ftfy: its badness heuristic (one regex), and the controls, escapes and
# C1 characters it also repairs. A line that passes neither is left alone without calling ftfy.
# UTF-8 read as Latin-1 or cp1252 always shows a lead byte's character, U+00C2..U+00F4.
_LEAD_CHARS = "\u00c2-\u00f4"
_CONTROL_CHARS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff"
_LEAD = re.compile(f"[{_LEAD_CHARS}]")
_CONTROLS = re.compile(f"[{_CONTROL_CHARS}]")
_SUSPECT = re.compile(f"[{_CONTROL_CHARS}{_LEAD_CHARS}]")  # either gate's characters: one scan per document
# _SUSPECT's characters in UTF-8: the C0 controls and DEL are these bytes; C1 controls and the lead characters
# (U+0080-U+009F, U+00C2-U+00F4) start with byte C2 or C3; a surrogate cannot be encoded at all.
_SUSPECT_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_SUSPECT_LEADS = (b"\xc2", b"\xc3")


def may_hold_suspects(text: str) -> bool:
    """Whether ``_SUSPECT`` can match ``text``, from its UTF-8 bytes: a deletion through a byte table and two
    byte searches, about a tenth of the regex scan on a 10 KB document. Most English documents are cleared
    this way: their curly quotes and dashes start with byte E2."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return True
    return any(lead in data for lead in _SUSPECT_LEADS) or len(data.translate(None, _SUSPECT_BYTES)) < len(data)


class MojibakeStage(Stage):
    name = rules.MOJIBAKE
    version = 2
    description = "Fix mojibake, C1 controls and terminal escapes with ftfy (encoding fixes only)."

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        kept = [i for i, b in enumerate(blocks) if b.kept]
        texts = [blocks[i].text for i in kept]
        if not may_hold_suspects("\n".join(texts)):
            return blocks
        suspects = lines_matching(_SUSPECT, texts)  # the only lines _fix may change
        if not suspects:
            return blocks
        out = list(blocks)
        for k in suspects:
            out[kept[k]] = self._fix(blocks[kept[k]], ctx)
        return out

    def _fix(self, block: Block, ctx: Context) -> Block:
        text = block.text
        if not _CONTROLS.search(text) and (text.isascii() or not (_LEAD.search(text) and is_bad(text))):
            return block
        fixed, plan = ftfy.fix_and_explain(block.text, config=_CONFIG)
        if fixed == block.text:
            return block
        return tidy_spaces(block.repaired(self.id, _rule_name(plan or []), fixed), ctx)  # ftfy may make an NBSP


def _rule_name(plan: Sequence[tuple[str, str]]) -> str:
    """Name the repair after ftfy's plan: ``ftfy.fix_encoding`` or the fixes it applied."""
    names = ["fix_encoding" if action in ("encode", "decode", "transcode") else param
             for action, param in plan]
    return "ftfy." + "+".join(dict.fromkeys(names)) if names else "ftfy"
