"""The content checks speak Vietnamese by default: the same problems as tests/test_check.py,
read in Vietnamese, with the `file:line:` prefix and the JSON `code` unchanged."""

from __future__ import annotations

import json

import pytest

import build

GOOD = ("---\ntitle: Tốt\ndate: 2020-01-13\nprovince: Lạng Sơn\nreview_year: 2019\n"
        "summary: Tóm tắt.\n---\nThân bài.\n")

# (file name, file text, the exact line expected after "error: ", its code)
BROKEN = [
    ("month13.md", "---\ntitle: A\ndate: 2019-13-01\nreview_year: 2019\n---\n",
     'content/month13.md:3: date: "2019-13-01" không phải là ngày hợp lệ — hãy ghi theo '
     "dạng YYYY-MM-DD (năm-tháng-ngày)", "date-format"),
    ("province.md", "---\ntitle: A\ndate: 2020-01-13\nprovince: Xyzzy\nreview_year: 2019\n---\n",
     'content/province.md:4: province: "Xyzzy" không phải là tên tỉnh — hãy ghi tên tỉnh như '
     '"Lạng Sơn" hoặc "Thành phố Hồ Chí Minh", hoặc ghi null', "province-unknown"),
    ("near.md", "---\ntitle: A\ndate: 2020-01-13\nprovince: Hà Nọi\nreview_year: 2019\n---\n",
     'content/near.md:4: province: "Hà Nọi" không phải là tên tỉnh — có phải bạn muốn ghi '
     '"Hà Nội" hoặc "Hà Nam" hoặc "Hà Tĩnh"?', "province-unknown"),
    ("notitle.md", "---\ndate: 2020-01-13\nprovince: Lạng Sơn\nreview_year: 2019\n---\n",
     'content/notitle.md: title: còn thiếu — hãy thêm dòng "title: …" vào phần đầu trang '
     "(front matter)", "title-missing"),
    ("tab.md", "---\ntitle: A\n\tdate: 2020-01-13\n---\n",
     "content/tab.md:3: lỗi cú pháp YAML: có ký tự tab — hãy thụt lề bằng dấu cách, không "
     "dùng tab", "yaml-syntax"),
    ("twice.md", "---\ntitle: A\ndate: 2020-01-13\ntitle: B\nreview_year: 2019\n---\n",
     "content/twice.md:4: title: xuất hiện hai lần (cả ở dòng 2) — hãy giữ lại một dòng",
     "key-duplicate"),
    ("link.md", GOOD.replace("Tốt", "Liên kết").replace("Thân bài.", "Xem [bài kia](khong-co.md)."),
     "content/link.md:8: liên kết tới khong-co.md: không có trang này trong thư mục content/ "
     "— hãy sửa tên tệp hoặc xóa liên kết", "link-broken"),
]


@pytest.fixture
def vi(project, monkeypatch):
    """A project whose content is one good page, checked in Vietnamese."""
    monkeypatch.setenv("DIGEST_LANG", "vi")
    for path in project.content.rglob("*.md"):
        path.unlink()
    (project.content / "good.md").write_text(GOOD, encoding="utf-8")
    return project


def check(project, *args) -> int:
    return build.main(["check", "--config", str(project.config), *args])


@pytest.mark.parametrize("name,text,message,code", BROKEN, ids=[b[0] for b in BROKEN])
def test_each_broken_input_gets_its_vietnamese_message(vi, capsys, name, text, message, code):
    (vi.content / name).write_text(text, encoding="utf-8")
    assert check(vi) == 1
    lines = capsys.readouterr().out.splitlines()
    # the level word before it is another part's; the file:line: prefix is never translated
    assert [line for line in lines if line.endswith(message)], lines
    assert check(vi, "--format", "json") == 1
    report = json.loads(capsys.readouterr().out)
    shown = [p for p in report["problems"]
             if p["file"] == f"content/{name}" and p["level"] == "error"]
    assert [p["code"] for p in shown] == [code]
    where = message.split(": ", 1)[0]
    assert shown[0]["message"] == message.removeprefix(where + ": ")


def test_a_draft_lacking_a_date_is_reminded_in_vietnamese(vi, capsys):
    (vi.content / "draft.md").write_text(
        "---\ntitle: Nháp\nprovince: Lạng Sơn\nreview_year: 2019\nsummary: Có.\ndraft: true\n"
        "---\nThân bài.\n", encoding="utf-8")
    assert check(vi, "--format", "json") == 0
    report = json.loads(capsys.readouterr().out)
    [problem] = [p for p in report["problems"] if p["file"] == "content/draft.md"]
    assert problem["level"] == "warning" and problem["code"] == "date-missing"
    assert problem["message"] == (
        'date: còn thiếu — hãy thêm dòng "date: YYYY-MM-DD" (ngày diễn ra sự kiện, nếu không '
        "có thì ngày đăng bài) (cho đến lúc đó, bản nháp này chưa được đưa lên trang web)")


def test_every_problem_of_check_has_a_code(vi, capsys):
    for name, text, _message, _code in BROKEN:
        (vi.content / name).write_text(text, encoding="utf-8")
    (vi.content / "figures.md").write_text(
        "---\ntitle: F\ndate: 2020-01-13\nreview_year: 2019\nfigures:\n  - value: \"9.000\"\n"
        "  - value: 5\n    metric: khong-co\n    colour: x\n---\n", encoding="utf-8")
    assert check(vi, "--format", "json") == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert all(p["code"] for p in problems), [p for p in problems if not p["code"]]
    figures = [(p["code"], p["message"]) for p in problems if p["file"] == "content/figures.md"]
    assert ("figure-value", "figures: mục 1 cần một con số ở 'value', nhưng \"9.000\" lại là văn "
            "bản (vì viết theo kiểu Việt Nam, có dấu chấm ngăn hàng nghìn hoặc dấu phẩy thập "
            "phân) — hãy ghi 9000") in figures
    assert {code for code, _message in figures} == {
        "figure-value", "figure-metric-unknown", "figure-key-unknown", "province-missing"}


def test_config_errors_in_vietnamese(project, monkeypatch, capsys):
    monkeypatch.setenv("DIGEST_LANG", "vi")
    project.config.write_text("latest_count: -1\n", encoding="utf-8")
    assert check(project) == 2
    assert f"{project.config}: latest_count: phải từ 0 trở lên" in capsys.readouterr().err
