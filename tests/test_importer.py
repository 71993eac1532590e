"""The importer on the five real seeds, and its file handling (never overwrite, --update)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml

from digest.content.reader import read_content
from digest.content.frontmatter import decode, parse_page
from digest.importer import extract, import_seeds
from digest.importer.normalize import split_lines, strip_agency

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
KEYS = ["title", "date", "province", "review_year", "plan_year", "authors", "topics",
        "summary", "source", "outlet", "slug", "draft", "figures", "imported"]

# The outlet each seed names (issue 12): its lead's marker or its footer's portal.
OUTLETS = {"000_9dc374b1c95072b6.txt": None, "001_a843158d56abb632.txt": "Báo Lạng Sơn",
           "002_0de7f55a07b27bd3.txt": None, "003_702b8c177ce9849a.txt": "thainguyen.gov.vn",
           "004_5a89764e27854e64.txt": "sonla.gov.vn"}

# The table of issue 4, plus the headline as title.
EXPECTED = {
    "000_9dc374b1c95072b6.txt": ("2020-01-13", None, 2019, 2020, ["Hồng Vân", "Minh Quang"],
                                 "Sở Thông tin và Truyền thông triển khai nhiệm vụ năm 2020"),
    "001_a843158d56abb632.txt": ("2018-01-18", "Lạng Sơn", 2017, 2018, ["Hoàng Vương"],
                                 "Sở Thông tin và Truyền thông triển khai nhiệm vụ năm 2018"),
    "002_0de7f55a07b27bd3.txt": ("2020-01-10", None, 2019, 2020, ["Đức Quý"],
                                 "Sở Thông tin và Truyền thông triển khai nhiệm vụ năm 2020"),
    "003_702b8c177ce9849a.txt": ("2018-12-03", "Thái Nguyên", 2018, 2019, ["Vũ Quốc Thạnh"],
                                 "Công tác thông tin và truyền thông Thái Nguyên Năm 2018 và "
                                 "nhiệm vụ trọng tâm năm 2019"),
    "004_5a89764e27854e64.txt": ("2024-01-10", "Sơn La", 2023, 2024, ["Quốc Tuấn"],
                                 "Hội nghị tổng kết công tác năm 2023, triển khai nhiệm vụ năm "
                                 "2024 ngành Thông tin và Truyền thông"),
}

# Page chrome named in the issue; none of it may reach a body.
CHROME = ["Thứ năm", "15/04/2021", "anh tin bai", "image advertisement", "Số lượt xem",
          "12/01/2020 14:40", "03-12-2018 13:16", "Thống kê truy cập", "Đang truy cập",
          "Tổng truy cập", "Đang online", "Hôm nay:", "Trong tuần:", "Tất cả:",
          "TRANG THÔNG TIN ĐIỆN TỬ", "Chịu trách nhiệm", "Địa chỉ:", "Điện thoại:", "Email:",
          "Video tuyên truyền", "THÔNG TIN TRA CỨU"]

# Lines of the seeds that are not the article's own paragraphs: the headline
# (and its repeats), photo captions and signatures. Everything else that is
# not chrome must be in the body, sentence by sentence.
NOT_ARTICLE = {
    "Các đại biểu dự hội nghị.",
    "Đồng chí Lý Vinh Quang, Phó Chủ tịch UBND tỉnh phát biểu tại hội nghị",
    "Lãnh đạo tỉnh tặng Bằng khen của UBND tỉnh cho các tập thể đạt thành tích trong năm 2019.",
    "Đồng chí Đặng Ngọc Hậu phát biểu tại Hội nghị.",
    "Hồng Vân - Minh Quang", "HOÀNG VƯƠNG", "Đức Quý", "Vũ Quốc Thạnh – Giám đốc sở TT&T",
    "Quốc Tuấn",
}


def seed_names() -> list[str]:
    return sorted(p.name for p in SEEDS.glob("*.txt"))


def plain(markdown: str) -> str:
    """A body without Markdown escapes and list markers, spaces collapsed."""
    text = re.sub(r"\\(?=[!-/:-@\[-`{-~])", "", markdown)
    text = re.sub(r"(?m)^(?:\d{1,2}\. |- )", "", text)
    return " ".join(text.split())


def article_lines(name: str) -> list[str]:
    """The seed's lines that belong to the article (not headline, chrome, caption, signature).

    The lead's outlet marker ("LSO-", "(sonla.gov.vn)") is not the article's: it
    becomes the page's `outlet:`.
    """
    title = EXPECTED[name][5]
    lines = []
    for line in split_lines((SEEDS / name).read_text(encoding="utf-8")):
        if not line or line == title or line in NOT_ARTICLE:
            continue
        if any(marker in line for marker in CHROME) or line.startswith("•"):
            continue
        lines.append(line if lines else strip_agency(line))
    return lines


def test_the_five_seeds_are_the_ones_of_the_issue():
    assert seed_names() == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_fields_match_the_issue_table(name):
    date, province, review, plan, authors, title = EXPECTED[name]
    ex = extract((SEEDS / name).read_text(encoding="utf-8"), name)
    assert ex.title == title
    assert ex.date == dt.date.fromisoformat(date)
    assert ex.province == province
    assert (ex.review_year, ex.plan_year) == (review, plan)
    assert ex.authors == authors
    assert ex.outlet == OUTLETS[name]
    assert ex.summary and len(ex.summary) <= 300
    assert ex.topics, "every seed is about some sector field"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_chrome_survives_in_a_body(name):
    ex = extract((SEEDS / name).read_text(encoding="utf-8"), name)
    for marker in CHROME + sorted(NOT_ARTICLE):
        assert marker not in ex.body, marker
    assert not plain(ex.body).startswith(ex.title), "the headline is not repeated on top"
    assert ex.title not in ex.body


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_sentence_of_the_article_is_kept(name):
    ex = extract((SEEDS / name).read_text(encoding="utf-8"), name)
    body = plain(ex.body)
    lines = article_lines(name)
    assert len(lines) >= 3
    for line in lines:
        line = re.sub(r"^\d{1,2}- ", "", line)          # "1- …" became "1. …"
        for sentence in re.split(r"(?<=[.;:!?…])\s+", line):
            assert " ".join(sentence.split()) in body, sentence


def test_numbered_tasks_become_an_ordered_list():
    ex = extract((SEEDS / "003_702b8c177ce9849a.txt").read_text(encoding="utf-8"), "003")
    items = re.findall(r"(?m)^(\d{1,2})\. ", ex.body)
    assert items == [str(n) for n in range(1, 11)]


def test_seed_figures_parse_vietnamese_numbers():
    ex = extract((SEEDS / "004_5a89764e27854e64.txt").read_text(encoding="utf-8"), "004")
    figures = {(f["value"], f["unit"]) for f in ex.figures}
    assert (1463, "tỷ đồng") in figures
    assert (212, "/216 bản") in figures
    assert (100, "% xã") in figures
    ex = extract((SEEDS / "001_a843158d56abb632.txt").read_text(encoding="utf-8"), "001")
    assert (9000, "hộp thư điện tử") in {(f["value"], f["unit"]) for f in ex.figures}
    ex = extract((SEEDS / "000_9dc374b1c95072b6.txt").read_text(encoding="utf-8"), "000")
    assert (174, "điểm phục vụ bưu chính") in {(f["value"], f["unit"]) for f in ex.figures}
    for f in ex.figures:
        assert not 1945 <= f["value"] <= 2100, "years are not figures"
        assert f["text"] in ex.body


# --- writing pages ---------------------------------------------------------------

@pytest.fixture
def seeds(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    # The seeds only: without the repository's ledger (seeds/imported.list), which
    # says they were imported once, so an empty content folder gets them all.
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("imported.list"))
    return folder


def run(seeds: Path, content: Path, **kw):
    lines: list[str] = []
    report = import_seeds(seeds, content, out=lines.append, **kw)
    return report, lines


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_import_writes_one_valid_page_per_seed(seeds, tmp_path):
    content = tmp_path / "content"
    report, lines = run(seeds, content)
    assert sorted(report.written) == seed_names() and report.exit_code == 0
    files = sorted(content.glob("*.md"))
    assert len(files) == 5
    slugs = set()
    for path in files:
        raw = path.read_bytes()
        assert b"\r" not in raw
        page = parse_page(decode(raw, path.name), path.name)
        name = page.data["source"]
        assert list(page.data) == [k for k in KEYS if k != "outlet" or OUTLETS[name]]
        assert page.data.get("outlet") == OUTLETS[name]
        date, province, review, plan, authors, title = EXPECTED[name]
        assert page.data["title"] == title and page.data["date"] == date
        assert page.data["province"] == province and page.data["authors"] == authors
        assert (page.data["review_year"], page.data["plan_year"]) == (review, plan)
        assert page.data["draft"] is False
        assert path.name == f"{date}-{page.data['slug']}.md"
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", page.data["slug"])
        assert all(isinstance(f["value"], (int, float)) for f in page.data["figures"])
        assert yaml.safe_load(raw.decode().split("---\n")[1])["source"] == name
        slugs.add(page.data["slug"])
    assert len(slugs) == 5, "two seeds share a headline, never a URL"
    articles, problems = read_content(content)
    assert len(articles) == 5
    assert not [p for p in problems if p.level == "error"]
    assert lines[-1].startswith("Import: 5 seed(s): 5 written")


def test_report_names_what_to_fill_in(seeds, tmp_path):
    content = tmp_path / "content"
    report, lines = run(seeds, content)
    page = report.pages["000_9dc374b1c95072b6.txt"]
    wanted = '000_9dc374b1c95072b6.txt: province: not found in the text — set "province:" in'
    assert any(line.startswith(wanted) and page.name in line for line in lines)
    text = page.read_text(encoding="utf-8")
    assert re.search(r"(?m)^province: null  # not found in the text — write the province", text)


def test_import_twice_changes_nothing(seeds, tmp_path):
    content = tmp_path / "content"
    run(seeds, content)
    before = snapshot(content)
    report, lines = run(seeds, content)
    assert snapshot(content) == before
    assert sorted(report.skipped) == seed_names() and not report.written
    report, _ = run(seeds, content, update=True)
    assert snapshot(content) == before and not report.updated


def test_existing_pages_are_never_overwritten(seeds, tmp_path):
    content = tmp_path / "content"
    report, _ = run(seeds, content)
    target = report.pages["001_a843158d56abb632.txt"]
    # An editor's own page sits where the importer would write the next seed's page.
    # Same headline, no slug: the site gives it the plain title slug.
    editor = ("---\ntitle: Sở Thông tin và Truyền thông triển khai nhiệm vụ năm 2018\n"
              "date: 2018-01-18\nplan_year: 2018\n---\nBài của biên tập viên.\n")
    target.unlink()
    target.write_text(editor, encoding="utf-8")
    # The seed's own page is gone: since issue 15 only --again imports it once more.
    report, _ = run(seeds, content, again=["001_a843158d56abb632.txt"])
    assert target.read_text(encoding="utf-8") == editor
    assert report.written == ["001_a843158d56abb632.txt"]
    new = report.pages["001_a843158d56abb632.txt"]
    assert new != target and new.exists()
    assert parse_page(new.read_text(encoding="utf-8"), "x").data["slug"] == \
        "so-thong-tin-va-truyen-thong-trien-khai-nhiem-vu-nam-2018-lang-son", \
        "the editor's page has the plain slug already"


def test_update_refreshes_untouched_pages_and_keeps_edited_ones(seeds, tmp_path):
    from digest.importer import writer
    content = tmp_path / "content"
    report, _ = run(seeds, content)
    stale = report.pages["000_9dc374b1c95072b6.txt"]
    edited = report.pages["004_5a89764e27854e64.txt"]
    fresh_stale = stale.read_text(encoding="utf-8")
    # What an older importer might have written: other topics, but a valid fingerprint.
    ex = extract((seeds / "000_9dc374b1c95072b6.txt").read_text(encoding="utf-8"),
                 "000_9dc374b1c95072b6.txt")
    ex.topics = ["Cũ"]
    slug = parse_page(fresh_stale, "x").data["slug"]
    stale.write_text(writer.render_page(ex, slug), encoding="utf-8")
    edited_text = edited.read_text(encoding="utf-8").replace("province: Sơn La", "province: Lai Châu")
    edited.write_text(edited_text, encoding="utf-8")

    report, lines = run(seeds, content, update=True)
    assert report.updated == ["000_9dc374b1c95072b6.txt"]
    assert stale.read_text(encoding="utf-8") == fresh_stale
    assert report.edited_kept == ["004_5a89764e27854e64.txt"]
    assert edited.read_text(encoding="utf-8") == edited_text
    assert any("004_5a89764e27854e64.txt" in line and "kept" in line for line in lines)


def test_a_broken_content_file_does_not_stop_the_import(seeds, tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "broken.md").write_text("---\ntitle: [unclosed\nsource: 002_0de7f55a07b27bd3.txt\n---\n",
                                       encoding="utf-8")
    (content / "latin1.md").write_bytes(b"---\ntitle: H\xf2a\n---\n")
    (content / "nofence.md").write_text("just text\n", encoding="utf-8")
    report, _ = run(seeds, content)
    assert "002_0de7f55a07b27bd3.txt" in report.skipped, "its source: line still counts"
    assert len(report.written) == 4


def test_a_seed_that_is_not_utf8_is_reported_and_the_rest_imports(seeds, tmp_path):
    (seeds / "009_latin.txt").write_bytes("Sở TT&TT tỉnh Hòa Bình\n\nNăm 2019, …\n".encode("utf-16-le"))
    (seeds / "010_cp1258.txt").write_bytes(b"S\xd4 Th\xf4ng tin\n\nN\xe9m 2019\n")
    (seeds / "011_empty.txt").write_text(" \n\n", encoding="utf-8")
    content = tmp_path / "content"
    report, lines = run(seeds, content)
    assert sorted(report.failed) == ["009_latin.txt", "010_cp1258.txt", "011_empty.txt"]
    assert len(report.written) == 5 and report.exit_code == 1
    message = next(line for line in lines if "010_cp1258.txt" in line)
    assert "not UTF-8" in message and "Traceback" not in "\n".join(lines)
    assert any("011_empty.txt" in line and "empty" in line for line in lines)
