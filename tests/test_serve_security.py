"""The preview server follows config.yaml when it moves the folders, and answers
only its own address and pages (digest/serve_guard.py). Every test sends real
requests to a running `python build.py serve`."""

from __future__ import annotations

import base64
import http.client
import os
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, REPO, Project
from test_serve import ARTICLE, SOURCE, fetch, free_port, server, up, wait_for  # noqa: F401

FOREIGN = "http://evil.example"


def replace(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def shows(port: int, text: str) -> bool:
    return text in fetch(port, ARTICLE)[1]


def test_config_moving_the_output_folder_serves_the_new_one(project, server):
    port = free_port()
    proc = server(port)
    wait_for(lambda: up(port), 20)
    project.write_config(title="Bản tin đã dời", output_dir="site2")
    wait_for(lambda: shows(port, "Bản tin đã dời"), 10)
    replace(project.content / SOURCE, "Chiều 13/1", "Chiều thứ Ba 13/1")  # a quick rebuild
    wait_for(lambda: shows(port, "Chiều thứ Ba 13/1"), 5)
    assert "Chiều thứ Ba 13/1" in (project.root / "site2" / ARTICLE).read_text(encoding="utf-8")
    old = (project.site / ARTICLE).read_text(encoding="utf-8")
    assert "Bản tin đã dời" not in old and "thứ Ba" not in old  # nothing built into it
    proc.terminate()
    said = proc.communicate(timeout=10)[0]
    assert "config.yaml moved folders (output_dir site → site2) — the preview now watches" in said


def test_config_moving_the_content_folder_watches_the_new_one(project, server):
    port = free_port()
    server(port)
    wait_for(lambda: up(port), 20)
    moved = project.root / "content2"
    shutil.copytree(project.content, moved)
    replace(moved / SOURCE, "Chiều 13/1", "Chiều thứ Ba 13/1")
    project.write_config(title="Bản tin thử nghiệm", content_dir="content2")
    wait_for(lambda: shows(port, "Chiều thứ Ba 13/1"), 10)
    replace(moved / SOURCE, "Chiều thứ Ba 13/1", "Chiều thứ Tư 13/1")
    wait_for(lambda: shows(port, "Chiều thứ Tư 13/1"), 5)
    replace(project.content / SOURCE, "Chiều 13/1", "Chiều thứ Năm 13/1")  # no longer read
    replace(moved / SOURCE, "Chiều thứ Tư 13/1", "Chiều thứ Sáu 13/1")
    wait_for(lambda: shows(port, "Chiều thứ Sáu 13/1"), 5)
    assert not shows(port, "thứ Năm")


def start_preview(root, *args: str):
    """`build.py serve` of a copy of the fixture site in `root`; its process and port."""
    project = Project(root)
    shutil.copytree(FIXTURES / "content", project.content)
    (project.root / "seeds").mkdir()
    project.write_config(title="Bản tin thử nghiệm")
    chosen = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    env["DIGEST_LANG"] = "en"  # in English like every test: a module's fixture precedes conftest's
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--config", str(project.config),
         "--port", str(chosen), *args],
        cwd=project.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wait_for(lambda: up(chosen), 20)
    return proc, chosen


def stop(proc) -> None:
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    """One preview of the fixture site for the module's tests, which change nothing."""
    proc, chosen = start_preview(tmp_path_factory.mktemp("guarded"))
    yield chosen
    stop(proc)


def request(port: int, path: str, host: str | None, **headers: str) -> tuple[int, str]:
    """Status and body of a GET sent with exactly this Host header (None: none at all)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.putrequest("GET", "/" + path, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            conn.putheader("Host", host)
        for name, value in headers.items():
            conn.putheader(name.replace("_", "-"), value)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def websocket(port: int, host: str, **headers: str) -> int:
    """The status of a websocket handshake to /livereload (101: accepted)."""
    key = base64.b64encode(os.urandom(16)).decode()
    return request(port, "livereload", host, Upgrade="websocket", Connection="Upgrade",
                   Sec_WebSocket_Key=key, Sec_WebSocket_Version="13", **headers)[0]


OWN_HOSTS = ["localhost:{port}", "127.0.0.1:{port}", "[::1]:{port}", "LOCALHOST:{port}",
             "localhost"]
FOREIGN_HOSTS = ["evil.example", "evil.example:{port}", "localhost.evil.example",
                 "127.0.0.1.evil.example:{port}", "127.0.0.2:{port}", ""]


@pytest.mark.parametrize("path, status", [("", 200), (ARTICLE, 200), ("livereload.js", 200),
                                          ("forcereload", 200), ("nothing-here", 404)])
def test_dns_rebinding_only_the_preview_own_host_is_answered(port, path, status):
    for host in OWN_HOSTS:
        assert request(port, path, host.format(port=port))[0] == status, host
    for host in FOREIGN_HOSTS:
        refused, text = request(port, path, host.format(port=port))
        assert refused == 403, host
        assert "not this preview's address — open the preview at http://127.0.0.1:" in text
        assert "<" not in text  # plain text, which no page can run


def test_dns_rebinding_a_foreign_host_cannot_open_the_live_reload_websocket(port):
    assert websocket(port, f"127.0.0.1:{port}", Origin=f"http://127.0.0.1:{port}") == 101
    assert websocket(port, "evil.example", Origin=FOREIGN) == 403
    assert websocket(port, f"evil.example:{port}", Origin=f"http://evil.example:{port}") == 403


def test_live_reload_websocket_accepts_only_the_preview_own_pages_as_origin(port):
    assert websocket(port, f"127.0.0.1:{port}", Origin=f"http://127.0.0.1:{port}") == 101
    assert websocket(port, f"localhost:{port}", Origin=f"http://localhost:{port}",
                     Sec_Fetch_Site="same-origin") == 101
    assert websocket(port, f"127.0.0.1:{port}", Origin=FOREIGN) == 403
    assert websocket(port, f"127.0.0.1:{port}", Origin=f"http://localhost:{port}") == 403
    assert websocket(port, f"127.0.0.1:{port}", Origin="null") == 403


def test_forcereload_answers_only_the_preview_own_pages_and_tools(port):
    own = [{}, {"Origin": f"http://localhost:{port}"}, {"Sec_Fetch_Site": "same-origin"},
           {"Sec_Fetch_Site": "none"}]  # none: typed in the address bar
    for headers in own:
        assert request(port, "forcereload", f"localhost:{port}", **headers) == (200, "ok")
    foreign = [{"Origin": FOREIGN}, {"Sec_Fetch_Site": "cross-site"},
               {"Sec_Fetch_Site": "same-site"},  # another port of localhost is another origin
               {"Origin": "http://localhost:1", "Sec_Fetch_Site": "same-site"}]
    for headers in foreign:
        status, text = request(port, "forcereload", f"localhost:{port}", **headers)
        assert status == 403 and "live reload answers only the preview's own pages" in text


@pytest.mark.parametrize("host, bound, allowed", [
    ("localhost:8000", "127.0.0.1", True),
    ("[::1]", "::1", True),
    ("myhost.lan:8000", "myhost.lan", True),            # --host names it
    ("192.168.1.5:8000", "0.0.0.0", True),              # bound everywhere: any address...
    ("[fe80::1]:8000", "::", True),
    ("evil.example:8000", "0.0.0.0", False),            # ...but no other name
    ("192.168.1.5:8000", "127.0.0.1", False),
    ("::1", "127.0.0.1", False),                         # not how a Host header writes it
])
def test_dns_rebinding_host_allowed_by_the_bound_address(host, bound, allowed):
    from digest.serve_guard import host_allowed

    assert host_allowed(host, bound) is allowed


def test_dns_rebinding_bound_to_every_interface_any_address_but_no_other_name(tmp_path):
    proc, port = start_preview(tmp_path, "--host", "0.0.0.0")
    try:  # other devices open it by the computer's address, which no one can rebind
        assert request(port, ARTICLE, f"192.168.1.5:{port}")[0] == 200
        assert request(port, ARTICLE, f"localhost:{port}")[0] == 200
        status, text = request(port, ARTICLE, f"evil.example:{port}")
        assert status == 403 and f"open the preview at http://localhost:{port}/" in text
    finally:
        stop(proc)
