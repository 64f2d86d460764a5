"""One document, end to end in memory: raw bytes to a sealed, schema-checked record."""

from __future__ import annotations

from typing import Any

from archiver.assemble import build_record
from archiver.config import PipelineConfig
from archiver.core.pipeline import run_stages
from archiver.core.stages import drop_stands_on_extracted, extracted_stages, keeping_stages, pipeline_ids, stages_for
from archiver.errors import RecordError
from archiver.metadata_lines import metadata_lines
from archiver.readers import DEFAULT_MAX_BYTES, read_document
from archiver.schema import schema_problems


def clean_bytes(raw: bytes, source_path: str, max_bytes: int = DEFAULT_MAX_BYTES, *,
                name_hint: str | None = None, provenance: dict[str, Any] | None = None,
                config: PipelineConfig | None = None) -> dict[str, Any]:
    """The record dict for ``raw``; raises DocumentError with a one-line reason.

    ``name_hint`` picks the reader when ``source_path`` cannot (a WARC payload);
    ``provenance`` is recorded as ``source.warc``; ``config``, a user's stage settings, as
    ``pipeline.settings`` when it is not the default.
    """
    decoded = read_document(raw, name_hint or source_path, max_bytes)
    extracted = decoded.media_type == "text/html"
    stages = extracted_stages(config) if extracted else stages_for(config)
    fetched = provenance.get("date") if provenance else None
    drop_stands = drop_stands_on_extracted if extracted else None
    blocks, ctx = run_stages(decoded.text, stages, extracted=extracted, reference_date=fetched,
                             drop_stands=drop_stands)
    if extracted and not any(block.kept for block in blocks):
        # trafilatura found text on the page and the stages took all of it: an empty record helps nobody,
        # and the extractor saw the markup. Keep its text, repaired; the record names the stages that ran.
        stages, drop_stands = keeping_stages(config), None
        blocks, ctx = run_stages(decoded.text, stages, extracted=extracted, reference_date=fetched)
    sources = {name: "text" for name, value in ctx.metadata.items() if value}
    for name, value in decoded.metadata.items():
        # The markup's metadata (trafilatura read the <title>, meta tags, JSON-LD) wins over what the stages
        # guessed from the text's lines; the text fills only what the markup lacks.
        if value:
            ctx.metadata[name] = value
            sources[name] = "html"
    if provenance and provenance.get("target_uri"):
        ctx.metadata["url"] = provenance["target_uri"]
        sources["url"] = "warc"
    record = build_record(raw=raw, source_path=source_path, media_type=decoded.media_type,
                          encoding=decoded.encoding, blocks=blocks, ctx=ctx,
                          stage_ids=pipeline_ids(stages, trusted_only=drop_stands is not None), provenance=provenance,
                          settings=None if config is None or config.is_default() else config.to_record(),
                          extractor=decoded.extractor, metadata_sources=sources,
                          metadata_lines=metadata_lines(blocks, ctx.metadata, sources))
    problems = schema_problems(record)
    if problems:
        raise RecordError(f"record fails the schema: {problems[0]}")
    return record
