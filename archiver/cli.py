"""Command line: parse options, call the library, print results. No cleaning logic here."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from archiver._version import __version__, build
from archiver.api import load
from archiver.archive import atomic_write
from archiver.batch_files import record_files
from archiver.config import PipelineConfig, load_config
from archiver.core.stages import describe
from archiver.discovery import count_documents
from archiver.engines import make_engine
from archiver.errors import DocumentError, EngineError
from archiver.export import Filters, export
from archiver.ingest import DEFAULT_MAX_BYTES, Settings, Summary, display_name, ingest, printable
from archiver.progress import progress
from archiver.review import build_review
from archiver.validate import RawRoots, validate
from archiver.wording import plural

_PATH = click.Path(exists=True, file_okay=True, dir_okay=True, path_type=Path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="archiver", message=f"%(prog)s %(version)s ({build()} build)")
def cli() -> None:
    """Clean scraped articles into schema-validated, hashed archival JSON records.

    \b
    Example:
      archiver ingest              # raw/ -> clean/
      archiver stages              # what each cleaning stage does
    """


@cli.command("ingest")
@click.argument("paths", nargs=-1, type=_PATH)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("clean"), show_default=True, help="Folder for the JSON records.")
@click.option("--force", is_flag=True, help="Rewrite records even when they are up to date.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
              show_default=True, help="Refuse input files (or their gzip contents) larger than this.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default=None,
              help="Run in a local process pool (default), or on a Dask cluster.")
@click.option("--scheduler", default=None,
              help="Dask scheduler address, e.g. tcp://host:8786 (implies --engine dask; default: a local cluster).")
@click.option("--batch-size", type=click.IntRange(min=1), default=64, show_default=True,
              help="Documents per Dask task.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write a JSON summary (counts, per-stage removals and repairs, failures, seconds).")
@click.option("--timeout", type=click.FloatRange(min=0), default=60.0, show_default=True,
              help="Seconds one document may take (0: no limit).")
@click.option("--follow-symlinks", is_flag=True, help="Follow symlinks that leave the input folder.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="TOML file of stage settings: stages off, declared stage settings (README: Stage settings).")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures and the summary; no progress bar.")
def ingest_cmd(paths: tuple[Path, ...], out_dir: Path, force: bool, max_bytes: int, jobs: int | None,
               engine: str | None, scheduler: str | None, batch_size: int, report_path: Path | None,
               timeout: float, follow_symlinks: bool, config_path: Path | None, quiet: bool) -> None:
    """Clean raw files (text, HTML, gzip, WARC) into one JSON record each.

    PATHS are files or folders (walked recursively, in sorted order); the
    default is raw/. Each record goes to OUT/<path relative to its folder>.json;
    each HTML record of a WARC file to OUT/<WARC name>/<record id hash>.json.
    The output folder and other archiver record folders are never read as
    input. Exits 1 if any document failed.

    \b
    Example:
      archiver ingest raw/ --out clean/ --jobs 4 --report run.json
    """
    if not paths:
        default = Path("raw")
        if not default.is_dir():
            raise click.UsageError("no PATH given and no raw/ folder here")
        paths = (default,)
    if engine == "local" and scheduler is not None:
        raise click.UsageError("--scheduler is a Dask scheduler's address: use it with --engine dask")
    started = time.monotonic()
    summary = Summary()
    try:
        pipeline = load_config(config_path) if config_path is not None else PipelineConfig()
    except DocumentError as err:
        raise click.ClickException(str(err)) from None
    settings = Settings(force=force, max_bytes=max_bytes, timeout=timeout, follow_symlinks=follow_symlinks,
                        pipeline=pipeline)
    skip = [report_path] if report_path is not None else []
    try:
        outcomes = ingest(paths, out_dir, settings, skip=skip,
                          engine=make_engine(engine or "local", jobs, scheduler, batch_size))
        with progress(quiet, lambda: count_documents(paths, follow_symlinks, [out_dir, *skip])) as bar:
            for outcome in outcomes:
                summary.add(outcome)
                bar(summary)
                if outcome.status == "failed":
                    click.echo(f"{display_name(outcome.job)}: {printable(outcome.reason)}", err=True)
                elif not quiet and not bar.active:
                    shown = outcome.job.path if outcome.status == "sidecar" else outcome.job.out
                    click.echo(f"{outcome.status}: {printable(str(shown))}")
    except EngineError as err:
        raise click.ClickException(str(err)) from None
    click.echo(summary.line())
    if report_path is not None:
        atomic_write(report_path, (json.dumps(summary.report(time.monotonic() - started), indent=2,
                                              sort_keys=True) + "\n").encode())
    if summary.failed:
        sys.exit(1)


@cli.command("validate")
@click.argument("paths", nargs=-1, type=_PATH)
@click.option("--raw", "raw_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Raw folder for staleness checks (default: the one the batch recorded in its bag-info.txt).")
@click.option("--stale-ok", is_flag=True, help="Do not fail on stale records (raw changed, missing, unrecorded).")
@click.option("--recompute", is_flag=True,
              help="Clean each raw file again and compare the record byte for byte (the strongest check).")
@click.option("--no-manifest", is_flag=True,
              help="Accept records outside a batch folder (written through the Python API).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def validate_cmd(paths: tuple[Path, ...], raw_dir: Path | None, stale_ok: bool, recompute: bool,
                 no_manifest: bool, fmt: str) -> None:
    """Check records: schema, hashes, manifest, and the ledger against their raw files.

    PATHS are record files or folders (default: clean/). Prints one line per
    problem and exits 1 if there is any. Raw files are found under --raw, or
    the raw folder that ingest recorded in the batch's bag-info.txt; the summary
    says when neither is there. Each record's removals must be its raw text and
    its text the raw text less them; --recompute re-cleans and compares bytes.
    With ARCHIVER_MANIFEST_KEY set, the manifest's signature is required.
    A raw file with no record is reported only when a folder is checked.

    \b
    Example:
      archiver validate clean/ --raw raw/
    """
    if not paths:
        if not Path("clean").is_dir():
            raise click.UsageError("no PATH given and no clean/ folder here")
        paths = (Path("clean"),)
    report = validate(list(paths), raw_dir, recompute=recompute, require_manifest=not no_manifest)
    problems = [p for p in report.problems if not (stale_ok and p.message.startswith("stale:"))]
    if fmt == "json":
        click.echo(json.dumps({"records": report.records,
                               "problems": [{"path": printable(p.path), "problem": printable(p.message)}
                                            for p in problems]},
                              ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            click.echo(problem.line(), err=True)
        report.problems = problems
        click.echo(report.summary())
    if problems:
        sys.exit(1)


@cli.command("export")
@click.argument("paths", nargs=-1, type=_PATH)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File to write: .jsonl, .jsonl.gz (gzip) or .parquet (with --shard-size, the shards' base name).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet"]), default=None,
              help="Output format (default: from --out's name).")
@click.option("--text-format", type=click.Choice(["plain", "markdown"]), default="plain", show_default=True,
              help="markdown: headings as ##, quotes with > (from each record's paragraph roles).")
@click.option("--shard-size", type=click.IntRange(min=0), default=0,
              help="Documents per file: NAME-00000-of-00004.jsonl.gz ... (0: one file).")
@click.option("--no-verify", is_flag=True, help="Skip the schema and fixity check of each record.")
@click.option("--language", "languages", default="",
              help="Keep only these record languages, comma-separated (e.g. de,en; 'und' only when listed).")
@click.option("--min-chars", type=click.IntRange(min=0), default=0, help="Keep only texts at least this long.")
@click.option("--max-removed-share", type=click.FloatRange(0, 1), default=1.0,
              help="Keep only documents of which the cleaning removed at most this share (0-1).")
@click.option("--dedup", is_flag=True,
              help="Leave out duplicates but each cluster's representative (needs `archiver dedup` first).")
def export_cmd(paths: tuple[Path, ...], out: Path, fmt: str | None, text_format: str, shard_size: int,
               no_verify: bool, languages: str, min_chars: int, max_removed_share: float, dedup: bool) -> None:
    """Export records as JSON Lines or Parquet (id, text, source, metadata) for corpus toolkits.

    PATHS are record files or folders (default: clean/), exported in sorted order.
    Each line carries the document's quality signals under metadata.quality;
    the filters leave documents out of the export (never out of the archive).

    \b
    Example:
      archiver export clean/ --out corpus.jsonl.gz --language de,en --min-chars 500
    """
    filters = Filters(frozenset(x.strip() for x in languages.split(",") if x.strip()), min_chars,
                      max_removed_share)
    try:
        summary = export(list(paths) or [Path("clean")], out, verify=not no_verify, filters=filters, dedup=dedup,
                         fmt=fmt, shard_size=shard_size, text_format=text_format)
    except DocumentError as err:
        raise click.ClickException(str(err)) from None
    target = out if len(summary.files) == 1 else f"{plural(len(summary.files), 'file')} ({summary.files[0]} ...)"
    line = f"{plural(summary.exported, 'record')} exported to {target}"
    if sum(summary.left_out.values()):
        reasons = ", ".join(f"{n} by --{name}" for name, n in sorted(summary.left_out.items()) if n)
        line += f"; {sum(summary.left_out.values())} left out ({reasons})"
    click.echo(line)


@cli.command("dedup")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("clean"))
@click.option("--threshold", type=click.FloatRange(0.3, 1.0), default=0.6, show_default=True,
              help="Estimated Jaccard similarity of word 5-shingles at which two texts are near duplicates.")
def dedup_cmd(folder: Path, threshold: float) -> None:
    """Find duplicate records (same raw file, same clean text, or the same article re-scraped).

    Writes FOLDER/duplicates.jsonl (one line per record that has a duplicate:
    its cluster, the representative kept, the evidence and its similarity);
    records and raw files are never touched. `export --dedup` then leaves out
    all but each cluster's representative; `validate` checks the index.

    \b
    Example:
      archiver dedup clean/ && archiver export clean/ --dedup --out corpus.jsonl.gz
    """
    from archiver.dedup import dedup

    try:
        lines = dedup(folder, threshold)
    except DocumentError as err:
        raise click.ClickException(str(err)) from None
    clusters = len({line["cluster"] for line in lines})
    duplicates = sum(not line["kept"] for line in lines)
    click.echo(f"{plural(clusters, 'cluster')} of duplicates, {plural(duplicates, 'record')} beside their "
               f"representatives; index: {folder / 'duplicates.jsonl'}")


@cli.command("bag")
@click.argument("records", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out", type=click.Path(path_type=Path), required=True,
              help="The bag folder to create (it must not exist).")
@click.option("--with-raw", is_flag=True, help="Put the raw files the records were made from in the bag too.")
@click.option("--raw", "raw_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Raw folder (default: the one the batch recorded in its bag-info.txt).")
def bag_cmd(records: Path, out: Path, with_raw: bool, raw_dir: Path | None) -> None:
    """Make a BagIt bag (RFC 8493) of a records folder, for handing to a repository.

    The records go to BAG/data/records/ as they are; with --with-raw, each
    record's raw file goes to BAG/data/raw/. `archiver validate BAG` checks the
    bag and then its records against the raw files it holds.

    \b
    Example:
      archiver bag clean/ --out bags/2026-12-06 --with-raw
    """
    from archiver.bag import make_bag

    try:
        summary = make_bag(records, out, with_raw=with_raw, raw_root=raw_dir)
    except DocumentError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"{out}: {plural(summary.records, 'record')}, {plural(summary.raw_files, 'raw file')}, "
               f"{summary.payload_files} payload files, {summary.payload_bytes} bytes")


@cli.command("review")
@click.argument("paths", nargs=-1, type=_PATH)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=Path("review.html"),
              show_default=True, help="The HTML file to write.")
@click.option("--raw", "raw_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Raw folder, to show removals in place (default: the one the batch recorded).")
def review_cmd(paths: tuple[Path, ...], out: Path, raw_dir: Path | None) -> None:
    """Write one self-contained HTML page showing what every stage removed and repaired.

    PATHS are record files or folders (default: clean/).

    \b
    Example:
      archiver review clean/ --raw raw/ --out review.html
    """
    folders = list(paths) or [Path("clean")]
    if raw_dir is None:
        raw_dir = RawRoots(None)(folders[0])
    try:
        records = [load(p) for p in record_files(folders)]
    except DocumentError as err:
        raise click.ClickException(str(err)) from None
    atomic_write(out, build_review(records, raw_dir).encode("utf-8"))
    click.echo(f"{plural(len(records), 'document')} reviewed in {out}")


@cli.command("stages")
def stages_cmd() -> None:
    """List the pipeline's stages in order, with versioned names.

    \b
    Example:
      archiver stages
    """
    entries = describe()
    width = max(len(name) for name, _ in entries)
    for name, description in entries:
        click.echo(f"{name:<{width}}  {description}")


def main() -> None:
    cli()
