"""The benchmark's reading of gold extents (benchmarks/entities.py), which decides what is scored."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from entities import _capitalised, extent_head  # type: ignore[import-not-found]


@pytest.mark.parametrize(
    ("extent", "head"),
    [
        ("a mountain in New Zealand", "mountain"),
        ("waters of the Gulf of Aden", "waters"),
        ("outside a Sam 's Club store in Bloomington", "store"),
        ("in the Gulf of Aden", "Aden"),  # "of" inside a name
        ("Minister for Trade", "Trade"),
        ("Singapore Airlines ( SIA )", "Airlines"),
        ("Irish low cost airline , Ryanair", "Ryanair"),  # appositive: last word
        ("Eric Allen Kirkpatrick , 61", "Kirkpatrick"),  # an age is not a head
        ("in Queens", "Queens"),
        ("Boeing", "Boeing"),
    ],
)
def test_extent_head(extent: str, head: str) -> None:
    assert extent_head(extent.split()) == head


def test_capitalised_allows_numbered_street_names_only() -> None:
    assert _capitalised("117th Street") and _capitalised("Queens")
    assert not _capitalised("2 people") and not _capitalised("117th")
