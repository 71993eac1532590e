"""The importer and a seed's photos and documents (issue 24): it reads text only,
so it says what it could not fetch, and never writes a reference to a file it
does not have."""

from __future__ import annotations

import build
from test_github_import import SEED

WITH_MEDIA = SEED.replace(
    "Năm 2023, toàn tỉnh",
    "Ảnh\n\nĐồng chí Giám đốc Sở phát biểu tại hội nghị\n\nNăm 2023, toàn tỉnh") + \
    "\nFile đính kèm: Bao cao tong ket 2023.pdf\n"


def run_import(project, capsys, seed: str) -> tuple[str, str]:
    (project.root / "seeds" / "bac-ninh.txt").write_text(seed, encoding="utf-8")
    assert build.main(["import", "--config", str(project.config)]) == 0
    report = capsys.readouterr().out
    [page] = [p for p in project.content.rglob("*.md") if "bac-ninh" in p.read_text("utf-8")
              or "Bắc Ninh" in p.read_text("utf-8")]
    return report, page.read_text(encoding="utf-8")


def test_photos_and_documents_the_seed_shows_are_reported_not_invented(project, capsys):
    report, page = run_import(project, capsys, WITH_MEDIA)
    assert ('bac-ninh.txt: the seed shows 1 photo ("Đồng chí Giám đốc Sở phát biểu tại hội '
            'nghị") that the importer cannot fetch') in report
    assert ("bac-ninh.txt: the seed offers 1 document (Bao cao tong ket 2023.pdf) that the "
            "importer cannot fetch") in report
    assert "![" not in page and ".jpg" not in page  # no reference to a file it does not have


def test_a_seed_without_photos_says_nothing_of_them(project, capsys):
    report, _page = run_import(project, capsys, SEED)
    assert "the seed shows" not in report and "the seed offers" not in report


def test_the_report_of_photos_in_vietnamese(project, capsys, monkeypatch):
    monkeypatch.setenv("DIGEST_LANG", "vi")
    report, _page = run_import(project, capsys, WITH_MEDIA)
    assert "tệp nguồn có 1 ảnh (\"Đồng chí Giám đốc Sở phát biểu tại hội nghị\")" in report
    assert "tệp nguồn có 1 tài liệu (Bao cao tong ket 2023.pdf)" in report
