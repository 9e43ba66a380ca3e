"""What the Board menu and keys do to the selection: group, move, vote, notes, clipboard."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMenu

from pmdesk.model import card_ops, vote_ops
from pmdesk.model.ids import new_id
from pmdesk.model.recorder import Step, compose
from pmdesk.ui.board.board_data import ID_ROLE, KIND_ROLE
from pmdesk.ui.plain import menu_text

if TYPE_CHECKING:
    from pmdesk.ui.board.board_page import BoardPage


class BoardCommands:
    """Commands on the board page's selection; each pushes at most one edit."""

    def __init__(self, page: BoardPage) -> None:
        self.page = page
        self.doc = page.qt_document
        self.model = page.model

    def _say(self, message: str) -> None:
        self.doc.failed.emit(message)

    def _current(self) -> str | None:
        column = self.page.selection_column() or self.page.current_column()
        if column is None:
            return None
        index = column.view.currentIndex()
        if index.isValid() and index.data(KIND_ROLE) in ("card", "theme"):
            return str(index.data(ID_ROLE))
        return None

    def _targets(self) -> list[str]:
        chosen = self.page.selected_ids()
        current = self._current()
        return chosen or ([current] if current else [])

    # --- cards ------------------------------------------------------------------------------

    def delete_selected(self) -> None:
        """Delete the selected cards (a selected theme: its cards) as one step."""
        ids: list[str] = []
        for item in self._targets():
            ids.extend(self.model.children_of(item) if item in self.model.themes else [item])
        ids = list(dict.fromkeys(ids))
        if not ids:
            self._say("Select the cards to delete.")
            return
        self.doc.attempt(card_ops.delete_cards, ids)

    def group_selected(self) -> None:
        """Make a theme of the selected cards and ask its label at once."""
        targets = self._targets()
        cards = [i for i in targets if i in self.model.cards]
        themes = [i for i in targets if i in self.model.themes]
        if themes and cards:
            self.doc.attempt(card_ops.add_to_theme, cards, themes[0])
            return
        if not cards:
            self._say("Select one or more cards to group (Ctrl/Shift+click or Shift+arrows).")
            return
        theme_id = new_id("t")
        if self.doc.attempt(card_ops.group_cards, cards, theme_id=theme_id):
            self.page.edit_item(theme_id)

    def ungroup_selected(self) -> None:
        """Dissolve selected themes; selected cards leave their themes."""
        targets = self._targets()
        steps: list[Step] = [partial(card_ops.ungroup, theme_id=t) for t in targets if t in self.model.themes]
        cards = [i for i in targets if i in self.model.cards and self.model.cards[i].theme]
        if cards:
            steps.append(partial(card_ops.remove_from_theme, card_ids=cards))
        if not steps:
            self._say("Select a theme to ungroup, or cards to take out of their theme.")
            return
        self.doc.attempt(compose, "Ungroup", steps)

    def _theme_choices(self, skip: str | None = None) -> list[tuple[str, str]]:
        titles = {s.id: s.title for s in self.doc.board.sections}
        return [
            (t.id, f"{t.label or '(unlabelled theme)'}   —   {titles.get(t.section, '')}")
            for t in self.doc.board.themes
            if t.id != skip
        ]

    def move_to_theme(self) -> None:
        """Pick a theme by typing; the selected cards join it."""
        from pmdesk.ui.board.dialogs import ThemePicker  # imported when first used

        cards = [i for i in self._targets() if i in self.model.cards]
        if not cards:
            self._say("Select the cards to move into a theme.")
            return
        picker = ThemePicker("Move to theme", self._theme_choices(), self.page)
        if picker.exec() == QDialog.DialogCode.Accepted and picker.chosen():
            self.doc.attempt(card_ops.add_to_theme, cards, picker.chosen())

    def merge_theme(self) -> None:
        """Merge the selected theme into another one, picked by typing."""
        from pmdesk.ui.board.dialogs import ThemePicker  # imported when first used

        themes = [i for i in self._targets() if i in self.model.themes]
        if not themes:
            self._say("Select the theme to merge into another.")
            return
        picker = ThemePicker("Merge theme into", self._theme_choices(skip=themes[0]), self.page)
        target = picker.chosen() if picker.exec() == QDialog.DialogCode.Accepted else None
        if target:
            steps: list[Step] = [
                partial(card_ops.merge_themes, source_id=t, target_id=target) for t in themes
            ]
            self.doc.attempt(compose, "Merge themes", steps)

    def edit_notes(self) -> None:
        """Discussion notes of the current card or theme."""
        from pmdesk.ui.board.dialogs import NotesDialog  # imported when first used

        item = self._current() or next(iter(self._targets()), None)
        if item is None:
            self._say("Select a card or theme for its notes.")
            return
        if item in self.model.themes:
            theme = self.model.themes[item]
            dialog = NotesDialog("Theme notes", theme.label or "(unlabelled theme)", theme.notes, self.page)
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.text() != theme.notes:
                self.doc.attempt(card_ops.set_theme_field, item, "notes", dialog.text())
            return
        card = self.model.cards[item]
        dialog = NotesDialog("Card notes", card.text, card.notes, self.page)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.text() != card.notes:
            self.doc.attempt(card_ops.set_card_field, item, "notes", dialog.text())

    def set_author_key(self, number: int) -> None:
        """Alt+1…9: who writes the next cards (cards already written keep theirs); while voting, the voter."""
        people = self.doc.board.participants
        if number > len(people):
            self._say(f"There is no participant {number}.")
            return
        person = people[number - 1].id if number > 0 else None
        if self.page.voting:
            # While voting, Alt+1…9 chooses who votes (Alt+0: room dots), so + places their dot.
            self.page.voting_bar.set_voter(person)
            who = people[number - 1].name if person else "the room (no budget)"
            self._tell(f"Voting as {who}.")
            return
        self.page.set_author(person)
        self._tell(f"Next card by: {people[number - 1].name if person else 'no author'}")

    def change_author(self) -> None:
        """Ctrl+Shift+U: pick who wrote the selected cards (one undo step)."""
        cards = [i for i in self._targets() if i in self.model.cards]
        if not cards:
            self._say("Select the cards whose author to change.")
            return
        menu = QMenu(self.page)
        menu.setObjectName("AuthorPicker")
        menu.addSection(f"Author of {len(cards)} selected card{'s' if len(cards) != 1 else ''}")
        menu.addAction("&0  No author").setData("")
        for number, person in enumerate(self.doc.board.participants, start=1):
            mnemonic = f"&{number}  " if number <= 9 else ""
            menu.addAction(mnemonic + menu_text(person.name)).setData(person.id)
        chosen = menu.exec(self._popup_point())
        if chosen is None:
            return
        person_id = str(chosen.data()) or None
        steps: list[Step] = [
            partial(card_ops.set_card_field, card_id=c, name="author", value=person_id)
            for c in cards
            if self.model.cards[c].author != person_id
        ]
        if steps:
            self.doc.attempt(compose, "Change card author", steps)

    def _popup_point(self) -> QPoint:
        """Where a popup about the selection opens: under the current card, else at the pointer."""
        column = self.page.current_column()
        if column is not None and column.view.currentIndex().isValid():
            rect = column.view.visualRect(column.view.currentIndex())
            if rect.isValid():
                return column.view.viewport().mapToGlobal(rect.bottomLeft())
        return QCursor.pos()

    def _tell(self, message: str) -> None:
        """A short note in the window's status bar (not a refusal)."""
        window = self.page.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 4000)

    # --- moving -----------------------------------------------------------------------------

    def move_vertical(self, step: int) -> None:
        """Ctrl+Up/Down: move the current card one place up or down (within its theme too)."""
        if self.model.sort_by_votes:
            self._say("Columns are sorted by votes: turn sorting off to reorder.")
            return
        item = self._current()
        if item is None or item not in self.model.cards:
            self._say(
                "Select a card to move." if item is None else "Themes move with their cards: move a card."
            )
            return
        card = self.model.cards[item]
        siblings = self.model.children_of(card.theme) if card.theme else self.model.items_in(card.section)
        at = siblings.index(item)
        other = at + step
        if not 0 <= other < len(siblings):
            return
        if card.theme:  # swap with the neighbour inside the theme
            first, second = (item, siblings[other]) if step < 0 else (siblings[other], item)
            build = partial(
                card_ops.move_card, card_id=first, section_id=card.section, before=second, theme_id=card.theme
            )
        else:
            before = (
                siblings[other] if step < 0 else (siblings[other + 1] if other + 1 < len(siblings) else None)
            )
            if before is not None and before in self.model.themes:
                before = self.model.children_of(before)[0]
            build = partial(card_ops.move_card, card_id=item, section_id=card.section, before=before)
        self.doc.attempt(build)
        self.page.select([item])

    def move_horizontal(self, step: int) -> None:
        """Ctrl+Left/Right: the selected cards move to the neighbouring section."""
        cards = [i for i in self._targets() if i in self.model.cards]
        if not cards:
            self._say("Select the cards to move to another section.")
            return
        order = list(self.model.sections)
        at = order.index(self.model.cards[cards[0]].section) + step
        if not 0 <= at < len(order):
            return
        steps: list[Step] = [partial(card_ops.move_card, card_id=c, section_id=order[at]) for c in cards]
        if self.doc.attempt(compose, "Move card" if len(cards) == 1 else "Move cards", steps):
            self.page.select(cards)

    # --- votes ------------------------------------------------------------------------------

    def vote_target(self, item_id: str) -> str:
        """Dots go on themes and loose cards: a card inside a theme means its theme."""
        card = self.model.cards.get(item_id)
        return card.theme if card is not None and card.theme else item_id

    def vote(self, item_id: str, modifiers: object = None) -> None:
        """A click in voting mode: place a dot (Shift: take one back; Alt: a room dot)."""
        flags = modifiers if isinstance(modifiers, Qt.KeyboardModifier) else Qt.KeyboardModifier.NoModifier
        room = bool(flags & Qt.KeyboardModifier.AltModifier)
        voter = None if room else self.page.voting_bar.voter
        target = self.vote_target(item_id)
        if flags & Qt.KeyboardModifier.ShiftModifier:
            self.doc.attempt(vote_ops.remove_vote, voter, target)
        else:
            self.doc.attempt(vote_ops.place_vote, voter, target)

    def vote_key(self, place: bool) -> None:
        """+ / . places a dot on the current theme or card, − takes one back."""
        item = self._current()
        if item is None:
            self._say("Select a theme or card to vote on.")
            return
        if not self.page.voting:
            self._say("Start voting first (V).")
            return
        build = vote_ops.place_vote if place else vote_ops.remove_vote
        self.doc.attempt(build, self.page.voting_bar.voter, self.vote_target(item))

    # --- clipboard --------------------------------------------------------------------------

    def copy(self) -> bool:
        """Copy the selected cards (and themes with their cards) as text, one per line."""
        lines: list[str] = []
        for item in self.page.selected_ids():
            if item in self.model.themes:
                lines.append(f"# {self.model.themes[item].label}")
            elif item in self.model.cards:
                indent = "  " if self.model.cards[item].theme else ""
                lines.append(indent + self.model.cards[item].text.replace("\n", " "))
        if not lines:
            self._say("Select cards to copy.")
            return False
        clipboard = QApplication.clipboard()
        clipboard.setText("\n".join(lines))
        return True

    def cut(self) -> None:
        """Copy, then delete the selected cards."""
        if self.copy():
            self.delete_selected()

    def paste(self) -> None:
        """Each line of text on the clipboard becomes a card in the current column."""
        column = self.page.current_column()
        text = QApplication.clipboard().text()
        lines = [line.strip().removeprefix("# ") for line in text.splitlines() if line.strip()]
        if column is None or not lines:
            self._say("Nothing to paste: copy some text first.")
            return
        author = self.page.author
        steps: list[Step] = [
            partial(card_ops.add_card, section_id=column.section_id, text=line, author=author)
            for line in lines
        ]
        self.doc.attempt(compose, "Paste card" if len(lines) == 1 else f"Paste {len(lines)} cards", steps)

    def fold_all(self, expanded: bool) -> None:
        """Collapse or expand every theme."""
        for column in self.page.columns:
            if expanded:
                column.view.expandAll()
            else:
                column.view.collapseAll()
