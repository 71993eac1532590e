"""A page's files (issue 24): images and documents under content/ published at
tep/…, referenced from pages, checked, shown sized for phones with captions,
and rebuilt only when they change."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from digest.content.assets import asset_address
from digest.render import images

ARTICLE = "bai-viet/anh-hoi-nghi/index.html"
PAGE = """---
title: Ảnh hội nghị
slug: anh-hoi-nghi
date: 2023-01-10
province: Lạng Sơn
review_year: 2022
---
{body}
"""


class Tags(HTMLParser):
    """Every element of a page: (tag, attributes, the tags it is inside), and figcaptions."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.stack, self.captions, self._caption = [], [], [], None

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs), tuple(self.stack)))
        if tag not in ("img", "source"):
            self.stack.append(tag)
        if tag == "figcaption":
            self._caption = []

    def handle_endtag(self, tag):
        if tag == "figcaption":
            self.captions.append("".join(self._caption))
            self._caption = None
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        if self._caption is not None:
            self._caption.append(data)


def parsed(site: Path, url: str = ARTICLE) -> Tags:
    tags = Tags()
    tags.feed((site / url).read_text(encoding="utf-8"))
    return tags


def imgs(tags: Tags) -> list[tuple[dict, tuple]]:
    return [(attrs, inside) for tag, attrs, inside in tags.found if tag == "img"]


def photo(path: Path, size=(1200, 800), colour=(200, 40, 40)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path)  # in the format its extension names
    return path


def target(site: Path, page: str, src: str) -> Path:
    """The file a relative address written in the page at `page` names."""
    return site / posixpath.normpath(posixpath.join(posixpath.dirname(page), src))


@pytest.fixture
def photos(project):
    """A page bundle (an image beside the page) and a shared folder (content/anh/)."""
    photo(project.content / "anh" / "Hội nghị 1.JPG")
    photo(project.content / "bundle" / "pho-to.jpg", (800, 600), (10, 90, 200))
    (project.content / "bundle" / "Báo cáo 2023.PDF").write_bytes(b"%PDF-1.4 bao cao")
    project.write("bundle/anh-hoi-nghi.md", PAGE.format(body=(
        "Mở đầu.\n\n![Quang cảnh](../anh/Hội%20nghị%201.JPG)\n*Quang cảnh hội nghị*\n\n"
        "Giữa ![Phát biểu](pho-to.jpg) và [báo cáo](<Báo cáo 2023.PDF>).\n\n"
        '![Hội trường](pho-to.jpg "Hội trường tầng 2")\n')))
    return project


def test_a_bundle_and_a_shared_folder_are_published_where_the_img_says(photos):
    assert photos.build() == 0
    tags = parsed(photos.site)
    sources = [attrs["src"] for attrs, _inside in imgs(tags)]
    assert sources[0] == "../../tep/anh/hoi-nghi-1.jpg"
    assert sources[1] == "../../tep/bundle/pho-to.jpg"
    for src in sources:
        assert target(photos.site, ARTICLE, src).is_file(), src
    links = [a["href"] for tag, a, _i in tags.found if tag == "a" and "tep/" in a.get("href", "")]
    # the body's link, and the list of documents under the article
    assert links == ["../../tep/bundle/bao-cao-2023.pdf"] * 2
    assert target(photos.site, ARTICLE, links[0]).read_bytes() == b"%PDF-1.4 bao cao"


def test_vietnamese_names_are_slugged_and_depend_on_the_path_alone():
    assert asset_address("anh/Hội nghị 1.JPG") == "tep/anh/hoi-nghi-1.jpg"
    assert asset_address("Ảnh Đắk Lắk/Báo cáo.PDF") == "tep/anh-dak-lak/bao-cao.pdf"


def test_srcset_sizes_and_the_size_of_each_image(photos):
    assert photos.build() == 0
    tags = parsed(photos.site)
    first = imgs(tags)[0][0]
    widths = [int(part.split()[1][:-1]) for part in first["srcset"].split(", ")]
    assert widths == [480, 960, 1200]  # never enlarged past its 1200 px
    assert (first["width"], first["height"]) == ("1200", "800")
    assert first["sizes"] == "(max-width: 48rem) 100vw, 48rem"
    assert first["decoding"] == "async"
    webp = [a for tag, a, _i in tags.found if tag == "source"][0]
    assert webp["type"] == "image/webp" and "hoi-nghi-1-480.webp 480w" in webp["srcset"]
    for part in first["srcset"].split(", ") + webp["srcset"].split(", "):
        assert target(photos.site, ARTICLE, part.split()[0]).is_file()


def test_the_first_image_is_not_lazy_the_others_are(photos):
    assert photos.build() == 0
    loading = [attrs.get("loading") for attrs, _inside in imgs(parsed(photos.site))]
    assert loading == [None, "lazy", "lazy"]


def test_both_caption_forms_make_a_figure_outside_any_paragraph(photos):
    assert photos.build() == 0
    tags = parsed(photos.site)
    (a, in_a), (b, in_b), (c, in_c) = imgs(tags)
    assert "figure" in in_a and "p" not in in_a
    assert "figure" not in in_b and "p" in in_b       # an image inside a sentence
    assert "figure" in in_c and "p" not in in_c and "title" not in c
    assert tags.captions == ["Quang cảnh hội nghị", "Hội trường tầng 2"]


def test_content_is_escaped_in_images_and_captions(project):
    photo(project.content / "a.jpg", (100, 80))
    project.write("x.md", PAGE.format(body='![a" onerror="alert(1)](a.jpg "<b>x</b>")\n'))
    assert project.build() == 0
    html = (project.site / ARTICLE).read_text(encoding="utf-8")
    assert "onerror=\"alert" not in html and "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def problems_of(project, capsys, command="build") -> list[str]:
    capsys.readouterr()
    code = project.build() if command == "build" else __import__("build").main(
        ["check", "--config", str(project.config)])
    out = capsys.readouterr()
    return code, (out.out + out.err).splitlines()


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_missing_file_is_an_error_with_its_line(project, capsys, command):
    project.write("x.md", PAGE.format(body="Một.\n\n![Ảnh](anh/khong-co.jpg)\n\n"
                                           "[tệp](../../etc/passwd.pdf)\n"))
    code, lines = problems_of(project, capsys, command)
    assert code == 1
    assert any(line.startswith("error: content/x.md:10: anh/khong-co.jpg: no such file")
               for line in lines), lines
    assert any(line.startswith("error: content/x.md:12: ../../etc/passwd.pdf: no such file")
               for line in lines), lines


def test_an_oversize_file_is_an_error_naming_the_limit(project, capsys):
    project.write_config(max_document_mb=1)
    (project.content / "lon.pdf").write_bytes(b"%PDF" + b"0" * (1024 * 1024 + 200_000))
    project.write("x.md", PAGE.format(body="[báo cáo](lon.pdf)\n"))
    code, lines = problems_of(project, capsys)
    assert code == 1
    assert "error: content/lon.pdf: is 1.2 MB, over the limit of 1 MB for documents" in \
        "\n".join(lines)


def test_a_scripted_svg_is_refused(project, capsys):
    (project.content / "ve.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    project.write("x.md", PAGE.format(body="![Hình vẽ](ve.svg)\n"))
    code, lines = problems_of(project, capsys)
    assert code == 1
    assert any(line.startswith("error: content/ve.svg: is refused: it contains a <script>")
               for line in lines), lines
    assert not (project.site / "tep/ve.svg").exists()


def test_an_unused_file_and_an_image_without_alt_are_warnings(project, capsys):
    photo(project.content / "thua.jpg", (50, 50))
    photo(project.content / "anh.jpg", (50, 50))
    project.write("x.md", PAGE.format(body="Một.\n\n![](anh.jpg)\n"))
    code, lines = problems_of(project, capsys)
    assert code == 0
    assert "warning: content/thua.jpg: no page refers to this file" in "\n".join(lines)
    assert any(line.startswith("warning: content/x.md:10: image anh.jpg has no alt text")
               for line in lines), lines
    assert (project.site / "tep/thua.jpg").is_file()  # published all the same


def test_two_files_with_one_address_are_an_error_naming_both(project, capsys):
    photo(project.content / "Ảnh.jpg", (50, 50))
    photo(project.content / "anh.JPG", (50, 50))
    code, lines = problems_of(project, capsys)
    assert code == 1
    assert any("tep/anh.jpg" in line and "content/anh.JPG" in line and "Ảnh.jpg" in line
               for line in lines), lines


def test_a_second_build_encodes_nothing_and_rewrites_nothing(photos, capsys, monkeypatch):
    assert photos.build() == 0
    assert sum(images.ENCODED.values()) > 0
    opened = []  # an unchanged image is not even read: the last build's record says it all
    monkeypatch.setattr(images, "publish_image",
                        lambda *args, real=images.publish_image: opened.append(args[1])
                        or real(*args))
    before = {p: p.stat().st_mtime_ns for p in photos.site.rglob("*") if p.is_file()}
    images.ENCODED.clear()
    edited = photos.content / "bundle" / "anh-hoi-nghi.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThêm.\n", encoding="utf-8")
    capsys.readouterr()
    assert photos.build() == 0  # a full build: the page changed, its images did not
    assert sum(images.ENCODED.values()) == 0 and opened == []
    after = {p: p.stat().st_mtime_ns for p in photos.site.rglob("*") if p.is_file()}
    changed = {p.relative_to(photos.site).as_posix() for p in after if after[p] != before.get(p)}
    assert not any(name.startswith("tep/") for name in changed), changed


def test_a_changed_image_redraws_its_page_and_a_deleted_ones_files_go(photos):
    assert photos.build() == 0
    other = photos.site / "bai-viet"
    pages = {p: p.stat().st_mtime_ns for p in other.rglob("index.html")}
    photo(photos.content / "anh" / "Hội nghị 1.JPG", (1000, 500), (0, 200, 0))
    assert photos.build() == 0
    redrawn = {p for p in pages if p.stat().st_mtime_ns != pages[p]}
    assert redrawn == {photos.site / ARTICLE}
    first = imgs(parsed(photos.site))[0][0]
    assert (first["width"], first["height"]) == ("1000", "500")
    assert not (photos.site / "tep/anh/hoi-nghi-1-1200.jpg").exists()
    (photos.content / "anh" / "Hội nghị 1.JPG").unlink()
    photos.write("bundle/anh-hoi-nghi.md", PAGE.format(body="Không còn ảnh.\n"))
    assert photos.build() == 0
    assert not (photos.site / "tep/anh").exists()
