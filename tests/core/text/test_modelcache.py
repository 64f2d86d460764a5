"""The language model's cache: same model with or without it, never half-written, never required."""

from pathlib import Path

import numpy as np
import pytest
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from archiver.core.text.modelcache import CACHE_ENV, cache_root, langid_model

SOURCE = MODEL_DIR / MODEL_FILE
SAMPLES = ["This is plainly an English sentence about the weather today.",
           "Dies ist ein deutscher Satz über das Wetter von heute.", "Ceci est une phrase française.", "x"]


def scores(model) -> list[list[tuple[str, float]]]:
    ptc, pc, classes, nextmove, row, output = model
    identifier = LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)
    return [identifier.rank(text)[:5] for text in SAMPLES]


@pytest.fixture(scope="module")
def uncached() -> list[list[tuple[str, float]]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, "")
        return scores(langid_model(SOURCE))


def test_the_cached_model_scores_exactly_as_the_packaged_one(tmp_path: Path, monkeypatch, uncached) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    first = langid_model(SOURCE)  # decompresses and stores
    [folder] = [p for p in tmp_path.iterdir() if p.name.startswith("langid-")]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{n}.npy" for n in ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat"))
    second = langid_model(SOURCE)  # reads the cache, memory-mapped
    assert isinstance(second[0], np.memmap) and not isinstance(first[0], np.memmap)
    assert scores(first) == scores(second) == uncached
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".archiver-tmp-")]


def test_an_empty_setting_turns_the_cache_off(monkeypatch) -> None:
    monkeypatch.setenv(CACHE_ENV, "")
    assert cache_root() is None


def test_a_damaged_cache_falls_back_to_the_packaged_model(tmp_path: Path, monkeypatch, uncached) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    langid_model(SOURCE)
    [folder] = [p for p in tmp_path.iterdir() if p.name.startswith("langid-")]
    (folder / "ptc.npy").write_bytes(b"\x93NUMPY truncated")
    assert scores(langid_model(SOURCE)) == uncached
    assert isinstance(langid_model(SOURCE)[0], np.memmap)  # and the cache was made again


def test_an_unwritable_cache_is_not_needed(tmp_path: Path, monkeypatch, uncached) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    assert scores(langid_model(SOURCE)) == uncached


def test_a_killed_writers_leftover_is_cleared_a_fresh_one_is_not(tmp_path: Path, monkeypatch) -> None:
    import os

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    old, fresh = tmp_path / ".archiver-tmp-old", tmp_path / ".archiver-tmp-fresh"
    for folder in (old, fresh):
        folder.mkdir()
        (folder / "ptc.npy").write_bytes(b"partial")
    os.utime(old, (0, 0))
    langid_model(SOURCE)
    assert not old.exists() and fresh.exists()
