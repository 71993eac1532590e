"""Tests that can fail (issue 22): each guards a small, realistic bug that a
mutation check of the suite found surviving. The docstring of each names the
mutation it was seen to fail on."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from conftest import FIXTURES, REPO, Project
from digest.content.schema import Article, Figure
from digest.importer.figures import find_figures, figures_in
from digest.importer.meaning import Stance
from digest.importer.years import choose_years
from digest.lexicon.metrics import load_metrics
from digest.model.compare import index_values, province_series
from digest.model.groups import assign_urls, build_site
from digest.config import Config
from digest.plan.pages import plan_pages
from digest.model.routes import url_for
from digest.write.folder import ALWAYS_KEPT, begin_stage
from test_incremental import tree


# --- the build cache: a lexicon is code --------------------------------------------

def _engine_copy(root: Path) -> Path:
    """The engine (digest/, data/, build.py) copied into `root`, with fixture content:
    a build there reads the copy's data/, which the test may edit."""
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO / "digest", root / "digest", ignore=ignore)
    shutil.copytree(REPO / "data", root / "data", ignore=ignore)
    shutil.copy(REPO / "build.py", root / "build.py")
    shutil.copytree(FIXTURES / "content", root / "content")
    (root / "seeds").mkdir()
    Project(root).write_config(title="Bản tin thử nghiệm")
    return root


def _build_copy(root: Path) -> None:
    done = subprocess.run([sys.executable, "build.py", "build", "--no-import"], cwd=root,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_changed_metric_label_rebuilds_what_shows_it(tmp_path):
    """Mutation: data/*.yaml left out of cache.code_version() (the salt)."""
    root = _engine_copy(tmp_path)
    _build_copy(root)
    before = tree(root / "site")
    # a metric some fixture page names; its label, as the lexicon writes it
    used = re.search(r"metric: (\w+)", "".join(
        p.read_text(encoding="utf-8") for p in sorted((root / "content").rglob("*.md")))).group(1)
    label = load_metrics()[used].label
    lexicon = root / "data" / "metrics.yaml"
    text = lexicon.read_text(encoding="utf-8")
    line = re.search(rf"- id: {used}\n\s+label: {re.escape(label)}\n", text).group(0)
    lexicon.write_text(text.replace(line, line.replace(label, label + " (đã sửa)")),
                       encoding="utf-8")
    _build_copy(root)  # incremental: the cache of the first build is there
    incremental = tree(root / "site")
    shutil.rmtree(root / ".cache")
    shutil.rmtree(root / "site")
    _build_copy(root)  # cold
    cold = tree(root / "site")
    assert cold != before and any(f"{label} (đã sửa)".encode() in data for data in cold.values())
    assert incremental == cold


# --- comparisons: a change is no value -----------------------------------------------

def _article(n: int, province: str, review: int, plan: int | None, *figures: Figure) -> Article:
    return Article(path=f"content/{n}.md", title=f"{province} tổng kết năm {review}",
                   date=dt.date(review + 1, 1, 10), province=province, review_year=review,
                   plan_year=plan, _body="Thân bài.",
                   figures=tuple(Figure(**{**f.__dict__, "anchor": f"so-lieu-{i}"})
                                 for i, f in enumerate(figures, 1)))


def test_change_figures_of_a_metric_in_two_years_make_no_series_and_no_chart():
    """Mutation: compare.comparable() keeps every kind (the `kind not in (result,
    target)` test dropped), so "tăng 8%" becomes a point of a chart."""
    def rise(value: float, year: int) -> Figure:
        return Figure(value, "%", f"Doanh thu viễn thông tăng {value}%.",
                      metric="telecom_revenue", kind="change", year=year)

    articles = [_article(1, "Sơn La", 2021, 2022, rise(8, 2021)),
                _article(2, "Sơn La", 2022, 2023, rise(12, 2022))]
    assert assign_urls(articles) == []
    assert province_series(articles) == ()
    assert all(kind in ("result", "target") for _, kind in index_values([("Sơn La", articles)]))
    site = build_site(articles)
    province = url_for("province", slug="son-la")
    [page] = [p for p in plan_pages(site, Config()) if p.url == province]
    assert page.context()["charts"] == []


# --- the importer ----------------------------------------------------------------------

def test_when_two_plan_years_are_close_the_review_plus_one_pairing_decides():
    """Mutation: years.choose_years() without the +1.0 of plan = review + 1."""
    title = "Sở Thông tin và Truyền thông tổng kết công tác năm 2019"   # review 2019: 4
    paragraphs = ["Hội nghị triển khai nhiệm vụ năm 2020 của ngành.",      # plan 2020: 2
                  "Sở cũng bàn kế hoạch năm 2021 của ngành.",              # plan 2021: 1
                  "Các đơn vị góp ý nhiệm vụ năm 2021 của ngành.",         # + 0.75
                  "Sở nêu phương hướng năm 2021 của ngành."]               # + 1 = 2.75
    # 2021 has more evidence (2.75 against 2), but by less than the pairing's 1
    assert choose_years(title, paragraphs) == (2019, 2020)
    # and the pairing does not outweigh a clear lead: more for 2021 wins
    more = paragraphs + ["Sở đặt mục tiêu năm 2021 cho ngành.", "Định hướng năm 2021 rõ ràng."]
    assert choose_years(title, more) == (2019, 2021)


def test_a_target_that_names_no_year_takes_the_page_plan_year():
    """Mutation: meaning._year() gives a target without a named year the review year."""
    sentence = "Sở phấn đấu đạt 500 tỷ đồng doanh thu viễn thông."
    [figure] = find_figures([sentence], review_year=2019, plan_year=2020)
    assert (figure["kind"], figure["year"]) == ("target", 2020)
    [result] = find_figures(["Doanh thu viễn thông đạt 480 tỷ đồng."], 2019, 2020)
    assert (result["kind"], result["year"]) == ("result", 2019)


def test_a_figure_takes_the_metric_of_its_clause_over_the_rest_of_its_sentence():
    """Mutation: meaning._windows() without the clause window (unit, then the part)."""
    sentence = "Về dịch vụ công, tỷ lệ văn bản điện tử đạt 95%."
    [figure] = figures_in(sentence, Stance(2019, 2020))
    assert figure["metric"] == "edocs_share"
    # the rest of the sentence alone would say the other metric
    [other] = figures_in("Về dịch vụ công, tỷ lệ đạt 95%.", Stance(2019, 2020))
    assert other["metric"] == "online_services"


# --- control characters ------------------------------------------------------------

CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class _Text(HTMLParser):
    """Every text node and attribute value of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_data(self, data):
        self.found.append(data)

    def handle_starttag(self, tag, attrs):
        self.found += [v for _, v in attrs if v]


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_yaml_escaped_controls_in_lists_and_nested_keys_never_reach_the_output(tmp_path):
    """Mutations: frontmatter._without_controls() not walking lists (topics, authors),
    or not walking mappings (an unknown key's nested values)."""
    project = Project(tmp_path)
    (tmp_path / "seeds").mkdir()
    project.write_config(title="Thử")
    project.write("a.md", '---\ntitle: Ký tự lạ\ndate: 2020-01-13\nprovince: Lạng Sơn\n'
                          'review_year: 2019\ntopics: ["Chuyển\\e đổi số", "Viễn\\x07 thông"]\n'
                          'authors: ["Hoàng\\0 Vương"]\n'
                          'ghi_chu:\n  nguon: ["Báo\\e Lạng Sơn"]\n  nguoi: {ten: "An\\x07"}\n'
                          '---\nThân bài.\n')
    assert project.build() == 0
    pages = sorted(project.site.rglob("*.html"))
    texts = []
    for path in pages:
        parser = _Text()
        parser.feed(path.read_text(encoding="utf-8"))
        texts += parser.found
        assert not [t for t in parser.found if CONTROLS.search(t)], path
    shown = " ".join(texts)
    assert "Chuyển đổi số" in shown and "Viễn thông" in shown and "Hoàng Vương" in shown
    data = json.loads((project.site / "du-lieu/digest.json").read_text(encoding="utf-8"))
    strings = list(_strings(data))
    assert not [s for s in strings if CONTROLS.search(s)]
    assert "Báo Lạng Sơn" in strings and "An" in strings   # the unknown key is passed on


# --- the output folder ---------------------------------------------------------------

def test_git_and_cname_survive_a_commit_that_knows_the_previous_files(tmp_path):
    """Mutation: StagedSite.commit(previous_files) removing every previous file the
    new site lacks, without the ALWAYS_KEPT/keep: test of the full-build path."""
    out = tmp_path / "site"
    staged = begin_stage(out)
    staged.add_all([("index.html", b"v1"), ("old.html", b"old")])
    staged.commit("v1")
    mine = {".git/HEAD": b"ref: refs/heads/gh-pages\n", "CNAME": b"digest.example.vn\n",
            "README.md": b"# site\n"}
    for rel, data in mine.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    # a record that names them (an older build's, or a folder adopted with them in it)
    previous = {"index.html", "old.html", *mine}
    staged = begin_stage(out, kept_patterns=["README.md"])
    staged.add_all([("index.html", b"v2")])
    report = staged.commit("v2", previous_files=previous)
    assert {rel: (out / rel).read_bytes() for rel in mine if (out / rel).exists()} == mine
    assert (out / "index.html").read_bytes() == b"v2" and not (out / "old.html").exists()
    assert report.removed == 1
    assert {".git", "CNAME"} <= set(ALWAYS_KEPT)
