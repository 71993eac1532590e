"""One declaration of the page format (digest/content/pageformat.py) and what
comes from it: `check`'s rules, the CMS form (admin/config.yml) and the JSON
Schema (du-lieu/page.schema.json). A key added to the declaration must appear
in all three; the values a choice key offers are the ones check accepts.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import FIXTURES
from digest.config import CmsSettings, Config
from digest.content import pageformat
from digest.content.frontmatter import ContentError, parse_page
from digest.content.pageformat import FIGURE, PAGE
from digest.content.schema import check_page
from digest.outputs.cms import cms_config
from digest.outputs.pageschema import page_schema

CONFIG = Config(cms=CmsSettings("so-kh-cn/toan-canh"))
GOOD = sorted((FIXTURES / "content").rglob("*.md")) + sorted((FIXTURES / "search").glob("*.md"))
BROKEN = FIXTURES / "broken" / "content"
NOT_FRONT_MATTER = {"lien-ket-hong.md"}   # a broken link in the body: the page's keys are fine
WARNED = {"topics", "qualifier"}          # values outside the lists: a warning, not an error


def validator():
    schema = page_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def form_fields() -> dict[str, dict]:
    collection = cms_config(CONFIG)["collections"][0]
    return {f["name"]: f for f in collection["fields"]}


def figure_fields() -> dict[str, dict]:
    return {f["name"]: f for f in form_fields()["figures"]["fields"]}


def page(text: str, name: str = "p.md"):
    """check_page of a page written as YAML front matter (dates stay text, as read)."""
    return check_page(parse_page(f"---\n{text}---\nThân bài.\n", f"content/{name}"))


MINIMAL = "title: T\ndate: 2021-01-05\nprovince: Sơn La\nreview_year: 2020\n"


# --- every key in all three ------------------------------------------------

@pytest.mark.parametrize("key", [k.name for k in PAGE])
def test_every_page_key_is_in_the_form_the_schema_and_check(key):
    from digest.content.schema import KNOWN_KEYS
    assert key in form_fields()
    assert key in page_schema()["properties"]
    assert key in KNOWN_KEYS


@pytest.mark.parametrize("key", [k.name for k in FIGURE])
def test_every_figure_key_is_in_the_form_the_schema_and_check(key):
    from digest.content.schema import FIGURE_KEYS
    assert key in figure_fields()
    assert key in page_schema()["properties"]["figures"]["anyOf"][0]["items"]["properties"]
    assert key in FIGURE_KEYS


# Values of the wrong type for each kind: check must complain on that key's line.
WRONG = {"text": {"a": 1}, "long_text": {"a": 1}, "date": "hôm qua", "year": "năm ngoái",
         "names": {"a": 1}, "choice": {"a": 1}, "flag": "có", "figures": "nhiều",
         "number": "nhiều"}


@pytest.mark.parametrize("key", [k for k in PAGE if k.name not in ("date",)],
                         ids=lambda k: k.name)
def test_check_reads_every_declared_key(key):
    """A wrong value of each declared key is an error of check on that key's line,
    and a problem of the JSON Schema at that key: check reads every key."""
    text = MINIMAL.replace(f"{key.name}:", f"old_{key.name}:")
    text += f"{key.name}: {json.dumps(WRONG[key.kind], ensure_ascii=False)}\n"
    raw = parse_page(f"---\n{text}---\nThân bài.\n", "content/p.md")
    article, problems = check_page(raw)
    line = raw.key_lines[key.name]
    assert any(p.line == line and p.level == "error" for p in problems), (key.name, problems)
    errors = list(validator().iter_errors(raw.data))
    assert any(list(e.absolute_path)[:1] == [key.name] for e in errors), key.name


# --- the values offered are the values accepted ------------------------------

CHOICES = [(k.name, PAGE) for k in PAGE if k.choices] + [(k.name, FIGURE) for k in FIGURE
                                                       if k.choices]


def offered_by_form(name: str, keys) -> list[str]:
    fields = form_fields() if keys is PAGE else figure_fields()
    return [o["value"] for o in fields[name]["options"]]


def offered_by_schema(name: str, keys) -> list[str]:
    properties = page_schema()["properties"]
    if keys is FIGURE:
        properties = properties["figures"]["anyOf"][0]["items"]["properties"]
    schema = properties[name]["anyOf"][0]
    schema = schema.get("items", schema)
    return schema["anyOf"][0]["enum"] if "anyOf" in schema else schema["enum"]


def check_says(name: str, keys, value) -> list:
    """check's problems about one value of a choice key, on an otherwise good page."""
    if keys is PAGE:
        written = [value] if name == "topics" else value
        text = MINIMAL.replace("province: Sơn La\n", "") + \
            f"{name}: {json.dumps(written, ensure_ascii=False)}\n"
    else:
        text = MINIMAL + "figures:\n  - value: 5\n" + \
            f"    {name}: {json.dumps(value, ensure_ascii=False)}\n"
    # A name not in force on the page's date is a warning that names the one that was
    # (the form's hint says which to choose): the name itself is accepted.
    return [p for p in page(text)[1] if p.code not in ("province-missing", "province-date")]


@pytest.mark.parametrize("name,keys", CHOICES, ids=[n for n, _k in CHOICES])
def test_the_form_and_the_schema_offer_what_check_accepts_and_nothing_else(name, keys):
    declared = list(pageformat.values(name, keys))
    assert declared and len(set(declared)) == len(declared)
    assert offered_by_form(name, keys) == declared
    assert offered_by_schema(name, keys) == declared
    for value in declared:
        assert check_says(name, keys, value) == [], (name, value)
    # something not offered: refused, or (topics, qualifiers) warned about
    odd = check_says(name, keys, "Không có trong danh sách")
    assert odd and {p.level for p in odd} == {"warning" if name in WARNED else "error"}


def test_the_lists_come_from_the_data_files():
    from digest.lexicon.metrics import KINDS, SCOPES, load_metrics
    from digest.lexicon.places import load_gazetteer
    data = Path(__file__).resolve().parent.parent / "data"
    topics = yaml.safe_load((data / "topics.yaml").read_text(encoding="utf-8"))
    cues = yaml.safe_load((data / "figure_cues.yaml").read_text(encoding="utf-8"))
    assert set(pageformat.values("topics")) == set(topics)
    assert set(pageformat.values("qualifier", FIGURE)) == set(cues["qualifiers"].values())
    assert pageformat.values("metric", FIGURE) == tuple(load_metrics())
    assert pageformat.values("kind", FIGURE) == KINDS
    assert pageformat.values("scope", FIGURE) == SCOPES
    names = set(pageformat.values("province"))
    assert names == {u.name for u in load_gazetteer().units}
    assert {"Lạng Sơn", "Hà Giang", "Tuyên Quang", "Huế", "Thừa Thiên Huế"} <= names
    # the metric select shows the Vietnamese label, and stores the id
    option = form_fields()["figures"]["fields"][3]["options"][0]
    assert option == {"label": load_metrics()["telecom_revenue"].label, "value": "telecom_revenue"}


# --- the JSON Schema and the fixtures ----------------------------------------

@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_every_good_fixture_validates(path):
    raw = parse_page(path.read_text(encoding="utf-8"), path.name)
    assert check_page(raw)[0] is not None
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(raw.data)]
    assert errors == []


@pytest.mark.parametrize("path", sorted(BROKEN.glob("*.md")), ids=lambda p: p.name)
def test_each_broken_fixture_with_a_front_matter_error_fails(path):
    text = path.read_text(encoding="utf-8")
    try:
        raw = parse_page(text, path.name)
    except ContentError:
        # Broken YAML, a key twice: the front matter is refused before any schema
        # (an editor's tool's YAML parser refuses it the same way).
        assert path.name not in NOT_FRONT_MATTER
        return
    invalid = not validator().is_valid(raw.data)
    assert invalid == (path.name not in NOT_FRONT_MATTER)


def test_a_date_is_the_yaml_an_editor_writes():
    """`date: 2021-02-30` is no date; `date: 2021-03-01` is one: read as text
    (YAML 1.2, as editors' tools read it), checked as a date by its format."""
    check = validator()
    data = parse_page("---\n" + MINIMAL + "---\n", "p.md").data
    assert data["date"] == "2021-01-05" and check.is_valid(data)
    assert not check.is_valid({**data, "date": "2021-02-30"})
    assert not check.is_valid({**data, "date": "5/1/2021"})
    # PyYAML's own reading (a datetime.date) is not what the schema describes
    assert not check.is_valid(yaml.safe_load("---\n" + MINIMAL))


def test_the_schema_is_published(built):
    published = json.loads((built.site / "du-lieu/page.schema.json").read_text(encoding="utf-8"))
    assert published["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(published["properties"]) == {k.name for k in PAGE}
