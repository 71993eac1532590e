"""What each command of build.py does and prints. build.py only parses arguments."""

from __future__ import annotations

import sys
from pathlib import Path

from digest.config import Config
from digest import i18n
from digest.i18n import _, ngettext
from digest.problems import Problem
from digest.pipeline import BuildResult, build, check


SAME_WARNING_SHOWN = 3  # a build shows this many of one warning; `check` shows them all


def print_problems(problems: list[Problem], out=print, all_warnings: bool = True) -> None:
    """Errors first (every one), then warnings, each group in file order.

    Without `all_warnings`, a warning that many files share (say, fifty pages
    with no province) is shown a few times and then counted, so that a build's
    output stays readable; `python build.py check` lists every one.
    """
    for problem in problems:
        if problem.level == "error":
            out(_("error: {problem}").format(problem=problem))
    shown: dict[str, int] = {}
    for problem in problems:
        if problem.level != "warning":
            continue
        seen = shown[problem.message] = shown.get(problem.message, 0) + 1
        if all_warnings or seen <= SAME_WARNING_SHOWN:
            out(_("warning: {problem}").format(problem=problem))
    for message, count in shown.items():
        if not all_warnings and count > SAME_WARNING_SHOWN:
            more = count - SAME_WARNING_SHOWN
            # English keeps "file(s)" in both forms (scripts and tests read it as it was).
            out(ngettext("warning: … and {n} more file(s) with the same warning ({what}); "
                         "`python build.py check` lists them all",
                         "warning: … and {n} more file(s) with the same warning ({what}); "
                         "`python build.py check` lists them all", more)
                .format(n=more, what=message.split(" — ")[0]))


def counted(what: str, n: int) -> str:
    """`n` errors, warnings, files or pages, as the summaries say it: "3 error(s)".
    The English keeps "(s)" in both forms, as it always printed; Vietnamese has one."""
    forms = {"error": lambda: ngettext("{n} error(s)", "{n} error(s)", n),
             "warning": lambda: ngettext("{n} warning(s)", "{n} warning(s)", n),
             "file": lambda: ngettext("{n} file(s)", "{n} file(s)", n),
             "page": lambda: ngettext("{n} page(s)", "{n} page(s)", n)}
    return forms[what]().format(n=n)


def run_build(config: Config, drafts: bool = False, no_import: bool = False, out=print) -> int:
    """Build the site; on CI (or --no-import) new seeds are not imported but refused."""
    from digest.github import on_ci

    result = build(config, drafts=drafts, out=out, import_new=not (no_import or on_ci()))
    print_problems(result.problems, out, all_warnings=False)
    if result.errors:
        files = len({p.path for p in result.errors})
        out(_("Build stopped: {errors} in {files}; {folder}/ was left as it was. Fix the lines "
              "above and build again.").format(errors=counted("error", len(result.errors)),
                                               files=counted("file", files),
                                               folder=config.output_dir))
        return 1
    out(summary_line(result, config))
    return 0


def summary_line(result: BuildResult, config: Config) -> str:
    report, (pages, articles, provinces, years) = result.report, result.summary
    index = (config.path("output_dir") / "index.html").resolve()
    return _("Built {pages} ({rendered} rendered; files: {written} written, {unchanged} "
             "unchanged, {removed} removed): {articles}, {provinces}, {years} in {seconds} s. "
             "Open {index}").format(
        pages=ngettext("{n} page", "{n} pages", pages).format(n=pages),
        rendered=result.rendered, written=report.written, unchanged=report.unchanged,
        removed=report.removed,
        articles=ngettext("{n} article", "{n} articles", articles).format(n=articles),
        provinces=ngettext("{n} province", "{n} provinces", provinces).format(n=provinces),
        years=ngettext("{n} year", "{n} years", years).format(n=years),
        seconds=i18n.decimal(result.seconds, 2), index=index.as_uri() if index.is_absolute() else index)


def fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def not_a_project(config: Config) -> str | None:
    """One line when the folders the configuration names are not there: the usual
    cause is running build.py from another folder."""
    templates, content = config.path("templates_dir"), config.path("content_dir")
    if templates.is_dir() and (content.is_dir() or config.path("seeds_dir").is_dir()):
        return None
    where = str(config.file.resolve())
    if not config.file.exists():
        where = _("{path} (not found)").format(path=where)
    lacking = templates if not templates.is_dir() else content
    return _("error: this is not a digest project: no folder {folder} — the configuration "
             "read was {where}. Run build.py in the project's folder, or point it at the "
             "project: --config PATH/TO/config.yaml").format(folder=lacking.resolve(),
                                                             where=where)


def display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def run_check(config: Config, fmt: str = "plain", out=print) -> int:
    """Every problem, as `fmt`: plain lines, GitHub annotations, or JSON."""
    from digest.github import problems_json, workflow_command

    problems = check(config)
    errors = sum(1 for p in problems if p.level == "error")
    pages = len(list(config.path("content_dir").rglob("*.md")))
    if fmt == "json":
        out(problems_json(problems, pages))
        return 1 if errors else 0
    if fmt == "github":
        for problem in sorted(problems, key=lambda p: p.level != "error"):  # stable: file order
            out(workflow_command(problem))
    else:
        print_problems(problems, out)
    out(_("Checked {pages} in {folder}/: {errors}, {warnings}.").format(
        pages=counted("page", pages), folder=config.content_dir,
        errors=counted("error", errors), warnings=counted("warning", len(problems) - errors)))
    return 1 if errors else 0


def run_new(config: Config, title: str, province: str | None, review_year: int | None,
            plan_year: int | None, date: str | None, publish: bool = False, out=print) -> int:
    from digest.newpage import NewPageError, new_page  # needs the importer's content scan
    from digest.i18n import _

    notes: list[str] = []
    try:
        path = new_page(config.path("content_dir"), title, province, review_year,
                        plan_year, date, publish=publish, note=notes.append)
    except NewPageError as err:
        return fail(_("error: {problem}").format(problem=err))
    out(display(path))
    for note in notes:
        out(note)
    if not publish:
        out(_('It is a draft ("draft: true"): the site leaves it out until you publish it. '
              'To publish, write the summary and the text, then set "draft: false" in the '
              "file (or start a page already published with `new … --publish`)."))
    return 0


def run_import(config: Config, seeds: str | None, content: str | None, update: bool,
               again: list[str] = (), report: str | None = None, out=print) -> int:
    from digest.i18n import _

    seeds_dir = Path(seeds) if seeds else config.path("seeds_dir")
    content_dir = Path(content) if content else config.path("content_dir")
    if not seeds_dir.is_dir():
        return fail(_("error: {folder}: no such folder — put the seed texts "
                      "(*.txt) there or name the folder with --seeds").format(
            folder=display(seeds_dir)))
    from digest.importer import import_seeds  # the importer loads its lexicons: only when needed

    result = import_seeds(seeds_dir, content_dir, update=update, again=again, out=out)
    if report:
        from digest.write.fsutil import atomic_write
        from digest.github import import_report_markdown

        try:
            atomic_write(report, import_report_markdown(result.lines))
        except OSError as err:
            return fail(_("error: {file}: the report could not be written: "
                          "{reason}").format(file=report, reason=err.strerror or err))
    return result.exit_code
