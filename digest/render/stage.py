"""The build's last stage: the page plan -> files in the output folder.

Renders only what changed since the last good build (its record says what
each file showed and how it was written), over all cores on big builds, and
stages the files beside the output folder; they are moved in only when every
page rendered without a problem, so a failed build leaves the last good site
as it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable

from digest.cache import SiteRecord, build_salt, cache_path, file_stamp, still_published, unchanged_files
from digest.config import Config
from digest.i18n import _, ngettext
from digest.keys import fingerprint, set_fingerprint, set_fingerprint_update
from digest.model.groups import Site
from digest.plan.pages import Page, card
from digest.render.assetfiles import publish_assets
from digest.util.parallel import Stopped, parallel_map
from digest.problems import Problem
from digest.util.progress import progress_bar
from digest.outputs.publish import publish_files, publish_warnings
from digest.render.environment import make_environment, render_page, static_files, template_problem
from digest.write.folder import StagedSite, WriteFailed, WriteReport, begin_stage
from digest.write.kept import covered_outputs

PUBLISH = "publish"  # the job that writes the feeds, sitemap and data files


@dataclass
class Written:
    """What the stage did: the new record of the output folder (None when a
    problem stopped it and nothing was written), and its problems."""

    record: SiteRecord | None
    report: WriteReport | None = None
    problems: list[Problem] = field(default_factory=list)
    rendered: int = 0


def render_and_write(site: Site, pages: list[Page], config: Config,
                     previous: SiteRecord | None, stop: Callable[[], bool] | None = None
                     ) -> Written:
    """Stage what changed since `previous` and commit it if nothing went wrong.
    `stop` may end the rendering (parallel.Stopped): nothing is written then."""
    out_dir = config.path("output_dir")
    salt = build_salt(config)
    keys = page_keys(pages, stop)
    # Feeds, sitemap and data files show every article: one key for all of them.
    # (The feeds show each page's photo: the content's files are part of it too.)
    content_files = sorted((a.url, a.hash) for a in site.assets.by_path.values())
    publish_key = "publish:" + fingerprint([card(a) for a in site.articles],
                                           [p.url for p in pages], content_files)
    keys.update(still_published(previous, salt, publish_key))
    unchanged = unchanged_files(previous, salt, keys, publish_key, out_dir)
    to_render = [p for p in pages if p.url not in unchanged]
    publish = publish_key not in {keys[url] for url in unchanged}
    staged = begin_stage(out_dir, keep=unchanged, kept_patterns=config.keep)
    try:
        # The content's files first: the pages show how each image was published.
        files, images, problems = publish_assets(site.assets, config, previous, staged)
        keys.update(files)
        published, found = _render_pages(to_render, staged, site, config, salt,
                                         [p.url for p in pages] if publish else None, stop)
        problems += found
        keys.update(dict.fromkeys(published, publish_key))
        statics = list(static_files(config.path("templates_dir")))
        staged.add_all(statics)
        keys.update((url, "static") for url, _data in statics)
    except OSError as err:  # the staging folder: a full disk, a folder we may not write
        staged.discard()
        return Written(None, None, [write_problem(err, config)])
    except BaseException:
        staged.discard()
        raise
    problems += publish_warnings(config) + kept_problems(config, keys)
    if any(p.level == "error" for p in problems):
        staged.discard()
        return Written(None, None, problems)
    # What the folder will hold, named by every file's key: the same for an
    # incremental and a cold build of the same site, and another for anything else.
    built = set_fingerprint(keys)
    try:
        report = staged.commit(built, set(previous.keys) if unchanged else None)
    except (OSError, WriteFailed) as failed:
        return Written(None, None, [write_problem(failed, config)])
    compiled_templates(config, salt).save()
    stamps = {url: previous.stamps[url] if url in unchanged else file_stamp(out_dir / url)
              for url in keys}
    return Written(SiteRecord(salt, keys, stamps, build_id=built, images=images), report,
                   problems, len(to_render))


def page_keys(pages: list[Page], stop: Callable[[], bool] | None = None,
              every: int = 256) -> dict[str, str]:
    """url -> key of each page (computed here, the first time they are asked for);
    `stop` is asked now and then, as the keys of a large site take a while."""
    keys = {}
    for number, page in enumerate(pages):
        if stop and number % every == 0 and stop():
            raise Stopped()
        keys[page.url] = page.key
    return keys


def kept_problems(config: Config, outputs) -> list[Problem]:
    """A `keep:` pattern that covers files the build writes would freeze them."""
    problems = []
    for pattern, files in covered_outputs(config.keep, outputs).items():
        shown = ", ".join(files[:3])
        if len(files) > 3:
            more = len(files) - 3
            shown = ngettext("{files} and {n} more", "{files} and {n} more", more).format(
                files=shown, n=more)
        problems.append(Problem(
            str(config.file), None,
            _("keep: {pattern} covers {files}, which the build writes — a kept file is never "
              "updated or removed, so a changed or deleted page would stay as it was. Name "
              "only files the build does not make; `*` stays within one folder (`*.html` is "
              "only the top folder's), `**` crosses folders").format(pattern=repr(pattern),
                                                                     files=shown),
            code="keep-covers-output"))
    return problems


def write_problem(err: OSError | WriteFailed, config: Config) -> Problem:
    """One line for a file that could not be written: which, why, and what became of the site."""
    out = config.output_dir.rstrip("/") or "."
    if isinstance(err, WriteFailed) and err.left:
        shown = ", ".join(err.left[:5]) + (" …" if len(err.left) > 5 else "")
        state = ngettext("{n} file(s) of {folder}/ could not be put back as they were ({files}); "
                         "the next build replaces them",
                         "{n} file(s) of {folder}/ could not be put back as they were ({files}); "
                         "the next build replaces them", len(err.left)).format(
            n=len(err.left), folder=out, files=shown)
    else:
        state = _("{folder}/ was left as it was").format(folder=out)
    path = err.path if isinstance(err, WriteFailed) else (err.filename or out)
    reason = err.reason if isinstance(err, WriteFailed) else (err.strerror or str(err))
    return Problem(str(path), None,
                   _("cannot be written: {reason} — {state}; free some disk space or fix the "
                     "folder's permissions, then build again").format(reason=reason, state=state),
                   code="write-failed")


def environment_key(config: Config, salt: str) -> tuple:
    return config.path("templates_dir"), salt, cache_path(config).parent / "jinja"


def compiled_templates(config: Config, salt: str):
    """The templates compiled for this build, to keep for the next."""
    return make_environment(*environment_key(config, salt)).bytecode_cache


def _render_pages(pages: list[Page], staged: StagedSite, site: Site, config: Config,
                  salt: str, page_urls: list[str] | None, stop: Callable[[], bool] | None = None
                  ) -> tuple[list[str], list[Problem]]:
    """Render and stage each page; the publish files' paths and every problem.

    With `page_urls`, the publish files are made too, as one more job beside the
    pages (the longest, so it goes first).
    """
    import jinja2  # loaded only when something is rendered

    env = make_environment(*environment_key(config, salt))
    for name in {page.template for page in pages}:  # compiled once, before workers fork
        try:
            env.get_template(name)
        except jinja2.TemplateError:
            pass  # the page's job reports it, with the page

    parent = os.getpid()

    def run(job: Page | str) -> tuple[list[tuple[str, int | None]], list[Problem]]:
        if job is PUBLISH:  # the longest job: `stop` is asked between its files
            staged_files = []
            for url, data in publish_files(site, config, page_urls):
                # (only in this process: a forked worker's copy of what `stop` asks
                # is not told of new saves, and its locks may be held by no one)
                if stop and os.getpid() == parent and stop():
                    raise Stopped()
                staged_files.append((url, staged.add(url, data)))
            return staged_files, []
        try:
            data = job.data if job.data is not None else render_page(job, env)
        except jinja2.TemplateError as err:
            return [(job.url, None)], [template_problem(err, config)]
        if job.problems:  # e.g. a broken link: the build will stop, stage nothing
            return [(job.url, None)], job.problems
        return [(job.url, staged.add(job.url, data))], []

    jobs = [PUBLISH] * (page_urls is not None) + pages
    published, problems = [], []
    with progress_bar(len(jobs), _("Rendering pages")) as tick:
        outcomes = parallel_map(run, jobs, progress=tick, stop=stop)
    for job, (files, found) in zip(jobs, outcomes):
        for url, written in files:
            staged.record(url, written)
        if job is PUBLISH:
            published = [url for url, _written in files]
        problems += [p for p in found if p not in problems]
    return published, problems


def rewrite_pages(site: Site, pages: list[Page], config: Config,
                  record: SiteRecord, salt: str | None = None) -> Written | None:
    """Render `pages` again into an output folder that otherwise holds what
    `record` says (the preview's quick rebuild). None when a page has a problem:
    then nothing is written, and the full build is the one to report it.

    With `salt` (templates edited since `record`), the pages are drawn with the
    templates as they are now, but the record keeps its own salt: to the next
    full build every other page is still out of date."""
    out_dir = config.path("output_dir")
    urls = {p.url for p in pages}
    staged = begin_stage(out_dir, keep=record.keys.keys() - urls, kept_patterns=config.keep)
    new_keys = {p.url: p.key for p in pages}
    keys = {**record.keys, **new_keys}
    built = set_fingerprint_update(record.build_id, {url: record.keys[url] for url in new_keys
                                                     if url in record.keys}, new_keys)
    try:
        problems = _render_pages(pages, staged, site, config, salt or record.salt, None)[1]
        if problems:
            return None
        report = staged.commit(built, set(record.keys))
    except (OSError, WriteFailed):  # the full build that follows meets it too, and says so
        return None
    finally:
        staged.discard()
    compiled_templates(config, salt or record.salt).save()
    new = SiteRecord(record.salt, keys,
                     {**record.stamps, **{url: file_stamp(out_dir / url) for url in urls}},
                     record.inputs, record.summary, record.warnings, built, record.images)
    return Written(new, report, [], len(pages))
