#!/usr/bin/env python3
"""Build the ICT digest site: seeds/ -> content/ -> site/.

Run `python build.py --help` for the commands. This file only reads the
command line; the work is done in the `digest` package.
"""

from __future__ import annotations

import argparse
import sys

from digest.commands import fail, run_build
from digest.config import SCHEMA_HELP, ConfigError, load_config

DESCRIPTION = """\
Build the yearly ICT digest website from the Markdown pages in content/.

commands:
  build     (the default) read content/ and config.yaml, write the site to site/
"""

EPILOG = "config.yaml settings:\n" + "\n".join(
    f"  {key:<14} {meaning}" for key, meaning in SCHEMA_HELP.items())


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="build.py", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", default="build", choices=["build"],
                        help="what to do (default: build)")
    parser.add_argument("--config", default="config.yaml", metavar="FILE",
                        help="the configuration file (default: config.yaml)")
    parser.add_argument("--drafts", action="store_true",
                        help="include pages marked 'draft: true'")
    parser.add_argument("--output", metavar="DIR",
                        help="write the site here instead of output_dir from config.yaml")
    parser.add_argument("--base-url", metavar="URL",
                        help="the published address, e.g. https://user.github.io/repo/ "
                             "(instead of base_url from config.yaml)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        config = load_config(args.config, output_dir=args.output,
                             base_url=args.base_url)
    except ConfigError as err:
        return fail(f"error: {err}")
    return run_build(config, drafts=args.drafts)


if __name__ == "__main__":
    sys.exit(main())
