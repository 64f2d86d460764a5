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


# --- time limits the process enforces (issue 28) --------------------------------------------------------------

class _PoisonPool(PoolEngine):
    """A pool whose worker dies on the document named ``poison.txt``: every batch in flight on that pool breaks,
    as ProcessPoolExecutor breaks them all when one worker is killed."""

    def __init__(self) -> None:
        super().__init__(workers=1, batch_size=3)
        self.pools = 0
        self.broken: set[int] = set()

    def _new_pool(self) -> None:
        self.pools += 1
        self._generation += 1

    def _submit(self, jobs, settings):
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        from archiver.ingest import process_batch

        future: Future = Future()
        if self._generation in self.broken or any(j.rel == "poison.txt" for j in jobs):
            self.broken.add(self._generation)
            future.set_exception(BrokenProcessPool("a worker died"))
        else:
            future.set_result(process_batch(jobs, settings))
        return future


def test_a_worker_that_dies_costs_one_document_and_the_batch_goes_on(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("a.txt", "b.txt", "poison.txt", "c.txt", "d.txt", "e.txt", "f.txt"):
        (raw / name).write_text(f"A paragraph of the document {name}, long enough to be kept as text.\n")
    engine = _PoisonPool()
    got = [(o.job.rel, o.status, o.reason) for o in ingest([raw], tmp_path / "clean", engine=engine)]
    assert [rel for rel, _, _ in got] == ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt", "poison.txt"]
    assert [(rel, reason) for rel, status, reason in got if status != "written"] == [
        ("poison.txt", PoolEngine.STOPPED)]
    assert engine.pools >= 2  # the broken pool was replaced


def test_the_kernel_ends_a_document_stuck_in_one_long_c_call() -> None:
    """SIGALRM waits for the regular expression to return (it would take hours); RLIMIT_CPU does not."""
    import signal
    import subprocess
    import sys
    import time

    code = ("from archiver.timelimit import _cpu_backstop\n"
            "import re\n"
            "_cpu_backstop(0.5)\n"
            "re.match(r'(a+)+$', 'a' * 40 + 'b')\n")
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", code], timeout=120, capture_output=True)
    assert result.returncode == -signal.SIGXCPU, result
    assert time.monotonic() - started < 60


def test_a_batch_raises_the_collector_threshold_and_puts_the_callers_back(corpus: Path, tmp_path: Path) -> None:
    import gc

    from archiver.engines import BATCH_GC_THRESHOLD
    from archiver.planning import plan_jobs

    caller = (900, 11, 12)
    before = gc.get_threshold()
    gc.set_threshold(*caller)
    try:
        during = [(gc.get_threshold(), gc.get_freeze_count())
                  for _ in SerialEngine().run(plan_jobs([corpus], tmp_path / "out"), Settings())]
        assert len(during) > 10 and {threshold for threshold, _ in during} == {BATCH_GC_THRESHOLD}
        assert during[-1][1] > 0  # what the first documents loaded is frozen out of the collector's walks
        assert gc.get_threshold() == caller and gc.get_freeze_count() == 0
        pool = PoolEngine(workers=1)
        pool._new_pool()  # a worker as a batch starts it
        try:
            assert pool._pool.submit(gc.get_threshold).result() == BATCH_GC_THRESHOLD
            assert pool._pool.submit(gc.get_freeze_count).result() == 0
            assert [o.status for o in pool._submit([], Settings()).result()] == []
            assert pool._pool.submit(gc.get_freeze_count).result() > 0
        finally:
            pool._pool.shutdown()
    finally:
        gc.set_threshold(*before)
