"""Hostile input, faults and tampering: nothing lost, nothing let in, nothing worse than linear."""

import gc
import gzip
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archiver import archive
from archiver.core.pipeline import run_stages
from archiver.core.stages import default_stages
from archiver.document import clean_bytes
from archiver.errors import DocumentError
from archiver.ingest import Job, Settings, ingest, process
from archiver.validate import check_record, parse_record


def test_gzip_bomb_is_refused_while_inflating(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as handle:
        for _ in range(200):
            handle.write(b"\0" * 1_000_000)  # 200 MB of zeros, about 200 KB on disk
    started = time.monotonic()
    outcome = process(Job(bomb, "bomb.html.gz", tmp_path / "bomb.json"), Settings(max_bytes=10_000_000))
    assert outcome.status == "failed" and "inflates past the limit" in outcome.reason
    assert time.monotonic() - started < 10


HOSTILE_HTML = {
    "nested": b"<html><body>" + b"<div>" * 100_000 + b"deep" + b"</div>" * 100_000 + b"</body></html>",
    "long_line": b"<html><body><p>" + b"word " * 4_000_000 + b"</p></body></html>",
    "tiny_paragraphs": b"<html><body>" + b"<p>x</p>" * 1_000_000 + b"</body></html>",
    "bad_utf8": b'<html><body><p class="\xff\xfe">' + b"Real text here. " * 50 + b"\xc3\x28</p></body></html>",
    "nul": b"<html><body><p>" + b"Text with a NUL \x00 inside. " * 30 + b"</p></body></html>",
}


@pytest.mark.parametrize("name", HOSTILE_HTML)
def test_hostile_html_gives_a_record_or_one_clear_line_in_bounded_time(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.html"
    path.write_bytes(HOSTILE_HTML[name])
    started = time.monotonic()
    outcome = process(Job(path, path.name, tmp_path / f"{name}.json"), Settings(timeout=10))
    assert time.monotonic() - started < 30
    assert outcome.status == "written" or (outcome.reason and "\n" not in outcome.reason)
    if outcome.status == "written":
        assert json.loads((tmp_path / f"{name}.json").read_text())["text"]


PATHOLOGICAL = {
    "one_char": lambda n: "a" * n,
    "spaces": lambda n: " " * n + "b",
    "punctuation": lambda n: "!?.," * (n // 4),
    "one_long_line": lambda n: "word " * (n // 5),
    "camel": lambda n: "Aa" * (n // 2),
    "parens": lambda n: "(a" * (n // 2),
    "hashes": lambda n: "#a " * (n // 3),
    "copyright": lambda n: "Copyright " + "x" * n,
    "lines": lambda n: "x\n" * (n // 2),
    "short_wrapped_lines": lambda n: "ab cd.\n" * (n // 7),  # unwrap joined them one by one (quadratic)
    "timestamps": lambda n: "Ann Lee\nMarch 3, 2019\n" * (n // 22),  # every line a card's or a head's
    "credits": lambda n: ("The minister said on Tuesday that the rules would come into force next year, after a "
                          "long consultation.\n" + "Photo: Reuters\n© 2019 Example News. All Rights Reserved.\n"
                          * (n // 55)),
}


def _costs(texts: list[str], rounds: int = 3) -> list[float]:
    """Best CPU time of each text over interleaved rounds: CPU time ignores other processes' load, interleaving
    spreads a slow spell of the machine over every size instead of one."""
    best = [float("inf")] * len(texts)
    for _ in range(rounds):
        for i, text in enumerate(texts):
            gc.collect()
            started = time.process_time()
            run_stages(text, default_stages())
            best[i] = min(best[i], time.process_time() - started)
    return best


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_no_stage_is_worse_than_linear(name: str) -> None:
    """Four times the input costs well under the sixteen times a quadratic stage would (a baseline measured here).

    A complexity check, not a speed check: the threshold sits halfway (on a log scale) between linear and
    quadratic, so machine noise cannot fail it and a quadratic stage cannot pass it."""
    make = PATHOLOGICAL[name]
    _costs([make(1000)], rounds=1)  # models and caches loaded
    small, large = _costs([make(50_000), make(200_000)])
    assert large < 8.0 * small + 0.05, (small, large)


def test_symlinks_leaving_the_input_folder_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("A secret that lives outside the input folder.\n")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "ok.txt").write_text("Fine text.\n")
    os.symlink(outside, raw / "link.txt")
    got = {o.job.rel: o for o in ingest([raw], tmp_path / "out")}
    assert got["link.txt"].status == "failed" and "--follow-symlinks" in got["link.txt"].reason
    followed = {o.job.rel: o for o in ingest([raw], tmp_path / "out2", Settings(follow_symlinks=True))}
    assert followed["link.txt"].status == "written"


def test_strange_file_names_are_handled(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    names = [b"new\nline.txt", b"caf\xe9-latin1.txt", b"-leading-dash.txt"]
    for name in names:
        (raw / os.fsdecode(name)).write_text("Some text in a strangely named file.\n")
    done = subprocess.run([sys.executable, "-m", "archiver", "ingest", str(raw), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("written")]
    assert len(lines) == 3  # one line each, the newline escaped
    records = [json.loads(p.read_text()) for p in (tmp_path / "o").glob("*.json")]
    assert sorted(r["source"]["path"] for r in records) == ["-leading-dash.txt", "caf\\xe9-latin1.txt", "new\nline.txt"]


def test_disk_full_reports_the_document_and_keeps_the_old_record(tmp_path: Path, monkeypatch) -> None:
    raw = tmp_path / "a.txt"
    raw.write_text("Version one of the text.\n")
    out = tmp_path / "a.json"
    assert process(Job(raw, "a.txt", out)).status == "written"
    old = out.read_bytes()
    raw.write_text("Version two of the text.\n")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(archive.os, "fsync", disk_full)
    outcome = process(Job(raw, "a.txt", out))
    assert outcome.status == "failed" and outcome.reason.endswith("No space left on device")
    assert out.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "a.txt"]


def test_two_runs_at_once_give_the_result_of_one(tmp_path: Path, root: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(60):
        seed = sorted((root / "raw").glob("*.txt"))[i % 5]
        (raw / f"d{i:03d}.txt").write_bytes(seed.read_bytes() + f"\n\nCopy {i}.\n".encode())
    command = [sys.executable, "-m", "archiver", "ingest", str(raw), "-q", "--jobs", "1"]
    both = [subprocess.Popen([*command, "--out", str(tmp_path / "out")], stdout=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [p.communicate(timeout=300)[0] for p in both]
    assert [p.returncode for p in both] == [0, 0]
    assert sorted(o.strip() for o in outputs) == ["60 documents: 0 written, 60 unchanged, 0 failed",
                                                    "60 documents: 60 written, 0 unchanged, 0 failed"]
    subprocess.run([*command, "--out", str(tmp_path / "ref")], check=True)
    made = {p.name: p.read_bytes() for p in (tmp_path / "out").glob("*.json")}
    assert made == {p.name: p.read_bytes() for p in (tmp_path / "ref").glob("*.json")}


def _mutations(record: dict, rng: random.Random, count: int):
    """Records with one character of one string field changed (or one number changed)."""
    paths = []

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*path, index))
        elif isinstance(value, (str, int)) and not isinstance(value, bool):
            paths.append(path)

    walk(record, ())
    for _ in range(count):
        path = rng.choice(paths)
        mutated = json.loads(json.dumps(record))
        holder = mutated
        for key in path[:-1]:
            holder = holder[key]
        value = holder[path[-1]]
        if isinstance(value, int):
            holder[path[-1]] = value + rng.choice([-1, 1])
        elif value:
            i = rng.randrange(len(value))
            holder[path[-1]] = value[:i] + chr((ord(value[i]) + rng.randint(1, 50)) % 0x10FFFF or 65) + value[i + 1:]
        else:
            holder[path[-1]] = "x"
        yield path, mutated


def test_every_single_character_mutation_is_detected(tmp_path: Path, root: Path) -> None:
    rng = random.Random(0)
    detected = total = 0
    for record_path in sorted((root / "clean").glob("*.json")):
        record = json.loads(record_path.read_text())
        for _path, mutated in _mutations(record, rng, 220):
            target = tmp_path / "m.json"
            target.write_text(json.dumps(mutated, ensure_ascii=False))
            total += 1
            detected += bool(check_record(target, root / "raw"))
    assert total >= 1000
    assert detected == total


@pytest.mark.parametrize("content", [
    b'{"schema_version": "1.1", "id": 1e999999}',                 # a number too large for a float
    b'{"schema_version": "1.1", "text": "' + b"x" * 5_000_000 + b'"}',  # a huge string
    b'{"schema_version": "1.1", "id": ' + b"9" * 5000 + b"}",       # a 5,000-digit integer
    b'{"schema_version": 1.1}',                                     # a wrong type
])
def test_huge_and_wrong_values_give_problem_lines(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(content)
    problems = check_record(path, None)
    assert problems and all("\n" not in p and len(p) < 1000 for p in problems)


@given(st.binary(max_size=2000))
def test_validate_parser_never_crashes_on_bytes(data: bytes) -> None:
    try:
        parse_record(data)
    except ValueError as err:
        assert "\n" not in str(err)


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                           lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=30)


@given(st.dictionaries(st.sampled_from(["id", "text", "source", "hashes", "schema_version", "metadata", "x"]),
                       json_values))
def test_validate_never_crashes_on_json(tmp_path_factory, value: dict) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "r.json"
    path.write_text(json.dumps(value))
    problems = check_record(path, None)
    assert problems and all("\n" not in p for p in problems)


def test_a_bug_in_one_document_does_not_stop_the_batch(tmp_path: Path, monkeypatch) -> None:
    from archiver import worker as worker_module

    real = worker_module.clean_bytes

    def flaky(raw, path, max_bytes, **options):
        if path == "b.txt":
            raise KeyError("boom")
        return real(raw, path, max_bytes, **options)

    monkeypatch.setattr(worker_module, "clean_bytes", flaky)
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text(f"Text {name}.\n")
    got = {o.job.rel: o for o in ingest([tmp_path], tmp_path / "out")}
    assert [got[n].status for n in ("a.txt", "b.txt", "c.txt")] == ["written", "failed", "written"]
    assert got["b.txt"].reason == "internal error: KeyError: 'boom'"
    with pytest.raises(DocumentError):
        clean_bytes(b"", "empty.txt")
