"""word_diff: words, punctuation and spaces; one deleted and one inserted part per changed stretch."""

import pytest

from samenspel.consultations.diff import word_diff


def ops(parts):
    return [(part.op, part.text) for part in parts]


def test_punctuation_does_not_hide_an_unchanged_word():
    assert ops(word_diff("betaalt de opleiding.", "betaalt de opleiding en begeleiding.")) == [
        ("equal", "betaalt de opleiding"),
        ("insert", " en begeleiding"),
        ("equal", "."),
    ]


def test_a_changed_stretch_reads_as_one_deletion_then_one_insertion():
    assert ops(word_diff("de oude twee woorden blijven", "de nieuwe drie woorden blijven")) == [
        ("equal", "de "),
        ("delete", "oude twee"),
        ("insert", "nieuwe drie"),
        ("equal", " woorden blijven"),
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("", "Nieuw."),
        ("Weg.", ""),
        ("Ervaringskennis, ook in 2024!", "Ervaringskennis — ook in 2025?"),
        ("één twee  drie\nvier", "één drie\n\nvier vijf"),
    ],
)
def test_each_side_can_be_read_back_exactly(old, new):
    parts = word_diff(old, new)
    assert "".join(p.text for p in parts if p.op != "insert") == old
    assert "".join(p.text for p in parts if p.op != "delete") == new
    assert all(part.text for part in parts)


def test_equal_texts_are_one_equal_part():
    assert ops(word_diff("Zelfde tekst.", "Zelfde tekst.")) == [("equal", "Zelfde tekst.")]
