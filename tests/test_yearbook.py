"""The yearbook (issue 28): each year's digest as one PDF edition, read back with pypdf.

These need WeasyPrint (and Pango under it) and pypdf: without them they skip,
saying what to install, unless REQUIRE_BROWSER=1 (as .ci/run sets), where a
missing one fails them.
"""

from __future__ import annotations

import re
import shutil
import sys
import time
import unicodedata
import urllib.request
from pathlib import Path

import pytest

import build
from conftest import FIXTURES, REPO, Project
from domtree import parse_tree
from gates import require_tool
from digest.util.text import vi_number

EDITION = re.compile(r"nam/(\d+)/nien-giam-\1\.pdf$")


@pytest.fixture(autouse=True)
def tools():
    require_tool("weasyprint")
    require_tool("pypdf")


def text(value: str) -> str:
    """NFC, whitespace collapsed: how the PDF's text is compared."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def pdf(path: Path):
    import pypdf
    return pypdf.PdfReader(str(path))


def outline(reader) -> list[tuple[str, int, int]]:
    """(title, page index, level) of every bookmark, in order."""
    found = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((text(item.title), reader.get_destination_page_number(item), level))
    walk(reader.outline, 0)
    return found


def editions(site: Path) -> dict[int, Path]:
    return {int(EDITION.search(p.relative_to(site).as_posix())[1]): p
            for p in site.rglob("*.pdf") if EDITION.search(p.relative_to(site).as_posix())}


def year_pages(site: Path) -> set[int]:
    return {int(p.parent.name) for p in (site / "nam").glob("*/index.html")}


@pytest.fixture(scope="module")
def seeds_site(tmp_path_factory) -> Path:
    """The project's own content/, built with the editions on."""
    if not any((REPO / "content").rglob("*.md")):
        pytest.skip("content/ has no pages")
    root = tmp_path_factory.mktemp("seeds")
    shutil.copy(REPO / "config.yaml", root / "config.yaml")
    with (root / "config.yaml").open("a", encoding="utf-8") as config:
        config.write(f"\ncontent_dir: {str(REPO / 'content')!r}\nseeds_dir: "
                     f"{str(REPO / 'seeds')!r}\ntemplates_dir: {str(REPO / 'templates')!r}\n"
                     "yearbook: true\n")
    assert build.main(["build", "--config", str(root / "config.yaml"), "--no-import"]) == 0
    return root / "site"


def test_the_2023_edition_of_the_seeds(seeds_site):
    reader = pdf(seeds_site / "nam/2023/nien-giam-2023.pdf")
    pages = [text(page.extract_text()) for page in reader.pages]
    title = "Toàn cảnh thông tin và truyền thông các tỉnh"
    # the cover: the edition's title, the digest's name, the date of its newest page
    assert "Niên giám năm 2023" in pages[0] and title in pages[0]
    assert re.search(r"Bản cập nhật đến ngày \d+ tháng \d+, 20\d\d", pages[0])
    whole = " ".join(pages)
    assert "Sơn La" in whole and "1.463" in whole
    # metadata: title, author = the digest's title, language, tagged (PDF/UA)
    assert text(reader.metadata.title).startswith("Niên giám năm 2023")
    assert text(reader.metadata.author) == title
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "vi"
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    # the font shipped with the project, embedded
    assert_only_the_shipped_font(reader)


def assert_only_the_shipped_font(reader) -> None:
    """Every font the PDF uses is the one the project ships (charts included)."""
    fonts = {str(font.get_object()["/BaseFont"]) for page in reader.pages
             for font in (page["/Resources"].get("/Font") or {}).values()}
    for page in reader.pages:   # the charts' text lives in form XObjects
        for xobject in (page["/Resources"].get("/XObject") or {}).values():
            resources = xobject.get_object().get("/Resources") or {}
            fonts |= {str(f.get_object()["/BaseFont"])
                      for f in (resources.get("/Font") or {}).values()}
    assert fonts and all("Be-Vietnam-Pro" in font for font in fonts), fonts


def test_contents_page_numbers_match_the_bookmarks(seeds_site):
    reader = pdf(seeds_site / "nam/2023/nien-giam-2023.pdf")
    marks = {title: index for title, index, _level in outline(reader)}
    contents = [i for i, page in enumerate(reader.pages)
                if page.extract_text().lstrip().startswith("Mục lục")]
    assert contents, "no contents page"
    entries = []
    for index in contents:
        for line in reader.pages[index].extract_text().splitlines():
            found = re.fullmatch(r"(.+?)[ .]*\s(\d+)", text(line))
            if found:
                entries.append((found[1].rstrip(" ."), int(found[2])))
    assert len(entries) >= 5, entries
    for title, number in entries:
        assert title in marks, (title, sorted(marks))
        assert number == marks[title] + 1, (title, number, marks[title] + 1)
    # the running header names the province at the top of the page, on each of its pages
    marks = outline(reader)
    spans = [(title, index, next((i for _t, i, level in marks[n + 1:] if level <= 1),
                                 len(reader.pages) - 1))
             for n, (title, index, level) in enumerate(marks) if level == 1]
    named = [(page, found[1]) for page, content in enumerate(reader.pages)
             for found in [re.fullmatch(r"Niên giám năm 2023 · (.+)", text(line))
                           for line in content.extract_text().splitlines()] if found]
    provinces = {title for title, _start, _end in spans}
    assert {name for _page, name in named} & provinces, named
    for page, name in named:
        if name in provinces:
            assert any(title == name and start <= page <= end for title, start, end in spans), \
                (page, name, spans)


def test_every_year_with_pages_has_an_edition_and_no_other_year(tmp_path):
    project = Project(tmp_path)
    shutil.copytree(FIXTURES / "content", project.content)
    (tmp_path / "seeds").mkdir()
    project.write(("lone-2010.md"), "---\ntitle: Tổng kết năm 2010\ndate: 2011-01-05\n"
                  "province: Hà Giang\nreview_year: 2010\n---\nMột câu.\n")
    project.write_config(title="Bản tin thử nghiệm", yearbook=True)
    assert project.build() == 0
    years = year_pages(project.site)
    assert 2010 in years and 2011 not in years   # a gap between years with pages
    made = editions(project.site)
    assert set(made) == years
    data_links = {href: label for label, href in
                  parse_tree(project.site / "du-lieu/index.html").links()}
    for year, path in made.items():
        page = parse_tree(project.site / f"nam/{year}/index.html")
        [paragraph] = [p for p in page.find_all("p", class_="edition")]
        size = path.stat().st_size
        shown = f"{vi_number(round(size / 2**20, 1))} MB" if size >= 2**20 \
            else f"{max(1, round(size / 1024))} KB"
        assert paragraph.links() == [(f"Tải niên giám năm {year}", path.name)]
        assert f"(PDF, {shown})" in paragraph.text.replace("\u00a0", " ")
        assert data_links[f"../nam/{year}/{path.name}"] == f"Niên giám năm {year}"
        reader = pdf(path)
        assert f"Niên giám năm {year}" in text(reader.pages[0].extract_text())
        assert_only_the_shipped_font(reader)


def _edit_times(site: Path) -> dict[int, int]:
    return {year: path.stat().st_mtime_ns for year, path in editions(site).items()}


def test_an_article_edit_remakes_only_its_years_editions(tmp_path):
    from digest.config import load_config
    from digest.pipeline import build as run

    project = Project(tmp_path)
    shutil.copytree(FIXTURES / "content", project.content)
    (tmp_path / "seeds").mkdir()
    project.write_config(title="Bản tin thử nghiệm", yearbook=True)
    first = run(load_config(project.config), out=lambda line: None)
    assert not first.errors and first.editions_made == len(year_pages(project.site)) >= 3
    before = _edit_times(project.site)
    bytes_before = {y: p.read_bytes() for y, p in editions(project.site).items()}
    time.sleep(0.01)
    # an article that reports on one year and plans the next: it is in two editions
    article = next(a for a in first.site.articles
                   if a.review_year and a.plan_year and a.review_year != a.plan_year)
    its_years = {article.review_year, article.plan_year}
    edited = Path(article.file)
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMột câu mới về Lạng Sơn.\n",
                      encoding="utf-8")
    second = run(load_config(project.config), out=lambda line: None)
    assert not second.errors
    assert second.editions_made == 2                      # counted: rendered
    after = _edit_times(project.site)
    assert {y for y in before if after[y] != before[y]} == its_years   # rewritten
    for year in its_years:
        assert "Một câu mới về Lạng Sơn." in text(" ".join(
            p.extract_text() for p in pdf(editions(project.site)[year]).pages))
    # A build with nothing changed makes none, and a cold build gives the same bytes.
    assert run(load_config(project.config), out=lambda line: None).editions_made == 0
    incremental = {y: p.read_bytes() for y, p in editions(project.site).items()}
    shutil.rmtree(project.site)
    shutil.rmtree(tmp_path / ".cache")
    assert run(load_config(project.config), out=lambda line: None).editions_made == len(before)
    assert {y: p.read_bytes() for y, p in editions(project.site).items()} == incremental
    assert all(incremental[y] == bytes_before[y] for y in before if y not in its_years)


def test_without_weasyprint_auto_says_one_line_and_true_is_an_error(project, monkeypatch,
                                                                    capsys):
    from digest.render import pdf as pdf_module

    monkeypatch.setattr(pdf_module, "weasyprint_error",
                        lambda: "WeasyPrint cannot load Pango (no library called pango)")
    project.write_config(title="Bản tin", yearbook="auto")
    assert project.build() == 0
    said = [line for line in capsys.readouterr().out.splitlines() if "WeasyPrint" in line]
    assert len(said) == 1 and said[0].startswith("warning: ") and "libpango" in said[0]
    assert not editions(project.site)
    assert not [href for _text, href in parse_tree(project.site / "nam/2020/index.html").links()
                if href.endswith(".pdf")]
    project.write_config(title="Bản tin", yearbook=True)
    assert project.build() == 1
    out = capsys.readouterr().out
    assert "error: " in out and "yearbook: true" in out


def test_an_edition_weasyprint_fails_on_is_left_out_with_a_warning(project, monkeypatch,
                                                                   capsys):
    from digest.render import editions as editions_module

    real = editions_module.html_to_pdf

    def failing(html: bytes, *args):
        if "<title>Niên giám năm 2019".encode() in html:
            raise AssertionError("a layout bug")
        return real(html, *args)

    monkeypatch.setattr(editions_module, "html_to_pdf", failing)
    project.write_config(title="Bản tin", yearbook=True)
    assert project.build() == 0
    out = capsys.readouterr().out
    assert "warning: nam/2019/nien-giam-2019.pdf: the PDF edition could not be made " \
           "(AssertionError: a layout bug)" in out
    made = editions(project.site)
    assert 2019 not in made and made.keys() == year_pages(project.site) - {2019}
    assert not [href for _text, href in parse_tree(project.site / "nam/2019/index.html").links()
                if href.endswith(".pdf")]


def test_loading_weasyprint_leaves_pillow_refusing_truncated_images():
    """WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process when it
    is imported; the build's image checks (images.py) must still refuse a broken one."""
    import subprocess

    script = ("from digest.render.pdf import weasyprint_error\n"
              "assert weasyprint_error() == ''\n"
              "from PIL import ImageFile\n"
              "print(ImageFile.LOAD_TRUNCATED_IMAGES)\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stderr


def test_yearbook_setting_refuses_other_values(project, capsys):
    project.write_config(yearbook="sometimes")
    assert project.build() != 0
    said = capsys.readouterr()
    assert "yearbook: must be auto, true or false, not 'sometimes'" in said.out + said.err


def test_a_long_table_repeats_its_header_on_every_page():
    """The year's tables break across pages with their header repeated (the print CSS)."""
    import io

    from digest.render.pdf import html_to_pdf

    css = (REPO / "templates/print/yearbook.css").read_text(encoding="utf-8")
    rows = "".join(f"<tr><th>Chỉ tiêu {n}</th><td>Tỉnh {n}</td><td>{n}</td></tr>"
                   for n in range(150))
    html = (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>t</title>'
            f'<style>{css}</style></head><body><table class="figures-table"><caption>Kết quả'
            f'</caption><thead><tr><th>Chỉ tiêu</th><th>Tỉnh, thành phố</th><th>Số liệu</th>'
            f'</tr></thead><tbody>{rows}</tbody></table></body></html>')
    import pypdf
    reader = pypdf.PdfReader(io.BytesIO(html_to_pdf(html.encode(), REPO / "templates", None)))
    assert len(reader.pages) >= 3
    assert all("Chỉ tiêu Tỉnh, thành phố Số liệu" in text(page.extract_text())
               for page in reader.pages)


def test_the_edition_fetches_nothing_but_its_fonts(tmp_path):
    from digest.render.pdf import _print_folder_only

    fetcher = _print_folder_only(REPO / "templates")
    font = (REPO / "templates/print/BeVietnamPro-Regular.ttf").resolve().as_uri()
    response = fetcher.fetch(font)
    assert response.read(4) == b"\x00\x01\x00\x00"    # a TrueType font's first bytes
    response.close()
    for url in ("file:///etc/passwd", "http://127.0.0.1:9/x.png", font + "/../../../config.yaml",
                (REPO / "templates/print").resolve().as_uri() + "/../base.html"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_the_preview_makes_an_edition_only_when_asked(project, tmp_path):
    import socket
    import subprocess

    project.write_config(title="Bản tin thử nghiệm", yearbook=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--config",
                             str(project.config), "--port", str(port)], cwd=project.root,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        year_page = f"http://127.0.0.1:{port}/nam/2020/index.html"
        while True:
            try:
                with urllib.request.urlopen(year_page, timeout=5) as response:
                    html = response.read().decode("utf-8")
                break
            except OSError:
                assert time.monotonic() < deadline, "the preview did not start"
                time.sleep(0.2)
        assert 'href="nien-giam-2020.pdf"' in html and "(PDF)" in html
        assert not editions(project.site)        # nothing made before it is asked for
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/nam/2020/nien-giam-2020.pdf",
                                    timeout=60) as response:
            assert response.headers["Content-Type"] == "application/pdf"
            data = response.read()
        assert data.startswith(b"%PDF-")
        (tmp_path / "got.pdf").write_bytes(data)
        assert "Niên giám năm 2020" in text(pdf(tmp_path / "got.pdf").pages[0].extract_text())
    finally:
        proc.terminate()
        proc.wait(timeout=10)
