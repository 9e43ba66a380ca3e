"""End-to-end fixtures: an Xvfb server for the session and ``room``, the real window on a board.

Every test in this folder is marked ``e2e`` (run them alone with ``pytest -m e2e``). They need
Xvfb and xdotool; without them each test is skipped with the reason.

    def test_something(room: RoomFactory) -> None:
        window = room()                      # the demo board, window shown and focused
        window.key("ctrl+8")
        window.type("Rollbacks are cheap")
        assert window.export()["session"]["takeaways"] == "Rollbacks are cheap"
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.e2e.room import Room, missing_tools, window_manager, xvfb

RoomFactory = Callable[..., Room]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of this folder ``e2e``."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def x_display() -> Iterator[str]:
    """A private Xvfb display (1920×1080) shared by the session's end-to-end tests."""
    missing = missing_tools()
    if missing:
        pytest.skip(f"end-to-end tests need {' and '.join(missing)} (apt-get install xvfb xdotool)")
    with xvfb() as display:
        yield display


@pytest.fixture(scope="session")
def x_display_with_window_manager() -> Iterator[str]:
    """A second private Xvfb display with a window manager (openbox), as on a real desktop.

    A window manager gives the keyboard to any window that opens: a widget that opens as a
    window of its own for an instant steals keystrokes there, and nowhere without one.
    """
    missing = missing_tools() + ([] if shutil.which("openbox") else ["openbox"])
    if missing:
        needs = " and ".join(missing)
        pytest.skip(f"this end-to-end test needs {needs} (apt-get install xvfb xdotool openbox)")
    with xvfb() as display, window_manager(display):
        yield display


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo board, written once through the command line."""
    path = tmp_path_factory.mktemp("demo") / "demo.pmdesk"
    subprocess.run([sys.executable, "-m", "pmdesk", "demo", str(path)], check=True, timeout=60)
    return path


@pytest.fixture
def room(x_display: str, demo_file: Path, tmp_path: Path) -> Iterator[RoomFactory]:
    """Start the real window: ``room()`` on a copy of the demo board, ``room(path)`` on a board."""
    yield from _rooms(x_display, demo_file, tmp_path)


@pytest.fixture
def room_with_window_manager(
    x_display_with_window_manager: str, demo_file: Path, tmp_path: Path
) -> Iterator[RoomFactory]:
    """As ``room``, on a display where a window manager runs."""
    yield from _rooms(x_display_with_window_manager, demo_file, tmp_path)


def _rooms(x_display: str, demo_file: Path, tmp_path: Path) -> Iterator[RoomFactory]:
    started: list[Room] = []

    def start(board: Path | None = None) -> Room:
        if board is None:
            board = tmp_path / "board.pmdesk"
            shutil.copyfile(demo_file, board)  # a closed board in DELETE journal mode is one file
        window = Room(x_display, board, tmp_path / f"home{len(started)}")
        started.append(window)
        return window.start()

    yield start
    for window in started:
        output = window.close()
        assert "Traceback" not in output, output
