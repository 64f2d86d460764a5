"""The JSON Schemas shipped inside the package, so validation works offline from anywhere.

Records are checked with jsonschema-rs (draft 2020-12, compiled in Rust: about
20 µs a record, which a pre-commit hook over thousands of records needs). The
reference ``jsonschema`` package checks the shipped schemas themselves in the
tests (and agrees with jsonschema-rs on valid and broken records there), not in
every process: that check, and importing ``jsonschema`` for it, took about 60 ms of each run's start.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs

CURRENT_VERSION = "1.3"  # 1.1: optional source.warc; 1.2: optional pipeline.settings, ...; 1.3: metadata_lines
MAX_MESSAGE = 200


def major_of(schema_version: str) -> str:
    return schema_version.split(".", 1)[0]


@cache
def schema_for(major: str) -> dict[str, Any]:
    """The schema ``document.v<major>`` (cached: schemas never change at run time)."""
    name = f"document.v{major}.schema.json"
    resource = resources.files("archiver") / "schemas" / name
    if not major.isdigit() or not resource.is_file():
        raise KeyError(f"unknown schema version {major!r}")
    schema: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return schema


@cache
def validator_for(major: str) -> Any:
    return jsonschema_rs.Draft202012Validator(schema_for(major))


def schema_problems(record: Any) -> list[str]:
    """One line per schema violation (path in the record, then the message), sorted."""
    if not isinstance(record, dict):
        return ["record is not a JSON object"]
    version = record.get("schema_version")
    if not isinstance(version, str):
        return ["schema_version is missing or not a string"]
    try:
        validator = validator_for(major_of(version))
    except KeyError as err:
        return [str(err.args[0])]
    if validator.is_valid(record):
        return []
    problems = []
    for error in validator.iter_errors(record):
        where = "/".join(str(p) for p in error.instance_path) or "(record)"
        message = error.message if len(error.message) <= MAX_MESSAGE else error.message[:MAX_MESSAGE] + "…"
        problems.append(f"schema: {where}: {message}")
    return sorted(problems)
