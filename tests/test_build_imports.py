"""The build imports new seeds first; an unfinished imported draft never stops it."""

from __future__ import annotations

import build

SEED = """Thứ hai, 12/02/2024

Sở Thông tin và Truyền thông tỉnh Bắc Ninh tổng kết năm 2023

Ngày 8/1/2024, Sở Thông tin và Truyền thông tỉnh Bắc Ninh tổ chức hội nghị tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024.

Năm 2023, toàn tỉnh có 126 điểm phục vụ bưu chính; 100% xã có cáp quang.

Ngọc Anh
"""

UNDATED = """Một bài không có ngày tháng

Sở Thông tin và Truyền thông tổ chức hội nghị về chuyển đổi số.

PV
"""


def run(project, *args) -> int:
    return build.main([args[0], "--config", str(project.config), *args[1:]])


def test_a_new_seed_shows_up_on_the_next_build(project, capsys):
    assert run(project, "build") == 0
    capsys.readouterr()
    (project.root / "seeds" / "bn.txt").write_text(SEED, encoding="utf-8")
    assert run(project, "build") == 0
    out = capsys.readouterr().out
    assert "bn.txt: wrote " in out and "content/2024-01-08-" in out
    pages = [p for p in project.content.glob("*.md") if "bn.txt" in p.read_text(encoding="utf-8")]
    assert len(pages) == 1
    province = project.page("tinh/bac-ninh/index.html")
    assert province.heading_texts(1) == ["Bắc Ninh"]
    assert "Sở Thông tin và Truyền thông tỉnh Bắc Ninh tổng kết năm 2023" in province.text
    assert run(project, "build") == 0
    assert "bn.txt" not in capsys.readouterr().out  # imported once, then quiet


def test_an_unfinished_imported_draft_does_not_stop_the_build(project, capsys):
    (project.root / "seeds" / "undated.txt").write_text(UNDATED, encoding="utf-8")
    assert run(project, "build") == 0
    out = capsys.readouterr().out
    assert "undated.txt: written as a draft" in out
    assert "(this draft stays out of the site until then)" in out
    assert "Một bài không có ngày tháng" not in project.page("index.html").text


def test_import_command(project, capsys):
    (project.root / "seeds" / "bn.txt").write_text(SEED, encoding="utf-8")
    assert run(project, "import") == 0
    assert "Import: 1 seed(s): 1 written" in capsys.readouterr().out
    assert run(project, "import") == 0
    assert "0 written, 0 updated, 1 already imported" in capsys.readouterr().out
    assert run(project, "import", "--seeds", str(project.root / "nowhere")) == 2
    assert "no such folder" in capsys.readouterr().err
