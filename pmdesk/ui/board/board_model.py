"""The board as one item model: sections → themes and loose cards → a theme's cards.

Each column shows its section through a model of its own that follows this one (section_model.py).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from pmdesk.model.board import Board, Card, Participant, Section, Theme
from pmdesk.model.board_session import BoardSession
from pmdesk.model.card_ops import set_card_field, set_theme_field
from pmdesk.model.changes import Changes
from pmdesk.model.derived import tallies
from pmdesk.model.room_ops import without_pending
from pmdesk.ui.board.board_data import BoardData
from pmdesk.ui.board.board_drops import BoardDrops
from pmdesk.ui.board.board_rows import MOST_MOVES, BoardRows, Node
from pmdesk.ui.board.edit_scope import IdOrder, Scope
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.refresh import follow

if TYPE_CHECKING:
    from PySide6.QtCore import QMetaMethod

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invalid index, as a default argument

# Fields whose change leaves the tree's shape alone (only what an item shows changes).
_COSMETIC = {
    "cards": {"text", "notes", "author"},
    "themes": {"label", "notes"},
    "sections": {"title", "prompt"},
}
# Built once: combining Qt flags in Python is slow, and flags() runs for every row on every layout.
_SECTION_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDropEnabled
_ITEM_FLAGS = _SECTION_FLAGS | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
_EDITABLE_FLAGS = _ITEM_FLAGS | Qt.ItemFlag.ItemIsEditable
# A card never has children: the tree view then skips asking it for them.
_CARD_FLAGS = _ITEM_FLAGS | Qt.ItemFlag.ItemNeverHasChildren
_EDITABLE_CARD_FLAGS = _EDITABLE_FLAGS | Qt.ItemFlag.ItemNeverHasChildren
FIRST_ROWS = 80  # rows of a section in the first frame: more than the tallest screen shows
_SHOWN = ("cards", "themes", "sections", "participants", "votes", "session.votes_hidden")


class BoardModel(BoardData, BoardDrops, BoardRows):
    """The board as a tree for the section columns; edits go through the QtDocument."""

    theme_created = Signal(str)  # a drop made a new theme: its label should be asked for
    # After an edit or a long section's rest arriving: the sections whose rows changed (their ids).
    rows_changed = Signal(object)
    # What to repaint after an edit: item ids, or None for every row (highlight, find, tallies).
    items_changed = Signal(object)

    def __init__(self, qt_document: QtDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.qt_document = qt_document
        self.session = BoardSession()  # voting, the voter, the highlight, the find text
        self.sort_by_votes = False
        self.hide_pending = False  # on the projector: cards from devices wait for the reveal
        self._data_changed: QMetaMethod | None = None  # made when first asked (see viewed)
        self.init_rows()
        self.sync_read_only()
        self._index_board()
        self.build_rows()
        for section in self._root.children:
            if len(section.children) > FIRST_ROWS:
                self._shown[section.serial] = FIRST_ROWS
        follow(qt_document, _SHOWN, self._on_changed)

    # --- reading the board -----------------------------------------------------------------

    def _index_board(self) -> None:
        board = self.qt_document.board
        self.sections: dict[str, Section] = {item.id: item for item in board.sections}
        self.themes: dict[str, Theme] = {item.id: item for item in board.themes}
        self.cards: dict[str, Card] = {item.id: item for item in board.cards}
        self.people: dict[str, Participant] = {item.id: item for item in board.participants}
        self._order = IdOrder(board)
        self.counts: Counter[str] = tallies(board)
        self._voted_by: set[str] = self._highlighted_votes()

    def sync_read_only(self) -> None:
        """Follow the file's read-only state (it changes when Save As moves the board)."""
        read_only = self.qt_document.document.read_only
        self._kind_flags = {
            "section": _SECTION_FLAGS,
            "theme": _ITEM_FLAGS if read_only else _EDITABLE_FLAGS,
            "card": _CARD_FLAGS if read_only else _EDITABLE_CARD_FLAGS,
        }
        self._flags = [self._flags[0], *(self._kind_flags[node.kind] for node in self._nodes[1:])]

    # --- a long section's rows arrive right after the first frame -----------------------------
    # (Not Qt's canFetchMore/fetchMore: a tree view fetches during every layout, which would lay
    # the long sections out several times before the first frame.)

    def fetch_all(self) -> None:
        """Insert the rows of long sections held back from the first frame."""
        if not self._shown:
            return
        arrived = []
        for serial, shown in list(self._shown.items()):
            node = self._nodes[serial]
            self.beginInsertRows(self.createIndex(node.row, 0, serial), shown, len(node.children) - 1)
            del self._shown[serial]
            self.endInsertRows()
            arrived.append(node.item_id)
        self.rows_changed.emit(arrived)

    def is_shown(self, item_id: str) -> bool:
        """Whether an item's row is in the model yet (a long section fills in after the first frame)."""
        node = self._by_id.get(item_id)
        while node is not None and node.parent is not None and node.parent.kind != "section":
            node = node.parent
        if node is None or node.parent is None:
            return node is not None
        shown = self._shown.get(node.parent.serial)
        return shown is None or node.row < shown

    def board_now(self) -> Board:
        """The board shown (on the projector, without the cards from devices still face down)."""
        board = self.qt_document.board
        return without_pending(board) if self.hide_pending else board

    def arrange(self, items: list[Card | Theme]) -> None:
        """Most dots first while sorting by votes; board order otherwise."""
        if self.sort_by_votes:
            items.sort(key=lambda item: -self.counts[item.id])

    def node(self, index: Index) -> Node:
        """The node behind an index (the root for an invalid one)."""
        if not index.isValid():
            return self._root
        return self._nodes[index.internalId()]

    def new_theme(self, theme_id: str) -> None:
        """A drop made a new theme: its label should be asked for."""
        self.theme_created.emit(theme_id)

    def node_of(self, item_id: str) -> Node | None:
        """The node of a section, theme or card by id (None if the board has no such item)."""
        return self._by_id.get(item_id)

    def index_of(self, item_id: str) -> QModelIndex:
        """The index of a section, theme or card by id (invalid if not shown)."""
        node = self._by_id.get(item_id)
        if node is None:
            return QModelIndex()
        if self._shown and not self.is_shown(item_id):
            self.fetch_all()
        return self.createIndex(node.row, 0, node.serial)

    def section_of(self, item_id: str) -> str | None:
        """The section a card or theme stands in."""
        node = self._by_id.get(item_id)
        while node is not None and node.kind != "section":
            node = node.parent
        return node.item_id if node is not None else None

    def items_in(self, section_id: str) -> list[str]:
        """The ids of a section's rows as shown (themes and loose cards)."""
        node = self._by_id.get(section_id)
        return [child.item_id for child in node.children] if node else []

    def themes_in(self, section_id: str, first: int = 0) -> list[str]:
        """The ids of a section's themes in the model, from row ``first`` on."""
        node = self._by_id.get(section_id)
        if node is None:
            return []
        rows = node.children[first : self._shown.get(node.serial, len(node.children))]
        return [child.item_id for child in rows if child.kind == "theme"]

    def children_of(self, item_id: str) -> list[str]:
        """The ids of a theme's cards as shown ([] for a card)."""
        node = self._by_id.get(item_id)
        return [child.item_id for child in node.children] if node and node.kind == "theme" else []

    def section_order(self) -> list[str]:
        """The ids of the sections in the model, in order (the columns the board shows)."""
        return [node.item_id for node in self._root.children]

    def section_rows(self, section_id: str) -> list[str]:
        """A section's rows in the model, flat: each theme followed by its cards (see SectionModel)."""
        node = self._by_id.get(section_id)
        if node is None or node.kind != "section":
            return []
        rows: list[str] = []
        for child in node.children[: self._shown.get(node.serial, len(node.children))]:
            rows.append(child.item_id)
            if child.children:
                rows.extend([card.item_id for card in child.children])
        return rows

    # --- following the document ------------------------------------------------------------

    def _on_changed(self, changes: Changes) -> None:
        """Follow an edit: rows inserted, removed or moved one by one (sections too), and only the
        rows it names repainted. A whole-board change resets the model."""
        if changes.whole_board:
            self._index_board()
            self._reset()
            return
        board = self.qt_document.board
        sections_reshaped = "sections" in changes.reshaped
        sections = {item.id: item for item in board.sections} if sections_reshaped else self.sections
        # The new sections are known before their rows arrive; the gone ones stay readable until
        # their rows have left.
        self.sections = {**self.sections, **sections}
        # While rows come and go, views may still ask for the rows being removed: the old items
        # stay readable until the tree has its new shape.
        # A field set changes the item in place; only inserts and removes change the lookups.
        scope = self._order.follow(changes.edit, board) if changes.edit is not None else None
        cards, themes = self.cards, self.themes
        if scope is not None:
            self._take_in(scope, board)
        else:
            if "cards" in changes.reshaped:
                cards = {item.id: item for item in board.cards}
                self.cards = {**self.cards, **cards}
            if "themes" in changes.reshaped:
                themes = {item.id: item for item in board.themes}
                self.themes = {**self.themes, **themes}
        if "participants" in changes.reshaped:
            self.people = {item.id: item for item in board.participants}
        before = self.counts
        if changes.concerns("votes"):
            self.counts = tallies(board)
        repaint = {*changes.ids_of("cards"), *changes.ids_of("themes"), *changes.ids_of("sections")}
        repaint.update(key for key in before.keys() | self.counts.keys() if before[key] != self.counts[key])
        shaped = (
            bool(changes.reshaped & {"cards", "themes"})
            or not changes.only_fields("cards", _COSMETIC["cards"])
            or not changes.only_fields("themes", _COSMETIC["themes"])
            or (self.sort_by_votes and changes.concerns("votes"))
            or sections_reshaped
        )
        if shaped:
            self.fetch_all()  # every row in the model first: a move names only rows it has
            section_ids = theme_ids = None
            # Sections that come, go or move reshape the root's rows: the whole shape is asked.
            whole = sections_reshaped or (self.sort_by_votes and changes.concerns("votes"))
            if scope is not None and not whole:
                section_ids, theme_ids = self._parents_of(scope)
            shape = self.shape(section_ids, theme_ids)  # reshape keeps only the parents that differ
            if self.moves_needed(shape) > MOST_MOVES:
                self._let_go(scope, cards, themes)
                self.sections = sections
                self._reset()
                return
            self.touched = set()
            repaint.update(self.reshape(shape))
            if self.touched:
                self.rows_changed.emit(self.touched)
        self._let_go(scope, cards, themes)
        self.sections = sections
        highlighted = self.highlight is not None and changes.concerns("votes", "session.votes_hidden")
        if changes.concerns("participants") or highlighted:
            self.refresh_all()
            return
        for card_id in changes.ids_of("cards"):  # a theme shows its cards (and dims by them)
            node = self._by_id.get(card_id)
            if node is not None and node.parent is not None and node.parent.kind == "theme":
                repaint.add(node.parent.item_id)
        shown = [item_id for item_id in repaint if item_id in self._by_id and self.is_shown(item_id)]
        if self.viewed():
            for item_id in shown:
                index = self.node_index(self._by_id[item_id])
                self.dataChanged.emit(index, index)
        if shown:
            self.items_changed.emit(shown)

    def _take_in(self, scope: Scope, board: Board) -> None:
        """Add the cards and themes an edit inserted to the lookups (the removed ones stay for now)."""
        self.cards.update(self._order.inserted(scope, "cards", board.cards))
        self.themes.update(self._order.inserted(scope, "themes", board.themes))

    def _let_go(self, scope: Scope | None, cards: dict[str, Card], themes: dict[str, Theme]) -> None:
        """Drop the removed cards and themes from the lookups once the tree no longer has them."""
        if scope is None:
            self.cards, self.themes = cards, themes
            return
        for item_id in self._order.gone(scope, "cards"):
            self.cards.pop(item_id, None)
        for item_id in self._order.gone(scope, "themes"):
            self.themes.pop(item_id, None)

    def _parents_of(self, scope: Scope) -> tuple[set[str], set[str]]:
        """The sections and themes an edit's cards and themes stood in before and stand in now."""
        sections: set[str] = set()
        themes: set[str] = set()
        for item_id in scope.touched:
            node = self._by_id.get(item_id)
            if node is not None and node.parent is not None:
                if node.parent.kind == "theme":
                    themes.add(node.parent.item_id)
                    node = node.parent
                if node.parent is not None and node.parent.kind == "section":
                    sections.add(node.parent.item_id)
            card = self.cards.get(item_id)
            theme = self.themes.get(item_id)
            if card is not None:
                sections.add(card.section)
                if card.theme is not None:
                    themes.add(card.theme)
            elif theme is not None:
                sections.add(theme.section)
                themes.add(theme.id)
        return sections, themes

    def _reset(self) -> None:
        self.beginResetModel()
        self.build_rows()
        self.endResetModel()

    def viewed(self) -> bool:
        """Whether a view (or a model checker) follows this model's own rows.

        None does in the window: each column follows its section through its own model, which
        repaints on ``items_changed``. The tree's ``dataChanged`` goes out only to such a view.
        """
        if self._data_changed is None:
            from PySide6.QtCore import QMetaMethod  # (its enums cost a start-up that needs none)

            self._data_changed = QMetaMethod.fromSignal(self.dataChanged)
        return self.isSignalConnected(self._data_changed)

    def refresh_all(self) -> None:
        """Every row repaints (highlight, search, participants, tallies changed): the columns' rows,
        and the tree's for a view of its own (a Find keystroke walks no tree that nothing shows)."""
        self._voted_by = self._highlighted_votes()
        if self.viewed():
            self._repaint_tree()
        self.items_changed.emit(None)

    def _repaint_tree(self) -> None:
        self.fetch_all()  # every row in the model first: a change names only rows it has
        stack = [self._root]
        while stack:
            node = stack.pop()
            if node.children:
                parent = QModelIndex() if node is self._root else self.createIndex(node.row, 0, node.serial)
                self.dataChanged.emit(self.index(0, 0, parent), self.index(len(node.children) - 1, 0, parent))
                stack.extend(node.children)

    def set_hide_pending(self, on: bool) -> None:
        """Leave out the cards from devices still face down (the board is on the projector)."""
        if on != self.hide_pending:
            self.hide_pending = on
            self._reset()

    def set_sort_by_votes(self, on: bool) -> None:
        """Show each section's themes and loose cards by dots, most first (the board is unchanged)."""
        if on != self.sort_by_votes:
            self.sort_by_votes = on
            self._reset()

    # --- structure --------------------------------------------------------------------------

    # The views call these for every row on every layout, so they index self._nodes directly: an
    # invalid index has internalId() 0, which is the root's serial.

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        """The index of a child row."""
        serial = parent.internalId()
        children = self._nodes[serial].children
        if column == 0 and 0 <= row < self._shown.get(serial, len(children)) and parent.column() <= 0:
            return self.createIndex(row, 0, children[row].serial)
        return QModelIndex()

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        """The parent of a row (invalid for sections)."""
        up = self._nodes[index.internalId()].parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.row, 0, up.serial)

    def rowCount(self, parent: Index = _ROOT) -> int:
        """How many children a row has."""
        serial = parent.internalId()
        return self._shown.get(serial, len(self._nodes[serial].children)) if parent.column() <= 0 else 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        """One column."""
        return 1

    def hasChildren(self, parent: Index = _ROOT) -> bool:
        """Whether a row has children."""
        return self.rowCount(parent) > 0

    # --- data -------------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """What a row shows, by role (plain text only)."""
        if not index.isValid():
            return None
        return self.node_data(self._nodes[index.internalId()], role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Cards and themes select, edit, drag and take drops; sections take drops."""
        return self._flags[index.internalId()]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """In-place edits: a card's text or a theme's label, as one undo step."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        return self.set_text(self.node(index).item_id, str(value))

    def set_text(self, item_id: str, text: str) -> bool:
        """A card's text or a theme's label, as one undo step (False if refused)."""
        if item_id in self.cards:
            if self.cards[item_id].text == text:
                return True
            return self.qt_document.attempt(set_card_field, item_id, "text", text)
        if item_id in self.themes:
            if self.themes[item_id].label == text:
                return True
            return self.qt_document.attempt(set_theme_field, item_id, "label", text)
        return False
