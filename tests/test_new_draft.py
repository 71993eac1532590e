"""`new` starts a draft an editor can finish; provinces typed without diacritics;
the province's name as in force on the page's date."""

from __future__ import annotations

import yaml

import build
from digest import newpage
from digest.lexicon.places import DEFAULT_PATH, load_gazetteer


def run(project, *args) -> int:
    return build.main([args[0], "--config", str(project.config), *args[1:]])


def front(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def new(project, capsys, *args, title="Tổng kết năm 2022"):
    code = run(project, "new", title, "--review-year", "2022", "--date", "2023-01-10", *args)
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


PATH = "2023-01-10-tong-ket-nam-2022.md"


def finish(path) -> None:
    """What an editor does before publishing: a summary and the article's text."""
    text = path.read_text(encoding="utf-8")
    text = text.replace('summary: ""', "summary: Tổng kết năm 2022 của Sở.")
    body_start = text.index("\n---\n", 4) + 5
    path.write_text(text[:body_start] + "Năm 2022, Sở đã hoàn thành các nhiệm vụ.\n",
                    encoding="utf-8")


def test_new_writes_a_draft_and_says_how_to_publish(project, capsys):
    code, out, _ = new(project, capsys)
    assert code == 0
    path = project.content / PATH
    assert out[0].endswith(f"content/{PATH}")
    assert front(path)["draft"] is True
    assert out[-1].startswith('It is a draft ("draft: true")')
    assert 'set "draft: false"' in out[-1] and "new … --publish" in out[-1]

    # check: the unfinished parts are reminders, not errors, while it is a draft
    assert run(project, "check") == 0
    lines = capsys.readouterr().out.splitlines()
    mine = [line for line in lines if PATH in line]
    assert mine == [
        f"warning: content/{PATH}:9: summary: is empty — write one or two sentences for "
        "lists, search results and feeds (a reminder while the page is a draft; an error "
        "once it is published)",
        f'warning: content/{PATH}:19: the text is still the placeholder "Viết nội dung bài ở '
        'đây…" — replace it with the article (a reminder while the page is a draft; an '
        "error once it is published)",
        f"warning: content/{PATH}:4: province: not set — the page is listed under "
        "'Chưa xác định tỉnh' until you write its province"]

    # the site builds without it
    assert run(project, "build") == 0
    assert not (project.site / "bai-viet/tong-ket-nam-2022").exists()
    assert "Tổng kết năm 2022" not in project.page("dong-thoi-gian/index.html").text


def test_new_publish_writes_a_published_page_that_must_be_finished(project, capsys):
    code, out, _ = new(project, capsys, "--publish", "--province", "Lạng Sơn")
    assert code == 0 and not any("draft" in line for line in out[1:])
    path = project.content / PATH
    assert front(path)["draft"] is False

    # published, the placeholder and the empty summary are errors: the build stops
    assert run(project, "build") == 1
    out = capsys.readouterr().out
    assert f"error: content/{PATH}:9: summary: is empty — write one or two sentences" in out
    assert f"error: content/{PATH}:19: the text is still the placeholder" in out
    assert "(a reminder while" not in out

    finish(path)
    assert run(project, "build") == 0
    page = project.page("bai-viet/tong-ket-nam-2022/index.html")
    assert page.heading_texts(1) == ["Tổng kết năm 2022"]
    assert "Năm 2022, Sở đã hoàn thành các nhiệm vụ." in page.text


def test_a_province_without_diacritics_that_folds_to_one_is_accepted(project, capsys):
    code, out, err = new(project, capsys, "--province", "Ha Giang")
    assert code == 0, err
    assert out[1] == ('--province "Ha Giang": read as "Hà Giang" (the only province written '
                      "so without diacritics)")
    assert front(project.content / PATH)["province"] == "Hà Giang"


def test_level_word_case_and_hyphens_fold_too(project, capsys):
    code, out, err = new(project, capsys, "--province", "tinh ba ria-vung tau")
    assert code == 0, err
    assert front(project.content / PATH)["province"] == "Bà Rịa - Vũng Tàu"


def test_an_unknown_province_is_refused_with_suggestions(project, capsys):
    code, out, err = new(project, capsys, "--province", "Ha Gian")
    assert code == 2
    assert err.strip() == ('error: --province "Ha Gian" is not a province — did you mean '
                           '"Hà Giang" or "Hậu Giang" or "An Giang"?')
    assert not list(project.content.glob("*tong-ket*"))


def test_an_ambiguous_province_is_refused_with_those_that_fold_equal_first(
        project, capsys, tmp_path, monkeypatch):
    # No two of today's units fold alike, so the test gives one a spelling that does:
    # "Hạ Giang" for Hậu Giang folds as "Hà Giang" does.
    data = DEFAULT_PATH.read_text(encoding="utf-8").replace(
        "  - name: Hậu Giang\n", "  - name: Hậu Giang\n    variants: [Hạ Giang]\n", 1)
    assert "Hạ Giang" in data
    (tmp_path / "provinces.yaml").write_text(data, encoding="utf-8")
    gazetteer = load_gazetteer(tmp_path / "provinces.yaml")
    monkeypatch.setattr(newpage, "load_gazetteer", lambda: gazetteer)

    code, out, err = new(project, capsys, "--province", "Ha Giang")
    assert code == 2
    assert err.strip() == ('error: --province "Ha Giang" could be several provinces — did you '
                           'mean "Hà Giang" or "Hậu Giang" or "An Giang"?')
    code, out, err = new(project, capsys, "--province", "Hà Giang")  # exact: no question
    assert code == 0 and front(project.content / PATH)["province"] == "Hà Giang"


def test_an_old_unit_after_1_july_2025_is_written_as_what_it_became(project, capsys):
    code = run(project, "new", "Tổng kết năm 2025", "--province", "Hà Giang",
               "--review-year", "2025", "--date", "2026-01-08")
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[1] == ('--province: "Hà Giang" became part of "Tuyên Quang" on 2025-07-01; '
                      'on 2026-01-08 the province is "Tuyên Quang", which the page says')
    path = project.content / "2026-01-08-tong-ket-nam-2025.md"
    assert front(path)["province"] == "Tuyên Quang"
    assert run(project, "check") == 0
    assert "did not exist on" not in capsys.readouterr().out  # check agrees with `new`


def test_the_name_in_force_before_a_rename_is_written(project, capsys):
    code = run(project, "new", "Tổng kết năm 2019", "--province", "Huế",
               "--review-year", "2019", "--date", "2020-01-08")
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[1] == ('--province: on 2020-01-08 "Huế" was called "Thừa Thiên Huế", which the '
                      "page says")
    assert front(project.content / "2020-01-08-tong-ket-nam-2019.md")["province"] == \
        "Thừa Thiên Huế"


def test_a_province_in_force_is_written_without_a_note(project, capsys):
    code, out, _ = new(project, capsys, "--province", "Lạng Sơn")
    assert code == 0 and not any(line.startswith("--province") for line in out)
    assert front(project.content / PATH)["province"] == "Lạng Sơn"


def test_an_imported_pages_empty_summary_is_a_warning_not_an_error(project, capsys):
    """The importer lists such gaps in its report; an imported page never stops a build."""
    text = ('---\ntitle: Bài nhập\ndate: 2020-01-10\nprovince: Lạng Sơn\nreview_year: 2019\n'
            'summary: ""\nimported: {fingerprint: "0"}\n---\nNội dung.\n')
    project.write("nhap.md", text)
    assert run(project, "build") == 0
    assert "warning: content/nhap.md:6: summary: is empty" in capsys.readouterr().out
    project.write("nhap.md", text.replace('imported: {fingerprint: "0"}\n', ""))
    assert run(project, "build") == 1  # written by hand and published: an error
    assert "error: content/nhap.md:6: summary: is empty" in capsys.readouterr().out
