"""Pages by contract: one key per tab, and the capabilities each page offers the meeting."""

from __future__ import annotations

from pmdesk.app import PAGE_ORDER
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.page_contract import CardBoard, Enterable, PageKey, Presentable, Zoomable


def test_every_tab_has_a_page_key_in_meeting_order(window: MainWindow) -> None:
    assert [window.pages.key_at(i) for i in range(window.tabs.count())] == list(PageKey) == PAGE_ORDER


def test_pages_offer_what_the_meeting_asks_of_them(window: MainWindow) -> None:
    board = window.pages[PageKey.BOARD]
    assert isinstance(board, CardBoard) and isinstance(board, Zoomable) and isinstance(board, Presentable)
    assert isinstance(window.pages[PageKey.FOCUS], Enterable)
    assert isinstance(window.pages[PageKey.REVIEW], Zoomable)
    assert not isinstance(window.pages[PageKey.ACTIONS], CardBoard)
