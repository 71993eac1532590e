"""Every command speaks Vietnamese by default (issue 23): each is run on broken and
on good content, in Vietnamese and in English, and no line of the Vietnamese run
may still be English (a line equal to one of the English run's, once paths,
numbers, quoted values, options and commands are set aside)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import build
from conftest import FIXTURES, REPO

BROKEN = FIXTURES / "broken"
# What stays as typed in every language: paths, numbers, quoted text, `code`,
# options and their values, addresses, YAML keys before a colon.
AS_TYPED = re.compile(r"""(`[^`]*`|"[^"]*"|“[^”]*”|'[^']*'|https?://\S+|\S*[/\\]\S*|\S+\.(md|txt|yaml|html|xml|json|js|csv)\b|--?[a-z][\w-]*|\{[^}]*\}|\[[^\]]*\]|\b[A-Z][A-Z_-]+\b|\b[a-z_]+:|\d[\d.,:]*)""")
WORD = re.compile(r"[^\W\d_]{2,}")


def words(line: str) -> str:
    """The words of a line that a translation must change."""
    return " ".join(WORD.findall(AS_TYPED.sub(" ", line)))


def project(tmp_path: Path, kind: str) -> Path:
    root = tmp_path / kind
    if kind == "broken":
        shutil.copytree(BROKEN, root)
    else:
        shutil.copytree(FIXTURES / "content", root / "content")
        shutil.copytree(BROKEN / "seeds", root / "seeds")
    (root / "config.yaml").write_text(f"templates_dir: {str(REPO / 'templates')!r}\n",
                                      encoding="utf-8")
    return root


def run(tmp_path: Path, monkeypatch, capsys, lang: str, kind: str, args: list[str]) -> str:
    root = project(tmp_path / lang, kind)
    monkeypatch.setenv("DIGEST_LANG", lang)
    monkeypatch.chdir(root)
    capsys.readouterr()
    try:
        build.main(args)
    except SystemExit:  # --help, and argparse's errors
        pass
    captured = capsys.readouterr()
    return captured.out + captured.err


COMMANDS = [
    ("broken", ["check"]), ("broken", ["check", "--format", "github"]), ("broken", ["build"]),
    ("broken", ["build", "--no-import"]), ("good", ["build"]), ("good", ["check"]),
    ("good", ["import"]), ("good", ["new", "Trang thử", "--province", "Sơn La",
                                    "--review-year", "2023"]),
    ("good", ["new", "Trang thử", "--province", "Sơn Laa"]),
    ("good", ["--help"]), ("good", ["build", "--help"]), ("good", ["check", "--help"]),
    ("good", ["import", "--help"]), ("good", ["new", "--help"]), ("good", ["serve", "--help"]),
    ("good", ["--nonsense"]), ("good", ["check", "--format", "yaml"]),
]


@pytest.mark.parametrize("kind, args", COMMANDS, ids=[" ".join(a) for _, a in COMMANDS])
def test_no_line_of_a_vietnamese_run_is_still_english(tmp_path, monkeypatch, capsys, kind, args):
    english = run(tmp_path, monkeypatch, capsys, "en", kind, args)
    vietnamese = run(tmp_path, monkeypatch, capsys, "vi", kind, args)
    assert english.strip() and vietnamese.strip()
    english_lines = {words(line) for line in english.splitlines()} - {""}
    untranslated = [line for line in vietnamese.splitlines()
                    if words(line) and words(line) in english_lines]
    assert untranslated == [], "\n".join(untranslated)


def test_json_problems_carry_the_same_codes_in_every_language(tmp_path, monkeypatch, capsys):
    runs = {lang: json.loads(run(tmp_path, monkeypatch, capsys, lang, "broken",
                                 ["check", "--format", "json"])) for lang in ("en", "vi")}
    en, vi = runs["en"]["problems"], runs["vi"]["problems"]
    assert len(en) == len(vi) > 10
    assert [(p["file"], p["line"], p["code"]) for p in en] == \
        [(p["file"], p["line"], p["code"]) for p in vi]
    assert all(p["code"] and re.fullmatch(r"[a-z]+(-[a-z]+)*", p["code"]) for p in en)
    assert all(words(a["message"]) != words(b["message"]) for a, b in zip(en, vi))


def test_the_file_and_line_stay_as_they_are_in_vietnamese(tmp_path, monkeypatch, capsys):
    english = run(tmp_path, monkeypatch, capsys, "en", "broken", ["check"])
    vietnamese = run(tmp_path, monkeypatch, capsys, "vi", "broken", ["check"])
    where = re.compile(r"(content/[\w-]+\.md(?::\d+)?): ")
    assert where.findall(english) == where.findall(vietnamese) != []
