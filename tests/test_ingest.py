"""The batch: outputs, incrementality, determinism, and every bad input's one clear line."""

import gzip
import json
import os
import shutil
import signal
import time
from pathlib import Path

import pytest

import archiver.ingest as ingest_module
import archiver.worker as worker_module
from archiver.ingest import Job, Settings, ingest, process, real_path, record_name
from tests.helpers import check_record

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


def outcomes(inputs, out, **kw):
    return {o.job.rel: o for o in ingest(inputs, out, Settings(**kw))}


def test_record_names_mirror_inputs() -> None:
    from pathlib import PurePosixPath as P
    assert record_name(P("a/b.txt")) == P("a/b.json")
    assert record_name(P("page.html.gz")) == P("page.json")
    assert record_name(P("README")) == P("README.json")


def test_folder_is_walked_sorted_and_mirrored(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    (raw / "b.txt").write_text("Second.\n")
    (raw / "sub" / "a.txt").write_text("First.\n")
    (raw / ".hidden").write_text("skip me")
    got = list(ingest([raw], tmp_path / "clean"))
    assert [o.job.rel for o in got] == ["b.txt", "sub/a.txt"]
    record = json.loads((tmp_path / "clean" / "sub" / "a.json").read_text())
    assert record["source"]["path"] == "sub/a.txt"
    check_record(record, (raw / "sub" / "a.txt").read_bytes())


def test_second_run_is_unchanged_and_byte_identical(tmp_path: Path, root: Path) -> None:
    out = tmp_path / "clean"
    first = outcomes([root / "raw"], out)
    assert {o.status for o in first.values()} == {"written"}
    before = {p.name: p.read_bytes() for p in out.glob("*.json")}
    second = outcomes([root / "raw"], out)
    assert {o.status for o in second.values()} == {"unchanged"}
    forced = outcomes([root / "raw"], out, force=True)
    assert {o.status for o in forced.values()} == {"written"}
    assert {p.name: p.read_bytes() for p in out.glob("*.json")} == before


def test_committed_sample_records_are_current(tmp_path: Path, root: Path) -> None:
    """clean/ in the repo is exactly what this version of the tool produces from raw/."""
    outcomes([root / "raw"], tmp_path)
    for made in sorted(tmp_path.glob("*.json")):
        assert made.read_bytes() == (root / "clean" / made.name).read_bytes(), made.name
        check_record(json.loads(made.read_bytes()), (root / "raw" / made.with_suffix(".txt").name)
                     .read_bytes())


def test_changed_raw_is_rewritten(tmp_path: Path) -> None:
    raw = tmp_path / "a.txt"
    raw.write_text("One.\n")
    outcomes([raw], tmp_path / "out")
    raw.write_text("Two.\n")
    assert outcomes([raw], tmp_path / "out")["a.txt"].status == "written"
    assert json.loads((tmp_path / "out" / "a.json").read_text())["text"] == "Two.\n"


def bad_inputs(folder: Path) -> dict[str, str]:
    """File name -> the start of the reason it must be refused with."""
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.png").write_bytes(PNG)
    (folder / "nul.txt").write_bytes("text in UTF-16 without a byte order mark".encode("utf-16-le"))
    (folder / "noise.txt").write_bytes(bytes(range(1, 9)) * 10)
    (folder / "big.txt").write_bytes(b"word " * 30)
    os.symlink("loop.txt", folder / "loop.txt")
    return {"empty.txt": "empty file", "image.png": "binary file", "nul.txt": "binary file",
            "noise.txt": "undecodable bytes", "big.txt": "file is 150 bytes, over the limit",
            "loop.txt": "cannot read: Too many levels of symbolic links"}


def test_each_bad_input_fails_alone_with_one_line(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    expected = bad_inputs(raw)
    (raw / "good.txt").write_text("A good article.\n")
    got = outcomes([raw], tmp_path / "out", max_bytes=100)
    assert got.pop("good.txt").status == "written"
    for name, reason in expected.items():
        assert got[name].status == "failed", name
        assert got[name].reason.startswith(reason), (name, got[name].reason)
        assert "\n" not in got[name].reason
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == ["good.json"]


def test_unreadable_file(tmp_path: Path, monkeypatch) -> None:
    raw = tmp_path / "secret.txt"
    raw.write_text("text")
    real_open = os.open

    def deny(path, *args, **kwargs):
        if Path(path) == raw:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)  # chmod would not stop a test run as root
    outcome = process(Job(raw, "secret.txt", tmp_path / "secret.json"))
    assert (outcome.status, outcome.reason) == ("failed", "cannot read: Permission denied")


def test_empty_folder_and_unwritable_output(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (only,) = outcomes([tmp_path / "empty"], tmp_path / "out").values()
    assert only.reason == "no input files in this folder"
    raw = tmp_path / "a.txt"
    raw.write_text("Body.\n")
    (tmp_path / "blocker").write_text("a file where the output folder should be")
    got = outcomes([raw], tmp_path / "blocker" / "out")["a.txt"]
    assert got.status == "failed" and got.reason.startswith("cannot write")


def test_a_bug_while_writing_fails_that_document_only(tmp_path: Path, monkeypatch) -> None:
    # Records are written as a batch (process_batch); one record's failure must not take the batch down.
    import archiver.archive as archive_module

    real_write_all = archive_module._write_all

    def broken(fd, data):
        if b"Body of b" in data:
            raise RuntimeError("disk driver bug")
        real_write_all(fd, data)

    monkeypatch.setattr(archive_module, "_write_all", broken)
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text(f"Body of {name}, a sentence long enough to keep.\n")
    got = outcomes([tmp_path / f"{n}.txt" for n in "abc"], tmp_path / "out")
    assert [got[f"{n}.txt"].status for n in "abc"] == ["written", "failed", "written"]
    assert got["b.txt"].reason == "internal error: RuntimeError: disk driver bug"
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.suffix == ".json") == ["a.json", "c.json"]
    assert not list((tmp_path / "out").glob(".archiver-tmp-*"))


def test_colliding_outputs_are_refused_not_overwritten(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("From txt.\n")
    (raw / "a.text").write_text("From text.\n")
    got = outcomes([raw], tmp_path / "out")
    assert got["a.text"].status == "written"
    assert got["a.txt"].status == "failed" and "would overwrite" in got["a.txt"].reason


def test_a_json_beside_a_document_is_its_sidecar_not_a_document(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    (raw / "a.json").write_text('{"pairs": []}\n')
    (raw / "a.txt").write_text("The article.\n")
    (raw / "sub" / "b.json").write_text('{"title": "B"}\n')
    (raw / "sub" / "b.html.gz").write_bytes(gzip.compress(b"<p>The page.</p>"))
    (raw / "c.json").write_text('{"text": "A JSON file alone is a document."}\n')
    got = outcomes([raw], tmp_path / "out")
    assert {rel: o.status for rel, o in got.items()} == {
        "a.json": "sidecar", "a.txt": "written", "sub/b.json": "sidecar", "sub/b.html.gz": "written",
        "c.json": "written"}
    assert json.loads((tmp_path / "out" / "a.json").read_text())["source"]["path"] == "a.txt"


def test_a_sidecar_named_on_its_own_beside_its_document_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("{}\n")
    (tmp_path / "a.txt").write_text("The article.\n")
    (tmp_path / "b.json").write_text("{}\n")
    got = outcomes([tmp_path / "a.json", tmp_path / "a.txt", tmp_path / "b.json"], tmp_path / "out")
    assert {rel: o.status for rel, o in got.items()} == {"a.json": "sidecar", "a.txt": "written",
                                                          "b.json": "written"}


def test_stale_temp_files_are_cleared(tmp_path: Path, root: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".archiver-tmp-abc").write_bytes(b'{"half": ')
    shutil.copy(root / "raw" / "000_69536b1d3cf66309.txt", tmp_path / "a.txt")
    outcomes([tmp_path / "a.txt"], out)
    assert sorted(p.name for p in out.glob("*.json")) == ["a.json"]


@pytest.mark.parametrize("name", ["notes.txt", "dir/notes.txt"])
def test_a_file_argument_uses_its_own_name(tmp_path: Path, name: str) -> None:
    raw = tmp_path / name
    raw.parent.mkdir(parents=True, exist_ok=True)
    raw.write_text("Body.\n")
    assert outcomes([raw], tmp_path / "out")["notes.txt"].status == "written"
    assert (tmp_path / "out" / "notes.json").is_file()


def _stat_with_size(size: int, real_fstat=os.fstat):
    """An ``os.fstat`` that reports ``size`` for every file: the file then changes after its size was taken."""
    def fstat(fd: int) -> os.stat_result:
        fields = list(real_fstat(fd))
        fields[6] = size  # st_size
        return os.stat_result(fields)
    return fstat


def test_a_file_that_grows_while_read_is_read_whole_or_refused(tmp_path: Path, monkeypatch) -> None:
    raw = tmp_path / "growing.txt"
    raw.write_text("Paragraph of text. " * 400)  # 7,600 bytes, where fstat claims 10: read on to the end
    monkeypatch.setattr(ingest_module.os, "fstat", _stat_with_size(10))
    got = process(Job(raw, "growing.txt", tmp_path / "growing.json"), Settings(max_bytes=100_000))
    assert got.status == "written"
    assert json.loads((tmp_path / "growing.json").read_text())["source"]["size_bytes"] == 7_600
    refused = process(Job(raw, "growing.txt", tmp_path / "small.json"), Settings(max_bytes=5_000))
    assert (refused.status, refused.reason) == ("failed", "file grew past the limit of 5000 bytes (--max-bytes)")


def test_a_document_over_its_time_limit_fails_alone(tmp_path: Path, monkeypatch) -> None:
    for name in ("a.txt", "slow.txt", "c.txt"):
        (tmp_path / "raw").mkdir(exist_ok=True)
        (tmp_path / "raw" / name).write_text(f"A sentence of the document {name}.\n")
    real_clean = worker_module.clean_bytes

    def clean(raw: bytes, rel: str, *args, **kwargs):
        if rel == "slow.txt":
            time.sleep(5)
        return real_clean(raw, rel, *args, **kwargs)

    monkeypatch.setattr(worker_module, "clean_bytes", clean)
    before = signal.getsignal(signal.SIGALRM)
    got = {o.job.rel: o for o in ingest([tmp_path / "raw"], tmp_path / "out", Settings(timeout=0.2))}
    assert {rel: o.status for rel, o in got.items()} == {"a.txt": "written", "slow.txt": "failed",
                                                         "c.txt": "written"}
    assert got["slow.txt"].reason == "timed out after 0.2 s (--timeout)"
    assert signal.getsignal(signal.SIGALRM) is before  # the batch's handler is gone
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # and no timer is left running


def test_a_record_folder_linked_outside_the_output_is_refused(tmp_path: Path) -> None:
    (tmp_path / "raw" / "sub").mkdir(parents=True)
    (tmp_path / "raw" / "sub" / "a.txt").write_text("A sentence.\n")
    (tmp_path / "raw" / "b.txt").write_text("Another sentence.\n")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out").mkdir()
    os.symlink(tmp_path / "elsewhere", tmp_path / "out" / "sub")
    got = {o.job.rel: o for o in ingest([tmp_path / "raw"], tmp_path / "out")}
    assert got["sub/a.txt"].status == "failed" and "would land outside" in got["sub/a.txt"].reason
    assert got["b.txt"].status == "written" and not any((tmp_path / "elsewhere").iterdir())


def test_real_path_matches_os_realpath(tmp_path: Path) -> None:
    """The folder-remembering resolution agrees with ``os.path.realpath`` on plain, missing and linked paths."""
    (tmp_path / "out" / "plain").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.json").write_text("{}")
    os.symlink(tmp_path / "elsewhere", tmp_path / "out" / "linked")
    os.symlink(tmp_path / "elsewhere" / "x.json", tmp_path / "out" / "plain" / "link.json")
    (tmp_path / "out" / "plain" / "file.json").write_text("{}")
    folders: dict[Path, str] = {}
    for rel in ("plain/file.json", "plain/link.json", "plain/missing.json", "linked/x.json", "linked/new.json",
                "missing/deeper/new.json", "plain/file.json"):
        path = tmp_path / "out" / rel
        assert real_path(path, folders) == Path(os.path.realpath(path)), rel


# --- nothing blessed unchecked, nothing written over, no traceback (issue 28) ---------------------------------

def test_a_resealed_record_is_rewritten_not_called_unchanged(tmp_path: Path, root: Path) -> None:
    from archiver.archive import render, seal

    shutil.copytree(root / "raw", tmp_path / "raw")
    out = tmp_path / "clean"
    list(ingest([tmp_path / "raw"], out))
    path = out / "000_69536b1d3cf66309.json"
    honest = path.read_bytes()
    record = json.loads(honest)
    record["metadata"]["title"] = "A title the page never had"
    path.write_bytes(render(seal(record)))
    again = outcomes([tmp_path / "raw"], out)
    assert again["000_69536b1d3cf66309.txt"].status == "written"
    assert {o.status for rel, o in again.items() if rel != "000_69536b1d3cf66309.txt"} == {"unchanged"}
    assert path.read_bytes() == honest


def test_an_output_folder_that_is_the_input_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "same"
    folder.mkdir()
    (folder / "notes.json").write_text('{"mine": true}\n')
    (folder / "notes.txt").write_text("A sentence long enough to be an article's paragraph here.\n")
    got = list(ingest([folder], folder))
    assert [(o.status, o.reason) for o in got] == [("failed", "the output folder is this input folder; give "
                                                               "another --out")]
    assert (folder / "notes.json").read_text() == '{"mine": true}\n'


def test_a_file_that_is_no_record_is_never_written_over(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    out.mkdir()
    (raw / "notes.txt").write_text("A sentence long enough to be an article's paragraph here.\n")
    (out / "notes.json").write_text('{"mine": true}\n')
    got = outcomes([raw], out, force=True)
    assert got["notes.txt"].status == "failed"
    assert got["notes.txt"].reason == f"{out / 'notes.json'} exists and is not an archiver record; not written over"
    assert (out / "notes.json").read_text() == '{"mine": true}\n'


def test_a_pipe_among_the_inputs_fails_at_once(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    os.mkfifo(raw / "pipe.txt")
    (raw / "x.txt").write_text("A sentence long enough to be an article's paragraph here.\n")
    got = outcomes([raw], tmp_path / "clean", timeout=0)  # no time limit: a blocking open would hang here
    assert (got["pipe.txt"].status, got["pipe.txt"].reason) == ("failed", "file is not a regular file (a named "
                                                                          "pipe); not read")
    assert got["x.txt"].status == "written"


def test_a_manifest_that_cannot_be_written_is_one_line(tmp_path: Path, monkeypatch) -> None:
    import errno

    from click.testing import CliRunner

    from archiver.cli import cli

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ingest_module, "write_manifest", full)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "x.txt").write_text("A sentence long enough to be an article's paragraph here.\n")
    result = CliRunner().invoke(cli, ["ingest", str(raw), "--out", str(tmp_path / "clean"), "-q", "-j", "1"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.strip().endswith(f"Error: cannot write the manifest of {tmp_path / 'clean'}: No space left "
                                          "on device; the records written stand, and the next run writes it")


def test_a_page_declaring_a_codec_no_browser_knows_is_read(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "p.html").write_bytes(b'<html><head><meta charset="punycode"></head><body><article><p>'
                                 + b"A paragraph of the page that is long enough to be kept by the extractor. " * 5
                                 + b"</p></article></body></html>")
    got = outcomes([raw], tmp_path / "clean")
    assert got["p.html"].status == "written", got["p.html"].reason
