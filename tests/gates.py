"""Quality gates: the judges the site must satisfy, as reusable test helpers.

- `broken_links(site_dir)`: every internal link and asset resolves (from htmlpage).
- `validate_html(site_dir)`: the W3C Nu HTML Checker (npm `vnu-jar`) finds no error.
- `browser_check(browser, url)`: a page loads in Chromium with no console error,
  no uncaught exception and no failed request (the favicon included).
- `axe_check(page)`: axe-core finds no serious or critical accessibility violation.

Fixtures (imported by conftest.py): `browser`, one headless Chromium for the whole
session, and `http_server`, which serves a folder over HTTP at the root or under
the sub-path /ictdigest/, the way GitHub Pages serves a project site.

A missing tool skips its tests with a reason that says what to install, unless
the environment sets REQUIRE_BROWSER=1 (as .ci/run does): then it is a failure.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from htmlpage import broken_links  # noqa: F401  (the link gate, re-exported)

REPO = Path(__file__).resolve().parent.parent

CHROMIUM = os.environ.get("CHROMIUM", "/usr/lib/chromium/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]

# Where .ci/run installs the checker (`npm install --prefix .cache/npm vnu-jar`; git-ignored).
VNU_DIST = "node_modules/vnu-jar/build/dist/vnu.jar"
VNU_PLACES = [REPO / ".cache/npm" / VNU_DIST, REPO / VNU_DIST,
              Path("/usr/local/lib") / VNU_DIST, Path("/usr/lib") / VNU_DIST]

SUB_PATH = "/ictdigest/"

# The CMS script as .ci/run installs it (`npm install --prefix .cache/npm @sveltia/cms@…`).
SVELTIA_JS = REPO / ".cache/npm/node_modules/@sveltia/cms/dist/sveltia-cms.js"


# --- tools and skipping ------------------------------------------------------

def find_vnu_jar() -> Path | None:
    """vnu.jar from $VNU_JAR, else from the places npm installs it to."""
    if os.environ.get("VNU_JAR"):
        path = Path(os.environ["VNU_JAR"])
        return path if path.is_file() else None
    return next((p for p in VNU_PLACES if p.is_file()), None)


def _find_chromium() -> str | None:
    return CHROMIUM if os.access(CHROMIUM, os.X_OK) else None


def _find_module(name: str):
    return lambda: name if importlib.util.find_spec(name) is not None else None


TOOLS = {  # name -> (how to find it, what to install when it is missing)
    "chromium": (_find_chromium, "apt-get install chromium (or set CHROMIUM to its binary)"),
    "java": (lambda: shutil.which("java"), "apt-get install default-jre-headless"),
    "vnu.jar": (find_vnu_jar, "npm install --prefix .cache/npm vnu-jar (or set VNU_JAR)"),
    "playwright": (_find_module("playwright"), "pip install -r requirements-dev.txt"),
    "sveltia-cms.js": (lambda: SVELTIA_JS if SVELTIA_JS.is_file() else None,
                       "npm install --prefix .cache/npm @sveltia/cms@<SVELTIA_VERSION of "
                       "digest/outputs/cms.py> (as .ci/run does)"),
    "axe_playwright_python": (_find_module("axe_playwright_python"),
                              "pip install -r requirements-dev.txt"),
    # The yearly PDF editions: WeasyPrint, which loads Pango (a system library).
    "weasyprint": (lambda: "weasyprint" if not _weasyprint_error() else None,
                   "apt-get install libpango-1.0-0 libpangoft2-1.0-0, then "
                   "pip install -r requirements-dev.txt"),
    "pypdf": (_find_module("pypdf"), "pip install -r requirements-dev.txt"),
}


def _weasyprint_error() -> str:
    from digest.render.pdf import weasyprint_error
    return weasyprint_error()


def browser_required() -> bool:
    return os.environ.get("REQUIRE_BROWSER", "") not in ("", "0")


def require_tool(name: str, reason: str | None = None):
    """The tool's path (or module name); skip the test if it is missing.

    Under REQUIRE_BROWSER=1 a missing tool fails the test instead: in CI a gate
    that silently skips is a gate that is not there.
    """
    finder, install = TOOLS[name]
    found = finder()
    if found:
        return found
    message = f"{name} not found — {reason or install}"
    if browser_required():
        pytest.fail(f"{message} (REQUIRE_BROWSER=1: missing tools are failures)", pytrace=False)
    pytest.skip(message)


# --- the W3C Nu HTML Checker -------------------------------------------------

@dataclass
class NuResult:
    checked: list[str]   # the HTML files the checker read
    errors: list[str]    # "file":line.col-line.col: error: message


def run_vnu(target: Path) -> NuResult:
    """Run the Nu checker over every HTML file under `target` (a folder or a file)."""
    java = require_tool("java")
    jar = require_tool("vnu.jar")
    run = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--skip-non-html", "--format", "gnu",
         "--verbose", str(target)], capture_output=True, text=True, timeout=300)
    errors = [line for line in run.stderr.splitlines() if ": error" in line or ": fatal" in line]
    if run.returncode != 0 and not errors:
        raise RuntimeError(f"vnu.jar failed (exit {run.returncode}): {run.stderr.strip()}")
    checked = [line for line in run.stdout.splitlines() if line.strip()]
    return NuResult(checked, errors)


def validate_html(target: Path) -> list[str]:
    """The Nu checker's errors for every HTML file under `target`."""
    return run_vnu(target).errors


# --- a local HTTP server -----------------------------------------------------

@dataclass
class Server:
    """A folder served over HTTP; `requests` records (path, status) of every request."""

    directory: Path
    prefix: str = "/"
    requests: list[tuple[str, int]] = field(default_factory=list)
    httpd: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{self.prefix}"

    def errors_since(self, start: int) -> list[tuple[str, int]]:
        return [(path, status) for path, status in self.requests[start:] if status >= 400]


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A browser that hangs up mid-answer (it navigated away) is no error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(SimpleHTTPRequestHandler):
    server_record: Server  # set per server

    def translate_path(self, path: str) -> str:
        """Serve the folder under the prefix only: outside it every path is a 404."""
        prefix = self.server_record.prefix
        clean = urlsplit(path).path
        if not clean.startswith(prefix):
            return str(self.server_record.directory / ".not-served" / "x")
        return super().translate_path("/" + clean[len(prefix):])

    def log_request(self, code="-", size="-") -> None:
        self.server_record.requests.append((unquote(urlsplit(self.path).path), int(code)))

    def log_message(self, *args) -> None:  # keep the test output clean
        pass


_SERVERS: dict[str, Server] = {}  # base URL -> server, so browser_check finds its log


@contextmanager
def serve(directory: Path, prefix: str = "/"):
    """Serve `directory` on 127.0.0.1 (a free port) at `prefix`, in a thread."""
    record = Server(Path(directory), prefix)
    handler = type("Handler", (_Handler,), {"server_record": record})
    record.httpd = _QuietServer(("127.0.0.1", 0),
                                functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=record.httpd.serve_forever, daemon=True)
    thread.start()
    _SERVERS[record.url] = record
    try:
        yield record
    finally:
        _SERVERS.pop(record.url, None)
        record.httpd.shutdown()
        record.httpd.server_close()
        thread.join()


@pytest.fixture(scope="session")
def http_server():
    """`http_server(folder)` -> Server at the root; `http_server(folder, SUB_PATH)` under
    /ictdigest/. One server per (folder, prefix), stopped at the end of the session."""
    servers, stack = {}, []

    def start(directory: Path, prefix: str = "/") -> Server:
        key = (str(directory), prefix)
        if key not in servers:
            context = serve(directory, prefix)
            servers[key] = context.__enter__()
            stack.append(context)
        return servers[key]

    yield start
    for context in reversed(stack):
        context.__exit__(None, None, None)


# --- the browser -------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (the system's, never a downloaded one) for the session."""
    require_tool("playwright")
    executable = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@dataclass
class BrowserReport:
    url: str
    console: list[str] = field(default_factory=list)   # console errors, uncaught exceptions
    failed: list[str] = field(default_factory=list)    # failed requests, HTTP errors
    h1: str = ""
    failed_paths: set[str] = field(default_factory=set)

    def fail(self, url: str, what: str) -> None:
        path = unquote(urlsplit(url).path)
        if path not in self.failed_paths:
            self.failed_paths.add(path)
            self.failed.append(f"{what}: {url}")

    @property
    def problems(self) -> list[str]:
        return [f"{self.url}: {p}" for p in self.console + self.failed]


def watch(page, report: BrowserReport) -> None:
    """Record what goes wrong on `page` into `report`."""
    page.on("console", lambda m: m.type == "error" and report.console.append(
        f"console error: {m.text}"))
    page.on("pageerror", lambda e: report.console.append(f"uncaught exception: {e}"))
    page.on("requestfailed", lambda r: _cancelled(r) or report.fail(
        r.url, f"request failed ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and report.fail(r.url, f"HTTP {r.status}"))


def _cancelled(request) -> bool:
    """A request the browser dropped because the page moved on (e.g. a click on a
    link while the icon was loading): not a fault. A missing file shows as
    net::ERR_FILE_NOT_FOUND from disk and as an HTTP status from a server."""
    return request.failure == "net::ERR_ABORTED"


def _server_of(url: str) -> Server | None:
    return next((s for base, s in _SERVERS.items() if url.startswith(base.rstrip("/"))), None)


def _icon_href(page) -> str | None:
    return page.evaluate("() => { const l = document.querySelector('link[rel~=icon]');"
                         " return l ? l.href : null; }")


@contextmanager
def open_page(browser, url: str):
    """A fresh page (own context, so no cache) at `url`, watched for problems."""
    context = browser.new_context()
    page = context.new_page()
    report = BrowserReport(url)
    watch(page, report)
    try:
        page.goto(url, wait_until="load")
        yield page, report
    finally:
        context.close()


def browser_check(browser, url: str, icon_wait: float = 3.0) -> BrowserReport:
    """Load `url` in Chromium and report console errors and failed requests.

    Chromium fetches the favicon outside the page, where Playwright does not see
    it, so over HTTP the request is read from the server's log; from file:// the
    page must declare an icon that exists (else the browser asks for /favicon.ico).
    """
    server = _server_of(url)
    start = len(server.requests) if server else 0
    with open_page(browser, url) as (page, report):
        report.h1 = " ".join(page.locator("h1").first.inner_text().split()) \
            if page.locator("h1").count() else ""
        icon = _icon_href(page)
        if server:
            icon_path = urlsplit(icon).path if icon else "/favicon.ico"
            deadline = time.monotonic() + icon_wait
            while time.monotonic() < deadline and not any(
                    path == unquote(icon_path) for path, _ in server.requests[start:]):
                time.sleep(0.02)
            page.wait_for_timeout(50)  # let late console messages arrive
            for path, status in server.errors_since(start):
                report.fail(path, f"HTTP {status} (server log)")
        elif icon is None:
            report.fail("/favicon.ico", "no <link rel=icon>, so the browser requests")
        elif icon.startswith("file:") and not Path(unquote(urlsplit(icon).path)).is_file():
            report.fail(icon, "icon missing")
    return report


def follow(page, link, report: BrowserReport) -> str:
    """Click `link`, wait for the page it names, and return the new page's h1."""
    target = urljoin(page.url, link.get_attribute("href"))
    link.click()
    page.wait_for_url(target)
    page.wait_for_load_state("load")
    return " ".join(page.locator("h1").first.inner_text().split())


# --- accessibility -----------------------------------------------------------

SERIOUS = ("serious", "critical")


def axe_check(page) -> list[str]:
    """axe-core's violations of serious or critical impact on the loaded page."""
    require_tool("axe_playwright_python")
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{page.url}: {v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] if n.get("target") else "?" for n in v["nodes"][:5])
            for v in results.response["violations"] if v.get("impact") in SERIOUS]
