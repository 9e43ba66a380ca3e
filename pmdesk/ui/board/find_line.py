"""The board's find line: typing dims what does not match, Enter selects the next match."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLineEdit, QMainWindow

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
        if had_focus:  # before hiding: Qt would pass the keyboard to the first column, clearing the match
            self.page.focus_first_input()
        self.setVisible(False)

    def _changed(self, text: str) -> None:
        model = self.page.model
        model.find_text = text.strip()
        model.refresh_all()

    def find_next(self) -> None:
        """Select the next card or theme that matches (after the selection, in column order)."""
        model = self.page.model
        needle = model.find_text.casefold()
        if not needle:
            return
        order: list[str] = []
        for column in self.page.columns:
            for item_id in model.items_in(column.section_id):
                order.append(item_id)
                order.extend(model.children_of(item_id))
        hits = [item_id for item_id in order if model.finds(item_id, needle)]
        if not hits:
            window = self.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(f"No card matches “{shown(model.find_text)}”", 4000)
            return
        current = self.page.selected_ids()
        after = order.index(current[0]) if current and current[0] in order else -1
        target = next((hit for hit in hits if order.index(hit) > after), hits[0])
        self.page.select([target])
        self.setFocus()
