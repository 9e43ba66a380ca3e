"""Install the What happened, Actions and Wrap-up pages into a main window."""

from pmdesk.ui.main_window import MainWindow


def install_facts(window: MainWindow) -> None:
    """Nothing yet."""
    del window


def install_followup(window: MainWindow) -> None:
    """Nothing yet."""
    del window
