"""The tree walk that scores blocks at ingest: splits, leaves, and explanations that add up."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archiver.core.trees import TreeEnsemble

# Two stumps and one two-level tree, as flat node lists (feature -1: a leaf):
#   tree 0: x0 <= 1.5 ? -1.0 : 2.0                (root value 0.5)
#   tree 1: x1 <= 0.0 ? (x0 <= 3.0 ? 0.25 : -0.75) : 1.0   (root 0.1, inner node -0.2)
TWO_TREES = {
    "feature": [0, -1, -1, 1, 0, -1, -1, -1],
    "threshold": [1.5, 0, 0, 0.0, 3.0, 0, 0, 0],
    "left": [1, -1, -1, 4, 5, -1, -1, -1],
    "right": [2, -1, -1, 7, 6, -1, -1, -1],
    "value": [0.5, -1.0, 2.0, 0.1, -0.2, 0.25, -0.75, 1.0],
    "roots": [0, 3],
    "base": 0.25,
}


@pytest.mark.parametrize(("row", "margin"), [
    ([0.0, 0.0], 0.25 - 1.0 + 0.25),
    ([1.5, 0.0], 0.25 - 1.0 + 0.25),  # equal to the threshold goes left, as in LightGBM
    ([2.0, 0.0], 0.25 + 2.0 + 0.25),
    ([4.0, -1.0], 0.25 + 2.0 - 0.75),
    ([4.0, 0.5], 0.25 + 2.0 + 1.0),
])
def test_each_row_lands_in_its_leaves(row: list[float], margin: float) -> None:
    ensemble = TreeEnsemble.from_json(TWO_TREES)
    assert ensemble.margin(row) == pytest.approx(margin)
    assert ensemble.probability(row) == pytest.approx(1.0 / (1.0 + math.exp(-margin)))


def test_probability_saturates_instead_of_overflowing() -> None:
    huge = dict(TWO_TREES, base=1e6)
    assert TreeEnsemble.from_json(huge).probability([0.0, 0.0]) == 1.0
    assert TreeEnsemble.from_json(dict(TWO_TREES, base=-1e6)).probability([0.0, 0.0]) == 0.0


def test_an_explanation_names_the_split_that_pushed() -> None:
    ensemble = TreeEnsemble.from_json(TWO_TREES)
    pushes = ensemble.contributions([4.0, -1.0])
    # tree 0: root 0.5 -> right leaf 2.0 (x0 high: +1.5); tree 1: root 0.1 -> -0.2 (x1 low: -0.3),
    # then -0.2 -> -0.75 (x0 high: -0.55)
    assert pushes[1] == (pytest.approx(-0.3), False)
    assert pushes[0][0] == pytest.approx(1.5 - 0.55) and pushes[0][1] is True


@given(st.lists(st.floats(min_value=-10, max_value=10), min_size=2, max_size=2))
def test_pushes_add_up_to_the_margin(row: list[float]) -> None:
    """Saabas' decomposition is exact: roots' values plus every push give the margin."""
    ensemble = TreeEnsemble.from_json(TWO_TREES)
    total = ensemble.expected() + sum(push for push, _ in ensemble.contributions(row).values())
    assert total == pytest.approx(ensemble.margin(row))


@pytest.mark.parametrize(("change", "problem"), [
    ({"left": [9, -1, -1, 4, 5, -1, -1, -1]}, "outside"),
    ({"left": [1, 2, -1, 4, 5, -1, -1, -1]}, "leaf with children"),
    ({"roots": [0, 8]}, "roots"),
])
def test_node_lists_that_are_not_whole_trees_are_refused(change: dict, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        TreeEnsemble.from_json(dict(TWO_TREES, **change))


def test_split_features() -> None:
    assert TreeEnsemble.from_json(TWO_TREES).split_features() == {0, 1}
