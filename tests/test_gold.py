"""The seeds against their hand-written gold, and the negative and known-failure cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archiver.document import clean_bytes
from tests.helpers import check_record
from tests.shared import GOLD, requires_shared

DATA = Path(__file__).parent / "data"
KNOWN = json.loads((DATA / "known_failures.json").read_text(encoding="utf-8"))["seeds"]
NEGATIVE = json.loads((DATA / "negative_cases.json").read_text(encoding="utf-8"))


def snippet_cases() -> list:
    cases = []
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        known = KNOWN.get(path.stem, {})
        for kind in ("must_keep", "must_remove"):
            for snippet in gold[kind]:
                reason = known.get(kind, {}).get(snippet)
                marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
                cases.append(pytest.param(path.stem, kind, snippet, marks=marks,
                                          id=f"{path.stem[:3]}-{kind}-{snippet[:30]}"))
    return cases


_records: dict[str, dict] = {}


def seed_record(stem: str) -> dict:
    if stem not in _records:
        raw = (GOLD.parent / "seeds" / f"{stem}.txt").read_bytes()
        _records[stem] = clean_bytes(raw, f"{stem}.txt")
        check_record(_records[stem], raw)
    return _records[stem]


@requires_shared("gold")
@pytest.mark.parametrize(("stem", "kind", "snippet"), snippet_cases())
def test_seed_snippets(stem: str, kind: str, snippet: str) -> None:
    text = seed_record(stem)["text"]
    if kind == "must_keep":
        assert snippet in text
    else:
        assert snippet not in text


def exact_cases() -> list:
    return [pytest.param(path.stem, id=path.stem[:3],
                         marks=[pytest.mark.xfail(reason=KNOWN[path.stem]["exact"], strict=True)]
                         if "exact" in KNOWN.get(path.stem, {}) else [])
            for path in sorted(GOLD.glob("*.txt"))]


@requires_shared("gold")
@pytest.mark.parametrize("stem", exact_cases())
def test_seed_text_equals_gold_exactly(stem: str) -> None:
    assert seed_record(stem)["text"] == (GOLD / f"{stem}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", NEGATIVE, ids=[c["why"][:50] for c in NEGATIVE])
def test_negative_cases_come_through_whole(case: dict) -> None:
    """Text that looks like boilerplate but is content: every paragraph survives."""
    raw = case["input"].encode("utf-8")
    record = clean_bytes(raw, "case.txt")
    check_record(record, raw)
    expected = [p.strip() for p in case["input"].split("\n") if p.strip()]
    assert record["text"].rstrip("\n").split("\n\n") == expected, case["why"]
