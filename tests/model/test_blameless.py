"""The blameless-language matcher and the bundled phrases file."""

from __future__ import annotations

from pmdesk.model.blameless import NAME, PHRASE, BlamelessMatcher, hint_message, parse_phrases
from pmdesk.resources import resource_path

PEOPLE = ["Ana Ruiz", "Ben Okafor", "Tom Becker"]


def bundled() -> list[str]:
    return parse_phrases(resource_path("blameless_phrases.txt").read_text(encoding="utf-8"))


def test_parse_skips_comments_and_blanks() -> None:
    assert parse_phrases("# head\n\nforgot  # trailing\n  should have \n") == ["forgot", "should have"]


def test_bundled_file_has_the_usual_phrases() -> None:
    phrases = bundled()
    for phrase in ("forgot", "careless", "fault of", "should have", "didn't bother", "screwed up", "blame"):
        assert phrase in phrases


def test_fires_on_a_whole_name_any_case() -> None:
    matcher = BlamelessMatcher(bundled(), [*PEOPLE, "Mei"])
    found = matcher.matches("ben okafor pushed the config without a canary")
    assert [(m.kind, m.found) for m in found] == [(NAME, "ben okafor")]
    assert matcher.fires("Deploy approved by Ana  Ruiz")
    assert matcher.fires("Tom Becker's change")
    assert matcher.fires("mei paged the on-call")  # a participant known by one name


def test_only_whole_participant_names_count() -> None:
    matcher = BlamelessMatcher([], ["Support lead", "Database engineer B", "Ben Okafor"])
    assert not matcher.fires("Support had a status page link ready")
    assert not matcher.fires("The database engineer on call scaled the pool")
    assert not matcher.fires("Ben from payments checked the logs")
    assert [m.found for m in matcher.matches("Asked the support lead first")] == ["support lead"]
    assert matcher.fires("Database engineer B restarted it")


def test_names_match_whole_words_only() -> None:
    matcher = BlamelessMatcher([], PEOPLE)
    assert not matcher.fires("We will check it tomorrow; banana; Benchmark")


def test_fires_on_blaming_phrases() -> None:
    matcher = BlamelessMatcher(bundled(), PEOPLE)
    for text in (
        "Someone forgot to update the runbook",
        "A careless push",
        "It was the fault of the on-call",
        "We should have alerted earlier",
        "nobody didnt bother to check",
        "They didn’t bother to look",
        "the reviewer SCREWED UP",
        "I blame the process",
    ):
        assert any(m.kind == PHRASE for m in matcher.matches(text)), text


def test_neutral_text_is_quiet() -> None:
    matcher = BlamelessMatcher(bundled(), PEOPLE)
    for text in (
        "Gateway pool metrics exist but nobody alerts on them",
        "One-click revert took under a minute",
        "Config service has no schema: any value is accepted",
        "",
    ):
        assert not matcher.fires(text), text


def test_hint_message_quotes_what_it_found() -> None:
    matcher = BlamelessMatcher(bundled(), PEOPLE)
    message = hint_message(matcher.matches("Ben Okafor forgot the canary"))
    assert "“Ben Okafor”" in message and "“forgot”" in message and "system" in message
