"""The editors' guide, the changelog and the README stay true to the code.

- every front-matter key the format knows, and every key of a figure, is
  explained in docs/huong-dan-bien-tap.md as `key:`;
- the guide's table of metric ids is data/metrics.yaml's (id, label, usual unit);
- every `python build.py …` command the guide shows is one build.py accepts;
- CHANGELOG.md's newest version is digest.__version__, and the README links the guide.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

import build
import digest
from digest.content.schema import FIGURE_KEYS, KNOWN_KEYS
from digest.lexicon.metrics import load_metrics

REPO = Path(__file__).resolve().parent.parent
GUIDE_PATH = "docs/huong-dan-bien-tap.md"
GUIDE = REPO / GUIDE_PATH
CHANGELOG = REPO / "CHANGELOG.md"
README = REPO / "README.md"


def guide_text() -> str:
    return GUIDE.read_text(encoding="utf-8")


# --- (a) every key -------------------------------------------------------------

@pytest.mark.parametrize("key", sorted(KNOWN_KEYS | FIGURE_KEYS))
def test_every_key_of_the_format_is_in_the_guide(key):
    assert f"`{key}:`" in guide_text(), \
        f"{GUIDE_PATH} does not explain the key `{key}:` — add it, with an example"


def test_the_keys_are_those_new_writes():
    """The list the guide is tested against is the format's: `new` writes every key."""
    from digest.newpage import page_text
    import datetime as dt

    text = page_text("Thử", dt.date(2024, 1, 10), "Sơn La", 2023, None, "thu")
    written = {line.split(":")[0] for line in text.split("---")[1].splitlines()
               if line and not line.startswith("#")}
    assert written == set(KNOWN_KEYS)


# --- (b) the metric ids ----------------------------------------------------------

def metric_table() -> str:
    """The guide's table, as data/metrics.yaml gives it (paste it when they differ)."""
    rows = ["| mã (`metric:`) | chỉ tiêu (hiện trên trang) | đơn vị thường dùng |",
            "|---|---|---|"]
    rows += [f"| `{m.id}` | {m.label} | {m.unit} |" for m in load_metrics().values()]
    return "\n".join(rows) + "\n"


def test_every_metric_id_is_in_the_guide_with_its_label():
    text = guide_text()
    for metric in load_metrics().values():
        assert f"| `{metric.id}` | {metric.label} |" in text, \
            f"{GUIDE_PATH}: metric {metric.id} ({metric.label}) is missing from the table"
    assert metric_table() in text, \
        f"{GUIDE_PATH}: the metric table differs from data/metrics.yaml; it should be:\n" \
        + metric_table()


def test_the_guide_names_no_metric_the_lexicon_lacks():
    text = guide_text()
    table = text[text.index("| mã (`metric:`)"):].split("\n\n", 1)[0]
    listed = re.findall(r"^\| `([^`]+)` \|", table, re.MULTILINE)
    assert listed == list(load_metrics()), "the table's ids are data/metrics.yaml's, in order"


# --- (c) the commands ----------------------------------------------------------------

def code_blocks(text: str) -> list[str]:
    return re.findall(r"^```[^\n]*\n(.*?)^```", text, re.MULTILINE | re.DOTALL)


def guide_commands() -> list[list[str]]:
    """The words after `python build.py` of every command line in the guide's code
    blocks (a comment after ` #` left out)."""
    lines = [line for block in code_blocks(guide_text()) for line in block.splitlines()
             if "python build.py" in line]
    commands = []
    for line in lines:
        words = shlex.split(line.split("#")[0] if " #" in line else line)
        at = words.index("build.py")
        assert words[at - 1] == "python", line
        commands.append(words[at + 1:])
    return commands


def test_the_guide_shows_commands():
    shown = {tuple(words[:1]) for words in guide_commands()}
    for command in ("new", "check", "serve", "import"):
        assert (command,) in shown, f"{GUIDE_PATH} shows no `python build.py {command}`"


@pytest.mark.parametrize("words", guide_commands(), ids=" ".join)
def test_every_command_of_the_guide_parses(words):
    if {"--help", "-h", "--version"} & set(words):
        with pytest.raises(SystemExit) as exit_:
            build.parse_args(words)
        assert exit_.value.code == 0
        return
    args = build.parse_args(words)  # argparse exits (a failure here) on anything wrong
    assert args.command in build.COMMANDS
    if args.command == "new":
        assert args.review_year or args.plan_year, "new needs --review-year or --plan-year"


# --- (d) the changelog and the README ------------------------------------------------

def test_the_newest_changelog_version_is_the_code_version():
    headings = re.findall(r"^## \[([^\]]+)\]", CHANGELOG.read_text(encoding="utf-8"),
                          re.MULTILINE)
    assert headings[0] == "Unreleased"
    newest = next(h for h in headings if h != "Unreleased")
    assert newest == digest.__version__, \
        f"CHANGELOG.md's newest version is {newest}, the code's {digest.__version__}"


def test_the_changelog_sections_are_keep_a_changelog_ones():
    text = CHANGELOG.read_text(encoding="utf-8")
    sections = set(re.findall(r"^### (.+)$", text, re.MULTILINE))
    assert sections <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
    dated = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", text, re.MULTILINE)
    assert dated and dated[0][0] == digest.__version__


def test_the_readme_links_the_guide_for_editors():
    readme = README.read_text(encoding="utf-8")
    editors = readme.split("## For editors", 1)[1].split("\n## ", 1)[0]
    assert f"]({GUIDE_PATH})" in editors, "README's For editors does not link the guide"
    assert GUIDE.is_file()
