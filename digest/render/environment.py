"""Jinja: the environment, the filters templates use, and rendering pages.

Every link a template writes goes through the `rel` filter, which makes it
relative to the page it is on: the site works from disk, under a sub-path
and at a domain root. `absolute` is for the few links that must be absolute.
Both read the page (page_url, link_base, config) from the template's context,
so a partial's macro that writes links is imported "with context". What the
plan describes (a body, a chart) is drawn by the globals of render/draw.py.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Iterator

import jinja2

from digest import __version__
from digest.i18n import _
from digest.problems import Problem
from digest.model.routes import STATIC_DIR, url_for
from digest.util.files import visible_files
from digest.util.text import vi_date, vi_month, vi_number
from digest.render import draw
from digest.render.pdf import font_urls
from digest.model.urls import absolute_url, relative_url

@jinja2.pass_context
def _rel(context, target: str) -> str:
    link_base = context.get("link_base")  # set only on 404.html, served at any depth
    if link_base and "://" not in target and not target.startswith(("#", "mailto:")):
        return link_base + target
    return relative_url(target, context["page_url"])


@jinja2.pass_context
def _absolute(context, target: str) -> str:
    return absolute_url(target, context["config"].base_url)


@functools.lru_cache(maxsize=4)
def make_environment(templates_dir: Path, version: str,
                     compiled_dir: Path | None = None) -> jinja2.Environment:
    """One environment per version of a templates folder (`version` fingerprints
    its files: cache.build_salt), kept between a preview's rebuilds. Templates
    are compiled once in it and never looked at again (no auto_reload): an edit
    makes a new version, so nothing asks the disk at every page. With
    `compiled_dir`, compiled templates are kept there for the next build (Jinja
    checks each against its source), so a small rebuild does not compile them all."""
    cache = CompiledTemplates(compiled_dir) if compiled_dir else None
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir), auto_reload=False, bytecode_cache=cache,
        autoescape=True,                  # every value from content is escaped
        undefined=jinja2.StrictUndefined,  # a typo in a template is an error, not a blank
        trim_blocks=True, lstrip_blocks=True)
    env.filters.update(rel=_rel, absolute=_absolute, vi_date=vi_date, vi_number=vi_number)
    env.globals.update(vi_month=vi_month, static=STATIC_DIR, url_for=url_for,
                       generator_version=__version__, print_fonts=font_urls(templates_dir),
                       **draw.GLOBALS)  # a body and the charts, drawn where the template says
    return env


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates read from a folder, and written there only by `save`,
    which the build calls once it has succeeded: a failed build writes nothing."""

    def __init__(self, folder: Path):
        super().__init__(str(folder))
        self.folder, self.new = folder, []

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.new.append(bucket)

    def save(self) -> None:
        if self.new:
            self.folder.mkdir(parents=True, exist_ok=True)
        for bucket in self.new:
            super().dump_bytecode(bucket)
        self.new = []


def render_page(page, env: jinja2.Environment) -> bytes:
    return env.get_template(page.template).render(page.context()).encode("utf-8")


def static_files(templates_dir: Path) -> Iterator[tuple[str, bytes]]:
    """The design's CSS, icon and scripts, copied as they are; hidden files (an
    editor's swap file, .DS_Store) are no part of the design and stay out."""
    root = templates_dir / STATIC_DIR
    for path in map(Path, visible_files(root)):
        yield f"{STATIC_DIR}/{path.relative_to(root).as_posix()}", path.read_bytes()


def template_problem(err: jinja2.TemplateError, config) -> Problem:
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
    return Problem(shown, line, _("template error: {error} — fix the template").format(
        error=err.message or err), code="template-error")
