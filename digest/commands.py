"""What each command of build.py does and prints. build.py only parses arguments."""

from __future__ import annotations

import sys
from pathlib import Path

from digest.config import Config
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
            out(f"error: {problem}")
    shown: dict[str, int] = {}
    for problem in problems:
        if problem.level != "warning":
            continue
        seen = shown[problem.message] = shown.get(problem.message, 0) + 1
        if all_warnings or seen <= SAME_WARNING_SHOWN:
            out(f"warning: {problem}")
    for message, count in shown.items():
        if not all_warnings and count > SAME_WARNING_SHOWN:
            out(f"warning: … and {count - SAME_WARNING_SHOWN} more file(s) with the same "
                f"warning ({message.split(' — ')[0]}); `python build.py check` lists them all")


def run_build(config: Config, drafts: bool = False, no_import: bool = False, out=print) -> int:
    """Build the site; on CI (or --no-import) new seeds are not imported but refused."""
    from digest.github import on_ci

    result = build(config, drafts=drafts, out=out, import_new=not (no_import or on_ci()))
    print_problems(result.problems, out, all_warnings=False)
    if result.errors:
        files = len({p.path for p in result.errors})
        out(f"Build stopped: {len(result.errors)} error(s) in {files} file(s); "
            f"{config.output_dir}/ was left as it was. Fix the lines above and build again.")
        return 1
    out(summary_line(result, config))
    return 0


def summary_line(result: BuildResult, config: Config) -> str:
    report, (pages, articles, provinces, years) = result.report, result.summary
    index = (config.path("output_dir") / "index.html").resolve()
    return (f"Built {pages} pages ({result.rendered} rendered; files: {report.written} "
            f"written, {report.unchanged} unchanged, {report.removed} removed): "
            f"{articles} articles, {provinces} provinces, {years} years in "
            f"{result.seconds:.2f} s. Open {index.as_uri() if index.is_absolute() else index}")


def fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def not_a_project(config: Config) -> str | None:
    """One line when the folders the configuration names are not there: the usual
    cause is running build.py from another folder."""
    templates, content = config.path("templates_dir"), config.path("content_dir")
    if templates.is_dir() and (content.is_dir() or config.path("seeds_dir").is_dir()):
        return None
    where = str(config.file.resolve()) + (" (not found)" if not config.file.exists() else "")
    lacking = templates if not templates.is_dir() else content
    return (f"error: this is not a digest project: no folder {lacking.resolve()} — the "
            f"configuration read was {where}. Run build.py in the project's folder, or "
            "point it at the project: --config PATH/TO/config.yaml")


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
    out(f"Checked {pages} page(s) in {config.content_dir}/: {errors} error(s), "
        f"{len(problems) - errors} warning(s).")
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
