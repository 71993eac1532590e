"""du-lieu/page.schema.json: the JSON Schema (draft 2020-12) of a page's front
matter, made from content/pageformat.py, for editors' tools (Front Matter CMS,
remark-lint-frontmatter-schema, an editor's YAML plugin).

Dates: the schema describes the YAML an editor writes, read as those tools
read it (YAML 1.2, where `date: 2025-03-01` is a string): a date is a string
of the form YYYY-MM-DD ("format": "date" for tools that check formats).
PyYAML's YAML 1.1 reads the same text as a datetime.date; our own reader
(content/frontmatter.py) turns that resolver off, and so do the tests that
validate pages against this schema.

What `check` refuses, the schema refuses (as far as one page's keys can say:
a year against the page's date, a broken link, is check's alone). A topic or
qualifier outside the lists is a warning in `check`, not an error: the schema
offers the listed values ("enum") and also lets any other text through.
Keys of an editor's own are allowed (check passes them to templates). The
schema describes a page ready to publish: an unfinished draft (check lets a
draft lack its date or years, with reminders) does not validate.
"""

from __future__ import annotations

import json

from digest.content.pageformat import (DATE_PATTERN, FIGURE, MAX_SLUG, MAX_YEAR, MIN_YEAR,
                                       PAGE, SLUG_PATTERN, Key)
from digest.i18n import translator

SCHEMA_FILE = "du-lieu/page.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
# Keys whose listed values check only warns about: offered, not enforced.
WARNED = {"topics", "qualifier"}
# Keys check reads leniently as text: a number is read as its digits.
NUMBER_AS_TEXT = {"title", "unit", "text", "summary", "outlet", "source"}


def _choice(key: Key) -> dict:
    listed = {"enum": [c.value for c in key.choices()]}
    if key.name in WARNED:
        return {"anyOf": [listed, {"type": "string"}]}
    return listed


def _year() -> dict:
    return {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}


def _property(key: Key, _) -> dict:
    """The schema of one key's value, as `check` accepts it."""
    kind = key.kind
    if kind in ("text", "long_text"):
        schema = {"type": ["string", "number"] if key.name in NUMBER_AS_TEXT else "string"}
        if key.name == "slug":
            schema = {"type": "string", "pattern": SLUG_PATTERN, "maxLength": MAX_SLUG}
        if key.required:
            schema["minLength"], schema["pattern"] = 1, r"\S"
    elif kind == "date":
        schema = {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    elif kind == "year":
        schema = {"anyOf": [_year(), {"type": "null"}]}
    elif kind == "number":
        schema = {"type": "number", "maximum": 10 ** 15, "minimum": -10 ** 15}
    elif kind == "flag":
        schema = {"type": "boolean"}
    elif kind == "names":
        schema = {"anyOf": [{"type": "string"}, {"type": "array", "items": {
            "type": ["string", "integer"]}}, {"type": "null"}]}
    elif kind == "choice" and key.multiple:
        schema = {"anyOf": [{"type": "array", "items": _choice(key)}, _choice(key),
                            {"type": "null"}]}
    elif kind == "choice":
        schema = {"anyOf": [_choice(key), {"type": "null"}]}
    elif kind == "figures":
        schema = {"anyOf": [{"type": "array", "items": _figure(_)}, {"type": "null"}]}
    else:
        raise ValueError(f"pageformat: unknown kind {kind!r} of {key.name}")
    return {"title": _(key.label), "description": _(key.hint), **schema}


def _figure(_) -> dict:
    properties = {k.name: _property(k, _) for k in FIGURE}
    return {"type": "object", "properties": properties,
            "required": [k.name for k in FIGURE if k.required]}


def page_schema(language: str = "vi") -> dict:
    """The schema, its titles and descriptions in `language` (the site's)."""
    _ = translator(language)
    properties = {k.name: _property(k, _) for k in PAGE}
    return {
        "$schema": DRAFT,
        "$id": "page.schema.json",
        "title": _("The front matter of a page of the digest"),
        "type": "object",
        "properties": properties,
        "required": [k.name for k in PAGE if k.required],
        # a page reports a year's results, sets a year's tasks, or both
        "anyOf": [{"required": ["review_year"], "properties": {"review_year": _year()}},
                  {"required": ["plan_year"], "properties": {"plan_year": _year()}}],
    }


def page_schema_json(language: str) -> bytes:
    return (json.dumps(page_schema(language), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
