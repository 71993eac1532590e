"""`python build.py new`, and nothing lost when a command is interrupted."""

from __future__ import annotations

import os
import shutil

import pytest
import yaml

import build
from digest.write import fsutil
from digest.write import folder as write
from digest.content.schema import KNOWN_KEYS


def run(project, *args) -> int:
    return build.main([args[0], "--config", str(project.config), *args[1:]])


def test_new_writes_every_field_and_the_page_builds(project, capsys):
    assert run(project, "new", "Hà Giang: tổng kết năm 2022", "--province", "Hà Giang",
               "--review-year", "2022", "--plan-year", "2023", "--date", "2023-01-10") == 0
    shown = capsys.readouterr().out.splitlines()[0]  # the path first; how to publish after
    path = project.content / "2023-01-10-ha-giang-tong-ket-nam-2022.md"
    assert shown.endswith("content/2023-01-10-ha-giang-tong-ket-nam-2022.md")
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["title"] == "Hà Giang: tổng kết năm 2022"
    assert front["province"] == "Hà Giang" and front["review_year"] == 2022
    assert front["plan_year"] == 2023 and str(front["date"]) == "2023-01-10"
    assert set(front) == KNOWN_KEYS
    assert front["slug"] == "ha-giang-tong-ket-nam-2022"  # pinned: the address never moves
    assert run(project, "build", "--drafts") == 0  # `new` starts a draft
    page = project.page("bai-viet/ha-giang-tong-ket-nam-2022/index.html")
    assert page.heading_texts(1) == ["Hà Giang: tổng kết năm 2022"]


def test_new_pins_a_free_address(project, capsys):
    (project.content / "cu.md").write_text(
        "---\ntitle: Một bài\ndate: 2023-05-01\nplan_year: 2024\n---\nCũ.\n", encoding="utf-8")
    assert run(project, "new", "Một bài", "--plan-year", "2024", "--date", "2024-01-05") == 0
    path = project.content / "2024-01-05-mot-bai.md"
    assert yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])["slug"] == \
        "mot-bai-2024-01-05"
    assert run(project, "build", "--drafts") == 0
    assert (project.site / "bai-viet/mot-bai/index.html").is_file()  # the old page kept its own
    assert (project.site / "bai-viet/mot-bai-2024-01-05/index.html").is_file()


def test_new_suggests_a_province_for_a_misspelt_name(project, capsys):
    # Issue 15 changed this: "Ha Giang" is now accepted (tests/test_new_draft.py);
    # a name that folds to no province is still refused, with suggestions.
    assert run(project, "new", "Tiêu đề", "--province", "Ha Gian", "--review-year", "2022") == 2
    err = capsys.readouterr().err
    assert 'error: --province "Ha Gian" is not a province — did you mean "Hà Giang"' in err
    assert not list(project.content.glob("*tieu-de*"))


def test_new_refuses_to_overwrite(project, capsys):
    args = ("new", "Một bài", "--plan-year", "2024", "--date", "2024-01-05")
    assert run(project, *args) == 0
    path = project.content / "2024-01-05-mot-bai.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nBiên tập viên đã sửa.\n", encoding="utf-8")
    before = path.read_bytes()
    assert run(project, *args) == 2
    assert "already exists — it was left as it is" in capsys.readouterr().err
    assert path.read_bytes() == before


@pytest.mark.parametrize("args,message", [
    (("new", ""), "the title is empty"),
    (("new", "A", "--review-year", "2020", "--date", "10/01/2020"), "is not a valid date"),
    (("new", "A"), "give --review-year"),
    (("new", "A", "--plan-year", "20245"), "out of range"),
])
def test_new_explains_wrong_requests(project, capsys, args, message):
    assert run(project, *args) == 2
    assert message in capsys.readouterr().err


def test_atomic_write_leaves_the_old_file_whole_when_interrupted(tmp_path, monkeypatch):
    path = tmp_path / "page.md"
    path.write_text("cũ", encoding="utf-8")

    def interrupted(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fsutil.atomic_write(path, "mới")
    assert path.read_text(encoding="utf-8") == "cũ"
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]


def test_an_interrupted_build_leaves_the_site_and_no_debris(built, monkeypatch):
    before = {p: p.read_bytes() for p in built.site.rglob("*") if p.is_file()}
    (built.content / "dak-lak-2020.md").write_text(
        (built.content / "dak-lak-2020.md").read_text(encoding="utf-8").replace("Ngày 10/1", "Hôm 10/1"),
        encoding="utf-8")
    real = write._same_bytes
    calls = []

    def ctrl_c_midway(path, data):
        calls.append(path)
        if len(calls) == 10:
            raise KeyboardInterrupt
        return real(path, data)

    monkeypatch.setattr(write, "_same_bytes", ctrl_c_midway)
    shutil.rmtree(built.root / ".cache")  # so that every page is rendered again
    with pytest.raises(KeyboardInterrupt):
        built.build()
    assert {p: p.read_bytes() for p in built.site.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in built.root.iterdir()) == ["config.yaml", "content", "seeds", "site"]
    assert built.build() == 0  # and the next build just works


def test_an_interrupted_import_leaves_whole_pages_only(project, monkeypatch):
    from digest.importer import run as importer_run
    seeds = project.root / "seeds"
    for n in range(3):
        (seeds / f"s{n}.txt").write_text(
            f"Sở Thông tin và Truyền thông tỉnh Bắc Ninh tổng kết năm 202{n}\n\n"
            f"Ngày 8/1/202{n + 1}, Sở Thông tin và Truyền thông tỉnh Bắc Ninh tổng kết năm "
            f"202{n}.\n\nNgọc Anh\n", encoding="utf-8")
    real = importer_run.extract
    seen = []

    def ctrl_c_on_the_third(text, source, gaz=None):
        seen.append(source)
        if len(seen) == 3:
            raise KeyboardInterrupt
        return real(text, source, gaz)

    monkeypatch.setattr(importer_run, "extract", ctrl_c_on_the_third)
    before = set(project.content.rglob("*"))
    with pytest.raises(KeyboardInterrupt):
        run(project, "import")
    assert set(project.content.rglob("*")) == before  # extracted first, written after: none
    monkeypatch.setattr(importer_run, "extract", real)
    assert run(project, "import") == 0
    new = set(project.content.rglob("*")) - before
    assert len(new) == 3 and not any(p.name.startswith(".") for p in new)
    for path in new:
        assert path.read_text(encoding="utf-8").startswith("---\ntitle: ")


def test_write_new_interrupted_leaves_nothing(tmp_path, monkeypatch):
    def interrupted(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "link", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fsutil.write_new(tmp_path / "new.md", "nội dung")
    assert list(tmp_path.iterdir()) == []
