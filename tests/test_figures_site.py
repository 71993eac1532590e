"""Key figures on the site: the article's "Số liệu chính", the downloads, check, topics.

A small page with hand-written figures of every kind is built with the real
templates; the HTML, JSON and CSV are parsed and read as a reader would.
"""

from __future__ import annotations

import csv
import io
import json

import lxml.html
import pytest
from hypothesis import given, settings, strategies as st
import yaml

import build
from digest.importer import extract
from digest.importer.topics import MAX_TOPICS, find_topics
from digest.lexicon.metrics import load_metrics

PAGE = """---
title: Quảng Ninh tổng kết năm 2023
date: 2024-01-12
province: Quảng Ninh
review_year: 2023
plan_year: 2024
slug: quang-ninh-2023
figures:
  - value: 9000
    unit: hộp thư điện tử
    text: Sở cấp được gần 9.000 hộp thư điện tử.
    metric: email_accounts
    kind: result
    year: 2023
    qualifier: gần
  - value: 1463
    unit: tỷ đồng
    text: Doanh thu viễn thông đạt 1.463 tỷ đồng, giảm 8% so với cùng kỳ.
    metric: telecom_revenue
    year: 2023
  - value: -8
    unit: "%"
    text: Doanh thu viễn thông đạt 1.463 tỷ đồng, giảm 8% so với cùng kỳ.
    metric: telecom_revenue
    kind: change
    year: 2023
  - value: 30
    unit: "% dịch vụ công"
    text: Năm 2024, tích hợp 30% dịch vụ công lên Cổng <script>alert(1)</script>.
    metric: online_services
    kind: target
    year: 2024
  - value: 80000
    unit: trạm 4G
    text: Cả nước có hơn 80.000 trạm 4G.
    metric: stations_4g
    year: 2023
    qualifier: hơn
    scope: national
  - value: 20
    unit: sở, ban, ngành
    text: Kết nối 20 sở, ban, ngành.
---
Năm 2023, Sở đã hoàn thành các nhiệm vụ.
"""


@pytest.fixture
def site(project):
    project.write("quang-ninh-2023.md", PAGE)
    assert project.build() == 0
    return project


def article(site) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site.site / "bai-viet/quang-ninh-2023/index.html")).getroot()


def rows(root) -> list[list[str]]:
    return [[" ".join(cell.text_content().split()) for cell in row.xpath("./th|./td")]
            for row in root.xpath("//section[@class='figures']//tbody/tr")]


def test_key_figures_come_before_the_body_with_one_row_per_figure(site):
    root = article(site)
    main = root.xpath("//article")[0]
    order = [el.get("class") or el.tag for el in main.iterchildren()]
    assert order.index("figures") < order.index("body"), "near the top, before the text"
    assert root.xpath("//section[@class='figures']/h2")[0].text_content() == "Số liệu chính"
    assert rows(root) == [
        ["Hộp thư điện tử công vụ", "gần 9.000", "2023"],   # the label names the unit
        ["Doanh thu viễn thông", "1.463 tỷ đồng", "2023"],
        ["Doanh thu viễn thông", "8%", "giảm · 2023"],
        ["Dịch vụ công trực tuyến", "30%", "mục tiêu 2024"],
        ["Trạm phát sóng 4G", "hơn 80.000 trạm 4G", "2023 · cả nước"],
        ["Sở, ban, ngành", "20", ""],
    ]


def test_each_figure_has_a_stable_anchor_and_links_to_its_sentence(site):
    root = article(site)
    body_rows = root.xpath("//section[@class='figures']//tbody/tr")
    assert [r.get("id") for r in body_rows] == [f"so-lieu-{n}" for n in range(1, 7)]
    sentence_ids = {li.get("id") for li in root.xpath("//ol[@class='figure-sentences']/li")}
    for row in body_rows:
        href = row.xpath(".//a/@href")[0]
        assert href.startswith("#") and href[1:] in sentence_ids


def test_each_sentence_appears_once_with_its_numbers_marked(site):
    root = article(site)
    items = root.xpath("//ol[@class='figure-sentences']/li")
    texts = [" ".join(li.text_content().split()) for li in items]
    assert len(texts) == len(set(texts)) == 5, "six figures, five sentences"
    revenue = next(li for li in items if "1.463" in li.text_content())
    assert [m.text_content() for m in revenue.xpath("./mark")] == ["1.463 tỷ đồng", "8%"]
    assert [m.text_content() for m in items[0].xpath("./mark")] == ["9.000 hộp thư điện tử"]


def test_a_sentence_is_text_never_markup(site):
    root = article(site)
    assert not root.xpath("//section[@class='figures']//script")
    section = root.xpath("//section[@class='figures']")[0]
    assert "<script>alert(1)</script>" in section.text_content()


# --- downloads ----------------------------------------------------------------------

def test_digest_json_figures_carry_every_field(site):
    data = json.loads((site.site / "du-lieu/digest.json").read_text(encoding="utf-8"))
    page = next(p for p in data["pages"] if p["path"] == "bai-viet/quang-ninh-2023/index.html")
    first, change, last = page["figures"][0], page["figures"][2], page["figures"][-1]
    assert first == {"value": 9000, "unit": "hộp thư điện tử",
                     "text": "Sở cấp được gần 9.000 hộp thư điện tử.",
                     "metric": "email_accounts", "metric_label": "Hộp thư điện tử công vụ",
                     "kind": "result", "year": 2023, "qualifier": "gần", "scope": None,
                     "anchor": "so-lieu-1"}
    assert (change["value"], change["kind"]) == (-8, "change")
    assert page["figures"][4]["scope"] == "national"
    assert (last["metric"], last["metric_label"], last["kind"], last["anchor"]) == \
        (None, None, "result", "so-lieu-6")


def read_csv(path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_figures_csv_has_the_figure_fields_and_the_page(site):
    rows_ = [r for r in read_csv(site.site / "du-lieu/figures.csv")
             if r["slug"] == "quang-ninh-2023"]
    assert len(rows_) == 6
    assert {k: rows_[0][k] for k in ("province", "date", "value", "unit", "metric",
                                     "metric_label", "kind", "year", "qualifier", "anchor")} == {
        "province": "Quảng Ninh", "date": "2024-01-12", "value": "9000",
        "unit": "hộp thư điện tử", "metric": "email_accounts",
        "metric_label": "Hộp thư điện tử công vụ", "kind": "result", "year": "2023",
        "qualifier": "gần", "anchor": "so-lieu-1"}
    assert rows_[3]["kind"] == "target" and rows_[3]["year"] == "2024"
    assert rows_[4]["scope"] == "national" and rows_[5]["metric"] == ""


def test_metrics_csv_lists_the_lexicon(site):
    raw = (site.site / "du-lieu/metrics.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    listed = read_csv(site.site / "du-lieu/metrics.csv")
    assert [r["id"] for r in listed] == list(load_metrics())
    telecom = next(r for r in listed if r["id"] == "telecom_revenue")
    assert (telecom["label"], telecom["unit"]) == ("Doanh thu viễn thông", "tỷ đồng")


def test_the_data_page_documents_every_column_and_links_the_files(site):
    root = lxml.html.parse(str(site.site / "du-lieu/index.html")).getroot()
    documented = {code.text_content() for code in root.xpath("//table//td/code")}
    csv_columns = set(read_csv(site.site / "du-lieu/figures.csv")[0])
    metric_columns = set(read_csv(site.site / "du-lieu/metrics.csv")[0])
    data = json.loads((site.site / "du-lieu/digest.json").read_text(encoding="utf-8"))
    figure_keys = set(data["pages"][0]["figures"][0]) if data["pages"][0]["figures"] else set()
    assert csv_columns | metric_columns | figure_keys <= documented
    assert {"digest.json", "figures.csv", "metrics.csv"} <= set(root.xpath("//main//a/@href"))


# --- check ----------------------------------------------------------------------------

def test_a_figure_year_far_from_the_pages_years_is_a_warning(project, capsys):
    project.write("far.md", PAGE.replace("slug: quang-ninh-2023", "slug: far")
                  .replace("    year: 2024\n", "    year: 1999\n", 1))
    assert build.main(["check", "--config", str(project.config)]) == 0, "a warning only"
    out = capsys.readouterr().out
    assert "warning: content/far.md:8: figures: item 4: year 1999 is far from the page's " \
           "years (2023 and 2024) — check the figure's year" in out
    assert "item 1: year" not in out


# --- the importer's pages carry the new keys and check accepts them ----------------------

def test_an_imported_page_has_the_figure_keys_and_builds(project, capsys):
    seed = ("Sở TT&TT Hà Giang tổng kết năm 2023\n\n"
            "Ngày 10/01/2024, Sở Thông tin và Truyền thông tỉnh Hà Giang tổng kết năm 2023.\n\n"
            "Năm 2023, doanh thu viễn thông đạt khoảng 1.250 tỷ đồng, tăng 6% so với cùng kỳ.\n\n"
            "Năm 2024, phấn đấu 100% thôn, bản có sóng di động.\n\nMinh Anh")
    (project.root / "seeds" / "hg.txt").write_text(seed, encoding="utf-8")
    assert build.main(["import", "--seeds", str(project.root / "seeds"),
                       "--content", str(project.content)]) == 0
    page = next(project.content.glob("*ha-giang*.md")).read_text(encoding="utf-8")
    figures = yaml.safe_load(page.split("---\n")[1])["figures"]
    assert figures[0] == {"value": 1250, "unit": "tỷ đồng", "text": figures[0]["text"],
                          "metric": "telecom_revenue", "kind": "result", "year": 2023,
                          "qualifier": "khoảng"}
    assert [f["kind"] for f in figures] == ["result", "change", "target"]
    assert list(figures[2]) == ["value", "unit", "text", "metric", "kind", "year"], \
        "unknown fields are left out, not written empty"
    capsys.readouterr()
    assert project.build() == 0
    said = [line for line in capsys.readouterr().out.splitlines() if "ha-giang" in line]
    assert not [line for line in said if "figures:" in line], "check has nothing to say about them"


# --- topics -----------------------------------------------------------------------------

EVERYTHING = ("Sở quản lý bưu chính, viễn thông, công nghệ thông tin, an toàn thông tin, "
              "báo chí, xuất bản, phát thanh, thông tin cơ sở, thông tin đối ngoại, "
              "trang thông tin điện tử, dịch vụ công trực tuyến, chính quyền số, "
              "chuyển đổi số, đô thị thông minh, tần số vô tuyến điện, thương mại điện tử.")


def test_a_page_about_everything_lands_in_at_most_five_topics():
    topics = find_topics("Sở TT&TT tổng kết năm 2023", [EVERYTHING])
    assert 0 < len(topics) <= MAX_TOPICS == 5


def test_topics_come_strongest_first_and_need_real_evidence():
    text = ["Chuyển đổi số là nhiệm vụ trọng tâm; chuyển đổi số lan tỏa; kinh tế số tăng.",
            "Có thêm trạm 4G."]    # one weak cue of Viễn thông: not enough
    assert find_topics("Tổng kết năm 2023", text) == ["Chuyển đổi số"]
    assert find_topics("Tổng kết năm 2023", ["Có thêm trạm 4G, phủ sóng 4G, 5G."]) == ["Viễn thông"]
    assert find_topics("Viễn thông năm 2023", ["Chuyển đổi số được chú trọng."]) == \
        ["Viễn thông", "Chuyển đổi số"]


def test_seed_topics_are_at_most_five():
    from pathlib import Path
    for seed in sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")):
        topics = extract(seed.read_text(encoding="utf-8"), seed.name).topics
        assert 0 < len(topics) <= 5, seed.name


# --- the table's rows, in memory -----------------------------------------------------------

def test_rows_for_figures_without_a_metric_say_what_is_counted():
    from digest.content.schema import Figure
    from digest.plan.keyfigures import key_figures
    text = "Có gần 100 nghìn lao động, tăng 10% so với năm 2017; tỉnh xếp thứ 12/63."
    rows_, sentences = key_figures((
        Figure(100, "nghìn lao động", text, qualifier="gần", year=2018, anchor="so-lieu-1"),
        Figure(10, "%", text, kind="change", year=2018, anchor="so-lieu-2"),
        Figure(12, "/63", text, metric="dti_rank", kind="rank", year=2023, anchor="so-lieu-3"),
        Figure(5, "% hộ", "", kind="target", anchor="so-lieu-4")))
    assert [(r.what, r.amount, r.note) for r in rows_] == [
        ("Lao động", "gần 100 nghìn", "2018"),
        ("Mức tăng", "10%", "tăng · 2018"),
        ("Xếp hạng chỉ số chuyển đổi số (DTI)", "thứ 12/63", "xếp hạng · 2023"),
        ("Hộ", "5%", "mục tiêu")]
    assert [r.sentence for r in rows_] == ["cau-so-lieu-1"] * 3 + [""]
    assert len(sentences) == 1
    marked = [text for text, is_figure in sentences[0].parts if is_figure]
    assert marked == ["100 nghìn lao động", "10%", "12/63"]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120), st.lists(st.tuples(
    st.one_of(st.integers(-10**7, 10**7), st.floats(-1e6, 1e6, allow_nan=False)),
    st.sampled_from(["", "%", "% xã", "/216 bản", "tỷ đồng", "nghìn lao động", "<b>"]),
    st.sampled_from(["result", "target", "change", "rank"])), max_size=5))
def test_the_table_never_raises_and_marking_never_loses_text(sentence, items):
    from digest.content.schema import Figure
    from digest.plan.keyfigures import key_figures
    figures = tuple(Figure(v, u, sentence, kind=k, anchor=f"so-lieu-{n}")
                    for n, (v, u, k) in enumerate(items, 1))
    rows_, sentences = key_figures(figures)
    assert len(rows_) == len(figures)
    for s in sentences:
        assert "".join(text for text, _ in s.parts) == sentence


def test_an_unknown_figure_key_is_a_warning_with_a_suggestion(project, capsys):
    project.write("typo.md", PAGE.replace("slug: quang-ninh-2023", "slug: typo")
                  .replace("    metric: email_accounts\n", "    metrik: email_accounts\n", 1))
    assert build.main(["check", "--config", str(project.config)]) == 0
    assert 'warning: content/typo.md:8: figures: item 1: unknown key "metrik" is ignored — ' \
           'did you mean "metric"?' in capsys.readouterr().out
