"""`python build.py serve`: a live-reloading preview that never loses work.

The preview watches content, seeds, templates and config.yaml. On a change it
rebuilds incrementally (only pages whose key changed are rendered), then
tells open browser tabs to reload. When the change breaks something, the
last good site stays on disk and keeps being served; the pages the broken
file feeds (and the home page) show an error page naming file, line and
problem until the file is fixed. When config.yaml moves a folder, the watcher
follows it, and the new output folder is served from its first good build.
"""

from __future__ import annotations

import dataclasses
import html
import re
import time
from typing import Callable
from pathlib import Path

from livereload.handlers import LiveReloadHandler, StaticFileHandler
from tornado import ioloop

from digest.config import Config, ConfigError, load_config
from digest.i18n import _, language, ngettext
from digest.model.routes import url_for
from digest.problems import Problem
from digest.cache import build_salt, open_cache
from digest.pipeline import BuildResult, build, plan_site
from digest.util import forked
from digest.util.parallel import Stopped
from digest.quick import LastBuild, quick_build, write_search_parts
from digest.commands import print_problems
from digest.serve_guard import GuardedServer
from digest.serve_watch import folders, free_port, moved_message, project_path, rewatch, watch

POLL_SECONDS = 0.01  # how often the (cheap) list of reported changes is looked at
# A quick rebuild writes the edited page and reloads it; the pages that list it
# and the search index's part follow this long after the last save, when the
# browser has the page.
FINISH_AFTER = 0.3
VISITED_KEPT = 10
EDITION_URL = re.compile(re.escape(url_for("edition", year="YEAR")).replace("YEAR", r"\d+"))


class Preview:
    """The preview's state: the last good build and the problems of the latest one."""

    def __init__(self, config_path: Path, drafts: bool, out=print):
        self.config_path, self.drafts, self.out = config_path, drafts, out
        self.config: Config = load_config(config_path)
        self.cache = open_cache(self.config)  # kept in memory between rebuilds
        self.urls_by_path: dict[str, str] = {}   # content file -> its page, from the last good build
        self.problems: list[Problem] = []
        self.warned: set[Problem] = set()  # said once; an editor need not read them at every save
        self.last: LastBuild | None = None  # the last full build's model and plan
        self.editions: dict | None = {}  # url -> the yearly PDF edition planned there, made
        #                                  on request (None: to plan again from self.last)
        self.planned_editions = False
        # The folder served: the last good build's, until a build into a folder
        # config.yaml names since succeeds.
        self.site_dir: Path = self.config.path("output_dir")
        self.visited: list[str] = []  # the pages the browser asked for, the last first
        self.finishing: forked.Forked | None = None  # the finishing build, in the background

    def visit(self, url: str) -> None:
        """Remember a page the browser asked for: a template edit redraws it first."""
        url = served_file(url)
        if url.endswith(".html"):
            self.visited = [url, *(u for u in self.visited if u != url)][:VISITED_KEPT]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    def rebuild(self, changed: bool = True, paths: list[str] = (),
                stop: Callable[[], bool] | None = None) -> BuildResult | None:
        """Build again; `paths` are the files the watcher saw change (a body edit
        of an article then takes the quick rebuild, see quick.py)."""
        try:
            self.config = load_config(self.config_path)
        except ConfigError as err:
            self.problems = [Problem(str(self.config_path), None, str(err),
                                     code="config-invalid")]
            self.out(_("error: {problem}").format(problem=err))
            return None
        result = paths and quick_build(self.config, self.cache, self.last, list(paths),
                                       self.visited)
        if not result:
            try:
                result = build(self.config, drafts=self.drafts, cache=self.cache, out=self.out,
                               save_cache=False,  # saved once, when the preview stops
                               changed=changed, stop=stop, editions_on_request=True)
            except Stopped:
                return None  # a new save came: it is shown first, this build comes after
            self.last = LastBuild.of(result)
            if result.site is not None:  # None: nothing changed, the plan is as it was
                self.editions = {p.url: p for p in result.editions or ()}
        if result.report is not None and result.site is not None:  # (None: nothing changed)
            self.urls_by_path = {a.path: a.url for a in result.site.articles}
        self._report(result)
        return result

    def _report(self, result: BuildResult) -> None:
        """What a build found and did, said once."""
        self.problems = result.problems
        new_warnings = [p for p in result.warnings if p not in self.warned]
        self.warned = set(result.warnings)
        print_problems(result.errors + new_warnings, self.out, all_warnings=False)
        if result.report is not None:
            self.site_dir = self.config.path("output_dir")
            self.out(ngettext("Rebuilt {n} page(s) in {ms} ms.", "Rebuilt {n} page(s) in {ms} ms.",
                              result.rendered).format(n=result.rendered,
                                                      ms=f"{result.seconds * 1000:.0f}"))
        else:
            self.out(_("The preview keeps showing the last good build; fix the error(s) above."))

    def finish_saves(self, stop: Callable[[], bool] | None = None, wait: bool = True) -> bool:
        """Once the saves pause: what the quick rebuilds left for later (see quick.py),
        the pages that list a changed front matter or else the search parts.
        True if pages were rewritten, so the browser reloads once more.

        The full build runs in a forked process (util/forked.py), which a new
        save ends at once (`stop_finishing`); without `wait` this only starts it
        or looks whether it is done. `stop` says a new save came: then the full
        build is given up, to run after it."""
        if self.finishing is None and self.last is not None and self.last.full_due:
            if not forked.available():  # it runs here, and asks `stop` as it goes
                return self._rebuilt_here(stop)
            self.finishing = forked.Forked.start(self._build_in_background)
        while self.finishing is not None:
            if self.finishing.done():
                finished, self.finishing = self.finishing, None
                return self._finished(finished.result())
            if stop and stop():
                self.stop_finishing()
                return False
            if not wait:
                return False
            time.sleep(POLL_SECONDS)
        if self.last and self.last.parts_due \
                and write_search_parts(self.config, self.cache, self.last) is None:
            self.rebuild()  # a problem: the full build says which
        return False

    def _rebuilt_here(self, stop: Callable[[], bool] | None = None) -> bool:
        """The full build in this process; True if it rewrote pages."""
        result = self.rebuild(stop=stop)
        return bool(result and result.rendered)

    def stop_finishing(self) -> None:
        """A save came: the finishing build ends now, having written nothing (or
        all: it is never stopped halfway through moving files in), and runs again
        when the saves pause."""
        if self.finishing is not None:
            self.finishing.end()
            self.finishing = None

    def _build_in_background(self) -> tuple[BuildResult, object, list[str]]:
        """In the forked process: the full build, and what the preview needs of it."""
        said: list[str] = []
        result = build(self.config, drafts=self.drafts, cache=self.cache, out=said.append,
                       save_cache=False, changed=True, editions_on_request=True)
        record = self.cache.site(self.config.path("output_dir"))
        # (the model and the plan stay here: the preview has its own, see _finished)
        return dataclasses.replace(result, site=None, pages=None, editions=None), record, said

    def _finished(self, outcome) -> bool:
        """The background build's result taken in; True if it rewrote pages."""
        if outcome is None:  # it failed (its traceback is on the terminal): build here
            return self._rebuilt_here()
        result, record, said = outcome
        for line in said:
            self.out(line)
        if result.report is not None:  # it wrote the folder: its record says what it holds
            self.cache.remember_site(self.config.path("output_dir"), record)
            self.cache.warning = None
        if result.errors:
            self.last = None  # the next save takes the full build, which says them again
        else:  # the model is this process's own, which the quick rebuilds kept up to date
            self.last.full_due = self.last.parts_due = False
            self.last.problems, self.last.pages, self.editions = result.problems, None, None
        self._report(result)
        return bool(result.rendered)

    def edition(self, url: str) -> bytes | None:
        """The yearly PDF edition at `url`, made now from the last good build's plan
        (its articles as they are now: quick rebuilds update them), or None if
        there is none there. The preview makes an edition only when asked for it."""
        from digest.render.editions import edition_pdf

        if not EDITION_URL.fullmatch(url) or self.errors:
            return None
        if self.editions is None and self.last is not None:  # planned again, as first asked for
            editions = plan_site(self.last.site, self.config, None, editions_on_request=True)[1]
            self.editions = {p.url: p for p in editions.pages}
        if not self.editions and not self.planned_editions:
            self.planned_editions = True  # started on an unchanged site: plan it, once
            self.rebuild()
        page = (self.editions or {}).get(url)
        if page is None:
            return None
        data, problem = edition_pdf(page, self.config, build_salt(self.config))
        if problem is not None:
            self.out(_("error: {problem}").format(problem=problem))
        return data

    def error_page_for(self, url: str) -> str | None:
        """The error page to show at `url`, or None to serve the page itself."""
        errors = self.errors
        if not errors:
            return None
        url = served_file(url)
        if not url.endswith(".html"):
            return None
        content_dir = self.config.content_dir.rstrip("/") + "/"
        affected = {self.urls_by_path.get(p.path) for p in errors}
        everywhere = any(not p.path.startswith(content_dir) for p in errors)  # templates, config
        missing = not (self.site_dir / url).is_file()  # a new file's page
        if everywhere or missing or url == "index.html" or url in affected:
            return error_html(errors)
        return None


def served_file(url: str) -> str:
    """The file an address serves: a folder's is its index.html."""
    return url + "index.html" if not url or url.endswith("/") else url


def error_html(errors: list[Problem]) -> str:
    """The page the preview shows instead of one a broken file feeds, in the chosen language."""
    items = "\n".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in errors)
    title = html.escape(_("The build failed"))
    intro = html.escape(_("The preview stays at the last good build. Fix these errors, then save "
                          "the file; the page reloads by itself:"))
    return f"""<!doctype html>
<html lang="{language()}"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;
color:#1d232b}}h1{{color:#a61b1b}}code{{white-space:pre-wrap}}li{{margin:.5rem 0}}</style>
</head><body><h1>{title}</h1>
<p>{intro}</p>
<ul>{items}</ul></body></html>"""


def serve(config_path: Path, host: str = "127.0.0.1", port: int = 8000,
          drafts: bool = False, out=print) -> int:
    preview = Preview(config_path, drafts, out)
    preview.rebuild(changed=False)
    config = preview.config
    chosen = free_port(host, port)
    if chosen != port:
        out(_("Port {port} is in use (another preview?); serving on port {chosen} instead.")
            .format(port=port, chosen=chosen))
    watcher, watched = watch(config, config_path), folders(config)

    last_change = [0.0]

    def poll() -> None:
        nonlocal watcher, watched
        if watcher.has_changes():
            preview.stop_finishing()  # a save: it is shown first, the finishing build after
        changed = watcher.settled_changes()
        if changed:
            shown = ", ".join(project_path(Path(p), config.root) for p in changed[:5])
            out(_("Changed: {files}").format(files=shown + (" …" if len(changed) > 5 else "")))
            preview.rebuild(paths=changed)
            if folders(preview.config) != watched:
                out(moved_message(watched, folders(preview.config), config.root))
                watcher, watched = rewatch(watcher, preview.config, config_path), \
                    folders(preview.config)
            LiveReloadHandler.reload_waiters(path="*")
            last_change[0] = time.monotonic()
        elif (time.monotonic() - last_change[0] > FINISH_AFTER
              and preview.finish_saves(stop=watcher.has_changes, wait=False)):
            LiveReloadHandler.reload_waiters(path="*")  # once the page has reloaded

    class PreviewHandler(StaticFileHandler):
        def initialize(self, path, default_filename=None):
            # Per request: a config change may have moved the folder to serve.
            super().initialize(str(preview.site_dir), default_filename)

        def compute_etag(self):
            # An edition made on request has no file for the static handler to tag.
            return super().compute_etag() if getattr(self, "absolute_path", None) else None

        def get(self, path, include_body=True):
            edition = preview.edition(path)
            if edition is not None:
                self.set_header("Content-Type", "application/pdf")
                self.set_header("Cache-Control", "no-store")
                return self.finish(edition if include_body else b"")
            preview.visit(path)
            page = preview.error_page_for(path)
            if page is None:
                return super().get(path, include_body)
            self.set_status(500)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.finish(page)

    server = GuardedServer()  # answers only requests for this address, from its own pages
    server.SFH = PreviewHandler
    # Our own poller rebuilds and reloads; this task only stops livereload from
    # polling the whole working folder, which it does when it has no task.
    server.watch(str(config_path), delay="forever")
    ioloop.PeriodicCallback(poll, POLL_SECONDS * 1000).start()
    out(_("Previewing at {address} — edits in {folder}/ show at once; Ctrl-C stops.").format(
        address=f"http://{host}:{chosen}/", folder=config.content_dir))
    try:
        server.serve(port=chosen, host=host, root=str(preview.site_dir),
                     restart_delay=0)
    finally:
        watcher.observer.stop()
        preview.stop_finishing()
        preview.finish_saves()
        preview.cache.save()
    return 0
