"""One section of the board: title and prompt, a tree of its cards, and an entry for new ones."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QItemSelection, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollBar,
    QVBoxLayout,
    QWidget,
)

from pmdesk.ui.board.board_model import BoardModel
from pmdesk.ui.board.card_view import CardView
from pmdesk.ui.board.drag_drop import SectionHeader
from pmdesk.ui.board.section_model import SectionModel, runs
from pmdesk.ui.palette import Palette
from pmdesk.ui.plain import capped, plain_label, plain_tooltip

LONG_COLUMN = 150  # rows in a column beyond which it scrolls by row, not by pixel
TITLE_LINES = 3  # a longer section title ends in "…" (the whole of it in the tooltip)
TITLE_PADDING = 6  # pixels each side of a column's title


def columns_style(c: Palette, zoom: float) -> str:
    """The style sheet of a board's columns, set once on the widget that holds them all: a style
    sheet per column, and per part of one, made building the board twice as slow."""
    # The heading is 15 pt against the cards' 13 pt, so it stays the larger at every zoom.
    # The scroll bar is flat, in the theme's colours: Fusion's draws gradients, and a long
    # column's bar is repainted whenever a card comes or goes (0.8 ms a time against 0.08 ms).
    bar = "QScrollBar#CardScrollBar"
    return (
        f"#SectionColumn {{ background: {c.column}; border: 1px solid {c.border}; border-radius: 10px; }}"
        f" {bar}:vertical {{ background: {c.column}; width: 14px; margin: 0; }}"
        f" {bar}::handle:vertical {{ background: {c.muted}; border-radius: 5px; min-height: 28px;"
        " margin: 2px; }"
        f" {bar}::handle:vertical:hover, {bar}::handle:vertical:pressed {{ background: {c.focus}; }}"
        f" {bar}::add-line:vertical, {bar}::sub-line:vertical {{ height: 0; }}"
        f" {bar}::add-page:vertical, {bar}::sub-page:vertical {{ background: none; }}"
        f" QLabel#ColumnTitle {{ font-size: {15 * zoom:.1f}pt; font-weight: 700; color: {c.column_text};"
        f" padding: 0 {TITLE_PADDING}px; }}"
        f" QLabel#ColumnCount {{ font-size: {11 * zoom:.1f}pt; font-weight: 700; color: {c.button_text};"
        f" background: {c.button}; border-radius: 10px; padding: 2px 10px; }}"
        f" QLabel#ColumnPrompt {{ font-size: {11 * zoom:.1f}pt; color: {c.muted}; padding: 0 6px 6px 6px; }}"
        f" QPlainTextEdit#CardEntry {{ background: {c.base}; color: {c.base_text};"
        f" border: 2px solid {c.border}; border-radius: 8px; padding: 4px; font-size: {12 * zoom:.1f}pt;"
        f" placeholder-text-color: {c.muted}; }}"
        f" QPlainTextEdit#CardEntry:focus {{ border: {c.focus_width}px solid {c.focus}; }}"
    )


class CardEntry(QPlainTextEdit):
    """Type a card: Enter adds it and keeps the entry ready; Shift+Enter is a new line."""

    submitted = Signal(str)
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter submits, Escape leaves for the cards."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            text = self.toPlainText().strip()
            if text:
                self.submitted.emit(text)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)

    def sizeHint(self) -> QSize:
        """About two and a half lines tall."""
        return QSize(200, int(self.fontMetrics().lineSpacing() * 2.6) + 14)


class ColumnTitle(QLabel):
    """A column's title, wrapped to at most ``TITLE_LINES`` lines at the column's width, the last
    one ending in "…" when there is more; the whole title is in its tooltip. One long title no
    longer makes every column's header (they are aligned) tall, and their cards short."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.title = ""

    def set_title(self, title: str) -> None:
        """Show a title (shortened to the lines there is room for)."""
        self.title = capped(title)
        self.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Another width wraps the title into other lines."""
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        """Wrap the title at the label's width; past ``TITLE_LINES`` lines, cut the last one with "…"."""
        width = self.contentsRect().width() - 2 * TITLE_PADDING  # the style sheet's padding is inside
        lines = self.lines(width) if width > 0 else []
        if len(lines) <= TITLE_LINES:
            shown, tip = self.title, ""
            if any(not self.title[n - 1].isspace() and not self.title[n].isspace() for n in lines[1:]):
                # A word longer than the column is broken where it runs out, as the lines were
                # measured: the label itself wraps at words only and would cut it off at the edge.
                ends = [*lines[1:], len(self.title)]
                shown = "\n".join(self.title[a:b].strip() for a, b in zip(lines, ends, strict=True))
        else:
            last = " ".join(self.title[lines[TITLE_LINES - 1] :].split())
            cut = self.fontMetrics().elidedText(last, Qt.TextElideMode.ElideRight, width)
            kept = [self.title[a:b].strip() for a, b in pairwise(lines[:TITLE_LINES])]
            shown, tip = "\n".join([*kept, cut]), plain_tooltip(self.title)
        if shown != self.text():
            self.setText(shown)
        if tip != self.toolTip():
            self.setToolTip(tip)

    def lines(self, width: int) -> list[int]:
        """Where each line of the title starts when wrapped at ``width`` (up to one line too many)."""
        layout = QTextLayout(self.title, self.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        starts: list[int] = []
        layout.beginLayout()
        while len(starts) <= TITLE_LINES:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            starts.append(line.textStart())
        layout.endLayout()
        return starts


class CountBadge(QWidget):
    """Holds the column's count of cards. A label in the header's layout would lay the header out
    again (its wrapped title and prompt too) each time a card is added; in here, a count of the
    same width only repaints."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = plain_label("", self, wrap=False)

    def set_text(self, text: str) -> None:
        """Show a new count."""
        if text != self.label.text():
            self.label.setText(text)
            self.fit()

    def fit(self) -> None:
        """Take the label's size (after its text or style changed)."""
        self.label.ensurePolished()
        size = self.label.sizeHint()
        if size != self.label.size():
            self.label.resize(size)
        if size != self.size() or self.minimumSize() != size:
            self.setFixedSize(size)


class SectionColumn(QFrame):
    """A section's column: header, cards, and the author + entry row at the bottom."""

    card_submitted = Signal(str, str)  # section id, text
    author_chosen = Signal(object)  # participant id or None

    def __init__(
        self, model: BoardModel, section_id: str, parent: QWidget | None = None, zoom: float = 1.0
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.section_id = section_id
        self.setObjectName("SectionColumn")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 12, 10, 10)
        layout.setSpacing(6)
        self.header = SectionHeader(model, section_id, self)
        header_layout = QVBoxLayout(self.header)
        header_layout.setContentsMargins(0, 0, 0, 0)
        header_layout.setSpacing(4)
        heading = QHBoxLayout()
        self.title = ColumnTitle(self.header)
        self.title.setObjectName("ColumnTitle")
        self.badge = CountBadge(self.header)
        self.count = self.badge.label
        self.count.setObjectName("ColumnCount")
        heading.addWidget(self.title, 1)
        heading.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        self.title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.prompt = plain_label("", self.header, wrap=True)
        self.prompt.setObjectName("ColumnPrompt")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        header_layout.addLayout(heading)
        header_layout.addWidget(self.prompt)
        header_layout.addStretch(1)
        layout.addWidget(self.header)
        self.section_model = SectionModel(model, section_id, self)
        self.view = CardView(self)
        bar = QScrollBar(Qt.Orientation.Vertical)  # named before it is polished: the style sheet finds it
        bar.setObjectName("CardScrollBar")
        self.view.setVerticalScrollBar(bar)
        self.fit_scrolling()  # before the rows: a long column must never measure them all
        self.view.setModel(self.section_model)
        self.section_model.rowsMoved.connect(self.view.rows_moved)
        self.section_model.modelAboutToBeReset.connect(lambda: self.fit_scrolling(rows_to_come=True))
        layout.addWidget(self.view, 1)
        # The author picker sits above the entry, so the entry keeps the column's full width.
        row = QVBoxLayout()
        row.setSpacing(4)
        self.author = QComboBox(self)
        self.author.setToolTip(
            "Who writes the next cards (Alt+1…9, Alt+0 for nobody); cards already written keep their"
            " author: change it with Ctrl+Shift+U"
        )
        self.author.setAccessibleName("Next card by")
        self.author.setMinimumContentsLength(12)
        # A long name must not squeeze the entry: the box stays narrow and elides in its list.
        self.author.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.author.setMaximumWidth(220)
        self.author.activated.connect(lambda _i: self.author_chosen.emit(self.author.currentData()))
        self.entry = CardEntry(self)
        self.entry.setObjectName("CardEntry")
        self.entry.setPlaceholderText("Add a card… (Enter)")
        self.entry.setTabChangesFocus(True)
        self.entry.submitted.connect(self._submit)
        self.entry.escaped.connect(self.view.setFocus)
        author_row = QHBoxLayout()
        author_row.setSpacing(6)
        self.author_label = plain_label("Next card by:", self, wrap=False)
        self.author_label.setBuddy(self.author)
        author_row.addWidget(self.author_label)
        author_row.addWidget(self.author)
        author_row.addStretch(1)
        row.addLayout(author_row)
        row.addWidget(self.entry, 1)
        layout.addLayout(row)
        self.entry_row = row
        self._saved: tuple[list[str], str | None, int] = ([], None, 0)
        self.zoom = zoom
        self.set_zoom(zoom)
        self.refresh_header()
        self.attach()
        self.view.after_reset = self.restore_state

    def set_zoom(self, zoom: float) -> None:
        """Scale cards, heading, prompt and entry together: the heading never reads smaller than a card."""
        self.zoom = zoom
        self.view.card_delegate.set_zoom(zoom)
        self.view.relayout()
        self.restyle()

    def restyle(self) -> None:
        """Follow the style sheet the board page sets (the theme's colours at the board's zoom)."""
        self.badge.fit()
        self.view.viewport().update()

    def _submit(self, text: str) -> None:
        self.card_submitted.emit(self.section_id, text)

    def refresh_header(self, count: int | None = None) -> None:
        """Title and prompt from the board, with the count of cards (counted here if not given)."""
        section = self.model.sections.get(self.section_id)
        if section is None:
            return
        if count is None:
            count = sum(1 for card in self.model.cards.values() if card.section == self.section_id)
        self.title.set_title(section.title)
        self.badge.set_text(str(count))
        self.count.setToolTip(f"{count} card{'s' if count != 1 else ''}")
        self.prompt.setText(section.prompt)
        self.prompt.setVisible(bool(section.prompt))

    def set_participants(self, people: list[tuple[str, str]], current: str | None) -> None:
        """Fill the author chooser: no author, then each participant."""
        self.author.blockSignals(True)
        self.author.clear()
        self.author.addItem("no author", None)
        for number, (person_id, name) in enumerate(people, start=1):
            prefix = f"{number}  " if number <= 9 else ""
            self.author.addItem(f"{prefix}{name}", person_id)
        self.set_author(current)
        self.author.blockSignals(False)

    def show_entry(self, on: bool) -> None:
        """Show or hide the card entry and its author picker (hidden on the projector)."""
        self.author_label.setVisible(on)
        self.author.setVisible(on)
        self.entry.setVisible(on)

    def set_author(self, person_id: str | None) -> None:
        """Show who writes the next cards."""
        position = self.author.findData(person_id)
        self.author.setCurrentIndex(max(position, 0))

    # --- surviving a model reset ------------------------------------------------------------

    def fit_scrolling(self, rows_to_come: bool = False) -> None:
        """Scroll by row in a long column, by pixel in a short one."""
        # Scrolling by pixel needs every row's wrapped height; on a big column that is seconds of
        # text layout, so long columns scroll by row and measure only the rows in view. Changing
        # the mode lays out the rows the view has: a column that becomes long changes before its
        # new rows arrive (the model is about to reset), one that becomes short after they left.
        mode = QAbstractItemView.ScrollMode
        rows = len(self.model.items_in(self.section_id))  # all of them, shown yet or not
        wanted = mode.ScrollPerItem if rows > LONG_COLUMN else mode.ScrollPerPixel
        if self.view.verticalScrollMode() != wanted and (wanted == mode.ScrollPerItem or not rows_to_come):
            self.view.setVerticalScrollMode(wanted)

    def attach(self) -> None:
        """Set the column up for its rows (again after a reset): scrolling and folded themes."""
        self.fit_scrolling()
        self.section_model.folded &= set(self.model.themes)
        if self.section_model.folded:
            self.view.apply_folds(0, len(self.section_model.rows) - 1)

    def save_state(self) -> None:
        """Remember selection, current row and scroll before the board model resets."""
        rows = self.section_model
        selected = [i for index in self.view.selectionModel().selectedIndexes() if (i := rows.item_id(index))]
        current_id = rows.item_id(self.view.currentIndex())
        self._saved = (selected, current_id, self.view.verticalScrollBar().value())

    def restore_state(self) -> None:
        """Put back what save_state remembered, for the ids that still exist."""
        self.attach()
        selected, current_id, scroll = self._saved
        selection = self.view.selectionModel()
        rows = self.section_model
        if current_id is not None:
            current = rows.index_of(current_id)
            if current.isValid():
                selection.setCurrentIndex(current, selection.SelectionFlag.NoUpdate)
        chosen = QItemSelection()
        for item_id in selected:
            index = rows.index_of(item_id)
            if index.isValid():
                chosen.select(index, index)
        if not chosen.isEmpty():
            selection.select(chosen, selection.SelectionFlag.Select)
        self.view.verticalScrollBar().setValue(scroll)

    def select_ids(self, ids: list[str], edit: bool = False) -> None:
        """Select these items of this column, make the first current, maybe edit it."""
        selection = self.view.selectionModel()
        # One select() of runs of rows: one by one, or one range per row, is quadratic in Qt
        # (8,000 cards brought back by an undo took seconds).
        chosen = QItemSelection()
        first = None
        rows = self.section_model
        numbers: list[int] = []
        for item_id in ids:
            index = rows.index_of(item_id)
            if index.isValid():
                numbers.append(index.row())
                first = first or index
        for start, count in runs(numbers):
            chosen.select(rows.index(start, 0), rows.index(start + count - 1, 0))
        selection.select(chosen, selection.SelectionFlag.ClearAndSelect)
        if first is not None:
            selection.setCurrentIndex(first, selection.SelectionFlag.NoUpdate)
            self.view.scrollTo(first)
            self.view.setFocus()
            if edit:
                self.view.edit(first)
