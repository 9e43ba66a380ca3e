"""Dot voting: place and remove dots, within each participant's budget."""

from __future__ import annotations

from pmdesk.model.board import Board, Vote
from pmdesk.model.derived import dots_used
from pmdesk.model.edits import Batch, EditError, find_index
from pmdesk.model.labels import plural
from pmdesk.model.recorder import finished, recording


def check_target(board: Board, target: str) -> None:
    """Raise EditError unless ``target`` is a theme or a loose card."""
    if any(theme.id == target for theme in board.themes):
        return
    for item in board.cards:
        if item.id == target:
            if item.pending:
                raise EditError("This card is still face down: reveal the cards before voting on it.")
            if item.theme is not None:
                raise EditError("This card is in a theme: place the dot on the theme.")
            return
    raise EditError(f"nothing to vote for with id {target!r}")


def place_vote(board: Board, participant: str | None, target: str) -> Batch:
    """Place one dot; ``participant`` None is a room dot outside every budget."""
    check_target(board, target)
    if participant is not None:
        person = board.participants[find_index(board, "participants", participant)]
        budget = board.session.votes_per_participant
        if dots_used(board, participant) >= budget:
            raise EditError(f"{person.name} has placed all {plural(budget, 'dot')}.")
    with recording(board, "Place dot" if participant else "Add room dot") as rec:
        rec.append("votes", Vote(participant, target))
    return finished(rec)


def remove_vote(board: Board, participant: str | None, target: str) -> Batch:
    """Remove the most recent matching dot."""
    for index in reversed(range(len(board.votes))):
        vote = board.votes[index]
        if vote.participant == participant and vote.target == target:
            with recording(board, "Remove dot" if participant else "Remove room dot") as rec:
                rec.remove_at("votes", index)
            return finished(rec)
    raise EditError("There is no such dot to remove.")
