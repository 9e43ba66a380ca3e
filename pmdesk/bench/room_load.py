"""The room under load: participants' devices posting cards to ``pmdesk room`` on 127.0.0.1.

``python -m pmdesk.bench.room_load`` prints the figures on its own; the benchmark's table has
them too. Each simulated participant is a thread with its own device key that joins (a name, or
anonymous once the board's names are taken) and posts its cards at a steady pace, so that all
the cards are sent within the window; a card is retried with the same client id after a network
error or a 429/5xx (at most three times, as the page does). As the page does, each device also
keeps the room's event stream open and fetches ``/state`` 150 ms after a change is announced
(one fetch for the changes that come within those 150 ms). Each device connects from a loopback
address of its own (127.0.x.y), as each phone has its own address on the room's network.
Afterwards the board file is read: every card must be there exactly once.

The devices write into every section in turn, as a room does in individual reflection; with
``one_column`` every card goes into the board's second section instead (one long column, the
window's worst case: a column lays all its rows out again when one arrives).
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"  # the load never leaves this machine
RETRIES = 3
REFRESH_DELAY = 0.15  # seconds, as the page waits before fetching the state after a change


@dataclass
class LoadResult:
    """What one load run measured."""

    participants: int
    cards: int
    sent_within: float  # seconds from the first POST to the last answer
    latencies: list[float] = field(default_factory=list)  # seconds, POST sent -> 201/200 read
    retries: int = 0
    failed: int = 0
    states: int = 0  # GET /state answered (devices following the event stream)
    on_board: int = 0  # of the posted texts, how many the file holds
    duplicates: int = 0

    def p(self, percent: float) -> float:
        """A percentile of the latencies, in ms."""
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return 1000 * ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]

    def summary(self) -> str:
        """One line of figures."""
        return (
            f"{self.cards} cards from {self.participants} devices in {self.sent_within:.1f} s: "
            f"POST->committed p50 {self.p(50):.1f} ms, p95 {self.p(95):.1f} ms, max {self.p(100):.1f} ms; "
            f"{self.on_board}/{self.cards} on the board, {self.duplicates} twice, {self.retries} retries, "
            f"{self.failed} failed; {self.states} state fetches"
        )


def device_address(number: int) -> str:
    """A loopback address of a simulated phone's own (each phone has its own on the room's network)."""
    return f"127.0.{1 + number // 250}.{1 + number % 250}"


def _connect(port: int, source: str, timeout: float | None = 10) -> http.client.HTTPConnection:
    return http.client.HTTPConnection(HOST, port, timeout=timeout, source_address=(source, 0))


def _post(port: int, path: str, key: str, body: Mapping[str, object], source: str) -> int:
    conn = _connect(port, source)
    try:
        headers = {"Content-Type": "application/json", "X-Pmdesk-Device": key}
        conn.request("POST", path, json.dumps(body), headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def _follow(port: int, base: str, key: str, source: str, stop: threading.Event, fetched: list[int]) -> None:
    """Follow the event stream as the page does: fetch the state 150 ms after a change is announced."""
    changed = threading.Event()

    def fetch_states() -> None:
        while changed.wait() and not stop.is_set():
            time.sleep(REFRESH_DELAY)
            changed.clear()
            if stop.is_set():
                return
            state = _connect(port, source)
            try:
                state.request("GET", f"{base}/state", headers={"X-Pmdesk-Device": key})
                state.getresponse().read()
                fetched.append(1)
            except OSError:
                pass
            finally:
                state.close()

    fetcher = threading.Thread(target=fetch_states, daemon=True)
    fetcher.start()
    stream = _connect(port, source, timeout=None)
    try:
        stream.request("GET", f"{base}/events?device={key}")
        response = stream.getresponse()
        while response.status == 200 and not stop.is_set():
            line = response.fp.readline()
            if not line:
                break
            if line.startswith(b"event: changed"):
                changed.set()
    except OSError:
        pass
    finally:
        stop.wait()
        changed.set()
        stream.close()
        fetcher.join(timeout=5)


def parse_url(url: str) -> tuple[int, str]:
    """The port and the path of a join URL on 127.0.0.1 (RuntimeError for anything else)."""
    found = re.fullmatch(r"http://127\.0\.0\.1:(\d+)(/j/[A-Za-z0-9_-]+)", url)
    if not found:
        raise RuntimeError(f"the room gave {url!r}, not a join URL on {HOST}")
    return int(found[1]), found[2]


def post_cards(
    port: int,
    base: str,
    participants: int,
    cards_each: int,
    window: float,
    sections: Sequence[str],
    streams: bool = True,
) -> tuple[LoadResult, list[str]]:
    """Join ``participants`` devices, post ``cards_each`` cards each within ``window`` s; texts sent.

    Each device writes into ``sections`` in turn (starting at a section of its own).

    With ``streams``, each device follows the event stream and fetches the state as the page does.
    """
    result = LoadResult(participants, participants * cards_each, 0.0)
    lock = threading.Lock()
    stop = threading.Event()
    fetched: list[int] = []
    texts: list[str] = []
    names = [f"p{i}" for i in range(1, 6)]  # the demo board's participants
    start_at = time.monotonic() + 0.5

    def participant(number: int) -> None:
        key = f"bench-device-{number:04d}-{random.getrandbits(64):016x}"
        source = device_address(number)
        name = names[number] if number < len(names) else None
        for attempt in range(RETRIES + 1):
            try:
                if _post(port, f"{base}/join", key, {"participant": name}, source) == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2 * (attempt + 1))
        if streams:
            follow = (port, base, key, source, stop, fetched)
            threading.Thread(target=_follow, args=follow, daemon=True).start()
        pace = window / cards_each
        offset = random.uniform(0, pace)  # people do not press "Add card" in step
        for index in range(cards_each):
            text = f"Load card {number}-{index}: the pager rota was out of date"
            client_id = f"n{number:03d}c{index:03d}"
            section = sections[(number + index) % len(sections)]
            body = {"id": client_id, "section": section, "text": text, "author": name}
            due = start_at + offset + index * pace
            time.sleep(max(0.0, due - time.monotonic()))
            for attempt in range(RETRIES + 1):
                sent = time.monotonic()
                try:
                    status = _post(port, f"{base}/cards", key, body, source)
                except OSError:
                    status = 0
                took = time.monotonic() - sent
                if status in (200, 201):
                    with lock:
                        result.latencies.append(took)
                        texts.append(text)
                    break
                with lock:
                    result.retries += attempt < RETRIES
                time.sleep(0.2 * (attempt + 1))
            else:
                with lock:
                    result.failed += 1

    threads = [threading.Thread(target=participant, args=(n,)) for n in range(participants)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    result.sent_within = time.monotonic() - start_at
    result.states = len(fetched)
    stop.set()  # each stream ends when the room closes, or with this process
    return result, texts
    return result, texts


def check_board(board: Path, result: LoadResult, texts: list[str]) -> None:
    """Read the board file: how many of the posted cards it holds, and how many twice."""
    from pmdesk.store.board_file import BoardFile

    on_board = [
        card.text for card in BoardFile.read_snapshot(board).cards if card.text.startswith("Load card")
    ]
    result.on_board = len(set(texts) & set(on_board))
    result.duplicates = len(on_board) - len(set(on_board))


def sections_for(ids: Sequence[str], one_column: bool = False) -> list[str]:
    """The sections the devices write into, of a board's ``ids``: every one, or only its second."""
    return list(ids[1:2] or ids[:1]) if one_column else list(ids)


def run_load(
    board: Path,
    participants: int = 30,
    cards_each: int = 10,
    window: float = 9.0,
    env: dict[str, str] | None = None,
    one_column: bool = False,
) -> LoadResult:
    """Serve ``board`` with ``pmdesk room``; post ``participants`` × ``cards_each`` cards in ``window`` s."""
    from pmdesk.store.board_file import BoardFile

    sections = sections_for([section.id for section in BoardFile.read_snapshot(board).sections], one_column)
    command = [sys.executable, "-m", "pmdesk", "room", str(board), "--host", HOST, "--port", "0"]
    room = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    try:
        assert room.stdout is not None
        port, base = parse_url(room.stdout.readline().strip())
        result, texts = post_cards(port, base, participants, cards_each, window, sections)
        assert room.stdin is not None
        room.stdin.write("quit\n")
        room.stdin.flush()
        room.wait(timeout=20)
    finally:
        if room.poll() is None:
            room.kill()
            room.wait()
    check_board(board, result, texts)
    return result


def devices_process(
    url: str, participants: int, cards_each: int, window: float, sections: Sequence[str]
) -> tuple[LoadResult, list[str]]:
    """Post the cards from a process of their own (as phones are not in the window's process)."""
    command = [sys.executable, "-m", "pmdesk.bench.room_load", "--post", url]
    command += [str(participants), str(cards_each), str(window), ",".join(sections)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"the devices' process exited {done.returncode}: {done.stderr[-400:]}")
    found = json.loads(done.stdout.strip().splitlines()[-1])
    result = LoadResult(participants, participants * cards_each, found["sent_within"], found["latencies"])
    result.retries, result.failed, result.states = found["retries"], found["failed"], found["states"]
    return result, found["texts"]


def main(argv: list[str] | None = None) -> int:
    """Run the load on a copy of the demo board and print the figures (``--post URL …``: one side)."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--post"]:
        port, base = parse_url(args[1])
        result, texts = post_cards(port, base, int(args[2]), int(args[3]), float(args[4]), args[5].split(","))
        found = {"sent_within": result.sent_within, "latencies": result.latencies, "texts": texts}
        found.update(retries=result.retries, failed=result.failed, states=result.states)
        print(json.dumps(found))
        return 0
    from pmdesk.model.demo import demo_board
    from pmdesk.store.board_file import create_file

    with tempfile.TemporaryDirectory(prefix="pmdesk-room-load-") as folder:
        board = Path(folder) / "room.pmdesk"
        create_file(board, demo_board())
        result = run_load(board, env=dict(os.environ))
        print(f"pmdesk room: {result.summary()}")
        for one_column in (False, True):
            window = Path(folder) / f"window-{'one' if one_column else 'every'}.pmdesk"
            create_file(window, demo_board())
            command = [sys.executable, "-m", "pmdesk.bench.child", "room-window", str(window)]
            command += ["one"] if one_column else []
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
            done = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
            label = "the window, every card into one column" if one_column else "the window"
            if done.returncode != 0:
                print(f"{label}: failed: {done.stderr[-400:]}")
                return 1
            found = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"{label}: {found['summary']}; {window_frames(found)}")
    return 0


def window_frames(found: Mapping[str, object]) -> str:
    """The window's responsiveness figures of a ``room-window`` run, as one phrase."""
    return (
        f"GUI thread's longest busy stretch (gap of a {found['tick_ms']} ms timer) "
        f"p95 {found['gap_p95_ms']:.0f} ms, p99 {found['gap_p99_ms']:.0f} ms, "
        f"max {found['gap_max_ms']:.0f} ms"
        f" ({found['gaps_over_16_ms']} of {found['gaps']} gaps over 16 ms); "
        f"{found['paints']} paints of the board page; "
        f"GUI thread CPU {found['gui_cpu_s']:.1f} s of {found['gui_wall_s']:.1f} s"
    )


if __name__ == "__main__":
    sys.exit(main())
