"""The build, top to bottom: content/ -> articles -> site model -> pages -> site/.

Nothing is written to the output folder until every page has rendered and
no error was found; a failed build leaves the last good site as it was.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import jinja2

from .config import Config
from .content import ContentCache, read_content
from .frontmatter import Problem
from .model import Site, assign_urls, build_site
from .markdown import render_markdown
from .pages import broken_link_problems, fingerprint, link_resolver, plan_pages
from .render import make_environment, render_pages, static_files
from .write import WriteReport, stage_site


@dataclass
class BuildState:
    """What the last good build rendered, so the next one can skip unchanged pages."""

    salt: str = ""                                   # templates + configuration + code
    keys: dict[str, str] = field(default_factory=dict)  # page url -> Page.key


@dataclass
class BuildResult:
    problems: list[Problem] = field(default_factory=list)
    site: Site | None = None
    report: WriteReport | None = None
    seconds: float = 0.0
    state: BuildState | None = None    # set when the build succeeded
    rendered: int = 0                  # pages rendered (the rest were unchanged)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]


def load_site(config: Config, drafts: bool = False, cache: ContentCache | None = None
              ) -> tuple[Site, list[Problem]]:
    """Read and check all content, and model the site from it."""
    articles, problems = read_content(config.path("content_dir"), config.root, cache)
    problems += assign_urls(articles)  # drafts too, so publishing one moves no URL
    if not drafts:
        articles = [a for a in articles if not a.draft]
    return build_site(articles), problems


def check(config: Config) -> list[Problem]:
    """Every problem of the content, drafts included, without writing anything."""
    site, problems = load_site(config, drafts=True)
    urls_by_path = {a.path: a.url for a in site.articles}
    for article in site.articles:
        _, broken = render_markdown(article.body, link_resolver(article, urls_by_path))
        problems += broken_link_problems(article, broken)
    return problems


def build(config: Config, drafts: bool = False, previous: BuildState | None = None,
          cache: ContentCache | None = None) -> BuildResult:
    """Build the site. With `previous`, pages whose key did not change are not rendered."""
    started = time.perf_counter()
    site, problems = load_site(config, drafts, cache)
    result = BuildResult(problems, site)
    if not result.errors:
        _render_and_write(result, config, previous)
    result.seconds = time.perf_counter() - started
    return result


def _render_and_write(result: BuildResult, config: Config, previous: BuildState | None) -> None:
    templates, out_dir = config.path("templates_dir"), config.path("output_dir")
    state = BuildState(build_salt(config), {})
    pages = plan_pages(result.site, config, result.problems)
    if previous is not None and previous.salt == state.salt:
        unchanged = {p.url for p in pages
                     if previous.keys.get(p.url) == p.key and (out_dir / p.url).is_file()}
    else:
        unchanged = set()
    to_render = [p for p in pages if p.url not in unchanged]
    try:
        files = chain(render_pages(to_render, make_environment(templates)),
                      static_files(templates))
        staged = stage_site(files, out_dir, keep=unchanged)
    except jinja2.TemplateError as err:
        result.problems.append(template_problem(err, config))
        return
    if result.errors:  # e.g. a broken link found while rendering
        staged.discard()
        return
    result.report = staged.commit()
    result.rendered = len(to_render)
    result.state = BuildState(state.salt, {p.url: p.key for p in pages})


def build_salt(config: Config) -> str:
    """Fingerprint of everything besides content that shapes every page."""
    templates = config.path("templates_dir")
    files = sorted(p for p in templates.rglob("*") if p.is_file())
    return fingerprint(repr(config), _code_version(),
                       [(p.relative_to(templates).as_posix(), p.read_bytes().hex()) for p in files])


@functools.lru_cache(maxsize=1)
def _code_version() -> str:
    """The engine's own source: a new version of the code invalidates what an old one built."""
    here = Path(__file__).parent
    return fingerprint([p.read_text(encoding="utf-8") for p in sorted(here.glob("*.py"))])


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
