"""Seeds are imported once (the ledger, seeds/imported.list): a deleted page stays
deleted, `import --again` restores it; builds on CI never import, and refuse a
seed without a page."""

from __future__ import annotations

import build
from conftest import REPO
from digest.ledger import LEDGER_NAME, read_ledger, seed_names
from digest.importer.run import scan_content

SEED = """Thứ hai, 12/02/2024

Sở Thông tin và Truyền thông tỉnh Bắc Ninh tổng kết năm 2023

Ngày 8/1/2024, Sở Thông tin và Truyền thông tỉnh Bắc Ninh tổ chức hội nghị tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024.

Năm 2023, toàn tỉnh có 126 điểm phục vụ bưu chính; 100% xã có cáp quang.

Ngọc Anh
"""
TITLE = "Sở Thông tin và Truyền thông tỉnh Bắc Ninh tổng kết năm 2023"


def run(project, *args) -> int:
    return build.main([args[0], "--config", str(project.config), *args[1:]])


def add_seed(project, name="bn.txt"):
    (project.root / "seeds" / name).write_text(SEED, encoding="utf-8")


def page_of(project, name="bn.txt"):
    return scan_content(project.content).sources.get(name)


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_deleted_page_is_not_imported_again_and_again_brings_it_back(project, capsys):
    add_seed(project)
    assert run(project, "build") == 0
    assert "bn.txt: wrote " in capsys.readouterr().out
    assert read_ledger(project.root / "seeds") == {"bn.txt"}
    assert project.page("tinh/bac-ninh/index.html").heading_texts(1) == ["Bắc Ninh"]

    # The editor deletes the page: that is the only change in the repository.
    seeds_before = snapshot(project.root / "seeds")
    page_of(project).unlink()
    assert run(project, "build") == 0
    out = capsys.readouterr().out
    assert "bn.txt" not in out  # the build stays quiet about it
    assert page_of(project) is None
    assert not (project.site / "tinh/bac-ninh").exists()
    assert TITLE not in project.page("dong-thoi-gian/index.html").text
    assert snapshot(project.root / "seeds") == seeds_before  # the ledger did not change

    # `import` lists it once, and writes nothing
    content_before = snapshot(project.content)
    assert run(project, "import") == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if "bn.txt" in line] == [
        "bn.txt: skipped: its page was deleted — `python build.py import --again bn.txt` "
        "brings it back"]
    assert lines[-1] == ("Import: 1 seed(s): 0 written, 0 updated, 0 already imported, "
                         "0 edited page(s) kept, 1 skipped (page deleted), 0 failed.")
    assert snapshot(project.content) == content_before
    assert snapshot(project.root / "seeds") == seeds_before

    # --again brings it back, and the next build publishes it
    assert run(project, "import", "--again", "seeds/bn.txt") == 0
    assert "bn.txt: wrote " in capsys.readouterr().out
    assert page_of(project) is not None
    assert run(project, "build") == 0
    page = project.page("tinh/bac-ninh/index.html")
    assert page.heading_texts(1) == ["Bắc Ninh"] and TITLE in page.text


def test_again_explains_a_seed_it_cannot_bring_back(project, capsys):
    add_seed(project)
    assert run(project, "import") == 0
    capsys.readouterr()
    assert run(project, "import", "--again", "bn.txt") == 0
    out = capsys.readouterr().out
    assert "bn.txt: --again: it has a page already, " in out and "0 written" in out
    assert run(project, "import", "--again", "khong-co.txt") == 1
    assert "khong-co.txt: --again: there is no such seed in the seeds folder" in \
        capsys.readouterr().out


def test_pages_written_before_the_ledger_are_recorded_not_reimported(project, capsys):
    add_seed(project)
    assert run(project, "import") == 0
    (project.root / "seeds" / LEDGER_NAME).unlink()  # a project from before the ledger
    assert run(project, "import") == 0
    assert "0 written, 0 updated, 1 already imported" in capsys.readouterr().out
    assert read_ledger(project.root / "seeds") == {"bn.txt"}


def test_a_damaged_ledger_never_stops_the_import(project, capsys):
    add_seed(project)
    add_seed(project, "hn.txt")
    # a merge conflict left in the file, and bytes that are not UTF-8
    (project.root / "seeds" / LEDGER_NAME).write_bytes(
        b"<<<<<<< HEAD\nbn.txt\n=======\n\xff\xfe\n>>>>>>> import/seeds\n")
    assert run(project, "import") == 0
    out = capsys.readouterr().out
    assert "bn.txt: skipped: its page was deleted" in out  # its name was listed
    assert "hn.txt: wrote " in out
    assert read_ledger(project.root / "seeds") == {"bn.txt", "hn.txt"}
    assert (project.root / "seeds" / LEDGER_NAME).read_text(encoding="utf-8").splitlines()[-2:] \
        == ["bn.txt", "hn.txt"]


def test_on_ci_the_build_refuses_a_seed_without_a_page(built, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    site_before = snapshot(built.site)
    add_seed(built)
    assert run(built, "build") == 1
    out = capsys.readouterr().out
    assert ("error: seeds/bn.txt: this seed has no page in content/, and this build does not "
            "import seeds (it runs on CI, or with --no-import) — run `python build.py import` "
            "and commit the new page") in out
    assert page_of(built) is None  # nothing imported
    assert snapshot(built.site) == site_before  # the published site stays as it was

    # once the page is imported (the import workflow's pull request, merged), it builds
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert run(built, "import") == 0
    monkeypatch.setenv("CI", "true")
    assert run(built, "build") == 0
    assert TITLE in built.page("tinh/bac-ninh/index.html").text


def test_no_import_refuses_and_a_deleted_pages_seed_is_no_error(project, capsys):
    add_seed(project)
    assert run(project, "build", "--no-import") == 1
    assert "error: seeds/bn.txt: this seed has no page in content/" in capsys.readouterr().out
    assert run(project, "import") == 0
    page_of(project).unlink()
    assert run(project, "build", "--no-import") == 0  # deleted on purpose: not an error


def test_ci_false_still_imports(project, capsys, monkeypatch):
    monkeypatch.setenv("CI", "false")
    add_seed(project)
    assert run(project, "build") == 0
    assert "bn.txt: wrote " in capsys.readouterr().out


def test_the_repositorys_seeds_are_all_in_its_ledger():
    """A fresh clone imports nothing: every seed is listed and has its page."""
    seeds = REPO / "seeds"
    names = seed_names(seeds)
    assert len(names) >= 5
    assert set(names) <= read_ledger(seeds)
    sources = scan_content(REPO / "content").sources
    assert [name for name in names if name not in sources] == []
