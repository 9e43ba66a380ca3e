"""Change sets: what one applied edit changed, so each view can ask "does this concern me?".

Every applied edit (and every undo or redo) yields one ``Changes``: the kinds of things it
touched (cards, themes, sections, participants, votes, actions, timeline, agenda, incident,
session), which ids and fields were set, and which lists gained, lost or reordered items.
``Changes.everything()`` stands for a whole-board change (another file, a reset).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pmdesk.model.edits import Edit, SetField, primitives


@dataclass(frozen=True)
class Changes:
    """What changed: entities, the ids and fields set, the lists reshaped, or everything."""

    entities: frozenset[str] = frozenset()
    # (collection, field name) of every SetField
    fields: frozenset[tuple[str, str]] = frozenset()
    # collection -> ids of the items whose fields were set ("" for the incident and the session)
    ids: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # collections where items were inserted, removed or reordered
    reshaped: frozenset[str] = frozenset()
    whole_board: bool = False
    edit: Edit | None = field(default=None, compare=False)
    # The view that made the change (None for undo, redo and everything else), so it can skip itself.
    origin: object = field(default=None, compare=False)

    @classmethod
    def everything(cls) -> Changes:
        """A whole-board change: every view brings itself up to date."""
        return cls(whole_board=True)

    def concerns(self, *keys: str) -> bool:
        """Whether any of ``keys`` changed: an entity ("cards") or one field of it ("incident.title").

        A field key matches a SetField of that field and any insert, remove or reorder of its list.
        """
        if self.whole_board:
            return True
        for key in keys:
            entity, _, name = key.partition(".")
            if entity not in self.entities:
                continue
            if not name or entity in self.reshaped or (entity, name) in self.fields:
                return True
        return False

    def fields_of(self, entity: str) -> frozenset[str]:
        """The names of the fields set on items of ``entity``."""
        return frozenset(name for collection, name in self.fields if collection == entity)

    def only_fields(self, entity: str, names: frozenset[str] | set[str]) -> bool:
        """True when ``entity`` changed only through fields among ``names`` (no insert, remove, move)."""
        return not self.whole_board and entity not in self.reshaped and self.fields_of(entity) <= names

    def ids_of(self, entity: str) -> frozenset[str]:
        """Ids of the ``entity`` items whose fields were set."""
        return self.ids.get(entity, frozenset())


def changes_of(edit: Edit, origin: object = None) -> Changes:
    """The change set of an applied edit (its primitives decide, not its name)."""
    entities: set[str] = set()
    fields: set[tuple[str, str]] = set()
    ids: dict[str, set[str]] = {}
    reshaped: set[str] = set()
    for step in primitives(edit):
        entities.add(step.collection)
        if isinstance(step, SetField):
            fields.add((step.collection, step.name))
            ids.setdefault(step.collection, set()).add(step.item_id or "")
            continue
        reshaped.add(step.collection)
    return Changes(
        entities=frozenset(entities),
        fields=frozenset(fields),
        ids={key: frozenset(value) for key, value in ids.items()},
        reshaped=frozenset(reshaped),
        edit=edit,
        origin=origin,
    )
