"""What a new user meets in the first hour (issue 23): each test here failed on the build before it."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import archiver
from archiver.cli import cli
from archiver.errors import EngineError
from archiver.ingest import LOCK_NAME

ARTICLE = ("The council approved the new budget on Tuesday after a long debate about the harbour, the schools "
           "and the roads that the town has to repair before the winter comes.\n\n") * 3


def run(*args: str, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(cli, list(args))
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(cli, list(args))
    finally:
        os.chdir(old)


def test_ingest_never_reads_its_own_output(tmp_path: Path) -> None:
    """``cd scrapes && archiver ingest . && archiver ingest .``: the second run finds the same two inputs."""
    scrapes = tmp_path / "scrapes"
    scrapes.mkdir()
    (scrapes / "a.txt").write_text(ARTICLE)
    (scrapes / "b.txt").write_text(ARTICLE.replace("council", "mayor"))
    first = run("ingest", ".", "-q", "--report", "run.json", cwd=scrapes)
    second = run("ingest", ".", "-q", "--report", "run.json", cwd=scrapes)
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert first.output.strip().endswith("2 documents: 2 written, 0 unchanged, 0 failed")
    assert second.output.strip().endswith("2 documents: 0 written, 2 unchanged, 0 failed")
    assert not (scrapes / "clean" / "clean").exists()
    assert sorted(p.name for p in (scrapes / "clean").iterdir()) == [
        "a.json", "b.json", "bag-info.txt", "manifest-sha256.txt"]


def test_another_batch_folder_is_not_input(tmp_path: Path) -> None:
    scrapes = tmp_path / "scrapes"
    scrapes.mkdir()
    (scrapes / "a.txt").write_text(ARTICLE)
    assert run("ingest", str(scrapes), "--out", str(scrapes / "old"), "-q").exit_code == 0
    again = run("ingest", str(scrapes), "--out", str(tmp_path / "new"), "-q")
    assert again.output.strip().endswith("1 document: 1 written, 0 unchanged, 0 failed"), again.output


def test_the_lock_file_is_gone_after_the_run(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(ARTICLE)
    assert run("ingest", str(raw), "--out", str(tmp_path / "clean"), "-q").exit_code == 0
    assert not (tmp_path / "clean" / LOCK_NAME).exists()


@pytest.fixture
def archive(tmp_path: Path, root: Path) -> Path:
    shutil.copytree(root / "raw", tmp_path / "raw")
    shutil.copytree(root / "clean", tmp_path / "clean")
    return tmp_path


def test_validate_uses_the_batch_raw_folder_not_the_working_directory(archive: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "raw").mkdir(parents=True)
    (elsewhere / "raw" / "unrelated.txt").write_text("Not this batch's.\n")
    result = run("validate", str(archive / "clean"), cwd=elsewhere)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "5 records checked: 5 valid, 0 problems"
    (archive / "raw" / "000_69536b1d3cf66309.txt").write_text("changed\n")
    stale = run("validate", str(archive / "clean"), cwd=elsewhere)
    assert stale.exit_code == 1 and "000_69536b1d3cf66309.txt changed since the record was made" in stale.output


def test_validate_says_when_staleness_was_not_checked(archive: Path) -> None:
    bag = archive / "clean" / "bag-info.txt"
    bag.write_text("".join(line + "\n" for line in bag.read_text().splitlines() if not line.startswith("Raw-")))
    result = run("validate", str(archive / "clean"), cwd=archive)  # a raw/ here is not guessed
    assert result.exit_code == 0
    assert "staleness not checked for 5 records" in result.output


def test_validate_counts_invalid_records_not_problems(archive: Path) -> None:
    path = archive / "clean" / "001_4814d4cb36451429.json"
    record = json.loads(path.read_text())
    record["text"] += "tampered\n"
    path.write_text(json.dumps(record))
    for name in ("x.txt", "y.txt"):
        (archive / "raw" / name).write_text(ARTICLE)
    result = run("validate", str(archive / "clean"))
    summary = result.output.strip().splitlines()[-1]
    assert summary.startswith("5 records checked: 4 valid, "), summary


def test_one_record_reads_as_one() -> None:
    from archiver.validate import Report

    assert Report(records=1).summary() == "1 record checked: 1 valid, 0 problems"


def test_dask_missing_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails as when it is not installed
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = run("ingest", str(tmp_path / "a.txt"), "--out", str(tmp_path / "c"), "--engine", "dask")
    assert result.exit_code == 1 and "pip install 'archiver[dask]'" in result.output
    assert "Traceback" not in result.output


def test_scheduler_without_dask_engine(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    refused = run("ingest", str(tmp_path / "a.txt"), "--engine", "local", "--scheduler", "tcp://x:1")
    assert refused.exit_code == 2 and "--engine dask" in refused.output
    from archiver.engines import DaskEngine, make_engine

    pytest.importorskip("dask.distributed")
    assert isinstance(make_engine("local", None, "tcp://x:1", 8), DaskEngine)


def test_unreachable_scheduler_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("dask.distributed")
    from archiver.engines import DaskEngine

    monkeypatch.setattr(DaskEngine, "CONNECT_SECONDS", 1.0)
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = run("ingest", str(tmp_path / "a.txt"), "--out", str(tmp_path / "c"), "--scheduler",
                 "tcp://127.0.0.1:9")
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert issubclass(EngineError, Exception)


def test_clean_text_takes_bytes_and_says_what_it_returns() -> None:
    from_bytes = archiver.clean_text(ARTICLE.encode("utf-8"))
    assert from_bytes.text == archiver.clean_text(ARTICLE).text and "council" in from_bytes.text
    with pytest.raises(TypeError, match="str or bytes"):
        archiver.clean_text(42)  # type: ignore[arg-type]


def test_the_progress_bar_learns_the_total(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import time

    from archiver import progress as progress_module
    from archiver.ingest import Summary

    stream = io.StringIO()
    monkeypatch.setattr(progress_module.sys, "stdout", type("Tty", (), {"isatty": lambda self: True})())
    monkeypatch.setattr(progress_module.sys, "stderr", stream)
    with progress_module.progress(False, lambda: 3) as bar:
        deadline = time.monotonic() + 5
        while bar.total is None and time.monotonic() < deadline:
            time.sleep(0.01)
        for _ in range(3):
            bar(Summary())
    assert "3/3" in stream.getvalue()


def test_count_documents(tmp_path: Path) -> None:
    from archiver.discovery import count_documents

    (tmp_path / "in").mkdir()
    for name in ("a.txt", "b.html", ".hidden"):
        (tmp_path / "in" / name).write_text("x")
    (tmp_path / "in" / "out").mkdir()
    (tmp_path / "in" / "out" / "r.json").write_text("{}")
    assert count_documents([tmp_path / "in"], skip=[tmp_path / "in" / "out"]) == 2
    (tmp_path / "in" / "a.json").write_text("{}")  # a.txt's sidecar: no document
    assert count_documents([tmp_path / "in"], skip=[tmp_path / "in" / "out"]) == 2
    assert count_documents([tmp_path / "in" / "a.json", tmp_path / "in" / "a.txt"]) == 1  # named one by one
    (tmp_path / "in" / "c.warc.gz").write_bytes(b"")
    assert count_documents([tmp_path / "in"]) is None
