"""The language of everything the tool prints: Vietnamese by default, English on request.

Messages are written in the code in English (gettext's msgids), wrapped in
`_()`, or `ngettext()` for counts, and formatted afterwards with named
fields: `_("{key}: is empty — write the {key}").format(key=key)`. Their
Vietnamese is locale/vi/LC_MESSAGES/digest.po, compiled to digest.mo (both
committed; tests/test_i18n.py proves the .mo is the .po, and that every
message has a translation with the same fields). The words are the site's
own: locale/GLOSSARY.md lists them for whoever translates next.

Which language: `--lang` on the command line, else the DIGEST_LANG
environment variable, else `language:` in config.yaml, else Vietnamese (not
LANG or LC_ALL, which Windows usually leaves unset). argparse's own words
("usage:", "error:") go through the same catalog: `use` installs it there too.

To update the catalog after changing messages (Babel, in requirements-dev):
    pybabel extract -F babel.cfg --no-location --sort-output -o locale/digest.pot .
    pybabel update -i locale/digest.pot -d locale -D digest --no-fuzzy-matching --ignore-obsolete
    (translate the new entries in locale/vi/LC_MESSAGES/digest.po)
    pybabel compile -d locale -D digest --statistics
"""

from __future__ import annotations

import argparse
import gettext
import os
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "digest"
LANGUAGES = ("vi", "en")  # en is the language the messages are written in
DEFAULT = "vi"
ENV = "DIGEST_LANG"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def _(message: str) -> str:
    """`message` in the chosen language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for `count` (Vietnamese has one form, English two)."""
    return _translation.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a message for the catalog where it is translated later, by `_`."""
    return message


def either(choices) -> str:
    """'A or B or C' in the chosen language, for a list of choices."""
    choices = list(choices)
    shown = str(choices[0]) if choices else ""
    for choice in choices[1:]:
        shown = _("{first} or {second}").format(first=shown, second=choice)
    return shown


def decimal(number: float, places: int) -> str:
    """A number with `places` decimals as the chosen language writes it: 0,21 in
    Vietnamese, 0.21 in English (as the site writes its own numbers)."""
    text = f"{number:.{places}f}"
    return text.replace(".", ",") if _language == "vi" else text


def language() -> str:
    return _language


def use(lang: str) -> None:
    """Print in `lang` from now on (one of LANGUAGES), argparse included."""
    global _translation, _language
    if lang == "en":
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)
    _language = lang
    # argparse looks up its module's `_` and `ngettext` when it needs a message:
    # pointing them at ours translates its words ("usage:", "error:") too.
    argparse._ = _translation.gettext
    argparse.ngettext = _translation.ngettext


def translator(lang: str):
    """gettext into `lang`, whatever language the messages are in: for what the site
    publishes for its editors (the CMS form, the page schema), which is in the
    site's language (config.yaml's `language`) on every run."""
    if lang not in LANGUAGES or lang == "en":
        return gettext.NullTranslations().gettext
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True).gettext


def choose(argv: list[str], config_language: str | None = None) -> str:
    """The language asked for: `--lang X` anywhere in argv, else DIGEST_LANG, else
    config.yaml's `language:`, else Vietnamese. One not in LANGUAGES is ignored."""
    asked = [os.environ.get(ENV, ""), config_language or ""]
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            asked.insert(0, argv[i + 1])
        elif arg.startswith("--lang="):
            asked.insert(0, arg.split("=", 1)[1])
    return next((lang.strip().lower() for lang in asked if lang.strip().lower() in LANGUAGES),
                DEFAULT)


use(choose([]))
