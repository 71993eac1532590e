"""`python build.py check`: every broken input gets one exact, helpful message."""

from __future__ import annotations

import pytest

import build

GOOD = "---\ntitle: Tốt\ndate: 2020-01-13\nprovince: Lạng Sơn\nreview_year: 2019\n---\nThân bài.\n"

# (file name, file bytes or text, the exact message expected)
BROKEN = [
    ("empty.md", "",
     "content/empty.md: the file is empty — add front matter (title, date, …) between '---' "
     "lines, or delete the file"),
    ("blank.md", "  \n\n",
     "content/blank.md: the file is empty — add front matter (title, date, …) between '---' "
     "lines, or delete the file"),
    ("nofront.md", "Tiêu đề\n\nThân bài.\n",
     "content/nofront.md:1: no front matter — the file must start with a '---' line, then "
     "title, date, … and a closing '---'"),
    ("unclosed.md", "---\ntitle: A\ndate: 2020-01-13\n",
     "content/unclosed.md:1: the front matter is not closed — add a '---' line after its last key"),
    ("bracket.md", "---\ntitle: [A\ndate: 2020-01-13\n---\n",
     "content/bracket.md:2: YAML syntax error: a list opened with '[' is not closed with ']'"),
    ("indent.md", "---\ntitle: A\n  date: 2020-01-13\nreview_year: 2019\n---\n",
     "content/indent.md:3: YAML syntax error: a ':' where none can be — put a text that "
     "contains ': ' in quotes, or fix the indentation"),
    ("tab.md", "---\ntitle: A\n\tdate: 2020-01-13\n---\n",
     "content/tab.md:3: YAML syntax error: a tab character — indent with spaces, not tabs"),
    ("quote.md", "---\ntitle: \"Sở TT&TT\ndate: 2020-01-13\n---\n",
     "content/quote.md:2: YAML syntax error: a quote is not closed — end the text with the "
     "same quote mark"),
    ("colon.md", "---\ntitle: Sở TT&TT: tổng kết\ndate: 2020-01-13\nreview_year: 2019\n---\n",
     "content/colon.md:2: YAML syntax error: a ':' where none can be — put a text that "
     "contains ': ' in quotes, or fix the indentation"),
    ("list.md", "---\n- title\n- date\n---\n",
     "content/list.md:2: the front matter must be 'key: value' lines (title: …, date: …)"),
    ("twice.md", "---\ntitle: A\ndate: 2020-01-13\ntitle: B\nreview_year: 2019\n---\n",
     "content/twice.md:4: title: appears twice (also on line 2) — keep one"),
    ("notitle.md", "---\ndate: 2020-01-13\nreview_year: 2019\n---\n",
     'content/notitle.md: title: missing — add a line "title: …" to the front matter'),
    ("emptytitle.md", "---\ntitle: ''\ndate: 2020-01-13\nreview_year: 2019\n---\n",
     "content/emptytitle.md:2: title: is empty — write the title"),
    ("listtitle.md", "---\ntitle: [a, b]\ndate: 2020-01-13\nreview_year: 2019\n---\n",
     "content/listtitle.md:2: title: must be text, not a list"),
    ("nodate.md", "---\ntitle: A\nreview_year: 2019\n---\n",
     'content/nodate.md: date: missing — add a line "date: YYYY-MM-DD" (the day of the event, '
     "else the publication day)"),
    ("month13.md", "---\ntitle: A\ndate: 2019-13-01\nreview_year: 2019\n---\n",
     'content/month13.md:3: date: "2019-13-01" is not a valid date — write YYYY-MM-DD'),
    ("dayfirst.md", "---\ntitle: A\ndate: 13/01/2020\nreview_year: 2019\n---\n",
     'content/dayfirst.md:3: date: "13/01/2020" is not a valid date — write YYYY-MM-DD'),
    ("feb30.md", "---\ntitle: A\ndate: 2021-02-30\nreview_year: 2020\n---\n",
     'content/feb30.md:3: date: "2021-02-30" is not a valid date — write YYYY-MM-DD'),
    ("wordyear.md", "---\ntitle: A\ndate: 2020-01-13\nreview_year: hai nghìn\n---\n",
     'content/wordyear.md:4: review_year: "hai nghìn" is not a year — write a year such as '
     "2020, or null"),
    ("bigyear.md", "---\ntitle: A\ndate: 2020-01-13\nreview_year: 20190\n---\n",
     "content/bigyear.md:4: review_year: 20190 is out of range — write a year between 1945 "
     "and 2100"),
    ("noyears.md", "---\ntitle: A\ndate: 2020-01-13\nreview_year: null\n---\n",
     "content/noyears.md: review_year and plan_year: both missing — set at least one: "
     "review_year is the year whose results the page reports, plan_year the year whose "
     "tasks it sets"),
    ("future.md", "---\ntitle: A\ndate: 2020-01-13\nreview_year: 2021\n---\n",
     "content/future.md:4: review_year: 2021 is after the page's date (2020-01-13) — results "
     "can only be reported for 2020 or earlier; check the year or the date"),
    ("oldplan.md", "---\ntitle: A\ndate: 2020-01-13\nplan_year: 2015\n---\n",
     "content/oldplan.md:4: plan_year: 2015 does not fit the page's date (2020-01-13) — tasks "
     "are set for 2019 to 2025; check the year or the date"),
    ("planbefore.md", "---\ntitle: A\ndate: 2019-12-20\nreview_year: 2019\nplan_year: 2018\n---\n",
     "content/planbefore.md:5: plan_year: 2018 is before review_year 2019 — a page sets tasks "
     "for the year after the results it reports"),
    ("province.md", "---\ntitle: A\ndate: 2020-01-13\nprovince: Ha Giang\nreview_year: 2019\n---\n",
     'content/province.md:4: province: "Ha Giang" is not a province — did you mean "Hà Giang" '
     'or "Hậu Giang" or "An Giang"?'),
    ("nowhere.md", "---\ntitle: A\ndate: 2020-01-13\nprovince: Xyzw\nreview_year: 2019\n---\n",
     'content/nowhere.md:4: province: "Xyzw" is not a province — write the province\'s name as '
     'in "Lạng Sơn" or "Thành phố Hồ Chí Minh", or null'),
    ("provlist.md", "---\ntitle: A\ndate: 2020-01-13\nprovince: [Lạng Sơn]\nreview_year: 2019\n---\n",
     "content/provlist.md:4: province: must be text, not a list"),
    ("authors.md", "---\ntitle: A\ndate: 2020-01-13\nreview_year: 2019\nauthors: {a: b}\n---\n",
     "content/authors.md:5: authors: must be a list of names, one per line as '- name'"),
    ("slug.md", "---\ntitle: A\ndate: 2020-01-13\nreview_year: 2019\nslug: Bài Một\n---\n",
     'content/slug.md:5: slug: "Bài Một" must be lower-case ASCII letters, digits and hyphens, '
     "e.g. so-tt-tt-lang-son-2018"),
    ("draft.md", "---\ntitle: A\ndate: 2020-01-13\nreview_year: 2019\ndraft: có\n---\n",
     "content/draft.md:5: draft: must be true or false, not 'có'"),
    ("figure.md", "---\ntitle: A\ndate: 2020-01-13\nreview_year: 2019\nfigures:\n"
                  "  - {value: '9.000', unit: hộp thư}\n---\n",
     "content/figure.md:5: figures: item 1 needs a number as 'value', not the text \"9.000\" "
     "(written the Vietnamese way, with dots between thousands or a decimal comma, it is text) "
     "— write 9000"),
    ("metric.md", "---\ntitle: A\ndate: 2020-01-13\nreview_year: 2019\nfigures:\n"
                  "  - {value: 9000, unit: hộp thư, metric: email_account}\n---\n",
     'content/metric.md:5: figures: item 1: metric "email_account" is not a known metric — '
     "did you mean email_accounts?"),
    ("kind.md", "---\ntitle: A\ndate: 2020-01-13\nreview_year: 2019\nfigures:\n"
                "  - {value: 30, unit: '%', kind: goal}\n---\n",
     "content/kind.md:5: figures: item 1: kind must be one of result, target, change, rank, "
     "not 'goal'"),
    ("link.md", "---\ntitle: A\ndate: 2020-01-13\nreview_year: 2019\n---\nĐoạn một.\n\n"
                "Xem [bài khác](khong-co.md).\n",
     "content/link.md:8: link to khong-co.md: no such page in the content folder — fix the "
     "file name or remove the link"),
    ("latin1.md", "---\ntitle: Sở\ndate: 2020-01-13\n---\n".encode("latin-1", "replace")
     .replace(b"S?", b"S\xf5"),
     "content/latin1.md:2: the file is not UTF-8 text (byte 0xf5) — save it with the UTF-8 "
     "encoding"),
]


def write(project, name, data):
    path = project.content / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")


@pytest.fixture
def clean(project):
    """A project whose content is one good page."""
    for path in project.content.rglob("*.md"):
        path.unlink()
    write(project, "good.md", GOOD)
    return project


def run(project, *args) -> int:
    return build.main([args[0], "--config", str(project.config), *args[1:]])


@pytest.mark.parametrize("name,data,message", BROKEN, ids=[b[0] for b in BROKEN])
def test_each_broken_input_gets_its_message(clean, capsys, name, data, message):
    write(clean, name, data)
    assert run(clean, "check") == 1
    out = capsys.readouterr().out
    assert "Traceback" not in out
    errors = [line.removeprefix("error: ") for line in out.splitlines()
              if line.startswith("error: ")]
    assert errors == [message]


def test_two_pages_claiming_one_url(clean, capsys):
    write(clean, "a.md", GOOD.replace("review_year", "slug: chung\nreview_year"))
    write(clean, "b.md", GOOD.replace("review_year", "slug: chung\nreview_year"))
    assert run(clean, "check") == 1
    assert ("error: content/b.md: this page and content/a.md would both be at bai-viet/chung/ — "
            'give the page you added last a "slug:" of its own, e.g. slug: chung-2020-01-13, '
            "so that the other keeps its address") in capsys.readouterr().out.splitlines()


def test_a_slug_that_is_another_pages_title_address(clean, capsys):
    write(clean, "a.md", GOOD.replace("title: Tốt", "title: Bài một"))
    write(clean, "b.md", GOOD.replace("review_year", "slug: bai-mot\nreview_year"))
    assert run(clean, "check") == 1
    assert ("error: content/b.md: this page and content/a.md would both be at bai-viet/bai-mot/ "
            '— give the page you added last a "slug:" of its own, e.g. slug: bai-mot-2020-01-13, '
            "so that the other keeps its address") in capsys.readouterr().out.splitlines()


def test_a_figure_must_be_a_finite_number(clean, capsys):
    write(clean, "nan.md", GOOD.replace("review_year: 2019", "review_year: 2019\nfigures:\n"
                                        "  - {value: .nan, unit: x}"))
    assert run(clean, "check") == 1
    assert "figures: item 1 needs a number as 'value'" in capsys.readouterr().out


def test_all_problems_are_reported_not_only_the_first(clean, capsys):
    for name, data, _ in BROKEN[:6]:
        write(clean, name, data)
    write(clean, "many.md", "---\ntitle: ''\ndate: 2019-13-01\nprovince: Ha Noi\n---\n")
    assert run(clean, "build") == 1
    out = capsys.readouterr().out
    for name, _, _ in BROKEN[:6]:
        assert f"content/{name}" in out
    many = [line for line in out.splitlines() if "content/many.md" in line]
    assert len(many) == 4  # title, date, province, years
    assert "Build stopped: 10 error(s) in 7 file(s)" in out
    assert not clean.site.exists()


def test_warnings_are_listed_apart_and_do_not_fail(clean, capsys):
    write(clean, "noprovince.md", GOOD.replace("province: Lạng Sơn", "province: null")
          .replace("Tốt", "Không rõ tỉnh"))
    write(clean, "old.md", GOOD.replace("Lạng Sơn", "Hà Giang").replace("2020-01-13", "2025-09-01")
          .replace("2019", "2025").replace("Tốt", "Cũ"))
    assert run(clean, "check") == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "warning: content/noprovince.md:4: province: not set — the page is listed under "
        "'Chưa xác định tỉnh' until you write its province",
        'warning: content/old.md:4: province: "Hà Giang" did not exist on 2025-09-01 — on that '
        'day it was "Tuyên Quang"',
        "Checked 3 page(s) in content/: 0 error(s), 2 warning(s).",
    ]


def test_a_variant_spelling_is_read_as_the_canonical_name(clean):
    write(clean, "hoa.md", GOOD.replace("Lạng Sơn", "Hoà Bình").replace("Tốt", "Tốt 1"))
    write(clean, "hoa2.md", GOOD.replace("Lạng Sơn", "Hòa Bình").replace("Tốt", "Tốt 2"))
    assert run(clean, "build") == 0
    page = clean.page("tinh/hoa-binh/index.html")
    assert page.heading_texts(1) == ["Hòa Bình"]
    assert page.text.count("Tốt ") == 2


def test_a_build_counts_a_warning_many_files_share_and_check_lists_them_all(clean, capsys):
    for n in range(6):
        write(clean, f"p{n}.md", GOOD.replace("title: Tốt", f"title: Tốt {n}")
              .replace("province: Lạng Sơn", "province: null"))
    assert run(clean, "build") == 0
    out = capsys.readouterr().out.splitlines()
    warnings = [line for line in out if line.startswith("warning: content/")]
    assert len(warnings) == 3
    assert ("warning: … and 3 more file(s) with the same warning (province: not set); "
            "`python build.py check` lists them all") in out
    assert run(clean, "check") == 0
    assert len([line for line in capsys.readouterr().out.splitlines()
                if line.startswith("warning: content/")]) == 6
