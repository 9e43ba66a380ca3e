"""The window's pages as tabs, each built the first time it is shown or asked for.

Building every page at start-up would cost more than a bare Qt window takes to appear, so a
tab holds a light placeholder until its page is needed. ``pages[key]`` asks for a page (and
builds it); ``pages.get(key)`` only looks, and gives None for a page not built yet. Whoever
changes every page (presentation mode, zoom) also registers ``on_built`` for pages built later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

PageFactory = Callable[[], QWidget]
BuiltHook = Callable[[str, QWidget], object]


class _Slot(QWidget):
    """The tab's own widget: holds the page once it is built."""

    def __init__(self, key: str, factory: PageFactory | None, hooks: list[BuiltHook]) -> None:
        super().__init__()
        self.key = key
        self.factory: PageFactory | None = factory
        self.hooks = hooks
        self.page: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def showEvent(self, event: QShowEvent) -> None:
        """A tab's page is built when the tab is first shown (a reserved one when it is added)."""
        if self.factory is not None:
            self.build()
        super().showEvent(event)

    def build(self) -> QWidget:
        """The page, built now if it was not yet."""
        if self.page is None:
            if self.factory is None:  # KeyError, so that Mapping.get and "in" treat it as absent
                raise KeyError(f"the {self.key!r} page is reserved but not added yet")
            self.page = self.factory()
            self.factory = None
            self._layout.addWidget(self.page)
            for hook in list(self.hooks):
                hook(self.key, self.page)
        return self.page


class LazyPages(Mapping[str, QWidget]):
    """A mapping from page key to page; ``[key]`` builds that page, ``get`` does not."""

    def __init__(self) -> None:
        self._slots: dict[str, _Slot] = {}
        self._tabs: QTabWidget | None = None
        self._hooks: list[BuiltHook] = []

    def on_built(self, hook: BuiltHook) -> None:
        """Call ``hook(key, page)`` for each page built from now on."""
        self._hooks.append(hook)

    def get(self, key: str, default: QWidget | None = None) -> QWidget | None:  # type: ignore[override]
        """The page under ``key`` if it is built, else ``default`` (looking never builds)."""
        slot = self._slots.get(key)
        return slot.page if slot is not None and slot.page is not None else default

    def attach(self, tabs: QTabWidget) -> None:
        """Show the pages as the tabs of ``tabs``."""
        self._tabs = tabs

    def reserve(self, key: str, title: str) -> None:
        """A tab for a page that ``add`` provides later (the window shows before it is built)."""
        assert self._tabs is not None and key not in self._slots
        self._slots[key] = _Slot(key, None, self._hooks)
        self._tabs.addTab(self._slots[key], title)

    def add(self, key: str, page: PageFactory | QWidget, title: str) -> None:
        """Add a page (or a factory for it) as the last tab, or into the tab reserved for it."""
        assert self._tabs is not None
        slot = self._slots.get(key)
        factory = (lambda: page) if isinstance(page, QWidget) else page
        if slot is None:
            slot = self._slots[key] = _Slot(key, factory, self._hooks)
            self._tabs.addTab(slot, title)
        else:
            assert slot.factory is None and slot.page is None, f"page {key!r} added twice"
            slot.factory = factory
            self._tabs.setTabText(self._tabs.indexOf(slot), title)
        if isinstance(page, QWidget) or slot.isVisible():
            slot.build()

    def arrange(self, order: list[str]) -> None:
        """Move the tabs named in ``order`` to the front, in that order."""
        assert self._tabs is not None
        for position, key in enumerate(k for k in order if k in self._slots):
            bar = self._tabs.tabBar()
            bar.moveTab(self._tabs.indexOf(self._slots[key]), position)
        self._tabs.setCurrentIndex(0)

    def key_at(self, index: int) -> str:
        """The key of the tab at ``index``."""
        assert self._tabs is not None
        widget = self._tabs.widget(index)
        assert isinstance(widget, _Slot)
        return widget.key

    def current(self) -> QWidget | None:
        """The page of the current tab (None for a tab whose page is not added yet)."""
        widget = self._tabs.currentWidget() if self._tabs is not None else None
        if not isinstance(widget, _Slot) or (widget.page is None and widget.factory is None):
            return None
        return widget.build()

    def show(self, key: str) -> None:
        """Make ``key``'s tab current."""
        assert self._tabs is not None
        self._tabs.setCurrentWidget(self._slots[key])

    def is_built(self, key: str) -> bool:
        """True once the page exists."""
        return key in self._slots and self._slots[key].page is not None

    # --- Mapping ---------------------------------------------------------------------------

    def __getitem__(self, key: str) -> QWidget:
        return self._slots[key].build()

    def __contains__(self, key: object) -> bool:
        """Whether a page is there to be had, without building it."""
        slot = self._slots.get(key) if isinstance(key, str) else None
        return slot is not None and (slot.page is not None or slot.factory is not None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._slots)

    def __len__(self) -> int:
        return len(self._slots)
