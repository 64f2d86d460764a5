"""Checks every test that produces a record runs: the ledger and fixity invariants."""

from __future__ import annotations

from typing import Any

from archiver.archive import fixity_problems
from archiver.readers import read_document
from archiver.schema import schema_problems


def check_record(record: dict[str, Any], raw: bytes) -> None:
    """Schema-valid, hashes verify, and every removal's text is its raw span."""
    assert schema_problems(record) == []
    assert fixity_problems(record) == []
    decoded = read_document(raw, record["source"]["path"]).text
    for removal in record["removed"]:
        assert decoded[removal["raw_start"]:removal["raw_end"]] == removal["text"], removal
    for repair in record["repairs"]:
        assert 0 <= repair["raw_start"] <= repair["raw_end"] <= len(decoded), repair
    text = record["text"]
    assert text == "" or (text.endswith("\n") and not text.endswith("\n\n"))
    assert "\n\n\n" not in text
