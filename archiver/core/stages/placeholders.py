"""Replace scraper placeholders with documented markers, so they are not passed on as text.

Cloudflare's e-mail obfuscation leaves "[email protected]" where an address
was; archiver writes ``[email]`` instead (README: "Placeholders").
"""

from __future__ import annotations

import re

from archiver.core import rules
from archiver.core.cues import EMAIL_MARKER
from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage
from archiver.core.textedit import substitute

EMAIL = re.compile(r"\[email(?:\s|&#160;|&nbsp;)*protected\]", re.IGNORECASE)


class PlaceholdersStage(Stage):
    name = rules.PLACEHOLDERS
    version = 1
    description = "Replace scraper placeholders ('[email protected]') with documented markers ('[email]')."

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        return [substitute(b, ctx, self.id, "email", EMAIL, EMAIL_MARKER) if b.kept and "[" in b.text else b
                for b in blocks]
