"""The build, top to bottom: content/ -> articles -> site model -> pages, feeds, data -> site/.

Nothing is written to the output folder until every page has rendered and
no error was found; a failed build leaves the last good site as it was.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from itertools import chain

import jinja2

from .config import Config
from .content import read_content
from .frontmatter import Problem
from .model import Site, assign_urls, build_site
from .publish import publish_files
from .render import make_environment, plan_pages, render_pages, static_files
from .write import WriteReport, stage_site


@dataclass
class BuildResult:
    problems: list[Problem] = field(default_factory=list)
    site: Site | None = None
    report: WriteReport | None = None
    seconds: float = 0.0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]


def load_site(config: Config, drafts: bool = False) -> tuple[Site, list[Problem]]:
    """Read and check all content, and model the site from it."""
    articles, problems = read_content(config.path("content_dir"), shown_root=config.root)
    problems += assign_urls(articles)  # drafts too, so publishing one moves no URL
    if not drafts:
        articles = [a for a in articles if not a.draft]
    return build_site(articles), problems


def build(config: Config, drafts: bool = False) -> BuildResult:
    started = time.perf_counter()
    site, problems = load_site(config, drafts)
    result = BuildResult(problems, site)
    if not result.errors:
        result.report = _render_and_write(site, config, problems)
    result.seconds = time.perf_counter() - started
    return result


def _render_and_write(site: Site, config: Config, problems: list[Problem]) -> WriteReport | None:
    templates = config.path("templates_dir")
    pages = plan_pages(site, config, problems)
    try:
        files = chain(render_pages(pages, make_environment(templates)), static_files(templates),
                      publish_files(site, config, [p.url for p in pages], problems))
        staged = stage_site(files, config.path("output_dir"))
    except jinja2.TemplateError as err:
        problems.append(template_problem(err, config))
        return None
    if any(p.level == "error" for p in problems):  # e.g. a broken link found while rendering
        staged.discard()
        return None
    return staged.commit()


def template_problem(err: jinja2.TemplateError, config: Config) -> Problem:
    """A template error as a Problem naming the template file and line."""
    name = getattr(err, "filename", None) or getattr(err, "name", None)
    line = getattr(err, "lineno", None)
    if name is None:  # errors raised while rendering carry the line in the traceback only
        tb = err.__traceback__
        while tb is not None:
            frame_file = tb.tb_frame.f_code.co_filename
            if frame_file.endswith(".html"):
                name, line = frame_file, tb.tb_lineno
            tb = tb.tb_next
    shown = str(name or config.templates_dir)
    root = str(config.root.resolve())
    if shown.startswith(root):
        shown = shown[len(root):].lstrip("/")
    return Problem(shown, line, f"template error: {err.message or err} — fix the template")
