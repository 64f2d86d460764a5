"""Stage settings from a TOML file: clear errors, recorded in the record, honoured by recompute and reruns."""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from archiver.cli import cli
from archiver.config import ConfigError, PipelineConfig, config_from_record, load_config
from archiver.document import clean_bytes
from archiver.schema import CURRENT_VERSION
from archiver.validate import validate


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "archiver.toml"
    path.write_text(text)
    return path


@pytest.mark.parametrize(("text", "error"), [
    ('[stages]\noff = ["nope"]\n', "unknown stage 'nope' in stages.off"),
    ('[stages]\noff = ["lines"]\n', "the 'lines' stage makes the blocks every other stage reads"),
    ("[stages.boilerplate]\nthreshold = 2.0\n", "stages.boilerplate.threshold must lie between 0 and 1"),
    ('[stages.boilerplate]\nthreshold = "low"\n', "stages.boilerplate.threshold must be a number"),
    ("[stages.boilerplate]\nmin_blocks = 2.5\n", "stages.boilerplate.min_blocks must be an integer"),
    ("[stages.glued]\nlevel = 1\n", "the glued stage has no setting 'level' (settings: none)"),
    ("[stages.nope]\nx = 1\n", "unknown stage [stages.nope]"),
    ("[cleaning]\n", "unknown key 'cleaning'"),
    ("[stages\n", "not valid TOML"),
])
def test_a_bad_settings_file_is_one_clear_line(tmp_path: Path, text: str, error: str) -> None:
    with pytest.raises(ConfigError, match=error.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        load_config(write(tmp_path, text))


def test_settings_are_recorded_and_stages_off_do_not_run(tmp_path: Path, root: Path) -> None:
    config = load_config(write(tmp_path, '[stages]\noff = ["glued"]\n[stages.boilerplate]\nthreshold = 0.5\n'))
    raw = (root / "raw" / "004_1dc1e192763713f9.txt").read_bytes()
    record = clean_bytes(raw, "x.txt", config=config)
    assert record["schema_version"] == CURRENT_VERSION
    assert record["pipeline"]["settings"] == {"off": ["glued"], "stages": {"boilerplate": {"threshold": 0.5}}}
    assert not any(s.startswith("glued.") for s in record["pipeline"]["stages"])
    assert not any(r["stage"].startswith("glued.") for r in record["repairs"])
    assert config_from_record(record["pipeline"]["settings"]) == config
    default = clean_bytes(raw, "x.txt")
    assert "settings" not in default["pipeline"] and any(s.startswith("glued.") for s in default["pipeline"]["stages"])


def test_a_higher_threshold_drops_more_and_never_less(root: Path) -> None:
    raw = (root / "raw" / "003_20ec6a3e19d9ba96.txt").read_bytes()
    kept = [len(clean_bytes(raw, "x.txt", config=PipelineConfig(options=(("boilerplate", (("threshold", t),)),)))
                ["text"]) for t in (0.0, 0.5, 0.99)]
    assert kept[0] >= kept[1] >= kept[2]


def test_reruns_redo_documents_whose_settings_changed_and_recompute_uses_the_records_settings(
        tmp_path: Path, root: Path) -> None:
    shutil.copytree(root / "raw", tmp_path / "raw")
    config = write(tmp_path, '[stages]\noff = ["glued", "headline"]\n')
    out = tmp_path / "clean"
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", str(tmp_path / "raw"), "--out", str(out), "--config", str(config), "-q"])
    assert first.stdout.strip().endswith("5 written, 0 unchanged, 0 failed")
    same = runner.invoke(cli, ["ingest", str(tmp_path / "raw"), "--out", str(out), "--config", str(config), "-q"])
    assert same.stdout.strip().endswith("0 written, 5 unchanged, 0 failed")
    assert validate([out], recompute=True).problems == []
    record = json.loads((out / "000_69536b1d3cf66309.json").read_text())
    assert record["pipeline"]["settings"]["off"] == ["headline", "glued"]
    default = runner.invoke(cli, ["ingest", str(tmp_path / "raw"), "--out", str(out), "-q"])
    assert default.stdout.strip().endswith("5 written, 0 unchanged, 0 failed")


def test_the_command_line_reports_a_bad_file_in_one_line(tmp_path: Path, root: Path) -> None:
    config = write(tmp_path, '[stages]\noff = ["nope"]\n')
    result = CliRunner().invoke(cli, ["ingest", str(root / "raw"), "--out", str(tmp_path / "c"), "--config",
                                      str(config)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith(f"Error: {config}: unknown stage 'nope' in stages.off")
    assert not (tmp_path / "c").exists()
