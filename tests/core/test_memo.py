"""The per-line memos: bounded, oldest first out, emptied on request, and never a different answer."""

from archiver.core.memo import LINE_CACHE_SIZE, forget_lines, line_memo, remember
from archiver.core.text.lexicon import _NORM_MEMO, _SIGNOFF_MEMO, _TRAILER_MEMO, _norm, lexicon, norm
from archiver.core.text.textfeatures import _FEATURES_MEMO, _features, features


def test_a_full_memo_loses_its_oldest_quarter_and_keeps_the_rest() -> None:
    memo = line_memo()
    for i in range(LINE_CACHE_SIZE):
        assert remember(memo, f"line {i}", i) == i
    assert len(memo) == LINE_CACHE_SIZE
    remember(memo, "one more", -1)
    assert len(memo) == LINE_CACHE_SIZE - LINE_CACHE_SIZE // 4 + 1
    assert "line 0" not in memo and f"line {LINE_CACHE_SIZE // 4 - 1}" not in memo
    assert memo[f"line {LINE_CACHE_SIZE // 4}"] == LINE_CACHE_SIZE // 4 and memo["one more"] == -1


def test_memos_stay_bounded_over_many_new_lines() -> None:
    for i in range(3 * LINE_CACHE_SIZE):
        line = f"Line {i} of a long corpus, never seen before."
        assert features(line) == _features(line) and norm(line) == _norm(line)
    assert len(_FEATURES_MEMO) <= LINE_CACHE_SIZE


def test_forget_lines_empties_every_memo_and_answers_stay_the_same() -> None:
    line = "The minister said on Tuesday that talks would resume."
    first = features(line)
    assert features(line) is first  # remembered: the same object
    forget_lines()
    assert not _FEATURES_MEMO and not _NORM_MEMO
    assert features(line) == first and features(line) is not first


def test_remembered_sign_offs_and_trailer_categories_are_the_patterns_answers() -> None:
    lex = lexicon()
    lines = ["(Reporting by Jane Doe; Editing by John Roe)", "Copyright 2019 The Paper. All rights reserved.",
             "The minister said on Tuesday that talks would resume.", "Write to Jane Doe at jane@example.com"]
    for _ in range(2):  # worked out, then remembered
        for line in lines:
            assert lex.is_signoff(line) == bool(lex.signoffs.match(line))
            assert lex.trailer_category(line) == lex._trailer_category(line)
    assert lex.is_signoff(lines[0]) and lex.trailer_category(lines[1]) == "copyright"
    assert lex.trailer_category(lines[2]) is None and _TRAILER_MEMO[lines[2]] == ""
    assert lines[0] in _SIGNOFF_MEMO
