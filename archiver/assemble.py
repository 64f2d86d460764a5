"""Blocks and context in, archival record out: the one place that knows the record's shape."""

from __future__ import annotations

from typing import Any

from archiver._version import __version__
from archiver.archive import record_id, seal, sha256_hex
from archiver.core.model import Block, Removal, Repair
from archiver.core.pipeline import Context
from archiver.core.roles import roles
from archiver.schema import CURRENT_VERSION


def assemble_text(blocks: list[Block]) -> str:
    """Kept blocks as paragraphs: one blank line between them, one final newline."""
    paragraphs = [b.text for b in blocks if b.kept and b.text]
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""


def segments(blocks: list[Block]) -> list[dict[str, Any]]:
    """Language runs over the clean text: adjacent paragraphs of one language and script merge.

    A merged run's confidence is the character-weighted mean of its paragraphs'.
    """
    runs: list[dict[str, Any]] = []
    position = 0
    weights: list[float] = []  # per run: confidence times characters, summed
    merged: list[bool] = []
    for block in blocks:
        if not block.kept or not block.text:
            continue
        start, end = position, position + len(block.text)
        position = end + 2  # the blank line between paragraphs
        if block.lang is None:
            continue
        tag = block.lang
        last = runs[-1] if runs else None
        if last and last["language"] == tag.language and last["script"] == tag.script:
            weights[-1] += tag.confidence * (end - start)
            last["end"] = end
            merged[-1] = True
        else:
            runs.append({"start": start, "end": end, "language": tag.language, "script": tag.script,
                         "confidence": tag.confidence})
            weights.append(tag.confidence * (end - start))
            merged.append(False)
    for run, weight, was_merged in zip(runs, weights, merged, strict=True):
        if was_merged:
            run["confidence"] = round(weight / (run["end"] - run["start"]), 3)
    return runs


def ledger(blocks: list[Block], decoded: str) -> tuple[list[Removal], list[Repair]]:
    """Removals (with their raw text) of dropped blocks; repairs of kept ones, in raw order."""
    removed: list[Removal] = []
    repairs: list[Repair] = []
    for block in sorted(blocks, key=lambda b: (b.raw_start, b.raw_end)):
        if block.dropped_by is None:
            repairs.extend(block.repairs)
        else:
            stage, rule = block.dropped_by
            language = block.lang.language if block.lang else None
            removed.append(Removal(stage, rule, block.raw_start, block.raw_end,
                                   decoded[block.raw_start:block.raw_end], language))
    repairs.sort(key=lambda r: (r.raw_start, r.raw_end))
    return removed, repairs


def build_record(*, raw: bytes, source_path: str, media_type: str, encoding: str,
                 blocks: list[Block], ctx: Context, stage_ids: tuple[str, ...],
                 provenance: dict[str, Any] | None = None, settings: dict[str, Any] | None = None,
                 extractor: str | None = None, metadata_sources: dict[str, str] | None = None,
                 metadata_lines: dict[str, dict[str, int]] | None = None) -> dict[str, Any]:
    """The sealed record as a plain dict (what is validated, hashed and written)."""
    raw_sha = sha256_hex(raw)
    removed, repairs = ledger(blocks, ctx.decoded)
    source = {"path": source_path, "sha256": raw_sha, "size_bytes": len(raw),
              "media_type": media_type, "encoding": encoding}
    if provenance is not None:
        source["warc"] = dict(provenance)
    if extractor is not None:
        source["extractor"] = extractor
    pipeline: dict[str, Any] = {"tool": "archiver", "version": __version__, "stages": list(stage_ids)}
    if settings is not None:
        pipeline["settings"] = settings
    record: dict[str, Any] = {
        "schema_version": CURRENT_VERSION,
        "id": record_id(raw_sha),
        "source": source,
        "text": assemble_text(blocks),
        "language": ctx.language,
        "segments": segments(blocks),
        "roles": roles([b.text for b in blocks if b.kept and b.text]),
        "metadata": dict(ctx.metadata),
        "metadata_sources": {name: where for name, where in sorted((metadata_sources or {}).items())
                             if name in ctx.metadata},
        "metadata_lines": {name: dict(span) for name, span in sorted((metadata_lines or {}).items())},
        "removed": [r.to_dict() for r in removed],
        "repairs": [r.to_dict() for r in repairs],
        "hashes": {"raw_sha256": raw_sha, "text_sha256": "", "record_sha256": ""},
        "pipeline": pipeline,
    }
    return seal(record)

