"""The hook as other repositories use it: the real pre-commit framework, this repository by path."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, root: Path):
    """An archive repository whose .pre-commit-config.yaml points at this repository's HEAD."""
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True)
    shown = subprocess.run(["git", "show", "HEAD:.pre-commit-hooks.yaml"], cwd=root, capture_output=True)
    if head.returncode or shown.returncode or not PRE_COMMIT.exists():
        pytest.skip("needs this repository as a git checkout whose HEAD has .pre-commit-hooks.yaml, and pre-commit")
    repo = tmp_path_factory.mktemp("archive")
    shutil.copytree(root / "raw", repo / "raw")
    shutil.copytree(root / "clean", repo / "clean")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {root}\n    rev: {head.stdout.strip()}\n    hooks:\n      - id: archiver-validate\n")
    git(repo, "init", "-q")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-cache"))}
    subprocess.run([str(PRE_COMMIT), "install"], cwd=repo, check=True, capture_output=True, env=env)
    os.environ["PRE_COMMIT_HOME"] = env["PRE_COMMIT_HOME"]  # the git hook runs pre-commit with this cache
    return repo


def test_valid_records_commit(hook_repo: Path) -> None:
    git(hook_repo, "add", "-A")
    done = git(hook_repo, "commit", "-q", "-m", "archive")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("damage", ["tamper", "schema"])
def test_bad_record_is_rejected_with_its_path(hook_repo: Path, damage: str) -> None:
    path = hook_repo / "clean" / "003_20ec6a3e19d9ba96.json"
    original = path.read_text()
    record = json.loads(original)
    if damage == "tamper":
        record["text"] = record["text"].replace("Soleimani", "Suleimani", 1)
    else:
        record["language"] = 42
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2))
    git(hook_repo, "add", "-A")
    done = git(hook_repo, "commit", "-q", "-m", damage)
    path.write_text(original)
    git(hook_repo, "add", "-A")
    assert done.returncode != 0
    assert "clean/003_20ec6a3e19d9ba96.json:" in done.stdout + done.stderr


def commit_fails_naming(hook_repo: Path, change, restore, named: str) -> None:
    """A commit of ``change`` is rejected with a line naming ``named``; the repository is restored after."""
    change()
    git(hook_repo, "add", "-A")
    done = git(hook_repo, "commit", "-q", "-m", "change")
    restore()
    git(hook_repo, "add", "-A")
    assert done.returncode != 0, done.stdout + done.stderr
    assert named in done.stdout + done.stderr


def test_raw_side_changes_are_rejected(hook_repo: Path) -> None:
    """Issue 23: editing a raw file, deleting a record, adding a raw file without a record; none of these
    touches a record, and each must still be caught."""
    raw = hook_repo / "raw" / "001_4814d4cb36451429.txt"
    record = hook_repo / "clean" / "002_bbfa1784b879b3b7.json"
    original_raw, original_record = raw.read_bytes(), record.read_bytes()
    new = hook_repo / "raw" / "009_new.txt"
    commit_fails_naming(hook_repo, lambda: raw.write_bytes(original_raw + b"\nAn added line.\n"),
                        lambda: raw.write_bytes(original_raw), "stale: raw file")
    commit_fails_naming(hook_repo, record.unlink, lambda: record.write_bytes(original_record),
                        "002_bbfa1784b879b3b7")
    commit_fails_naming(hook_repo, lambda: new.write_text("A new article with no record yet.\n"),
                        new.unlink, "009_new.txt: stale: no record")
    done = git(hook_repo, "commit", "-q", "--allow-empty", "-m", "restored")
    assert done.returncode == 0, done.stdout + done.stderr
