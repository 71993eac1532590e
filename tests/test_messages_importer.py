"""The importer's and `new`'s messages in Vietnamese, the default language: the
twins of the English ones the other tests assert (issue 23)."""

from __future__ import annotations

import build
from digest import i18n
from digest.github import annotation_title, import_report_markdown
from digest.problems import Problem
from test_github_import import add_seed, page_of


def run(project, *args) -> int:
    return build.main([args[0], "--config", str(project.config), *args[1:]])


def in_vietnamese(monkeypatch):
    monkeypatch.setenv(i18n.ENV, "vi")


def test_import_reports_each_seed_and_the_totals_in_vietnamese(project, capsys, monkeypatch):
    in_vietnamese(monkeypatch)
    add_seed(project)
    report = project.root / "report.md"
    assert run(project, "import", "--report", str(report)) == 0
    out = capsys.readouterr().out
    assert "bn.txt: đã ghi " in out
    assert "ngày 2024-01-08 (ngày diễn ra sự kiện trong đoạn mở đầu), tỉnh Bắc Ninh" in out
    assert "năm tổng kết 2023, năm kế hoạch 2024, tác giả Ngọc Anh" in out
    assert ("Nhập: 1 tệp nguồn: 1 trang mới, 0 đã cập nhật, 0 đã nhập từ trước, "
            "0 trang đã sửa được giữ nguyên, 0 bỏ qua (trang đã bị xóa), 0 lỗi.") in out
    assert "written" not in out and "seed(s)" not in out

    # The pull request's description: the same lines, one item per seed, in Vietnamese.
    markdown = report.read_text(encoding="utf-8")
    assert markdown.startswith("Các trang được nhập từ `seeds/` bằng `python build.py import`.")
    assert "\n**Nhập: 1 tệp nguồn: 1 trang mới," in markdown
    assert "\n- **bn.txt**: đã ghi " in markdown

    # Again: nothing new, and the seed that has a page cannot be brought back.
    assert run(project, "import", "--again", "bn.txt") == 0
    out = capsys.readouterr().out
    assert "bn.txt: --again: tệp nguồn này đã có trang, " in out
    assert "Nhập: 1 tệp nguồn: 0 trang mới, 0 đã cập nhật, 1 đã nhập từ trước" in out
    assert run(project, "import", "--again", "khong-co.txt") == 1
    assert "khong-co.txt: --again: không có tệp nguồn này trong thư mục seeds — hãy ghi" in \
        capsys.readouterr().out

    # A deleted page is skipped, with the command that brings it back.
    page_of(project).unlink()
    assert run(project, "import") == 0
    assert ("bn.txt: bỏ qua: trang của tệp nguồn này đã bị xóa — lệnh "
            "`python build.py import --again bn.txt` sẽ nhập lại trang") in capsys.readouterr().out


def test_import_says_what_an_editor_must_fill_in_in_vietnamese(project, capsys, monkeypatch):
    in_vietnamese(monkeypatch)
    (project.root / "seeds" / "trong.txt").write_text("   \n", encoding="utf-8")
    (project.root / "seeds" / "thieu.txt").write_text(
        "Một bài viết không có ngày tháng\n\nNội dung ngắn về công nghệ thông tin.\n",
        encoding="utf-8")
    assert run(project, "import") == 1
    out = capsys.readouterr().out
    assert "seeds/trong.txt: tệp trống — không có gì để nhập" in out
    assert 'thieu.txt: date: không tìm thấy trong bài — hãy ghi "date:" trong ' in out
    assert 'thieu.txt: đã ghi thành bản nháp — hãy đặt "draft: false" trong ' in out
    page = page_of(project, "thieu.txt").read_text(encoding="utf-8")
    assert "# hãy đổi thành false sau khi đã điền các trường được ghi chú ở trên" in page
    assert "date: null  # không tìm thấy trong bài — hãy ghi ngày diễn ra sự kiện" in page


def test_import_markdown_keeps_seed_and_rest_apart_in_vietnamese():
    i18n.use("vi")
    lines = ["a.txt: đã ghi content/a.md — ngày ?", "a.txt: date: không tìm thấy — hãy ghi",
             "Nhập: 1 tệp nguồn: 1 trang mới."]
    markdown = import_report_markdown(lines)
    assert "- **a.txt**: đã ghi content/a.md — ngày ?\n  - date: không tìm thấy — hãy ghi\n" \
        in markdown
    assert "**Nhập: 1 tệp nguồn: 1 trang mới.**" in markdown
    assert "**Nhập: không có gì để nhập.**" in import_report_markdown([])
    assert annotation_title(Problem("a.md", 1, "không có gì")) == "build.py check: trang"
    assert annotation_title(Problem("a.md", 1, "province: x")) == "build.py check: province"


def test_new_prints_the_page_and_the_draft_note_in_vietnamese(project, capsys, monkeypatch):
    in_vietnamese(monkeypatch)
    assert run(project, "new", "Bản tin thử", "--province", "Ha Giang", "--review-year",
               "2022", "--date", "2023-01-10") == 0
    out = capsys.readouterr().out
    assert '--province "Ha Giang": được hiểu là "Hà Giang"' in out
    assert 'Đây là bản nháp ("draft: true"): trang web chưa đưa trang này lên' in out
    page = next(project.content.glob("2023-01-10-ban-tin-thu.md")).read_text(encoding="utf-8")
    assert "# ngày diễn ra sự kiện, nếu không có thì ngày đăng bài" in page
    assert "# số liệu chính, ví dụ:" in page
    assert "review_year: 2022" in page and "draft: true" in page  # the keys stay as they are

    assert run(project, "new", "Bản tin khác", "--review-year", "1900") == 2
    assert "lỗi: --review-year 1900 nằm ngoài khoảng cho phép — hãy ghi một năm như " in \
        capsys.readouterr().err
    assert run(project, "new", "Bản tin khác") == 2
    assert "lỗi: hãy ghi --review-year (năm tổng kết" in capsys.readouterr().err
    assert run(project, "new", "Bản tin khác", "--review-year", "2022",
               "--province", "Không Có") == 2
    assert 'lỗi: --province "Không Có" không phải là tên tỉnh — ' in capsys.readouterr().err


def test_a_seed_without_a_page_stops_a_no_import_build_in_vietnamese(project, capsys,
                                                                      monkeypatch):
    in_vietnamese(monkeypatch)
    add_seed(project)
    assert run(project, "build", "--no-import") == 1
    # ("error: " before it is the build's own word, translated with the other problems)
    assert ("seeds/bn.txt: tệp nguồn này chưa có trang trong thư mục content/, và lần "
            "dựng trang này không nhập tệp nguồn (vì chạy trên CI hoặc với --no-import) — hãy "
            "chạy `python build.py import`") in capsys.readouterr().out


def test_the_seed_without_a_page_has_a_code_in_both_languages(project):
    from digest.config import load_config
    from digest.seeding import seeds_without_pages

    add_seed(project)
    config = load_config(str(project.config))
    for lang in ("en", "vi"):
        i18n.use(lang)
        [problem] = seeds_without_pages(config, set())
        assert problem.code == "seed-without-page" and problem.path == "seeds/bn.txt"
    assert "tệp nguồn này chưa có trang" in problem.message
