"""The preview's quick rebuild (digest/quick.py): a body edit redraws its page and,
just after, its search part; a front-matter edit or a new page redraws its page
and, just after, the pages that list it; every other edit takes the full build.
Either way the site ends up equal to a cold build of the same files."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import lxml.html
import pytest

from digest.serve import Preview
from test_incremental import EDITS, cold_build, edit, own_templates, tree  # noqa: F401 (fixture)

def stamps(project) -> dict[str, int]:
    """Every input file and its mtime: what the preview's watcher would see change."""
    found = {str(project.config): project.config.stat().st_mtime_ns}
    for folder in (project.content, Path(project.templates)):
        found.update({os.path.abspath(p): p.stat().st_mtime_ns
                      for p in folder.rglob("*") if p.is_file()})
    return found


def changed(before: dict[str, int], after: dict[str, int]) -> list[str]:
    """The changed files and, as the watcher reports them, the folders they are in."""
    files = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    return sorted(files | {os.path.dirname(path) for path in files})


@pytest.fixture
def preview(own_templates):
    said: list[str] = []
    preview = Preview(own_templates.config, drafts=False, out=said.append)
    preview.rebuild(changed=False)
    assert preview.last is not None
    preview.said = said
    return preview


def save(project, preview, change: str):
    """Make the edit, tell the preview which files changed, as the watcher does."""
    before = stamps(project)
    EDITS[change](project)
    result = preview.rebuild(paths=changed(before, stamps(project)))
    assert result is not None and not result.errors
    return result


def test_a_body_edit_redraws_its_page_first_and_its_search_part_after(own_templates, preview):
    site_before = preview.last.site
    part_files = sorted((own_templates.site / "tim-kiem").glob("chi-muc-*.js"))
    parts_before = {p: p.read_bytes() for p in part_files}
    result = save(own_templates, preview, "body")
    assert result.site is site_before      # no re-reading, re-modelling, re-planning
    assert result.rendered == 1            # only the article's page...
    showing = [p.relative_to(own_templates.site).parts[0] for p in own_templates.site.rglob("*.html")
               if "Sáng 10/1" in p.read_text(encoding="utf-8")]
    assert showing == ["bai-viet"]         # the article's page, already
    assert {p: p.read_bytes() for p in part_files} == parts_before  # ...the index waits
    assert preview.last.parts_due
    preview.finish_saves()
    changed_parts = [p for p in part_files if p.read_bytes() != parts_before[p]]
    assert len(changed_parts) == 1 and "sang" in changed_parts[0].read_text(encoding="utf-8")
    assert not preview.last.parts_due


@pytest.mark.parametrize("change", list(EDITS))
def test_after_any_edit_the_preview_equals_a_cold_build(own_templates, preview, tmp_path,
                                                        change):
    save(own_templates, preview, change)
    preview.finish_saves()
    assert tree(own_templates.site) == cold_build(own_templates, tmp_path)


def test_quick_and_full_rebuilds_in_a_row_equal_a_cold_build(own_templates, preview, tmp_path):
    source = own_templates.content / "dak-lak-2020.md"
    for number, change in enumerate(("body", "summary", "body", "delete", "body", "body")):
        if change == "body":
            before = stamps(own_templates)
            source.write_text(source.read_text(encoding="utf-8") + f"\nCâu thêm {number}.\n",
                              encoding="utf-8")
            site = preview.last.site
            assert preview.rebuild(paths=changed(before, stamps(own_templates))).site is site
            assert preview.last.parts_due
        elif change == "delete":  # a full build, which also writes the search part left due
            save(own_templates, preview, change)
            assert not preview.last.parts_due and not preview.last.full_due
        else:  # a quick one of its own kind: the lists wait
            save(own_templates, preview, change)
            assert preview.last.full_due
    preview.finish_saves()
    assert tree(own_templates.site) == cold_build(own_templates, tmp_path)


# What a save rebuilds at once: the page edited alone, or the whole site.
# (The fixture's pages have no `slug:`, so a title edit moves the page: a full build.)
QUICK = {"body", "province", "year", "date", "topics", "summary", "figure",
         "figure's metric", "add", "authors", "outlet", "review year", "figure value",
         "figure fields", "extra key"}


# (The other edits change no page file: templates, the stylesheet, config, images.)
@pytest.mark.parametrize("change", [change for change in EDITS if "image" not in change
                                    and change not in ("template", "stylesheet", "config")])
def test_which_saves_redraw_their_page_alone(own_templates, preview, change):
    result = save(own_templates, preview, change)
    assert (result.rendered == 1) is (change in QUICK), result.rendered


def titles_shown(project, title: str) -> list[str]:
    """The first folder of every page that shows `title`."""
    return sorted({p.relative_to(project.site).parts[0] for p in project.site.rglob("*.html")
                   if title in p.read_text(encoding="utf-8")})


def test_a_title_edit_redraws_its_page_first_and_the_pages_listing_it_after(
        own_templates, preview, tmp_path):
    source = own_templates.content / "dien-bien-2021.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "title: Điện Biên tổng kết", "slug: dien-bien-2020\ntitle: Điện Biên tổng kết"),
        encoding="utf-8")
    preview.rebuild()  # the page has a slug of its own: a title edit keeps its address
    before = stamps(own_templates)
    edit(source, "title: Điện Biên tổng kết năm 2020", "title: Điện Biên nhìn lại năm 2020")
    result = preview.rebuild(paths=changed(before, stamps(own_templates)))
    assert result.rendered == 1 and not result.errors
    new_title = "Điện Biên nhìn lại năm 2020"
    assert titles_shown(own_templates, new_title) == ["bai-viet"]   # the page, already
    assert preview.last.full_due
    said = len(preview.said)
    assert preview.finish_saves()              # the browser reloads once more
    assert not preview.last.full_due
    assert {"bai-viet", "index.html", "nam", "tinh"} <= set(titles_shown(own_templates, new_title))
    assert any("Rebuilt" in line for line in preview.said[said:])
    assert tree(own_templates.site) == cold_build(own_templates, tmp_path)


def test_a_new_page_shows_at_once_and_in_the_lists_after(own_templates, preview, tmp_path):
    result = save(own_templates, preview, "add")
    assert result.rendered == 1
    [url] = [url for path, url in preview.urls_by_path.items() if path.endswith("moi.md")]
    page = own_templates.page(url)
    assert page.heading_texts(1) == ["Bài mới"]
    assert "Bài mới" not in (own_templates.site / "index.html").read_text(encoding="utf-8")
    preview.finish_saves()
    assert "Bài mới" in (own_templates.site / "index.html").read_text(encoding="utf-8")
    assert tree(own_templates.site) == cold_build(own_templates, tmp_path)


@pytest.mark.parametrize("text, why", [
    ("---\ntitle: Bài nháp\ndate: 2022-01-05\nprovince: Hà Nội\ndraft: true\n---\nNội dung.\n",
     "a draft"),
    ("---\ntitle: Điện Biên tổng kết năm 2020\ndate: 2022-01-05\nprovince: Hà Nội\n---\nA.\n",
     "the address of another page"),
    ("---\ntitle: Bài lỗi\ndate: 2022-13-05\nprovince: Hà Nội\n---\nNội dung.\n", "a problem"),
])
def test_a_new_page_the_quick_rebuild_cannot_show_takes_the_full_build(own_templates, preview,
                                                                        text, why):
    before = stamps(own_templates)
    own_templates.write("moi.md", text)
    site = preview.last.site
    result = preview.rebuild(paths=changed(before, stamps(own_templates)))
    assert result is None or result.site is not site, why
    assert not preview.last or not preview.last.full_due


def test_mixed_saves_before_the_lists_are_redrawn_end_as_a_cold_build(own_templates, preview,
                                                                      tmp_path):
    for change in ("summary", "body", "figure value", "add", "province", "date", "topics"):
        save(own_templates, preview, change)
    assert preview.last.full_due and preview.last.parts_due
    preview.finish_saves()
    assert not preview.last.full_due and not preview.last.parts_due
    assert tree(own_templates.site) == cold_build(own_templates, tmp_path)


@pytest.mark.parametrize("body, quick", [
    ("Thêm một câu.", True),
    ("Xem [bài khác](bac-giang-2021.md).", False),   # a link to a content file: full build
    ("Xem [bài không có](khong-co.md).", False),     # a broken link is an error, said in full
])
def test_only_plain_body_edits_are_quick(own_templates, preview, tmp_path, body, quick):
    source = own_templates.content / "dak-lak-2020.md"
    before = stamps(own_templates)
    source.write_text(source.read_text(encoding="utf-8") + f"\n{body}\n", encoding="utf-8")
    site_before = preview.last.site
    result = preview.rebuild(paths=changed(before, stamps(own_templates)))
    assert (result.site is site_before) is quick
    if "khong-co" in body:
        assert result.errors and "khong-co.md" in str(result.errors[0])
        return
    preview.finish_saves()
    assert tree(own_templates.site) == cold_build(own_templates, tmp_path)


def test_a_body_save_that_changes_the_warnings_takes_the_full_build_and_says_them(own_templates,
                                                                                   preview):
    # A figure's unknown key is ignored (the article stays the same) with a warning:
    # only the file's problems tell this save from a body edit.
    source = own_templates.content / "dak-lak-2020.md"
    text = source.read_text(encoding="utf-8")
    first = re.search(r"\n  - value: .*\n", text).group(0)
    before = stamps(own_templates)
    source.write_text(text.replace(first, first + "    metrik: x\n", 1) + "\nCâu thêm.\n",
                      encoding="utf-8")
    site_before, said_before = preview.last.site, len(preview.said)
    result = preview.rebuild(paths=changed(before, stamps(own_templates)))
    new = [p for p in result.warnings if "metrik" in p.message]
    assert len(new) == 1 and new[0].path.endswith("dak-lak-2020.md")
    assert any("metrik" in line for line in preview.said[said_before:])
    assert result.site is not site_before   # the full build


def whole_site_is_back(project, preview, tmp_path) -> None:
    """The output folder holds the full site, its pages readable, as a cold build."""
    home = project.page("index.html")
    assert home.heading_texts(1) and home.hrefs()
    [url] = [url for path, url in preview.urls_by_path.items() if path.endswith("dak-lak-2020.md")]
    article = project.page(url)
    assert "Sáng 10/1" in article.text
    assert tree(project.site) == cold_build(project, tmp_path)


def test_a_quick_rebuild_after_the_site_folder_was_deleted_builds_the_whole_site(
        own_templates, preview, tmp_path):
    shutil.rmtree(own_templates.site)
    save(own_templates, preview, "body")
    preview.finish_saves()
    whole_site_is_back(own_templates, preview, tmp_path)


def test_search_parts_due_after_the_site_folder_was_deleted_build_the_whole_site(
        own_templates, preview, tmp_path):
    save(own_templates, preview, "body")
    assert preview.last.parts_due
    shutil.rmtree(own_templates.site)
    preview.finish_saves()
    whole_site_is_back(own_templates, preview, tmp_path)


def test_a_quick_rebuild_after_the_site_was_emptied_but_kept_builds_the_whole_site(
        own_templates, preview, tmp_path):
    for entry in list(own_templates.site.iterdir()):  # `rm -r site/*`: the marker stays
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    save(own_templates, preview, "body")
    preview.finish_saves()
    whole_site_is_back(own_templates, preview, tmp_path)


def new_paragraph(project, url: str) -> list[str]:
    """The texts of the paragraphs the edited template adds, on the page at `url`."""
    tree = lxml.html.fromstring((project.site / url).read_bytes())
    return [p.text_content() for p in tree.xpath('//article/p[@class="mau-moi"]')]


def article_url(preview, name: str) -> str:
    [url] = [url for path, url in preview.urls_by_path.items() if path.endswith(name)]
    return url


def test_a_template_edit_redraws_the_pages_the_browser_showed_first(own_templates, preview,
                                                                    tmp_path):
    shown, other = article_url(preview, "dak-lak-2020.md"), article_url(preview, "bac-giang-2021.md")
    preview.visit(shown.removesuffix("index.html"))   # as the browser asks for it
    before = stamps(own_templates)
    edit(Path(own_templates.templates) / "article.html", "<article>",
         "<article>\n<p class=\"mau-moi\">Mẫu mới</p>")
    result = preview.rebuild(paths=changed(before, stamps(own_templates)))
    assert result.rendered == 1 and not result.errors
    assert new_paragraph(own_templates, shown) == ["Mẫu mới"]
    assert new_paragraph(own_templates, other) == []   # the rest waits
    assert preview.last.full_due
    assert preview.finish_saves()
    assert new_paragraph(own_templates, other) == ["Mẫu mới"]
    assert tree(own_templates.site) == cold_build(own_templates, tmp_path)


@pytest.mark.parametrize("change, text, why", [
    ("article.html", "{% if %}", "a broken template: the full build says where"),
    ("static/style.css", "body { color: red }", "a static file"),
])
def test_template_saves_the_quick_rebuild_leaves_to_the_full_build(own_templates, preview,
                                                                   change, text, why):
    preview.visit(article_url(preview, "dak-lak-2020.md"))
    before = stamps(own_templates)
    target = Path(own_templates.templates) / change
    target.write_text(target.read_text(encoding="utf-8") + text, encoding="utf-8")
    site = preview.last and preview.last.site
    result = preview.rebuild(paths=changed(before, stamps(own_templates)))
    assert result.site is not site or result.errors, why
    if "broken" in why:
        assert result.errors and "article.html" in result.errors[0].path


def test_a_template_edit_with_no_page_shown_yet_takes_the_full_build(own_templates, preview):
    before = stamps(own_templates)
    edit(Path(own_templates.templates) / "article.html", "<article>", "<article>\n<p>Mới</p>")
    site = preview.last.site
    assert preview.rebuild(paths=changed(before, stamps(own_templates))).site is not site


def test_a_deleted_page_leaves_the_pages_the_browser_showed_first(own_templates, preview,
                                                                   tmp_path):
    gone = article_url(preview, "dien-bien-2021.md")
    home = own_templates.site / "index.html"
    assert gone in home.read_text(encoding="utf-8")
    preview.visit("")                                    # the browser shows the home page
    result = save(own_templates, preview, "delete")
    assert result.rendered == 1
    assert gone not in home.read_text(encoding="utf-8")  # at once
    assert (own_templates.site / gone).exists()          # the rest waits
    assert preview.last.full_due
    preview.finish_saves()
    assert not (own_templates.site / gone).exists()
    assert tree(own_templates.site) == cold_build(own_templates, tmp_path)


def test_deleting_a_page_another_links_to_takes_the_full_build_which_says_so(own_templates,
                                                                              preview):
    preview.visit("")
    before = stamps(own_templates)
    (own_templates.content / "dak-lak-2020.md").unlink()  # 2019/lang-son-ket-qua-2018.md links it
    result = preview.rebuild(paths=changed(before, stamps(own_templates)))
    assert [p.code for p in result.errors] == ["link-broken"]
    assert result.errors[0].path.endswith("lang-son-ket-qua-2018.md")


def test_the_pages_shown_last_pass_over_those_no_longer_planned(own_templates, preview):
    from digest.quick import VISITED_FIRST, last_shown

    urls = [page.url for page in preview.last.pages if page.url.endswith(".html")]
    visited = ["bai-viet/da-xoa/index.html"] + urls[:VISITED_FIRST + 1]  # the last first
    assert [p.url for p in last_shown(preview.last.pages, visited)] == urls[:VISITED_FIRST]


def test_a_new_page_with_a_warning_shows_at_once_and_the_warning_after(own_templates, preview):
    before = stamps(own_templates)
    own_templates.write("moi.md", "---\ntitle: Bài mới\ndate: 2022-01-05\nprovince: Hà Nội\n"
                                  "review_year: 2021\ntopics: [Chủ đề lạ]\n---\nMới.\n")
    result = preview.rebuild(paths=changed(before, stamps(own_templates)))
    assert result.rendered == 1 and preview.last.full_due      # the page, at once
    said = len(preview.said)
    preview.finish_saves()
    assert any("Chủ đề lạ" in line for line in preview.said[said:])  # then its warning
