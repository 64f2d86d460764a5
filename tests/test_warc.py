"""WARC input (built here with warcio's writer from the benchmark's pages) and the batch manifest."""

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.cli import cli
from archiver.ingest import Settings, ingest
from archiver.manifest import MANIFEST
from archiver.schema import CURRENT_VERSION
from archiver.validate import validate

TOPICS = ("the harbour's new ferry timetable", "a library that reopened after the flood", "the council's budget vote")


def page(i: int) -> bytes:
    """A small article page of its own (the fixture needs nothing beside the clone)."""
    topic = TOPICS[i % len(TOPICS)]
    paragraphs = "".join(
        f"<p>Paragraph {n} on {topic}: residents told the reporter what changed this week, and officials said "
        f"when the next step would come and how much it would cost the town.</p>" for n in range(1, 7))
    return (f"<html><head><title>On {topic}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>On {topic}</h1>{paragraphs}</article></body></html>").encode()


def warc_bytes(*, gzipped: bool, corrupt: bool = False) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    for i in range(3):
        record = writer.create_warc_record(f"http://example.com/{i}", "response", payload=io.BytesIO(page(i)),
                                           http_headers=http)
        writer.write_record(record)
    image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("http://example.com/i.png", "response",
                                                  payload=io.BytesIO(b"\x89PNG" + bytes(100)), http_headers=image))
    missing = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("http://example.com/gone", "response",
                                                  payload=io.BytesIO(b"<html>gone</html>"), http_headers=missing))
    writer.write_record(writer.create_revisit_record("http://example.com/0", digest="sha1:" + "B" * 32,
                                                     refers_to_uri="http://example.com/0",
                                                     refers_to_date="2020-01-01T00:00:00Z"))
    data = buffer.getvalue()
    if corrupt:  # the second record's payload digest, changed in place (plain WARC only)
        digests = [line for line in data.split(b"\r\n") if line.startswith(b"WARC-Payload-Digest: sha1:")]
        data = data.replace(digests[1], digests[1][:-4] + b"AAAA", 1)
    return data


def write_warc(path: Path, *, gzipped: bool, corrupt: bool = False, truncate: bool = False) -> None:
    data = warc_bytes(gzipped=gzipped, corrupt=corrupt)
    path.write_bytes(data[: len(data) * 6 // 10] if truncate else data)


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc_records_become_documents_with_provenance(tmp_path: Path, gzipped: bool) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    name = "crawl.warc.gz" if gzipped else "crawl.warc"
    write_warc(raw / name, gzipped=gzipped)
    out = tmp_path / "clean"
    outcomes = list(ingest([raw], out))
    statuses = sorted(o.status for o in outcomes)
    assert statuses == ["skipped"] * 3 + ["written"] * 3
    records = [json.loads(p.read_text()) for p in sorted((out / "crawl").glob("*.json"))]
    assert len(records) == 3
    for record in records:
        warc = record["source"]["warc"]
        assert warc["file"] == name and warc["http_status"] == 200 and warc["record_id"].startswith("<urn:uuid:")
        assert record["metadata"]["url"] == warc["target_uri"] and record["source"]["media_type"] == "text/html"
        assert record["schema_version"] == CURRENT_VERSION and record["text"]
    again = list(ingest([raw], out))
    assert sorted(o.status for o in again) == ["skipped"] * 3 + ["unchanged"] * 3
    assert validate([out], raw).problems == []


def test_corrupt_digest_and_truncated_record_are_errors(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    write_warc(raw / "bad.warc", gzipped=False, corrupt=True)
    write_warc(raw / "cut.warc.gz", gzipped=True, truncate=True)
    outcomes = list(ingest([raw], tmp_path / "clean"))
    bad = [o.reason for o in outcomes if o.status == "failed" and o.job.rel.startswith("bad.warc")]
    cut = [o.reason for o in outcomes if o.status == "failed" and o.job.rel.startswith("cut.warc.gz")]
    assert bad == ["WARC payload digest does not match the payload"]
    assert len(cut) == 1 and cut[0].startswith("damaged WARC: ") and "truncated" in cut[0]
    written = [o.job.rel.split("#")[0] for o in outcomes if o.status == "written"]
    assert written.count("bad.warc") == 2 and written.count("cut.warc.gz") >= 1  # the records before the damage


def record_spans(data: bytes) -> list[tuple[int, int]]:
    from warcio.archiveiterator import ArchiveIterator

    spans = []
    with io.BytesIO(data) as handle:
        records = ArchiveIterator(handle)
        for _ in records:
            spans.append((records.get_record_offset(), records.get_record_offset() + records.get_record_length()))
    return spans


@pytest.mark.parametrize("gzipped", [True, False])
def test_a_warc_cut_anywhere_is_one_line_and_the_batch_goes_on(tmp_path: Path, gzipped: bool) -> None:
    """At every cut point the whole records before it are documents, a cut inside a record is one failed line
    for the file that says how many records were whole, and a good WARC beside it is still read (issue 23)."""
    data = warc_bytes(gzipped=gzipped)
    spans = record_spans(data)
    name = "cut.warc.gz" if gzipped else "cut.warc"
    for cut in range(1, len(data), max(1, len(data) // 120)):
        folder = tmp_path / f"in{cut}"
        folder.mkdir()
        (folder / name).write_bytes(data[:cut])
        (folder / "zgood.warc").write_bytes(warc_bytes(gzipped=False))
        outcomes = list(ingest([folder], tmp_path / f"out{cut}"))
        whole_pages = sum(end <= cut for _, end in spans[:3])  # the first three records are the HTML pages
        written = [o for o in outcomes if o.status == "written"]
        assert sum(o.job.rel.startswith(name + "#") for o in written) == whole_pages, cut
        assert sum(o.job.rel.startswith("zgood.warc#") for o in written) == 3, cut
        damage = [o for o in outcomes if o.job.rel == name]
        inside_a_record = any(start < cut < end for start, end in spans)
        if inside_a_record:
            assert len(damage) == 1 and damage[0].status == "failed", cut
            whole = sum(end <= cut for _, end in spans)
            assert damage[0].reason.startswith("damaged WARC: ") and f"after {whole} complete record" in \
                damage[0].reason, (cut, damage[0].reason)
        else:
            assert damage == [], cut


def test_a_damaged_warc_is_one_line_on_the_command_line(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    data = warc_bytes(gzipped=True)
    (raw / "cut.warc.gz").write_bytes(data[: len(data) // 2])
    (raw / "good.warc").write_bytes(warc_bytes(gzipped=False))
    result = CliRunner().invoke(cli, ["ingest", str(raw), "--out", str(tmp_path / "clean"), "-q"])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if "cut.warc.gz" in line]
    assert len(lines) == 1 and "cut.warc.gz: damaged WARC: " in lines[0], result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert len(list((tmp_path / "clean" / "good").glob("*.json"))) == 3


def test_manifest_is_kept_and_checked(tmp_path: Path, root: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "clean"
    assert runner.invoke(cli, ["ingest", str(root / "raw"), "--out", str(out), "-q"]).exit_code == 0
    lines = (out / MANIFEST).read_text().splitlines()
    assert len(lines) == 5 and lines == sorted(lines, key=lambda line: line.split("  ")[1])
    assert "Record-Count: 5" in (out / "bag-info.txt").read_text()
    assert validate([out]).problems == []
    (out / "000_69536b1d3cf66309.json").unlink()
    extra = out / "extra.json"
    extra.write_bytes((out / "001_4814d4cb36451429.json").read_bytes())
    changed = out / "002_bbfa1784b879b3b7.json"
    changed.write_bytes(changed.read_bytes().replace(b"\n}", b" \n}"))
    problems = {(Path(p.path).name, p.message) for p in validate([out]).problems}
    assert ("000_69536b1d3cf66309.json", "manifest: record listed but missing") in problems
    assert ("extra.json", "manifest: record not in the manifest") in problems
    assert ("002_bbfa1784b879b3b7.json", "manifest: record changed since the manifest was written") in problems


def test_settings_are_unchanged_by_warc_support() -> None:
    assert Settings().max_bytes > 0


# --- malformed and colliding WARC records (issue 28) ---------------------------------------------------------

def raw_record(headers: list[tuple[str, str]], body: bytes) -> bytes:
    """A WARC record written by hand: warcio's writer would not write the malformed ones."""
    lines = "".join(f"{k}: {v}\r\n" for k, v in headers)
    return (f"WARC/1.0\r\n{lines}Content-Length: {len(body)}\r\n\r\n").encode() + body + b"\r\n\r\n"


def response(record_id: str, uri: str | None, body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    headers = [("WARC-Type", "response"), ("WARC-Record-ID", record_id),
               ("Content-Type", "application/http; msgtype=response")]
    return raw_record(headers + ([("WARC-Target-URI", uri)] if uri else []), http)


def test_a_response_without_target_uri_is_one_line_and_the_file_goes_on(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    first = response("<urn:uuid:1>", "http://example.com/1", page(1))
    (raw / "w.warc").write_bytes(first + response("<urn:uuid:2>", None, page(2))
                                 + response("<urn:uuid:3>", "http://example.com/3", page(3)))
    result = CliRunner().invoke(cli, ["ingest", str(raw), "--out", str(tmp_path / "clean"), "-q"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"{raw / 'w.warc'}#{len(first)}: response record without " \
                                            "WARC-Target-URI (malformed)"
    assert len(list((tmp_path / "clean" / "w").glob("*.json"))) == 2


def test_warc_records_never_overwrite_each_other_or_other_records(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    one = response("<urn:uuid:1>", "http://example.com/1", page(1))
    (raw / "w.warc").write_bytes(one + response("<urn:uuid:1>", "http://example.com/2", page(2)))  # id repeated
    (raw / "w.arc").mkdir()  # not a WARC: a folder whose name would give the same record folder
    (raw / "w.arc" / "x.txt").write_text("A sentence long enough to be an article's paragraph here.\n")
    (raw / "w.warc.gz").write_bytes(one)  # the same stem: the same record folder and record name
    outcomes = list(ingest([raw], tmp_path / "clean"))
    failed = sorted((o.job.rel, o.reason) for o in outcomes if o.status == "failed")
    assert [rel for rel, _ in failed] == [f"w.warc#{len(one)}", "w.warc.gz#0"]
    assert all("would overwrite that of" in reason for _, reason in failed)


def test_a_warc_named_dots_writes_inside_the_output_folder(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "...warc").write_bytes(response("<urn:uuid:1>", "http://example.com/1", page(1)))
    out = tmp_path / "deep" / "clean"
    outcomes = list(ingest([raw / "...warc"], out))
    assert [o.status for o in outcomes] == ["written"]
    assert outcomes[0].job.out.parent == out / "warc-__" and outcomes[0].job.out.is_file()
    assert sorted(p.name for p in (tmp_path / "deep").iterdir()) == ["clean"]


def test_max_bytes_holds_for_each_payload_and_jobs_carry_offsets_not_payloads(tmp_path: Path) -> None:
    from archiver.ingest import Job, plan_jobs

    raw = tmp_path / "raw"
    raw.mkdir()
    small = response("<urn:uuid:1>", "http://example.com/1", page(1))
    (raw / "w.warc").write_bytes(small + response("<urn:uuid:2>", "http://example.com/2", page(2) * 20))
    jobs = list(plan_jobs([raw], tmp_path / "clean", max_bytes=5000))
    assert isinstance(jobs[0], Job) and jobs[0].warc_offset == 0 and not any(
        isinstance(value, bytes) for value in vars(jobs[0]).values())
    assert not isinstance(jobs[1], Job) and jobs[1].reason == "payload over the limit of 5000 bytes (--max-bytes)"
    outcomes = list(ingest([raw], tmp_path / "clean", Settings(max_bytes=5000)))
    assert [o.status for o in outcomes] == ["written", "failed"]


def test_a_changed_warc_payload_makes_its_record_stale(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    write_warc(raw / "crawl.warc", gzipped=False)
    out = tmp_path / "clean"
    list(ingest([raw], out))
    assert validate([out], raw, recompute=True).problems == []
    data = (raw / "crawl.warc").read_bytes()
    (raw / "crawl.warc").write_bytes(data.replace(b"Paragraph 3 on the harbour", b"Paragraph 3 on the Harbour", 1))
    problems = [p.message for p in validate([out], raw).problems]
    assert problems and all(m.startswith("stale: ") for m in problems), problems
