"""Split a content file into its YAML front matter and Markdown body.

Every failure is a `Problem` that names the file, the line and what to do,
because the people who write these files are editors, not programmers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from digest.i18n import N_, _
from digest.problems import Problem
from digest.util.text import clean_text, drop_controls


class ContentError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class RawPage:
    """A content file as written: front matter values, the line of each key, the body."""

    path: str
    data: dict
    key_lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    end_line: int = 1  # the closing '---'


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML that leaves dates as text, so we can check them with our own messages."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

FENCE = "---"


def decode(raw: bytes, path: str) -> str:
    """UTF-8 bytes -> clean text, or a ContentError that says how to fix the file."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ContentError(Problem(
            path, line,
            _("the file is not UTF-8 text (byte {byte}) — save it with the UTF-8 "
              "encoding").format(byte=f"0x{raw[err.start]:02x}"), code="encoding")) from None
    return clean_text(text)


def parse_page(text: str, path: str) -> RawPage:
    """Parse clean text of a content file; raise ContentError on the first fatal fault."""
    if not text.strip():
        raise ContentError(Problem(
            path, None, _("the file is empty — add front matter (title, date, …) "
                          "between '---' lines, or delete the file"), code="file-empty"))
    lines = text.split("\n")
    if lines[0].strip() != FENCE:
        raise ContentError(Problem(
            path, 1, _("no front matter — the file must start with a '---' line, "
                       "then title, date, … and a closing '---'"), code="frontmatter-missing"))
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE)
    except StopIteration:
        raise ContentError(Problem(
            path, 1, _("the front matter is not closed — add a '---' line after its last key"),
            code="frontmatter-unclosed")) from None
    yaml_text = "\n".join(lines[1:end])
    node = _compose(yaml_text, path)
    data, key_lines = _construct(node, yaml_text, path)
    body = "\n".join(lines[end + 1:])
    return RawPage(path, data, key_lines, body, body_line=end + 2, end_line=end + 1)


# libyaml's words for the faults editors make most, and what to do about each.
_TAB = N_("YAML syntax error: a tab character — indent with spaces, not tabs")
_AT = N_("YAML syntax error: a value starting with '@' or '`' — put the text in quotes")
_YAML_ADVICE = [
    ("tab character", _TAB),
    ("character '\\t'", _TAB),
    ("expected ',' or ']'", N_("YAML syntax error: a list opened with '[' is not closed with "
                               "']'")),
    ("expected ',' or '}'", N_("YAML syntax error: a block opened with '{{' is not closed with "
                               "'}}'")),
    ("mapping values are not allowed", N_("YAML syntax error: a ':' where none can be — put a "
                                          "text that contains ': ' in quotes, or fix the "
                                          "indentation")),
    ("could not find expected ':'", N_("YAML syntax error: a line that is not 'key: value' — "
                                       "add the ':' or put the text in quotes")),
    ("end of stream", N_("YAML syntax error: a quote is not closed — end the text with the "
                         "same quote mark")),
    ("found undefined alias", N_("YAML syntax error: a '*' at the start of a value — put the "
                                 "text in quotes")),
    ("found character '@'", _AT),
    ("found character '`'", _AT),
]


def _yaml_problem(err: yaml.YAMLError, path: str, yaml_text: str) -> Problem:
    what = getattr(err, "problem", None) or str(err).splitlines()[0]
    advice = next((a for key, a in _YAML_ADVICE if key in what), None)
    mark = getattr(err, "problem_mark", None)
    context = getattr(err, "context_mark", None)
    last = max(len(yaml_text.split("\n")) - 1, 0)
    if context is not None and (mark is None or "expected" in what or mark.line > last):
        mark = context  # an unclosed bracket or quote: point at where it opened
    line = min(mark.line, last) + 2 if mark is not None else 2  # 1-based, after the '---'
    message = _(advice).format() if advice else _(
        "YAML syntax error: {problem} — check the indentation, colons and quotes on this "
        "line").format(problem=what)
    return Problem(path, line, message, code="yaml-syntax")


# An '&' or '*' that could open an anchor or alias: at a token's start, before a
# name. "Sở TT&TT" or "a & b" cannot, so the common page skips the event scan.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:])[&*][^\s\[\]{},]", re.M)


def _compose(yaml_text: str, path: str):
    if _MAYBE_ANCHOR.search(yaml_text):
        _refuse_aliases(yaml_text, path)
    try:
        return yaml.compose(yaml_text, Loader=_Loader)
    except yaml.YAMLError as err:
        raise ContentError(_yaml_problem(err, path, yaml_text)) from None


def _refuse_aliases(yaml_text: str, path: str) -> None:
    """Anchors (&a) and aliases (*a) are refused: a few hundred bytes of nested
    aliases expand to gigabytes in whatever walks the values afterwards, and a
    page never needs them. Parsing events is cheap; nothing is expanded here."""
    try:
        for event in yaml.parse(yaml_text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                if isinstance(event, yaml.AliasEvent):
                    message = _("an alias (*{name}) — YAML anchors and aliases are not "
                                "allowed in front matter; write the value out, or put a text "
                                "that starts with '&' or '*' in quotes")
                else:
                    message = _("an anchor (&{name}) — YAML anchors and aliases are not "
                                "allowed in front matter; write the value out, or put a text "
                                "that starts with '&' or '*' in quotes")
                raise ContentError(Problem(
                    path, event.start_mark.line + 2, message.format(name=event.anchor),
                    code="yaml-alias"))
    except yaml.YAMLError as err:
        raise ContentError(_yaml_problem(err, path, yaml_text)) from None


def _construct(node, yaml_text: str, path: str) -> tuple[dict, dict[str, int]]:
    if node is None:
        return {}, {}
    if not isinstance(node, yaml.MappingNode):
        raise ContentError(Problem(
            path, node.start_mark.line + 2,
            _("the front matter must be 'key: value' lines (title: …, date: …)"),
            code="frontmatter-format"))
    key_lines: dict[str, int] = {}
    for key_node, _unused in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 2
        if key in key_lines:
            raise ContentError(Problem(
                path, line, _("{key}: appears twice (also on line {line}) — keep one").format(
                    key=key, line=key_lines[key]), code="key-duplicate"))
        key_lines[key] = line
    loader = _Loader(yaml_text)
    try:
        data = loader.construct_document(node)
    except yaml.YAMLError as err:
        raise ContentError(_yaml_problem(err, path, yaml_text)) from None
    finally:
        loader.dispose()
    if "\\" not in yaml_text:  # control characters can only come from "\0"-style escapes
        return {str(k): v for k, v in data.items()}, key_lines
    return {str(k): _without_controls(v) for k, v in data.items()}, key_lines


def _without_controls(value):
    """Strings inside the parsed values, with YAML-escaped control characters dropped."""
    if isinstance(value, str):
        return drop_controls(value)
    if isinstance(value, list):
        return [_without_controls(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_controls(v) for k, v in value.items()}
    return value
