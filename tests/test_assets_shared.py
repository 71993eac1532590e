"""A page's photo and documents, shared (issue 24): og:image, the feeds' enclosure,
and the list of documents under the article."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from conftest import FIXTURES, Project
from htmlpage import parse_page

BASE = "https://so-tttt.example.vn/ban-tin/"
REPORT = "bai-viet/so-thong-tin-va-truyen-thong-tinh-son-la-tong-ket-nam-2023/index.html"
PLAN = "bai-viet/so-thong-tin-va-truyen-thong-tinh-son-la-trien-khai-nhiem-vu-nam-2024/index.html"


@pytest.fixture
def media(tmp_path) -> Project:
    project = Project(tmp_path)
    shutil.copytree(FIXTURES / "media" / "content", project.content)
    (tmp_path / "seeds").mkdir()
    project.write_config(title="Bản tin có ảnh")
    return project


def published(site: Path, absolute: str) -> Path:
    """The file an absolute address of the site names."""
    assert absolute.startswith(BASE), absolute
    return site / urlsplit(absolute).path[len(urlsplit(BASE).path):]


def test_the_first_photo_of_a_page_is_its_og_image(media):
    assert media.build("--base-url", BASE) == 0
    html = (media.site / REPORT).read_text(encoding="utf-8")
    [image] = [line.split('content="')[1].split('"')[0] for line in html.splitlines()
               if 'property="og:image"' in line]
    assert image == BASE + "tep/2023/hoi-nghi.jpg"   # the photo, not the chart after it
    assert published(media.site, image).is_file()


def test_without_base_url_no_og_image_is_written(media):
    assert media.build() == 0
    assert 'property="og:image"' not in (media.site / REPORT).read_text(encoding="utf-8")


def test_each_feed_entry_carries_its_page_s_photo(media):
    assert media.build("--base-url", BASE) == 0
    feed = feedparser.parse((media.site / "feed.xml").read_bytes())
    enclosures = {e.title: [l.href for l in e.links if l.rel == "enclosure"] for e in feed.entries}
    assert len(enclosures) == 2
    for hrefs in enclosures.values():
        assert len(hrefs) == 1 and published(media.site, hrefs[0]).is_file()
    assert {h[0].rsplit("/", 1)[1] for h in enclosures.values()} == {"hoi-nghi.jpg",
                                                                     "quang-canh.jpg"}


def test_the_documents_a_page_links_are_listed_with_their_type_and_size(media):
    assert media.build() == 0
    page = parse_page(media.site / REPORT)
    assert "Tài liệu" in page.heading_texts(2)
    html = (media.site / REPORT).read_text(encoding="utf-8")
    section = html.split('<section class="documents"')[1].split("</section>")[0]
    assert "bao-cao-tong-ket-2023.pdf</a>" in section and "(PDF, 1\u00a0KB)" in section
    href = section.split('href="')[1].split('"')[0]
    assert (media.site / REPORT).parent.joinpath(href).resolve().is_file()
    assert '<section class="documents"' not in (media.site / PLAN).read_text(encoding="utf-8")


def test_a_document_s_size_reads_the_vietnamese_way():
    from digest.content.assets import Asset, document_label

    def label(url, size):
        return document_label(Asset("content/x", "x", url, size, "h"))

    assert label("tep/a.pdf", 1_258_291) == "PDF, 1,2\u00a0MB"
    assert label("tep/a.docx", 35_000) == "Word, 34\u00a0KB"
    assert label("tep/a.xlsx", 3 * 1024 * 1024) == "Excel, 3\u00a0MB"


def test_the_published_photos_carry_no_gps_and_keep_their_widths(media):
    """The fixture's photo has GPS in its EXIF: none of its published files does."""
    from PIL import Image

    source = Image.open(FIXTURES / "media" / "content" / "2023" / "hoi-nghi.jpg")
    assert source.getexif().get_ifd(0x8825)  # the test would prove nothing without it
    assert media.build() == 0
    files = sorted((media.site / "tep" / "2023").glob("hoi-nghi*"))
    assert len(files) == 8
    widths = set()
    for path in files:
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert b"GPS" not in path.read_bytes(), path
            widths.add(image.width)
    assert widths == {480, 960, 1600, 1800}
