"""Entering a participant: an empty name or an address a draft cannot go to is said at once; OK waits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from pmdesk.model.board import Participant
from pmdesk.ui.board.dialogs import ParticipantDialog


def ok_button(dialog: ParticipantDialog) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    return box.button(QDialogButtonBox.StandardButton.Ok)


def test_a_bad_address_is_explained_and_ok_waits_for_a_good_one(qtbot: QtBot) -> None:
    dialog = ParticipantDialog("Add participant", Participant("", ""))
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.keyClicks(dialog.name, "Ana Ruiz")
    qtbot.keyClicks(dialog.email, "ana@[example.org")
    assert dialog.email_problem.isVisible()
    assert "the part after the @ is not a domain name" in dialog.email_problem.text()
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() == 0
    dialog.email.clear()
    qtbot.keyClicks(dialog.email, "ana@example.org")
    assert not dialog.email_problem.isVisible()
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.result() == 1


def test_no_address_at_all_is_fine(qtbot: QtBot) -> None:
    dialog = ParticipantDialog("Add participant", Participant("", "Li"))
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == 1


def test_enter_with_no_name_keeps_the_dialog_and_what_was_typed(qtbot: QtBot) -> None:
    """Enter with the name left empty closed the dialog: the role and address typed were lost
    (the status bar then said a name must not be empty)."""
    dialog = ParticipantDialog("Add participant", Participant("", ""))
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.keyClicks(dialog.role, "Incident commander")
    qtbot.keyClicks(dialog.email, "ana@example.org")
    qtbot.keyClick(dialog.email, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.name_problem.isVisible() and dialog.name_problem.text() == "A participant needs a name."
    assert dialog.name.hasFocus() or dialog.focusWidget() is dialog.name
    qtbot.keyClicks(dialog.name, "Ana Ruiz")
    assert not dialog.name_problem.isVisible()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert not dialog.isVisible() and dialog.result() == 1
    assert (dialog.role.text(), dialog.email.text()) == ("Incident commander", "ana@example.org")
