"""Menus work from the keyboard: every item has a mnemonic, unique within its menu."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QMenu

from pmdesk.ui.main_window import MainWindow

# Lists that change with the user's data (recent files) carry no mnemonics.
DATA_LISTS = {"Open Recent"}


def mnemonic(text: str) -> str | None:
    """The letter after a single ``&`` (``&&`` is a literal ampersand), lower-cased."""
    index = 0
    while index < len(text) - 1:
        if text[index] == "&":
            if text[index + 1] != "&":
                return text[index + 1].lower()
            index += 1
        index += 1
    return None


def menus(menu: QMenu, path: str) -> Iterator[tuple[str, QMenu]]:
    """A menu and its submenus, each with its path."""
    yield path, menu
    for action in menu.actions():
        sub = action.menu()
        if sub is not None:
            yield from menus(sub, f"{path}/{action.text().replace('&', '')}")


def test_every_menu_has_unique_mnemonics(window: MainWindow) -> None:
    problems = []
    for top in window.menuBar().actions():
        problems += [] if mnemonic(top.text()) else [f"menu bar: {top.text()!r} has no mnemonic"]
        for path, menu in menus(top.menu(), top.text().replace("&", "")):
            if path.rsplit("/", 1)[-1] in DATA_LISTS:
                continue
            seen: dict[str, str] = {}
            for action in menu.actions():
                if action.isSeparator() or not action.isVisible():
                    continue
                letter = mnemonic(action.text())
                if letter is None:
                    problems.append(f"{path}: {action.text()!r} has no mnemonic")
                elif letter in seen:
                    problems.append(f"{path}: {action.text()!r} and {seen[letter]!r} share &{letter}")
                else:
                    seen[letter] = action.text()
    bar = [mnemonic(a.text()) for a in window.menuBar().actions()]
    assert len(bar) == len(set(bar)), bar
    assert not problems, "\n".join(problems)


def test_mnemonic_reads_the_letter_after_a_single_ampersand() -> None:
    assert mnemonic("Save &As…") == "a"
    assert mnemonic("R&&D &notes") == "n"
    assert mnemonic("R&&D") is None


# Short words a title leaves in lower case, and names that are always written so.
LOWER = {"a", "an", "and", "as", "by", "for", "from", "in", "into", "of", "on", "or", "out", "the", "to"}
LOWER |= {"pmdesk"}
# Lists of names written as they are elsewhere: participants, the tabs, the themes.
NAMES = {"Author of Next Cards", "Go to", "Theme"}


def test_menu_items_are_in_title_case_like_the_rest(window: MainWindow) -> None:
    """The File menu read "Email report…" among "Save a Copy…" and "Library…"."""
    problems = []
    for top in window.menuBar().actions():
        for path, menu in menus(top.menu(), top.text().replace("&", "")):
            if path.split("/")[-1] in DATA_LISTS | NAMES:
                continue
            for action in menu.actions():
                text = action.text().replace("&", "").rstrip("…")
                words = [word.strip("()") for word in text.split() if not word.startswith("(.")]
                lower = [w for w in words[1:] if w and w[0].islower() and w not in LOWER]
                if lower or (words and words[0][:1].islower()):
                    problems.append(f"{path}: {text!r}")
    assert problems == [], "\n".join(problems)
