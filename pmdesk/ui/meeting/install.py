"""Install this area's pages, header widgets and menu items into a main window."""

from pmdesk.ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    """Nothing yet."""
    del window
