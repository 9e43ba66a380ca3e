"""Moderation on the laptop before the reveal: the cards from devices, in full, with what to do.

A bar above the board says how many cards from devices lie face down in the room and offers
Reveal, Hide selected and Merge duplicates; the Board menu has the same commands.
Each is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QWidget

from pmdesk.model.moderation import hide_cards, merge_duplicates
from pmdesk.model.room_ops import pending_cards, reveal_cards
from pmdesk.ui.page_contract import PageKey
from pmdesk.ui.plain import plain_label
from pmdesk.ui.refresh import follow
from pmdesk.ui.room.slide import cards_text

if TYPE_CHECKING:
    from pmdesk.ui.board.board_page import BoardPage
    from pmdesk.ui.meeting.install import Meeting


class Moderation(QWidget):
    """The bar over the board while cards from devices lie face down, or are expected to.

    ``expecting`` says whether devices may write now (the room is open during individual
    reflection): the bar is there from then on, so the board does not jump down under the
    facilitator's pointer when the first card arrives.
    """

    def __init__(
        self, page: BoardPage, reveal: Callable[[], None], expecting: Callable[[], bool] = lambda: False
    ) -> None:
        super().__init__(page)
        self.expecting = expecting
        self.setObjectName("ModerationBar")
        self.page = page
        self.qt_document = page.qt_document
        self.reveal_all = reveal
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.status = plain_label("", self, wrap=False)
        self.status.setObjectName("ModerationStatus")
        self.reveal_button = QPushButton("Reveal", self)
        self.reveal_button.setObjectName("RevealDeviceCards")
        self.reveal_button.setToolTip("Turn the cards from devices face up for the room (one undo step)")
        self.reveal_button.clicked.connect(lambda _c=False: self.reveal_all())
        self.hide_button = QPushButton("Hide selected", self)
        self.hide_button.setObjectName("HideDeviceCards")
        self.hide_button.setToolTip("Take the selected face-down cards off the board before anyone sees them")
        self.hide_button.clicked.connect(lambda _c=False: self.hide_selected())
        self.merge_button = QPushButton("Merge duplicates", self)
        self.merge_button.setObjectName("MergeDeviceCards")
        self.merge_button.setToolTip(
            "Keep one of the selected cards that say the same thing, hide the others"
        )
        self.merge_button.clicked.connect(lambda _c=False: self.merge_selected())
        layout.addWidget(self.status, 1)
        for button in (self.hide_button, self.merge_button, self.reveal_button):
            layout.addWidget(button)
        self.setVisible(False)
        follow(self.qt_document, ("cards",), lambda _changes: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """Show the bar with the count while cards lie face down; hide it when none do."""
        count = len(pending_cards(self.qt_document.board))
        if count:
            said = (
                f"{cards_text(count)} from devices face down in the room: read, hide or merge, then reveal."
            )
        else:
            said = "Cards written on devices arrive here face down, for you to read before the reveal."
        self.status.setText(said)
        self.reveal_button.setText(f"Reveal {cards_text(count)}" if count else "Reveal")
        for button in (self.reveal_button, self.hide_button, self.merge_button):
            button.setEnabled(count > 0)
        shown = count > 0 or self.expecting()
        self.setVisible(shown and not getattr(self.page, "presenting", False))

    def _selected(self) -> list[str]:
        ids = self.page.selected_ids()
        cards = {card.id for card in self.qt_document.board.cards}
        return [item for item in ids if item in cards]

    def hide_selected(self) -> None:
        """Hide the selected face-down cards (one step)."""
        self.qt_document.attempt(hide_cards, self._selected())

    def merge_selected(self) -> None:
        """Merge the selected duplicates into one card (one step)."""
        self.qt_document.attempt(merge_duplicates, self._selected())


def install_moderation(meeting: Meeting) -> Moderation | None:
    """Add the moderation bar to the board page and its commands to the Board menu."""
    window = meeting.window
    from pmdesk.ui.board.board_page import BoardPage

    page = window.pages.get(PageKey.BOARD)
    if not isinstance(page, BoardPage):
        return None

    def reveal() -> None:
        button = meeting.reveal_cards
        if meeting.controller.phase_id == "reflection" and not button.isChecked():
            button.setChecked(True)  # the room's cards turn over, device cards with them
        else:
            window.qt_document.attempt(reveal_cards)
            meeting.controller.room_changed.emit()

    def expecting() -> bool:
        control = getattr(meeting, "room_control", None)
        return control is not None and control.is_open and meeting.controller.phase_id == "reflection"

    bar = Moderation(page, reveal, expecting)
    meeting.controller.room_changed.connect(bar.refresh)  # presenting hides it; the room opens
    meeting.controller.phase_changed.connect(lambda _id: bar.refresh())
    layout = page.layout()
    if isinstance(layout, QBoxLayout):
        layout.insertWidget(0, bar)
    menu = window.board_menu
    menu.addSeparator()
    for name, text, slot in (
        ("HideCardsAction", "Hid&e Face-Down Cards", bar.hide_selected),
        ("MergeDuplicatesAction", "Merge &Duplicate Cards", bar.merge_selected),
    ):
        action = QAction(text, window)
        action.setObjectName(name)
        action.triggered.connect(lambda _c=False, run=slot: run())
        menu.addAction(action)
    return bar
