import codecs

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from archiver.errors import InputError
from archiver.readers.text import _CONTROL, control_count, decode_text


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("café\n".encode(), "café\n", "utf-8"),
        (codecs.BOM_UTF8 + "café".encode(), "café", "utf-8-sig"),
        (codecs.BOM_UTF16_LE + "café".encode("utf-16-le"), "café", "utf-16-le"),
        (codecs.BOM_UTF16_BE + "café".encode("utf-16-be"), "café", "utf-16-be"),
        (codecs.BOM_UTF32_LE + "café".encode("utf-32-le"), "café", "utf-32-le"),
        (codecs.BOM_UTF32_BE + "café".encode("utf-32-be"), "café", "utf-32-be"),
        ("“smart” café".encode("cp1252"), "“smart” café", "cp1252"),
        # 0x81 is undefined in cp1252, so latin-1 takes over
        (b"caf\xe9 \x81" + b" word" * 30, "caf\xe9 \x81" + " word" * 30, "latin-1"),
        (b"a\r\nb\rc\n", "a\nb\nc\n", "utf-8"),
    ],
)
def test_decodes(data: bytes, text: str, encoding: str) -> None:
    decoded = decode_text(data)
    assert (decoded.text, decoded.encoding) == (text, encoding)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file"),
        ("text in UTF-16 without a byte order mark".encode("utf-16-le"), "binary file"),
        (b"\x00" * 40 + b"abc", "binary file"),
        (bytes(range(1, 32)) * 20 + b"abc", "undecodable bytes"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfd bad", "undecodable bytes"),
    ],
)
def test_refuses_with_one_line(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as info:
        decode_text(data)
    message = str(info.value)
    assert message.startswith(reason)
    assert "\n" not in message


def test_a_few_nul_bytes_are_text() -> None:
    """Issue 24: a scraper copied a page's stray NULs into its text; the file is text (the whitespace stage
    removes them, on the record)."""
    assert decode_text(b"text with a NUL \x00 byte").text == "text with a NUL \x00 byte"


def test_a_few_control_characters_are_text() -> None:
    assert decode_text(b"a\x07b" + b" word" * 50).text.startswith("a\x07b")


_CONTROLISH = st.sampled_from(["\x00", "\x08", "\t", "\n", "\x0b", "\x0c", "\r", "\x0e", "\x1f", "\x7f", "\x80",
                               "\x9f", "\xa0", "Â", "é", "’", "\ud800", "a"])


@given(st.one_of(st.text(), st.lists(_CONTROLISH, max_size=30).map("".join)))
@example("a\x07b\u0085c\xa0\ud800")
def test_control_count_is_the_regex_count(text: str) -> None:
    assert control_count(text) == len(_CONTROL.findall(text))
