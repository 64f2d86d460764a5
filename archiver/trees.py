"""Gradient-boosted decision trees, evaluated in plain Python from flat lists (the compiled core holds them).

The boilerplate model is trained with LightGBM (``tools/train_boilerplate.py``), which is a training-time
tool only: its trees are written out as numbers (``archiver/data/boilerplate_model.v3.json``) and walked
here, so ingest needs no model runtime. Every tree is stored as parallel node lists; a node with feature
``-1`` is a leaf. A split sends a row left when ``row[feature] <= threshold`` (LightGBM's numerical split;
the cues are never missing, so its missing-value branch is never taken).

``contributions`` explains one score the way Saabas' method does: walking a row's path, each split moves
the expected score from the node's value to the child's, and that move is charged to the split's feature.
The pushes add up to the margin minus the ensemble's average, so the largest negative ones are the cues
that made a block look like furniture.
"""

from __future__ import annotations

import math
from typing import Final

_CLIP: Final = 30.0


class TreeEnsemble:
    """A sum of regression trees plus a base score; ``probability`` is the logistic of the sum."""

    def __init__(self, features: list[int], thresholds: list[float], lefts: list[int], rights: list[int],
                 values: list[float], roots: list[int], base: float) -> None:
        self.features = features
        self.thresholds = thresholds
        self.lefts = lefts
        self.rights = rights
        self.values = values
        self.roots = roots
        self.base = base
        # What each split's two branches move the expected score by, computed once (``contributions`` reads
        # them for every dropped block of a page); a leaf's are never read.
        self.left_pushes = [values[left] - value if feature >= 0 else 0.0
                            for feature, left, value in zip(features, lefts, values, strict=True)]
        self.right_pushes = [values[right] - value if feature >= 0 else 0.0
                             for feature, right, value in zip(features, rights, values, strict=True)]
        self.width = max(features, default=-1) + 1

    @classmethod
    def from_json(cls, data: dict) -> TreeEnsemble:
        return cls([int(v) for v in data["feature"]], [float(v) for v in data["threshold"]],
                   [int(v) for v in data["left"]], [int(v) for v in data["right"]],
                   [float(v) for v in data["value"]], [int(v) for v in data["roots"]], float(data["base"]))

    def margin(self, row: list[float]) -> float:
        features = self.features
        thresholds = self.thresholds
        lefts = self.lefts
        rights = self.rights
        total = self.base
        for root in self.roots:
            node = root
            feature = features[node]
            while feature >= 0:
                node = lefts[node] if row[feature] <= thresholds[node] else rights[node]
                feature = features[node]
            total += self.values[node]
        return total

    def probability(self, row: list[float]) -> float:
        total = self.margin(row)
        if total < -_CLIP:
            return 0.0
        if total > _CLIP:
            return 1.0
        return 1.0 / (1.0 + math.exp(-total))

    def contributions(self, row: list[float]) -> dict[int, tuple[float, bool]]:
        """Per feature: the summed push of its splits on this row's paths, and whether the row's value lay
        above the threshold of the split that pushed hardest (``high``) or at or below it."""
        features = self.features
        thresholds = self.thresholds
        pushes = [0.0] * self.width
        hardest = [0.0] * self.width
        high_at_hardest = [False] * self.width
        touched = [False] * self.width
        for root in self.roots:
            node = root
            feature = features[node]
            while feature >= 0:
                high = row[feature] > thresholds[node]
                if high:
                    push = self.right_pushes[node]
                    node = self.rights[node]
                else:
                    push = self.left_pushes[node]
                    node = self.lefts[node]
                pushes[feature] = pushes[feature] + push  # not +=: compiled, that is a generic add
                touched[feature] = True
                if abs(push) > abs(hardest[feature]):
                    hardest[feature] = push
                    high_at_hardest[feature] = high
                feature = features[node]
        return {feature: (pushes[feature], high_at_hardest[feature])
                for feature in range(self.width) if touched[feature]}
