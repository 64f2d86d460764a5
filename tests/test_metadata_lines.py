"""``metadata_lines``: the raw line each text-derived metadata field was read from."""

from archiver.core.model import Block
from archiver.document import clean_bytes
from archiver.metadata_lines import metadata_lines

PAGE = ("Home\nNews\nSport\nWeather\nSign in\n\nHarbour wall to be rebuilt after winter storms\n\n"
        "By Ann Lee\nMarch 3, 2024\n\n"
        + "The city council voted on Tuesday to rebuild the old harbour wall, which storms breached twice last "
          "winter, flooding the lower town and closing the ferry terminal for most of a week.\n\n" * 4)


def test_each_text_field_points_at_the_raw_line_it_was_read_from() -> None:
    record = clean_bytes(PAGE.encode(), "page.txt")
    lines = record["metadata_lines"]
    md = record["metadata"]
    assert (md["title"], md["authors"], md["date"]) == (
        "Harbour wall to be rebuilt after winter storms", ["Ann Lee"], "2024-03-03")
    raw = PAGE
    assert raw[lines["title"]["raw_start"]:lines["title"]["raw_end"]] == md["title"]
    assert "Ann Lee" in raw[lines["authors"]["raw_start"]:lines["authors"]["raw_end"]]
    assert "March 3, 2024" in raw[lines["date"]["raw_start"]:lines["date"]["raw_end"]]
    assert set(lines) <= {name for name, where in record["metadata_sources"].items() if where == "text"}


def test_a_claimed_line_is_preferred_to_another_that_holds_the_same_words() -> None:
    """The title's words may recur in the body; the line a stage took it from is the one named."""
    blocks = [Block(0, 10, "Harbour wall"), Block(11, 40, "Harbour wall", dropped_by=("metadata.v3", "metadata.title"))]
    found = metadata_lines(blocks, {"title": "Harbour wall"}, {"title": "text"})
    assert found == {"title": {"raw_start": 11, "raw_end": 40}}


def test_fields_from_the_markup_name_no_line() -> None:
    blocks = [Block(0, 12, "Harbour wall", dropped_by=("metadata.v3", "metadata.title"))]
    assert metadata_lines(blocks, {"title": "Harbour wall"}, {"title": "html"}) == {}
