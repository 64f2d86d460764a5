"""The CLI through click's runner, and once as the real installed console script."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from archiver import __version__
from archiver.cli import cli


def test_ingest_defaults_to_raw_and_clean(tmp_path: Path, root: Path, monkeypatch) -> None:
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    shutil.copytree(root / "raw", "raw")
    result = runner.invoke(cli, ["ingest"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("5 documents: 5 written, 0 unchanged, 0 failed")
    assert len(list(Path("clean").glob("*.json"))) == 5
    again = runner.invoke(cli, ["ingest", "-q"])
    assert again.output.strip() == "5 documents: 0 written, 5 unchanged, 0 failed"


def test_failure_gives_one_line_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Fine.\n")
    (tmp_path / "empty.txt").write_text("")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert f"{tmp_path / 'empty.txt'}: empty file" in result.stderr
    assert "Traceback" not in result.output
    assert "1 written, 0 unchanged, 1 failed" in result.stdout


def test_sidecars_are_named_skipped_and_do_not_fail_the_run(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("The article.\n")
    (tmp_path / "in" / "a.json").write_text('{"pairs": []}\n')
    report = tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "in"), "--out", str(tmp_path / "o"),
                                      "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert f"sidecar: {tmp_path / 'in' / 'a.json'}" in result.stdout
    assert "1 document: 1 written, 0 unchanged, 0 failed, 1 sidecar (.json beside a document) skipped" \
        in result.stdout
    assert json.loads(report.read_text())["sidecars"] == 1
    validated = CliRunner().invoke(cli, ["validate", str(tmp_path / "o")])
    assert validated.exit_code == 0, validated.output


def test_usage_errors_exit_2(tmp_path: Path, monkeypatch) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(tmp_path / "missing")]).exit_code == 2
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["ingest"])
    assert result.exit_code == 2 and "no raw/ folder" in result.output


def test_help_has_examples_and_version() -> None:
    runner = CliRunner()
    for args in (["--help"], ["ingest", "--help"], ["stages", "--help"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0 and "Example" in result.output
    assert __version__ in runner.invoke(cli, ["--version"]).output


def test_stages_lists_versioned_names_in_order() -> None:
    lines = CliRunner().invoke(cli, ["stages"]).output.splitlines()
    names = [line.split()[0] for line in lines]
    assert names[:2] == ["decode.v3", "lines.v1"]
    assert all(name.rsplit(".v", 1)[1].isdigit() for name in names)


def test_installed_console_script(tmp_path: Path, root: Path) -> None:
    script = Path(sys.executable).with_name("archiver")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "archiver"]
    shutil.copytree(root / "raw", tmp_path / "raw")
    done = subprocess.run([*command, "ingest"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONUTF8": "1"})
    assert done.returncode == 0, done.stderr
    record = json.loads((tmp_path / "clean" / "000_69536b1d3cf66309.json").read_text())
    assert record["source"]["path"] == "000_69536b1d3cf66309.txt"
    module = subprocess.run([sys.executable, "-m", "archiver", "--version"],
                            capture_output=True, text=True, timeout=60)
    assert __version__ in module.stdout
