from archiver.stages.head import HeadStage
from archiver.stages.region import RegionStage, best_run
from tests.stages.conftest import clean, kept, run_one


def test_best_run() -> None:
    assert best_run([-3, 5, -1, 4, -10, 2]) == (1, 4)


def test_head_above_byline_goes(para: str) -> None:
    text = f"Big Headline Here\n\nA dek that sums it up\n\nBy Jane Doe\nNov. 19, 2019 8:03 am ET\n\n{para}\n"
    assert kept(run_one(HeadStage(), text)) == [para]


def test_by_in_a_sentence_is_not_a_byline(para: str) -> None:
    text = f"By the time the police arrived, the crowd had already left the square.\n\n{para}\n"
    assert kept(run_one(HeadStage(), text)) == [text.split("\n")[0], para]


def test_menu_tail_goes_with_evidence(para: str) -> None:
    text = f"{para}\n\n{para}\n\nShare\nTwitter\nHome\nNews\nSport\nWeather\n"
    blocks, _ = clean(text)
    assert kept(blocks) == [para, para]


def test_clean_article_keeps_its_short_first_and_last_lines(para: str) -> None:
    text = f"Qualified teams\n\n{para}\n\n{para}\n\nEngland\nSpain\nWales\n"
    assert kept(run_one(RegionStage(), text)) == ["Qualified teams", para, para, "England", "Spain", "Wales"]


def test_signoffs_close_the_region_furniture_after_them_goes(para: str) -> None:
    text = (f"{para}\n\n{para}\n\n— The Nigerian Senate (@NGRSenate) October 9, 2018\n\n"
            "(Reporting by Will Dunham; Editing by Tom Brown)\n\nShare\nTwitter\nHome\nNews\nSport\n")
    blocks, _ = clean(text)
    assert kept(blocks) == [para, para, "— The Nigerian Senate (@NGRSenate) October 9, 2018",
                            "(Reporting by Will Dunham; Editing by Tom Brown)"]
