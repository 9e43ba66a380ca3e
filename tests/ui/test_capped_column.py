"""A column sized to its contents, but never more than its share of the table (it wraps)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from pmdesk.model.board_ops import set_participant_field
from pmdesk.ui.facts.actions_model import OWNER, TEXT
from pmdesk.ui.facts.actions_page import ActionsPage
from pmdesk.ui.main_window import MainWindow


def test_a_long_owner_name_leaves_the_width_to_the_action(qtbot: QtBot, window: MainWindow) -> None:
    """A pasted owner name sized the Owner column to itself and squeezed the actions to a strip."""
    document = window.qt_document
    window.resize(1366, 768)
    window.show_page("actions")
    page = window.pages["actions"]
    assert isinstance(page, ActionsPage)
    header = page.table.horizontalHeader()
    owner = next(action.owner for action in document.board.actions if action.owner is not None)
    name = next(person.name for person in document.board.participants if person.id == owner)
    metrics = page.table.fontMetrics()
    qtbot.waitUntil(lambda: header.sectionSize(OWNER) >= metrics.horizontalAdvance(name))  # fits whole
    long_name = f"{name} of the payments platform reliability and incident response rotation, acting"
    assert document.attempt(set_participant_field, owner, "name", long_name)
    qtbot.waitUntil(lambda: header.sectionSize(OWNER) <= page.table.viewport().width() // 5)
    assert header.sectionSize(TEXT) > header.sectionSize(OWNER)
    document.undo_stack.undo()  # the short name fits whole again
    qtbot.waitUntil(lambda: header.sectionSize(OWNER) < page.table.viewport().width() // 5)
    assert header.sectionSize(OWNER) >= metrics.horizontalAdvance(name)
