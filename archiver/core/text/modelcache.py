"""py3langid's model, decompressed once per machine instead of once per process.

The model ships LZMA-compressed (4.6 MB); decompressing it costs about 0.8 s,
which every ``archiver ingest`` and every pool worker used to pay. The arrays
are kept uncompressed in a cache folder and memory-mapped from there (about
0.07 s; the pages are shared by all workers of a machine). The weight table
is stored as float32, the type the model's scoring computes in, so no call
converts it again; the conversion is exact, so the scores do not depend on
whether the cache was used.

The cache lives in ``$ARCHIVER_CACHE_DIR``, else ``$XDG_CACHE_HOME/archiver``,
else ``~/.cache/archiver``; ``ARCHIVER_CACHE_DIR=""`` turns it off. A folder
is named after the model file's sha256 and py3langid's version, written
under a temporary name and renamed into place, so a reader never sees half
of one, and an unusable cache falls back to the packaged model.
"""

from __future__ import annotations

import contextlib
import hashlib
import lzma
import os
import shutil
import tempfile
import time
from array import array
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

CACHE_ENV = "ARCHIVER_CACHE_DIR"
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
_TYPECODES = {2: "H", 4: "I", 8: "L"}
_TEMP_PREFIX = ".archiver-tmp-"

Model = tuple[Any, Any, list[str], array, array, list[int]]  # what LanguageIdentifier is built from


def cache_root() -> Path | None:
    """Where caches go; None when the user turned caching off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "archiver"


def langid_model(source: Path) -> Model:
    """The model's arrays: from the cache when it holds them, else decompressed (and cached)."""
    root = cache_root()
    folder = root / f"langid-{_fingerprint(source)}" if root is not None else None
    if folder is not None and folder.is_dir():
        try:
            return _as_model({name: np.load(folder / f"{name}.npy", mmap_mode="r" if name == "ptc" else None,
                                            allow_pickle=False) for name in _ARRAYS})
        except (OSError, ValueError):
            shutil.rmtree(folder, ignore_errors=True)  # damaged: made again below
    arrays = _decompress(source)
    if folder is not None:
        with contextlib.suppress(OSError):
            _store(folder, arrays)
    return _as_model(arrays)


def _fingerprint(source: Path) -> str:
    digest = hashlib.sha256(source.read_bytes())
    digest.update(version("py3langid").encode())
    return digest.hexdigest()[:24]


def _decompress(source: Path) -> dict[str, np.ndarray]:
    with tempfile.TemporaryFile(suffix=".npz") as tmp:  # streamed: the npz is never wholly in memory twice
        with lzma.open(source) as packed:
            shutil.copyfileobj(packed, tmp, length=1 << 20)
        tmp.seek(0)
        with np.load(tmp, allow_pickle=False) as data:
            missing = set(_ARRAYS) - set(data.files)
            if missing:
                raise ValueError(f"{source}: the language model lacks {sorted(missing)}")
            arrays = {name: data[name] for name in _ARRAYS}
    arrays["ptc"] = arrays["ptc"].astype(np.float32)
    return arrays


STALE_SECONDS = 3600  # a temporary folder this old was left by a killed process, not one still writing


def _store(folder: Path, arrays: dict[str, np.ndarray]) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    for leftover in folder.parent.glob(f"{_TEMP_PREFIX}*"):  # 100 MB each: do not let them pile up
        with contextlib.suppress(OSError):
            if time.time() - leftover.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(leftover, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=folder.parent))
    try:
        for name, values in arrays.items():
            np.save(tmp / f"{name}.npy", values, allow_pickle=False)
        os.rename(tmp, folder)  # fails if another process got there first: theirs is as good
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _as_model(arrays: dict[str, Any]) -> Model:
    if arrays["ptc"].dtype != np.float32:
        raise ValueError("the cached weight table is not float32")
    return (arrays["ptc"], np.asarray(arrays["pc"]), arrays["classes"].tolist(),
            _to_array(arrays["nextmove"]), _to_array(arrays["nextmove_row"]), arrays["out_feat"].tolist())


def _to_array(values: np.ndarray) -> array:
    """A stdlib array: the DFA walk indexes it once per byte, where a numpy index costs ten times more."""
    out = array(_TYPECODES[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out
