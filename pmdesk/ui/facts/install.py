"""Install the What happened, Review the facts, Actions and Wrap-up pages into a main window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.page_contract import PageKey

# The pages' modules are imported when a page is first shown, not at start-up.


def _facts_page(window: MainWindow) -> QWidget:
    from pmdesk.ui.facts.facts_page import FactsPage

    return FactsPage(window.qt_document)


def _review_page(window: MainWindow) -> QWidget:
    from pmdesk.ui.facts.related_panel import ReviewPage

    return ReviewPage(window.qt_document, window.settings)


def _actions_page(window: MainWindow, today: Callable[[], dt.date]) -> QWidget:
    from pmdesk.ui.facts.actions_page import ActionsPage

    return ActionsPage(window.qt_document, today=today)


def _wrap_up_page(window: MainWindow) -> QWidget:
    from pmdesk.ui.facts.wrapup_page import WrapUpPage

    return WrapUpPage(window.qt_document)


def install_facts(window: MainWindow) -> None:
    """What happened and Review the facts, built when first shown."""
    window.add_page(PageKey.FACTS, partial(_facts_page, window), "What happened")
    window.add_page(PageKey.REVIEW, partial(_review_page, window), "Review the facts")


def install_followup(window: MainWindow, today: Callable[[], dt.date] = dt.date.today) -> None:
    """Actions, Wrap-up (built when first shown) and Board ▸ Create Action from Selection (Ctrl+Shift+A)."""
    window.add_page(PageKey.ACTIONS, partial(_actions_page, window, today), "Actions")
    window.add_page(PageKey.WRAP_UP, partial(_wrap_up_page, window), "Wrap-up")
    create = QAction("Create Action &from Selection", window)
    create.setShortcut(QKeySequence("Ctrl+Shift+A"))
    create.setToolTip("A new action answering the selected theme or card")
    create.triggered.connect(lambda _checked=False: create_action_from_selection(window))
    window.board_menu.addAction(create)


def selected_source(window: MainWindow) -> str | None:
    """The first selected card or theme of the board page, if there is one."""
    board_page = window.pages.get(PageKey.BOARD)
    selected = getattr(board_page, "selected_ids", None)
    if not callable(selected):
        return None
    board = window.qt_document.board
    known = {card.id for card in board.cards} | {theme.id for theme in board.themes}
    return next((item_id for item_id in selected() if item_id in known), None)


def create_action_from_selection(window: MainWindow) -> str | None:
    """Add an action answering the board's selection and show it with its text in edit; its id."""
    from pmdesk.ui.facts.actions_page import ActionsPage

    page = window.pages[PageKey.ACTIONS]
    assert isinstance(page, ActionsPage)
    source = selected_source(window)
    window.show_page(PageKey.ACTIONS)
    action_id = page.add(source=source)
    if action_id is not None and source is None:
        window.statusBar().showMessage("New action (select a theme or card on the board to link it)", 5000)
    return action_id
