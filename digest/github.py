"""What the commands print for GitHub and other tools; nothing in the build imports it.

    on_ci()                         -> bool: running on GitHub Actions or another CI
    workflow_command(problem)       -> '::error file=…,line=…,title=…::message'
    problems_json(problems, pages)  -> the same problems as JSON
    import_report_markdown(lines)   -> the import report as a pull request's description

A line `::error file=PATH,line=N,title=T::MESSAGE` printed by a workflow step
becomes an annotation on that line of the pull request (`::warning` likewise).
The escaping follows GitHub's toolkit (actions/toolkit, core/src/command.ts):
in the message `%`, CR and LF; in properties also `:` and `,`, which would
otherwise end the property.
"""

from __future__ import annotations

import json
import os
import re

from digest.i18n import _
from digest.problems import Problem

_TITLE = re.compile(r"^([a-z_]+(?: and [a-z_]+)?): ")  # 'province: …' -> 'province'


def on_ci() -> bool:
    """True on GitHub Actions (GITHUB_ACTIONS=true) and on most other CI (CI=true/1)."""
    return (os.environ.get("GITHUB_ACTIONS", "").lower() == "true"
            or os.environ.get("CI", "").lower() in ("true", "1", "yes"))


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation_title(problem: Problem) -> str:
    """The annotation's heading: the front matter key the problem is about, if any."""
    match = _TITLE.match(problem.message)
    subject = match.group(1) if match else _("page")
    return _("build.py check: {subject}").format(subject=subject)


def workflow_command(problem: Problem) -> str:
    """One problem as a GitHub workflow command (an annotation on its file and line)."""
    props = [f"file={escape_property(problem.path)}"]
    if problem.line:
        props.append(f"line={problem.line}")
    props.append(f"title={escape_property(annotation_title(problem))}")
    return f"::{problem.level} {','.join(props)}::{escape_data(problem.message)}"


def problems_json(problems: list[Problem], pages: int) -> str:
    """Every problem, errors first, with counts: for editors' tools and scripts."""
    ordered = [p for p in problems if p.level == "error"] + \
              [p for p in problems if p.level != "error"]
    errors = sum(1 for p in problems if p.level == "error")
    return json.dumps({
        "pages": pages, "errors": errors, "warnings": len(problems) - errors,
        "problems": [{"file": p.path, "line": p.line, "level": p.level, "code": p.code,
                      "message": p.message} for p in ordered],
    }, ensure_ascii=False, indent=2)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!])")


def _plain(text: str) -> str:
    """Seed-derived text shown as text in Markdown: no links, no HTML, no emphasis."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def import_report_markdown(lines: list[str]) -> str:
    """The import report as the description of the pull request with the new pages.

    One item per seed, with the fields still to fill in on its page nested
    under it, so a reviewer sees per page what is left to do. The report's
    text comes partly from the seeds (authors, provinces): it is escaped.
    """
    *items, total = lines or [_("Import: nothing to import.")]
    out = [_("Pages imported from `seeds/` by `python build.py import`. Review each page, "
             "fill in what the list below asks for, then merge: the site is published "
             "from `main`."), "", f"**{_plain(total)}**", ""]
    seed = None
    for line in items:
        name, _sep, rest = line.partition(": ")
        if name == seed and rest:
            out.append(f"  - {_plain(rest)}")
        else:
            seed = name
            out.append(f"- **{_plain(name)}**: {_plain(rest)}" if rest else f"- {_plain(line)}")
    return "\n".join(out) + "\n"
