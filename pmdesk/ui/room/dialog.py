"""Open the room: which address the phones reach, and the hotspot's Wi-Fi (shown, never stored)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.ui.plain import plain_label
from pmdesk.ui.room.addresses import Address, local_addresses

MAX_SSID_BYTES = 32  # an SSID is at most 32 bytes
WPA_PASSWORD = (8, 63)  # a WPA passphrase's length in characters


@dataclass(frozen=True)
class RoomRequest:
    """What the facilitator chose: where to listen, the Wi-Fi to show, and whether names are optional."""

    host: str
    ssid: str = ""
    password: str = ""
    anonymous: bool = True


def wifi_problem(ssid: str, password: str) -> str | None:
    """Why the Wi-Fi details cannot make a join code, or None when they can (or are left empty)."""
    if not ssid and password:
        return "Give the Wi-Fi's name too, or leave the password empty."
    if len(ssid.encode("utf-8")) > MAX_SSID_BYTES:
        return f"A Wi-Fi name is at most {MAX_SSID_BYTES} bytes."
    if any(not char.isprintable() for char in ssid + password):
        return "The Wi-Fi name and password hold no control characters."
    low, high = WPA_PASSWORD
    if password and not low <= len(password) <= high:
        return f"A WPA password has {low} to {high} characters."
    return None


class OpenRoomDialog(QDialog):
    """Choose the address to serve on and, optionally, the hotspot's Wi-Fi name and password."""

    def __init__(self, parent: QWidget | None = None, addresses: list[Address] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OpenRoomDialog")
        self.setWindowTitle("Open the room")
        self.addresses = addresses if addresses is not None else local_addresses()
        layout = QVBoxLayout(self)
        intro = plain_label(
            "Participants join from their phones on this network: the projector shows a QR code "
            "and the address. Their cards arrive face down until you reveal them."
        )
        layout.addWidget(intro)

        form = QFormLayout()
        self.address = QComboBox(self)
        self.address.setObjectName("RoomAddress")
        for address in self.addresses:
            self.address.addItem(address.label(), address.host)
        first = next((i for i, a in enumerate(self.addresses) if not a.loopback), 0)
        self.address.setCurrentIndex(first)
        form.addRow("&Address:", self.address)
        self.anonymous = QCheckBox("Participants may write without choosing their name", self)
        self.anonymous.setObjectName("RoomAnonymous")
        self.anonymous.setChecked(True)
        form.addRow("", self.anonymous)
        layout.addLayout(form)

        wifi = QGroupBox("Hotspot Wi-Fi (optional)", self)
        wifi_form = QFormLayout(wifi)
        self.ssid = QLineEdit(wifi)
        self.ssid.setObjectName("RoomWifiName")
        self.ssid.setPlaceholderText("the network's name")
        self.password = QLineEdit(wifi)
        self.password.setObjectName("RoomWifiPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("empty for an open network")
        self.show_password = QCheckBox("Show", wifi)
        self.show_password.toggled.connect(
            lambda on: self.password.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        wifi_form.addRow("&Network name:", self.ssid)
        wifi_form.addRow("Pass&word:", self.password)
        wifi_form.addRow("", self.show_password)
        wifi_form.addRow(
            plain_label(
                "The projector shows a second QR code that joins this network, with its name "
                "and password. They are kept only while the room is open, never in the board."
            )
        )
        layout.addWidget(wifi)

        self.problem = plain_label("", self)
        self.problem.setObjectName("RoomProblem")
        dark = self.palette().window().color().lightness() < 128
        self.problem.setStyleSheet(f"color:{'#ff9e9e' if dark else '#a4161a'};font-weight:bold;")
        self.problem.setVisible(False)
        layout.addWidget(self.problem)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.open_button: QPushButton = self.buttons.addButton(
            "&Open the room", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button.setObjectName("OpenRoomButton")
        self.open_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.ssid.textChanged.connect(self._check)
        self.password.textChanged.connect(self._check)
        self._check()
        self.setMinimumWidth(520)

    def _check(self) -> None:
        problem = wifi_problem(self.ssid.text(), self.password.text())
        if not self.addresses:
            problem = "This computer has no network address to serve on."
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)
        self.open_button.setEnabled(problem is None)

    def request(self) -> RoomRequest:
        """The choices made."""
        return RoomRequest(
            host=str(self.address.currentData()),
            ssid=self.ssid.text(),
            password=self.password.text() if self.ssid.text() else "",
            anonymous=self.anonymous.isChecked(),
        )
