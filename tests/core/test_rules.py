"""Every rule a record carries is one its stage declares (``archiver.core.rules``), and the names other code
reads are the stages' own."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiver.core import rules
from archiver.core.stages import TRUSTED_ON_EXTRACTED, default_stages
from archiver.core.text.lexicon import lexicon
from archiver.document import clean_bytes
from archiver.errors import DocumentError
from tests.shared import shared_or_skip


def test_the_declared_stages_are_the_pipelines() -> None:
    assert [stage.name for stage in default_stages()] == list(rules.RULES)


def test_a_rule_no_stage_declares_is_not_declared() -> None:
    assert rules.is_declared("widgets.v5", "privacy") and rules.is_declared("boilerplate", "model:x=low")
    assert not rules.is_declared("widgets.v5", "not_a_rule")
    assert not rules.is_declared("related", "privacy")  # another stage's rule
    assert not rules.is_declared("nonexistent", "teaser")


def test_the_lexicons_categories_are_declared_rules() -> None:
    """widgets drops a line by its lexicon category, trailer by its trailer category: a category added to the
    data is a new rule, and must be declared."""
    lex = lexicon()
    widget_categories = set(lex.lines.values()) | {category for category, _ in lex.prefixes} \
        | set(lex.phrase_category.values())
    assert widget_categories - {"credit"} <= rules.RULES[rules.WIDGETS][0]  # a credit prefix is captions' cue
    trailer_categories = set(lex.trailers.groupindex)  # a named group per category
    assert trailer_categories
    assert trailer_categories <= rules.RULES[rules.TRAILER][0]


def test_the_rules_trusted_on_extracted_text_are_declared() -> None:
    for key in TRUSTED_ON_EXTRACTED:
        stage, _, rule = key.partition(":")
        assert rules.is_declared(stage, rule), key


def test_metadata_rules_name_their_fields() -> None:
    from archiver.core.model import Block

    block = Block(0, 10, "By Ann Lee, May 2, 2024").dropped("metadata.v4", rules.metadata_rule(["authors", "date"]))
    assert block.dropped_by == ("metadata.v4", "metadata.authors+date")
    assert rules.metadata_fields(block) == ["authors", "date"] and rules.dropped_stage(block) == "metadata"
    assert rules.metadata_fields(Block(0, 3, "abc")) == []


def _sample(shared: Path) -> list[Path]:
    """The seeds, both bench tracks, the repair sets, some HTML, and every 40th training page in each of its
    four renderings: every stage has work to do."""
    dev = shared / "bench" / "dev"
    files = sorted((shared / "seeds").glob("*.txt")) + sorted((dev / "article").glob("*.txt"))
    files += sorted((dev / "page").glob("*.txt")) + sorted((dev / "html").glob("*.gz"))[::4]
    for folder in sorted((shared / "bench" / "dev-repairs").iterdir()):
        if folder.is_dir():
            files += sorted(folder.glob("*.txt"))[::3]
    for rendering in ("lxml", "html2text", "inscriptis", "bs4"):
        files += sorted((shared / "train" / f"page_{rendering}").glob("*.txt"))[::40]
    return files


def test_every_rule_in_a_record_is_declared_by_its_stage() -> None:
    shared = shared_or_skip("train")
    undeclared: dict[str, set[str]] = {}
    seen: set[tuple[str, str]] = set()
    for path in _sample(shared.parent):
        try:
            record = clean_bytes(path.read_bytes(), path.name)
        except DocumentError:
            continue
        for entry in [*record["removed"], *record["repairs"]]:
            stage = entry["stage"].split(".")[0]
            seen.add((stage, entry["rule"].split(":")[0]))
            if not rules.is_declared(entry["stage"], entry["rule"]):
                undeclared.setdefault(entry["stage"], set()).add(entry["rule"])
    assert undeclared == {}
    # the sample exercised most of the stages that remove or repair (so the check above could fail)
    assert len({stage for stage, _ in seen}) >= 15


@pytest.mark.parametrize("stage", sorted(rules.RULES))
def test_each_stage_module_writes_no_undeclared_literal_rule(stage: str) -> None:
    """The rules a stage writes as string literals (``dropped(self.id, "teaser")``) are declared."""
    import ast

    source = Path(rules.__file__).parent / "stages" / f"{stage}.py"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr == "dropped" and len(node.args) == 2 \
                and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str):
            assert rules.is_declared(stage, node.args[1].value), (stage, node.args[1].value)
