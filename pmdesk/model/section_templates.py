"""Section templates: named sets of board sections, read from and written to JSON."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from pmdesk.model.board import Section
from pmdesk.model.strict_json import JsonError, loads

FORMAT = "pmdesk-sections"


class TemplateError(ValueError):
    """A template file that cannot be used; the message is for the user."""


@dataclass(frozen=True)
class SectionTemplate:
    """A named list of sections (id, title, prompt)."""

    name: str
    sections: tuple[Section, ...]
    description: str = ""


def slug(text: str) -> str:
    """A lowercase id made of letters, digits and dashes."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return cleaned or "section"


def _unique_ids(sections: list[Section]) -> list[Section]:
    seen: set[str] = set()
    unique = []
    for section in sections:
        base = section.id or slug(section.title)
        candidate, n = base, 2
        while candidate in seen:
            candidate, n = f"{base}-{n}", n + 1
        seen.add(candidate)
        unique.append(Section(candidate, section.title, section.prompt))
    return unique


def template_from_data(data: object) -> SectionTemplate:
    """A template from parsed JSON (TemplateError if it is not one)."""
    if not isinstance(data, dict):
        raise TemplateError("A template is a JSON object.")
    name, rows = data.get("name"), data.get("sections")
    if not isinstance(name, str) or not name.strip():
        raise TemplateError("A template needs a name.")
    if not isinstance(rows, list) or not rows:
        raise TemplateError("A template needs at least one section.")
    sections = []
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("title"), str) or not row["title"].strip():
            raise TemplateError("Each section of a template needs a title.")
        prompt = row.get("prompt", "")
        section_id = row.get("id", "")
        if not isinstance(prompt, str) or not isinstance(section_id, str):
            raise TemplateError("A section's id and prompt are text.")
        sections.append(Section(section_id.strip(), row["title"].strip(), prompt))
    description = data.get("description", "")
    return SectionTemplate(
        name.strip(), tuple(_unique_ids(sections)), description if isinstance(description, str) else ""
    )


def template_to_data(template: SectionTemplate) -> dict[str, object]:
    """The JSON object of a template."""
    return {
        "format": FORMAT,
        "name": template.name,
        "description": template.description,
        "sections": [{"id": s.id, "title": s.title, "prompt": s.prompt} for s in template.sections],
    }


def template_from_board_sections(
    name: str, sections: list[Section], description: str = ""
) -> SectionTemplate:
    """A template holding copies of a board's sections."""
    if not name.strip():
        raise TemplateError("A template needs a name.")
    if not sections:
        raise TemplateError("A template needs at least one section.")
    copies = [Section(s.id, s.title, s.prompt) for s in sections]
    return SectionTemplate(name.strip(), tuple(_unique_ids(copies)), description)


def read_template(path: Path) -> SectionTemplate:
    """Read one template file (TemplateError with the file's name if it is not one)."""
    try:
        data = loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, JsonError) as error:
        raise TemplateError(f"{Path(path).name}: {error}") from error
    try:
        return template_from_data(data)
    except TemplateError as error:
        raise TemplateError(f"{Path(path).name}: {error}") from error


def load_templates(*folders: Path) -> list[SectionTemplate]:
    """Every readable template in the folders, in folder then file-name order; bad files skipped."""
    found = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.json")):
            try:
                found.append(read_template(path))
            except TemplateError:
                continue
    return found


def template_file_name(name: str) -> str:
    """The file name a template called ``name`` is saved under."""
    return f"{slug(name)}.json"


def template_json(template: SectionTemplate) -> str:
    """The text of a template file."""
    return json.dumps(template_to_data(template), indent=2, ensure_ascii=False) + "\n"
