"""The JSON interchange format (pmdesk/resources/board-format.md): a board to a dict and back, checked."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

from pmdesk.model.board import (
    Action,
    AgendaPhase,
    Board,
    Card,
    Incident,
    Participant,
    Section,
    Session,
    Theme,
    TimelineEvent,
    Vote,
)
from pmdesk.model.rules import field_problem
from pmdesk.model.templates import DEFAULT_AGENDA, default_agenda, default_sections
from pmdesk.model.validate import board_problems, quoted, text_problem

FORMAT = "pmdesk"
VERSION = 1
# What a missing key becomes where the contract leaves it open (see pmdesk/resources/board-format.md).
MISSING_KIND = "other"
MISSING_EVENT_KIND = "note"
MISSING_COLOR = "#1f77b4"
MISSING_MINUTES = 5
DEFAULT_MINUTES = {id_: minutes for id_, _, minutes in DEFAULT_AGENDA}


class ImportProblem(ValueError):
    """The first thing wrong with a JSON board: where (a JSON path) and what."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


# --- export -------------------------------------------------------------------------------


def board_json_text(board: Board) -> str:
    """The board as interchange-format JSON text (UTF-8 friendly, indented, newline-terminated)."""
    return json.dumps(board_to_json(board), indent=2, ensure_ascii=False) + "\n"


def board_to_json(board: Board) -> dict[str, Any]:
    """The board as a JSON-ready dict in the interchange format."""

    def items(values: list[Any]) -> list[dict[str, Any]]:
        return [dataclasses.asdict(value) for value in values]

    return {
        "format": FORMAT,
        "version": VERSION,
        "incident": dataclasses.asdict(board.incident),
        "timeline": items(board.timeline),
        "participants": items(board.participants),
        "sections": items(board.sections),
        "themes": items(board.themes),
        "cards": items(board.cards),
        "votes": items(board.votes),
        "actions": items(board.actions),
        "session": dataclasses.asdict(board.session),
        "agenda": items(board.agenda),
    }


# --- import -------------------------------------------------------------------------------


class _Obj:
    """A JSON object at ``path`` whose keys are read with type checks."""

    def __init__(self, value: object, path: str) -> None:
        if not isinstance(value, dict):
            raise ImportProblem(path, f"expected an object, got {_kind(value)}")
        self.data: dict[str, Any] = value
        self.path = path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def text(self, key: str, default: str = "") -> str:
        value = self.data.get(key, default)
        problem = text_problem(value)
        if problem is not None:
            raise ImportProblem(self.at(key), problem if isinstance(value, str) else _expected("text", value))
        return str(value)

    def required_text(self, key: str) -> str:
        if key not in self.data:
            raise ImportProblem(self.at(key), "required")
        return self.text(key)

    def optional_text(self, key: str) -> str | None:
        value = self.data.get(key)
        return None if value is None else self.text(key)

    def id(self) -> str:
        value = self.required_text("id")
        if not value:
            raise ImportProblem(self.at("id"), "an id must not be empty")
        return value

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise ImportProblem(self.at(key), _expected("true or false", value))
        return value

    def integer(self, key: str, default: int | None, collection: str) -> int | None:
        value = self.data.get(key, default)
        if value is None:
            return None
        problem = field_problem(collection, key, value)  # the field's range (pmdesk/model/rules.py)
        if problem is not None:
            raise ImportProblem(self.at(key), problem)
        assert isinstance(value, int)
        return value

    def objects(self, key: str) -> list[_Obj]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise ImportProblem(self.at(key), _expected("a list", value))
        return [_Obj(item, f"{self.at(key)}[{index}]") for index, item in enumerate(value)]


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return quoted(value)
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {quoted(value)}"
    return "a list" if isinstance(value, list) else "an object"


def _expected(what: str, value: object) -> str:
    return f"expected {what}, got {_kind(value)}"


def _incident(root: _Obj) -> Incident:
    if "incident" not in root.data:
        raise ImportProblem("incident", "required (with at least a title)")
    obj = _Obj(root.data["incident"], "incident")
    title = obj.required_text("title")
    if not title.strip():
        raise ImportProblem("incident.title", "must not be empty")
    services = obj.data.get("services", [])
    if not isinstance(services, list):
        raise ImportProblem("incident.services", _expected("a list of names", services))
    for index, service in enumerate(services):
        if not isinstance(service, str):
            raise ImportProblem(f"incident.services[{index}]", _expected("text", service))
    return Incident(
        title=title,
        reference=obj.text("reference"),
        kind=obj.text("kind", MISSING_KIND),
        severity=obj.text("severity"),
        services=list(services),
        started_at=obj.optional_text("started_at"),
        detected_at=obj.optional_text("detected_at"),
        mitigated_at=obj.optional_text("mitigated_at"),
        resolved_at=obj.optional_text("resolved_at"),
        summary=obj.text("summary"),
        impact=obj.text("impact"),
        initial_response=obj.text("initial_response"),
    )


def _event(obj: _Obj) -> TimelineEvent:
    return TimelineEvent(
        obj.id(), obj.optional_text("at"), obj.text("kind", MISSING_EVENT_KIND), obj.text("text")
    )


def _participant(obj: _Obj) -> Participant:
    return Participant(
        obj.id(),
        obj.text("name"),
        obj.text("role"),
        obj.text("email"),
        obj.text("color", MISSING_COLOR),
        obj.boolean("facilitator"),
    )


def _section(obj: _Obj) -> Section:
    return Section(obj.id(), obj.text("title"), obj.text("prompt"))


def _theme(obj: _Obj) -> Theme:
    return Theme(obj.id(), obj.required_text("section"), obj.text("label"), obj.text("notes"))


def _card(obj: _Obj) -> Card:
    return Card(
        obj.id(),
        obj.required_text("section"),
        obj.text("text"),
        obj.optional_text("author"),
        obj.optional_text("theme"),
        obj.text("notes"),
        obj.boolean("hint_silenced"),
        obj.boolean("pending"),
    )


def _vote(obj: _Obj) -> Vote:
    return Vote(obj.optional_text("participant"), obj.required_text("target"))


def _action(obj: _Obj) -> Action:
    return Action(
        obj.id(),
        obj.text("text"),
        obj.optional_text("owner"),
        obj.optional_text("due"),
        obj.text("status", "open"),
        obj.text("priority", "medium"),
        obj.optional_text("source"),
    )


def _phase(obj: _Obj) -> AgendaPhase:
    phase_id = obj.id()
    minutes = obj.integer("minutes", DEFAULT_MINUTES.get(phase_id, MISSING_MINUTES), "agenda")
    if minutes is None:
        raise ImportProblem(obj.at("minutes"), _expected("a whole number of minutes", None))
    return AgendaPhase(phase_id, obj.text("title"), minutes, obj.integer("actual_seconds", None, "agenda"))


def _session(root: _Obj) -> Session:
    defaults = Session()
    if "session" not in root.data:
        return defaults
    obj = _Obj(root.data["session"], "session")
    votes = obj.integer("votes_per_participant", defaults.votes_per_participant, "session")
    if votes is None:
        raise ImportProblem(obj.at("votes_per_participant"), _expected("a whole number", None))
    return Session(
        date=obj.optional_text("date"),
        votes_per_participant=votes,
        votes_hidden=obj.boolean("votes_hidden", defaults.votes_hidden),
        takeaways=obj.text("takeaways"),
        check_in=obj.optional_text("check_in"),
        start_time=obj.optional_text("start_time"),
        current_phase=obj.optional_text("current_phase"),
        current_page=obj.optional_text("current_page"),
        current_item=obj.optional_text("current_item"),
        cards_revealed=obj.boolean("cards_revealed", defaults.cards_revealed),
    )


def _check_version(root: _Obj) -> None:
    if "format" not in root.data:
        raise ImportProblem("format", 'required: "pmdesk"')
    if root.data["format"] != FORMAT:
        raise ImportProblem("format", f'expected "pmdesk", got {_kind(root.data["format"])}')
    if "version" not in root.data:
        raise ImportProblem("version", f"required: {VERSION}")
    version = root.data["version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportProblem("version", _expected("a whole number", version))
    if version > VERSION:
        raise ImportProblem(
            "version",
            f"this board is format version {version}, from a newer pmdesk; this pmdesk reads "
            f"version {VERSION}. Update pmdesk to import it.",
        )
    if version < 1:
        raise ImportProblem("version", f"unknown format version {version}")


def _list(root: _Obj, key: str, build: Callable[[_Obj], Any]) -> list[Any]:
    return [build(obj) for obj in root.objects(key)]


def board_from_json(data: object) -> Board:
    """A board from parsed JSON; raises ImportProblem on the first thing that is wrong."""
    root = _Obj(data, "")
    _check_version(root)
    incident = _incident(root)
    timeline = _list(root, "timeline", _event)
    participants = _list(root, "participants", _participant)
    sections = _list(root, "sections", _section) if "sections" in root.data else default_sections()
    board = Board(
        incident=incident,
        timeline=timeline,
        participants=participants,
        sections=sections,
        themes=_list(root, "themes", _theme),
        cards=_list(root, "cards", _card),
        votes=_list(root, "votes", _vote),
        actions=_list(root, "actions", _action),
        session=_session(root),
        agenda=_list(root, "agenda", _phase) if "agenda" in root.data else default_agenda(),
    )
    problems = board_problems(board)
    if problems:
        raise ImportProblem(*problems[0])
    return board
