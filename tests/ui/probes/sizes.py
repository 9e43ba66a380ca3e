"""Present on one screen and report the text sizes the room sees, in pixels."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from pmdesk.ui.board.board_page import BoardPage
from tests.ui.probes.common import demo_window, settle


def main() -> None:
    app, window, meeting = demo_window(Path(sys.argv[1]))
    window.setGeometry(app.screens()[0].geometry())
    window.show()
    settle(app)
    QTest.keyClick(window, Qt.Key.Key_F5)
    phases = [p.id for p in meeting.controller.phases()]
    meeting.controller.go_to(phases.index("themes"))
    settle(app)
    page = window.pages["board"]
    assert isinstance(page, BoardPage)
    column = page.columns[0]
    sizes = {
        "card_text": QFontInfo(column.view.card_delegate.text_font).pixelSize(),
        "theme_label": QFontInfo(column.view.card_delegate.label_font).pixelSize(),
        "section_heading": QFontInfo(column.title.font()).pixelSize(),
    }
    meeting.controller.go_to(phases.index("discussion"))
    settle(app)
    item = meeting.focus.current_item()
    texts = {getattr(item, "label", None), getattr(item, "text", None)}
    focus = [lab.font().pixelSize() for lab in meeting.focus.findChildren(QLabel) if lab.text() in texts]
    sizes["focus_item"] = max(focus) if focus else 0
    meeting.controller.go_to(phases.index("reflection"))
    meeting.reveal_cards.click()
    settle(app)
    room_cards = {card.text for card in window.qt_document.board.cards}
    labels = meeting.room.findChildren(QLabel)
    room = [label.font().pixelSize() for label in labels if label.text() in room_cards]
    headings = {section.title for section in window.qt_document.board.sections}
    room_head = [label.font().pixelSize() for label in labels if label.text() in headings]
    sizes["room_card"] = min(room) if room else 0
    sizes["room_heading"] = min(room_head) if room_head else 0
    print(json.dumps(sizes))
    window.close()


if __name__ == "__main__":
    main()
