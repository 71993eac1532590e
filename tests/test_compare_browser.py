"""In Chromium: no page of any kind is wider than a 360 px phone, and print keeps
tables and charts whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_gates_site import build_fixture_site, build_real_site

PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    return build_fixture_site(tmp_path_factory.mktemp("phone-site"))


@pytest.fixture(scope="module", params=["fixture", "content"])
def any_site(request, tmp_path_factory, fixture_site) -> Path:
    """The fixture site, and the repository's own content/ (its real, long texts)."""
    if request.param == "fixture":
        return fixture_site
    return build_real_site(tmp_path_factory.mktemp("phone-content"))


def test_no_page_is_wider_than_a_360_px_phone(any_site, browser):
    pages = sorted(any_site.rglob("*.html"))
    assert len(pages) > 30
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    too_wide = []
    try:
        for path in pages:
            page.goto(path.as_uri(), wait_until="load")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide.append(f"{path.relative_to(any_site)}: {width} px")
    finally:
        context.close()
    assert too_wide == []


def test_the_checker_catches_a_page_that_scrolls_sideways(fixture_site, browser, tmp_path):
    """The measure above can fail: a fixed 500 px box makes the page scroll."""
    wide = tmp_path / "wide.html"
    wide.write_text('<!doctype html><html lang="vi"><meta name="viewport" '
                    'content="width=device-width"><div style="width:500px">x</div></html>')
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(wide.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]
    context.close()


def test_print_keeps_tables_and_charts_whole(fixture_site, browser):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.emulate_media(media="print")
        for rel, selector in (("nam/2019/index.html", ".table-scroll"),
                              ("tinh/bac-giang/index.html", "figure.chart-figure"),
                              ("index.html", "figure.chart-figure")):
            page.goto((fixture_site / rel).as_uri())
            styles = page.eval_on_selector_all(
                selector, "els => els.map(e => [getComputedStyle(e).breakInside,"
                          " getComputedStyle(e).overflowX])")
            assert styles and all(s == ["avoid", "visible"] for s in styles), (rel, styles)
    finally:
        context.close()
