"""`--version`, the version the site carries, and the preview's log in both languages
(issue 23)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading

import feedparser

import build
from conftest import REPO
from digest import __version__
from test_messages_every_command import project, words


def test_version_is_printed_from_the_one_place_in_the_code(capsys):
    try:
        build.main(["--version"])
    except SystemExit as done:
        assert done.code == 0
    assert capsys.readouterr().out.strip() == f"build.py {__version__}"
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{__version__}]" in changelog


def test_pages_and_feeds_name_the_version_that_built_them(built):
    home = (built.site / "index.html").read_text(encoding="utf-8")
    assert f'<meta name="generator" content="ICT Digest {__version__}">' in home
    feed = feedparser.parse((built.site / "feed.xml").read_bytes())
    assert feed.feed.generator_detail.version == __version__


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def preview_log(root, lang: str) -> str:
    """What `serve` prints up to its first "serving" line, then after a save."""
    env = {**os.environ, "DIGEST_LANG": lang}
    proc = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--port",
                             str(free_port())], cwd=root, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines = []
    watchdog = threading.Timer(30, proc.kill)  # a preview that never says it: the test fails
    watchdog.start()
    try:
        for line in proc.stdout:
            lines.append(line)
            if "127.0.0.1" in line:
                break
        page = root / "content" / "dak-lak-2020.md"
        page.write_text(page.read_text(encoding="utf-8").replace("date:", "date: x", 1),
                        encoding="utf-8")
        for line in proc.stdout:  # what it says of the save, up to the error it found
            lines.append(line)
            if "dak-lak-2020.md:" in line:
                break
    finally:
        watchdog.cancel()
        proc.terminate()
        proc.wait(timeout=10)
    return "".join(lines)


def test_the_preview_log_is_vietnamese_by_default(tmp_path):
    english = preview_log(project(tmp_path / "en", "good"), "en")
    vietnamese = preview_log(project(tmp_path / "vi", "good"), "vi")
    assert "Previewing at http://127.0.0.1:" in english
    english_lines = {words(line) for line in english.splitlines()} - {""}
    untranslated = [line for line in vietnamese.splitlines()
                    if words(line) and words(line) in english_lines]
    assert untranslated == [] and len(vietnamese.splitlines()) >= 4, vietnamese
