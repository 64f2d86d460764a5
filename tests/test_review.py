"""The review page: escaping, and a real browser (Debian's Chromium driven by Playwright)."""

import shutil
from pathlib import Path

import pytest

import archiver
from archiver.review import build_review

HOSTILE = ("Headline With <b>Markup</b> Today\n\nBy Jane Doe\n\n"
           + "A body sentence that goes on and on, as body text does here. " * 6
           + "\n\n<script>window.__pwned = 1</script></textarea></pre><img src=x onerror=\"window.__pwned=2\">\n\n"
           + "Another paragraph of body text that is long enough to be read as prose by the stages. " * 3
           + "\n\nShare this\n\nAdvertisement\n")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def records(root: Path) -> list:
    return [*archiver.iter_records(root / "clean"), archiver.clean_text(HOSTILE, source_path="hostile.txt")]


def test_everything_from_documents_is_escaped(root: Path) -> None:
    page = build_review(records(root), root / "raw")
    assert "<script>window.__pwned" not in page and "&lt;script&gt;window.__pwned" in page
    assert "<img src=x" not in page and "</textarea></pre>" not in page
    assert page.count("<script>") == 1  # the page's own


def test_deterministic(root: Path) -> None:
    assert build_review(records(root), root / "raw") == build_review(records(root), root / "raw")


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (CI installs Debian's chromium)")
def test_in_a_real_browser(tmp_path: Path, root: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    page_file = tmp_path / "review.html"
    page_file.write_text(build_review(records(root), root / "raw"), encoding="utf-8")
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.goto(page_file.as_uri())
        rows = page.locator("#index tbody tr.doc")
        assert rows.count() == 6
        listed = set(rows.all_inner_texts())
        assert any("hostile.txt" in row for row in listed) and any("003_20ec6a3e19d9ba96.txt" in r for r in listed)
        page.locator("tr.doc", has_text="003_20ec6a3e19d9ba96.txt").click()
        view = page.locator(".view.open")
        assert view.count() == 1 and view.locator("del").count() > 5
        assert "WSJ’s Jay Solomon checks in" in view.locator("del").first.page.inner_text(".view.open pre")
        page.locator("th", has_text="chars removed").click()  # sorting does not break the table
        assert page.locator("#index tbody tr.doc").count() == 6
        page.locator("tr.doc", has_text="hostile.txt").click()
        assert "<script>window.__pwned = 1</script>" in page.inner_text(".view.open pre")
        assert page.evaluate("typeof window.__pwned") == "undefined"
        page.screenshot(path=str(tmp_path / "review.png"))
        browser.close()
    assert (tmp_path / "review.png").stat().st_size > 10_000


def test_a_stage_has_one_colour_on_every_page(root: Path) -> None:
    """Issue 23: colours were handed out in order of the stages a page happened to hold."""
    import re

    from archiver.core.stages import pipeline_ids
    from archiver.review import stage_colour

    all_records = records(root)
    colours = {stage_colour(stage) for stage in pipeline_ids()}
    assert len(colours) == len(pipeline_ids())  # every stage its own
    for subset in (all_records, all_records[:1], all_records[-1:]):
        page = build_review(subset)
        for stage in {r.stage for rec in subset for r in rec.removed}:
            pattern = rf'<span style="color:([^"]+)">■</span> {re.escape(stage)}<'
            assert set(re.findall(pattern, page)) == {stage_colour(stage)}


def test_html_pages_are_not_flagged_for_what_the_extractor_removed() -> None:
    article = "<p>" + "The council approved the harbour budget on Tuesday after a long debate. " * 8 + "</p>"
    html_record = archiver.clean_text(f"<html><body><article>{article}</article></body></html>",
                                      source_path="page.html")
    text_record = archiver.clean_text("The council approved the harbour budget on Tuesday after a long debate.\n",
                                      source_path="a.txt")
    assert not html_record.removed and not text_record.removed
    page = build_review([html_record, text_record])
    assert page.count('<tr class="doc flag"') == 1 and 'data-target="doc-0"' in page
    assert "trafilatura extracted this text" in page


def test_a_metadata_field_says_where_it_came_from() -> None:
    """Issue 26: a field read from the text names its raw line; one from the markup says so."""
    import archiver
    from archiver.review import build_review

    page = ("Home\nNews\nSport\nWeather\nSign in\n\nHarbour wall to be rebuilt after winter storms\n\n"
            "By Ann Lee\nMarch 3, 2024\n\n"
            + "The city council voted on Tuesday to rebuild the old harbour wall, which storms breached twice "
              "last winter, flooding the lower town and closing the ferry terminal for most of a week.\n\n" * 4)
    record = archiver.clean_text(page, source_path="page.txt")
    span = record.metadata_lines["authors"]
    html = build_review([record])
    assert f"from the text, raw {span['raw_start']}-{span['raw_end']}" in html
