import pytest

from archiver.core.stages.widgets import WidgetsStage
from archiver.document import clean_bytes
from tests.core.stages.conftest import dropped, kept, run_one


def test_widget_lines_go_whatever_the_language() -> None:
    text = "Share this\n858shares\nShow more comments (20)\nPublicidade\nAdvertisement\nКомментарии\n"
    assert kept(run_one(WidgetsStage(), text)) == []


def test_an_email_share_form_goes(para: str) -> None:
    form = ["From", "To", "Message", "SEND", "This article has been sent to", "Enviar", "Nachricht"]
    assert kept(run_one(WidgetsStage(), "\n".join([para, *form, para]))) == [para, para]


def test_a_newsletter_promise_with_two_prompt_phrases_goes_one_mention_stays(para: str) -> None:
    promise = "No spam, we promise. You can unsubscribe at any time and we'll never share your details."
    mention = "Readers can unsubscribe at any time, the company said in a statement on its website on Monday."
    blocks = run_one(WidgetsStage(), f"{para}\n\n{promise}\n\n{mention}\n\n{para}")
    assert dropped(blocks) == {promise: "newsletter"}


def test_prompts_in_short_lines_go() -> None:
    blocks = run_one(WidgetsStage(), "Sign up for the newsletter Future Perfect\n"
                                     "You've read 3 of 5 free articles. Subscribe now\n")
    assert dropped(blocks) == {"Sign up for the newsletter Future Perfect": "newsletter",
                               "You've read 3 of 5 free articles. Subscribe now": "paywall"}


def test_site_notices_about_data_forms_and_browsers_go_in_several_languages() -> None:
    notices = {
        "By submitting this form you agree to the site using your data for publishing your comment.": "privacy",
        "Ihre personenbezogenen Daten: Hinweise finden Sie in unserer Datenschutzerklärung": "privacy",
        "Política de Privacidade": "privacy",
        "An error has occurred, please try again later.": "privacy",
        "Save my name, email, and website in this browser for the next time I comment.": "widget",
    }
    assert dropped(run_one(WidgetsStage(), "\n".join(notices))) == notices


def test_section_links_and_breadcrumbs_go_by_their_glyphs() -> None:
    lines = {"» Coluna de Adauto Silva": "nav", "Colunistas »": "nav", "Home » Dare to Play »": "breadcrumb",
             "BLOG > Nutrition > Meal Plans": "breadcrumb", "Home › Sport": "breadcrumb"}
    assert dropped(run_one(WidgetsStage(), "\n".join(lines))) == lines
    text = ["29 November 2018 | 20 January 2019", "If b > a, the loop ends.", "Sales > costs in May",
            "He wrote «the end» and left » then came back."]
    assert kept(run_one(WidgetsStage(), "\n".join(text))) == text


def test_body_sentences_that_mention_the_words_stay(para: str) -> None:
    lines = [
        "The company said it would subscribe to the new standard before the end of the year.",
        "Critics said the privacy policy of the app was written to confuse its users.",
        "The regulator found that the company had shared personal data with advertisers for years.",
        "The latest indication of trouble came on Monday, when the share price fell.",
        "Share prices fell sharply after the announcement, analysts said.",
        para,
    ]
    assert kept(run_one(WidgetsStage(), "\n".join(lines))) == lines


def test_a_publishers_closing_sentence_stays_only_under_the_last_paragraph(para: str) -> None:
    follow = "Follow NBC Latino on Facebook, Twitter and Instagram."
    assert dropped(run_one(WidgetsStage(), f"{para}\n\n{follow}\n\nShare\n")) == {"Share": "widget"}
    assert dropped(run_one(WidgetsStage(), f"{para}\n\n{follow}\n\n{para}\n")) == {follow: "widget.prefix"}
    assert dropped(run_one(WidgetsStage(), f"{para}\n\nFollow us on X\n")) == {"Follow us on X": "widget.prefix"}


def test_a_closing_sentence_under_an_embedded_post_under_the_last_paragraph_stays(para: str) -> None:
    post = "The bundle is out now https://t.co/abc by @someone pic.twitter.com/xyz"
    sign = "— Example News (@examplenews) November 4, 2019"
    note = "FTC: We use income earning auto affiliate links. More."
    assert dropped(run_one(WidgetsStage(), f"{para}\n\n{post}\n\n{sign}\n\n{note}\n")) == {}
    assert dropped(run_one(WidgetsStage(), f"{post}\n\n{sign}\n\n{note}\n")) == {note: "affiliate"}


def test_a_run_of_counted_labels_is_a_category_list(para: str) -> None:
    categories = ["Akhir Zaman (15)", "Akhlaq (47)", "Aliran Islam (160)", "Dakwah (60)", "Dunia Islam (195)"]
    blocks = run_one(WidgetsStage(), "\n".join([para, *categories, para]))
    assert dropped(blocks) == dict.fromkeys(categories, "counted_list")


def test_a_short_list_with_numbers_in_brackets_stays(para: str) -> None:
    # Four candidates and their ages: an article's list, shorter than any category list.
    lines = [para, "Joe Biden (77)", "Bernie Sanders (78)", "Elizabeth Warren (70)", "Pete Buttigieg (37)", para]
    assert dropped(run_one(WidgetsStage(), "\n".join(lines))) == {}
    # Counted labels that are not consecutive are not a run either.
    scattered = [para, "Akhlaq (47)", para, "Dakwah (60)", para, "Khawarij (50)", para, "Wahabi (185)", para,
                 "Jihad (24)", para]
    assert dropped(run_one(WidgetsStage(), "\n".join(scattered))) == {}


def test_more_interface_lines_and_a_moderation_notice_in_portuguese(para: str) -> None:
    notice = ("ATENÇÃO: Comentários com textos ininteligíveis ou que faltem com respeito ao usuário não serão "
              "aprovados pelo moderador.")
    gallery = ["Image 1 of / 1", "Caption", "Back to Gallery"]
    lines = [para, "LEARN MORE", "Read Later", "Saiba mais", notice, *gallery, para]
    assert set(dropped(run_one(WidgetsStage(), "\n".join(lines)))) == {"LEARN MORE", "Read Later", "Saiba mais",
                                                                       notice, *gallery}
    # A sentence about a debate's moderator holds one such word, not two: it stays.
    debate = "The moderator of the debate asked both candidates about the budget and the new bridge."
    assert dropped(run_one(WidgetsStage(), "\n".join([para, debate, para]))) == {}


def test_two_prompt_sentences_in_a_row_are_a_form_one_alone_stays(para: str) -> None:
    form = ["I agree that the site can send me the daily newsletter.",
            "Please check the opt-in box to acknowledge that you would like to subscribe."]
    blocks = run_one(WidgetsStage(), "\n\n".join([para, *form, para]))
    assert dropped(blocks) == {line: "prompt_run" for line in form}
    apart = run_one(WidgetsStage(), "\n\n".join([para, form[0], para, form[1], para]))
    assert dropped(apart) == {}


def test_icon_names_and_template_fields_leaked_into_the_text_go(para: str) -> None:
    leaks = ["chevron_left Browse All Posts", "facebook_url", "dp3_1_en", "insert_chart Data Solutions"]
    assert kept(run_one(WidgetsStage(), "\n".join([para, *leaks, para]))) == [para, para]
    code = ["the_variable is then passed to the function that checks it", "Set max_items to ten."]
    assert kept(run_one(WidgetsStage(), "\n".join(code))) == code


@pytest.mark.parametrize("raw", [":[EMAILPROTECTED]", "Contact: [email protected]", "([email protected])"])
def test_a_line_holding_an_email_marker_survives_a_second_cleaning(raw: str) -> None:
    """The first pass judged the placeholder, the second the marker that replaced it (fuzz finding)."""
    once = clean_bytes(raw.encode(), "x.txt")["text"]
    assert "[email]" in once
    assert clean_bytes(once.encode(), "x.txt")["text"] == once


def test_a_line_about_cookies_to_eat_stays_a_cookie_notice_goes() -> None:
    """The word alone is no consent banner: on the training pages' HTML the cookie rule took recipe titles
    and a line about a cookie sheet (half of what it removed was article text)."""
    lines = {"Recipe: Chocolate Cookies with Toppings": None,
             "These funny frankenstein cookies are ridiculously cute": None,
             "This website uses cookies to improve your experience": "cookie",
             "Wir verwenden Cookies, um unsere Website zu verbessern": "cookie",
             "Cookie settings": "cookie"}
    assert dropped(run_one(WidgetsStage(), "\n".join(lines))) == {k: v for k, v in lines.items() if v}


def test_a_site_s_navigation_goes_in_other_languages_too(para: str) -> None:
    """Whole lines a site's menus and footers are made of, in the languages the cleaner reads: on a German
    whole page "Startseite", "Impressum" and "Zum Inhalt springen" are furniture as "Home" is."""
    nav = ["Startseite", "Zum Inhalt springen", "Impressum", "Datenschutz", "Menü schließen", "Mentions légales",
           "Aviso legal", "Torna su", "Voltar ao topo", "Naar boven", "Terms of use"]
    assert kept(run_one(WidgetsStage(), "\n".join([para, *nav, para]))) == [para, para]
