"""The build's import stage: seeds/ -> content/, before anything is read.

Locally, a seed that no page names as its `source:` is imported at once, so
it shows up on the next build. On CI (or with --no-import) the build never
imports: a seed without a page is an error, because pages are reviewed in a
pull request first (see .github/workflows/import.yml). The importer itself
is loaded only when there is something to import: it compiles its lexicons.
"""

from __future__ import annotations

from typing import Callable

from digest.config import Config
from digest.i18n import _
from digest.ledger import name_problem, shown_name, unimported_seeds
from digest.problems import Problem


def import_new_seeds(config: Config, known: set[str], out: Callable[[str], None]) -> bool:
    """Run the importer when a seed has no page yet; True if it wrote any page."""
    seeds_dir = config.path("seeds_dir")
    if not unimported_seeds(seeds_dir, known):  # a deleted page's seed is not new
        return False
    from digest.importer import import_seeds  # the importer loads its lexicons: only when needed

    lines: list[str] = []
    report = import_seeds(seeds_dir, config.path("content_dir"), out=lines.append)
    if report.written or report.failed:  # say nothing when there was nothing new
        for line in lines:
            out(line)
    return bool(report.written)


def seeds_without_pages(config: Config, known: set[str]) -> list[Problem]:
    """One error per seed that was never imported: this build does not import."""
    seeds_dir = config.path("seeds_dir")
    shown = seeds_dir.relative_to(config.root) if seeds_dir.is_relative_to(config.root) \
        else seeds_dir
    return [Problem((shown / shown_name(name)).as_posix(), None, name_problem(name) or
                    _("this seed has no page in content/, and this build does not import "
                      "seeds (it runs on CI, or with --no-import) — run "
                      "`python build.py import` and commit the new page, or let the import "
                      "workflow open a pull request with it"),
                    code="seed-name-unreadable" if name_problem(name) else "seed-without-page")
            for name in unimported_seeds(seeds_dir, known)]
