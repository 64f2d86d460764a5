"""The Python API and the JSON Lines export, read back by a real consumer (pandas)."""

import gzip
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import archiver
from archiver.cli import cli
from archiver.errors import RecordError

DATA = Path(__file__).parent / "data"


def test_load_and_iter_records(root: Path) -> None:
    records = list(archiver.iter_records(root / "clean"))
    assert [r.source.path for r in records] == sorted(p.name for p in (root / "raw").iterdir())
    one = archiver.load(root / "clean" / "000_69536b1d3cf66309.json")
    assert isinstance(one, archiver.Record) and one.metadata["dateline"] == "WASHINGTON"
    assert one.hashes.raw_sha256 == one.source.sha256


def test_load_verifies_unless_told_not_to(tmp_path: Path, root: Path) -> None:
    path = tmp_path / "r.json"
    data = json.loads((root / "clean" / "000_69536b1d3cf66309.json").read_text())
    data["text"] += "tampered"
    path.write_text(json.dumps(data))
    with pytest.raises(RecordError, match="text_sha256 does not match"):
        archiver.load(path)
    assert archiver.load(path, verify=False).text.endswith("tampered")


def test_clean_text_in_memory() -> None:
    record = archiver.clean_text("Headline Of The Story Today\n\nBy Jane Doe\n\n" + "A body sentence here. " * 12)
    assert record.metadata["authors"] == ["Jane Doe"] and record.text.startswith("A body sentence")


def test_records_of_every_schema_version_still_load() -> None:
    """Frozen records of each released format: a new version must keep reading them."""
    frozen = sorted((DATA / "records").glob("*.json"))
    assert frozen
    for path in frozen:
        record = archiver.load(path)
        assert record.schema_version.split(".")[0] == path.name.split(".")[0].removeprefix("v")


@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.jsonl.gz"])
def test_export_is_read_back_by_pandas(tmp_path: Path, root: Path, name: str) -> None:
    out = tmp_path / name
    result = CliRunner().invoke(cli, ["export", str(root / "clean"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_json(out, lines=True, compression="gzip" if name.endswith(".gz") else None)
    records = list(archiver.iter_records(root / "clean"))
    assert list(frame["id"]) == [r.id for r in records]
    assert list(frame["text"]) == [r.text for r in records]
    assert {"id", "text", "source", "metadata"} == set(frame.columns)
    again = tmp_path / ("again-" + name)
    CliRunner().invoke(cli, ["export", str(root / "clean"), "--out", str(again)])
    assert out.read_bytes() == again.read_bytes()  # deterministic, gzip included
    if name.endswith(".gz"):
        with gzip.open(out) as handle:
            first = json.loads(handle.readline())
        assert first["metadata"]["archiver"]["hashes"]["raw_sha256"] == records[0].source.sha256


def test_export_refuses_a_tampered_record(tmp_path: Path, root: Path) -> None:
    shutil.copytree(root / "clean", tmp_path / "clean")
    path = tmp_path / "clean" / "000_69536b1d3cf66309.json"
    path.write_text(path.read_text().replace("Khalilzad", "Khalilzaf", 1))
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "clean"), "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 1 and "does not match" in result.output


def test_an_html_page_trafilatura_found_text_on_is_never_emptied() -> None:
    """Issue 25: the stages took every line trafilatura extracted (a run of teasers under "Related"); the
    extractor's text is kept. The related-list rules no longer run on an extractor's text (they took mostly
    article text there), and where the stages that do run would take every line (newsletter prompts), the
    extractor's text is kept, repaired, and the record lists the stages that ran."""
    from archiver.core.stages import keeping_stages, pipeline_ids

    page = ("<html><body><article><h2>Related</h2>" + "".join(
        f"<p>House prices in Vancouver fell again in {month}</p>" for month in ("May", "June", "July", "August"))
        + "</article></body></html>")
    record = archiver.clean_text(page, source_path="prices.html")
    assert "House prices in Vancouver fell again in May" in record.text
    prompts = "".join(f"<p>Subscribe to our {name} newsletter</p>" for name in ("daily", "weekly", "markets"))
    record = archiver.clean_text(f"<html><body><article>{prompts}</article></body></html>", source_path="n.html")
    assert "Subscribe to our daily newsletter" in record.text
    assert record.pipeline.stages == pipeline_ids(keeping_stages())


def test_the_markup_s_metadata_wins_over_guesses_from_the_text() -> None:
    """Issue 25: on HTML, a title read from <title>/<meta> stands; the text's guesses fill only the gaps."""
    body = "".join(f"<p>Paragraph {n}: the council said the harbour wall would be rebuilt before winter, at a "
                   f"cost of four million euros, after storms breached it twice last year.</p>" for n in range(6))
    page = ('<html><head><title>Harbour wall to be rebuilt | Coast Times</title>'
            '<meta property="og:title" content="Harbour wall to be rebuilt">'
            '<meta name="author" content="Ann Lee"></head><body><article>'
            '<h1>A dek that reads like a headline</h1><p>A second line under it</p>'
            f'{body}</article></body></html>')
    record = archiver.clean_text(page, source_path="wall.html")
    assert record.metadata["title"] == "Harbour wall to be rebuilt"
    assert record.metadata["authors"] == ["Ann Lee"]


def test_on_html_a_line_trafilatura_kept_leaves_only_by_a_trusted_rule() -> None:
    """Issue 25: on a blog page the first short paragraph became the title and left the body, though the
    markup had the title; a dated line and a dek went the same way (Dragnet keeps them as article text). Now
    such a line stays where trafilatura put it; a comment form's line, which a trusted rule names, goes."""
    body = "".join(f"<p>Paragraph {n}: the council said the harbour wall would be rebuilt before winter{more}.</p>"
                   for n, more in enumerate(("", ", at a cost of four million euros", " after two storms",
                                             ", and the work would start in May with the northern part")))
    page = ('<html><head><title>Harbour wall to be rebuilt</title></head><body><article>'
            '<p>Whenever you pass the harbour, look at the wall</p><p>Tuesday, October 30, 2012 | 12:00 PM</p>'
            f'{body}<p>Save my name, email, and website in this browser for the next time I comment.</p>'
            '</article></body></html>')
    record = archiver.clean_text(page, source_path="wall.html")
    assert record.text.startswith("Whenever you pass the harbour, look at the wall\n\nTuesday, October 30, 2012")
    assert [(r.stage, r.rule) for r in record.removed] == [("widgets.v5", "widget")]
    assert record.metadata["title"] == "Harbour wall to be rebuilt"
    assert record.pipeline.stages[:2] == ("decode.v3", "extracted.v1")


def test_export_carries_quality_signals_and_filters_leave_documents_out(tmp_path: Path, root: Path) -> None:
    """Issue 30: the Gopher/C4 signals people filter on, and filters at export (never in the archive)."""
    from archiver.quality import quality_signals

    out = tmp_path / "all.jsonl"
    assert CliRunner().invoke(cli, ["export", str(root / "clean"), "--out", str(out)]).exit_code == 0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    quality = [line["metadata"]["quality"] for line in lines]
    assert all(set(q) == {"chars", "words", "removed_share", "mean_line_chars", "function_word_share",
                          "symbol_share", "ellipsis_line_share", "bullet_line_share"} for q in quality)
    assert all(q["chars"] == len(line["text"]) and 0 < q["removed_share"] < 1 and
               0.2 < q["function_word_share"] < 0.7 for q, line in zip(quality, lines, strict=True))
    shares = sorted(q["removed_share"] for q in quality)
    limit = (shares[1] + shares[2]) / 2  # keeps the two documents with the smallest shares
    result = CliRunner().invoke(cli, ["export", str(root / "clean"), "--out", str(tmp_path / "f.jsonl"),
                                      "--max-removed-share", str(limit), "--language", "en,de"])
    assert result.exit_code == 0
    assert result.stdout.strip().endswith("2 records exported to " + str(tmp_path / "f.jsonl") +
                                          "; 3 left out (3 by --max-removed-share)")
    none = CliRunner().invoke(cli, ["export", str(root / "clean"), "--out", str(tmp_path / "n.jsonl"),
                                    "--language", "de", "--min-chars", "1"])
    assert "0 records exported" in none.stdout and "5 by --language" in none.stdout
    junk = {"text": "Home\nNews\nSport\n", "removed": [{"text": "x" * 900}]}
    signals = quality_signals(junk)
    assert signals["removed_share"] > 0.9 and signals["function_word_share"] == 0.0
    assert signals["mean_line_chars"] == 4.3


def test_parquet_and_shards_are_read_by_pandas_and_datasets(tmp_path: Path, root: Path) -> None:
    """Issue 30: Parquet (typed columns, the metadata as a JSON string) and sharded exports, in record order."""
    datasets = pytest.importorskip("datasets")
    runner = CliRunner()
    records = list(archiver.iter_records(root / "clean"))
    assert runner.invoke(cli, ["export", str(root / "clean"), "--out", str(tmp_path / "c.parquet")]).exit_code == 0
    frame = pd.read_parquet(tmp_path / "c.parquet")
    assert list(frame["id"]) == [r.id for r in records] and list(frame["text"]) == [r.text for r in records]
    assert json.loads(frame["metadata"][0])["quality"]["chars"] == len(records[0].text)
    table = datasets.load_dataset("parquet", data_files=str(tmp_path / "c.parquet"), split="train",
                                  cache_dir=str(tmp_path / "hf"))
    assert table["id"] == [r.id for r in records]
    result = runner.invoke(cli, ["export", str(root / "clean"), "--out", str(tmp_path / "s" / "c.parquet"),
                                 "--shard-size", "2"])
    assert result.exit_code == 0 and "5 records exported to 3 files" in result.stdout
    shards = sorted((tmp_path / "s").iterdir())
    assert [p.name for p in shards] == [f"c-0000{i}-of-00003.parquet" for i in range(3)]
    sharded = datasets.load_dataset("parquet", data_files=[str(p) for p in shards], split="train",
                                    cache_dir=str(tmp_path / "hf"))
    assert sharded["id"] == [r.id for r in records]
    runner.invoke(cli, ["export", str(root / "clean"), "--out", str(tmp_path / "j" / "c.jsonl.gz"), "--shard-size", "2"])
    lines = pd.concat([pd.read_json(p, lines=True) for p in sorted((tmp_path / "j").iterdir())])
    assert list(lines["id"]) == [r.id for r in records]
    single = datasets.load_dataset("json", data_files=str(tmp_path / "one.jsonl"), split="train",
                                   cache_dir=str(tmp_path / "hf")) if runner.invoke(
        cli, ["export", str(root / "clean"), "--out", str(tmp_path / "one.jsonl")]).exit_code == 0 else None
    assert single is not None and single["id"] == [r.id for r in records]
    again = tmp_path / "again.parquet"
    runner.invoke(cli, ["export", str(root / "clean"), "--out", str(again)])
    assert again.read_bytes() == (tmp_path / "c.parquet").read_bytes()  # deterministic


@pytest.mark.parametrize("page", ["dn-117", "dn-r605"])
def test_on_html_no_stage_guesses_at_layout_the_extractor_removed(shared: Path, page: str) -> None:
    """Issue 25: on these training pages `head` took article paragraphs above a date or byline line from
    trafilatura's text (0.6.0). Now every removed line that the page's gold text holds is a metadata move
    (headline, date), never a lost paragraph."""
    from archiver.document import clean_bytes

    train = shared / "train"
    record = clean_bytes((train / "html" / f"{page}.html.gz").read_bytes(), f"{page}.html.gz")
    gold = (train / "gold" / f"{page}.txt").read_text(encoding="utf-8")
    in_gold = [r for r in record["removed"] if r["text"].strip() and r["text"].strip()[:60] in gold]
    assert all(r["rule"].startswith("metadata.") for r in in_gold), [(r["stage"], r["rule"]) for r in in_gold]
    assert not any(s.startswith(("head.", "captions.")) for s in record["pipeline"]["stages"])
