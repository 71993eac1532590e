"""The built site, read back as HTML: pages, links, order, escaping, lifecycle."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import yaml

from htmlpage import broken_links, is_internal, site_pages

from digest.util.text import slugify, sort_key


def fixture_pages(project) -> list[dict]:
    """Front matter of every published fixture page, read independently of the engine."""
    pages = []
    for path in sorted(project.content.rglob("*.md")):
        data = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        if not data.get("draft"):
            pages.append(data)
    return pages


def article_titles(page) -> list[str]:
    """Titles of the article links in a page's lists."""
    return titles_in(page.path.read_text(encoding="utf-8"))


def titles_in(html: str) -> list[str]:
    return [unescape(t) for t in re.findall(r'class="article-title" href="[^"]+">([^<]*)</a>', html)]


def test_every_internal_link_and_asset_resolves(built):
    pages = site_pages(built.site)
    assert len(pages) > 20
    assert broken_links(built.site, pages) == []


def test_links_are_relative_and_name_a_file(built):
    for rel, page in site_pages(built.site).items():
        for tag, url in page.links:
            assert not url.startswith("/"), f"{rel}: {url} is absolute"
            assert is_internal(url), f"{rel}: {url} points off-site"
            path = url.split("#")[0]
            if path:
                assert re.search(r"\.(html|css|svg|js|xml|json|csv)$", path), \
                    f"{rel}: {url} names a folder; from disk that shows a listing"


def test_every_page_is_vietnamese_and_has_one_h1(built):
    for rel, page in site_pages(built.site).items():
        assert page.lang == "vi", rel
        assert len(page.heading_texts(1)) == 1, rel
        assert page.title.strip(), rel


def test_home_lists_years_newest_first_and_provinces_in_vietnamese_order(built, project):
    home = built.page("index.html")
    years = sorted({y for p in fixture_pages(project)
                    for y in (p.get("review_year"), p.get("plan_year")) if y}, reverse=True)
    year_links = [h for h in home.hrefs() if h.startswith("nam/") and h != "nam/index.html"]
    assert year_links == [f"nam/{y}/index.html" for y in years]

    names = re.findall(r'<li><a href="tinh/[a-z0-9-]+/index.html">([^<]+)</a>',
                       home.path.read_text(encoding="utf-8"))
    known = sorted({p["province"] for p in fixture_pages(project) if p.get("province")},
                   key=sort_key)
    assert names == known + ["Chưa xác định tỉnh"]
    assert names[:3] == ["Bắc Giang", "Đắk Lắk", "Điện Biên"]  # Đ after D, before G
    # the site's title is said once at the top: in the header, not again as the H1 (issue 13)
    html = home.path.read_text(encoding="utf-8")
    assert re.search(r'class="brand" href="index.html">Bản tin thử nghiệm</a>', html)
    assert home.heading_texts(1) == ["Kết quả và nhiệm vụ của các Sở Thông tin và Truyền thông"]
    assert "Giới thiệu <em>thử</em>." in home.text  # config text is escaped too


def test_year_page_lists_results_and_tasks_by_province(built, project):
    for year in (2019, 2020):
        page = built.page(f"nam/{year}/index.html")
        html = page.path.read_text(encoding="utf-8")
        results_html, tasks_html = html.split(f"Nhiệm vụ năm {year}</h2>")
        expect_results = sorted(p["title"] for p in fixture_pages(project)
                                if p.get("review_year") == year)
        expect_tasks = sorted(p["title"] for p in fixture_pages(project)
                              if p.get("plan_year") == year)
        assert sorted(titles_in(results_html)) == expect_results
        assert sorted(titles_in(tasks_html)) == expect_tasks
        assert f"Kết quả năm {year}" in page.heading_texts(2)
    page = built.page("nam/2020/index.html")
    assert "../2019/index.html" in page.hrefs() and "../2021/index.html" in page.hrefs()
    oldest = built.page("nam/2017/index.html")
    assert "../2018/index.html" in oldest.hrefs()
    assert not any(h.startswith("../2016") for h in oldest.hrefs())


def test_province_pages_list_exactly_their_pages(built, project):
    pages = fixture_pages(project)
    for name in {p.get("province") for p in pages}:
        slug = slugify(name) if name else "chua-xac-dinh"
        page = built.page(f"tinh/{slug}/index.html")
        expected = sorted(p["title"] for p in pages if p.get("province") == name)
        assert sorted(article_titles(page)) == expected, name
    assert "Chưa xác định tỉnh" in built.page("tinh/chua-xac-dinh/index.html").heading_texts(1)
    lang_son = built.page("tinh/lang-son/index.html")
    # its chart section first (issue 13), then its pages by year, newest first
    assert lang_son.heading_texts(2) == ["Số liệu qua các năm", "Năm 2020", "Năm 2018"]


def test_timeline_is_in_date_order_with_vietnamese_dates(built, project):
    page = built.page("dong-thoi-gian/index.html")
    dates = re.findall(r'<time datetime="([\d-]+)">([^<]+)</time>',
                       page.path.read_text(encoding="utf-8"))
    assert [d for d, _ in dates] == sorted(str(p["date"]) for p in fixture_pages(project))
    assert ("2020-01-13", "13 tháng 1, 2020") in dates
    assert "Tháng 1 năm 2020" in page.heading_texts(3)
    assert page.heading_texts(2) == sorted(page.heading_texts(2))


def test_topic_pages(built, project):
    pages = fixture_pages(project)
    topics = {t for p in pages for t in p.get("topics", [])}
    for topic in topics:
        page = built.page(f"chu-de/{slugify(topic)}/index.html")
        assert topic in page.heading_texts(1)
        assert sorted(article_titles(page)) == sorted(
            p["title"] for p in pages if topic in p.get("topics", []))


def test_article_page_shows_its_facts_and_neighbours(built):
    rel = "bai-viet/lang-son-tong-ket-nam-2018/index.html"
    page = built.page(rel)
    html = page.path.read_text(encoding="utf-8")
    assert page.heading_texts(1) == ["Lạng Sơn tổng kết năm 2018"]
    for text in ("15 tháng 1, 2019", "Nguyễn Văn An", "99,5%", "174 điểm phục vụ"):
        assert text in page.text
    assert "fixture-a.txt" not in page.text, "the seed's file name is for editors, not readers"
    for href in ("../../tinh/lang-son/index.html", "../../nam/2018/index.html",
                 "../../nam/2019/index.html", "../../chu-de/buu-chinh/index.html"):
        assert href in page.hrefs(), href
    # Markdown: a table, a heading below the title, a link to another content file
    assert "<table>" in html and "<strong>hoàn thành</strong>" in html
    assert "Nhiệm vụ" in page.heading_texts(2)
    assert "../so-thong-tin-va-truyen-thong-trien-khai-nhiem-vu-nam-2020/index.html" in page.hrefs()
    # the next page in the same province, by date
    assert "../lang-son-trien-khai-nhiem-vu-nam-2020/index.html" in page.hrefs()


def test_pages_sharing_a_title_get_distinct_urls(built):
    folders = [p.name for p in (built.site / "bai-viet").iterdir()
               if p.name.startswith("so-thong-tin-va-truyen-thong-trien-khai-nhiem-vu-nam-2020")]
    assert len(folders) == 2
    provinces = {built.page(f"bai-viet/{f}/index.html").text.split("Tỉnh ")[1].split(" ")[0]
                 for f in folders}
    assert provinces == {"Đắk", "Chưa"}


def test_content_is_escaped_never_executed(built):
    for rel, page in site_pages(built.site).items():
        scripts = page.hrefs("script")
        assert page.tags.count("script") == len(scripts), f"{rel}: an inline script"
        if rel != "404.html":  # the header's search box: our own script, and only it
            assert [s.rsplit("/", 2)[-2:] for s in scripts] == [["static", "search.js"]], rel
        assert "img" not in page.tags or rel.startswith("static"), rel
        assert not any(u.lower().startswith("javascript:") for _, u in page.links), rel
    article = built.page("bai-viet/script-alert-tieu-de-script-ha-giang/index.html")
    assert article.heading_texts(1) == ['<script>alert("tiêu đề")</script> Hà Giang']
    assert '<script>alert("thân bài")</script>' in article.text
    html = article.path.read_text(encoding="utf-8")
    assert "&lt;b&gt;tóm tắt&lt;/b&gt;" in html  # summary in the meta description
    assert "<i>" not in html


def test_drafts_are_left_out_unless_asked_for(project):
    assert project.build() == 0
    all_text = " ".join(p.text for p in site_pages(project.site).values())
    assert "Bản nháp chưa đăng" not in all_text
    assert project.build("--drafts") == 0
    home = project.page("index.html")
    assert "Bản nháp chưa đăng" in home.text and "Bản nháp" in home.text


def test_deleting_content_removes_its_page(built):
    target = built.site / "bai-viet/dien-bien-tong-ket-nam-2020/index.html"
    assert target.exists()
    (built.content / "dien-bien-2021.md").unlink()
    assert built.build() == 0
    assert not target.exists() and not target.parent.exists()
    assert (built.site / "tinh/dien-bien").exists()  # its other pages (tests/fixtures/content/so-lieu/)
    for other in built.content.glob("so-lieu/dien-bien-*.md"):
        other.unlink()
    assert built.build() == 0
    assert not (built.site / "tinh/dien-bien").exists()
    assert broken_links(built.site) == []


def snapshot(site: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(site).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in site.rglob("*") if p.is_file()}


def test_failing_build_leaves_the_old_site(built, capsys):
    before = snapshot(built.site)
    built.write("bac-giang-2021.md", "---\ntitle: Hỏng\ndate: 2021-02-30\nreview_year: 2020\n---\n")
    built.write("new.md", "---\ntitle: Mới\ndate: 2022-01-01\nplan_year: 2022\n---\nMới.\n")
    assert built.build() == 1
    out = capsys.readouterr().out
    assert 'content/bac-giang-2021.md:3: date: "2021-02-30" is not a valid date' in out
    assert "left as it was" in out
    assert snapshot(built.site) == before
    assert not any(p.name.startswith(".") for p in built.root.iterdir() if p.name != ".cache")


def test_broken_link_in_markdown_stops_the_build(built, capsys):
    before = snapshot(built.site)
    built.write("x.md", "---\ntitle: X\ndate: 2022-01-01\nplan_year: 2022\n---\n[a](khong-co.md)\n")
    assert built.build() == 1
    assert "content/x.md:6: link to khong-co.md: no such page" in capsys.readouterr().out
    assert snapshot(built.site) == before


def test_template_error_leaves_the_old_site(built, tmp_path, capsys):
    import shutil
    templates = tmp_path / "tpl"
    shutil.copytree(Path(__file__).parent.parent / "templates", templates)
    (templates / "topic.html").write_text("{% extends 'base.html' %}{% block main %}"
                                          "{{ topic.nothing_here }}{% endblock %}")
    before = snapshot(built.site)
    built.write_config(templates_dir=str(templates))
    assert built.build() == 1
    out = capsys.readouterr().out
    assert "topic.html:1: template error" in out
    assert snapshot(built.site) == before


def test_unchanged_files_are_not_rewritten(built):
    before = snapshot(built.site)
    assert built.build() == 0
    assert snapshot(built.site) == before
    built.write("lang-son-ke-hoach-2020.md",
                (built.content / "lang-son-ke-hoach-2020.md").read_text().replace(
                    "Chiều 13/1", "Chiều ngày 13/1"))
    assert built.build() == 0
    after = snapshot(built.site)
    changed = {k for k in after if after[k] != before.get(k)}
    # the page, and the part of the search index that holds its body's words; and the
    # folder's marker, which names what the folder now holds (never published)
    assert changed == {"bai-viet/lang-son-trien-khai-nhiem-vu-nam-2020/index.html",
                       "tim-kiem/chi-muc-0.js", ".digest-output"}


def test_summary_line(built, capsys):
    assert built.build() == 0
    line = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.match(r"Built \d+ pages \(0 rendered; files: 0 written, \d+ unchanged, 0 removed\): "
                    r"15 articles, "
                    r"5 provinces, 5 years in [\d.]+ s\. Open file://.*/index\.html$", line), line


def test_search_box_is_in_every_header_and_its_index_is_built(built, project):
    # what the index holds and how it is escaped, and the box's addresses: tests/test_search.py
    text = (built.site / "tim-kiem/chi-muc.js").read_text(encoding="utf-8")
    assert text.startswith("window.CHI_MUC_TIM_KIEM = ") and "<" not in text
    for rel, page in site_pages(built.site).items():
        if rel != "404.html":
            assert {"header-search", "header-search-list"} <= page.ids, rel
