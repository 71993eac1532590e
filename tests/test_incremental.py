"""Incremental builds: after any edit, the site equals a cold build of the same files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, Project
from test_assets import photo


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def cold_build(project: Project, tmp_path: Path, *args: str) -> dict[str, bytes]:
    """Build a copy of the project's files with no cache and no previous site."""
    fresh = Project(tmp_path / "cold")
    shutil.copytree(project.content, fresh.content)
    shutil.copytree(project.root / "seeds", fresh.root / "seeds")
    shutil.copy(project.config, fresh.config)
    assert fresh.build(*args) == 0
    return tree(fresh.site)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    "body": lambda p: edit(p.content / "dak-lak-2020.md", "Ngày 10/1", "Sáng 10/1"),
    "province": lambda p: edit(p.content / "dak-lak-2020.md", "province: Đắk Lắk",
                               "province: Bắc Giang"),
    "year": lambda p: edit(p.content / "bac-giang-2021.md", "plan_year: 2021", "plan_year: 2022"),
    "title": lambda p: edit(p.content / "dien-bien-2021.md", "title: Điện Biên tổng kết năm 2020",
                            "title: Điện Biên nhìn lại năm 2020"),
    "date": lambda p: edit(p.content / "lang-son-ke-hoach-2020.md", "2020-01-13", "2019-12-28"),
    "topics": lambda p: edit(p.content / "bac-giang-2021.md", "[Chuyển đổi số]",
                             "[Chuyển đổi số, Báo chí]"),
    "summary": lambda p: edit(p.content / "2019/lang-son-ket-qua-2018.md", "summary: Ngành",
                              "summary: Toàn ngành"),
    "figure": lambda p: edit(p.content / "so-lieu/bac-giang-2019-so-lieu.md", "- value: 1290",
                             "- value: 1295"),
    "figure's metric": lambda p: edit(p.content / "so-lieu/dien-bien-2019-so-lieu.md",
                                      "metric: stations_4g", "metric: stations_5g"),
    "delete": lambda p: (p.content / "dien-bien-2021.md").unlink(),
    "add": lambda p: p.write("moi.md", "---\ntitle: Bài mới\ndate: 2022-01-05\nprovince: Hà Nội\n"
                                       "review_year: 2021\n---\nMới.\n"),
    "publish a draft": lambda p: edit(p.content / "draft.md", "draft: true", "draft: false"),
    "link target moves": lambda p: edit(p.content / "dak-lak-2020.md", "title: Sở",
                                        "slug: dak-lak-2020\ntitle: Sở"),
    "template": lambda p: edit(Path(p.templates) / "partials/article_facts.html",
                               "<span>{{ item.province", "<span class=\"tinh\">{{ item.province"),
    "stylesheet": lambda p: edit(Path(p.templates) / "static/style.css", "--accent: #0b5c8e",
                                 "--accent: #0a5a8c"),
    "config": lambda p: p.write_config(title="Tên mới", templates_dir=p.templates),
    "authors": lambda p: edit(p.content / "2019/lang-son-ket-qua-2018.md", "[Nguyễn Văn An]",
                              "[Nguyễn Văn An, Trần Thị Bình]"),
    "source": lambda p: edit(p.content / "2019/lang-son-ket-qua-2018.md", "fixture-a.txt",
                             "fixture-b.txt"),
    "outlet": lambda p: edit(p.content / "2019/lang-son-ket-qua-2018.md", "source: fixture-a.txt",
                             "source: fixture-a.txt\noutlet: baolangson.vn"),
    "review year": lambda p: edit(p.content / "2019/lang-son-ket-qua-2018.md",
                                  "review_year: 2018", "review_year: 2017"),
    "slug": lambda p: edit(p.content / "bac-giang-2021.md", "title: Bắc",
                           "slug: bac-giang-2021\ntitle: Bắc"),
    "figure value": lambda p: edit(p.content / "2019/lang-son-ket-qua-2018.md", "value: 174",
                                   "value: 175"),
    "figure fields": lambda p: edit(p.content / "2019/lang-son-ket-qua-2018.md",
                                    "unit: điểm phục vụ", "unit: điểm phục vụ\n    metric: "
                                    "postal_points\n    kind: target\n    year: 2019\n"
                                    "    qualifier: hơn"),
    "extra key": lambda p: edit(p.content / "2019/lang-son-ket-qua-2018.md",
                                "reporter_note: giữ nguyên", "reporter_note: đã sửa"),
    "draft": lambda p: edit(p.content / "bac-giang-2021.md", "topics:", "draft: true\ntopics:"),
    # a page's files (issue 24): own_templates gives the project a photo and an unused image
    "add an image": lambda p: (photo(p.content / "anh/moi.jpg", (500, 300)),
                               edit(p.content / "dak-lak-2020.md", "Ngày 10/1",
                                    "![Ảnh mới](anh/moi.jpg)\n\nNgày 10/1")),
    "change an image": lambda p: photo(p.content / "anh/hoi-nghi.jpg", (640, 480), (0, 160, 0)),
    "delete an unused image": lambda p: (p.content / "anh/thua.png").unlink(),
}

# Which front matter key each edit above changes: every key of the format is edited
# by some test, so a field left out of any page's key makes one of them fail.
KEYS_EDITED = {"title": "title", "date": "date", "province": "province",
               "review year": "review_year", "year": "plan_year", "authors": "authors",
               "topics": "topics", "summary": "summary", "source": "source", "outlet": "outlet", "slug": "slug",
               "draft": "draft", "figure value": "figures", "extra key": "reporter_note"}


def test_every_key_of_the_format_has_an_edit():
    from digest.content.schema import KNOWN_KEYS

    assert set(KNOWN_KEYS) <= set(KEYS_EDITED.values())
    assert set(KEYS_EDITED) <= set(EDITS)


@pytest.fixture
def own_templates(project, tmp_path):
    """The project with its own copy of the templates, so tests may edit them."""
    project.templates = str(tmp_path / "templates")
    shutil.copytree(REPO / "templates", project.templates)
    project.write_config(title="Bản tin thử nghiệm", templates_dir=project.templates)
    photo(project.content / "anh/hoi-nghi.jpg", (600, 400))
    photo(project.content / "anh/thua.png", (60, 40))
    edit(project.content / "bac-giang-2021.md", "Bắc Giang tổng kết năm 2020.",
         "Bắc Giang tổng kết năm 2020.\n\n![Hội nghị](anh/hoi-nghi.jpg)\n*Quang cảnh*")
    return project


def test_deleting_an_image_a_page_shows_is_an_error_until_the_page_lets_go(own_templates,
                                                                           tmp_path, capsys):
    project = own_templates
    assert project.build() == 0
    (project.content / "anh/hoi-nghi.jpg").unlink()
    capsys.readouterr()
    assert project.build() == 1
    assert "content/bac-giang-2021.md:" in capsys.readouterr().out
    assert (project.site / "tep/anh/hoi-nghi.jpg").is_file()  # the site is left as it was
    edit(project.content / "bac-giang-2021.md", "![Hội nghị](anh/hoi-nghi.jpg)", "")
    assert project.build() == 0
    assert not (project.site / "tep/anh/hoi-nghi.jpg").exists()
    assert tree(project.site) == cold_build(project, tmp_path)


@pytest.mark.parametrize("change", list(EDITS))
def test_incremental_build_equals_a_cold_build(own_templates, tmp_path, change):
    project = own_templates
    assert project.build() == 0
    EDITS[change](project)
    assert project.build() == 0
    assert tree(project.site) == cold_build(project, tmp_path)


def test_many_edits_in_a_row(own_templates, tmp_path):
    project = own_templates
    assert project.build() == 0
    for change in ("body", "province", "add", "title", "delete", "template", "year"):
        EDITS[change](project)
        assert project.build() == 0
    assert tree(project.site) == cold_build(project, tmp_path)


def test_a_cached_build_equals_a_cold_build_and_rewrites_nothing(built, tmp_path):
    before = {p: p.stat().st_mtime_ns for p in built.site.rglob("*") if p.is_file()}
    assert built.build() == 0
    assert {p: p.stat().st_mtime_ns for p in built.site.rglob("*") if p.is_file()} == before
    assert tree(built.site) == cold_build(built, tmp_path)


def test_an_edit_renders_only_the_pages_it_touches(built, capsys):
    capsys.readouterr()
    EDITS["body"](built)
    assert built.build() == 0
    # its page, and the part of the search index that holds its words
    assert "(2 rendered; files: 2 written" in capsys.readouterr().out
    EDITS["province"](built)
    assert built.build() == 0
    summary = capsys.readouterr().out.splitlines()[-1]
    rendered = int(summary.split("(")[1].split(" rendered")[0])
    assert 5 <= rendered < 20  # the article, both provinces, years, home … not all 29


@pytest.mark.parametrize("damage", [
    b"not a cache at all",
    b"",
    b"\xe3\x00\x00\x00",          # a marshal header with nothing after it
])
def test_a_corrupt_cache_is_ignored_with_a_warning(built, tmp_path, capsys, damage):
    cache = built.root / ".cache" / "build.marshal"
    assert cache.is_file()
    cache.write_bytes(damage)
    EDITS["body"](built)
    capsys.readouterr()
    assert built.build() == 0
    out = capsys.readouterr().out
    assert "warning: " in out and "the build cache could not be read" in out
    assert tree(built.site) == cold_build(built, tmp_path)
    assert built.build() == 0
    assert "build cache" not in capsys.readouterr().out  # rewritten, trusted again


def test_a_cache_entry_that_lies_is_not_trusted(built, tmp_path):
    """A cache whose remembered page file was changed behind its back is re-rendered."""
    page = built.site / "tinh/lang-son/index.html"
    page.write_text("hỏng", encoding="utf-8")
    assert built.build() == 0
    assert tree(built.site) == cold_build(built, tmp_path)


def test_a_build_with_nothing_changed_says_the_same_and_writes_nothing(built, capsys):
    capsys.readouterr()
    assert built.build() == 0
    first = capsys.readouterr().out.splitlines()
    before = {p: p.stat().st_mtime_ns for p in built.site.rglob("*") if p.is_file()}
    assert built.build() == 0
    second = capsys.readouterr().out.splitlines()
    assert second[:-1] == first[:-1]  # the same warnings, said again
    assert "(0 rendered; files: 0 written" in second[-1]
    assert {p: p.stat().st_mtime_ns for p in built.site.rglob("*") if p.is_file()} == before


def test_a_site_file_removed_by_hand_comes_back(built, tmp_path):
    (built.site / "tinh/lang-son/index.html").unlink()
    (built.site / "feed.xml").unlink()
    assert built.build() == 0
    assert tree(built.site) == cold_build(built, tmp_path)


def test_a_touched_file_is_read_again_but_nothing_is_rewritten(built):
    before = {p: p.stat().st_mtime_ns for p in built.site.rglob("*") if p.is_file()}
    page = built.content / "dak-lak-2020.md"
    page.write_bytes(page.read_bytes())  # same bytes, new mtime
    assert built.build() == 0
    assert {p: p.stat().st_mtime_ns for p in built.site.rglob("*") if p.is_file()} == before
