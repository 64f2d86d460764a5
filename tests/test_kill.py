"""kill -9 in the middle of a batch never leaves a partial or corrupt record."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import check_record


def make_corpus(folder: Path, root: Path, copies: int) -> None:
    folder.mkdir()
    seeds = sorted((root / "raw").glob("*.txt"))
    for i in range(copies):
        seed = seeds[i % len(seeds)]
        (folder / f"doc{i:04d}.txt").write_bytes(seed.read_bytes() + f"\n\nCopy {i}.\n".encode())


def run_ingest(raw: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "archiver", "ingest", str(raw), "--out",
                             str(out), "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def pool_processes() -> set[int]:
    """Pids of multiprocessing fork servers and their workers now running (Linux /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if b"multiprocessing.forkserver" in (entry / "cmdline").read_bytes():
                    found.add(int(entry.name))
            except OSError:
                continue
    return found


def test_kill_9_mid_batch_then_resume(tmp_path: Path, root: Path) -> None:
    raw, out, ref = tmp_path / "raw", tmp_path / "out", tmp_path / "ref"
    make_corpus(raw, root, 1000)
    killed_mid_batch = 0
    before = pool_processes()
    for target in (50, 300, 650):
        proc = run_ingest(raw, out)
        deadline = time.monotonic() + 60
        while len(list(out.glob("*.json"))) < target and time.monotonic() < deadline:
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        killed_mid_batch += len(list(out.glob("*.json"))) < 1000
        for path in out.glob("*.json"):
            record = json.loads(path.read_bytes())  # never partial
            check_record(record, (raw / record["source"]["path"]).read_bytes())
    assert killed_mid_batch >= 2, "the batch finished before it could be killed"
    deadline = time.monotonic() + 10  # the killed runs' pool workers notice and exit
    while pool_processes() - before and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not pool_processes() - before, "pool workers outlived the killed ingest"
    assert run_ingest(raw, out).wait() == 0
    assert run_ingest(raw, ref).wait() == 0
    made = {p.name: p.read_bytes() for p in out.glob("*.json")}
    assert made == {p.name: p.read_bytes() for p in ref.glob("*.json")}
    assert len(made) == 1000
