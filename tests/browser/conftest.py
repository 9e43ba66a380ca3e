"""Browser tests: the room's page in headless Chromium (Debian's chromium and chromium-driver).

Every test here is marked ``browser``; run them alone with ``pytest -m browser``. Selenium uses
/usr/bin/chromedriver through a Service and never downloads a driver (``SE_OFFLINE``). Without
Chromium or its driver each test is skipped with the reason.
"""

from __future__ import annotations

import itertools
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pytestqt.qtbot import QtBot

from pmdesk.model.demo import demo_board
from pmdesk.store.document import Document
from tests.ui.conftest import settings, window
from tests.ui.meeting.conftest import fake_time, meeting

__all__ = ["fake_time", "meeting", "settings", "window"]

T = TypeVar("T")
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
PHONE = (390, 844)  # CSS pixels of a phone held upright


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of this folder ``browser``."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def off_gui(qtbot: QtBot, job: Callable[[], T], timeout: float = 30.0) -> T:
    """Run ``job`` on a thread while the GUI thread keeps serving the room (which waits on it)."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = job()
        except BaseException as error:
            box["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=int(timeout * 1000))
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


@pytest.fixture
def board_path(tmp_path: Path) -> Path:
    """The demo board with no dots yet and tallies hidden: a meeting about to reflect and vote."""
    board = replace(demo_board(), votes=[])
    board.session = replace(board.session, votes_hidden=True)
    path = tmp_path / "room.pmdesk"
    Document.create(path, board).close()
    return path


@pytest.fixture
def phones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], Any]]:
    """``phone()``: a new headless Chromium session the size of a phone, with its own storage."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not shutil.which(p)]
    if missing:
        pytest.skip(f"needs {' and '.join(missing)} (apt-get install chromium chromium-driver)")
    monkeypatch.setenv("SE_OFFLINE", "true")  # Selenium Manager must fetch nothing
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    drivers: list[Any] = []
    numbers = itertools.count()  # each phone its own profile, even when two start at once

    def phone() -> Any:
        number = next(numbers)
        options = Options()
        options.binary_location = CHROMIUM
        for argument in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-extensions",
            "--disable-background-networking",
            f"--window-size={PHONE[0]},{PHONE[1]}",
            f"--user-data-dir={tmp_path / f'phone{number}'}",
        ):
            options.add_argument(argument)
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        driver.set_page_load_timeout(20)
        drivers.append(driver)
        return driver

    yield phone
    for driver in drivers:
        driver.quit()
