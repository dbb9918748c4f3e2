"""Compare two versions of a document, per paragraph and per word. Pure functions, no database.

Paragraph identity
------------------
Paragraphs of two versions are paired by their key (`ParagraphKey`): a paragraph carried over
or edited keeps its key, so the pairing needs no guessing. For each paragraph the diff says:

- unchanged: same key, same text, same relative place;
- changed: same key, other text (a word diff shows what changed);
- moved: same key, but out of order compared with the other paragraphs. The longest run of
  keys in the same order (difflib on the key lists) counts as "in place"; the other common
  keys moved. A moved paragraph may also be changed (`text_changed`);
- added / removed: a key in only one of the two versions.

Split and merge (a heuristic)
-----------------------------
An added paragraph is marked as *split from* an old paragraph when at least
`SPLIT_MERGE_SHARE` (60 %) of its words (counted with repeats) also occur in that one old
paragraph, and that old paragraph lives on in the new version (its key is kept, usually by
the first half) with a changed text. Likewise a removed paragraph is *merged into* a new
paragraph when at least 60 % of its words occur in that new paragraph, and that new paragraph
carries the key of another old paragraph whose text changed. Very short paragraphs (fewer than 4 words) are never marked, since
their words match too easily. Only added × old and removed × new pairs are compared, with
word multisets (`collections.Counter`), so the cost stays small.

Matching without keys
---------------------
`match_paragraphs` pairs old and new paragraph texts when a whole version is rewritten
(Markdown or an upload), so edited and moved paragraphs keep their key. The rule:

1. identical text (and the same kind) pairs first, in order;
2. then every remaining old/new pair of the same kind gets a similarity: difflib
   `SequenceMatcher` ratio on word tokens, checked cheaply first with `real_quick_ratio`
   and `quick_ratio` (upper bounds); pairs under `MATCH_THRESHOLD` (0.5) are dropped;
3. the pairs are taken best first (highest ratio; on a tie the smaller distance between the
   two places), each old and each new paragraph at most once (unique, greedy assignment).

New paragraphs left without a partner get a new key; old ones left over disappear.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

MATCH_THRESHOLD = 0.5
SPLIT_MERGE_SHARE = 0.6
SPLIT_MERGE_MIN_WORDS = 4

_WORD_WITH_SPACE = re.compile(r"\S+\s*|\s+")
_DIFF_TOKEN = re.compile(r"(\w+|[^\w\s])(\s*)", re.UNICODE)  # a word or one punctuation mark, and the space after it
_LEADING_SPACE = re.compile(r"\s*")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class WordPart:
    op: str  # "equal", "insert" or "delete"
    text: str


@dataclass
class DiffEntry:
    status: str  # "unchanged", "changed", "moved", "added", "removed"
    old: object = None  # the paragraph in the old version (or None)
    new: object = None  # the paragraph in the new version (or None)
    old_place: int | None = None  # 1-based place in the old version
    new_place: int | None = None
    text_changed: bool = False
    words: list[WordPart] = field(default_factory=list)
    split_from: int | None = None  # added: old place it was split from
    merged_into: int | None = None  # removed: new place it was merged into

    @property
    def old_words(self) -> list[WordPart]:
        return [part for part in self.words if part.op != "insert"]

    @property
    def new_words(self) -> list[WordPart]:
        return [part for part in self.words if part.op != "delete"]


def _tokens(text: str) -> list[str]:
    return _WORD_WITH_SPACE.findall(text)


def _diff_tokens(text: str) -> list[tuple[str, str]]:
    """(token, the whitespace after it); the first pair holds the text's leading whitespace."""
    return [("", _LEADING_SPACE.match(text).group()), *_DIFF_TOKEN.findall(text)]


def word_diff(old_text: str, new_text: str) -> list[WordPart]:
    """The word-level difference of two texts, as parts to show in order.

    Words and punctuation marks are compared (spaces are carried along, not compared: a text
    full of equal spaces would make difflib slow and the result noisy), so "opleiding." →
    "opleiding en ..." marks only the new words. Within one changed stretch all deleted text
    comes first as one part and all inserted text after it as one part, so a reader gets
    "deleted: a b, inserted: c d" rather than a word salad. Each side reads back exactly.
    """
    old_tokens, new_tokens = _diff_tokens(old_text), _diff_tokens(new_text)
    matcher = SequenceMatcher(
        None, [token for token, _space in old_tokens], [token for token, _space in new_tokens], autojunk=False
    )
    parts: list[WordPart] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def equal(text: str) -> None:
        if not text:
            return
        flush_change()
        if parts and parts[-1].op == "equal":
            parts[-1].text += text
        else:
            parts.append(WordPart("equal", text))

    def change(old: str, new: str) -> None:
        deleted.append(old)
        inserted.append(new)

    def flush_change() -> None:
        old, new = "".join(deleted), "".join(inserted)
        deleted.clear()
        inserted.clear()
        # Space that ends both sides of a replacement is not part of the change.
        common = 0
        if old and new:
            while (
                common < min(len(old), len(new)) and old[-1 - common] == new[-1 - common] and old[-1 - common].isspace()
            ):
                common += 1
        space = old[len(old) - common :] if common else ""
        old, new = old[: len(old) - common], new[: len(new) - common]
        if old:
            parts.append(WordPart("delete", old))
        if new:
            parts.append(WordPart("insert", new))
        if space:
            parts.append(WordPart("equal", space))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for (token, old_space), (_token, new_space) in zip(old_tokens[i1:i2], new_tokens[j1:j2], strict=True):
                equal(token)
                if old_space == new_space:
                    equal(old_space)
                else:
                    change(old_space, new_space)
        else:
            change(
                "".join(token + space for token, space in old_tokens[i1:i2]),
                "".join(token + space for token, space in new_tokens[j1:j2]),
            )
    flush_change()
    return [part for part in parts if part.text]


def _same_content(old, new) -> bool:
    return old.text == new.text and old.kind == new.kind and old.level == new.level


def _bag(text: str) -> Counter:
    return Counter(word.lower() for word in _WORD.findall(text))


def _share_in(part: Counter, whole: Counter) -> float:
    total = sum(part.values())
    if total < SPLIT_MERGE_MIN_WORDS:
        return 0.0
    get = whole.get
    return sum(min(count, get(word, 0)) for word, count in part.items()) / total


def diff_versions(old_paragraphs, new_paragraphs) -> list[DiffEntry]:
    """Compare two ordered lists of paragraphs (objects with key_id, kind, level, text).

    Returns one entry per paragraph in reading order of the new version; a removed paragraph
    comes right after the surviving paragraph that preceded it in the old version.
    """
    old_list, new_list = list(old_paragraphs), list(new_paragraphs)
    old_place = {p.key_id: index for index, p in enumerate(old_list, start=1)}
    new_place = {p.key_id: index for index, p in enumerate(new_list, start=1)}

    common_old_order = [p.key_id for p in old_list if p.key_id in new_place]
    common_new_order = [p.key_id for p in new_list if p.key_id in old_place]
    in_order: set = set()
    matcher = SequenceMatcher(None, common_old_order, common_new_order, autojunk=False)
    for block in matcher.get_matching_blocks():
        in_order.update(common_old_order[block.a : block.a + block.size])

    entries_new: list[DiffEntry] = []
    old_by_key = {p.key_id: p for p in old_list}
    for place, paragraph in enumerate(new_list, start=1):
        old = old_by_key.get(paragraph.key_id)
        if old is None:
            entries_new.append(DiffEntry("added", new=paragraph, new_place=place))
            continue
        text_changed = not _same_content(old, paragraph)
        status = "moved" if paragraph.key_id not in in_order else ("changed" if text_changed else "unchanged")
        entry = DiffEntry(
            status, old=old, new=paragraph, old_place=old_place[old.key_id], new_place=place, text_changed=text_changed
        )
        if text_changed:
            entry.words = word_diff(old.text, paragraph.text)
        entries_new.append(entry)

    removed = [
        DiffEntry("removed", old=p, old_place=index)
        for index, p in enumerate(old_list, start=1)
        if p.key_id not in new_place
    ]
    _mark_splits_and_merges(entries_new, removed, old_list, new_list, old_place, new_place)

    # Place each removed paragraph after the new entry of the nearest surviving paragraph before it.
    after: dict[int, list[DiffEntry]] = {}
    for entry in removed:
        anchor = 0
        for index in range(entry.old_place - 1, 0, -1):
            key_id = old_list[index - 1].key_id
            if key_id in new_place:
                anchor = new_place[key_id]
                break
        after.setdefault(anchor, []).append(entry)
    result = list(after.get(0, []))
    for entry in entries_new:
        result.append(entry)
        result.extend(after.get(entry.new_place, []))
    return result


def _mark_splits_and_merges(entries_new, removed, old_list, new_list, old_place, new_place) -> None:
    added = [entry for entry in entries_new if entry.status == "added"]
    if added:
        shrunk = {e.new.key_id for e in entries_new if e.old is not None and e.text_changed}
        surviving_old = [(old_place[p.key_id], _bag(p.text)) for p in old_list if p.key_id in shrunk]
        for entry in added:
            bag = _bag(entry.new.text)
            best = max(((_share_in(bag, old_bag), place) for place, old_bag in surviving_old), default=(0.0, None))
            if best[0] >= SPLIT_MERGE_SHARE:
                entry.split_from = best[1]
    if removed:
        grown = {e.new.key_id for e in entries_new if e.old is not None and e.text_changed}
        kept_new = [(new_place[p.key_id], _bag(p.text)) for p in new_list if p.key_id in grown]
        for entry in removed:
            bag = _bag(entry.old.text)
            best = max(((_share_in(bag, new_bag), place) for place, new_bag in kept_new), default=(0.0, None))
            if best[0] >= SPLIT_MERGE_SHARE:
                entry.merged_into = best[1]


def similarity(old_text: str, new_text: str) -> float:
    """difflib ratio on word tokens, with the cheap upper bounds checked first."""
    matcher = SequenceMatcher(None, _tokens(old_text), _tokens(new_text), autojunk=False)
    if matcher.real_quick_ratio() < MATCH_THRESHOLD or matcher.quick_ratio() < MATCH_THRESHOLD:
        return 0.0
    return matcher.ratio()


def match_paragraphs(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> dict[int, int]:
    """Pair new paragraphs with old ones: {new index: old index}. Items are (kind, text); see the module doc."""
    pairs: dict[int, int] = {}
    used_old: set[int] = set()
    by_content: dict[tuple[str, str], list[int]] = {}
    for index, item in enumerate(old):
        by_content.setdefault(item, []).append(index)
    for new_index, item in enumerate(new):
        candidates = by_content.get(item)
        if candidates:
            old_index = candidates.pop(0)
            pairs[new_index] = old_index
            used_old.add(old_index)

    free_old = [i for i in range(len(old)) if i not in used_old]
    free_new = [j for j in range(len(new)) if j not in pairs]
    scored = []
    for j in free_new:
        kind, text = new[j]
        for i in free_old:
            if old[i][0] != kind:
                continue
            ratio = similarity(old[i][1], text)
            if ratio >= MATCH_THRESHOLD:
                scored.append((-ratio, abs(i - j), j, i))
    scored.sort()
    for _ratio, _distance, j, i in scored:
        if j in pairs or i in used_old:
            continue
        pairs[j] = i
        used_old.add(i)
    return pairs
