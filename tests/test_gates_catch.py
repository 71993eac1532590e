"""Each gate, fed a small hand-made page with its fault, reports it.

Every test loads a clean twin of the faulty page too and expects no report,
so the failure is the fault's and not the page's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import gates
from gates import SUB_PATH, axe_check, broken_links, browser_check, follow, open_page, \
    validate_html

ICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4">'
        '<rect width="4" height="4" fill="#0b5c8e"/></svg>')


def page(body: str, head: str | None = None, root: str = "") -> str:
    """A small valid page; `root` leads from its folder to the site's root."""
    if head is None:
        head = f'<link rel="icon" href="{root}icon.svg" type="image/svg+xml">'
    return ("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>Gate test</title>\n{head}\n</head>\n"
            f"<body>\n<main>\n<h1>Gate test</h1>\n{body}\n</main>\n</body>\n</html>\n")


def write_site(folder: Path, pages: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "icon.svg").write_text(ICON, encoding="utf-8")
    for name, html in pages.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return folder


# --- links -------------------------------------------------------------------

def test_link_check_catches_a_broken_link_and_a_missing_anchor(tmp_path):
    site = write_site(tmp_path / "good", {
        "index.html": page('<p><a href="sub/other.html#part">other</a></p>'),
        "sub/other.html": page('<p id="part"><a href="../index.html">home</a></p>', root="../")})
    assert broken_links(site) == []

    site = write_site(tmp_path / "bad", {
        "index.html": page('<p><a href="sub/missing.html">gone</a> '
                           '<a href="sub/other.html#nowhere">anchor</a></p>'),
        "sub/other.html": page('<p><img src="../pic.png" alt="a picture"></p>', root="../")})
    assert sorted(broken_links(site)) == [
        "index.html: a sub/missing.html -> missing file",
        "index.html: sub/other.html#nowhere -> no id 'nowhere'",
        "sub/other.html: img ../pic.png -> missing file"]


# --- the Nu HTML Checker -----------------------------------------------------

def test_vnu_catches_an_invalid_element(tmp_path):
    site = write_site(tmp_path / "site", {
        "good.html": page("<p>Fine <strong>text</strong>.</p>"),
        "bad.html": page("<frobnicate>not an element</frobnicate><p><div>block in p</div></p>")})
    errors = validate_html(site)
    assert errors, "the checker found nothing"
    assert all("bad.html" in e for e in errors), errors
    assert any("frobnicate" in e for e in errors), errors
    assert any("“p”" in e for e in errors), errors  # the stray </p> the <div> leaves behind


# --- the browser -------------------------------------------------------------

SCRIPT_ERROR = "<script>document.querySelector('h1').notAFunction();</script>"
CONSOLE_ERROR = "<script>console.error('a script reported a problem');</script>"


@pytest.mark.parametrize("served", ["file", "http"])
def test_browser_catches_a_script_error(browser, http_server, tmp_path, served):
    site = write_site(tmp_path, {"good.html": page("<p>No script.</p>"),
                                 "throws.html": page(SCRIPT_ERROR),
                                 "logs.html": page(CONSOLE_ERROR)})
    base = site.as_uri() + "/" if served == "file" else http_server(site).url

    good = browser_check(browser, base + "good.html")
    assert good.problems == [] and good.h1 == "Gate test"

    throws = browser_check(browser, base + "throws.html")
    assert any("uncaught exception" in p and "notAFunction" in p for p in throws.problems), \
        throws.problems
    logs = browser_check(browser, base + "logs.html")
    assert any("console error: a script reported a problem" in p for p in logs.problems), \
        logs.problems


def test_browser_catches_a_missing_favicon_under_a_sub_path(browser, http_server, tmp_path):
    site = write_site(tmp_path, {"declared.html": page("<p>Icon declared.</p>"),
                                 "undeclared.html": page("<p>No icon.</p>", head=""),
                                 "wrong.html": page("<p>Wrong icon.</p>",
                                                    head='<link rel="icon" href="/icon.svg">')})
    sub = http_server(site, SUB_PATH)
    assert sub.url.endswith("/ictdigest/")
    assert browser_check(browser, sub.url + "declared.html").problems == []

    undeclared = browser_check(browser, sub.url + "undeclared.html")
    assert any("HTTP 404" in p and p.endswith("/favicon.ico") for p in undeclared.problems), \
        undeclared.problems
    # an absolute link works at a domain root and breaks under a sub-path
    assert browser_check(browser, http_server(site).url + "wrong.html").problems == []
    wrong = browser_check(browser, sub.url + "wrong.html")
    assert any("HTTP 404" in p and p.endswith("/icon.svg") for p in wrong.problems), wrong.problems
    # from disk no request is made, so the page itself must name an existing icon
    from_disk = browser_check(browser, (site / "undeclared.html").as_uri())
    assert any("no <link rel=icon>" in p for p in from_disk.problems), from_disk.problems


@pytest.mark.parametrize("served", ["file", "http"])
def test_browser_catches_a_missing_stylesheet(browser, http_server, tmp_path, served):
    site = write_site(tmp_path, {"index.html": page(
        "<p>Styled.</p>", head='<link rel="icon" href="icon.svg"><link rel="stylesheet" '
                               'href="missing.css">')})
    base = site.as_uri() + "/" if served == "file" else http_server(site).url
    report = browser_check(browser, base + "index.html")
    assert any("missing.css" in p for p in report.problems), report.problems


def test_clicking_catches_a_link_to_a_folder_from_disk(browser, tmp_path):
    site = write_site(tmp_path, {
        "index.html": page('<p><a id="file" href="sub/index.html">by file</a> '
                           '<a id="folder" href="sub/">by folder</a></p>'),
        "sub/index.html": page("<p>Below.</p>", root="../").replace("<h1>Gate test", "<h1>Below")})
    with open_page(browser, (site / "index.html").as_uri()) as (tab, report):
        assert follow(tab, tab.locator("#file"), report) == "Below"
        tab.go_back()
        assert follow(tab, tab.locator("#folder"), report) != "Below"  # a directory listing


# --- accessibility -----------------------------------------------------------

def test_axe_catches_an_image_without_alt_text(browser, http_server, tmp_path):
    site = write_site(tmp_path, {
        "good.html": page('<p><img src="icon.svg" alt="Biểu tượng" width="40" height="40"></p>'),
        "bad.html": page('<p><img src="icon.svg" width="40" height="40"></p>')})
    server = http_server(site)
    with open_page(browser, server.url + "good.html") as (tab, _):
        assert axe_check(tab) == []
    with open_page(browser, server.url + "bad.html") as (tab, _):
        violations = axe_check(tab)
    assert any("image-alt (critical)" in v for v in violations), violations


def test_axe_catches_low_colour_contrast(browser, http_server, tmp_path):
    site = write_site(tmp_path, {
        "good.html": page('<p style="color:#4f5b67;background:#fff">Đủ tương phản.</p>'),
        "bad.html": page('<p style="color:#aaaaaa;background:#fff">Quá nhạt.</p>')})
    server = http_server(site)
    with open_page(browser, server.url + "good.html") as (tab, _):
        assert axe_check(tab) == []
    with open_page(browser, server.url + "bad.html") as (tab, _):
        violations = axe_check(tab)
    assert any("color-contrast (serious)" in v for v in violations), violations


# --- skipping ----------------------------------------------------------------

@pytest.fixture
def missing_tool(monkeypatch):
    monkeypatch.setitem(gates.TOOLS, "nothing", (lambda: None, "apt-get install nothing"))
    return "nothing"


def test_a_missing_tool_skips_and_says_what_to_install(missing_tool, monkeypatch):
    monkeypatch.delenv("REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="nothing not found — apt-get install nothing"):
        gates.require_tool(missing_tool)
    with pytest.raises(pytest.skip.Exception, match="— build it yourself"):
        gates.require_tool(missing_tool, "build it yourself")


def test_a_missing_tool_fails_under_require_browser(missing_tool, monkeypatch):
    monkeypatch.setenv("REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="apt-get install nothing.*REQUIRE_BROWSER=1"):
        gates.require_tool(missing_tool)


def test_vnu_jar_is_found_from_the_environment(monkeypatch, tmp_path):
    jar = tmp_path / "vnu.jar"
    monkeypatch.setenv("VNU_JAR", str(jar))
    assert gates.find_vnu_jar() is None
    jar.write_bytes(b"PK")
    assert gates.find_vnu_jar() == jar
