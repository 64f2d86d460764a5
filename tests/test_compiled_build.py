"""The compiled build (a wheel: mypyc compiles the cleaning core) writes the same records as the Python source.

Building takes about two minutes, so the test needs a build made beforehand: ``ARCHIVER_COMPILED`` names a
folder holding the installed wheel (``pip install --no-deps --target DIR dist/archiver-*.whl``). CI makes one
(.ci/run); without it the test is skipped.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from archiver._version import build
from archiver.archive import render
from archiver.document import clean_bytes

COMPILED = os.environ.get("ARCHIVER_COMPILED", "")

# Run in the compiled package: clean each named file, print its rendered record (one JSON string per line).
_CLEAN_ALL = """
import gzip, json, sys
from pathlib import Path
from archiver._version import build
from archiver.archive import render
from archiver.document import clean_bytes
print(build())
for path in map(Path, sys.stdin.read().split("\\n")):
    data = path.read_bytes()
    raw = gzip.decompress(data) if path.suffix == ".gz" else data
    print(json.dumps(render(clean_bytes(raw, path.name)).decode("utf-8")))
"""


def read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def sample_files(shared: Path) -> list[Path]:
    """Seeds, both bench tracks, HTML pages and the repair sets: every stage has work to do."""
    dev = shared / "bench" / "dev"
    files = sorted((shared / "seeds").glob("*.txt"))
    for folder in (dev / "article", dev / "page", *(shared / "bench" / "dev-repairs").iterdir()):
        if folder.is_dir():
            files += sorted(folder.glob("*.txt"))
    return files + sorted((dev / "html").glob("*.gz"))


@pytest.mark.skipif(not COMPILED, reason="no compiled build given (ARCHIVER_COMPILED; CI builds one)")
def test_the_compiled_build_writes_the_same_records(shared: Path, tmp_path: Path) -> None:
    assert build() == "python", "the tests run against the Python source"
    files = sample_files(shared)
    env = {**os.environ, "PYTHONPATH": str(Path(COMPILED).resolve())}
    done = subprocess.run([sys.executable, "-c", _CLEAN_ALL], input="\n".join(map(str, files)),
                          capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
    lines = done.stdout.splitlines()
    assert lines[0] == "compiled", "ARCHIVER_COMPILED does not hold a compiled build"
    compiled = [json.loads(line) for line in lines[1:]]
    assert len(compiled) == len(files) > 300
    for path, record in zip(files, compiled, strict=True):
        assert record == render(clean_bytes(read(path), path.name)).decode("utf-8"), path.name


# Run in the compiled package: the value classes (compiled, with no default constructor) copy and pickle whole.
_VALUES_ROUND_TRIP = """
import copy, pickle
from archiver._version import build
from archiver.api import clean_text
from archiver.core.model import Block, LanguageTag, Removal, Repair
from archiver.core.settings import PipelineConfig
from archiver.core.text.scripts import dominant_script
from archiver.core.text.textfeatures import features
values = [LanguageTag("en", "Latn", 0.9), Repair("s.v1", "r", 0, 1, "a", "b"), Removal("s.v1", "r", 0, 1, "a"),
          Block(0, 1, "a", True, (), ("s.v1", "r")), dominant_script("abc"), features("The talks resume."),
          clean_text("Share this\\n\\nThe minister said on Tuesday that talks would resume in the spring.\\n"),
          PipelineConfig(("glued",), (("boilerplate", (("threshold", 0.3),)),))]
for value in values:
    assert pickle.loads(pickle.dumps(value)) == value == copy.deepcopy(value), value
print(build())
"""


@pytest.mark.skipif(not COMPILED, reason="no compiled build given (ARCHIVER_COMPILED; CI builds one)")
def test_the_compiled_value_classes_copy_and_pickle(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(COMPILED).resolve())}
    done = subprocess.run([sys.executable, "-c", _VALUES_ROUND_TRIP], capture_output=True, text=True, env=env,
                          cwd=tmp_path, check=True)
    assert done.stdout.split() == ["compiled"]


def load_setup(root: Path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("archiver_setup", root / "setup.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # not as __main__: setup() does not run
    return module


def test_only_a_build_compiles(root: Path) -> None:
    """Issue 23: ``pip install -e .`` ran setup.py for its build requirements (``egg_info``) and compiled the
    core there, a minute for nothing; only commands that build extensions compile."""
    wants = load_setup(root).wants_compiling
    for argv in (["setup.py", "egg_info"], ["setup.py", "editable_wheel", "--dist-dir", "d"],
                 ["setup.py", "dist_info", "--output-dir", "d"], ["setup.py", "sdist"], ["setup.py", "develop"]):
        assert not wants(argv, {}), argv
    assert wants(["setup.py", "bdist_wheel", "--dist-dir", "d"], {})
    assert wants(["setup.py", "build_ext", "--inplace"], {})
    assert not wants(["setup.py", "bdist_wheel"], {"ARCHIVER_PURE_PYTHON": "1"})
