"""Pipeline settings a user chooses: stages turned off, and the few settings a stage declares.

Read from a TOML file (``archiver ingest --config archiver.toml``):

    [stages]
    off = ["glued", "lost_hyphen"]     # stage names, as `archiver stages` lists them

    [stages.boilerplate]
    threshold = 0.3                    # see OPTIONS below

Every unknown key, stage or option and every value of the wrong type or out of range is one clear error
before any document is read. A record made with settings other than the defaults carries them in
``pipeline.settings`` (and its stage list leaves out the stages that were off), so it is never confused
with a default record, ``validate --recompute`` re-cleans it the same way, and an incremental run redoes a
document whose settings changed (ingest compares a fresh cleaning with the record on disk).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomllib

from archiver.core.settings import ALWAYS_ON, OPTIONS, PipelineConfig
from archiver.errors import DocumentError

__all__ = ["ALWAYS_ON", "OPTIONS", "ConfigError", "PipelineConfig", "config_from_record", "load_config", "parse"]


class ConfigError(DocumentError):
    """A settings file that cannot be used; one line."""


def config_from_record(settings: dict[str, Any] | None) -> PipelineConfig:
    """The settings a record's ``pipeline.settings`` names (the defaults when it names none), checked as a
    settings file is."""
    if not settings:
        return PipelineConfig()
    return parse({"stages": {"off": settings.get("off", []), **settings.get("stages", {})}}, "the record")


def load_config(path: Path) -> PipelineConfig:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(f"{path}: cannot read: {err.strerror or err}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: not valid TOML: {err}") from None
    return parse(data, str(path))


def parse(data: dict[str, Any], where: str) -> PipelineConfig:
    from archiver.core.stages import default_stages

    known = [stage.name for stage in default_stages()]
    unknown = sorted(set(data) - {"stages"})
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (the settings live under [stages])")
    stages = data.get("stages", {})
    if not isinstance(stages, dict):
        raise ConfigError(f"{where}: [stages] must be a table")
    off = stages.get("off", [])
    if not isinstance(off, list) or not all(isinstance(name, str) for name in off):
        raise ConfigError(f"{where}: stages.off must be a list of stage names")
    for name in off:
        if name not in known:
            raise ConfigError(f"{where}: unknown stage {name!r} in stages.off (stages: {', '.join(known)})")
        if name in ALWAYS_ON:
            raise ConfigError(f"{where}: the {name!r} stage makes the blocks every other stage reads; it "
                              "cannot be off")
    options = []
    for stage, values in sorted((k, v) for k, v in stages.items() if k != "off"):
        if stage not in known:
            raise ConfigError(f"{where}: unknown stage [stages.{stage}] (stages: {', '.join(known)})")
        declared = OPTIONS.get(stage, {})
        if not isinstance(values, dict):
            raise ConfigError(f"{where}: [stages.{stage}] must be a table")
        chosen = []
        for option, value in sorted(values.items()):
            if option not in declared:
                names = ", ".join(declared) or "none"
                raise ConfigError(f"{where}: the {stage} stage has no setting {option!r} (settings: {names})")
            kind, low, high, _ = declared[option]
            wrong_type = isinstance(value, bool) or not isinstance(value, int | float)
            if wrong_type or (kind is int and not isinstance(value, int)):
                what = "an integer" if kind is int else "a number"
                raise ConfigError(f"{where}: stages.{stage}.{option} must be {what}")
            if not low <= value <= high:
                raise ConfigError(f"{where}: stages.{stage}.{option} must lie between {low:g} and {high:g}")
            chosen.append((option, kind(value)))
        if chosen:
            options.append((stage, tuple(chosen)))
    return PipelineConfig(tuple(name for name in known if name in off), tuple(options))
