"""`check --format github` (annotations on a pull request's lines) and `--format json`."""

from __future__ import annotations

import json

import build
from digest.problems import Problem
from digest.github import escape_data, escape_property, workflow_command

# A file name with a comma, a slug with '%', a metric id with a line break: each
# is a character GitHub's workflow commands need escaped.
BROKEN = """---
title: Bài thử
date: 2019-13-01
review_year: 2018
slug: "50%"
figures:
  - value: 1
    metric: "a\\nb"
---
Nội dung.
"""

UNFINISHED = """---
title: Bài chưa xong
date: 2019-01-13
province: Lạng Sơn
review_year: 2018
summary: ""
---
Viết nội dung bài ở đây.
"""


def run(project, *args) -> int:
    return build.main([args[0], "--config", str(project.config), *args[1:]])


def broken_project(project):
    for path in project.content.rglob("*.md"):
        path.unlink()
    project.write("bai,1.md", BROKEN)
    project.write("chua-xong.md", UNFINISHED)
    return project


def test_github_format_prints_one_workflow_command_per_problem(project, capsys):
    assert run(broken_project(project), "check", "--format", "github") == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "::error file=content/bai%2C1.md,line=3,title=build.py check%3A date::"
        'date: "2019-13-01" is not a valid date — write YYYY-MM-DD',
        "::error file=content/bai%2C1.md,line=5,title=build.py check%3A slug::"
        'slug: "50%25" must be lower-case ASCII letters, digits and hyphens, '
        "e.g. so-tt-tt-lang-son-2018",
        "::error file=content/bai%2C1.md,line=6,title=build.py check%3A figures::"
        'figures: item 1: metric "a%0Ab" is not a known metric — use an id from '
        "data/metrics.yaml, or leave 'metric' out",
        "::error file=content/chua-xong.md,line=6,title=build.py check%3A summary::"
        "summary: is empty — write one or two sentences for lists, search results and feeds",
        "::error file=content/chua-xong.md,line=8,title=build.py check%3A page::"
        'the text is still the placeholder "Viết nội dung bài ở đây…" — replace it with '
        "the article",
        "::warning file=content/bai%2C1.md,line=2,title=build.py check%3A province::"
        "province: not set — the page is listed under 'Chưa xác định tỉnh' until you "
        "write its province",
        "Checked 2 page(s) in content/: 5 error(s), 1 warning(s).",
    ]


def test_json_format_gives_the_same_problems(project, capsys):
    assert run(broken_project(project), "check", "--format", "json") == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["pages"], report["errors"], report["warnings"]) == (2, 5, 1)
    assert report["problems"][0] == {
        "file": "content/bai,1.md", "line": 3, "level": "error", "code": "date-format",
        "message": 'date: "2019-13-01" is not a valid date — write YYYY-MM-DD'}
    assert report["problems"][2]["message"].startswith('figures: item 1: metric "a\nb" is not')
    assert [p["code"] for p in report["problems"]] == [
        "date-format", "slug-format", "figure-metric-unknown", "summary-placeholder",
        "body-placeholder", "province-missing"]
    assert [(p["file"], p["line"], p["level"]) for p in report["problems"]] == [
        ("content/bai,1.md", 3, "error"), ("content/bai,1.md", 5, "error"),
        ("content/bai,1.md", 6, "error"), ("content/chua-xong.md", 6, "error"),
        ("content/chua-xong.md", 8, "error"), ("content/bai,1.md", 2, "warning")]


def test_plain_stays_the_default(project, capsys):
    assert run(broken_project(project), "check") == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == 'error: content/bai,1.md:3: date: "2019-13-01" is not a valid date — write YYYY-MM-DD'
    assert not any(line.startswith("::") for line in out)


def test_a_clean_project_prints_no_annotation(project, capsys):
    assert run(project, "check", "--format", "github") == 0
    lines = capsys.readouterr().out.splitlines()
    assert not any(line.startswith("::error") for line in lines)
    assert lines[-1].startswith("Checked ") and " 0 error(s)" in lines[-1]


def test_escaping_follows_the_workflow_command_rules():
    assert escape_data("50% a:b,c\r\nd") == "50%25 a:b,c%0D%0Ad"
    assert escape_property("50% a:b,c\r\nd") == "50%25 a%3Ab%2Cc%0D%0Ad"
    whole_file = Problem("content/a.md", None, "the file is empty", "error")
    assert workflow_command(whole_file) == \
        "::error file=content/a.md,title=build.py check%3A page::the file is empty"
    # a '::' in a message cannot end it early: the message is everything after the first '::'
    tricky = Problem("content/a.md", 2, "title: x ::error file=y::z")
    assert workflow_command(tricky).split("::", 2)[2] == "title: x ::error file=y::z"
