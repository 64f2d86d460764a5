"""WARC input (built here with warcio's writer from the benchmark's pages) and the batch manifest."""

import gzip
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
from archiver.validate import validate

SHARED = Path(__file__).resolve().parents[2] / "shared"
PAGES = sorted((SHARED / "bench" / "dev" / "html").glob("*.html.gz"))[:3]


def page(i: int) -> bytes:
    if PAGES:
        return gzip.decompress(PAGES[i].read_bytes())
    return b"<html><body><article><p>" + b"A paragraph of real article text. " * 40 + b"</p></article></body></html>"


def write_warc(path: Path, *, gzipped: bool, corrupt: bool = False, truncate: bool = False) -> None:
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
        assert record["schema_version"] == "1.1" and record["text"]
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
    assert len(cut) == 1 and ("truncated" in cut[0] or cut[0].startswith("unreadable WARC data"))
    assert sum(o.status == "written" for o in outcomes) == 2  # the good records of bad.warc


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
