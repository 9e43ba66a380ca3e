"""Operations on cards and themes, each returning one named, undoable batch.

What points at a thing that changes:
- A card that joins a theme brings its dots to the theme.
- A theme that loses its last card, or is ungrouped, hands its dots and the actions that
  answer it to its first card; a theme with no cards left loses its dots (back to voters).
- A deleted card's dots go back to the voters; actions that answered it keep their text
  and lose the link.
"""

from __future__ import annotations

from collections.abc import Sequence

from pmdesk.model.board import Board, Card, Theme
from pmdesk.model.derived import theme_cards
from pmdesk.model.edits import Batch, EditError, find_index, target_of
from pmdesk.model.ids import new_id
from pmdesk.model.recorder import Recorder, finished, recording
from pmdesk.model.rules import require


def card(board: Board, card_id: str) -> Card:
    """The card with ``card_id``."""
    item = target_of(board, "cards", card_id)
    assert isinstance(item, Card)
    return item


def theme(board: Board, theme_id: str) -> Theme:
    """The theme with ``theme_id``."""
    item = target_of(board, "themes", theme_id)
    assert isinstance(item, Theme)
    return item


def _check_section(board: Board, section_id: str) -> None:
    find_index(board, "sections", section_id)


def _check_author(board: Board, author: str | None) -> None:
    if author is not None:
        find_index(board, "participants", author)


def add_card(
    board: Board,
    section_id: str,
    text: str,
    author: str | None = None,
    card_id: str | None = None,
    theme_id: str | None = None,
) -> Batch:
    """Add a card at the end of a section (or of a theme)."""
    require("cards", "text", text)
    _check_section(board, section_id)
    _check_author(board, author)
    if theme_id is not None and theme(board, theme_id).section != section_id:
        raise EditError("a card joins only a theme of its own section")
    with recording(board, "Add card") as rec:
        new = Card(card_id or new_id("c"), section_id, text, author, theme_id)
        end = _end_index(board, section_id, theme_id)
        rec.insert("cards", len(board.cards) if end is None else end, new)
    return finished(rec)


def _end_index(board: Board, section_id: str, theme_id: str | None) -> int | None:
    """The list index just after the last card of a theme (or of a section), None if none."""
    cards = board.cards
    for index in range(len(cards) - 1, -1, -1):  # from the end: a new card usually goes near it
        item = cards[index]
        if item.section == section_id and (theme_id is None or item.theme == theme_id):
            return index + 1
    return None


def set_card_field(board: Board, card_id: str, name: str, value: str | None) -> Batch:
    """Change a card's text, notes or author."""
    names = {"text": "Edit card", "notes": "Edit card notes", "author": "Set card author"}
    if name not in names:
        raise EditError(f"cards have no field {name!r} to edit")
    if name == "author":
        _check_author(board, value)
    else:
        require("cards", name, value)
    with recording(board, names[name]) as rec:
        rec.set("cards", card_id, name, value)
    return finished(rec)


def set_card_hint_silenced(board: Board, card_id: str, silenced: bool) -> Batch:
    """Silence (or allow again) the blameless-wording hint for one card."""
    require("cards", "hint_silenced", silenced)
    card(board, card_id)
    with recording(board, "Silence wording hint" if silenced else "Allow wording hint") as rec:
        rec.set("cards", card_id, "hint_silenced", silenced)
    return finished(rec)


def _release_votes(rec: Recorder, target: str) -> None:
    for index in reversed(range(len(rec.board.votes))):
        if rec.board.votes[index].target == target:
            rec.remove_at("votes", index)


def _retarget_votes(rec: Recorder, source: str, target: str) -> None:
    # Votes have no id: replace each one in place (remove and insert at the same index).
    for index, vote in enumerate(list(rec.board.votes)):
        if vote.target == source:
            rec.remove_at("votes", index)
            rec.insert("votes", index, type(vote)(vote.participant, target))


def _relink_actions(rec: Recorder, source: str, target: str | None) -> None:
    for action in rec.board.actions:
        if action.source == source:
            rec.set("actions", action.id, "source", target)


def dissolve_theme(rec: Recorder, theme_id: str, heir: str | None) -> None:
    """Delete a theme; its dots and actions go to ``heir`` (a card), or are released."""
    for item in theme_cards(rec.board, theme_id):
        rec.set("cards", item.id, "theme", None)
    if heir is None:
        _release_votes(rec, theme_id)
    else:
        _retarget_votes(rec, theme_id, heir)
    _relink_actions(rec, theme_id, heir)
    rec.remove("themes", theme_id)


def _leave_theme(rec: Recorder, card_id: str) -> None:
    """Take a card out of its theme; an emptied theme dissolves into that card."""
    old = card(rec.board, card_id).theme
    if old is None:
        return
    rec.set("cards", card_id, "theme", None)
    if not theme_cards(rec.board, old):
        dissolve_theme(rec, old, card_id)


def _place(rec: Recorder, card_id: str, before: str | None, section_id: str, theme_id: str | None) -> None:
    """Move a card in the list to stand before ``before`` (or at the end of its group)."""
    board = rec.board
    source = find_index(board, "cards", card_id)
    moving = board.cards.pop(source)
    try:
        if before is not None and before != card_id:
            target = find_index(board, "cards", before)
        else:
            end = _end_index(board, section_id, theme_id)
            target = min(source, len(board.cards)) if end is None else end
    finally:
        board.cards.insert(source, moving)
    rec.move("cards", source, target)


def _check_revealed(item: Card) -> None:
    if item.pending:
        raise EditError("A card still face down joins no theme: reveal the cards first.")


def _join(rec: Recorder, card_id: str, theme_id: str) -> None:
    """Put a card into a theme: it moves to the theme's section, its dots go to the theme."""
    target_theme = theme(rec.board, theme_id)
    moving = card(rec.board, card_id)
    _check_revealed(moving)
    if moving.theme == theme_id:
        return
    _leave_theme(rec, card_id)
    rec.set("cards", card_id, "section", target_theme.section)
    rec.set("cards", card_id, "theme", theme_id)
    _retarget_votes(rec, card_id, theme_id)
    _place(rec, card_id, None, target_theme.section, theme_id)


def group_cards(board: Board, card_ids: Sequence[str], label: str = "", theme_id: str | None = None) -> Batch:
    """Make a new theme of the given cards, in the section of the first one."""
    ids = list(dict.fromkeys(card_ids))
    if not ids:
        raise EditError("select at least one card to group")
    first = card(board, ids[0])
    _check_revealed(first)
    with recording(board, "Group cards") as rec:
        new_theme = Theme(theme_id or new_id("t"), first.section, label)
        rec.append("themes", new_theme)
        _leave_theme(rec, first.id)
        rec.set("cards", first.id, "theme", new_theme.id)
        _retarget_votes(rec, first.id, new_theme.id)
        for other in ids[1:]:
            _join(rec, other, new_theme.id)
    return finished(rec)


def add_to_theme(board: Board, card_ids: Sequence[str], theme_id: str) -> Batch:
    """Cards join an existing theme (moving to its section if needed)."""
    theme(board, theme_id)
    with recording(board, "Add to theme") as rec:
        for card_id in dict.fromkeys(card_ids):
            _join(rec, card_id, theme_id)
    return finished(rec)


def remove_from_theme(board: Board, card_ids: Sequence[str]) -> Batch:
    """Cards leave their themes and stand loose just after them."""
    with recording(board, "Remove from theme") as rec:
        for card_id in dict.fromkeys(card_ids):
            item = card(board, card_id)
            if item.theme is None:
                continue
            _place(rec, card_id, None, item.section, item.theme)
            _leave_theme(rec, card_id)
    return finished(rec)


def ungroup(board: Board, theme_id: str) -> Batch:
    """Dissolve a theme; its cards stay where they are, loose."""
    members = theme_cards(board, theme_id)
    with recording(board, "Ungroup") as rec:
        dissolve_theme(rec, theme_id, members[0].id if members else None)
    return finished(rec)


def merge_themes(board: Board, source_id: str, target_id: str) -> Batch:
    """Merge theme ``source_id`` into ``target_id``: cards, dots and actions move over."""
    if source_id == target_id:
        raise EditError("a theme cannot merge into itself")
    source, target = theme(board, source_id), theme(board, target_id)
    with recording(board, "Merge themes") as rec:
        for member in theme_cards(board, source.id):
            rec.set("cards", member.id, "section", target.section)
            rec.set("cards", member.id, "theme", target.id)
            _place(rec, member.id, None, target.section, target.id)
        _retarget_votes(rec, source.id, target.id)
        _relink_actions(rec, source.id, target.id)
        if source.notes and source.notes not in target.notes:
            joined = f"{target.notes}\n{source.notes}" if target.notes else source.notes
            rec.set("themes", target.id, "notes", joined)
        rec.remove("themes", source.id)
    return finished(rec)


def set_theme_field(board: Board, theme_id: str, name: str, value: str) -> Batch:
    """Change a theme's label or notes."""
    names = {"label": "Label theme", "notes": "Edit theme notes"}
    if name not in names:
        raise EditError(f"themes have no text field {name!r}")
    require("themes", name, value)
    with recording(board, names[name]) as rec:
        rec.set("themes", theme_id, name, value)
    return finished(rec)


def move_card(
    board: Board,
    card_id: str,
    section_id: str,
    before: str | None = None,
    theme_id: str | None = None,
) -> Batch:
    """Move a card to a section (loose, or into ``theme_id``), standing before ``before``."""
    _check_section(board, section_id)
    if before == card_id:
        before = None
    with recording(board, "Move card") as rec:
        if theme_id is not None:
            _join(rec, card_id, theme_id)
            if before is not None and card(board, before).theme == theme_id:
                _place(rec, card_id, before, section_id, theme_id)
        else:
            _leave_theme(rec, card_id)
            rec.set("cards", card_id, "section", section_id)
            if before is not None and card(board, before).theme is not None:
                before = theme_cards(board, card(board, before).theme or "")[0].id
            _place(rec, card_id, before, section_id, None)
    return finished(rec)


def delete_cards(board: Board, card_ids: Sequence[str]) -> Batch:
    """Delete cards; their dots go back to the voters and actions lose the link.

    A theme that loses its last card goes too (its dots go back, its actions lose the link).
    Built in O(n log n) for n cards: links are cut first, then items are removed from the end
    of each list backwards, so no index is looked up twice.
    """
    ids = list(dict.fromkeys(card_ids))
    index = {item.id: position for position, item in enumerate(board.cards)}
    for card_id in ids:
        if card_id not in index:
            card(board, card_id)  # the usual message for an unknown card
    doomed = set(ids)
    kept_themes = {item.theme for item in board.cards if item.id not in doomed}
    emptied = {board.cards[index[card_id]].theme for card_id in ids} - kept_themes - {None}
    gone = doomed | {theme_id for theme_id in emptied if theme_id is not None}
    name = "Delete card" if len(ids) == 1 else f"Delete {len(ids)} cards"
    with recording(board, name) as rec:
        for action in board.actions:
            if action.source in gone:
                rec.set("actions", action.id, "source", None)
        for position in reversed(range(len(board.votes))):
            if board.votes[position].target in gone:
                rec.remove_at("votes", position)
        for position in sorted((index[card_id] for card_id in ids), reverse=True):
            rec.remove_at("cards", position)
        for position in reversed(range(len(board.themes))):
            if board.themes[position].id in emptied:
                rec.remove_at("themes", position)
    return finished(rec)
