"""Command line: parse options, call the library, print results. No cleaning logic here."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from archiver._version import __version__
from archiver.ingest import DEFAULT_MAX_BYTES, Summary, ingest
from archiver.stages import describe

_PATH = click.Path(exists=True, file_okay=True, dir_okay=True, path_type=Path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="archiver")
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
              show_default=True, help="Refuse input files larger than this.")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures and the summary.")
def ingest_cmd(paths: tuple[Path, ...], out_dir: Path, force: bool, max_bytes: int,
               quiet: bool) -> None:
    """Clean raw files (text) into one JSON record each.

    PATHS are files or folders (walked recursively, in sorted order); the
    default is raw/. Each record goes to OUT/<path relative to its folder>.json.
    Exits 1 if any document failed.

    \b
    Example:
      archiver ingest raw/ --out clean/
    """
    if not paths:
        default = Path("raw")
        if not default.is_dir():
            raise click.UsageError("no PATH given and no raw/ folder here")
        paths = (default,)
    summary = Summary()
    for outcome in ingest(paths, out_dir, force=force, max_bytes=max_bytes):
        summary.add(outcome)
        if outcome.status == "failed":
            click.echo(f"{outcome.job.path}: {outcome.reason}", err=True)
        elif not quiet:
            click.echo(f"{outcome.status}: {outcome.job.out}")
    click.echo(summary.line())
    if summary.failed:
        sys.exit(1)


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
