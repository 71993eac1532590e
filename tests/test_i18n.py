"""The catalog of messages (issue 23): every message of the code has its Vietnamese,
with the same fields; the compiled catalog is the .po; argparse's own words are
all listed, so a Python upgrade that adds one fails here."""

from __future__ import annotations

import argparse
import gettext
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir, extract_python
from babel.messages.pofile import read_po

from conftest import REPO
from digest import i18n

PO = REPO / "locale" / "vi" / "LC_MESSAGES" / "digest.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
# {name}, {name:>3}, %(name)s, %s, %r, %d: a translation must keep every one of them.
FIELDS = re.compile(r"\{[A-Za-z_]\w*(?:[:!][^}]*)?\}|%\([A-Za-z_]\w*\)[sdrf]|%[sdrf]")


def code_messages() -> dict[str, str | None]:
    """msgid -> its plural (or None), as `pybabel extract -F babel.cfg` finds them."""
    method_map = [("build.py", "python"), ("digest/**.py", "python")]
    found = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(REPO), method_map, keywords=KEYWORDS):
        if isinstance(message, tuple):
            found[message[0]] = message[1]
        elif message:
            found[message] = None
    return found


@pytest.fixture(scope="module")
def catalog():
    with open(PO, "rb") as handle:
        return read_po(handle, locale="vi")


def fields(text: str) -> list[str]:
    return sorted(FIELDS.findall(text))


def test_every_message_in_the_code_has_its_vietnamese_with_the_same_fields(catalog):
    problems = []
    for msgid, plural in code_messages().items():
        message = catalog.get(msgid)
        if message is None:
            problems.append(f"not in the catalog: {msgid!r}")
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"{'fuzzy' if message.fuzzy else 'empty'}: {msgid!r}")
        for translated in strings:
            if translated and fields(translated) != fields(plural or msgid) \
                    and fields(translated) != fields(msgid):
                problems.append(f"other fields {fields(translated)}: {msgid!r}")
    assert problems == [], "\n".join(problems)


def test_the_catalog_has_vietnamese_plural_rules(catalog):
    assert catalog.plural_forms == "nplurals=1; plural=0;"
    assert catalog.locale.language == "vi"


def test_the_compiled_catalog_is_the_po(catalog):
    with open(MO, "rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    expected = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            for n, text in enumerate(message.string):
                expected[(message.id[0], n)] = text
        elif message.string:
            expected[message.id] = message.string
    ours = {key: value for key, value in compiled.items() if key != ""}
    assert ours == expected, ("locale/vi/LC_MESSAGES/digest.mo is not the .po: run "
                              "pybabel compile -d locale -D digest")


def test_every_argparse_message_of_this_python_is_listed():
    from digest import cli_words

    with open(argparse.__file__, "rb") as handle:
        found = {message if isinstance(message, str) else message[0]
                 for _line, _func, message, _comments in extract_python(
                     handle, ["_", "ngettext"], [], {}) if message}
    listed = {m for m in code_messages() if m in found}
    assert found - listed == set(), ("argparse has messages digest/cli_words.py does not "
                                     "list: add them there and translate them")
    assert set(cli_words.ARGPARSE_MESSAGES) <= found


@pytest.mark.parametrize("argv, env, config, expected", [
    ([], None, None, "vi"),                        # nothing asked: Vietnamese
    (["--lang", "en"], None, None, "en"),
    (["check", "--lang=en"], None, "vi", "en"),    # after the command too
    ([], None, "en", "en"),                        # language: in config.yaml
    ([], "en", "vi", "en"),                        # DIGEST_LANG before config.yaml
    (["--lang", "vi"], "en", "en", "vi"),          # --lang before both
    ([], None, "fr", "vi"), (["--lang", "xx"], "yy", None, "vi"),  # unknown ones ignored
])
def test_the_language_is_the_command_lines_then_the_environments_then_the_configs(
        monkeypatch, argv, env, config, expected):
    monkeypatch.delenv(i18n.ENV, raising=False)
    if env:
        monkeypatch.setenv(i18n.ENV, env)
    assert i18n.choose(argv, config) == expected


def test_every_problem_code_of_the_engine_is_listed_in_the_docs():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "digest").rglob("*.py"))
    used = set(re.findall(r'code="([a-z-]+)"|\.(?:error|warn|lacks)\("([a-z-]+)"', source))
    used = {a or b for a, b in used}
    listed = set(re.findall(r"^\| `([a-z-]+)` \|", (REPO / "docs" / "problem-codes.md")
                            .read_text(encoding="utf-8"), re.M))
    assert len(used) > 40 and used - listed == set()
