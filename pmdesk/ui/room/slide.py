"""The projector's join slide: a large QR code of the join URL, the URL in large type, the Wi-Fi
join code when one was given, how many devices joined and how many cards lie face down."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from pmdesk.model.board import Board
from pmdesk.ui.meeting.render import Look, column
from pmdesk.ui.plain import plain_label
from pmdesk.ui.room.qr import QrCode, wifi_payload


@dataclass(frozen=True)
class RoomShown:
    """What the room shows about itself: the join URL, the Wi-Fi, and who joined."""

    url: str
    ssid: str = ""
    password: str = ""
    devices: int = 0


def devices_text(count: int) -> str:
    """ "1 device joined", "3 devices joined", "No device has joined yet"."""
    if count == 0:
        return "No device has joined yet"
    return "1 device joined" if count == 1 else f"{count} devices joined"


def cards_text(count: int) -> str:
    """ "1 card", "3 cards"."""
    return "1 card" if count == 1 else f"{count} cards"


class ExactLabel(QLabel):
    """Text a person copies by hand (the join URL, the Wi-Fi's name and password), exactly as it is.

    Monospace (0 and O, 1, l and I differ), never wrapped at a hyphen or between words like
    prose: one line at the largest size from ``max_px`` down to ``min_px`` that fits the width.
    Only when even ``min_px`` is too wide is it broken, between two whole characters, with no
    hyphen added and no space left unseen at a line's end. ``value`` keeps the text itself.
    """

    def __init__(self, value: str, max_px: int, min_px: int, bold: bool = False) -> None:
        super().__init__()
        self.value = value
        self.max_px = max_px
        self.min_px = min(min_px, max_px)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        font = self.font()
        font.setFamily("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setBold(bold)
        font.setPixelSize(max_px)
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setText(value)
        self.setMinimumHeight(QFontMetrics(font).height())

    def lines(self) -> list[str]:
        """The lines shown now (one, unless the value cannot fit the width at ``min_px``)."""
        return self.text().split("\n")

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the value to the new width."""
        super().resizeEvent(event)
        self.fit(max(1, self.width() - 4))

    def fit(self, width: int) -> None:
        """The largest size that fits ``width`` on one line, else lines broken between characters."""
        font = self.font()
        font.setPixelSize(self.max_px)
        wide = QFontMetrics(font).horizontalAdvance(self.value)
        size = self.max_px if wide <= width else max(self.min_px, self.max_px * width // max(1, wide))
        font.setPixelSize(size)
        metrics = QFontMetrics(font)
        while size > self.min_px and metrics.horizontalAdvance(self.value) > width:
            size -= 1
            font.setPixelSize(size)
            metrics = QFontMetrics(font)
        lines = break_between_characters(self.value, width, metrics.horizontalAdvance)
        text = "\n".join(lines)
        if size != self.font().pixelSize():
            self.setFont(font)
        if text != self.text():
            self.setText(text)
        self.setFixedHeight(metrics.lineSpacing() * len(lines) + metrics.descent())


def _joins(before: str, after: str) -> bool:
    """True when no line may end between ``before`` and ``after`` (one character as drawn)."""
    return (
        after in "\u200d\ufe0e\ufe0f"
        or before == "\u200d"
        or unicodedata.combining(after) != 0
        or unicodedata.category(after) in ("Mn", "Me", "Mc")
    )


def break_between_characters(text: str, width: int, advance: Callable[[str], int]) -> list[str]:
    """``text`` in lines no wider than ``width`` (when a character allows), broken between whole
    characters; a space is never the last of a line (it starts the next, where it shows)."""
    if advance(text) <= width:
        return [text]
    lines: list[str] = []
    line = ""
    for index, char in enumerate(text):
        if line and advance(line + char) > width and not _joins(text[index - 1], char):
            kept = line.rstrip(" ")
            if kept:
                lines.append(kept)
                line = line[len(kept) :]
        line += char
    lines.append(line)
    return lines


def _qr_box(text: str, name: str, minimum: int) -> QFrame:
    """A QR code as large as its place allows (at least ``minimum`` pixels), on white whatever the theme."""
    frame = QFrame()
    frame.setObjectName(name)
    frame.setStyleSheet(f"QFrame#{name}{{background:white;border-radius:8px;}}")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(0, 0, 0, 0)
    code = QrCode(text, frame)
    code.setObjectName(f"{name}Code")
    code.setMinimumSize(minimum, minimum)
    layout.addWidget(code)
    frame.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return frame


def room_slide(look: Look, board: Board, shown: RoomShown, face_down: dict[str, int]) -> QWidget:
    """The join slide: QR and URL, the Wi-Fi's own code, joined devices, cards face down per section."""
    c = look.colours
    widget, layout = column(look.px(0.6))
    widget.setObjectName("RoomSlide")
    row = QHBoxLayout()
    row.setSpacing(look.px(1.2))
    row.addWidget(_qr_box(shown.url, "JoinQr", look.px(10)), 5)

    side, side_layout = column(look.px(0.45))
    side_layout.addWidget(look.label("Join from your phone", 2.0, c.accent, bold=True))
    side_layout.addWidget(
        look.label("Scan the code, or type the address below. Your cards stay private until the reveal.", 1.0)
    )
    devices = look.label(devices_text(shown.devices), 1.4, c.text, bold=True)
    devices.setObjectName("RoomDevices")
    side_layout.addWidget(devices)
    if shown.ssid:
        side_layout.addSpacing(look.px(0.6))
        side_layout.addWidget(look.label("First join the Wi-Fi", 1.0, c.accent, bold=True))
        wifi_row = QHBoxLayout()
        wifi_row.setSpacing(look.px(0.6))
        wifi_code = _qr_box(wifi_payload(shown.ssid, shown.password), "WifiQr", look.px(5))
        wifi_code.setFixedSize(look.px(10), look.px(10))
        wifi_row.addWidget(wifi_code, 0, Qt.AlignmentFlag.AlignTop)
        words, words_layout = column(look.px(0.15))
        _credential(look, words_layout, "Network", shown.ssid, "RoomWifiName")  # at most 32 bytes
        words_layout.addStretch(1)
        wifi_row.addWidget(words, 1)
        side_layout.addLayout(wifi_row)
        if shown.password:  # up to 63 characters: the side's whole width, so it stays large
            secret, secret_layout = column(look.px(0.15))
            _credential(look, secret_layout, "Password", shown.password, "RoomWifiPassword")
            side_layout.addWidget(secret)
    side_layout.addStretch(1)
    row.addWidget(side, 6)
    layout.addLayout(row, 1)

    url = ExactLabel(shown.url, look.px(2.2), look.px(1.0), bold=True)
    url.setObjectName("RoomUrl")
    url.setAlignment(Qt.AlignmentFlag.AlignCenter)
    url.setStyleSheet(f"color:{c.text};background:transparent;")
    layout.addWidget(url)
    layout.addWidget(_counts(look, board, face_down))
    return widget


def _credential(look: Look, layout: QVBoxLayout, caption: str, value: str, name: str) -> None:
    """A caption ("Password") over its value, which is shown whole and exactly (``ExactLabel``)."""
    layout.addWidget(look.label(caption, 0.7, look.colours.muted, bold=True))
    shown = ExactLabel(value, look.px(1.0), look.px(0.8))  # smaller would not read from the back
    shown.setObjectName(name)
    shown.setStyleSheet(f"color:{look.colours.text};background:transparent;")
    layout.addWidget(shown)


def _counts(look: Look, board: Board, face_down: dict[str, int]) -> QWidget:
    """Per section, how many cards lie face down (never what they say)."""
    c = look.colours
    holder = QWidget()
    holder.setObjectName("RoomCounts")
    grid = QGridLayout(holder)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(look.px(0.5))
    grid.setVerticalSpacing(look.px(0.3))
    total = sum(face_down.values())
    across = counts_per_row(len(board.sections))
    grid.addWidget(
        look.label(f"Written so far, face down: {cards_text(total)}", 0.9, c.muted, bold=True),
        0,
        0,
        1,
        across,
    )
    for col in range(across):
        grid.setColumnStretch(col, 1)
    for index, section in enumerate(board.sections):
        count = face_down.get(section.id, 0)
        note = look.note(f"{section.title}: {count}", c.button, c.button_text, 0.9, bold=True)
        note.setProperty("section", section.id)
        note.setProperty("count", count)
        grid.addWidget(note, 1 + index // across, index % across)
    return holder


def counts_per_row(sections: int) -> int:
    """How many section counts the join slide shows side by side: four, more as rows would grow."""
    return max(1, min(sections, max(4, math.ceil(math.sqrt(2 * sections)))))


def join_line(look: Look, shown: RoomShown) -> QLabel:
    """A small reminder at the foot of other slides: where late arrivals join."""
    line = plain_label(f"Join: {shown.url}   ·   {devices_text(shown.devices)}", wrap=False)
    line.setObjectName("RoomJoinLine")
    line.setStyleSheet(
        f"font-size:{look.px(0.6)}px;color:{look.colours.muted};background:transparent;font-family:monospace;"
    )
    return line
