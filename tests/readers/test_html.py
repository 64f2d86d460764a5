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


def test_a_fragment_without_a_body_is_read_as_a_page_and_the_record_says_how() -> None:
    """Issue 25: trafilatura finds nothing in markup with no <body> (a saved part of a page, a corpus's own
    wrapper element), though it has text; read again as the body of a page, and record which extraction."""
    from archiver.document import clean_bytes

    paragraphs = "".join(f"<p>Paragraph {i} of the forum thread: the members discussed the race results and the "
                         f"team's chances in the next stage of the tour at some length.</p>" for i in range(6))
    fragment = f'<text id="thread-1" title="The tour">\n<div class="pagebody">{paragraphs}</div>\n</text>'.encode()
    record = clean_bytes(fragment, "thread.html")
    assert record["source"]["extractor"] == "trafilatura, fragment as body"
    assert "Paragraph 5 of the forum thread" in record["text"]
    page = f"<html><head><title>The tour</title></head><body><article>{paragraphs}</article></body></html>"
    whole = clean_bytes(page.encode(), "page.html")
    assert whole["source"]["extractor"] == "trafilatura"
    assert whole["metadata"]["title"] == "The tour" and whole["metadata_sources"]["title"] == "html"


def test_metadata_sources_say_where_each_field_came_from() -> None:
    from archiver.document import clean_bytes

    text = ("Harbour wall to be rebuilt\n\nBy Ann Lee\n\nThe council voted on Tuesday to rebuild the harbour "
            "wall, which the winter storms broke in two places. Work starts in May.\n")
    record = clean_bytes(text.encode(), "a.txt")
    assert record["metadata"]["title"] == "Harbour wall to be rebuilt"
    assert record["metadata_sources"] == {name: "text" for name, value in record["metadata"].items() if value}
    assert "extractor" not in record["source"]


def test_a_fallback_reading_is_taken_only_when_it_holds_what_the_first_found() -> None:
    """A recall-first reading of a short article holds its words; a comment form's text, however long, is
    another part of the page and does not replace the article."""
    from archiver.readers.html import _more

    article = "Sandy forces hospital evacuation. Plus, Ray at the blog makes his hosting debut."
    fuller = article + " " + "Another paragraph of the same post follows here with its own words. " * 3
    form = "Your email address will not be published. Required fields are marked. Name Email Website " * 3
    assert _more(fuller, article)
    assert not _more(form, article)
    assert not _more(article, article)  # no more words: no reason to switch
    assert _more(fuller, "")  # the first reading found nothing: anything with words is fuller


def test_a_short_post_found_whole_does_not_take_the_baseline_with_its_comments() -> None:
    """trafilatura's baseline takes every paragraph-like element, a thread's comments too: it is asked only
    where the readings found next to nothing, not for a short post they found whole."""
    import trafilatura

    post = ("Most of the pieces in my tag sale have sold already, but several items remain: rare candlesticks, "
            "lamps and two lithographs in gold frames. Check them out before Friday.")
    comments = "".join(f'<div class="comment"><p>Comment {n}: what a lovely sale, I bought the lamp and the '
                       f'candlesticks for my mother and she loves them.</p></div>' for n in range(8))
    html = (f"<html><head><title>Tag sale</title></head><body><div class='post'><p>{post}</p></div>"
            f"<div id='comments'>{comments}</div></body></html>").encode()
    page = read_html(html)
    assert page.extractor == "trafilatura" and "Comment 3" not in page.text
    assert "Comment 3" in trafilatura.baseline(html.decode())[1]  # what the baseline would have brought


def test_utf8_bytes_under_a_latin1_declaration_are_read_as_utf8() -> None:
    """A page saved as UTF-8 with a leftover ``charset=ISO-8859-1``: read as declared it said "doesnât"."""
    from archiver.readers.html import decode_html

    misdeclared = '<meta charset="ISO-8859-1"><p>It doesn’t matter, said the café’s owner.</p>'.encode()
    text, encoding = decode_html(misdeclared)
    assert encoding == "utf-8" and "doesn’t" in text and "café’s" in text


def test_a_latin1_label_is_read_as_browsers_read_it() -> None:
    from archiver.readers.html import decode_html

    # windows-1252's 0x93/0x94 are quotes; Latin-1 would make them control characters
    text, encoding = decode_html(b'<meta charset="iso-8859-1"><p>\x93Caf\xe9\x94</p>')
    assert (text, encoding) == ('<meta charset="iso-8859-1"><p>“Café”</p>', "cp1252")
    # bytes windows-1252 leaves undefined still decode, as Latin-1, never an error
    assert decode_html(b'<meta charset="iso-8859-1"><p>\x81\xe9</p>')[1] == "latin-1"
    # a UTF-16 declaration readable as ASCII is not UTF-16
    assert decode_html(b'<meta charset="utf-16"><p>plain</p>')[0].endswith("<p>plain</p>")
    # a byte-order mark decides
    assert decode_html("<p>Grüße</p>".encode("utf-16")) == ("<p>Grüße</p>", "utf-16")


def test_words_the_markup_writes_as_one_stay_one_on_html() -> None:
    """On trafilatura's text the spaces are the markup's own: `glued` split "CryptoParty", "ProfNet",
    "SceneManager" on the training pages, none of them glued. The text path still repairs them."""
    from archiver.document import clean_bytes

    body = ("<p>If you are not sure where to start, CryptoParty offers a primer and holds events. "
            f"Every party is free, and the eLearning course is open to all. {PARAGRAPH}</p>") * 3
    html = f"<html><head><title>Security</title></head><body><article>{body}</article></body></html>"
    record = clean_bytes(html.encode(), "page.html")
    assert "CryptoParty" in record["text"] and "eLearning" in record["text"]
    assert not any(r["stage"].startswith(("glued", "lost_hyphen")) for r in record["repairs"])
    assert not any(stage.startswith(("glued", "lost_hyphen")) for stage in record["pipeline"]["stages"])
