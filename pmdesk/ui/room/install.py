"""Put the room in the window: Meeting ▸ Open the Room…, Show Join Code, and the Room view's buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QWidget

from pmdesk.ui.room.control import RoomControl, room_button_text

if TYPE_CHECKING:
    from pmdesk.ui.meeting.install import Meeting


class RoomControls(QWidget):
    """The Room view's buttons: open or close the room, and show or hide the join code."""

    def __init__(self, control: RoomControl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RoomControls")
        self.control = control
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 8, 24, 8)
        self.open_button = QPushButton(room_button_text(control), self)
        self.open_button.setObjectName("RoomOpenButton")
        self.open_button.setToolTip("Participants join from their phones on this network")
        self.open_button.clicked.connect(lambda _c=False: control.open_dialog())
        self.join_button = QPushButton("Show join code", self)
        self.join_button.setObjectName("RoomJoinButton")
        self.join_button.setCheckable(True)
        self.join_button.toggled.connect(control.show_join)
        layout.addWidget(self.open_button)
        layout.addWidget(self.join_button)
        layout.addStretch(1)
        control.changed.connect(self.update_buttons)
        self.update_buttons()

    def update_buttons(self) -> None:
        """Follow the room: open or closed, join code shown or not."""
        control = self.control
        self.open_button.setText(room_button_text(control))
        self.join_button.setVisible(control.is_open)
        self.join_button.blockSignals(True)
        self.join_button.setChecked(control.controller.join_shown)
        self.join_button.blockSignals(False)


def install_room(meeting: Meeting) -> RoomControl:
    """Add the room's menu items and buttons to the meeting of a window."""
    window = meeting.window
    control = RoomControl(window, meeting.controller)
    menu = meeting.meeting_menu
    menu.addSeparator()
    open_action = QAction("Open the R&oom…", window)
    open_action.setObjectName("OpenRoomAction")
    open_action.triggered.connect(lambda _c=False: control.open_dialog())
    join_action = QAction("Show &Join Code", window)
    join_action.setObjectName("ShowJoinCodeAction")
    join_action.setCheckable(True)
    menu.addAction(open_action)
    menu.addAction(join_action)
    window.addAction(open_action)
    window.addAction(join_action)

    def follow_room() -> None:
        open_action.setText("Close the R&oom" if control.is_open else "Open the R&oom…")
        join_action.blockSignals(True)
        join_action.setChecked(control.controller.join_shown)
        join_action.blockSignals(False)

    def join_toggled(on: bool) -> None:
        if control.is_open:
            control.show_join(on)
        else:
            control.open_dialog()  # with the room closed, showing its join code first opens it
        follow_room()  # a cancelled dialog leaves the item unchecked

    join_action.toggled.connect(join_toggled)
    control.changed.connect(follow_room)
    # The room's first cards arrive together: the hint's matcher is ready before they do.
    control.changed.connect(lambda: meeting.hint.matcher() if control.is_open else None)
    follow_room()
    buttons = RoomControls(control, meeting.room)
    layout = meeting.room.layout()
    if isinstance(layout, QBoxLayout):
        layout.insertWidget(0, buttons)
    meeting.controller.room_changed.connect(lambda: buttons.setVisible(not meeting.controller.presenting))
    return control
