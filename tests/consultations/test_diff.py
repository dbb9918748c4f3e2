"""diff_versions and match_paragraphs on crafted versions (pure functions, no database)."""

from dataclasses import dataclass

from samenspel.consultations.diff import diff_versions, match_paragraphs, word_diff


@dataclass
class P:
    key_id: int
    text: str
    kind: str = "paragraph"
    level: int = 0


def statuses(entries):
    return [(e.status, e.old.key_id if e.old else None, e.new.key_id if e.new else None) for e in entries]


OLD = [
    P(1, "Introduction", "heading", 1),
    P(2, "Experts by experience work in every neighbourhood team of the city."),
    P(3, "The municipality pays for training and for supervision of the experts."),
    P(4, "Every year the network looks back on what went well and what did not."),
]


def test_identical_versions_are_unchanged():
    entries = diff_versions(OLD, OLD)
    assert [e.status for e in entries] == ["unchanged"] * 4
    assert all(not e.words for e in entries)


def test_insert_is_added_in_its_place():
    new = [OLD[0], OLD[1], P(5, "A new paragraph about the money for the network."), OLD[2], OLD[3]]
    entries = diff_versions(OLD, new)
    assert statuses(entries) == [
        ("unchanged", 1, 1),
        ("unchanged", 2, 2),
        ("added", None, 5),
        ("unchanged", 3, 3),
        ("unchanged", 4, 4),
    ]
    assert entries[2].new_place == 3
    assert entries[2].split_from is None


def test_delete_shows_the_removed_paragraph_after_its_old_neighbour():
    new = [OLD[0], OLD[1], OLD[3]]
    entries = diff_versions(OLD, new)
    assert statuses(entries) == [("unchanged", 1, 1), ("unchanged", 2, 2), ("removed", 3, None), ("unchanged", 4, 4)]
    assert entries[2].old_place == 3
    assert entries[2].merged_into is None


def test_removing_the_first_paragraph_puts_it_first():
    entries = diff_versions(OLD, OLD[1:])
    assert statuses(entries)[0] == ("removed", 1, None)


def test_edit_gives_a_word_diff():
    new = [OLD[0], P(2, "Experts by experience work in most neighbourhood teams of the city."), OLD[2], OLD[3]]
    entries = diff_versions(OLD, new)
    entry = entries[1]
    assert entry.status == "changed"
    assert entry.text_changed
    deleted = "".join(part.text for part in entry.words if part.op == "delete")
    inserted = "".join(part.text for part in entry.words if part.op == "insert")
    assert "every" in deleted and "team" in deleted
    assert "most" in inserted and "teams" in inserted
    assert "".join(part.text for part in entry.old_words) == OLD[1].text
    assert "".join(part.text for part in entry.new_words) == new[1].text


def test_heading_level_change_counts_as_changed():
    new = [P(1, "Introduction", "heading", 2), *OLD[1:]]
    assert diff_versions(OLD, new)[0].status == "changed"


def test_move_is_detected_with_its_places():
    new = [OLD[0], OLD[3], OLD[1], OLD[2]]
    entries = diff_versions(OLD, new)
    moved = [e for e in entries if e.status == "moved"]
    assert len(moved) == 1
    assert moved[0].new.key_id == 4
    assert (moved[0].old_place, moved[0].new_place) == (4, 2)
    assert not moved[0].text_changed
    assert [e.status for e in entries if e is not moved[0]] == ["unchanged"] * 3


def test_moved_and_edited_paragraph_has_a_word_diff():
    new = [OLD[0], P(4, "Every year the network looks back on what went well."), OLD[1], OLD[2]]
    entry = diff_versions(OLD, new)[1]
    assert entry.status == "moved"
    assert entry.text_changed
    assert any(part.op == "delete" for part in entry.words)


def test_split_of_a_paragraph_is_detected():
    old = [P(1, "Experts by experience work in every team. The municipality pays for their training and supervision.")]
    new = [
        P(1, "Experts by experience work in every team."),
        P(2, "The municipality pays for their training and supervision."),
    ]
    entries = diff_versions(old, new)
    assert entries[0].status == "changed"
    assert entries[1].status == "added"
    assert entries[1].split_from == 1


def test_merge_of_two_paragraphs_is_detected():
    old = [
        P(1, "Experts by experience work in every team."),
        P(2, "The municipality pays for their training and supervision."),
    ]
    new = [
        P(1, "Experts by experience work in every team, and the municipality pays for their training and supervision.")
    ]
    entries = diff_versions(old, new)
    assert entries[0].status == "changed"
    assert entries[1].status == "removed"
    assert entries[1].merged_into == 1


def test_unrelated_added_paragraph_is_not_a_split():
    old = [P(1, "Experts by experience work in every team of the city.")]
    new = [P(1, "Experts by experience work in each team of the city."), P(2, "Meetings are on Tuesday evening.")]
    assert diff_versions(old, new)[1].split_from is None


def test_word_diff_of_empty_texts():
    assert word_diff("", "") == []
    assert [part.op for part in word_diff("", "new words")] == ["insert"]


def test_match_paragraphs_keeps_edited_and_moved_paragraphs():
    old = [
        ("heading", "Introduction"),
        ("paragraph", "Experts by experience work in every neighbourhood team of the city."),
        ("paragraph", "The municipality pays for training and for supervision of the experts."),
    ]
    new = [
        ("heading", "Introduction"),
        ("paragraph", "The municipality pays for training and supervision of all experts."),  # moved + edited
        ("paragraph", "Something completely different about a summer party."),
        ("paragraph", "Experts by experience work in every neighbourhood team of the city."),  # moved
    ]
    assert match_paragraphs(old, new) == {0: 0, 1: 2, 3: 1}


def test_match_paragraphs_does_not_pair_a_heading_with_a_paragraph():
    assert match_paragraphs([("heading", "Money")], [("paragraph", "Money")]) == {}


def test_match_paragraphs_assigns_each_old_paragraph_once():
    old = [("paragraph", "The network meets every month in the library.")]
    new = [
        ("paragraph", "The network meets every month in the library!"),
        ("paragraph", "The network meets every month in the big library."),
    ]
    pairs = match_paragraphs(old, new)
    assert list(pairs.values()) == [0]
