"""The pipeline's settings: which stages are off, and the few options a stage declares.

One immutable, hashable object (a worker caches the stages it built per settings) that the stage registry
(``archiver.core.stages.stages_for``) reads and a record's ``pipeline.settings`` cites. Reading it from a
TOML file, with one clear error per mistake, is ``archiver/config.py``'s job, outside the core.
"""

from __future__ import annotations

from typing import Any, Final

from archiver.core.value import Value

# stage -> option -> (type, lowest, highest, what it does). Only what a user can sensibly change.
OPTIONS: dict[str, dict[str, tuple[type, float, float, str]]] = {
    "boilerplate": {
        "threshold": (float, 0.0, 1.0, "drop a block whose probability of being content is below this "
                                       "(default: the model's, chosen recall first)"),
        "min_blocks": (int, 1, 100_000, "leave documents of fewer blocks to the rule stages (default 8)"),
    },
}
# The stage that makes the blocks every other stage reads: it cannot be off.
ALWAYS_ON = frozenset({"lines"})


class PipelineConfig(Value):
    """Hashable (a worker caches the stages it built per settings) and picklable (a pool's workers get it);
    the default is no change at all. A ``Value``, not a frozen dataclass: compiled, a frozen dataclass cannot
    be rebuilt by pickle."""

    __slots__ = ("off", "options")

    def __init__(self, off: tuple[str, ...] = (),
                 options: tuple[tuple[str, tuple[tuple[str, float | int], ...]], ...] = ()) -> None:
        self.off: Final = off
        self.options: Final = options

    def _key(self) -> tuple[object, ...]:
        return (self.off, self.options)

    def is_default(self) -> bool:
        return not self.off and not self.options

    def options_of(self, stage: str) -> dict[str, float | int]:
        return dict(next((values for name, values in self.options if name == stage), ()))

    def to_record(self) -> dict[str, Any]:
        """What a record's ``pipeline.settings`` holds."""
        return {"off": list(self.off), "stages": {name: dict(values) for name, values in self.options}}
