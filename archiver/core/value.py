"""Small immutable values made per line or per block, cheap to construct in the compiled build.

A frozen dataclass's ``__init__`` is generated at import and stays interpreted even when the class is compiled
(it sets each field through ``object.__setattr__``): constructing one costs 1.6 µs against 0.06 µs for a
compiled class that assigns its fields itself, and the pipeline makes one per new line for each of several
helpers. Fields are ``Final`` (read-only once compiled, and to mypy); equality, hash, repr, copying and
pickling follow ``_key``, which lists the fields in the constructor's order.
"""

from __future__ import annotations


class Value:
    __slots__ = ()

    def _key(self) -> tuple[object, ...]:
        """The fields, in the constructor's order: what equality, hashing and repr compare and show."""
        raise NotImplementedError

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        """Made again from its fields (a compiled class has no default constructor for pickle or deepcopy to
        call): records read through the API can be pickled and sent to other processes."""
        return type(self), self._key()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Value) and type(other) is type(self) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return type(self).__name__ + repr(self._key())
