"""The record base every typed record is built on (``csadvisor.plain.Plain``)."""

from __future__ import annotations

import copy
import pickle

import pytest

from csadvisor.core.wages import Figure
from csadvisor.plain import Plain


class Point(Plain):
    x: int
    y: int
    label: str = ""


def test_a_record_is_built_by_position_or_keyword_with_trailing_defaults() -> None:
    assert Point(1, 2) == Point(1, 2, "") == Point(x=1, y=2) == Point(1, y=2, label="")
    assert Point(1, 2, "a").label == "a"
    assert (Point(1, 2).x, Point(1, 2).y) == (1, 2)


def test_a_record_is_a_frozen_tuple_without_a_dict() -> None:
    point = Point(1, 2)
    x, y, label = point
    assert (x, y, label) == (1, 2, "")
    assert hash(point) == hash(Point(1, 2))
    with pytest.raises(AttributeError):
        point.x = 5  # type: ignore[misc]
    assert not hasattr(point, "__dict__")


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((1,), {}, "y is missing"),
        ((1, 2, "a", 4), {}, "4 values for 3 fields"),
        ((1, 2), {"z": 3}, "no field z"),
        ((1, 2), {"x": 3}, "x given twice"),
    ],
)
def test_a_wrong_build_says_which_field(args: tuple, kwargs: dict, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        Point(*args, **kwargs)


def test_a_field_without_a_default_after_one_with_is_refused_at_declaration() -> None:
    with pytest.raises(TypeError, match="no default after"):

        class Bad(Plain):
            a: int = 0
            b: int


def test_replace_repr_copy_and_pickle_keep_the_values() -> None:
    point = Point(1, 2, "a")
    assert point._replace(y=5) == Point(1, 5, "a")
    assert point._asdict() == {"x": 1, "y": 2, "label": "a"}
    assert repr(point) == "Point(x=1, y=2, label='a')"
    assert copy.deepcopy(point) == point
    assert pickle.loads(pickle.dumps(Figure("a_median", 1.0, None))) == Figure(
        "a_median", 1.0, None
    )


def test_a_subclass_keeps_the_fields_and_adds_methods_only() -> None:
    class Named(Point):
        def name(self) -> str:
            return f"{self.label or '?'}@{self.x},{self.y}"

    assert Named(1, 2).name() == "?@1,2"
    assert Named(1, 2)._fields == ("x", "y", "label")
    with pytest.raises(TypeError, match="declared in one class"):

        class More(Point):
            z: int = 0
