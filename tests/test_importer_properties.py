"""Property tests: the importer never raises, slugs are ASCII, imports are idempotent,
and editors' changes survive --update."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.content.frontmatter import parse_page
from digest.importer import extract, import_seeds
from digest.importer import writer
from digest.importer.extract import Extracted

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Pieces of real-looking seeds: headlines, leads, chrome, dates, numbers, signatures.
FRAGMENTS = [
    "Sở Thông tin và Truyền thông triển khai nhiệm vụ năm 2020",
    "Hội nghị tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024",
    "Thứ năm,  15/04/2021", "Thứ Hai, 13/01/2020 | 14:40", "03-12-2018 13:16",
    "12/01/2020 14:40 Số lượt xem: 2187", "Cập nhật: 05/02/2021",
    "Chiều 13/1, Sở Thông tin và Truyền thông tổ chức hội nghị.",
    "LSO-Sáng nay (18/1), Sở TT&TT tỉnh Lạng Sơn tổ chức hội nghị triển khai nhiệm vụ năm 2018.",
    "(sonla.gov.vn) Ngày 10/01/2024, Sở đã tổ chức Hội nghị.",
    "Ngày 10- 1, Sở TT&TT tổng kết công tác năm 2019, triển khai nhiệm vụ năm 2020.",
    "Năm 2019, Sở đã hoàn thành 6/6 lĩnh vực với 174 điểm phục vụ bưu chính.",
    "Doanh thu đạt 1.463 tỷ đồng, vượt 8% so với kế hoạch; 99,5% hồ sơ trực tuyến.",
    "1- Tiếp tục tăng cường tham mưu.", "2- Đẩy mạnh chuyển đổi số.", "10. Một việc.",
    "- gạch đầu dòng", "# dấu thăng", "> trích", "* sao", "<b>html</b>", "[liên kết](x)",
    "anh tin bai", "image advertisement", "Video tuyên truyền nông thôn mới",
    "THÔNG TIN TRA CỨU", "Thống kê truy cập", "• Đang online: 1", "Tổng truy cập: 1197893",
    "Tin liên quan", "Yên Bái: Tổng kết năm 2018 (15/01/2019)",
    "TRANG THÔNG TIN ĐIỆN TỬ SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH THÁI NGUYÊN",
    "Địa chỉ: số 5, đường Nha Trang", "Email: sotttt@thainguyen.gov.vn",
    "Các đại biểu dự hội nghị.", "Đồng chí Lý Vinh Quang phát biểu tại hội nghị",
    "Hồng Vân - Minh Quang", "HOÀNG VƯƠNG", "PV", "Vũ Quốc Thạnh – Giám đốc sở TT&T",
    "Sở TT&TT TP.HCM", "tỉnh Khánh Hoà", "BR-VT", "TT-Huế", "Đắc Lắc", "Thái Bình Dương",
    "Kế hoạch số 12/KH-UBND ngày 5/1/2020", "31/2/2020", "Ngày 99/99", "năm 2100", "năm 1900",
    "", " ", "\u00a0", "\ufeff", "\r\n", "\t", "./.", "…", "—", ":", "'", '"', "\\", "---",
]
LINES = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=25)
SEED_TEXT = LINES.map("\n".join)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_extract_never_raises_on_any_text(text):
    ex = extract(text, "x.txt")
    assert isinstance(ex, Extracted)


@settings(max_examples=300, deadline=None)
@given(SEED_TEXT)
def test_extract_never_raises_on_vietnamese_fragments(text):
    ex = extract(text, "x.txt")
    assert ex.province is None or isinstance(ex.province, str)
    assert all(isinstance(f["value"], (int, float)) for f in ex.figures)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), SEED_TEXT))
def test_every_page_round_trips_through_the_front_matter_parser(text):
    ex = extract(text, "seed.txt")
    slug = writer.unique_slug(ex, set(), shared=False)
    page = writer.render_page(ex, slug)
    raw = parse_page(page, "p.md")
    written = [key for key in writer.KEYS if key not in writer.OPTIONAL or ex.outlet is not None]
    assert list(raw.data)[:len(written)] == written
    assert raw.data.get("outlet") == ex.outlet
    assert raw.data["title"] == ex.title and raw.data["slug"] == slug
    assert raw.data["summary"] == ex.summary and raw.data["authors"] == ex.authors
    assert writer.untouched(page)
    assert not writer.untouched(page + "x")


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sets(st.text(alphabet="abc-", max_size=6)), st.booleans())
def test_slugs_are_always_ascii(title, taken, shared):
    ex = Extracted(source="x", title=title)
    slug = writer.unique_slug(ex, {writer.base_slug(ex)} | taken, shared)
    assert SLUG.match(slug)
    assert SLUG.match(writer.file_name(None, slug)[:-3])


def _import_twice(texts: list[str]) -> tuple[dict, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        seeds, content = Path(tmp) / "seeds", Path(tmp) / "content"
        seeds.mkdir()
        for i, text in enumerate(texts):
            (seeds / f"{i:03d}.txt").write_text(text, encoding="utf-8")
        import_seeds(seeds, content, out=lambda line: None)
        first = {p.name: p.read_bytes() for p in sorted(content.glob("*.md"))}
        import_seeds(seeds, content, out=lambda line: None)
        import_seeds(seeds, content, update=True, out=lambda line: None)
        second = {p.name: p.read_bytes() for p in sorted(content.glob("*.md"))}
    return first, second


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SEED_TEXT, min_size=1, max_size=4))
def test_importing_twice_changes_nothing(texts):
    first, second = _import_twice(texts)
    assert first == second
    for name in first:
        assert SLUG.match(name[:-3])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SEED_TEXT.filter(lambda t: t.strip()), st.text(min_size=1, max_size=30))
def test_an_edited_page_survives_update(text, edit):
    with tempfile.TemporaryDirectory() as tmp:
        seeds, content = Path(tmp) / "seeds", Path(tmp) / "content"
        seeds.mkdir()
        (seeds / "000.txt").write_text(text + "\nMột dòng bài viết.", encoding="utf-8")
        report = import_seeds(seeds, content, out=lambda line: None)
        page = report.pages["000.txt"]
        edited = page.read_bytes() + edit.encode("utf-8")
        page.write_bytes(edited)
        report = import_seeds(seeds, content, update=True, out=lambda line: None)
        assert report.edited_kept == ["000.txt"]
        assert page.read_bytes() == edited


# --- page shapes with a known truth (issue 17) ---------------------------------------
#
# A made-up annual review meeting: province P reviews year Y at a meeting on day D
# (January–March of Y+1, or December of Y), written in one of the shapes real
# portals use. Whatever the shape, a field the importer fills must be the true
# one: never contradicted by a date or year the same text states.

import datetime as dt  # noqa: E402

from digest.lexicon.outlets import load_outlets  # noqa: E402
from digest.lexicon.places import load_gazetteer  # noqa: E402

PROVINCES = sorted(load_gazetteer().names(dt.date(2024, 6, 30)))
ABOVE = ["DetailController", "Skip Ribbon Commands", "Skip to main content", "Chi tiết tin",
         "A+ | A | A-", "Trang chủ", "Giới thiệu", "Tin tức - Sự kiện",
         "Trang chủ › Tin tức › Hoạt động của Sở", "Thứ Hai, 15/04/2021", "Tin mới",
         "• Lào Cai: Hội nghị tổng kết năm 2012", "Yên Bái triển khai nhiệm vụ năm 2013 (10/01/2013)"]


def _stamp_line(day: dt.date, form: int) -> str:
    d, m, y = day.day, day.month, day.year
    return [f"{d:02d}/{m:02d}/{y} 08:30", f"22:13 {d:02d}-{m:02d}-{y} | :533",
            f"{d:02d}/{m:02d}/{y} - 17:18", f"( Cập nhật lúc: {d:02d}/{m:02d}/{y} )",
            f"Thứ Năm, {d:02d}/{m:02d}/{y} | 14:40", f"Ngày đăng: {d}/{m}/{y}"][form]


# Page furniture between the headline and the lead (issue 26): a player, a photo
# credit and its caption. None of it may become the summary.
FURNITURE = ["0:00 / 0:00", "Giọng nữ miền Bắc", "Tốc độ đọc", "Ảnh: Thanh Tâm",
             "Toàn cảnh hội nghị", "TIN VẮN:"]


@st.composite
def figure_facts(draw):
    """A sentence with a figure of a known meaning, and that meaning (issue 26)."""
    shape = draw(st.sampled_from(["rank", "density", "requirement", "new"]))
    if shape == "rank":
        total = draw(st.sampled_from([34, 63]))
        rank = draw(st.integers(1, total))
        index = draw(st.sampled_from(["chỉ số DTI", "chỉ số chuyển đổi số", "ICT Index"]))
        verb = draw(st.sampled_from(["xếp", "xếp thứ", "đứng thứ", "xếp hạng"]))
        return f"Về {index}, tỉnh {verb} {rank}/{total} tỉnh, thành.", {
            "rank": (rank, f"/{total}")}
    if shape == "density":
        value = draw(st.integers(5, 180))
        what = draw(st.sampled_from(["điện thoại", "thuê bao di động", "thuê bao Internet"]))
        unit = draw(st.sampled_from(["máy", "thuê bao"]))
        per = draw(st.sampled_from(["/100 dân", " trên 100 dân", "/100 người dân"]))
        return f"Mật độ {what} đạt {value} {unit}{per}.", {"density": (value, f"{unit}/100 dân")}
    if shape == "requirement":
        result, required = draw(st.integers(51, 99)), draw(st.integers(10, 50))
        word = draw(st.sampled_from(["yêu cầu", "kế hoạch"]))
        return (f"Tỷ lệ hồ sơ xử lý trực tuyến đạt {result} % so với {required} % {word}.",
                {"requirement": (result, required)})
    new, stock = draw(st.integers(2, 90)), draw(st.integers(100, 900))
    what = draw(st.sampled_from(["thuê bao di động", "thuê bao băng rộng cố định", "trạm BTS"]))
    noun = what.split()[0]
    return (f"Trong năm phát triển mới {new} nghìn {what}, nâng tổng số lên {stock} nghìn {noun}.",
            {"new": (new, stock)})


def figures_agree_with(figures: list[dict], facts: dict) -> None:
    """A filled figure field never contradicts the sentence it was read from."""
    by_value = {}
    for figure in figures:
        by_value.setdefault(figure["value"], []).append(figure)
    if "rank" in facts:
        rank, total = facts["rank"]
        [figure] = [f for f in figures if f["kind"] == "rank"]
        assert (figure["value"], figure["unit"]) == (rank, total), "the rank and its total"
        assert figure.get("metric") in (None, "dti_rank", "ict_index_rank")
    if "density" in facts:
        value, unit = facts["density"]
        [figure] = by_value[value]
        assert figure["unit"] == unit, "a density keeps '/100 dân'"
        assert figure.get("metric") in (None, "phone_density", "internet_density")
    if "requirement" in facts:
        result, required = facts["requirement"]
        assert [f["kind"] for f in by_value[result]] == ["result"]
        assert [f["kind"] for f in by_value[required]] == ["target"]
        assert by_value[required][0]["year"] == by_value[result][0]["year"]
    if "new" in facts:
        new, stock = facts["new"]
        assert [f["kind"] for f in by_value[new]] == ["change"]
        assert [f["kind"] for f in by_value[stock]] == ["result"]
        assert by_value[stock][0].get("metric") in (None, by_value[new][0].get("metric"))


@st.composite
def meeting_pages(draw):
    review = draw(st.integers(2015, 2023))
    month = draw(st.sampled_from([1, 2, 3, 12]))
    day = dt.date(review if month == 12 else review + 1, month, draw(st.integers(1, 28)))
    province = draw(st.sampled_from(PROVINCES))
    plan_stated = draw(st.booleans())
    outlets = [o for o in load_outlets().outlets if o.province == province]
    outlet = draw(st.sampled_from([None, *outlets]))
    name_in_lead = outlet is None or draw(st.booleans())

    lines = draw(st.lists(st.sampled_from(ABOVE), max_size=4))
    title = draw(st.sampled_from([
        f"Sở TT&TT tổng kết công tác năm {review}",
        f"Hội nghị tổng kết công tác thông tin và truyền thông năm {review}",
        f"Ngành thông tin và truyền thông tổng kết năm {review}"]))
    lines.append(title)
    published = None
    if draw(st.booleans()):
        published = day + dt.timedelta(days=draw(st.integers(0, 3)))
        lines.append(_stamp_line(published, draw(st.integers(0, 5))))
    lines += draw(st.lists(st.sampled_from(FURNITURE), max_size=3, unique=True))
    with_year = draw(st.booleans())
    when = draw(st.sampled_from(["Chiều", "Sáng", "Ngày", "Sáng thứ Hai"]))
    when = (f"{when} ({day.day}/{day.month})" if when.endswith("Hai")
            else f"{when} {day.day}/{day.month}") + (f"/{day.year}" if with_year else "")
    told = draw(st.booleans())    # does the lead give the day at all?
    opening = f"{when}, " if told else "Vừa qua, "
    level = "" if province.startswith("Thành phố") else "tỉnh "
    who = f"Sở Thông tin và Truyền thông {level}{province}" if name_in_lead else "Sở Thông tin và Truyền thông"
    tasks = f", triển khai nhiệm vụ năm {review + 1}" if plan_stated else ""
    dateline = ""
    if outlet is not None:
        dateline = outlet.datelines[0] + "-" if outlet.datelines else outlet.domains[0].capitalize() + " - "
    lead = f"{opening}{who} tổ chức hội nghị tổng kết công tác năm {review}{tasks}."
    lines.append(dateline + lead)
    lines.append(f"Năm {review}, Sở đã hoàn thành các chỉ tiêu, với 1.250 trạm BTS.")
    sentence, facts = draw(figure_facts())
    lines.append(sentence)
    lines += ["Hồng Vân", "Tin liên quan", "Yên Bái: Tổng kết năm 2012 (15/01/2013)"]
    truth = {"title": title, "province": province, "review": review,
             "plan": review + 1 if plan_stated else None,
             "date": day if told else published,
             "date_stated": told and (with_year or published is not None) or published is not None,
             "outlet": None if outlet is None else (outlet.name if outlet.datelines
                                                    else outlet.domains[0]),
             "lead": lead, "facts": facts}
    return "\n".join(lines) + "\n", truth


@settings(max_examples=300, deadline=None)
@given(meeting_pages())
def test_a_filled_field_is_never_contradicted_by_the_text(page):
    text, truth = page
    ex = extract(text, "x.txt")
    assert ex.title == truth["title"]
    assert ex.province == truth["province"], "named in the lead or by its outlet"
    assert ex.review_year == truth["review"], "stated in the headline and the lead"
    assert ex.outlet == truth["outlet"]
    if truth["plan"] is not None:
        assert ex.plan_year == truth["plan"]
    else:   # not stated: a January–March meeting sets the next year's tasks; December: none
        assert ex.plan_year in (None, truth["review"] + 1)
        if ex.plan_year is not None:
            assert ex.date is not None and ex.date.month <= 3
    assert ex.date in (None, truth["date"])
    if truth["date_stated"]:
        assert ex.date == truth["date"], "the text states the whole date"
    if ex.date is not None and ex.review_year is not None:
        assert ex.date.year in (ex.review_year, ex.review_year + 1)
    for key, value in (("date", ex.date), ("province", ex.province),
                       ("review_year", ex.review_year)):
        assert (value is None) == (key in ex.missing), key
    assert ex.summary == truth["lead"], "furniture is never the summary"
    figures_agree_with(ex.figures, truth["facts"])


@st.composite
def period_pages(draw):
    """A made-up quarterly or half-year report: never an annual review."""
    year = draw(st.integers(2015, 2024))
    period, month = draw(st.sampled_from([("quý I/{y}", 4), ("quý II/{y}", 7), ("quý III/{y}", 10),
                                          ("6 tháng đầu năm {y}", 7), ("9 tháng năm {y}", 10)]))
    period = period.format(y=year)
    day = dt.date(year, month, draw(st.integers(1, 28)))
    province = draw(st.sampled_from(PROVINCES))
    lines = draw(st.lists(st.sampled_from(ABOVE), max_size=3))
    title = draw(st.sampled_from([f"Sở TT&TT tỉnh {province} sơ kết công tác {period}",
                                  f"Kết quả {period} của ngành thông tin và truyền thông {province}"]))
    lines.append(title)
    published = None
    if draw(st.booleans()):
        published = day + dt.timedelta(days=draw(st.integers(0, 3)))
        lines.append(_stamp_line(published, draw(st.integers(0, 5))))
    told = draw(st.booleans())
    opening = f"Chiều {day.day}/{day.month}, " if told else "Vừa qua, "
    lines.append(f"{opening}Sở Thông tin và Truyền thông tỉnh {province} tổ chức hội nghị sơ kết "
                 f"công tác {period}, triển khai nhiệm vụ thời gian tới.")
    lines.append(f"Năm {year}, Sở đã hoàn thành các chỉ tiêu đề ra.")
    lines.append("Hồng Vân")
    return "\n".join(lines) + "\n", {"title": title, "province": province,
                                     "date": day if told else published}


@settings(max_examples=150, deadline=None)
@given(period_pages())
def test_a_part_of_a_year_never_gets_a_review_or_plan_year(page):
    text, truth = page
    ex = extract(text, "x.txt")
    assert ex.title == truth["title"] and ex.province == truth["province"]
    assert (ex.review_year, ex.plan_year) == (None, None)
    assert "not an annual review" in ex.missing["review_year"]
    assert ex.date in (None, truth["date"])
    if truth["date"] is not None:
        assert ex.date == truth["date"], "the period's year dates a day without one"


@st.composite
def year_end_reviews(draw):
    """A year-end review article published in late December: it reviews that year
    and sets no tasks."""
    year = draw(st.integers(2015, 2024))
    province = draw(st.sampled_from(PROVINCES))
    published = dt.date(year, 12, draw(st.integers(15, 31)))
    lines = draw(st.lists(st.sampled_from(ABOVE), max_size=3))
    title = draw(st.sampled_from([f"Dấu ấn ngành thông tin và truyền thông {province} năm {year}",
                                  f"Nhìn lại chuyển đổi số {province} năm {year}"]))
    lines += [title, _stamp_line(published, draw(st.integers(0, 5)))]
    lines.append(f"Năm {year}, ngành thông tin và truyền thông tỉnh {province} ghi dấu ấn với "
                 "nhiều kết quả nổi bật.")
    lines += ["Toàn tỉnh có 1.100 trạm BTS.", "Hồng Vân"]
    return "\n".join(lines) + "\n", {"title": title, "province": province, "review": year,
                                     "date": published}


@settings(max_examples=100, deadline=None)
@given(year_end_reviews())
def test_a_year_end_review_reviews_its_year_and_sets_no_tasks(page):
    text, truth = page
    ex = extract(text, "x.txt")
    assert (ex.title, ex.province, ex.date) == (truth["title"], truth["province"], truth["date"])
    assert (ex.review_year, ex.plan_year) == (truth["review"], None)
    assert "no tasks year" in ex.missing["plan_year"]


@settings(max_examples=300, deadline=None)
@given(SEED_TEXT)
def test_the_years_never_contradict_the_pages_date(text):
    """Whatever fragments a page mixes, no filled year contradicts the date filled
    beside it: no results of a year that had not begun, no tasks years ahead."""
    ex = extract(text, "x.txt")
    if ex.date is not None and ex.review_year is not None:
        assert ex.review_year <= ex.date.year
    if ex.date is not None and ex.plan_year is not None:
        assert ex.plan_year <= ex.date.year + 1
    if ex.review_year is not None and ex.plan_year is not None:
        assert ex.plan_year >= ex.review_year
