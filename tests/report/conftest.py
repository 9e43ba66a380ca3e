"""Boards for the report tests, built in code: one full of hostile text, one big."""

from __future__ import annotations

from pathlib import Path

import pytest

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

HOSTILE = {
    "markup": "<b>bold</b> and <i>unclosed",
    "img": "<img src=x> <img src='/etc/passwd'/>",
    "entity": "&amp; &lt; AT&T",
    "cjk": "中文字 日本語のテキスト",
    "arabic": "مرحبا بالعالم",
    "hebrew": "שלום עולם",
    "emoji": "fire 🔥 rocket 🚀",
    "greek": "Ελληνικά κείμενο",
    "cyrillic": "Кириллица текст",
    "combining": "Cafe\u0301 nai\u0308ve",
    "markdown": "*star* _under_ `tick` # [link](http://x) | pipe \\ back",
    "ics": "semi;colon, comma\\back",
    "korean": "한국어 텍스트",
}
LONG = ("A long card that goes on and on. " * 200).strip()


def hostile_board() -> Board:
    """A small board where every text field holds something a renderer could trip over."""
    people = [
        Participant("p1", "Ana <Ruiz> & Co", "Incident commander", "ana@example.org", "#1f77b4", True),
        Participant("p2", "李小龙", "SRE", "li@example.org", "#ff7f0e"),
        Participant("p3", "Дмитрий Ωmega", "Payments", "", "#2ca02c"),
        Participant("p4", "سارة", "Support", "sara@example.org", "not-a-colour"),
    ]
    sections = [
        Section("went-well", "What went well", "Positive responses <b>and</b> mitigations"),
        Section("lessons", "Lessons learned", "What did we learn?"),
        Section("future", "Future considerations"),
        Section("ongoing", "What is an ongoing problem"),
    ]
    themes = [
        Theme("t1", "lessons", "Alert <routing> & paging 🔥", "Theme note: AT&T pager"),
        Theme("t2", "went-well", "Rollback Ελληνικά", ""),
    ]
    cards = [
        Card("c1", "went-well", HOSTILE["markup"], "p1", "t2", "note <i>x</i>"),
        Card("c2", "went-well", HOSTILE["img"], "p2", "t2"),
        Card("c3", "lessons", HOSTILE["entity"], "p3", "t1"),
        Card("c4", "lessons", HOSTILE["cjk"], "p2", "t1", "笔记 notes"),
        Card("c5", "lessons", HOSTILE["arabic"], "p4"),
        Card("c6", "future", HOSTILE["hebrew"], None),
        Card("c7", "future", HOSTILE["emoji"], "p1"),
        Card("c8", "ongoing", HOSTILE["greek"], "p3"),
        Card("c9", "ongoing", HOSTILE["cyrillic"], "p3"),
        Card("c10", "ongoing", HOSTILE["combining"], "p1"),
        Card("c11", "ongoing", HOSTILE["markdown"], "p2"),
        Card("c12", "future", LONG, "p1"),
        Card("c13", "future", "line one\nline two\n\nline four", "p4"),
        Card("c14", "ongoing", HOSTILE["korean"], "p2"),
    ]
    votes = [
        Vote("p1", "t1"),
        Vote("p2", "t1"),
        Vote("p3", "t1"),
        Vote("p1", "c7"),
        Vote(None, "c7"),
        Vote("p2", "t2"),
        Vote("p4", "c5"),
    ]
    actions = [
        Action("a1", "Route <payment> alerts & page 🔥", "p1", "2026-12-05", "open", "high", "t1"),
        Action("a2", "写文档 for the runbook", None, None, "in-progress", "medium", "c4"),
        Action("a3", "Fix ; commas, and \\ backslashes", "p4", "2026-12-20", "done", "low", "c5"),
    ]
    return Board(
        incident=Incident(
            title="Checkout <b>API</b> outage & AT&T 中文 🔥",
            reference="INC-<2041>",
            kind="outage",
            severity="SEV1 & up",
            services=["checkout-api", "payments <gw>"],
            started_at="2026-11-20T14:02:00+00:00",
            detected_at="2026-11-20T14:09:00+00:00",
            mitigated_at="2026-11-20T14:41:00+00:00",
            resolved_at="2026-11-20T15:30:00+00:00",
            summary="Summary with <script>alert(1)</script> and Кириллица",
            impact="18% of checkout attempts failed; 2,300 customers & AT&T",
            initial_response="On-call paged at 14:09 — rolled back 中文 at 14:38",
        ),
        timeline=[
            TimelineEvent("e1", "2026-11-20T14:02:00+00:00", "trigger", "Config push <x> 🚀"),
            TimelineEvent("e2", "2026-11-20T14:09:00+00:00", "detection", "Alert fired & paged"),
            TimelineEvent("e3", None, "note", "Unknown time: שלום"),
        ],
        participants=people,
        sections=sections,
        themes=themes,
        cards=cards,
        votes=votes,
        actions=actions,
        session=Session("2026-11-26", 3, False, "Takeaway <u>one</u> & two 🚀", "2026-12-10"),
        agenda=[AgendaPhase("tone", "Set the tone", 5, 312), AgendaPhase("facts", "Facts", 10)],
    )


@pytest.fixture
def board() -> Board:
    """A fresh hostile board."""
    return hostile_board()


@pytest.fixture(scope="session")
def hostile_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile board's PDF, written once for all PDF tests."""
    from pmdesk.report.pdf import write_pdf

    path = tmp_path_factory.mktemp("pdf") / "hostile.pdf"
    write_pdf(hostile_board(), path)
    return path
