"""The archival record as Python objects: what the API and export hand to other tools.

Plain dataclasses, kept out of the compiled core: a compiled frozen dataclass cannot be rebuilt by pickle
(restoring its fields trips its own frozen ``__setattr__``), and records read through the API must pickle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any

from archiver.core.model import Removal, Repair


@dataclass(frozen=True)
class Source:
    path: str
    sha256: str
    size_bytes: int
    media_type: str
    encoding: str
    warc: Mapping[str, Any] | None = None  # schema 1.1: provenance of a WARC record
    extractor: str | None = None           # schema 1.2: for HTML, which extraction gave the text


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    language: str
    script: str
    confidence: float


@dataclass(frozen=True)
class Role:
    start: int
    end: int
    role: str


@dataclass(frozen=True)
class Hashes:
    raw_sha256: str
    text_sha256: str
    record_sha256: str


@dataclass(frozen=True)
class PipelineInfo:
    tool: str
    version: str
    stages: tuple[str, ...]
    settings: Mapping[str, Any] | None = None  # since schema 1.2: a user's stage settings, when not the defaults


@dataclass(frozen=True)
class Record:
    """The archival record of one document (see schemas/document.v1.schema.json)."""

    schema_version: str
    id: str
    source: Source
    text: str
    language: str | None
    segments: tuple[Segment, ...]
    metadata: Mapping[str, Any]
    removed: tuple[Removal, ...]
    repairs: tuple[Repair, ...]
    hashes: Hashes
    pipeline: PipelineInfo
    roles: tuple[Role, ...] | None = None  # since schema 1.2: paragraphs that are not body text
    metadata_sources: Mapping[str, str] | None = None  # since schema 1.2: html, warc or text per field
    metadata_lines: Mapping[str, Mapping[str, int]] | None = None  # since 1.3: raw span of a text field's line

    def to_dict(self) -> dict[str, Any]:
        data = asdict(replace(self, removed=(), repairs=()))  # the ledger's entries are no dataclasses
        for optional in ("warc", "extractor"):
            if data["source"][optional] is None:
                del data["source"][optional]
        data["metadata"] = dict(self.metadata)
        data["segments"] = [asdict(s) for s in self.segments]
        if self.metadata_sources is None:
            del data["metadata_sources"]
        else:
            data["metadata_sources"] = dict(self.metadata_sources)
        if self.metadata_lines is None:
            del data["metadata_lines"]
        else:
            data["metadata_lines"] = {name: dict(span) for name, span in self.metadata_lines.items()}
        if self.roles is None:
            del data["roles"]
        else:
            data["roles"] = [asdict(r) for r in self.roles]
        data["removed"] = [r.to_dict() for r in self.removed]
        data["repairs"] = [r.to_dict() for r in self.repairs]
        data["pipeline"]["stages"] = list(self.pipeline.stages)
        if self.pipeline.settings is None:
            del data["pipeline"]["settings"]
        else:
            data["pipeline"]["settings"] = dict(self.pipeline.settings)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Record:
        return cls(
            schema_version=data["schema_version"],
            id=data["id"],
            source=Source(**data["source"]),
            text=data["text"],
            language=data.get("language"),
            segments=tuple(Segment(**s) for s in data.get("segments") or ()),
            metadata=dict(data["metadata"]),
            removed=tuple(Removal(**r) for r in data["removed"]),
            repairs=tuple(Repair(**r) for r in data["repairs"]),
            hashes=Hashes(**data["hashes"]),
            roles=tuple(Role(**r) for r in data["roles"]) if "roles" in data else None,
            metadata_sources=dict(data["metadata_sources"]) if "metadata_sources" in data else None,
            metadata_lines={name: dict(span) for name, span in data["metadata_lines"].items()}
            if "metadata_lines" in data else None,
            pipeline=PipelineInfo(
                tool=data["pipeline"]["tool"],
                version=data["pipeline"]["version"],
                stages=tuple(data["pipeline"]["stages"]),
                settings=data["pipeline"].get("settings"),
            ),
        )
