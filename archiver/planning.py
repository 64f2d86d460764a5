"""From the inputs a user names to jobs: folders walked (symlinks that leave an input folder refused), WARC
files expanded into one job per document record, sidecars skipped, and every record path claimed by one input
only."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from archiver.discovery import discover_files, named_sidecars, skip_set
from archiver.jobs import Job, Outcome, display_name
from archiver.naming import record_name, unicode_name
from archiver.readers import DEFAULT_MAX_BYTES
from archiver.readers.warc import WarcProblem, is_warc, iter_warc, record_file_name, warc_stem


def escapes(path: Path, root: Path, is_link: bool) -> bool:
    """A symlink under ``root`` whose target lies outside it (``is_link``: as the folder scan found it)."""
    if not is_link:
        return False
    return not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))


def real_path(path: Path, real_folders: dict[Path, str]) -> Path:
    """``os.path.realpath(path)``, with the resolution of its folder remembered: resolving costs a system call
    per component of the path, and a corpus's records share a few folders."""
    folder = real_folders.get(path.parent)
    if folder is None:
        folder = real_folders[path.parent] = os.path.realpath(path.parent)
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return Path(folder, path.name)


def plan_jobs(inputs: Iterable[Path], out_dir: Path, follow_symlinks: bool = False, skip: Iterable[Path] = (),
              max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Job | Outcome]:
    """Jobs in input order; collisions (a WARC's records included), escaping links and bad names are failed
    Outcomes. The output folder and the paths in ``skip`` (a report file) are never inputs; an output folder
    that is an input folder is refused (its records would be read, or written over its files)."""
    claims = _Claims(out_dir)
    skipped = skip_set([out_dir, *skip])
    inputs = list(inputs)
    named = named_sidecars(inputs)
    for arg in inputs:
        if arg.is_dir() and os.path.realpath(arg) == claims.out_root:
            yield Outcome(Job(arg, str(arg), out_dir), "failed",
                          "the output folder is this input folder; give another --out")
            continue
        found = False
        guard_links = not follow_symlinks and arg.is_dir()
        for path, rel, is_link, sidecar in discover_files(arg, follow_symlinks, skipped):
            found = True
            rel_text = unicode_name(rel.as_posix())
            job = Job(path, rel_text, out_dir / record_name(PurePosixPath(rel_text)))
            escaping = guard_links and escapes(path, arg, is_link)
            if sidecar or path in named:
                yield Outcome(job, "sidecar", "a .json beside a document of the same name: its sidecar, not a document")
            elif escaping:
                yield Outcome(job, "failed", "symlink points outside the input folder; not followed "
                                             "(--follow-symlinks)")
            elif is_warc(path):
                yield from (claims.check(item) for item in warc_jobs(job, out_dir, max_bytes))
            else:
                yield claims.check(job)
        if not found:
            yield Outcome(Job(arg, str(arg), out_dir), "failed", "no input files in this folder")


class _Claims:
    """Which input has claimed each record path: two inputs never write one record, and no record lands
    outside the output folder."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.out_root = os.path.realpath(out_dir)
        self.claimed: dict[Path, str] = {}
        self.real_folders: dict[Path, str] = {}

    def check(self, item: Job | Outcome) -> Job | Outcome:
        if isinstance(item, Outcome):
            return item
        if not real_path(item.out, self.real_folders).is_relative_to(self.out_root):
            return Outcome(item, "failed", f"its record would land outside {self.out_dir}; refused")
        if item.out in self.claimed:
            return Outcome(item, "failed", f"its record {item.out} would overwrite that of "
                                           f"{self.claimed[item.out]}")
        self.claimed[item.out] = display_name(item)
        return item


def warc_jobs(job: Job, out_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Job | Outcome]:
    """One job per document record of a WARC file, streamed (offsets, not payloads); skips and bad records
    as Outcomes named ``file#offset``."""
    folder = out_dir / PurePosixPath(job.rel).parent / warc_folder_name(job.path)
    try:
        for item in iter_warc(job.path, max_bytes, keep_payloads=False):
            if isinstance(item, WarcProblem) and item.offset < 0:  # the file is damaged: one line for it
                yield Outcome(job, item.status, item.reason)
                continue
            rel = f"{job.rel}#{item.offset if isinstance(item, WarcProblem) else item.provenance['offset']}"
            if isinstance(item, WarcProblem):
                name = record_file_name(item.record_id) if item.record_id else "unreadable.json"
                yield Outcome(Job(job.path, rel, folder / name), item.status, item.reason)
            else:
                out = folder / record_file_name(item.provenance["record_id"])
                yield Job(job.path, rel, out, item.provenance["offset"], item.name_hint, item.provenance)
    except OSError as err:
        yield Outcome(job, "failed", f"cannot read: {err.strerror or err}")


def warc_folder_name(path: Path) -> str:
    """The folder of a WARC's records: the WARC's name without its suffix, made safe (``...warc`` would give
    ``..``, and a hidden name is no record folder)."""
    stem = warc_stem(path)
    return stem if stem.strip(".") and not stem.startswith(".") else f"warc-{stem.replace('.', '_')}"
