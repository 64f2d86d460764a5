"""Every engine writes byte-identical records and reports outcomes in input order."""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from archiver.cli import cli
from archiver.engines import DaskEngine, PoolEngine, SerialEngine
from archiver.ingest import Settings, ingest


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, root: Path) -> Path:
    """The seeds, some copies, an HTML page and a bad file, in subfolders."""
    folder = tmp_path_factory.mktemp("corpus")
    for i, seed in enumerate(sorted((root / "raw").glob("*.txt")) * 4):
        sub = folder / f"part{i % 3}"
        sub.mkdir(exist_ok=True)
        (sub / f"{i:03d}.txt").write_bytes(seed.read_bytes() + f"\n\nCopy {i}.\n".encode())
    (folder / "page.html").write_text("<html><body><article><p>" + "A real paragraph of text here. " * 20
                                      + "</p></article></body></html>")
    (folder / "empty.txt").write_text("")
    return folder


def run(engine, corpus: Path, out: Path) -> tuple[list[tuple[str, str]], dict[str, bytes]]:
    outcomes = [(o.job.rel, o.status) for o in ingest([corpus], out, Settings(), engine=engine)]
    return outcomes, {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.json"))}


def test_pool_equals_serial(corpus: Path, tmp_path: Path) -> None:
    serial = run(SerialEngine(), corpus, tmp_path / "serial")
    pooled = run(PoolEngine(2), corpus, tmp_path / "pool")
    assert pooled == serial
    assert ("empty.txt", "failed") in serial[0] and len(serial[1]) == 21


def test_dask_local_cluster_equals_serial(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    serial = run(SerialEngine(), corpus, tmp_path / "serial")
    dask = run(DaskEngine(batch_size=5, workers=2), corpus, tmp_path / "dask")
    assert dask == serial


def test_cli_jobs_and_report(corpus: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--out", str(tmp_path / "o"), "-j", "2",
                                      "--report", str(report), "-q"])
    assert result.exit_code == 1  # empty.txt
    import json
    data = json.loads(report.read_text())
    assert data["written"] == 21 and data["failed"] == 1 and data["failures"][0]["reason"] == "empty file"
    assert data["removed_by_stage"] and set(data) >= {"elapsed_seconds", "repairs_by_stage"}
    again = CliRunner().invoke(cli, ["ingest", str(corpus), "--out", str(tmp_path / "o"), "-q"])
    assert "0 written, 21 unchanged, 1 failed" in again.output


def test_resume_after_partial_output(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    run(SerialEngine(), corpus, out)
    victims = sorted(out.rglob("*.json"))[::3]
    for path in victims:
        path.unlink()
    statuses = [status for _, status in run(PoolEngine(2), corpus, out)[0]]
    assert statuses.count("written") == len(victims)
    shutil.rmtree(out)
