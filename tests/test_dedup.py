"""Duplicates: exact and near, an index beside the records, export --dedup, validate checks the index."""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from archiver.cli import cli
from archiver.dedup import Entry, find_duplicates, shingles, signature, similarity

WORDS = ["harbour", "council", "ferry", "budget", "storm", "wall", "mayor", "reserves", "vote", "timetable", "library", "flood", "road", "bridge", "school", "teacher", "nurse", "hospital", "market", "price", "winter", "summer", "river"]


def text(seed: int, n: int = 300) -> str:
    """A deterministic text of ``n`` words, distinct per seed."""
    return " ".join(WORDS[(seed * 7 + i * i * 3 + i * seed) % len(WORDS)] + str((i * seed) % 13)
                    for i in range(n))


def entry(path: str, body: str, raw_id: str | None = None) -> Entry:
    return Entry(path, raw_id or f"sha256:{path}", f"text:{hash(body)}", len(body), signature(shingles(body)))


def test_the_signature_estimates_jaccard_similarity() -> None:
    a = text(1)
    b = " ".join(a.split()[:240]) + " " + text(2, 60)
    sa, sb = shingles(a), shingles(b)
    jaccard = len(sa & sb) / len(sa | sb)
    assert abs(similarity(signature(sa), signature(sb)) - jaccard) < 0.1
    assert similarity(signature(sa), signature(shingles(text(3)))) < 0.1


def test_exact_and_near_duplicates_are_clustered_and_distinct_texts_are_not() -> None:
    article = text(1)
    rescrape = "Subscribe to our newsletter " + article + " Read more about the town"
    entries = [entry("a.json", article), entry("b.json", rescrape), entry("c.json", text(5)),
               entry("d.json", text(5), raw_id="sha256:c.json"), entry("e.json", text(9))]
    lines = {line["path"]: line for line in find_duplicates(entries)}
    assert sorted(lines) == ["a.json", "b.json", "c.json", "d.json"]
    assert lines["a.json"]["cluster"] == lines["b.json"]["cluster"] == "a.json"
    assert lines["b.json"]["kept"] and lines["b.json"]["representative"] == "b.json"  # the longest copy
    assert lines["a.json"]["kind"] == "near" and lines["a.json"]["similarity"] > 0.8
    assert lines["d.json"]["kind"] == "raw" and not lines["d.json"]["kept"]
    assert find_duplicates(list(reversed(entries))) == find_duplicates(entries)  # order-free


@pytest.fixture
def batch(tmp_path: Path, root: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(root / "raw", raw)
    shutil.copy(raw / "000_69536b1d3cf66309.txt", raw / "copy.txt")
    original = (raw / "001_4814d4cb36451429.txt").read_text()
    (raw / "rescrape.txt").write_text(original.replace("\n\n", "\n\nAdvertisement\n\n", 3))
    assert CliRunner().invoke(cli, ["ingest", str(raw), "--out", str(tmp_path / "clean"), "-q"]).exit_code == 0
    return tmp_path / "clean"


def test_dedup_writes_an_index_export_leaves_out_duplicates_and_validate_checks_it(batch: Path) -> None:
    runner = CliRunner()
    records = {p.name: p.read_bytes() for p in batch.glob("*.json")}
    result = runner.invoke(cli, ["dedup", str(batch)])
    assert result.exit_code == 0 and result.stdout.startswith("2 clusters of duplicates, 2 records beside")
    assert {p.name: p.read_bytes() for p in batch.glob("*.json")} == records  # records untouched
    index = [json.loads(line) for line in (batch / "duplicates.jsonl").read_text().splitlines()]
    left_out = {line["path"] for line in index if not line["kept"]}
    assert "copy.json" in left_out and len(left_out & {"rescrape.json", "001_4814d4cb36451429.json"}) == 1
    again = (batch / "duplicates.jsonl").read_bytes()
    runner.invoke(cli, ["dedup", str(batch)])
    assert (batch / "duplicates.jsonl").read_bytes() == again
    assert runner.invoke(cli, ["validate", str(batch)]).exit_code == 0
    out = batch.parent / "corpus.jsonl"
    exported = runner.invoke(cli, ["export", str(batch), "--dedup", "--out", str(out)])
    assert "5 records exported" in exported.stdout and "2 by --dedup" in exported.stdout
    assert len(out.read_text().splitlines()) == 5
    index[0]["kept"] = not index[0]["kept"]
    (batch / "duplicates.jsonl").write_text("".join(json.dumps(line) + "\n" for line in index))
    bad = runner.invoke(cli, ["validate", str(batch)])
    assert bad.exit_code == 1 and "not exactly one representative" in bad.stderr


def test_export_dedup_without_an_index_is_one_line(batch: Path) -> None:
    result = CliRunner().invoke(cli, ["export", str(batch), "--dedup", "--out", str(batch.parent / "x.jsonl")])
    assert result.exit_code == 1 and "run `archiver dedup" in result.output and "Traceback" not in result.output
