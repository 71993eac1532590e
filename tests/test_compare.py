"""The comparison layer in memory: which figures make a year table or a province
series, the tile grid and mergers, and the SVG charts against reviewed snapshots."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from digest.render.charts import nice_ticks, series_chart, year_bars
from digest.model.compare import RESULT, TARGET, index_values, metric_table, province_series
from digest.content.schema import Article, Figure
from digest.model.geography import (LAST_DAY_OF_63, coverage, load_tiles, province_facts, shade,
                              tile_map)
from digest.lexicon.places import load_gazetteer

SNAPSHOTS = Path(__file__).parent / "snapshots"
SVG = "{http://www.w3.org/2000/svg}"


def article(slug: str, province: str, review: int | None, plan: int | None,
            *figures: Figure) -> Article:
    a = Article(path=f"content/{slug}.md", title=f"Bài {slug}", date=dt.date(2021, 1, 5),
                province=province, review_year=review, plan_year=plan,
                figures=tuple(Figure(**{**f.__dict__, "anchor": f"so-lieu-{i}"})
                              for i, f in enumerate(figures, 1)))
    a.url = f"bai-viet/{slug}/index.html"
    return a


def revenue(value, **fields) -> Figure:
    return Figure(value, "tỷ đồng", f"Doanh thu {value}.", metric="telecom_revenue", **fields)


def table_cells(table) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(metric label, province) -> [(label, url)], read from a MetricTable."""
    return {(row.metric, name): [(v.label, v.url) for v in cell]
            for row in table.rows for (name, _), cell in zip(table.columns, row.cells)
            if cell}


def test_year_table_takes_results_of_the_year_and_leaves_out_national_and_changes():
    son_la = [article("sl-2023", "Sơn La", 2023, 2024,
                      revenue(1463, year=2023),
                      revenue(320000, year=2023, scope="national"),   # the country's, not Sơn La's
                      Figure(8, "%", "vượt 8%", metric="telecom_revenue", kind="change", year=2023),
                      Figure(212, "bản", "212 bản", metric=None, year=2023),  # no metric: not compared
                      revenue(1600, kind="target", year=2024, qualifier="phấn đấu"))]
    lang_son = [article("ls-2023", "Lạng Sơn", 2023, None, revenue(505, qualifier="gần"))]  # year from the page
    index = index_values([("Lạng Sơn", lang_son), ("Sơn La", son_la)])
    columns = [("Lạng Sơn", "tinh/lang-son/index.html"), ("Sơn La", "tinh/son-la/index.html"),
               ("Hà Giang", "tinh/ha-giang/index.html")]
    results = metric_table(index[(2023, RESULT)], columns, 2023, RESULT)
    assert results.columns == tuple(columns[:2])  # a province without values has no column
    assert table_cells(results) == {
        ("Doanh thu viễn thông", "Lạng Sơn"): [("gần 505 tỷ đồng", "bai-viet/ls-2023/index.html#so-lieu-1")],
        ("Doanh thu viễn thông", "Sơn La"): [("1.463 tỷ đồng", "bai-viet/sl-2023/index.html#so-lieu-1")],
    }
    assert results.rows[0].unit == "tỷ đồng"
    assert [v.short for v in results.rows[0].cells[0]] == ["gần 505"]
    targets = metric_table(index[(2024, TARGET)], columns, 2024, TARGET)
    assert table_cells(targets) == {("Doanh thu viễn thông", "Sơn La"): [
        ("phấn đấu 1.600 tỷ đồng", "bai-viet/sl-2023/index.html#so-lieu-5")]}
    assert (2023, TARGET) not in index


def test_a_repeated_figure_is_shown_once_and_different_ones_both():
    pages = [article("a", "Sơn La", 2023, None, revenue(1463)),
             article("b", "Sơn La", 2023, None, revenue(1463)),
             article("c", "Sơn La", 2023, None, revenue(1500))]
    index = index_values([("Sơn La", pages)])
    table = metric_table(index[(2023, RESULT)], [("Sơn La", "tinh/son-la/index.html")], 2023, RESULT)
    assert [v.label for v in table.rows[0].cells[0]] == ["1.463 tỷ đồng", "1.500 tỷ đồng"]


def test_province_series_needs_two_years_and_one_unit():
    pages = [article("a", "Sơn La", 2022, 2023, revenue(1300), revenue(1400, kind="target"),
                     Figure(90, "%", "90% xã", metric="coverage_communes")),
             article("b", "Sơn La", 2023, None, revenue(1463),
                     Figure(120, "xã", "120 xã", metric="coverage_communes"),
                     Figure(40, "trạm", "40 trạm 5G", metric="stations_5g"))]
    series = province_series(pages)
    assert [(s.metric, s.unit) for s in series] == [("Doanh thu viễn thông", "tỷ đồng")]
    only = series[0]
    assert [(v.year, v.kind, v.value) for v in only.values] == [
        (2022, RESULT, 1300), (2023, RESULT, 1463), (2023, TARGET, 1400)]
    assert [(y, [v.value for v in r], [v.value for v in t]) for y, r, t in only.rows] == [
        (2022, [1300], []), (2023, [1463], [1400])]


def test_every_province_of_the_63_has_one_tile_and_no_two_overlap():
    tiles = load_tiles()
    names = load_gazetteer().names(LAST_DAY_OF_63)
    assert sorted(t.name for t in tiles) == sorted(names) and len(names) == 63
    places = [(t.row, t.col) for t in tiles]
    assert len(set(places)) == 63
    assert len({t.short for t in tiles}) == 63
    assert all(1 <= t.col <= 8 for t in tiles)  # the grid the stylesheet draws


def test_tiles_count_pages_under_any_name_of_the_place():
    tiles = {t.name: t for t in tile_map([("Thừa Thiên Huế", "tinh/thua-thien-hue/index.html", 2),
                                          ("Huế", "tinh/hue/index.html", 1),
                                          ("Sơn La", "tinh/son-la/index.html", 7)])}
    assert len(tiles) == 63
    assert (tiles["Huế"].count, tiles["Huế"].url) == (3, "tinh/thua-thien-hue/index.html")
    assert (tiles["Sơn La"].count, tiles["Sơn La"].shade) == (7, 3)
    assert (tiles["Cao Bằng"].count, tiles["Cao Bằng"].url, tiles["Cao Bằng"].shade) == (0, None, 0)
    assert [shade(n) for n in (0, 1, 2, 4, 5, 100)] == [0, 1, 2, 2, 3, 3]


def test_coverage_counts_the_63_and_the_34():
    found = coverage(["Bắc Kạn", "Thái Nguyên", "Thừa Thiên Huế", "Sơn La"], 9, [2019, 2020, 2023])
    assert (found.provinces, found.total_provinces) == (4, 63)
    assert (found.units, found.total_units) == (3, 34)  # Bắc Kạn is Thái Nguyên since 1/7/2025
    assert (found.first_year, found.last_year, found.years) == (2019, 2023, 3)


@pytest.mark.parametrize("name, region, became, took_in", [
    ("Bắc Kạn", "Trung du và miền núi phía Bắc", "Từ 1/7/2025 thuộc tỉnh Thái Nguyên", None),
    ("Thái Nguyên", "Trung du và miền núi phía Bắc", None, "Từ 1/7/2025 sáp nhập thêm tỉnh Bắc Kạn"),
    ("Bình Dương", "Đông Nam Bộ", "Từ 1/7/2025 thuộc Thành phố Hồ Chí Minh", None),
    ("Thành phố Hồ Chí Minh", "Đông Nam Bộ", None,
     "Từ 1/7/2025 sáp nhập thêm tỉnh Bà Rịa - Vũng Tàu, tỉnh Bình Dương"),
    ("Thừa Thiên Huế", "Bắc Trung Bộ và duyên hải miền Trung", "Từ 1/1/2025 là thành phố Huế", None),
    ("Huế", "Bắc Trung Bộ và duyên hải miền Trung", None, "Trước 1/1/2025 là tỉnh Thừa Thiên Huế"),
    ("Sơn La", "Trung du và miền núi phía Bắc", None, None),
])
def test_province_facts(name, region, became, took_in):
    facts = province_facts(name)
    assert (facts.region, facts.became, facts.took_in) == (region, became, took_in)


def test_nice_ticks():
    assert nice_ticks(1463) == [0, 500, 1000, 1500]
    assert nice_ticks(72) == [0, 20, 40, 60, 80]
    assert nice_ticks(4) == [0, 1, 2, 3, 4]
    assert nice_ticks(0) == [0.0, 1.0]
    assert nice_ticks(2, whole=True) == [0, 1, 2]   # no half pages
    assert nice_ticks(2) == [0, 0.5, 1, 1.5, 2]


def sample_series():
    pages = [article("bg-2019", "Bắc Giang", 2019, 2020, revenue(1290, qualifier="gần"),
                     revenue(1400, kind="target", year=2020)),
             article("bg-2018", "Bắc Giang", 2018, None, revenue(1200)),
             article("bg-2021", "Bắc Giang", 2021, None, revenue(1463.5))]
    return province_series(pages)[0]


def test_series_chart_draws_one_mark_per_value_results_solid_targets_hollow():
    svg = series_chart(sample_series(), "bieu-do-1")
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "Doanh thu viễn thông (tỷ đồng), 2018–2021"
    assert root.get("role") == "img" and root.get("aria-labelledby") == "bieu-do-1-title"
    marks = [c for c in root.iter(f"{SVG}circle") if c.get("class").startswith("mark ")]
    assert [(m.get("class"), m.find(f"{SVG}title").text) for m in marks] == [
        ("mark result", "Năm 2018: 1.200 tỷ đồng (kết quả)"),
        ("mark result", "Năm 2019: gần 1.290 tỷ đồng (kết quả)"),
        ("mark target", "Năm 2020: 1.400 tỷ đồng (mục tiêu)"),
        ("mark result", "Năm 2021: 1.463,5 tỷ đồng (kết quả)")]
    keys = [c.get("class") for c in root.iter(f"{SVG}circle") if c.get("class").startswith("key ")]
    assert keys == ["key target", "key result"]  # the legend names both kinds
    assert {m.get("fill") for m in marks if m.get("class") == "mark result"} == {"#0b5c8e"}
    assert {m.get("fill") for m in marks if m.get("class") == "mark target"} == {"#ffffff"}
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert ["2018", "2019", "2020", "2021"] == [t for t in texts if re.fullmatch(r"20\d\d", t)]
    assert "1.500" in texts and "1.000" in texts  # Vietnamese thousands on the axis
    # higher values sit higher: y decreases as the value grows
    ys = {m.find(f"{SVG}title").text.split(":")[0]: float(m.get("cy")) for m in marks}
    assert ys["Năm 2018"] > ys["Năm 2019"] > ys["Năm 2021"]


def test_year_bars_draw_one_bar_per_count():
    svg = year_bars([(2019, 4, 2), (2020, 0, 3)], "bieu-do-nam", "Số bài theo năm")
    root = ET.fromstring(svg)
    bars = [(r.get("class"), r.find(f"{SVG}title").text) for r in root.iter(f"{SVG}rect")
            if r.find(f"{SVG}title") is not None]
    assert bars == [("bar result", "Năm 2019: 4 bài kết quả"), ("bar target", "Năm 2019: 2 bài nhiệm vụ"),
                    ("bar result", "Năm 2020: 0 bài kết quả"), ("bar target", "Năm 2020: 3 bài nhiệm vụ")]


@pytest.mark.parametrize("name, draw", [
    ("series_chart.svg", lambda: series_chart(sample_series(), "bieu-do-1")),
    ("year_bars.svg", lambda: year_bars([(2017, 1, 0), (2018, 4, 0), (2019, 4, 2), (2020, 4, 4),
                                         (2021, 0, 2)], "bieu-do-nam", "Số bài theo năm")),
])
def test_chart_matches_its_reviewed_snapshot(name, draw):
    """Pure renderers: any change to a chart's markup shows up here. After a deliberate
    change, look at the new file in a browser, then run with UPDATE_SNAPSHOTS=1."""
    import os
    path = SNAPSHOTS / name
    drawn = draw()
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not path.exists():
        path.write_text(drawn + "\n", encoding="utf-8")
    assert drawn + "\n" == path.read_text(encoding="utf-8")


from hypothesis import given, strategies as st  # noqa: E402

from digest.model.compare import Series, Value  # noqa: E402

_values = st.lists(st.tuples(st.integers(1990, 2040), st.sampled_from([RESULT, TARGET]),
                             st.floats(-1e12, 1e12, allow_nan=False)), min_size=1, max_size=12)


@given(_values, st.one_of(st.just("<b> & </b>"),
                          st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20)))
def test_any_series_draws_a_well_formed_chart_with_one_mark_per_value(values, unit):
    """Odd data (negative, huge, equal, one year) never breaks the chart or its markup."""
    points = tuple(Value(y, k, v, unit, f"{v} <{unit}>", f"{v}", "bai-viet/x/index.html#so-lieu-1", "t")
                   for y, k, v in sorted(values))
    root = ET.fromstring(series_chart(Series("Chỉ số <&>", unit, points), "c"))
    marks = [c for c in root.iter(f"{SVG}circle") if c.get("class").startswith("mark ")]
    assert len(marks) == len(points)
    top, bottom = 0, 230
    assert all(top <= float(m.get("cy")) <= bottom for m in marks)
