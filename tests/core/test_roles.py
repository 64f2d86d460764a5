"""Paragraph roles: headings, list items, quotes and table rows found from the text's own traces."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from archiver.cli import cli
from archiver.core.roles import markdown, role_of, roles
from archiver.document import clean_bytes
from archiver.schema import schema_problems

PROSE = "The council voted on Tuesday to rebuild the harbour wall, which the winter storms broke last year."


@pytest.mark.parametrize(("paragraph", "following", "role"), [
    ("Election results", PROSE, "heading"),
    ("Die Ergebnisse der Wahl", "Der Rat hat am Dienstag beschlossen, die Hafenmauer wieder aufzubauen, die im "
                                "Winter an zwei Stellen gebrochen ist.", "heading"),
    ("## Results", None, "heading"),
    ("* first item", PROSE, "list_item"),
    ("12) twelfth item", None, "list_item"),
    ("> a quoted line", None, "quote"),
    ("Name | Votes | Share", None, "table_row"),
    ("Election results", None, "paragraph"),            # nothing follows: no heading
    ("Election results", "Short.", "paragraph"),        # what follows is no prose
    ("The vote was close.", PROSE, "paragraph"),        # a sentence, not a heading
    ("election results", PROSE, "paragraph"),           # no capital
])
def test_role_of(paragraph: str, following: str | None, role: str) -> None:
    assert role_of(paragraph, following) == role


def test_roles_are_spans_of_the_clean_text_and_markdown_marks_them() -> None:
    raw = f"Election results\n\n{PROSE}\n\n* Ann Lee: 1,204 votes\n\n* Bo Chan: 998 votes\n\n> We won.\n".encode()
    record = clean_bytes(raw, "x.txt")
    assert schema_problems(record) == []
    spans = record["roles"]
    assert [(s["role"], record["text"][s["start"]:s["end"]]) for s in spans] == [
        ("heading", "Election results"), ("list_item", "* Ann Lee: 1,204 votes"),
        ("list_item", "* Bo Chan: 998 votes"), ("quote", "> We won.")]
    assert markdown(record["text"], spans).startswith("## Election results\n\n" + PROSE)


def test_export_writes_markdown_on_request(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(f"Election results\n\n{PROSE}\n")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(raw), "--out", str(tmp_path / "clean"), "-q"]).exit_code == 0
    runner.invoke(cli, ["export", str(tmp_path / "clean"), "--out", str(tmp_path / "m.jsonl"), "--text-format",
                        "markdown"])
    assert json.loads((tmp_path / "m.jsonl").read_text())["text"].startswith("## Election results\n\n")
    runner.invoke(cli, ["export", str(tmp_path / "clean"), "--out", str(tmp_path / "p.jsonl")])
    assert json.loads((tmp_path / "p.jsonl").read_text())["text"].startswith("Election results\n\n")


def test_a_body_without_structure_has_no_roles(root: Path) -> None:
    assert roles([PROSE, PROSE]) == []
    for path in sorted((root / "clean").glob("*.json")):
        assert json.loads(path.read_text()).get("roles", []) == []  # the seeds are running text
