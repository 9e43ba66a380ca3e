"""Presentation mode, the audience window with private writing, focus mode, zoom and themes."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pmdesk.model.card_ops import add_card
from pmdesk.store.document import Document
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.install import Meeting
from pmdesk.ui.meeting.presenter import screen_scale
from pmdesk.ui.meeting.render import CARD_PX
from pmdesk.ui.palette import DARK, PALETTES, PROJECTOR, SETTINGS_KEY, contrast_ratio

SECRET = "Secret card being written right now"


def strings_held(root: QWidget) -> list[str]:
    """Every string the widget tree holds or paints: texts, tooltips, names, titles."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        found += [widget.toolTip(), widget.statusTip(), widget.whatsThis(), widget.windowTitle()]
        found += [widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            found.append(widget.text())
        if isinstance(widget, QPlainTextEdit | QTextEdit):
            found.append(widget.toPlainText())
    return found


def go(qtbot: QtBot, meeting: Meeting, phase: str) -> None:
    qtbot.mouseClick(meeting.agenda.buttons[phase], Qt.MouseButton.LeftButton)


def test_f5_presents_full_screen_without_chrome_and_esc_leaves(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    go(qtbot, meeting, "tone")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert meeting.controller.presenting
    assert window.isFullScreen()
    assert window.menuBar().height() == 0
    assert not window.tabs.tabBar().isVisible()
    assert not window.statusBar().isVisible()
    palette = window.palette()
    text = palette.color(QPalette.ColorRole.WindowText).name()
    background = palette.color(QPalette.ColorRole.Window).name()
    assert contrast_ratio(text, background) >= 7
    assert meeting.timer.large
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not meeting.controller.presenting
    assert not window.isFullScreen()
    qtbot.waitUntil(lambda: window.menuBar().height() > 0)
    assert window.tabs.tabBar().isVisible()


def test_presented_card_text_is_at_least_28_px(qtbot: QtBot, window: MainWindow, meeting: Meeting) -> None:
    go(qtbot, meeting, "discussion")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    item = meeting.focus.current_item()
    assert item is not None
    sizes = [
        label.font().pixelSize()
        for label in meeting.focus.view.findChildren(QLabel)
        if label.text() in (getattr(item, "text", None), getattr(item, "label", None))
    ]
    scale = screen_scale(window.screen())  # 28 px on a 1080p projector, in proportion elsewhere
    assert sizes and min(sizes) >= round(CARD_PX * scale)
    board_page = window.pages["board"]
    if hasattr(board_page, "zoom"):
        assert board_page.zoom * 13 * 96 / 72 >= 28 * scale  # 13 pt cards at 96 dpi, zoomed


def test_zoom_keys_scale_the_presentation(qtbot: QtBot, window: MainWindow, meeting: Meeting) -> None:
    go(qtbot, meeting, "tone")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert meeting.presenter.zoom > 1
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert meeting.presenter.zoom < 1
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert meeting.presenter.zoom == 1


def test_audience_window_holds_no_card_text_while_face_down(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    assert window.qt_document.attempt(add_card, "went-well", SECRET)
    go(qtbot, meeting, "reflection")
    meeting.presenter.show_audience(True)
    audience = meeting.presenter.audience
    assert audience is not None and audience.isVisible()
    qtbot.addWidget(audience)
    held = "\n".join(strings_held(audience))
    for card in window.qt_document.board.cards:
        assert card.text not in held
    assert "7" in strings_held(audience) and "cards written" in held  # a count per section instead
    room = "\n".join(strings_held(meeting.room))
    assert SECRET not in room
    assert meeting.reveal_cards.isVisible()
    qtbot.mouseClick(meeting.reveal_cards, Qt.MouseButton.LeftButton)
    assert SECRET in "\n".join(strings_held(audience))
    qtbot.mouseClick(meeting.reveal_cards, Qt.MouseButton.LeftButton)
    assert SECRET not in "\n".join(strings_held(audience))


def test_one_screen_presentation_hides_reflection_cards_from_the_room(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    go(qtbot, meeting, "reflection")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.current_page() is meeting.room
    qtbot.mouseClick(meeting.reveal_cards, Qt.MouseButton.LeftButton)
    go(qtbot, meeting, "reflection")
    assert window.current_page() is window.pages["board"]


def test_audience_follows_the_phase(qtbot: QtBot, window: MainWindow, meeting: Meeting) -> None:
    meeting.presenter.show_audience(True)
    audience = meeting.presenter.audience
    assert audience is not None
    qtbot.addWidget(audience)
    go(qtbot, meeting, "tone")
    assert any("Prime Directive" in s for s in strings_held(audience))
    go(qtbot, meeting, "discussion")
    item = meeting.focus.current_item()
    assert item is not None and any(getattr(item, "label", "") in s for s in strings_held(audience))
    go(qtbot, meeting, "prioritization")
    assert any("Top priorities" in s for s in strings_held(audience))


def test_focus_mode_arrows_move_through_all_sections_and_esc_returns(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    go(qtbot, meeting, "discussion")
    focus = meeting.focus
    assert window.current_page() is focus
    items = focus.items()
    sections = {item.section for item in items}
    assert len(sections) == len(window.qt_document.board.sections)
    for _ in range(len(items) + 3):
        qtbot.keyClick(focus, Qt.Key.Key_Right)
    assert focus.current_item() == items[-1]
    qtbot.keyClick(focus, Qt.Key.Key_Left)
    assert focus.current_item() == items[-2]
    qtbot.keyClick(focus, Qt.Key.Key_Escape)
    assert window.current_page() is window.pages["board"]


def test_discussion_notes_typed_in_focus_mode_are_one_undo_step(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    go(qtbot, meeting, "discussion")
    qtbot.keyClick(meeting.focus, Qt.Key.Key_Right)
    item = meeting.focus.current_item()
    assert item is not None
    steps = window.qt_document.undo_stack.count()
    qtbot.keyClicks(meeting.focus.notes, "Probe paged first")
    assert meeting.focus.current_item().notes == "Probe paged first"  # type: ignore[union-attr]
    assert window.qt_document.undo_stack.count() == steps + 1


def test_the_notes_placeholder_names_a_theme_or_a_card(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    go(qtbot, meeting, "discussion")
    focus = meeting.focus
    seen: dict[str, str] = {}
    for _ in focus.items():
        item = focus.current_item()
        assert item is not None
        seen[type(item).__name__] = focus.notes.placeholderText()
        qtbot.keyClick(focus, Qt.Key.Key_Right)
    assert seen == {
        "Card": "Discussion notes for this card…",
        "Theme": "Discussion notes for this theme…",
    }


def test_the_notes_line_up_with_the_item_shown(qtbot: QtBot, window: MainWindow, meeting: Meeting) -> None:
    """The notes ran from one edge of the window to the other, wider than the card above them."""
    window.resize(1366, 768)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    focus = meeting.focus
    qtbot.waitUntil(lambda: focus.view.widget() is not None and focus.notes.isVisible())
    holder = focus.view.widget()
    shown = holder.layout().itemAt(0).widget()
    left = shown.mapTo(focus, shown.rect().topLeft()).x()
    right = shown.mapTo(focus, shown.rect().topRight()).x()
    QApplication.processEvents()  # the page lays out its notes row
    notes = focus.notes.geometry()
    assert left > 0
    assert (notes.left(), notes.right()) == (left, right)
    assert "Tab" in focus.hint.text()  # the hint says how to reach them
    assert focus.hint.fontMetrics().horizontalAdvance(focus.hint.text()) <= focus.hint.width()


def test_theme_menu_switches_and_remembers(window: MainWindow, meeting: Meeting) -> None:
    meeting.theme_actions[DARK].trigger()
    assert window.settings.value(SETTINGS_KEY) == DARK
    assert window.palette().color(QPalette.ColorRole.Window).name() == PALETTES[DARK].window
    meeting.theme_actions[PROJECTOR].trigger()
    assert window.palette().color(QPalette.ColorRole.Window).name() == PALETTES[PROJECTOR].window


def test_the_focus_page_is_walked_and_annotated_from_the_keyboard_alone(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, board_path: Path
) -> None:
    """Ctrl+5 put the cursor in the notes, where ← → moved the caret instead of the card, and Esc
    in the notes left the page for the board: no card but the first could be annotated by keys."""
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    focus = meeting.focus
    assert QApplication.focusWidget() is focus
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    second = focus.current_item()
    assert second is not None and focus.index() == 1
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # into the notes
    assert QApplication.focusWidget() is focus.notes
    qtbot.keyClicks(focus.notes, "Talked it through")
    qtbot.keyClick(focus.notes, Qt.Key.Key_Escape)  # back to walking the board, still on Focus
    assert window.current_page() is focus and QApplication.focusWidget() is focus
    qtbot.keyClick(focus, Qt.Key.Key_Right)
    assert focus.index() == 2
    qtbot.keyClick(focus, Qt.Key.Key_Escape)  # and Esc on the page itself returns to the board
    assert window.current_page() is window.pages["board"]
    window.qt_document.document.close()
    with closing(Document.open(board_path)) as document:
        notes = {c.id: c.notes for c in document.board.cards} | {t.id: t.notes for t in document.board.themes}
    assert notes[second.id] == "Talked it through"
