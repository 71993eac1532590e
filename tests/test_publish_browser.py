"""The published site in headless Chromium, served as GitHub Pages serves it.

The site is built with --base-url https://example.github.io/ictdigest/ and
then loaded over HTTP under the sub-path /ictdigest/, at the root of a
server, and from file://. A page passes when no request fails, nothing goes
to the network, the console stays clean, the stylesheet applies, and the
reader gets around by clicking links. The 404 page is loaded at a deep
missing address and must be styled, with links that work.

The local server (127.0.0.1 only) answers a missing path with 404.html and
status 404, as GitHub Pages does. Requests for the published host
(example.github.io), which only the 404 page makes, are answered from that
same server, so absolute links are exercised without any network.

The browser is the session's one Chromium from tests/gates.py, which skips
(or, with REQUIRE_BROWSER=1, fails) when Playwright or Chromium is missing.
"""

from __future__ import annotations

import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import FIXTURES, Project

PUBLISHED = "https://example.github.io/ictdigest/"
TITLE = "Bản tin thử nghiệm"
HOME_H1 = "Kết quả và nhiệm vụ của các Sở Thông tin và Truyền thông"  # the header names the site
HEADER_BLUE = "rgb(7, 63, 98)"  # .site-header background: the stylesheet applied


# --- a GitHub Pages-like server ----------------------------------------------

class PagesHandler(SimpleHTTPRequestHandler):
    """Serves the site under `prefix`; anything missing gets 404.html with status 404."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if path + "/" == self.prefix:
            path = self.prefix  # '/ictdigest' -> the site root (then redirected to '/ictdigest/')
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__not_in_this_site__")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server:
    def __init__(self, site: Path, prefix: str):
        handler = type("Handler", (PagesHandler,), {"prefix": prefix})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


# --- fixtures ------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = Project(tmp_path_factory.mktemp("browser"))
    shutil.copytree(FIXTURES / "content", project.content)
    (project.root / "seeds").mkdir()
    project.write_config(title=TITLE)
    assert project.build("--base-url", PUBLISHED) == 0
    return project.site


@pytest.fixture(scope="module")
def servers(site):
    sub, root = Server(site, "/ictdigest/"), Server(site, "/")
    yield {"sub": sub, "root": root}
    sub.close()
    root.close()


# `browser` is the session's one Chromium, from tests/gates.py (via conftest.py).


class Watched:
    """A browser tab that records every failed request and console error."""

    def __init__(self, browser, servers):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.allowed_404: set[str] = set()
        self.local = servers["sub"].url  # what answers for the published host
        self.context.route("**/*", self._route)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", self._failed)
        self.page.on("response", self._response)

    def _route(self, route):
        url = route.request.url
        if url.startswith(PUBLISHED):
            route.fulfill(response=route.fetch(url=self.local + url[len(PUBLISHED):]))
        elif url.startswith(("http://127.0.0.1:", "file://", "data:")):
            route.continue_()
        else:
            self.problems.append(f"network request: {url}")
            route.abort()

    def _failed(self, request):
        # ERR_ABORTED is a request the browser itself gave up, when the test moved on
        # to the next page (a slow favicon, on a busy machine); a request the site
        # makes in vain fails otherwise (route.abort above: ERR_FAILED; a 404: _response).
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"failed: {request.url} {request.failure}")

    def _console(self, message):
        if message.type != "error":
            return
        where = message.location.get("url")
        if where in self.allowed_404 and message.text.startswith("Failed to load resource"):
            return  # Chromium logs a page's own 404 status; expected on the 404 page
        self.problems.append(f"console: {message.text} ({where})")

    def _response(self, response):
        if response.status >= 400 and response.url not in self.allowed_404:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def h1(self) -> str:
        return " ".join(self.page.locator("h1").inner_text().split())

    def styled(self) -> bool:
        color = self.page.eval_on_selector(".site-header", "e => getComputedStyle(e).backgroundColor")
        return color == HEADER_BLUE

    def click(self, name: str, within: str = "body") -> None:
        link = self.page.locator(within).get_by_role("link", name=name, exact=True).first
        with self.page.expect_navigation():
            link.click()

    def close(self):
        self.context.close()


@pytest.fixture
def tab(browser, servers):
    watched = Watched(browser, servers)
    yield watched
    watched.close()


def walk(tab: Watched, start: str) -> list[str]:
    """Read the site as a person would, by clicking; returns the addresses visited."""
    page, seen = tab.page, []

    def here(h1: str):
        page.wait_for_load_state("load")
        assert tab.h1() == h1, page.url
        assert tab.styled(), f"{page.url}: the stylesheet did not apply"
        seen.append(page.url)

    page.goto(start)
    here(HOME_H1)
    tab.click("Các tỉnh", "header")
    here("Các tỉnh")
    tab.click("Lạng Sơn", "main")
    here("Lạng Sơn")
    tab.click("Lạng Sơn tổng kết năm 2018", "main")
    here("Lạng Sơn tổng kết năm 2018")
    tab.click("2018", ".meta")
    here("Năm 2018")
    tab.click("Dòng thời gian", "header")
    here("Dòng thời gian")
    tab.click(TITLE, "header")
    here(HOME_H1)
    tab.click("tải toàn bộ dữ liệu", "main")
    here("Dữ liệu")
    assert page.locator("main a[href='figures.csv']").count() == 1
    return seen


# --- the tests -------------------------------------------------------------------

def test_site_under_the_sub_path(tab, servers):
    seen = walk(tab, servers["sub"].url)
    assert all(url.startswith(servers["sub"].url) for url in seen)
    assert tab.problems == []


def test_site_at_the_root(tab, servers):
    seen = walk(tab, servers["root"].url + "index.html")
    assert all(url.startswith(servers["root"].url) for url in seen)
    assert tab.problems == []


def test_site_from_disk(tab, site):
    seen = walk(tab, (site / "index.html").as_uri())
    assert all(url.startswith("file://") for url in seen)
    assert tab.problems == []


@pytest.mark.parametrize("where", ["local", "published"])
def test_404_page_at_a_deep_path_is_styled_and_its_links_work(tab, servers, where, tmp_path):
    base = servers["sub"].url if where == "local" else PUBLISHED
    missing = base + "a/b/c/missing"
    tab.allowed_404.add(missing)
    response = tab.page.goto(missing)
    assert response.status == 404
    assert tab.h1() == "Không tìm thấy trang"
    assert tab.styled(), "404 page without its stylesheet"
    icon = tab.page.evaluate("() => document.querySelector('link[rel=icon]').href")
    assert tab.page.request.get(icon).ok if icon.startswith("http://") else icon.startswith(PUBLISHED)
    tab.page.screenshot(path=str(tmp_path / "404.png"), full_page=True)
    tab.click("Các tỉnh", "main")
    assert tab.h1() == "Các tỉnh" and tab.styled()
    tab.page.go_back()
    tab.click("Trang chủ", "main")
    assert tab.h1() == HOME_H1 and tab.styled()
    assert tab.problems == []
