"""The board model's rows, and how they follow an edit one row at a time.

``BoardRows`` is the tree half of ``BoardModel``: nodes by serial (the index's internal id) and
by item id, and the operations that bring the tree to the board's new shape with
``beginInsertRows`` / ``beginRemoveRows`` / ``beginMoveRows`` for each row that changed, so
views keep their scroll position, selection and folded themes without saving and restoring them.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from pmdesk.model.board import Board, Card, Theme
from pmdesk.model.derived import cards_by_theme, cards_in_sections, column_items, items_by_section
from pmdesk.model.ordering import common_ends, staying

# Above this many rows out of place, one reset is cheaper than row-by-row moves.
MOST_MOVES = 200
Shape = dict[str, list[tuple[str, str]]]  # parent id ("" for the root) -> (kind, id) of its rows


class Node:
    """One row of the tree: a section, a theme or a card, by id."""

    __slots__ = ("children", "item_id", "kind", "parent", "row", "serial")

    def __init__(self, kind: str, item_id: str, parent: Node | None, row: int, serial: int) -> None:
        self.kind = kind
        self.item_id = item_id
        self.parent = parent
        self.row = row
        self.serial = serial
        self.children: list[Node] = []


class BoardRows(QAbstractItemModel):
    """The tree of sections, themes and cards, and its row-by-row updates (see the module)."""

    def init_rows(self) -> None:
        """An empty tree (the root only)."""
        self._root = Node("root", "", None, 0, 0)
        self._nodes: list[Node] = [self._root]  # by serial; removed nodes stay, unreachable
        self._flags: list[Qt.ItemFlag] = [Qt.ItemFlag.NoItemFlags]  # by serial, like _nodes
        self._by_id: dict[str, Node] = {}
        # Rows shown so far of a long section, by the section's serial (absent: all of them).
        self._shown: dict[int, int] = {}
        self.touched: set[str] = set()  # the sections whose rows changed since this was emptied

    # --- what the board looks like now -------------------------------------------------------

    _kind_flags: dict[str, Qt.ItemFlag]  # the flags of each kind of row (set by the model)

    def board_now(self) -> Board:
        """The board shown (override)."""
        raise NotImplementedError

    def arrange(self, items: list[Card | Theme]) -> None:
        """Put a section's rows in the order shown (override; board order by default)."""

    def shape(self, sections: set[str] | None = None, themes: set[str] | None = None) -> Shape:
        """Each parent's rows as the board has them now.

        With ``sections``: those sections' rows only (not the root's row of sections), and the
        cards of the ``themes`` among them only (of all their themes if ``themes`` is None).
        """
        board = self.board_now()
        if sections is None:
            shape: Shape = {"": [("section", section.id) for section in board.sections]}
            by_section = items_by_section(board)
            members = cards_by_theme(board)
        else:
            shape = {}
            by_section = {}
            members = {}
            for section_id, cards in cards_in_sections(board, sections).items():
                by_section[section_id] = column_items(board, cards, section_id)
                for card in cards:
                    if card.theme is not None and (themes is None or card.theme in themes):
                        members.setdefault(card.theme, []).append(card)
        for section_id, items in by_section.items():
            self.arrange(items)
            rows = shape[section_id] = []
            for item in items:
                if isinstance(item, Theme):
                    rows.append(("theme", item.id))
                    if themes is None or item.id in themes:
                        shape[item.id] = [("card", card.id) for card in members.get(item.id, ())]
                else:
                    rows.append(("card", item.id))
        return shape

    # --- building from scratch ----------------------------------------------------------------

    def build_rows(self) -> None:
        """Make the tree from the board (inside a reset, or before any view)."""
        self.init_rows()
        shape = self.shape()
        for row, (_kind, section_id) in enumerate(shape[""]):
            node = self._add(self._root, "section", section_id, row)
            for kind, item_id in shape[section_id]:
                child = self._add(node, kind, item_id, len(node.children))
                for card_kind, card_id in shape.get(item_id, []) if kind == "theme" else []:
                    self._add(child, card_kind, card_id, len(child.children))

    def _add(self, parent: Node, kind: str, item_id: str, row: int) -> Node:
        node = Node(kind, item_id, parent, row, len(self._nodes))
        self._nodes.append(node)
        self._flags.append(self._kind_flags[kind])
        parent.children.append(node)
        self._by_id[item_id] = node
        return node

    def node_index(self, node: Node) -> QModelIndex:
        """The index of a node (invalid for the root)."""
        return QModelIndex() if node is self._root else self.createIndex(node.row, 0, node.serial)

    # --- following an edit row by row -----------------------------------------------------------

    def reshape(self, shape: Shape) -> set[str]:
        """Bring the tree to ``shape`` row by row; the ids of themes whose cards changed.

        With the root's rows (``""``) in ``shape``, sections come, go and move too: a new section
        is inserted before the items that go into it, a gone one is removed (with whatever it still
        holds) after its items moved elsewhere.
        """
        shape = self.differing(shape)
        # Rows the same at both ends of a parent stay as they are: only the stretch between them
        # can hold items that come, go or move (one card added to a long column: one row).
        windows: dict[str, list[tuple[str, str]]] = {}
        leaving: list[Node] = []  # children in the tree's stretch: perhaps gone
        for parent_id, rows in shape.items():
            parent = self._root if parent_id == "" else self._by_id.get(parent_id)
            children = parent.children if parent is not None else []
            head, tail = common_ends(
                [child.item_id for child in children], [item_id for _kind, item_id in rows]
            )
            windows[parent_id] = rows[head : len(rows) - tail]
            leaving.extend(children[head : len(children) - tail])
        wanted_parent = {item_id: parent for parent, rows in windows.items() for _kind, item_id in rows}
        kinds = {item_id: kind for rows in windows.values() for kind, item_id in rows}
        touched: set[str] = set()
        # New sections and themes first (cards may move into them), then moves between parents,
        # then removals, then new cards, then the order within each parent.
        for wanted_kind in ("section", "theme"):
            for item_id, kind in kinds.items():
                if kind == wanted_kind and item_id not in self._by_id:
                    self._insert(shape, wanted_parent[item_id], kind, item_id)
        for item_id, parent_id in wanted_parent.items():
            node = self._by_id.get(item_id)
            if node is not None and node.parent is not None and node.parent.item_id != parent_id:
                touched.update((node.parent.item_id, parent_id))
                self._move(node, self._by_id[parent_id], self._row_after(shape, parent_id, item_id))
        for node in [n for n in leaving if n.item_id not in wanted_parent]:
            if self._by_id.get(node.item_id) is node and node.parent is not None:
                touched.add(node.parent.item_id)
                self._remove(node)
        for item_id, kind in kinds.items():
            if item_id not in self._by_id:
                touched.add(wanted_parent[item_id])
                self._insert(shape, wanted_parent[item_id], kind, item_id)
        for parent_id, rows in shape.items():
            parent = self._parent(parent_id)
            if [child.item_id for child in parent.children] != [item_id for _kind, item_id in rows]:
                touched.add(parent_id)
                self._reorder(parent, shape)
        return {
            item_id
            for item_id in touched
            if (node := self._by_id.get(item_id)) is not None and node.kind == "theme"
        }

    def differing(self, shape: Shape) -> Shape:
        """The parents of ``shape`` whose rows differ from the tree's (an item that changes parent
        makes both its parents differ)."""
        return {parent_id: rows for parent_id, rows in shape.items() if not self._same(parent_id, rows)}

    def _parent(self, parent_id: str) -> Node:
        """The node of a parent id ("" for the root)."""
        return self._root if parent_id == "" else self._by_id[parent_id]

    def _same(self, parent_id: str, rows: list[tuple[str, str]]) -> bool:
        """Whether a parent's rows are already ``rows``."""
        parent = self._root if parent_id == "" else self._by_id.get(parent_id)
        if parent is None or len(parent.children) != len(rows):
            return False
        return [child.item_id for child in parent.children] == [item_id for _kind, item_id in rows]

    def moves_needed(self, shape: Shape) -> int:
        """How many rows would be removed, inserted or moved (the caller resets instead when there
        are very many: deleting thousands of cards is one reset, not thousands of row signals)."""
        count = 0
        for parent_id, rows in shape.items():
            parent = self._root if parent_id == "" else self._by_id.get(parent_id)
            if parent is None:
                count += len(rows)
                continue
            current = [child.item_id for child in parent.children]
            wanted = [item_id for _kind, item_id in rows]
            if current != wanted:
                kept = len(staying(current, wanted))
                count += (len(current) - kept) + (len(wanted) - kept)  # rows leaving, rows arriving
        return count

    def _row_after(self, shape: Shape, parent_id: str, item_id: str) -> int:
        """The row that puts ``item_id`` right after its nearest wanted predecessor in the parent."""
        wanted = [child for _kind, child in shape[parent_id]]
        parent = self._parent(parent_id)
        node = self._by_id.get(item_id)
        for before in reversed(wanted[: wanted.index(item_id)]):
            previous = self._by_id.get(before)
            if previous is not None and previous.parent is parent:
                if node is not None and node.parent is parent and node.row < previous.row:
                    return previous.row  # the item leaves its row first: the predecessor moves up
                return previous.row + 1
        return 0

    def _touch(self, node: Node) -> None:
        """Note the section ``node`` stands in (or is) as changed."""
        while node.parent is not None and node.parent is not self._root:
            node = node.parent
        if node is not self._root:
            self.touched.add(node.item_id)

    def _insert(self, shape: Shape, parent_id: str, kind: str, item_id: str) -> None:
        parent = self._parent(parent_id)
        self._touch(parent)
        row = self._row_after(shape, parent_id, item_id)
        self.beginInsertRows(self.node_index(parent), row, row)
        node = Node(kind, item_id, parent, row, len(self._nodes))
        self._nodes.append(node)
        self._flags.append(self._kind_flags[kind])
        parent.children.insert(row, node)
        _renumber(parent, row)
        self._by_id[item_id] = node
        self.endInsertRows()

    def _remove(self, node: Node) -> None:
        parent = node.parent
        assert parent is not None
        self._touch(parent)
        self.beginRemoveRows(self.node_index(parent), node.row, node.row)
        parent.children.pop(node.row)
        _renumber(parent, node.row)
        self._shown.pop(node.serial, None)  # a long section removed before its rest arrived
        stack = [node]
        while stack:
            gone = stack.pop()
            if self._by_id.get(gone.item_id) is gone:
                del self._by_id[gone.item_id]
            stack.extend(gone.children)
        self.endRemoveRows()

    def _move(self, node: Node, parent: Node, row: int) -> None:
        """Move ``node`` so that it ends up at ``row`` of ``parent``."""
        source = node.parent
        assert source is not None
        if source is parent and row == node.row:
            return
        self._touch(source)
        self._touch(parent)
        # Qt counts the destination in the rows before the move.
        destination = row + 1 if source is parent and row > node.row else row
        self.beginMoveRows(self.node_index(source), node.row, node.row, self.node_index(parent), destination)
        start = node.row
        source.children.pop(start)
        parent.children.insert(row, node)
        node.parent = parent
        _renumber(source, min(start, row) if source is parent else start)
        if source is not parent:
            _renumber(parent, row)
        self.endMoveRows()

    def _reorder(self, parent: Node, shape: Shape) -> None:
        wanted = [item_id for _kind, item_id in shape[parent.item_id if parent is not self._root else ""]]
        settled = staying([child.item_id for child in parent.children], wanted)
        for item_id in wanted:
            if item_id not in settled:
                self._move(
                    self._by_id[item_id], parent, self._row_after_settled(parent, wanted, item_id, settled)
                )
                settled.add(item_id)

    def _row_after_settled(self, parent: Node, wanted: list[str], item_id: str, settled: set[str]) -> int:
        node = self._by_id[item_id]
        for before in reversed(wanted[: wanted.index(item_id)]):
            if before in settled:
                previous = self._by_id[before]
                return previous.row if node.row < previous.row else previous.row + 1
        return 0


def _renumber(parent: Node, start: int) -> None:
    for row in range(start, len(parent.children)):
        parent.children[row].row = row
