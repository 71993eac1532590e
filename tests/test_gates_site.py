"""Every gate over the built site: links, the Nu checker, Chromium, axe-core.

The site is built twice: from the test fixtures (always) and from the
repository's own content/ (when it has pages). Each page kind is loaded from
disk (file://), over HTTP at a domain root and over HTTP under a sub-path.
"""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest

import build
from conftest import FIXTURES, REPO, Project
from gates import SUB_PATH, axe_check, broken_links, browser_check, follow, open_page, run_vnu
from htmlpage import parse_page

LISTS = {"home": "index.html", "years": "nam/index.html", "provinces": "tinh/index.html",
         "topics": "chu-de/index.html", "timeline": "dong-thoi-gian/index.html",
         "data": "du-lieu/index.html",
         "search": "tim-kiem/index.html?q=s%E1%BB%9F+th%C3%B4ng+tin"}  # results for "sở thông tin"
ONE_OF = {"year": "nam", "province": "tinh", "topic": "chu-de", "article": "bai-viet"}


def build_fixture_site(root: Path) -> Path:
    project = Project(root)
    shutil.copytree(FIXTURES / "content", project.content)
    (root / "seeds").mkdir()
    project.write_config(title="Bản tin thử nghiệm", intro="Giới thiệu <em>thử</em>.",
                         yearbook="auto")  # the year pages link to their PDF editions
    assert project.build() == 0
    return project.site


def build_media_site(root: Path) -> Path:
    """Pages with photos beside them, a shared folder of images and a PDF (issue 24)."""
    project = Project(root)
    shutil.copytree(FIXTURES / "media" / "content", project.content)
    (root / "seeds").mkdir()
    project.write_config(title="Bản tin có ảnh")
    assert project.build() == 0
    return project.site


def build_real_site(root: Path) -> Path:
    if not any((REPO / "content").rglob("*.md")):
        pytest.skip("content/ has no pages yet: only the fixture site is checked")
    site = root / "site"
    assert build.main(["build", "--config", str(REPO / "config.yaml"),
                       "--output", str(site)]) == 0
    return site


SITES = {"fixture": build_fixture_site, "media": build_media_site, "content": build_real_site}


@pytest.fixture(scope="module", params=list(SITES))
def site(request, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp(f"{request.param}-site")
    return SITES[request.param](root)


def sample_pages(site: Path) -> dict[str, str]:
    """One page of each kind; of several, the biggest, as it shows the most."""
    pages = dict(LISTS)
    for kind, folder in ONE_OF.items():
        found = sorted(site.glob(f"{folder}/*/index.html"), key=lambda p: (-p.stat().st_size, p))
        assert found, f"no {kind} page under {folder}/"
        pages[kind] = found[0].relative_to(site).as_posix()
    return pages


def base_url(site: Path, served: str, http_server) -> str:
    if served == "file":
        return site.resolve().as_uri() + "/"
    return http_server(site, SUB_PATH if served == "sub-path" else "/").url


SERVED = ["file", "root", "sub-path"]


def test_every_internal_link_and_asset_resolves(site):
    assert broken_links(site) == []


def test_nu_html_checker_finds_no_error_on_any_page(site):
    result = run_vnu(site)
    assert result.errors == []
    assert len(result.checked) == len(list(site.rglob("*.html")))


@pytest.mark.parametrize("served", SERVED)
def test_every_page_kind_loads_without_errors(site, served, browser, http_server):
    base = base_url(site, served, http_server)
    problems = []
    for kind, rel in sample_pages(site).items():
        report = browser_check(browser, base + rel)
        problems += report.problems
        expected = parse_page(site / rel.split("?")[0]).heading_texts(1)
        assert [report.h1] == expected, f"{kind} {rel}: shown h1 {report.h1!r}"
    assert problems == []


@pytest.mark.parametrize("served", SERVED)
def test_main_links_work_by_clicking(site, served, browser, http_server):
    home = base_url(site, served, http_server) + "index.html"
    with open_page(browser, home) as (page, report):
        title = follow(page, page.locator(".brand"), report)

        nav = page.get_by_role("navigation", name="Điều hướng chính")
        assert follow(page, nav.get_by_role("link", name="Các năm"), report) == "Các năm"
        assert page.url.endswith("/nam/index.html")

        year = page.locator("table.counts a").first
        name = year.inner_text()
        assert follow(page, year, report) == name
        assert name.startswith("Năm ") and page.url.endswith(f"/nam/{name[4:]}/index.html")

        province = page.locator("main h3 a").first
        name = province.inner_text()
        assert follow(page, province, report) == name
        assert "/tinh/" in page.url

        article = page.locator("main a.article-title").first
        name = " ".join(article.inner_text().split())
        assert follow(page, article, report) == name
        assert "/bai-viet/" in page.url

        assert follow(page, page.locator(".breadcrumb a").first, report) == title
        assert page.url == home
        assert report.problems == []


def test_no_serious_accessibility_violation_on_any_page_kind(site, browser, http_server):
    base = http_server(site).url
    violations = []
    for kind, rel in sample_pages(site).items():
        with open_page(browser, base + rel) as (page, _):
            violations += axe_check(page)
    assert violations == []


@pytest.mark.parametrize("served", ["file", "sub-path"])
def test_search_finds_pages_and_leads_to_them(site, served, browser, http_server):
    """A province's name, typed in the header's box with or without diacritics,
    finds that province's pages; Enter opens the first."""
    province = next(p for p in sorted(site.glob("tinh/*/index.html"))
                    if p.parent.name != "chua-xac-dinh")
    name = parse_page(province).heading_texts(1)[0]
    titles = {" ".join(t.split()) for t in _article_titles(province)}
    base = base_url(site, served, http_server)
    with open_page(browser, base + "index.html") as (page, report):
        box = page.get_by_role("combobox", name="Tìm trong bản tin")
        for query in (name, province.parent.name.replace("-", " ")):  # 'Đắk Lắk', 'dak lak'
            box.fill(query)
            page.wait_for_selector("#header-search-list .search-all")
            results = page.locator("#header-search-list .result-title")
            found = {" ".join(t.split()) for t in results.all_inner_texts()}
            assert found & titles, (query, found)
        first = " ".join(results.first.inner_text().split())
        box.press("Enter")
        page.wait_for_url("**/bai-viet/**")
        assert " ".join(page.locator("h1").first.inner_text().split()) == first
        assert report.problems == []


def _article_titles(list_page: Path) -> list[str]:
    html = list_page.read_text(encoding="utf-8")
    return [unescape(t) for t in re.findall(r'class="article-title" href="[^"]+">([^<]*)</a>', html)]
