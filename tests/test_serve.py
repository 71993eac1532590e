"""`python build.py serve`: live preview, error page, recovery, port handling."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import REPO

ARTICLE = "bai-viet/lang-son-trien-khai-nhiem-vu-nam-2020/index.html"
SOURCE = "lang-son-ke-hoach-2020.md"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def wait_for(predicate, timeout: float) -> float:
    """Seconds until predicate() held; fails the test after `timeout`."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        time.sleep(0.05)
    pytest.fail(f"not seen within {timeout} s")


@pytest.fixture
def server(project):
    procs = []

    def start(port: int) -> subprocess.Popen:
        proc = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "serve", "--config", str(project.config),
             "--port", str(port)],
            cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        procs.append(proc)
        return proc

    yield start
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=10)


def up(port: int) -> bool:
    try:
        return fetch(port, "index.html")[0] in (200, 500)
    except OSError:
        return False


def test_edit_break_and_repair_while_serving(project, server):
    port = free_port()
    server(port)
    wait_for(lambda: up(port), 20)
    status, page = fetch(port, ARTICLE)
    assert status == 200 and "Chiều 13/1" in page
    assert "livereload" in page  # the reload script is injected

    source = project.content / SOURCE
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace("Chiều 13/1", "Chiều thứ Hai 13/1"), encoding="utf-8")
    seconds = wait_for(lambda: "Chiều thứ Hai 13/1" in fetch(port, ARTICLE)[1], 2.0)
    assert seconds < 2.0

    source.write_text(good.replace("date: 2020-01-13", "date: 2020-01-33"), encoding="utf-8")
    wait_for(lambda: fetch(port, ARTICLE)[0] == 500, 2.0)
    status, page = fetch(port, ARTICLE)
    assert f"content/{SOURCE}:3: date: &#34;2020-01-33&#34; is not a valid date" in page \
        or f"content/{SOURCE}:3: date: &quot;2020-01-33&quot; is not a valid date" in page
    other = fetch(port, "tinh/dak-lak/index.html")
    assert other[0] == 200 and "<h1>Đắk Lắk</h1>" in other[1]
    assert (project.site / ARTICLE).is_file()  # the last good page is still on disk

    source.write_text(good, encoding="utf-8")
    wait_for(lambda: fetch(port, ARTICLE)[0] == 200, 2.0)
    assert "Chiều 13/1" in fetch(port, ARTICLE)[1]


def test_a_taken_port_gives_a_message_and_the_next_one(project, server):
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        proc = server(port)
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("Previewing at"):
                break
        text = "".join(lines)
        assert f"Port {port} is in use" in text
        assert "Previewing at http://127.0.0.1:" in text  # bound to this computer only
        served = int(text.split("Previewing at http://127.0.0.1:")[1].split("/")[0])
        assert served != port
        wait_for(lambda: up(served), 20)
