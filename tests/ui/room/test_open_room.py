"""Opening the room from the window: the dialog, the join slide on the projector, closing."""

from __future__ import annotations

import gc
import shutil
import subprocess
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pmdesk.app import build_window
from pmdesk.room.gateway import RoomGateway
from pmdesk.store.document import Document
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.main_window import MainWindow, WindowHooks
from pmdesk.ui.meeting.install import Meeting
from pmdesk.ui.room.addresses import Address
from pmdesk.ui.room.control import RoomControl
from pmdesk.ui.room.dialog import OpenRoomDialog, RoomRequest
from pmdesk.ui.room.gateway import WindowGateway
from pmdesk.ui.room.qr import QrCode, wifi_payload
from pmdesk.ui.room.slide import ExactLabel, break_between_characters
from tests.ui.meeting.test_presentation import go, strings_held

ADDRESSES = [
    Address("192.168.7.20", "wlan0"),
    Address("10.42.0.1", "hotspot"),
    Address("127.0.0.1", "lo", True),
]


class FakeServer:
    """Stands in for the room's HTTP server: remembers how it was made, started and closed."""

    def __init__(self, gateway: RoomGateway, host: str) -> None:
        self.gateway = gateway
        self.host = host
        self.started = self.closed = False
        self.joined = 0

    @property
    def url(self) -> str:
        return f"http://{self.host}:43817/j/TOKEN"

    def start(self) -> None:
        self.started = True

    def devices(self) -> int:
        return self.joined

    def close(self) -> None:
        self.closed = True

    def failure(self) -> str | None:
        return None


def room_of(meeting: Meeting, made: list[FakeServer]) -> RoomControl:
    control = meeting.room_control

    def factory(gateway: RoomGateway, host: str) -> FakeServer:
        made.append(FakeServer(gateway, host))
        return made[-1]

    control.server_factory = factory
    control.addresses = lambda: ADDRESSES
    return control


def answer(qtbot: QtBot, control: RoomControl, fill: Callable[[OpenRoomDialog], None]) -> None:
    """When the dialog opens, let ``fill`` answer it as a person would."""

    def later() -> None:
        if control.dialog is None:
            QTimer.singleShot(20, later)
            return
        fill(control.dialog)

    QTimer.singleShot(0, later)


def room_button(window: MainWindow) -> QPushButton:
    button = window.findChild(QPushButton, "RoomOpenButton")
    assert isinstance(button, QPushButton)
    return button


def test_open_the_room_from_the_room_view_shows_the_join_slide(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    made: list[FakeServer] = []
    control = room_of(meeting, made)
    window.show_page("room")
    button = room_button(window)
    assert button.text() == "Open the room…"

    def fill(dialog: OpenRoomDialog) -> None:
        assert dialog.address.currentData() == "192.168.7.20"  # the first that is not loopback
        dialog.address.setCurrentIndex(1)
        qtbot.keyClicks(dialog.ssid, "Retro;room")
        qtbot.keyClicks(dialog.password, "short")
        assert not dialog.open_button.isEnabled() and "8 to 63" in dialog.problem.text()
        qtbot.keyClicks(dialog.password, "-but-long")
        assert dialog.open_button.isEnabled()
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)

    answer(qtbot, control, fill)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(made) == 1 and made[0].host == "10.42.0.1" and made[0].started
    assert button.text() == "Close the room"
    room = window.pages["room"]
    qtbot.waitUntil(lambda: room.findChild(QWidget, "RoomSlide") is not None)
    codes = {code.objectName(): code for code in room.findChildren(QrCode)}
    assert codes["JoinQrCode"].text == "http://10.42.0.1:43817/j/TOKEN"
    assert codes["WifiQrCode"].text == wifi_payload("Retro;room", "short-but-long")
    texts = strings_held(room)
    assert "http://10.42.0.1:43817/j/TOKEN" in texts
    assert "Network" in texts and "Retro;room" in texts and "No device has joined yet" in texts
    made[0].joined = 3
    qtbot.waitUntil(lambda: "3 devices joined" in strings_held(room), timeout=3000)
    # the Wi-Fi name and password live in memory only: never in the board, its file or the settings
    assert "short-but-long" not in repr(window.qt_document.board)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # Close the room
    window.qt_document.settle()
    held = window.qt_document.document.path.read_bytes()
    assert b"short-but-long" not in held and b"Retro;room" not in held
    window.settings.sync()
    settings_file = Path(window.settings.fileName())
    stored = settings_file.read_bytes() if settings_file.exists() else b""
    assert b"short-but-long" not in stored and b"Retro" not in stored


def test_closing_the_room_stops_the_server_and_takes_the_code_off_the_projector(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    made: list[FakeServer] = []
    control = room_of(meeting, made)
    actions = {a.objectName(): a for a in window.findChildren(QAction)}
    answer(qtbot, control, lambda d: qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton))
    actions["OpenRoomAction"].trigger()
    assert control.is_open and actions["OpenRoomAction"].text() == "Close the R&oom"
    window.show_page("room")
    room = window.pages["room"]
    qtbot.waitUntil(lambda: room.findChild(QWidget, "RoomSlide") is not None)
    actions["ShowJoinCodeAction"].trigger()  # the phase's own view, with a join line at its foot
    qtbot.waitUntil(lambda: room.findChild(QWidget, "RoomSlide") is None)
    line = room.findChild(QLabel, "RoomJoinLine")
    assert isinstance(line, QLabel) and "http://192.168.7.20:43817/j/TOKEN" in line.text()
    actions["OpenRoomAction"].trigger()  # now "Close the Room"
    assert made[0].closed and not control.is_open
    assert control.gateway is None and meeting.controller.room is None
    qtbot.waitUntil(lambda: room.findChild(QLabel, "RoomJoinLine") is None)
    assert all("TOKEN" not in text for text in strings_held(room))


def test_the_room_closes_with_the_window(qtbot: QtBot, window: MainWindow, meeting: Meeting) -> None:
    made: list[FakeServer] = []
    control = room_of(meeting, made)
    answer(qtbot, control, lambda d: qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton))
    qtbot.mouseClick(room_button(window), Qt.MouseButton.LeftButton)
    gateway = control.gateway
    assert gateway is not None
    window.close()
    assert made[0].closed and gateway.closed


def test_cancel_opens_nothing(qtbot: QtBot, window: MainWindow, meeting: Meeting) -> None:
    made: list[FakeServer] = []
    control = room_of(meeting, made)
    answer(qtbot, control, lambda d: d.reject())
    qtbot.mouseClick(room_button(window), Qt.MouseButton.LeftButton)
    assert not made and not control.is_open


def test_an_address_it_cannot_listen_on_says_so_in_one_line(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    control = meeting.room_control

    def refuse(_gateway: RoomGateway, _host: str) -> FakeServer:
        raise OSError(99, "Cannot assign requested address")

    control.server_factory = refuse
    control.addresses = lambda: ADDRESSES
    messages: list[str] = []
    window.show_error = lambda title, message: messages.append(f"{title}: {message}")  # type: ignore[method-assign]
    answer(qtbot, control, lambda d: qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton))
    qtbot.mouseClick(room_button(window), Qt.MouseButton.LeftButton)
    assert messages == [
        "The room could not open: pmdesk cannot serve on 192.168.7.20: Cannot assign requested address"
    ]
    assert not control.is_open and meeting.controller.room is None


def test_devices_follow_the_meetings_phase(qtbot: QtBot, window: MainWindow, meeting: Meeting) -> None:
    made: list[FakeServer] = []
    control = room_of(meeting, made)
    answer(qtbot, control, lambda d: qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton))
    qtbot.mouseClick(room_button(window), Qt.MouseButton.LeftButton)
    gateway = made[0].gateway
    heard: list[int] = []
    gateway.watch(lambda: heard.append(1))
    go(qtbot, meeting, "reflection")
    assert gateway.phase().mode == "write" and gateway.phase().ends_at is not None
    go(qtbot, meeting, "prioritization")
    assert gateway.phase().mode == "vote" and heard
    go(qtbot, meeting, "actions")
    assert gateway.phase().mode == "view"
    pause = next(a for a in meeting.meeting_menu.actions() if a.text() == "Pause or &Resume Timer")
    pause.trigger()
    qtbot.waitUntil(lambda: gateway.phase().paused_remaining is not None, timeout=3000)
    assert gateway.phase().ends_at is None


def test_a_read_only_board_does_not_open_a_room(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[FakeServer] = []
    control = room_of(meeting, made)
    monkeypatch.setattr(window.qt_document.document.file, "read_only", True)
    messages: list[str] = []
    window.show_error = lambda title, message: messages.append(f"{title}: {message}")  # type: ignore[method-assign]
    qtbot.mouseClick(room_button(window), Qt.MouseButton.LeftButton)
    assert messages == ["The room cannot open: This board is read-only: it cannot take cards."]
    assert not made and control.dialog is None


def test_hostile_wifi_names_stay_plain_text_on_the_projector(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    made: list[FakeServer] = []
    control = room_of(meeting, made)
    control.open(RoomRequest("10.42.0.1", '<img src="file:///etc/passwd"><b>x</b>', "p@ss;word,1"))
    window.show_page("room")
    room = window.pages["room"]
    qtbot.waitUntil(lambda: room.findChild(QLabel, "RoomWifiName") is not None)
    for name in ("RoomWifiName", "RoomWifiPassword", "RoomUrl"):
        label = room.findChild(QLabel, name)
        assert isinstance(label, QLabel) and label.textFormat() == Qt.TextFormat.PlainText, name
    name_label = room.findChild(QLabel, "RoomWifiName")
    assert isinstance(name_label, QLabel)
    assert name_label.text() == '<img src="file:///etc/passwd"><b>x</b>'


def test_show_join_code_with_the_room_closed_asks_to_open_it(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    made: list[FakeServer] = []
    control = room_of(meeting, made)
    show = next(a for a in window.findChildren(QAction) if a.objectName() == "ShowJoinCodeAction")
    answer(qtbot, control, lambda d: d.reject())
    show.trigger()
    assert not control.is_open and not show.isChecked()  # cancelled: nothing opened, nothing checked
    answer(qtbot, control, lambda d: qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton))
    show.trigger()
    assert control.is_open and show.isChecked() and meeting.controller.join_shown
    show.trigger()
    assert control.is_open and not show.isChecked() and not meeting.controller.join_shown


def read_slide_codes(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, request: RoomRequest, shot: Path, *options: str
) -> bytes:
    """Open the room with ``request``, show its join slide and read both codes off a grab with zbarimg."""
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.skip("needs zbarimg (apt-get install zbar-tools) to read the codes back")
    control = room_of(meeting, [])
    control.open(request)
    window.show_page("room")
    room = window.pages["room"]
    qtbot.waitUntil(lambda: room.findChild(QWidget, "RoomSlide") is not None)
    qtbot.wait(50)
    assert room.grab().save(str(shot))
    return subprocess.run(
        [zbarimg, "-q", "--raw", *options, str(shot)], capture_output=True, timeout=30
    ).stdout


def test_both_codes_on_the_slide_decode_to_the_url_and_the_wifi(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, tmp_path: Path
) -> None:
    request = RoomRequest("10.42.0.1", "Retro; room", "pass:word,1")
    read = read_slide_codes(qtbot, window, meeting, request, tmp_path / "slide.png").decode()
    assert sorted(read.split("\n")[:2]) == sorted(
        ["http://10.42.0.1:43817/j/TOKEN", "WIFI:T:WPA;S:Retro\\; room;P:pass\\:word\\,1;;"]
    )


def test_a_wifi_name_beyond_ascii_is_in_the_code_as_utf8_as_phones_read_it(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, tmp_path: Path
) -> None:
    request = RoomRequest("10.42.0.1", "Café Ops", "motdepasse")
    read = read_slide_codes(qtbot, window, meeting, request, tmp_path / "slide.png", "-Sbinary")
    assert "WIFI:T:WPA;S:Café Ops;P:motdepasse;;".encode() in read  # -Sbinary: no line breaks


PASSWORD = 'Zq8-vT3#kLm9_pW2;xR7,nB4:yH6\\jD1"fG5-sA0+uE3=wQ8~cV2xYz0123'  # 63 characters


def exact(room: QWidget, name: str) -> ExactLabel:
    label = room.findChild(ExactLabel, name)
    assert isinstance(label, ExactLabel), name
    return label


def test_the_wifi_password_and_the_url_show_whole_on_one_line_at_720p(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    window.resize(1280, 720)
    control = room_of(meeting, [])
    control.open(RoomRequest("10.42.0.1", "Incident-Room-Hotspot-Floor3-East", PASSWORD))
    window.show_page("room")
    room = window.pages["room"]
    qtbot.waitUntil(lambda: room.findChild(ExactLabel, "RoomWifiPassword") is not None)
    qtbot.wait(50)
    for name, value in (
        ("RoomWifiPassword", PASSWORD),
        ("RoomWifiName", "Incident-Room-Hotspot-Floor3-East"),
        ("RoomUrl", "http://10.42.0.1:43817/j/TOKEN"),
    ):
        label = exact(room, name)
        assert label.lines() == [value], name  # not wrapped at a hyphen, no character put in
        assert label.fontMetrics().horizontalAdvance(value) <= label.width(), name  # nothing cut off
        assert label.font().pixelSize() >= label.min_px, name


def test_a_password_too_long_for_its_place_breaks_between_whole_characters(
    qtbot: QtBot,
) -> None:
    label = ExactLabel("Ops room 5G " + PASSWORD, 40, 20)
    qtbot.addWidget(label)
    label.resize(300, 40)
    label.show()
    qtbot.waitExposed(label)
    lines = label.lines()
    assert len(lines) > 1 and "".join(lines) == "Ops room 5G " + PASSWORD
    assert label.font().pixelSize() == 20
    assert all(line and not line.endswith(" ") for line in lines)  # a space at a break stays in view
    assert all(label.fontMetrics().horizontalAdvance(line) <= 296 for line in lines)
    assert label.height() >= label.fontMetrics().lineSpacing() * len(lines)


def test_lines_never_break_inside_a_character_as_drawn() -> None:
    text = "ab\u0301cd👩\u200d💻ef"
    lines = break_between_characters(text, 1, len)
    assert "".join(lines) == text
    assert "\u0301" not in [line[0] for line in lines]
    assert all(not line.startswith("\u200d") and not line.endswith("\u200d") for line in lines)


def test_a_window_deleted_without_closing_still_stops_its_room(
    qtbot: QtBot, board_path: Path, settings: QSettings
) -> None:
    document = Document.open(board_path)
    qt_document = QtDocument(document)
    hooks = WindowHooks(lambda: None, lambda _path: None, lambda: [], lambda: None)
    main = build_window(qt_document, hooks, settings)
    qt_document.setParent(main)
    meeting = main.findChild(Meeting)
    assert meeting is not None
    made: list[FakeServer] = []
    room_of(meeting, made).open(RoomRequest("127.0.0.1"))
    gateway = made[0].gateway
    assert isinstance(gateway, WindowGateway)
    main.deleteLater()
    qtbot.waitUntil(lambda: made[0].closed, timeout=3000)
    assert gateway.closed
    document.close()


def test_while_the_room_is_open_the_collector_leaves_the_windows_objects_alone(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    made: list[FakeServer] = []
    control = room_of(meeting, made)
    actions = {a.objectName(): a for a in window.findChildren(QAction)}
    assert gc.get_freeze_count() == 0
    answer(qtbot, control, lambda d: qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton))
    actions["OpenRoomAction"].trigger()
    assert control.is_open
    assert gc.get_freeze_count() > 1000  # the window and the board: not walked by a full collection
    actions["OpenRoomAction"].trigger()  # Close the Room
    assert not control.is_open and gc.get_freeze_count() == 0


def test_the_window_serves_the_page_in_the_laptops_language_direction(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "he_IL.UTF-8")
    control = meeting.room_control  # the real server
    assert control.open(RoomRequest("127.0.0.1"))
    try:
        assert control.server is not None
        with urllib.request.urlopen(control.server.url, timeout=10) as answer:
            page = answer.read().decode()
        assert '<html lang="he-IL" dir="rtl">' in page
    finally:
        control.close()


def test_the_join_slide_fits_twelve_sections_at_720p(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    from pmdesk.model.board_ops import add_section

    for number in range(8):
        assert window.qt_document.attempt(add_section, f"Customer communication {number + 1}")
    assert len(window.qt_document.board.sections) == 12
    window.resize(1280, 720)
    window.show()
    made: list[FakeServer] = []
    control = room_of(meeting, made)
    assert control.open(RoomRequest("127.0.0.1", anonymous=True))
    window.show_page("room")
    room = window.pages["room"]
    qtbot.waitUntil(lambda: room.findChild(QWidget, "RoomCounts") is not None)
    counts = room.findChild(QWidget, "RoomCounts")
    assert counts is not None
    qtbot.waitUntil(lambda: counts.width() > 0)
    notes = [note for note in counts.findChildren(QWidget) if note.property("section") is not None]
    assert len(notes) == 12
    right = max(note.mapTo(room, note.rect().topRight()).x() for note in notes)
    assert right <= room.width()  # every count is on the slide, none beyond its right edge
    assert counts.minimumSizeHint().width() <= room.width()
    control.close()
