"""What recurs: terms shared by themes and cards of several incidents, with the incidents."""

from __future__ import annotations

from pathlib import Path

from pmdesk.library.index import Library
from pmdesk.library.recurring import recurring, terms
from tests.library.boards import board, write


def test_terms_fold_word_forms_and_skip_common_words() -> None:
    assert terms("Alerts alerting ALERTED about the pool") == {"alert", "pool"}
    assert terms("certificate Certificates") == {"certificat"}
    assert terms("access") == {"access"}


def test_a_cause_that_comes_back_is_found_with_its_incidents(tmp_path: Path) -> None:
    folder = tmp_path / "boards"
    write(folder / "a.pmdesk", board("First", ["Certificates expired on the edge"], date="2026-01-10"))
    write(folder / "b.pmdesk", board("Second", ["The certificate rotation failed again"], date="2026-03-02"))
    write(folder / "c.pmdesk", board("Third", ["Nothing like it"], date="2026-05-20"))
    library = Library(tmp_path / "cache" / "index.sqlite3")
    try:
        library.update([folder])
        found = {r.term: r for r in recurring(library, [folder], limit=1000)}
    finally:
        library.close()
    certificate = found["certificat"]
    assert certificate.incidents == 2
    assert [(b.title, text) for b, _kind, text in certificate.examples] == [
        ("Second", "The certificate rotation failed again"),
        ("First", "Certificates expired on the edge"),
    ]
    assert all(r.incidents >= 2 for r in found.values())
