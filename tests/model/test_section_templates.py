"""Section templates: the bundled presets, reading and writing, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmdesk.model.board import Section
from pmdesk.model.board_ops import replace_sections
from pmdesk.model.section_templates import (
    TemplateError,
    load_templates,
    read_template,
    template_file_name,
    template_from_board_sections,
    template_from_data,
    template_json,
)
from pmdesk.model.templates import DEFAULT_SECTIONS, new_board
from pmdesk.resources import resource_path


def test_bundled_presets() -> None:
    presets = load_templates(resource_path("templates"))
    assert len(presets) == 3
    default, lucky, security = presets
    assert [(s.id, s.title, s.prompt) for s in default.sections] == list(DEFAULT_SECTIONS)
    assert "Where we got lucky" in [s.title for s in lucky.sections]
    assert "security" in security.name.casefold()


def test_round_trip_through_json(tmp_path: Path) -> None:
    template = template_from_board_sections("Ours", [Section("a", "A <b>", "p&q"), Section("b", "Ü", "")])
    path = tmp_path / template_file_name("Ours")
    path.write_text(template_json(template), encoding="utf-8")
    assert read_template(path) == template


def test_missing_ids_and_duplicates_get_unique_slugs() -> None:
    template = template_from_data(
        {"name": "x", "sections": [{"title": "Went well"}, {"title": "Went well"}, {"id": "a", "title": "A"}]}
    )
    assert [s.id for s in template.sections] == ["went-well", "went-well-2", "a"]


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"sections": [{"title": "a"}]},
        {"name": "x", "sections": []},
        {"name": "x", "sections": [{"id": "a"}]},
    ],
)
def test_bad_templates_are_refused(data: object) -> None:
    with pytest.raises(TemplateError):
        template_from_data(data)


def test_bad_files_are_skipped_when_loading(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    good = json.dumps({"name": "g", "sections": [{"title": "t"}]})
    (tmp_path / "good.json").write_text(good, encoding="utf-8")
    assert [t.name for t in load_templates(tmp_path, tmp_path / "missing")] == ["g"]


def test_a_preset_applies_to_an_empty_board() -> None:
    board = new_board()
    security = load_templates(resource_path("templates"))[2]
    from pmdesk.model.edits import apply_edit

    apply_edit(board, replace_sections(board, list(security.sections)))
    assert [s.title for s in board.sections] == [s.title for s in security.sections]
