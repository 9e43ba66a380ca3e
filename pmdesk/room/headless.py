"""``pmdesk room BOARD.pmdesk``: the room served without a window, until Ctrl+C or SIGTERM.

The first line on standard output is the join URL. Lines typed on standard input steer the
room (``write``, ``vote``, ``view``, ``reveal``, ``undo``, ``anonymous on|off``, ``status`` (the phase too),
``quit``); their answers go to standard output after the URL.
"""

from __future__ import annotations

import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from pmdesk.model.board import Board
from pmdesk.model.edits import EditError
from pmdesk.model.room_ops import pending_counts, reveal_cards
from pmdesk.room.gateway import LocalGateway, Mode, RoomPhase
from pmdesk.room.page import direction_of, room_language
from pmdesk.room.server import RoomConfig, RoomServer

# The agenda phase whose title and minutes each mode shows.
MODE_PHASES: dict[Mode, str] = {"write": "reflection", "vote": "prioritization", "view": "discussion"}
HELP = "commands: write | vote | view | reveal | undo | anonymous on|off | status | quit"


def lan_address() -> str:
    """This laptop's address on its local network, or 127.0.0.1 when it has none.

    Connecting a UDP socket sends nothing: it only asks the kernel which interface a packet to
    a private address would leave by.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 9))
        address = str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()
    return "127.0.0.1" if address in ("0.0.0.0", "") else address


def phase_for(board: Board, mode: Mode, anonymous: bool, now: float | None = None) -> RoomPhase:
    """The phase a mode shows: its agenda phase's title, and its countdown starting now."""
    wanted = MODE_PHASES[mode]
    phase = next((item for item in board.agenda if item.id == wanted), None)
    titles = {"write": "Individual reflection", "vote": "Prioritization", "view": "Group discussion"}
    start = time.time() if now is None else now
    return RoomPhase(
        mode=mode,
        title=phase.title if phase and phase.title.strip() else titles[mode],
        ends_at=start + phase.minutes * 60 if phase else None,
        anonymous=anonymous,
    )


def _minutes(seconds: float) -> str:
    whole = round(abs(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def phase_line(phase: RoomPhase, now: float | None = None) -> str:
    """The phase as ``status`` says it: mode, title and countdown (left, paused or over)."""
    line = f"phase: {phase.mode} ({phase.title})"
    if phase.paused_remaining is not None:
        return f"{line}, paused with {_minutes(phase.paused_remaining)} left"
    if phase.ends_at is not None:
        left = phase.ends_at - (time.time() if now is None else now)
        return f"{line}, {_minutes(left)} {'left' if left >= 0 else 'over'}"
    return line


class Console:
    """The lines a facilitator (or a test) types to steer the headless room."""

    def __init__(
        self, gateway: LocalGateway, server: RoomServer, out: TextIO, stop: Callable[[], None]
    ) -> None:
        self.gateway = gateway
        self.server = server
        self.out = out
        self.stop = stop

    def say(self, text: str) -> None:
        """One line of answer."""
        print(text, file=self.out, flush=True)

    def run(self, line: str) -> None:
        """Carry out one command line."""
        words = line.split()
        if not words:
            return
        command, *rest = words
        gateway = self.gateway
        if command in MODE_PHASES:
            phase = gateway.phase()
            mode: Mode = command
            gateway.set_phase(gateway.read(lambda board: phase_for(board, mode, phase.anonymous)))
            self.say(f"phase: {command}")
        elif command == "reveal":
            try:
                gateway.apply(reveal_cards)
            except EditError as error:
                self.say(str(error))
            else:
                self.say("cards revealed")
        elif command == "undo":
            try:
                gateway.undo()
                self.say("undone")
            except IndexError:
                self.say("nothing to undo")
        elif command == "anonymous" and rest in (["on"], ["off"]):
            gateway.update_phase(anonymous=rest == ["on"])
            self.say(f"anonymous: {rest[0]}")
        elif command == "status":
            counts = gateway.read(pending_counts)
            face_down = sum(counts.values())
            room = f"devices: {self.server.devices()}, cards face down: {face_down}"
            self.say(f"{phase_line(gateway.phase())}; {room}")
        elif command == "quit":
            self.stop()
        else:
            self.say(HELP)


def serve(path: Path, host: str | None, port: int, mode: Mode = "write", anonymous: bool = True) -> int:
    """Serve the room for the board at ``path`` until Ctrl+C, SIGTERM or ``quit``; exit status."""
    gateway = LocalGateway(path)
    stopped = threading.Event()
    try:
        lang = room_language()
        gateway.set_phase(gateway.read(lambda board: phase_for(board, mode, anonymous)))
        config = RoomConfig(lang=lang, dir=direction_of(lang))
        try:
            server = RoomServer(gateway, host or lan_address(), port, config)
        except OSError as error:
            raise OSError(error.errno, f"cannot listen on {host}:{port} ({error.strerror})") from None
        try:
            server.start()
            print(server.url, flush=True)
            print(f"Serving {path.name}; Ctrl+C to stop. {HELP}", file=sys.stderr, flush=True)
            console = Console(gateway, server, sys.stdout, stopped.set)
            previous = signal.signal(signal.SIGTERM, lambda *_: stopped.set())
            threading.Thread(target=_read_commands, args=(console,), daemon=True).start()
            try:
                while not stopped.wait(0.5):
                    pass
            except KeyboardInterrupt:
                pass
            finally:
                signal.signal(signal.SIGTERM, previous)
        finally:
            server.close()
    finally:
        gateway.close()
    print("The room is closed.", file=sys.stderr, flush=True)
    return 0


def _read_commands(console: Console) -> None:
    try:
        for line in sys.stdin:
            console.run(line)
    except (OSError, ValueError):
        pass
