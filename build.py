#!/usr/bin/env python3
"""Build the ICT digest site: seeds/ -> content/ -> site/.

Run `python build.py --help` for the commands. This file only reads the
command line; the work is done in the `digest` package.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from digest import commands
from digest.config import SCHEMA_HELP, ConfigError, load_config

DESCRIPTION = """\
Build the yearly ICT digest website from the Markdown pages in content/.

commands (python build.py COMMAND --help for each one's options):
  build     (the default) import new seeds (not on CI), check content/, write site/
  import    turn seeds/*.txt never imported before into pages in content/
  check     check every page in content/ and report problems; writes nothing
  new       start a draft page in content/ with every field ready to fill in
  serve     build, then preview at http://127.0.0.1:8000/ with live reload
"""

EPILOG = "config.yaml settings:\n" + "\n".join(
    f"  {key:<14} {meaning}" for key, meaning in SCHEMA_HELP.items())
COMMANDS = ("build", "import", "check", "new", "serve")


def parse_args(argv: list[str]) -> argparse.Namespace:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", default="config.yaml", metavar="FILE",
                        help="the configuration file (default: config.yaml)")
    drafts = argparse.ArgumentParser(add_help=False)
    drafts.add_argument("--drafts", action="store_true",
                        help="include pages marked 'draft: true'")

    parser = argparse.ArgumentParser(
        prog="build.py", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("build", parents=[common, drafts], help="write the site (default)",
                       description="Check content/ and write the site to site/. On any "
                                   "error nothing is written and the last site stays.")
    p.add_argument("--output", metavar="DIR",
                   help="write the site here instead of output_dir from config.yaml")
    p.add_argument("--base-url", metavar="URL",
                   help="the published address, e.g. https://user.github.io/repo/, for the "
                        "links that must be absolute (feeds, sitemap, canonical, 404 page); "
                        "instead of base_url from config.yaml")
    p.add_argument("--no-import", action="store_true",
                   help="do not import new seeds; a seed without a page is then an error. "
                        "The default on CI (when CI or GITHUB_ACTIONS is set), so that the "
                        "published site only has pages reviewed in a pull request")

    p = sub.add_parser("import", parents=[common], help="import new seeds into content/",
                       description="Write one page in content/ for each seed in seeds/ that "
                                   "was never imported (seeds/imported.list lists those "
                                   "that were, so a deleted page stays deleted; see "
                                   "--again). Existing pages are never "
                                   "overwritten; the report says what each seed gave and "
                                   "which fields an editor still has to fill in.")
    p.add_argument("--seeds", metavar="DIR", help="the seeds folder (default: seeds_dir, seeds/)")
    p.add_argument("--content", metavar="DIR",
                   help="the content folder (default: content_dir, content/)")
    p.add_argument("--update", action="store_true",
                   help="also refresh pages the importer wrote that nobody has edited since; "
                        "edited pages are listed and left alone")
    p.add_argument("--again", action="append", default=[], metavar="SEED",
                   help="import this seed again although its page was deleted (a seed that "
                        "was imported once is otherwise skipped); may be repeated")
    p.add_argument("--report", metavar="FILE",
                   help="also write the report as Markdown to FILE (the import workflow "
                        "uses it as the pull request's description)")

    p = sub.add_parser("check", parents=[common], help="check content/ without writing",
                       description="Check every page (drafts included): exit 1 on errors. "
                                   "Warnings are listed apart and do not fail.")
    p.add_argument("--format", choices=("plain", "github", "json"), default="plain",
                   help="plain (default): 'error: file:line: message'; github: workflow "
                        "commands, shown on the lines of a pull request; json: for tools")

    p = sub.add_parser("new", parents=[common], help="start a new page",
                       description='Write content/<date>-<slug>.md with every field ready, '
                                   'e.g. new "Tiêu đề" --province "Hà Giang" --review-year 2022')
    p.add_argument("title", help="the page's title, in quotes")
    p.add_argument("--province", help="the province, e.g. \"Hà Giang\"")
    p.add_argument("--review-year", type=int, metavar="YEAR",
                   help="the year whose results the page reports")
    p.add_argument("--plan-year", type=int, metavar="YEAR",
                   help="the year whose tasks the page sets")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day of the event (default: today)")
    p.add_argument("--publish", action="store_true",
                   help="write 'draft: false' (the default is a draft, kept out of the site)")

    p = sub.add_parser("serve", parents=[common, drafts], help="preview with live reload",
                       description="Build, serve site/ and rebuild what a change touches "
                                   "whenever a file in content/, seeds/, templates/ or "
                                   "config.yaml is saved; the browser reloads by itself.")
    p.add_argument("--port", type=int, default=8000, help="port to serve on (default: 8000; "
                   "the next free one if it is taken)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default: 127.0.0.1, this computer only)")

    if not argv or argv[0] not in COMMANDS and argv[0] not in ("-h", "--help"):
        argv = ["build", *argv]  # `python build.py [options]` builds
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    overrides = {"output_dir": getattr(args, "output", None),
                 "base_url": getattr(args, "base_url", None)}
    try:
        config = load_config(args.config, **overrides)
    except ConfigError as err:
        return commands.fail(f"error: {err}")
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
