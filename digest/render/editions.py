"""The yearly PDF editions, made before the pages: the year pages and the data page
say each edition's size ("PDF, 1,2 MB"), so the sizes must be known when the
page keys are.

An edition whose key and file are as the last build left them is not made
again; its size is the one the last build wrote. The others are rendered now
(over all cores when there are several) and handed to the stage as pages whose
bytes are ready. The preview makes none here: it renders an edition when the
browser asks for it (serve.py), so a save never waits for WeasyPrint.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from digest.cache import SiteRecord, build_salt, unchanged_files
from digest.config import Config
from digest.i18n import _
from digest.model.groups import Site
from digest.plan.pages import Page
from digest.plan.yearbook import edition_link, plan_editions
from digest.problems import Problem
from digest.render.environment import make_environment, render_page, template_problem
from digest.render.pdf import editions_wanted, html_to_pdf
from digest.model.urls import absolute_url
from digest.util.parallel import parallel_map
from digest.util.progress import progress_bar


@dataclass
class Editions:
    pages: list[Page] = field(default_factory=list)   # to write (bytes ready), or to serve
    links: dict[int, dict] = field(default_factory=dict)  # year -> what its pages say of it
    problems: list[Problem] = field(default_factory=list)
    made: int = 0                                      # how many were rendered


def make_editions(site: Site, config: Config, tables: dict, previous: SiteRecord | None,
                  on_request: bool = False) -> Editions:
    """The editions of every year with pages, if the configuration wants them and
    WeasyPrint can make them; with `on_request`, planned but not rendered."""
    wanted, problems = editions_wanted(config)
    if not wanted:
        return Editions(problems=problems)
    pages = plan_editions(site, config, tables)
    years = [digest.year for digest in site.years]   # the editions' order
    if on_request:
        return Editions(pages, {year: edition_link(year, None) for year in years})
    salt = build_salt(config)
    unchanged = unchanged_files(previous, salt, {p.url: p.key for p in pages}, "",
                                config.path("output_dir"))
    todo = [p for p in pages if p.url not in unchanged]
    with progress_bar(len(todo), _("Making the yearly PDF editions")) as tick:
        made = parallel_map(lambda page: edition_pdf(page, config, salt), todo, min_items=2,
                            progress=tick, chunk=1)  # a few long jobs: one at a time each
    for page, (data, problem) in zip(todo, made):
        page.data = data
        problems += [problem] if problem else []
    # (an edition WeasyPrint failed on is left out, with its warning: no link to it)
    kept = [(year, p) for year, p in zip(years, pages) if p.url in unchanged or p.data]
    links = {year: edition_link(year, previous.stamps[p.url][0] if p.url in unchanged
                                else len(p.data)) for year, p in kept}
    return Editions([p for _year, p in kept], links, problems, len(todo))


def edition_pdf(page: Page, config: Config, salt: str) -> tuple[bytes | None, Problem | None]:
    """One edition's PDF, or the problem that stopped it."""
    import jinja2

    from digest.render.stage import environment_key

    env = make_environment(*environment_key(config, salt))
    try:
        html = render_page(page, env)
    except jinja2.TemplateError as err:
        return None, template_problem(err, config)
    base = absolute_url(page.url, config.base_url) if config.base_url else None
    try:
        return html_to_pdf(html, config.path("templates_dir"), base), None
    except Exception as err:  # WeasyPrint's own failure on some content: not the editor's
        return None, Problem(page.url, None, _(
            "the PDF edition could not be made ({error}); it is left out of this build — "
            "report it with the pages of that year").format(
                error=f"{type(err).__name__}: {err}"[:200]), "warning", code="yearbook-failed")
