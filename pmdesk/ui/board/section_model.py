"""One column's own item model: the rows of one section, flat, each theme followed by its cards.

Each column has its own model, so an edit in one section is seen by that column only, and the
model's structure lives in Qt (a ``QStandardItemModel`` of identical items): a tree view lays a
column of a thousand rows out again in a fraction of a millisecond, where a model answering
``index``/``flags`` in Python costs some 7 µs a row on every layout. What a row shows comes from
the board model (``BoardModel.node_data``), by the item id the row holds.

The model follows the board model's ``rows_changed``: rows removed, moved and inserted one by one
(``beginMoveRows`` for a move: the items are all alike, so only the ids change places), so views
keep their scroll position, selection and folded themes without saving and restoring them. A theme
is folded by hiding its cards' rows in the view (``CardView``); which themes are folded is kept here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from pmdesk.model.ordering import common_ends, staying
from pmdesk.ui.board.board_data import ID_ROLE, THEME_ROLE, Look
from pmdesk.ui.board.board_model import BoardModel
from pmdesk.ui.board.board_rows import MOST_MOVES
from pmdesk.ui.board.mime import CardMoves

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_DROPS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDropEnabled
_ROW = (
    _DROPS | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemNeverHasChildren
)


class SectionModel(CardMoves, QStandardItemModel):
    """The rows of one section for its column (see the module)."""

    def __init__(self, board: BoardModel, section_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.board = board
        self.section_id = section_id
        self.rows: list[str] = []  # the item id of each row
        self.folded: set[str] = set()  # themes whose cards are hidden in the column
        self._row_of: dict[str, int] | None = None  # rows by id, rebuilt after a change when asked
        self._searches = 0  # lookups since the rows last changed
        self._spliced: tuple[int, list[str]] | None = None  # rows being inserted: where, which
        self._prototype = QStandardItem()
        self.invisibleRootItem().setFlags(Qt.ItemFlag.ItemIsDropEnabled)  # between rows, and below them
        self.sync_read_only()
        # Connected before any view's: the ids are in place when a view hears of new or gone rows.
        self.rowsInserted.connect(self._inserted)
        self.rowsRemoved.connect(self._removed)
        self._fill(board.section_rows(section_id))
        board.rows_changed.connect(self._on_rows_changed)
        board.items_changed.connect(self._on_items_changed)
        board.modelReset.connect(self.rebuild)

    def sync_read_only(self) -> None:
        """Rows are editable unless the board file is read-only."""
        read_only = self.board.qt_document.document.read_only
        flags = _ROW if read_only else _ROW | Qt.ItemFlag.ItemIsEditable
        self._prototype.setFlags(flags)
        root = self.invisibleRootItem()
        for row in range(root.rowCount()):
            item = root.child(row)
            if item is not None:
                item.setFlags(flags)

    # --- rows ---------------------------------------------------------------------------------

    def _items(self, count: int) -> list[QStandardItem]:
        prototype = self._prototype
        return [prototype.clone() for _ in range(count)]

    def _fill(self, ids: list[str]) -> None:
        if ids:
            self._spliced = (0, ids)
            self.invisibleRootItem().insertRows(0, self._items(len(ids)))

    def _inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if self._spliced is not None and not parent.isValid():
            row, ids = self._spliced
            self.rows[row:row] = ids
            self._spliced = None
            self._forget_rows()

    def _forget_rows(self) -> None:
        self._row_of = None
        self._searches = 0

    def _removed(self, parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():
            del self.rows[first : last + 1]
            self._forget_rows()

    def rebuild(self) -> None:
        """Every row again (the board model was reset)."""
        self.beginResetModel()
        blocked = self.blockSignals(True)
        try:
            root = self.invisibleRootItem()
            root.removeRows(0, root.rowCount())
            self.rows = []
            ids = self.board.section_rows(self.section_id)
            if ids:
                root.insertRows(0, self._items(len(ids)))
            self.rows = ids
            self._forget_rows()
            self._spliced = None
        finally:
            self.blockSignals(blocked)
        self.endResetModel()

    def _on_rows_changed(self, sections: object) -> None:
        if isinstance(sections, (set, list)) and self.section_id in sections:
            self.sync()

    def sync(self) -> None:
        """Bring the rows to the section's as the board model has them: removals, moves, inserts."""
        wanted = self.board.section_rows(self.section_id)
        rows = self.rows
        if wanted == rows:
            return
        # Rows the same at both ends stay: only the stretch between them is compared.
        head, tail = common_ends(rows, wanted)
        before, after = rows[head : len(rows) - tail], wanted[head : len(wanted) - tail]
        keep, current = set(after), set(before)
        gone = [head + row for row, item_id in enumerate(before) if item_id not in keep]
        arriving = [head + row for row, item_id in enumerate(after) if item_id not in current]
        remaining = [item_id for item_id in before if item_id in keep]
        order = [item_id for item_id in after if item_id in current]
        settled = staying(remaining, order)
        if len(gone) + len(arriving) + len(remaining) - len(settled) > MOST_MOVES:
            self.rebuild()
            return
        root = self.invisibleRootItem()
        for first, count in reversed(runs(gone)):
            root.removeRows(first, count)
        settled.update(rows[:head])  # the rows before the stretch stay where they are
        order = rows[:head] + order
        for item_id in order[head:]:
            if item_id not in settled:
                self._move_after(item_id, order, settled)
                settled.add(item_id)
        for first, count in runs(arriving):
            self._spliced = (first, wanted[first : first + count])
            root.insertRows(first, self._items(count))

    def _move_after(self, item_id: str, order: list[str], settled: set[str]) -> None:
        """Move a row right after its nearest settled predecessor in ``order`` (to the top if none)."""
        source = self.rows.index(item_id)
        target = 0
        for before in reversed(order[: order.index(item_id)]):
            if before in settled:
                target = self.rows.index(before) + 1
                break
        if target in (source, source + 1):
            return
        self.beginMoveRows(_ROOT, source, source, _ROOT, target)
        del self.rows[source]
        self.rows.insert(target - 1 if target > source else target, item_id)
        self._forget_rows()
        self.endMoveRows()

    def _on_items_changed(self, ids: object) -> None:
        if not self.rows:
            return
        if ids is None:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0))
            return
        assert isinstance(ids, list)
        for item_id in ids:
            row = self.row_of(item_id)
            if row is not None:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index)

    # --- lookups ------------------------------------------------------------------------------

    def row_of(self, item_id: str) -> int | None:
        """The row of an item (None if not in this column)."""
        if self._row_of is None:
            self._searches += 1
            if self._searches <= 8:  # a few lookups after a change: a search beats a new table
                try:
                    return self.rows.index(item_id)
                except ValueError:
                    return None
            self._row_of = {item_id: row for row, item_id in enumerate(self.rows)}
        return self._row_of.get(item_id)

    def index_of(self, item_id: str) -> QModelIndex:
        """The index of a card or theme of this column (invalid if not shown here)."""
        row = self.row_of(item_id)
        if row is None and not self.board.is_shown(item_id):
            self.board.fetch_all()  # a long section's rest: asked for by id, so it is wanted now
            row = self.row_of(item_id)
        return self.index(row, 0) if row is not None else QModelIndex()

    def item_id(self, index: Index) -> str | None:
        """The id of the item on a row."""
        return self.rows[index.row()] if index.isValid() and 0 <= index.row() < len(self.rows) else None

    def cards_of(self, theme_id: str) -> list[int]:
        """The rows of a theme's cards (they follow the theme's row)."""
        row = self.row_of(theme_id)
        if row is None:
            return []
        count = len(self.board.children_of(theme_id))
        return list(range(row + 1, min(row + 1 + count, len(self.rows))))

    # --- data ---------------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """What a row shows, by role (the board model's answer for the row's item)."""
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < len(self.rows):
            return None
        node = self.board.node_of(self.rows[index.row()])
        return None if node is None else self.board.node_data(node, role)

    def measure(self, row: int) -> tuple[str, str, bool] | None:
        """What a row's height depends on (kind, text, in a theme), asked once per row per layout."""
        if not 0 <= row < len(self.rows):
            return None
        node = self.board.node_of(self.rows[row])
        return None if node is None else self.board.measure(node)

    def look(self, index: Index) -> Look:
        """What the card delegate draws for a row, in one call (the board model's answer)."""
        item_id = self.item_id(index)
        node = self.board.node_of(item_id) if item_id is not None else None
        if node is None:
            return Look("", "", "", "", "", 0, 0, False, False, False, False)
        return self.board.look(node)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """In-place edits: a card's text or a theme's label, as one undo step."""
        item_id = self.item_id(index)
        if item_id is None or role != Qt.ItemDataRole.EditRole:
            return False
        return self.board.set_text(item_id, str(value))

    def itemData(self, index: Index) -> dict[int, Any]:
        """The roles a row has (what Qt copies when it needs a row's data)."""
        roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, ID_ROLE, THEME_ROLE)
        return {int(role): value for role in roles if (value := self.data(index, role)) is not None}

    # --- drag and drop ------------------------------------------------------------------------

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        """The ids of the dragged cards and themes (the board model's MIME data)."""
        ids = [item_id for index in indexes if (item_id := self.item_id(index)) is not None]
        return self.board.mime_of(ids)

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Whether dropping here would do something (asked of the board model, in its rows)."""
        target, at = self.board_target(row, parent)
        return target.isValid() and self.board.canDropMimeData(data, action, at, 0, target)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Group, join, merge or move, as ONE undo step (through the board model)."""
        target, at = self.board_target(row, parent)
        return target.isValid() and self.board.dropMimeData(data, action, at, 0, target)

    def board_target(self, row: int, parent: Index) -> tuple[QModelIndex, int]:
        """A drop place in this model's flat rows as the board model's (parent, row).

        On a row: onto that card or theme. Between rows: inside a theme when the next row is one
        of its cards (and the theme is unfolded), else in the section before the next row's item.
        """
        board = self.board
        section = board.index_of(self.section_id)
        if parent.isValid():
            item_id = self.item_id(parent)
            return (board.index_of(item_id) if item_id else QModelIndex()), -1
        if row < 0:
            return section, -1
        if row < len(self.rows):
            next_id = self.rows[row]
            node = board.node_of(next_id)
            theme_id = board.node_data(node, THEME_ROLE) if node is not None else None
            if theme_id is not None and theme_id not in self.folded:
                return board.index_of(theme_id), board.children_of(theme_id).index(next_id)
            if theme_id is not None:  # a folded theme's hidden card: the drop goes after the theme
                items = board.items_in(self.section_id)
                return section, items.index(theme_id) + 1
            return section, board.items_in(self.section_id).index(next_id)
        return section, len(board.items_in(self.section_id))


def runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows as (first, count) runs of consecutive rows."""
    found: list[tuple[int, int]] = []
    for row in sorted(rows):
        if found and found[-1][0] + found[-1][1] == row:
            found[-1] = (found[-1][0], found[-1][1] + 1)
        else:
            found.append((row, 1))
    return found
