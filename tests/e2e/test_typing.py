"""Typing at a person's speed into every text field of every page loses no keystroke."""

from __future__ import annotations

import json

from tests.e2e.conftest import RoomFactory

# Pages with text fields, by their Ctrl+digit key.
PAGES = {"facts": "ctrl+1", "board": "ctrl+4", "focus": "ctrl+5", "wrap-up": "ctrl+8"}


def test_every_text_field_keeps_every_keystroke(room: RoomFactory) -> None:
    window = room()
    typed: list[str] = []
    for page, key in PAGES.items():
        window.key(key)
        assert window.page() == page
        fields = window.ask("text_inputs()")
        assert fields, f"no text field on {page}"
        for number in range(len(fields)):
            field = window.ask("text_inputs()")[number]  # places move as fields fill
            x, y, width, height = field["rect"]
            point = (x + width // 2, y + min(height // 2, 20))
            window.click(*point)
            fx, fy, fw, fh = window.focus()["rect"]
            assert fx <= point[0] < fx + fw and fy <= point[1] < fy + fh, f"the click missed {field}"
            window.key("End" if field["class"] == "QLineEdit" else "ctrl+End")
            text = f" QWERTYUIOP{len(typed)}asdfghjkl"
            window.type(text)
            typed.append(text.strip())
            if field["class"] == "CardEntry":
                window.key("Return")  # a card is added on Enter
            elif field["class"] == "QLineEdit":
                window.key("Tab")  # a line is finished by leaving it
    saved = json.dumps(window.export(), ensure_ascii=False)
    lost = [text for text in typed if text not in saved]
    assert not lost, f"keystrokes lost in {lost}"
    assert len(typed) >= 12  # title, reference, severity, services, 3 texts, 4 card entries, notes, takeaways


def test_key_takeaways_keep_every_keystroke_under_a_window_manager(
    room_with_window_manager: RoomFactory,
) -> None:
    window = room_with_window_manager()
    for _phase in range(7):
        window.key("ctrl+Next")  # the meeting at Wrap-up, its countdown running
    window.key("ctrl+8")
    lines = ["QWERTYUIOPASDFGHJKL", "qwertyuiopasdfghjkl", "ZXCVBNM zxcvbnm 1234567890"]
    for line in lines:
        window.type(line)
        window.key("Return")
    window.key("F5")  # and presenting
    window.key("ctrl+8", "ctrl+End")
    window.type("Rollbacks are cheap")
    assert window.export()["session"]["takeaways"] == "\n".join(lines) + "\nRollbacks are cheap"
