"""Errors that end one document (never the batch) with a one-line reason."""

from __future__ import annotations


class DocumentError(Exception):
    """A document that cannot be archived; ``str(err)`` is the reason, one line."""

    def __str__(self) -> str:
        return " ".join(super().__str__().split())


class InputError(DocumentError):
    """The raw input is unusable: empty, binary, undecodable, too large, unreadable."""


class RecordError(DocumentError):
    """A record would break (or breaks) the schema or its own hashes."""


class EngineError(Exception):
    """The batch cannot run at all (the engine is missing or unreachable); one line, no traceback."""
