"""The record schemas: every version a record may cite is found and checked; a problem is one sorted line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archiver.schema import CURRENT_VERSION, major_of, schema_for, schema_problems

CLEAN = Path(__file__).resolve().parent.parent / "clean"


def a_record() -> dict:
    return json.loads(next(iter(sorted(CLEAN.glob("*.json")))).read_text(encoding="utf-8"))


def test_the_sample_records_are_valid_against_the_current_schema() -> None:
    record = a_record()
    assert record["schema_version"] == CURRENT_VERSION and schema_problems(record) == []


def test_every_major_version_has_its_schema_and_an_unknown_one_is_one_line() -> None:
    assert schema_for(major_of(CURRENT_VERSION))["$schema"].endswith("2020-12/schema")
    assert schema_for("1")  # every 1.x record (1.0 to today's) is read by this one
    with pytest.raises(KeyError):
        schema_for("99")
    assert schema_problems({"schema_version": "99.0"}) == ["unknown schema version '99'"]
    assert schema_problems([]) == ["record is not a JSON object"]
    assert schema_problems({}) == ["schema_version is missing or not a string"]


def test_violations_name_where_they_are_sorted_and_short() -> None:
    record = a_record()
    record["text"] = 5
    record["language"] = "x" * 1000
    del record["hashes"]
    problems = schema_problems(record)
    assert problems == sorted(problems) and len(problems) >= 2
    assert any(p.startswith("schema: text:") for p in problems)
    assert any(p.startswith("schema: (record):") and "hashes" in p for p in problems)
    assert all(len(p) < 300 for p in problems)
