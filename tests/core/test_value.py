"""The value classes: immutable to mypy, equal by fields, and copied and pickled whole."""

import copy
import dataclasses
import pickle

import pytest

from archiver.core.model import Block, LanguageTag, Removal, Repair
from archiver.core.text.scripts import ScriptCount
from archiver.core.text.textfeatures import features

VALUES = [
    LanguageTag("en", "Latn", 0.9),
    Repair("whitespace.v2", "odd_space", 3, 4, "\u00a0", " "),
    Removal("widgets.v4", "share", 10, 20, "Share this", "en"),
    Removal("widgets.v4", "share", 10, 20, "Share this"),
    Block(0, 5, "Hello", True, (Repair("s.v1", "r", 0, 5, "Hellp", "Hello"),), ("related.v5", "header"),
          LanguageTag("en", "Latn", 1.0)),
    ScriptCount("Latn", 12),
    features("The talks resume in the spring."),
]


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_values_survive_pickle_and_deepcopy(value: object) -> None:
    for again in (pickle.loads(pickle.dumps(value)), copy.deepcopy(value), copy.copy(value)):
        assert again == value and hash(again) == hash(value) and repr(again) == repr(value)


def test_equality_is_by_type_and_fields() -> None:
    assert LanguageTag("en", "Latn", 0.9) == LanguageTag("en", "Latn", 0.9)
    assert LanguageTag("en", "Latn", 0.9) != LanguageTag("en", "Latn", 0.8)
    assert ScriptCount("Latn", 1) != ("Latn", 1)
    assert Block(0, 1, "x").dropped("s.v1", "r") == Block(0, 1, "x", dropped_by=("s.v1", "r"))
    assert not Block(0, 1, "x").dropped("s.v1", "r").kept


def test_a_record_with_ledger_entries_converts_and_pickles() -> None:
    from archiver.api import clean_text

    record = clean_text("Share this\n\nThe minister said on Tuesday that talks would resume in the spring.\n")
    assert pickle.loads(pickle.dumps(record)) == record
    assert dataclasses.asdict(record)["text"] == record.text
