"""The JSON Schemas shipped inside the package, so validation works offline from anywhere.

Two validators per schema: fastjsonschema (compiled to Python, about 0.3 ms a
record) answers "is it valid?" on the hot path of ingest and validate; the
reference jsonschema validator (draft 2020-12) lists every problem of a record
that failed, and checks the schema itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator

CURRENT_VERSION = "1.0"


def major_of(schema_version: str) -> str:
    return schema_version.split(".", 1)[0]


@cache
def schema_for(major: str) -> dict[str, Any]:
    """The schema ``document.v<major>`` (cached: schemas never change at run time)."""
    name = f"document.v{major}.schema.json"
    resource = resources.files("archiver") / "schemas" / name
    if not major.isdigit() or not resource.is_file():
        raise KeyError(f"unknown schema version {major!r}")
    schema = json.loads(resource.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return schema


@cache
def validator_for(major: str) -> Draft202012Validator:
    return Draft202012Validator(schema_for(major))


@cache
def fast_validator_for(major: str) -> Callable[[Any], Any]:
    return fastjsonschema.compile(schema_for(major))


def schema_problems(record: Any) -> list[str]:
    """One line per schema violation (path in the record, then the message), sorted."""
    if not isinstance(record, dict):
        return ["record is not a JSON object"]
    version = record.get("schema_version")
    if not isinstance(version, str):
        return ["schema_version is missing or not a string"]
    try:
        fast_validator_for(major_of(version))(record)
        return []
    except KeyError as err:
        return [str(err.args[0])]
    except fastjsonschema.JsonSchemaException:
        pass  # list every problem with the reference validator
    problems = []
    for error in validator_for(major_of(version)).iter_errors(record):
        where = "/".join(str(p) for p in error.absolute_path) or "(record)"
        message = error.message if len(error.message) <= 200 else error.message[:200] + "…"
        problems.append(f"schema: {where}: {message}")
    return sorted(problems) or ["schema: invalid (fast validator)"]
