"""Install the What happened, Review the facts, Actions and Wrap-up pages into a main window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence

from pmdesk.ui.facts.actions_page import ActionsPage
from pmdesk.ui.facts.facts_page import FactsPage
from pmdesk.ui.facts.presentation import FactsPresentation
from pmdesk.ui.facts.wrapup_page import WrapUpPage
from pmdesk.ui.main_window import MainWindow


def install_facts(window: MainWindow) -> None:
    """What happened and Review the facts, built when first shown."""
    window.add_page("facts", lambda: FactsPage(window.qt_document), "What happened")
    window.add_page("review", lambda: FactsPresentation(window.qt_document), "Review the facts")


def install_followup(window: MainWindow, today: Callable[[], dt.date] = dt.date.today) -> None:
    """Actions, Wrap-up (built when first shown) and Board ▸ Create action from selection (Ctrl+Shift+A)."""
    window.add_page("actions", lambda: ActionsPage(window.qt_document, today=today), "Actions")
    window.add_page("wrap-up", lambda: WrapUpPage(window.qt_document), "Wrap-up")
    create = QAction("Create action from selection", window)
    create.setShortcut(QKeySequence("Ctrl+Shift+A"))
    create.setToolTip("A new action answering the selected theme or card")
    create.triggered.connect(lambda _checked=False: create_action_from_selection(window))
    window.board_menu.addAction(create)


def selected_source(window: MainWindow) -> str | None:
    """The first selected card or theme of the board page, if there is one."""
    board_page = window.pages.get("board")
    selected = getattr(board_page, "selected_ids", None)
    if not callable(selected):
        return None
    board = window.qt_document.board
    known = {card.id for card in board.cards} | {theme.id for theme in board.themes}
    return next((item_id for item_id in selected() if item_id in known), None)


def create_action_from_selection(window: MainWindow) -> str | None:
    """Add an action answering the board's selection and show it with its text in edit; its id."""
    page = window.pages["actions"]
    assert isinstance(page, ActionsPage)
    source = selected_source(window)
    window.show_page("actions")
    action_id = page.add(source)
    if action_id is not None and source is None:
        window.statusBar().showMessage("New action (select a theme or card on the board to link it)", 5000)
    return action_id
