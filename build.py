#!/usr/bin/env python3
"""Build the ICT digest site: seeds/ -> content/ -> site/.

Run `python build.py --help` for the commands. This file only reads the
command line; the work is done in the `digest` package.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from digest import __version__, commands, i18n
from digest.config import SCHEMA_HELP, ConfigError, load_config
from digest.i18n import _

# Written in English, shown in the chosen language (digest/i18n.py): read when the
# parser is built, after the language is chosen.
DESCRIPTION = i18n.N_("""\
Build the yearly ICT digest website from the Markdown pages in content/.

commands (python build.py COMMAND --help for each one's options):
  build     (the default) import new seeds (not on CI), check content/, write site/
  import    turn seeds/*.txt never imported before into pages in content/
  check     check every page in content/ and report problems; writes nothing
  new       start a draft page in content/ with every field ready to fill in
  serve     build, then preview at http://127.0.0.1:8000/ with live reload
""")
COMMANDS = ("build", "import", "check", "new", "serve")
GLOBAL_OPTIONS = ("--lang",)  # options that may come before the command, with a value
LANG_HELP = i18n.N_("the language of messages: vi (default) or en; also DIGEST_LANG or "
                    "language: in config.yaml")


def epilog() -> str:
    return _("config.yaml settings:") + "\n" + "\n".join(
        f"  {key:<14} {_(meaning)}" for key, meaning in SCHEMA_HELP.items())


def parse_args(argv: list[str]) -> argparse.Namespace:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", default="config.yaml", metavar="FILE",
                        help=_("the configuration file (default: config.yaml)"))
    drafts = argparse.ArgumentParser(add_help=False)
    drafts.add_argument("--drafts", action="store_true",
                        help=_("include pages marked 'draft: true'"))

    common.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS,
                        help=_(LANG_HELP))

    parser = argparse.ArgumentParser(
        prog="build.py", description=_(DESCRIPTION), epilog=epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS,
                        help=_(LANG_HELP))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help=_("show the version and exit"))
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    p = sub.add_parser("build", parents=[common, drafts], help=_("write the site (default)"),
                       description=_("Check content/ and write the site to site/. On any "
                                   "error nothing is written and the last site stays."))
    p.add_argument("--output", metavar="DIR",
                   help=_("write the site here instead of output_dir from config.yaml"))
    p.add_argument("--base-url", metavar="URL",
                   help=_("the published address, e.g. https://user.github.io/repo/, for the "
                        "links that must be absolute (feeds, sitemap, canonical, 404 page); "
                        "instead of base_url from config.yaml"))
    p.add_argument("--no-import", action="store_true",
                   help=_("do not import new seeds; a seed without a page is then an error. "
                        "The default on CI (when CI or GITHUB_ACTIONS is set), so that the "
                        "published site only has pages reviewed in a pull request"))

    p = sub.add_parser("import", parents=[common], help=_("import new seeds into content/"),
                       description=_("Write one page in content/ for each seed in seeds/ that "
                                   "was never imported (seeds/imported.list lists those "
                                   "that were, so a deleted page stays deleted; see "
                                   "--again). Existing pages are never "
                                   "overwritten; the report says what each seed gave and "
                                   "which fields an editor still has to fill in."))
    p.add_argument("--seeds", metavar="DIR",
                   help=_("the seeds folder (default: seeds_dir, seeds/)"))
    p.add_argument("--content", metavar="DIR",
                   help=_("the content folder (default: content_dir, content/)"))
    p.add_argument("--update", action="store_true",
                   help=_("also refresh pages the importer wrote that nobody has edited since; "
                        "edited pages are listed and left alone"))
    p.add_argument("--again", action="append", default=[], metavar="SEED",
                   help=_("import this seed again although its page was deleted (a seed that "
                        "was imported once is otherwise skipped); may be repeated"))
    p.add_argument("--report", metavar="FILE",
                   help=_("also write the report as Markdown to FILE (the import workflow "
                        "uses it as the pull request's description)"))

    p = sub.add_parser("check", parents=[common], help=_("check content/ without writing"),
                       description=_("Check every page (drafts included): exit 1 on errors. "
                                   "Warnings are listed apart and do not fail."))
    p.add_argument("--format", choices=("plain", "github", "json"), default="plain",
                   help=_("plain (default): 'error: file:line: message'; github: workflow "
                        "commands, shown on the lines of a pull request; json: for tools"))

    p = sub.add_parser("new", parents=[common], help=_("start a new page"),
                       description=_('Write content/<date>-<slug>.md with every field ready, '
                                   'e.g. new "Tiêu đề" --province "Hà Giang" --review-year 2022'))
    p.add_argument("title", metavar="TITLE", help=_("the page's title, in quotes"))
    p.add_argument("--province", help=_("the province, e.g. \"Hà Giang\""))
    p.add_argument("--review-year", type=int, metavar="YEAR",
                   help=_("the year whose results the page reports"))
    p.add_argument("--plan-year", type=int, metavar="YEAR",
                   help=_("the year whose tasks the page sets"))
    p.add_argument("--date", metavar="YYYY-MM-DD",
                   help=_("the day of the event (default: today)"))
    p.add_argument("--publish", action="store_true",
                   help=_("write 'draft: false' (the default is a draft, kept out of the site)"))

    p = sub.add_parser("serve", parents=[common, drafts], help=_("preview with live reload"),
                       description=_("Build, serve site/ and rebuild what a change touches "
                                   "whenever a file in content/, seeds/, templates/ or "
                                   "config.yaml is saved; the browser reloads by itself."))
    p.add_argument("--port", type=int, default=8000, help=_("port to serve on (default: 8000; "
                   "the next free one if it is taken)"))
    p.add_argument("--host", default="127.0.0.1",
                   help=_("address to bind (default: 127.0.0.1, this computer only)"))

    first = _first_word(argv)
    if first is None or first not in COMMANDS and first not in ("-h", "--help", "--version"):
        argv = argv[:len(argv) - len(argv[_start(argv):])] + ["build"] + argv[_start(argv):]
    return parser.parse_args(argv)  # `python build.py [options]` builds


def _start(argv: list[str]) -> int:
    """Where the command (or the build's options) starts, after global options."""
    i = 0
    while i < len(argv) and (argv[i] in GLOBAL_OPTIONS or argv[i].startswith("--lang=")):
        i += 1 if "=" in argv[i] else 2
    return min(i, len(argv))


def _first_word(argv: list[str]) -> str | None:
    start = _start(argv)
    return argv[start] if start < len(argv) else None


def peek_language(argv: list[str]) -> str | None:
    """`language:` of the config.yaml the command line names, read before anything
    else (its errors are reported later, in the language chosen)."""
    path = "config.yaml"
    for i, arg in enumerate(argv):
        if arg == "--config" and i + 1 < len(argv):
            path = argv[i + 1]
        elif arg.startswith("--config="):
            path = arg.split("=", 1)[1]
    try:
        import yaml
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        return data.get("language") if isinstance(data, dict) else None
    except Exception:  # any fault in it is load_config's to report
        return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    i18n.use(i18n.choose(argv, peek_language(argv)))
    args = parse_args(argv)
    overrides = {"output_dir": getattr(args, "output", None),
                 "base_url": getattr(args, "base_url", None)}
    try:
        config = load_config(args.config, **overrides)
    except ConfigError as err:
        return commands.fail(_("error: {problem}").format(problem=err))
    if args.command != "import" and (missing := commands.not_a_project(config)):
        return commands.fail(missing)
    if args.command == "import":
        return commands.run_import(config, args.seeds, args.content, args.update,
                                   again=args.again, report=args.report)
    if args.command == "check":
        return commands.run_check(config, args.format)
    if args.command == "new":
        return commands.run_new(config, args.title, args.province, args.review_year,
                                args.plan_year, args.date, publish=args.publish)
    if args.command == "serve":
        from digest.serve import serve  # imports tornado: only when serving
        return serve(Path(args.config), args.host, args.port, args.drafts)
    return commands.run_build(config, drafts=args.drafts, no_import=args.no_import)


if __name__ == "__main__":
    sys.exit(main())
