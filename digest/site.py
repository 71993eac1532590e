"""The build, top to bottom: seeds/ -> content/ -> articles -> site model ->
pages, feeds and data files -> site/.

Nothing is written to the output folder until every page has rendered and
no error was found; a failed build leaves the last good site as it was.
"""

from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2
import yaml

from .config import Config
from .cache import (BuildCache, SiteRecord, load_cache, problems_from_plain,
                    problems_to_plain)
from .content import Article
from .reader import collect, content_paths, read_content
from .problems import Problem
from .model import Site, assign_urls, build_site
from .markdown import render_markdown
from .keys import content_hash, fingerprint
from .pages import Page, broken_link_problems, card, link_resolver, plan_pages
from .publish import publish_files, publish_warnings
from .parallel import parallel_map
from .progress import progress_bar
from .render import make_environment, render_page, static_files, template_problem
from .write import WriteReport, begin_stage, output_problem
from .ledger import ledger_path, unimported_seeds


@dataclass
class BuildResult:
    problems: list[Problem] = field(default_factory=list)
    site: Site | None = None
    report: WriteReport | None = None
    seconds: float = 0.0
    rendered: int = 0                  # pages rendered (the rest were unchanged)
    pages: int = 0                     # pages in the site
    summary: tuple = ()                # (pages, articles, provinces, years)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]


def cache_path(config: Config) -> Path:
    return config.root / ".cache" / "build.marshal"


def open_cache(config: Config) -> BuildCache:
    return load_cache(cache_path(config), code_version())


def load_site(config: Config, drafts: bool = False, cache: BuildCache | None = None,
              import_out: Callable[[str], None] | None = None,
              seeds_must_have_pages: bool = False) -> tuple[Site, list[Problem]]:
    """Read and check all content, and model the site from it.

    With `import_out`, seeds that no page names as its `source` are imported
    first (their report goes to `import_out`), so a new seed shows up at once.
    With `seeds_must_have_pages` (the Pages build, which never imports), such a
    seed is an error instead.
    """
    def read():
        return read_articles(config, cache)

    articles, problems = read()
    if import_out is not None and _import_new_seeds(config, {a.source for a in articles},
                                                    import_out):
        articles, problems = read()  # only the new pages are parsed: the rest is cached
    if seeds_must_have_pages:
        problems += _seeds_without_pages(config, {a.source for a in articles})
    problems += assign_urls(articles)  # drafts too, so publishing one moves no URL
    if not drafts:
        articles = [a for a in articles if not a.draft]
    return build_site(articles), problems


def read_articles(config: Config, cache: BuildCache | None) -> tuple[list[Article], list[Problem]]:
    """Every content file checked: from the cache where its bytes are unchanged,
    else parsed (the cache parses its misses over all cores)."""
    if cache is None:
        return read_content(config.path("content_dir"), config.root)
    return collect(cache.articles.read_all(content_paths(config.path("content_dir"),
                                                         config.root)))


def _import_new_seeds(config: Config, known: set[str], out: Callable[[str], None]) -> bool:
    """Run the importer when a seed has no page yet; True if it wrote any page."""
    seeds_dir = config.path("seeds_dir")
    seeds = [p.name for p in seeds_dir.glob("*.txt")] if seeds_dir.is_dir() else []
    if all(name in known for name in seeds):
        return False
    if not unimported_seeds(seeds_dir, known):  # a deleted page's seed is not new
        return False
    from .importer import import_seeds  # the importer loads its lexicons: only when needed

    lines: list[str] = []
    report = import_seeds(seeds_dir, config.path("content_dir"), out=lines.append)
    if report.written or report.failed:  # say nothing when there was nothing new
        for line in lines:
            out(line)
    return bool(report.written)


def _seeds_without_pages(config: Config, known: set[str]) -> list[Problem]:
    """One error per seed that was never imported: this build does not import."""
    seeds_dir = config.path("seeds_dir")
    shown = seeds_dir.relative_to(config.root) if seeds_dir.is_relative_to(config.root) \
        else seeds_dir
    return [Problem((shown / name).as_posix(), None,
                    "this seed has no page in content/, and this build does not import "
                    "seeds (it runs on CI, or with --no-import) — run "
                    "`python build.py import` and commit the new page, or let the import "
                    "workflow open a pull request with it")
            for name in unimported_seeds(seeds_dir, known)]


def check(config: Config) -> list[Problem]:
    """Every problem of the content, drafts included, without writing anything:
    whatever would stop `build` (with or without --drafts) is found here."""
    site, problems = load_site(config, drafts=True)
    everything = {a.path: a.url for a in site.articles}
    published = {a.path: a.url for a in site.articles if not a.draft}
    drafts = frozenset(everything.keys() - published.keys())
    for article in site.articles:
        # A published page may link only to published pages; a draft, to drafts too.
        targets = everything if article.draft else published
        _, broken = render_markdown(article.body, link_resolver(article, targets))
        problems += broken_link_problems(article, broken, drafts)
    return problems


def build(config: Config, drafts: bool = False, cache: BuildCache | None = None,
          out: Callable[[str], None] = print, save_cache: bool = True,
          changed: bool = False, import_new: bool = True) -> BuildResult:
    """Import new seeds, then build the site; pages whose key and file are as the
    cache remembers are not rendered.

    Without `import_new` (the Pages build: seeds are imported into a pull
    request there, see .github/workflows/import.yml) a seed without a page
    is an error that names it and the command that imports it.

    `cache` is the preview server's, kept in memory (it saves it when it stops);
    the command line reads it from .cache/ and writes it back after a good build.
    `changed` says an input is known to have changed (the preview was told so),
    so looking for a reason to do nothing is skipped.
    """
    started = time.perf_counter()
    cache = cache if cache is not None else open_cache(config)
    out_dir = config.path("output_dir")
    previous = cache.site(out_dir)
    refused = output_problem(out_dir, config.root, {
        "content folder": config.path("content_dir"), "seeds folder": config.path("seeds_dir"),
        "templates folder": config.path("templates_dir"), "configuration file": config.file},
        known=previous is not None)
    if refused:
        return BuildResult([Problem(config.output_dir or ".", None,
                                    f"the output folder {refused}")])
    inputs = "" if changed else inputs_fingerprint(config, drafts)
    if previous is not None and inputs and previous.inputs == inputs \
            and _intact(previous, out_dir):
        # Like make: no input changed since the last good build, and its files are
        # all still there as written. It would render nothing; say what it said.
        return BuildResult(problems_from_plain(previous.warnings), None,
                           WriteReport(unchanged=len(previous.stamps)),
                           time.perf_counter() - started, 0, previous.summary[0],
                           previous.summary)
    site, problems = load_site(config, drafts, cache, import_out=out if import_new else None,
                               seeds_must_have_pages=not import_new)
    result = BuildResult(problems + ([cache.warning] if cache.warning else []), site)
    cache_warning, cache.warning = cache.warning, None
    if not result.errors:
        record = _render_and_write(result, config, previous)
        if record is not None:
            record.inputs = inputs
            record.summary = result.summary
            record.warnings = problems_to_plain(  # what the content says, not the cache
                [w for w in result.warnings if w is not cache_warning])
            cache.remember_site(out_dir, record)
            if save_cache:
                cache.save()
    result.seconds = time.perf_counter() - started
    return result


def inputs_fingerprint(config: Config, drafts: bool) -> str:
    """Every input of a build, by file stamps: content, seed names, templates,
    configuration and code. Equal fingerprints mean an equal site."""
    stamps = []
    for folder, dirs, files in os.walk(config.path("content_dir")):
        dirs.sort()
        for name in sorted(files):
            try:
                stat = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            stamps.append((folder, name, stat.st_mtime_ns, stat.st_size))
    seeds_dir = config.path("seeds_dir")
    seeds = sorted(p.name for p in seeds_dir.glob("*.txt")) if seeds_dir.is_dir() else []
    # The ledger too: deleting an imported page leaves content/ as it was before
    # the import, but the ledger now lists the seed (so the build must not shortcut).
    return fingerprint(stamps, seeds, _stamp(str(ledger_path(seeds_dir))),
                       build_salt(config), drafts)


def _intact(record: SiteRecord, out_dir: Path) -> bool:
    """Every file the last build wrote is still there, as it was written."""
    out = str(out_dir) + os.sep
    return bool(record.stamps) and all(
        _stamp(out + url) == stamp for url, stamp in record.stamps.items())


def _render_and_write(result: BuildResult, config: Config,
                      previous: SiteRecord | None) -> SiteRecord | None:
    """Stage what changed since `previous`, commit it if nothing went wrong, and
    return the record of what the output folder now holds."""
    templates, out_dir = config.path("templates_dir"), config.path("output_dir")
    salt = build_salt(config)
    pages = plan_pages(result.site, config)
    keys = {p.url: p.key for p in pages}
    # Feeds, sitemap, search index and data files show every article: one key for all.
    publish_key = "publish:" + fingerprint([card(a) for a in result.site.articles],
                                           [p.url for p in pages])
    keys.update(_still_published(previous, salt, publish_key))
    unchanged = _unchanged_files(previous, salt, keys, publish_key, out_dir)
    to_render = [p for p in pages if p.url not in unchanged]
    publish = publish_key not in {keys[url] for url in unchanged}
    staged = begin_stage(out_dir, keep=unchanged, kept_patterns=config.keep)
    try:
        published = _render_pages(to_render, staged, result, config,
                                  [p.url for p in pages] if publish else None)
        keys.update(dict.fromkeys(published, publish_key))
        statics = list(static_files(templates))
        staged.add_all(statics)
        keys.update((url, "static") for url, _ in statics)
    except BaseException:
        staged.discard()
        raise
    result.problems += publish_warnings(config)
    if result.errors:
        staged.discard()
        return None
    result.report = staged.commit(set(previous.keys) if unchanged else None)
    result.rendered, result.pages = len(to_render), len(pages)
    result.summary = (len(pages), len(result.site.articles),
                      len(result.site.known_provinces), len(result.site.years))
    stamps = {url: previous.stamps[url] if url in unchanged else _stamp(out_dir / url)
              for url in keys}
    return SiteRecord(salt, keys, stamps)


def _still_published(previous: SiteRecord | None, salt: str, publish_key: str) -> dict[str, str]:
    """Last build's publish files (feeds, sitemap, data…) when their key still holds:
    they are not pages, so only the last record knows their names."""
    if previous is None or previous.salt != salt:
        return {}
    return {url: key for url, key in previous.keys.items() if key == publish_key}


def _unchanged_files(previous: SiteRecord | None, salt: str, keys: dict[str, str],
                     publish_key: str, out_dir: Path) -> set[str]:
    """Output files that need no work: same key as last time, and the file on disk
    is the one we wrote. The publish files are kept all together or made all together."""
    if previous is None or previous.salt != salt:
        return set()
    out = str(out_dir) + os.sep
    unchanged = {url for url, key in keys.items() if previous.keys.get(url) == key
                 and _stamp(out + url) == previous.stamps.get(url)}
    published = {url for url, key in keys.items() if key == publish_key}
    if not published <= unchanged:
        unchanged -= published
    return unchanged


PUBLISH = "publish"  # the job that writes the feeds, sitemap, search index and data files


def _render_pages(pages: list[Page], staged, result: BuildResult, config: Config,
                  page_urls: list[str] | None) -> list[str]:
    """Render and stage each page, over all cores on big builds, and collect problems.

    With `page_urls`, the publish files are made too, as one more job beside the
    pages; their paths are returned.
    """
    env = make_environment(config.path("templates_dir"))

    def run(job: Page | str) -> tuple[list[tuple[str, int | None]], list[Problem]]:
        if job is PUBLISH:
            files = publish_files(result.site, config, page_urls)
            return [(url, staged.add(url, data)) for url, data in files], []
        try:
            data = render_page(job, env)
        except jinja2.TemplateError as err:
            return [(job.url, None)], [template_problem(err, config)]
        if job.problems:  # e.g. a broken link: the build will stop, stage nothing
            return [(job.url, None)], job.problems
        return [(job.url, staged.add(job.url, data))], []

    jobs = [PUBLISH] * (page_urls is not None) + pages  # the longest job first
    published = []
    with progress_bar(len(jobs), "Dựng trang") as tick:
        outcomes = parallel_map(run, jobs, progress=tick)
    for job, (files, problems) in zip(jobs, outcomes):
        for url, written in files:
            staged.record(url, written)
        if job is PUBLISH:
            published = [url for url, _ in files]
        result.problems += [p for p in problems if p not in result.problems]
    return published


def _stamp(path: Path | str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns)


def build_salt(config: Config) -> str:
    """Fingerprint of everything besides content that shapes every page."""
    templates = config.path("templates_dir")
    files = sorted(p for p in templates.rglob("*") if p.is_file())
    return fingerprint(repr(config), code_version(),
                       [(p.relative_to(templates).as_posix(), content_hash(p.read_bytes()))
                        for p in files])


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """The engine's code and data, and the libraries that shape its output: a new
    version of any of them invalidates what an old one built."""
    root = Path(__file__).parent
    files = sorted(root.glob("**/*.py")) + sorted((root.parent / "data").glob("*.yaml"))
    return fingerprint([content_hash(p.read_bytes()) for p in files], library_versions())


def library_versions() -> tuple[str, ...]:
    """Python's and the renderers' versions: the same content may render otherwise."""
    import markdown_it
    import sys

    return (sys.version, jinja2.__version__, markdown_it.__version__, yaml.__version__,
            getattr(yaml, "__with_libyaml__", False))
