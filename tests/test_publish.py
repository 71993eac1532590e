"""Publishing: feeds, sitemap, robots.txt, 404 page, data downloads and head tags.

The site is built with --base-url as the GitHub Pages workflow builds it.
The sitemap XSD check needs an outside file (npm `sitemap`); it skips with
the way to install it, unless REQUIRE_TOOLS=1 (or REQUIRE_BROWSER=1) is set,
as in CI, where a missing tool is a failure. The workflow is checked in
test_workflow.py.
"""

from __future__ import annotations

import calendar
import csv
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from conftest import REPO
from htmlpage import broken_links, is_internal, site_pages
from test_site import fixture_pages

from digest.util.text import slugify

BASE = "https://example.github.io/ictdigest/"
REQUIRE_TOOLS = os.environ.get("REQUIRE_TOOLS") == "1" or os.environ.get("REQUIRE_BROWSER") == "1"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def missing_tool(reason: str) -> None:
    """Skip, or fail where the tools are required (CI)."""
    if REQUIRE_TOOLS:
        pytest.fail(f"{reason} (required: REQUIRE_TOOLS/REQUIRE_BROWSER is set)")
    pytest.skip(reason)


@pytest.fixture
def published(project):
    assert project.build("--base-url", BASE) == 0
    return project


def site_file(site: Path, url: str) -> Path:
    """The file an absolute address under BASE is served from (a folder serves index.html)."""
    assert url.startswith(BASE), url
    path = urlsplit(url).path[len(urlsplit(BASE).path):]
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def feed_files(site: Path) -> list[Path]:
    return [site / "feed.xml", *sorted((site / "tinh").glob("*/feed.xml"))]


# --- feeds -------------------------------------------------------------------

def test_feeds_parse_cleanly_with_dates_ids_and_links(published):
    site = published.site
    feeds = feed_files(site)
    provinces = {p.name for p in (site / "tinh").iterdir() if p.is_dir()}
    assert len(feeds) == 1 + len(provinces)  # one per province, the unknown one included
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
        assert feed.version == "atom10"
        assert feed.feed.id.startswith("urn:uuid:")
        assert feed.feed.get("updated_parsed"), f"{path}: feed has no parseable updated"
        assert feed.entries and len(feed.entries) <= 20
        self_link = next(l.href for l in feed.feed.links if l.rel == "self")
        assert site_file(site, self_link) == path
        for entry in feed.entries:
            # bozo does not catch a malformed date: check each one parsed
            assert entry.get("updated_parsed"), f"{path}: {entry.title}: no parseable updated"
            assert entry.get("published_parsed"), f"{path}: {entry.title}: no parseable published"
            assert entry.id.startswith("urn:uuid:")
            assert site_file(site, entry.link).is_file(), entry.link
        stamps = [calendar.timegm(e.updated_parsed) for e in feed.entries]
        assert stamps == sorted(stamps, reverse=True), f"{path}: newest first"
        assert calendar.timegm(feed.feed.updated_parsed) == max(stamps)  # from content, not clock
        assert len({e.id for e in feed.entries}) == len(feed.entries)


def test_feed_entries_match_the_pages_they_list(published, project):
    pages = [p for p in fixture_pages(project)]
    site_feed = feedparser.parse(published.site / "feed.xml")
    assert sorted(e.title for e in site_feed.entries) == sorted(p["title"] for p in pages)
    for name in {p.get("province") for p in pages}:
        slug = slugify(name) if name else "chua-xac-dinh"
        feed = feedparser.parse(published.site / "tinh" / slug / "feed.xml")
        assert sorted(e.title for e in feed.entries) == sorted(
            p["title"] for p in pages if p.get("province") == name), name
    # the date of an entry is its page's date, midnight in Vietnam (UTC+7)
    entry = next(e for e in site_feed.entries if e.title == "Lạng Sơn tổng kết năm 2018")
    assert entry.updated == "2019-01-15T00:00:00+07:00"
    assert tuple(entry.updated_parsed)[:4] == (2019, 1, 14, 17)


def test_feed_text_is_escaped_not_markup(published):
    raw = (published.site / "tinh/ha-giang/feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw and "<b>" not in raw
    assert "&lt;b&gt;tóm tắt&lt;/b&gt;" in raw
    entry = feedparser.parse(raw).entries[0]
    assert entry.title == '<script>alert("tiêu đề")</script> Hà Giang'
    assert entry.summary == "<b>tóm tắt</b>"  # shown as text by readers
    assert entry.summary_detail.type == "text/plain"


def test_feeds_are_byte_identical_and_ids_stable_across_builds(published):
    site = published.site
    first = {p: p.read_bytes() for p in feed_files(site)}
    shutil.rmtree(site)                                   # a fresh build, not a no-op
    assert published.build("--base-url", BASE) == 0
    assert {p: p.read_bytes() for p in feed_files(site)} == first

    def ids(path: Path) -> dict[str, str]:
        return {e.title: e.id for e in feedparser.parse(path).entries}

    before = ids(site / "tinh/lang-son/feed.xml")
    # moving to another address keeps every id (RFC 4287 §4.2.6) …
    assert published.build("--base-url", "https://tin.example.vn/") == 0
    assert ids(site / "tinh/lang-son/feed.xml") == before
    # … and so does adding a page
    published.write("lang-son-2022.md", "---\ntitle: Lạng Sơn năm 2022\ndate: 2022-01-05\n"
                                         "province: Lạng Sơn\nplan_year: 2022\n---\nMới.\n")
    assert published.build("--base-url", BASE) == 0
    after = ids(site / "tinh/lang-son/feed.xml")
    assert {t: i for t, i in after.items() if t in before} == before
    assert len(after) == len(before) + 1


# --- sitemap and robots.txt ----------------------------------------------------

def sitemap_locs(site: Path) -> list[str]:
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP_NS}urlset"
    assert all(child.tag == f"{SITEMAP_NS}url" for child in root)
    return [url.find(f"{SITEMAP_NS}loc").text for url in root]


def test_sitemap_lists_every_page_by_absolute_address(published):
    site = published.site
    locs = sitemap_locs(site)
    assert len(locs) == len(set(locs))
    for loc in locs:
        assert loc.startswith(BASE), loc
        assert site_file(site, loc).is_file(), loc
    listed = {site_file(site, loc).relative_to(site).as_posix() for loc in locs}
    html = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert listed == html - {"404.html"}
    assert BASE in locs and BASE + "bai-viet/lang-son-tong-ket-nam-2018/" in locs


def find_sitemap_xsd() -> Path | None:
    roots = [REPO / ".cache/npm/node_modules", REPO / "node_modules"]
    if shutil.which("npm"):
        done = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True)
        roots.append(Path(done.stdout.strip()))
    return next((r / "sitemap/schema/sitemap.xsd" for r in roots
                 if (r / "sitemap/schema/sitemap.xsd").is_file()), None)


def test_sitemap_validates_against_the_sitemap_schema(published):
    try:
        from lxml import etree
    except ImportError:
        missing_tool("lxml is not installed: pip install -r requirements-dev.txt")
    xsd = find_sitemap_xsd()
    if xsd is None:
        missing_tool("the sitemap XSD is missing: npm install --prefix .cache/npm sitemap@9 (it ships schema/sitemap.xsd)")
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    document = etree.parse(str(published.site / "sitemap.xml"))
    assert schema.validate(document), schema.error_log


def test_robots_txt_names_the_sitemap(published):
    robots = (published.site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert f"Sitemap: {BASE}sitemap.xml" in robots.splitlines()


def test_without_base_url_the_sitemap_is_left_out_with_a_warning(project, capsys):
    assert project.build() == 0
    out = capsys.readouterr().out
    assert "warning: base_url: not set — sitemap.xml is left out" in out
    site = project.site
    assert not (site / "sitemap.xml").exists()
    assert "Sitemap:" not in (site / "robots.txt").read_text(encoding="utf-8")
    # feeds still build, with links relative to the feed file
    for path in feed_files(site):
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo and feed.entries
        for entry in feed.entries:
            assert not urlsplit(entry.link).scheme, entry.link
            assert (path.parent / entry.link).resolve().is_file(), entry.link
    # 404.html: styled without a stylesheet request, links relative to the root
    page = project.page("404.html")
    assert "<style>" in page.path.read_text(encoding="utf-8") and "stylesheet" not in page.path.read_text()
    assert "index.html" in page.hrefs()
    # and no page claims an absolute address
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in html and "og:url" not in html


def test_published_site_has_nojekyll(published):
    assert (published.site / ".nojekyll").is_file()


# --- data downloads ----------------------------------------------------------

def test_digest_json_lists_every_published_page(published, project):
    data = json.loads((published.site / "du-lieu/digest.json").read_text(encoding="utf-8"))
    paths = {p["path"] for p in data["pages"]}
    articles = {p.relative_to(published.site).as_posix()
                for p in (published.site / "bai-viet").glob("*/index.html")}
    assert paths == articles
    assert sorted(p["title"] for p in data["pages"]) == sorted(
        p["title"] for p in fixture_pages(project))
    assert data["page_count"] == len(data["pages"]) and data["base_url"] == BASE
    page = next(p for p in data["pages"] if p["title"] == "Lạng Sơn tổng kết năm 2018")
    assert page["url"] == BASE + "bai-viet/lang-son-tong-ket-nam-2018/"
    assert page["province"] == "Lạng Sơn" and page["review_year"] == 2018
    assert page["plan_year"] == 2019 and page["date"] == "2019-01-15"
    plain = {"metric": None, "metric_label": None, "kind": "result", "year": None,
             "qualifier": None, "scope": None}   # the fixture's figures have only the old keys
    assert page["figures"] == [
        {"value": 174, "unit": "điểm phục vụ", "text": "Có 174 điểm phục vụ bưu chính.",
         **plain, "anchor": "so-lieu-1"},
        {"value": 99.5, "unit": "%", "text": "Đạt 99,5% văn bản điện tử.",
         **plain, "anchor": "so-lieu-2"}]
    assert page["extra"] == {"reporter_note": "giữ nguyên"}
    assert not any(p["draft"] for p in data["pages"])


def test_figures_csv_round_trips_the_json_figures(published):
    site = published.site
    raw = (site / "du-lieu/figures.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Excel reads Vietnamese"
    with open(site / "du-lieu/figures.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    data = json.loads((site / "du-lieu/digest.json").read_text(encoding="utf-8"))
    expected = [{"province": p["province"] or "", "review_year": str(p["review_year"] or ""),
                 "plan_year": str(p["plan_year"] or ""), "date": p["date"],
                 "title": p["title"], "slug": p["path"].split("/")[1],
                 "value": f["value"], "unit": f["unit"],
                 **{key: "" if f[key] is None else str(f[key])
                    for key in ("qualifier", "kind", "year", "metric", "metric_label", "scope",
                                "anchor")},
                 "sentence": f["text"], "url": p["url"]}
                for p in data["pages"] for f in p["figures"]]
    assert len(rows) == len(expected) == data["figure_count"] > 0
    for row, want in zip(rows, expected):
        assert float(row.pop("value")) == want.pop("value")
        assert row == want
    assert "Đạt 99,5% văn bản điện tử." in [r["sentence"] for r in rows]  # a comma inside, quoted


def test_data_page_is_linked_from_home_and_links_the_downloads(published):
    assert "du-lieu/index.html" in published.page("index.html").hrefs()
    assert "feed.xml" in published.page("index.html").hrefs()
    data_page = published.page("du-lieu/index.html")
    for href in ("digest.json", "figures.csv", "../feed.xml", "../tinh/lang-son/feed.xml"):
        assert href in data_page.hrefs(), href


# --- head tags and links -----------------------------------------------------

class HeadParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[dict] = []
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content")


def head(path: Path) -> HeadParser:
    parser = HeadParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_page_has_canonical_and_open_graph_tags(published):
    site = published.site
    pages = site_pages(site)
    for rel, page in pages.items():
        if rel == "404.html":
            continue
        tags = head(page.path)
        canonical = [l["href"] for l in tags.links if l.get("rel") == "canonical"]
        expected = BASE + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        assert canonical == [expected], rel
        assert tags.meta["og:url"] == expected, rel
        assert site_file(site, expected) == page.path
        assert tags.meta["og:title"] and tags.meta["og:title"] in page.title, rel
        assert tags.meta["og:description"] == tags.meta["description"], rel
        assert tags.meta["og:type"] == ("article" if rel.startswith("bai-viet/") else "website")
        assert tags.meta["og:locale"] == "vi_VN" and tags.meta["og:site_name"] == "Bản tin thử nghiệm"
        feeds = [l["href"] for l in tags.links if l.get("type") == "application/atom+xml"]
        assert (page.path.parent / feeds[0]).resolve() == (site / "feed.xml").resolve(), rel
        if rel.startswith("tinh/") and rel != "tinh/index.html" or rel.startswith("bai-viet/"):
            assert len(feeds) == 2, rel
            target = (page.path.parent / feeds[1]).resolve()
            assert target.is_file(), rel
            assert re.fullmatch(r"tinh/[a-z0-9-]+/feed\.xml",
                                target.relative_to(site.resolve()).as_posix()), rel
            linked = {(page.path.parent / h).resolve() for h in page.hrefs()} | {page.path.resolve()}
            assert target.parent / "index.html" in linked, f"{rel}: not its own province's feed"
        else:
            assert len(feeds) == 1, rel
    article = head(site / "bai-viet/lang-son-tong-ket-nam-2018/index.html")
    assert article.meta["description"] == "Ngành thông tin và truyền thông Lạng Sơn tổng kết năm 2018."
    assert any(l.get("href") == "../../tinh/lang-son/feed.xml" for l in article.links)


def test_only_canonical_links_are_absolute(published):
    """base_url changes only what must be absolute; every other link stays relative."""
    site = published.site
    pages = {rel: p for rel, p in site_pages(site).items() if rel != "404.html"}
    assert broken_links(site, pages) == []
    for rel, page in pages.items():
        canonical = [l["href"] for l in head(page.path).links if l.get("rel") == "canonical"]
        for tag, url in page.links:
            if url in canonical and tag == "link":
                continue
            assert is_internal(url) and not url.startswith("/"), f"{rel}: {url}"


def test_404_page_links_are_absolute_under_the_base_url(published):
    page = published.page("404.html")
    assert page.heading_texts(1) == ["Không tìm thấy trang"]
    tags = head(page.path)
    assert not any(l.get("rel") == "canonical" for l in tags.links) and "og:url" not in tags.meta
    assert {tag for tag, _ in page.links} >= {"a", "link"}
    for tag, url in page.links:
        if url.startswith("#"):
            continue  # the skip link stays on the page
        assert url.startswith(BASE), f"{tag} {url}"
        assert site_file(published.site, url).is_file(), url
    stylesheets = [l["href"] for l in tags.links if l.get("rel") == "stylesheet"]
    assert stylesheets == [BASE + "static/style.css"]


def test_base_url_option_overrides_config_and_is_checked(project, capsys):
    project.write_config(base_url="https://sai.example.org/khac/")
    assert project.build("--base-url", "https://example.github.io/ictdigest") == 0
    assert f"<loc>{BASE}</loc>" in (project.site / "sitemap.xml").read_text(encoding="utf-8")
    assert project.build("--base-url", "example.github.io/ictdigest") == 2
    assert "base_url: must be a full address" in capsys.readouterr().err


def test_failed_build_writes_no_feed_or_data(published):
    before = {p: p.read_bytes() for p in published.site.rglob("*") if p.is_file()}
    published.write("hong.md", "---\ntitle: Hỏng\ndate: 2022-13-01\nplan_year: 2022\n---\n")
    assert published.build("--base-url", BASE) == 1
    assert {p: p.read_bytes() for p in published.site.rglob("*") if p.is_file()} == before
