"""What a batch is made of: a job (one input and where its record goes), the settings every worker gets,
a document's outcome, and the batch's summary. Picklable, for a process pool or a cluster."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archiver.config import PipelineConfig
from archiver.naming import printable
from archiver.readers import DEFAULT_MAX_BYTES
from archiver.readers.warc import is_warc
from archiver.wording import plural


@dataclass(frozen=True)
class Job:
    """One input file, the path its record cites, and where the record goes."""

    path: Path
    rel: str
    out: Path
    warc_offset: int | None = None        # a WARC record's offset (path is then the WARC file)
    name_hint: str | None = None          # which reader the payload needs
    provenance: dict[str, Any] | None = None


@dataclass(frozen=True)
class Settings:
    """What every worker needs to know, picklable for a process pool or a cluster."""

    force: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 60.0          # seconds per document, enforced where the document runs
    follow_symlinks: bool = False  # follow links that leave the input folder
    cpu_backstop: bool = False     # in a pool worker: the kernel stops a document the timer could not
    pipeline: PipelineConfig = field(default_factory=PipelineConfig)  # stages off, stage settings (config.py)


@dataclass(frozen=True)
class Outcome:
    job: Job
    # "written" | "unchanged" | "failed" | "skipped" (a WARC record that is no document) | "sidecar" (a .json
    # beside a document of the same name: never cleaned as text, which would claim the document's record)
    status: str
    reason: str = ""
    counts: tuple[tuple[str, int], ...] = ()  # ("removed:<stage>" | "repairs:<stage>", n)


@dataclass
class Summary:
    written: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0
    sidecar: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        self.counts.update(dict(outcome.counts))
        if outcome.status == "failed":
            self.failures.append((display_name(outcome.job), outcome.reason))

    def report(self, elapsed: float) -> dict[str, object]:
        """The --report JSON: counts, per-stage removals and repairs, failures, elapsed seconds."""
        by_kind: dict[str, dict[str, int]] = {"removed": {}, "repairs": {}}
        for key, value in sorted(self.counts.items()):
            kind, stage = key.split(":", 1)
            by_kind[kind][stage] = value
        return {"documents": self.written + self.unchanged + self.failed, "written": self.written,
                "unchanged": self.unchanged, "failed": self.failed, "skipped": self.skipped,
                "sidecars": self.sidecar,
                "elapsed_seconds": round(elapsed, 3),
                "removed_by_stage": by_kind["removed"], "repairs_by_stage": by_kind["repairs"],
                "failures": [{"path": path, "reason": reason} for path, reason in self.failures]}

    def line(self) -> str:
        total = self.written + self.unchanged + self.failed
        line = f"{plural(total, 'document')}: {self.written} written, {self.unchanged} unchanged, {self.failed} failed"
        line += f", {plural(self.skipped, 'WARC record')} skipped" if self.skipped else ""
        return line + (f", {plural(self.sidecar, 'sidecar')} (.json beside a document) skipped" if self.sidecar else "")


def display_name(job: Job) -> str:
    """The input as messages name it: the file, and for a WARC record the file and its offset."""
    return printable(f"{job.path}#{job.rel.rsplit('#', 1)[1]}" if "#" in job.rel and is_warc(job.path)
                     else str(job.path))
