"""The board's find line: typing dims what does not match, Enter selects the next match."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLineEdit, QMainWindow, QStatusBar

from pmdesk.model.shown import shown

if TYPE_CHECKING:
    from pmdesk.ui.board.board_page import BoardPage


class FindLine(QLineEdit):
    """Above the columns while open (Ctrl+F); Esc closes it and shows every card again."""

    def __init__(self, page: BoardPage) -> None:
        super().__init__(page)
        self.page = page
        self.setPlaceholderText("Find cards and themes… (Enter: next, Esc: close)")
        self.setClearButtonEnabled(True)
        self.setVisible(False)
        self.textChanged.connect(self._changed)
        self.returnPressed.connect(self.find_next)

    def open(self) -> None:
        """Show the line with the keyboard in it, its text selected."""
        self.setVisible(True)
        self.setFocus()
        self.selectAll()

    def dismiss(self) -> None:
        """Hide the line and show everything again; the keyboard goes back to the cards."""
        had_focus = self.hasFocus()
        self.clear()
        self._say("")
        if had_focus:  # before hiding: Qt would pass the keyboard to the first column, clearing the match
            self.page.focus_first_input()
        self.setVisible(False)

    def _changed(self, text: str) -> None:
        model = self.page.model
        model.find_text = text.strip()
        model.refresh_all()
        if model.find_text:  # as the board dims, say how much is left lit (nothing at all, too)
            count = len(self._hits()[1])
            self._say(f"{count} {'match' if count == 1 else 'matches'}" if count else self._none())
        else:
            self._say("")

    def _none(self) -> str:
        return f"No card matches “{shown(self.page.model.find_text)}”"

    def _say(self, message: str) -> None:
        """Say it in the window's status bar until the text changes (nothing: clear what was said)."""
        window = self.window()
        if not isinstance(window, QMainWindow):
            return
        if message:
            window.statusBar().showMessage(message)
        elif (bar := window.findChild(QStatusBar)) is not None:
            bar.clearMessage()

    def _hits(self) -> tuple[list[str], list[str]]:
        """Every card and theme in column order, and those that match."""
        model = self.page.model
        needle = model.find_text.casefold()
        order: list[str] = []
        for column in self.page.columns:
            for item_id in model.items_in(column.section_id):
                order.append(item_id)
                order.extend(model.children_of(item_id))
        return order, [item_id for item_id in order if needle and model.finds(item_id, needle)]

    def find_next(self) -> None:
        """Select the next card or theme that matches (after the selection, in column order)."""
        if not self.page.model.find_text:
            return
        order, hits = self._hits()
        if not hits:
            self._say(self._none())
            return
        current = self.page.selected_ids()
        after = order.index(current[0]) if current and current[0] in order else -1
        target = next((hit for hit in hits if order.index(hit) > after), hits[0])
        self.page.select([target])
        self.setFocus()
