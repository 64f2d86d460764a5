from archiver.readers.html import looks_like_html, read_html

PARAGRAPH = ("The council voted on Tuesday to extend the programme for another year, after a long debate "
             "about its cost and about the families who depend on it in the poorer districts of the city. ")


def page(head: str) -> bytes:
    body = "".join(f"<p>{PARAGRAPH}{i}</p>" for i in range(6))
    return (f"<!DOCTYPE html><html><head><title>Council extends programme</title>{head}</head>"
            f"<body><article>{body}</article></body></html>").encode()


def test_a_date_after_today_is_read_the_same_on_every_day() -> None:
    # htmldate's default bound is "today": this page would get no date now and a date in 2030.
    html = page('<meta property="article:published_time" content="2030-01-02T10:00:00Z">')
    assert read_html(html).metadata["date"] == "2030-01-02"


def test_metadata_and_text() -> None:
    html = page('<meta name="author" content="Jane Doe"><link rel="canonical" href="https://example.org/a">')
    result = read_html(html)
    assert PARAGRAPH.strip() in result.text
    assert result.metadata["title"] == "Council extends programme"
    assert result.metadata["authors"] == ["Jane Doe"] and result.metadata["url"] == "https://example.org/a"


def test_sniffing() -> None:
    assert looks_like_html(b"  <!doctype html><p>x", "page.bin") and looks_like_html(b"x", "a.htm.gz")
    assert not looks_like_html(b"Plain text <html> later", "a.txt")
