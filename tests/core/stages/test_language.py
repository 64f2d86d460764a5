"""Language tags and foreign tails, with fixtures in several languages."""

import pytest

from archiver.core.stages.foreign_tail import is_hashtag_line
from archiver.core.text.langid import identify
from tests.core.stages.conftest import clean, kept

SAMPLES = {
    "en": "The government said on Tuesday that it would raise taxes on fuel to pay for the new schools.",
    "de": "Die Regierung kündigte am Dienstag an, die Steuern auf Kraftstoff zu erhöhen, um neue Schulen zu bauen.",
    "pt": "O governo anunciou na terça-feira que vai aumentar os impostos sobre combustíveis para pagar as escolas.",
    "ru": "Правительство во вторник объявило, что повысит налоги на топливо, чтобы оплатить новые школы.",
    "fa": "دولت روز سه‌شنبه اعلام کرد که مالیات بر سوخت را برای ساخت مدارس جدید افزایش می‌دهد.",
    "ar": "قالت الحكومة يوم الثلاثاء إنها سترفع الضرائب على الوقود لدفع تكاليف المدارس الجديدة.",
    "ko": "정부는 화요일 새 학교 건설 비용을 마련하기 위해 연료세를 인상하겠다고 밝혔다.",
    "ja": "政府は火曜日、新しい学校の費用を賄うために燃料税を引き上げると発表した。",
}


@pytest.mark.parametrize(("language", "text"), SAMPLES.items())
def test_identify(language: str, text: str) -> None:
    assert identify(text).language == language


def test_short_interface_lines_are_undetermined() -> None:
    for line in ["Show More", "Advertisement", "Read more", "#IranRegimeChange"]:
        assert identify(line).language == "und"


@pytest.mark.parametrize(("language", "text"), SAMPLES.items())
def test_a_document_in_any_language_keeps_its_body(language: str, text: str) -> None:
    body = "\n\n".join([text] * 4)
    blocks, ctx = clean(body)
    assert kept(blocks) == [text] * 4
    assert ctx.language == language


def test_foreign_tail_goes_foreign_quote_inside_stays() -> None:
    en, de, fa = SAMPLES["en"], SAMPLES["de"], SAMPLES["fa"]
    blocks, ctx = clean(f"{en}\n\n{de}\n\n{en}\n\n{en}\n\n{fa}\n#IranRegimeChange #Tehran\n")
    assert kept(blocks) == [en, de, en, en]
    removed = {b.text: (b.dropped_by[1], b.lang.language) for b in blocks if b.dropped_by}
    assert removed[fa] == ("foreign_language", "fa")
    assert removed["#IranRegimeChange #Tehran"][0] == "hashtags"
    assert ctx.language == "en"


def test_a_short_undecided_line_between_tail_lines_goes_with_them_but_never_alone() -> None:
    en, de = SAMPLES["en"], SAMPLES["de"]
    short = "in § 630f BGB – elektronische Arztakte"
    blocks, _ = clean(f"{en}\n\n{en}\n\n#PacificGas #SierraNevada\n{short}\n{de}\n")
    assert kept(blocks) == [en, en]
    blocks, _ = clean(f"{en}\n\n{en}\n\n{short}\n")
    assert not_a_tail(blocks, short)  # nothing foreign below it: no tail to belong to
    blocks, _ = clean(f"{en}\n\n{en}\n\niPhone 11 Pro Max\n#Apple #iPhone\n")
    assert not_a_tail(blocks, "iPhone 11 Pro Max")  # only a line between two tail lines joins them


def not_a_tail(blocks: list, text: str) -> bool:
    """The foreign-tail stage left the line alone (the boilerplate model may still judge a short last line)."""
    (block,) = [b for b in blocks if b.text == text]
    return block.dropped_by is None or not block.dropped_by[0].startswith("foreign_tail")


def test_hashtag_lines() -> None:
    assert is_hashtag_line("#Prince #Netflix #Jeffrey")
    assert is_hashtag_line("سرنگونی # اتحادوهمبستگی مرگ_بر_دیکتاتور #IranRegimeChange") is False
    assert not is_hashtag_line("We love #Python and use it every day at work.")


def test_a_short_list_line_between_english_paragraphs_is_english_without_a_model_call() -> None:
    from archiver.core.pipeline import run_stages
    from archiver.core.stages import default_stages
    from archiver.core.stages.language import LanguageStage

    items = "Path C: Scotland, Norway, Serbia, Bulgaria/Israel/Hungary/Romania"
    assert identify(items).language != "en"  # what the model alone says about such a line
    text = f"{SAMPLES['en']}\n\n{items}\n\n{SAMPLES['en']}\n"
    stages = default_stages()
    upto = next(i for i, s in enumerate(stages) if isinstance(s, LanguageStage)) + 1
    blocks, _ = run_stages(text, stages[:upto])
    tags = {b.text: b.lang.language for b in blocks if b.kept}
    assert tags[items] == "en"
    # At the end, with nothing after it, the same line is left to the model (a tail must be judged).
    blocks, _ = run_stages(
        f"{SAMPLES['en']}\n\n{SAMPLES['en']}\n\n{items}\n", stages[:upto])
    assert {b.text: b.lang.language for b in blocks if b.kept}[items] == identify(items).language
