"""Install the meeting: agenda stepper and timer in the header, Tone, Focus and Room pages,
presentation mode, themes, section templates and the blameless-language hint."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QBoxLayout, QMenu, QPushButton, QWidget

from pmdesk.model.agenda_clock import Now
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting import PAGE_TITLES
from pmdesk.ui.meeting.audience import AudienceView
from pmdesk.ui.meeting.controller import MeetingController
from pmdesk.ui.meeting.header import AgendaBar, TimerBox
from pmdesk.ui.meeting.hint import HintBar
from pmdesk.ui.meeting.presenter import Presenter
from pmdesk.ui.meeting.private_entry import PrivateEntry
from pmdesk.ui.meeting.tone_focus import FocusPage, TonePage
from pmdesk.ui.page_contract import PageKey
from pmdesk.ui.palette import PALETTE_NAMES, SETTINGS_KEY, palette_named
from pmdesk.ui.refresh import follow


class Meeting(QObject):
    """Everything this area adds to one window (a child of the window: ``findChild(Meeting)``)."""

    def __init__(self, window: MainWindow, now: Now = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.theme = palette_named(window.settings.value(SETTINGS_KEY, "light"))
        self.controller = MeetingController(window, now)
        self.tone = TonePage(self.theme)
        self.focus = FocusPage(window.qt_document, self.theme)
        self.room = AudienceView(self.controller, self.focus, self.theme)
        for key, page in ((PageKey.TONE, self.tone), (PageKey.FOCUS, self.focus), (PageKey.ROOM, self.room)):
            window.add_page(key, page, PAGE_TITLES[key])
        self.focus.left.connect(self._leave_focus)
        self.focus.focus_changed.connect(self.controller.room_changed.emit)
        self.controller.focus_item = lambda: self.focus.current_id
        self.focus.focus_changed.connect(self.controller.remember)

        self.agenda = AgendaBar(self.controller)
        self.timer = TimerBox(self.controller, self.theme)
        self.reveal_cards = QPushButton("Reveal cards")
        self.reveal_cards.setObjectName("RevealCards")
        self.reveal_cards.setCheckable(True)
        self.reveal_cards.setToolTip("The room sees reflection cards face down until you reveal them")
        self.reveal_cards.setChecked(not self.controller.cards_face_down)  # as the board keeps it
        self.reveal_cards.toggled.connect(lambda on: self.controller.set_cards_face_down(not on))
        self.reveal_votes = QPushButton("Reveal votes")
        self.reveal_votes.setObjectName("RevealVotes")
        self.reveal_votes.clicked.connect(lambda _c=False: self.controller.reveal_votes())
        self.present = QPushButton("Present")
        self.present.setToolTip("Presentation mode (F5); Esc leaves")
        header = window.header
        header.addWidget(self.agenda)
        header.addStretch(1)
        for widget in (self.reveal_cards, self.reveal_votes, self.timer, self.present):
            header.addWidget(widget)

        self.hint = HintBar(window.qt_document, self.theme)
        central = window.centralWidget().layout()  # type: ignore[union-attr]
        if isinstance(central, QBoxLayout):
            central.insertWidget(central.indexOf(window.tabs), self.hint)
        else:
            header.addWidget(self.hint)

        self.presenter = Presenter(
            window,
            self.controller,
            self.tone,
            self.focus,
            self.room,
            self.timer,
            self.agenda,
            lambda: self.theme,
        )
        self.controller.presenter = self.presenter
        window.pages.on_built(self._page_built)
        self.presenter.hint = self.hint
        self.present.clicked.connect(lambda _c=False: self.presenter.toggle())
        self.controller.phase_changed.connect(lambda _id: self._update_buttons())
        follow(window.qt_document, ("session.votes_hidden",), lambda _changes: self._update_buttons())
        turned = self.controller.cards_turned
        follow(window.qt_document, ("session.cards_revealed",), lambda _changes: turned())
        self.private_entry = PrivateEntry(window.qt_document, window.pages.get(PageKey.BOARD), self.room)
        self.private_entry.setVisible(False)
        self.private_entry.escaped.connect(self.presenter.escape)
        room_layout = self.room.layout()
        if room_layout is not None:
            room_layout.addWidget(self.private_entry)
        self.controller.room_changed.connect(self._update_private_entry)
        self.controller.phase_changed.connect(lambda _id: self._update_private_entry())
        self._build_menus()
        from pmdesk.ui.room.install import install_room
        from pmdesk.ui.room.moderation import install_moderation

        self.room_control = install_room(self)
        self.moderation = install_moderation(self)
        self.set_theme(self.theme.name, remember=False)
        self._update_buttons()
        window.closing.connect(self._on_closing)
        self.controller.resume()  # a board reopened mid-meeting comes back where it stood
        window.tabs.currentChanged.connect(lambda _index: self._page_changed())
        self._phase_shown = self.controller.phase_id
        self.controller.phase_changed.connect(self._phase_changed)
        window.installEventFilter(self)
        QTimer.singleShot(0, self.fit_header)  # again once the new header buttons have their styles
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._update_escape)

    # --- menus ---------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], object], *keys: str) -> QAction:
        """An action that also lives on the window, so its keys work with the menu bar hidden."""
        action = QAction(text, self.window)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def _build_menus(self) -> None:
        window, presenter, controller = self.window, self.presenter, self.controller
        menu = QMenu("&Meeting", window)
        window.menuBar().insertMenu(window.help_menu.menuAction(), menu)
        self.meeting_menu = menu
        menu.addAction(self._action("&Next Phase", controller.next_phase, "Ctrl+PgDown", "Alt+Right"))
        menu.addAction(self._action("&Previous Phase", controller.previous_phase, "Ctrl+PgUp", "Alt+Left"))
        menu.addSeparator()
        menu.addAction(self._action("Pause or &Resume Timer", self.timer.toggle, "Ctrl+Space"))
        menu.addAction(self._action("Add &1 Minute", lambda: self.timer.add_minutes(1), "Ctrl+Shift+1"))
        menu.addAction(self._action("Add &2 Minutes", lambda: self.timer.add_minutes(2), "Ctrl+Shift+2"))
        menu.addAction(self._action("Plan &Minutes…", self.timer.edit_minutes))
        menu.addSeparator()
        menu.addAction(self._action("Reveal &Cards", self.reveal_cards.toggle, "Ctrl+Shift+R"))
        menu.addAction(self._action("Reveal &Votes", controller.reveal_votes))

        view = window.view_menu
        view.addSeparator()
        view.addAction(self._action("&Presentation Mode", presenter.toggle, "F5"))
        self.escape = self._action("Leave Presentation", presenter.escape, "Escape")
        self.escape.setEnabled(False)
        audience = self._action("&Audience Window", lambda: None)
        audience.setCheckable(True)
        audience.toggled.connect(lambda on: presenter.show_audience(on))
        view.addAction(audience)
        self.audience_action = audience
        view.addAction(self._action("Zoom &In", lambda: presenter.zoom_by(1), "Ctrl++", "Ctrl+="))
        view.addAction(self._action("Zoom &Out", lambda: presenter.zoom_by(-1), "Ctrl+-"))
        view.addAction(self._action("&Reset Zoom", lambda: presenter.zoom_by(0), "Ctrl+0"))
        themes = view.addMenu("&Theme")
        group = QActionGroup(themes)
        self.theme_actions: dict[str, QAction] = {}
        for number, (key, title) in enumerate(PALETTE_NAMES.items(), start=1):
            action = QAction(f"&{number}  {title}", themes)
            action.setCheckable(True)
            action.triggered.connect(lambda _c=False, k=key: self.set_theme(k))
            group.addAction(action)
            themes.addAction(action)
            self.theme_actions[key] = action

        window.board_menu.addAction(self._action("&Sections…", self.edit_sections))
        window.file_menu.insertAction(
            window.file_menu.actions()[1],
            self._action("New Board from &Template…", self.new_board_from_template),
        )
        window.file_menu.insertAction(
            window.export_menu.menuAction(),
            self._action("Save Sections as Te&mplate…", self.save_sections_as_template),
        )

    # --- actions -------------------------------------------------------------------------

    def set_theme(self, key: str, remember: bool = True) -> None:
        """Switch to a theme and keep the choice in the settings."""
        self.theme = palette_named(key)
        if remember:
            self.window.settings.setValue(SETTINGS_KEY, self.theme.name)
        self.theme_actions[self.theme.name].setChecked(True)
        self.hint.set_theme(self.theme)
        self.presenter.apply_look()
        self._update_buttons()  # the header's own buttons take the new colours too

    def edit_sections(self) -> None:
        """Open the sections dialog."""
        from pmdesk.ui.meeting.sections_dialog import SectionsDialog  # dialogs load when first used

        SectionsDialog(self.window.qt_document, self.window).exec()

    def new_board_from_template(self) -> None:
        """Choose a template and apply it (to this board if it is empty, else to a new one)."""
        from pmdesk.ui.meeting.templates_ui import new_board_from_template_dialog

        new_board_from_template_dialog(self.window)

    def save_sections_as_template(self) -> None:
        """Save this board's sections as a template of the user's."""
        from pmdesk.ui.meeting.templates_ui import save_sections_dialog

        save_sections_dialog(self.window)

    def _page_built(self, key: str, page: QWidget) -> None:
        """Let Review the facts bring an earlier incident to the room (until the phase changes)."""
        panel = getattr(page, "related", None)
        if key == PageKey.REVIEW and panel is not None and hasattr(panel, "project"):
            panel.project.connect(self.controller.show_related)
            self.controller.phase_changed.connect(panel.forget_shown)

    def _page_changed(self) -> None:
        """Another page: keep where the meeting stands; the wording hint was about the last one."""
        self.controller.remember()
        self.hint.move_on()

    def _phase_changed(self, phase_id: str) -> None:
        if phase_id != self._phase_shown:
            self._phase_shown = phase_id
            self.hint.move_on()

    def _leave_focus(self) -> None:
        self.presenter.leave_focus()

    def _update_buttons(self) -> None:
        phase = self.controller.phase_id
        self.reveal_cards.setVisible(phase == "reflection")
        face_down = self.controller.cards_face_down
        if self.reveal_cards.isChecked() == face_down:  # the board changed (Undo, a refusal)
            with QSignalBlocker(self.reveal_cards):
                self.reveal_cards.setChecked(not face_down)
        self.reveal_cards.setText("Cards shown" if not face_down else "Reveal cards")
        self.reveal_votes.setVisible(
            phase == "prioritization" and self.window.qt_document.board.session.votes_hidden
        )
        self._update_escape()
        self.present.setText("Stop presenting" if self.controller.presenting else "Present")
        theme = self.presenter.look_theme()
        self.agenda.style_buttons(
            theme, self.presenter.large_header(), self.reveal_cards, self.reveal_votes, self.present
        )
        self.fit_header()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The window was resized: fit the header again."""
        if watched is self.window and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self.fit_header)
        return False

    def fit_header(self) -> None:
        """Keep the header on one row without overlaps, and the stepper's ◀ ▶ in one place all meeting.

        What goes first is what a menu or a key also does: the Minutes… and +2 buttons (Meeting ▸
        Plan Minutes…, Ctrl+Shift+2); then the People caption and the other phases' numbers,
        decided as for a phase with Reveal cards or Reveal votes and without those two buttons, so
        that the stepper does not move from phase to phase; then the pause button.
        """
        header = self.window.header
        central = self.window.centralWidget()
        width = central.width() if central is not None else self.window.width()
        page = self.window.pages.get(PageKey.BOARD)
        bar = getattr(page, "participants_bar", None)
        caption = getattr(bar, "caption", None)
        moving: list[Callable[[bool], None]] = []  # what moves the stepper's arrows
        if isinstance(caption, QWidget):
            if self.presenter.large_header():  # the room reads this header: the avatars need no caption
                caption.setVisible(False)
            else:
                moving.append(caption.setVisible)
        moving.append(self.agenda.show_numbers)
        spare: list[Callable[[bool], None]] = []
        if not self.presenter.large_header():  # (presenting here, the presenter hides these)
            spare += [self.timer.edit.setVisible, self.timer.plus_two.setVisible]
        if self.controller.presenting:
            spare.append(lambda full: self.present.setText("Stop presenting" if full else "Stop"))
        for show in [*moving, *spare, self.timer.pause.setVisible]:
            show(True)
        margins = header.contentsMargins()

        def needed() -> int:
            for index in range(header.count()):
                item = header.itemAt(index)
                widget = item.widget() if item is not None else None
                if widget is not None:  # measured now, not when the shown and hidden buttons settle
                    widget.ensurePolished()  # a button just added measures with its style sheet
                    inner = widget.layout()
                    if inner is not None:
                        inner.invalidate()
                    widget.updateGeometry()
            header.invalidate()
            return header.minimumSize().width() + margins.left() + margins.right()

        reveals = (self.reveal_cards, self.reveal_votes)
        for button in reveals:
            button.ensurePolished()
        shown = sum(b.sizeHint().width() + header.spacing() for b in reveals if not b.isHidden())
        widest = max(b.sizeHint().width() for b in reveals) + header.spacing()
        for show in spare:
            show(False)
        for show in moving:
            if needed() - shown + widest <= width:
                break
            show(False)
        for show in spare:
            show(True)
        for show in [*spare, self.timer.pause.setVisible]:
            if needed() <= width:
                break
            show(False)

    def _update_escape(self, *_focus: object) -> None:
        """Esc ends presenting only when no editor wants it (an editor or the find line closes first)."""
        self.escape.setEnabled(self.controller.presenting and not self.presenter.editor_has_focus())

    def _update_private_entry(self) -> None:
        """One screen, reflection face down: the facilitator types cards the room sees as counts."""
        presenter = self.presenter
        wanted = (
            presenter.presenting
            and not presenter.audience_visible()
            and self.controller.cards_hidden_from_room()
            and not self.window.qt_document.document.read_only
        )
        if wanted and self.private_entry.isHidden():
            self.private_entry.setVisible(True)
            self.private_entry.start()
        elif not wanted:
            self.private_entry.setVisible(False)
        self.private_entry.escaped.connect(self.presenter.escape)

    def _on_closing(self) -> None:
        """On closing the window, write the time spent in the current phase."""
        self.controller.record_now()
        self.presenter.close_audience()


def install(window: MainWindow) -> None:
    """Add the meeting's header, pages and menus to ``window``."""
    Meeting(window)
