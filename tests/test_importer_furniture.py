"""Page furniture never becomes content; a bridge point anywhere makes the national
figures national; the 2025 merger; year-end reviews; the weak-cue report (issue 26).

Every page here is written for the test (none copies a seed or a real page).
"""

from __future__ import annotations

import datetime as dt

import pytest

from digest.importer import extract, import_seeds

SIGNATURE = "Thu Trang"


def page(title: str, *lines: str) -> str:
    return "\n".join([title, *lines, SIGNATURE]) + "\n"


# --- a national conference followed from a provincial bridge point ---------------------------

NATIONAL_LEAD = ("Ngày 12/1/2024, Bộ Thông tin và Truyền thông tổ chức Hội nghị tổng kết công tác "
                 "năm 2023, triển khai nhiệm vụ năm 2024.")
NATIONAL_FIGURES = ("Năm 2023, doanh thu toàn ngành ước đạt 3.680.000 tỷ đồng, cả nước có 96.000 "
                    "trạm 4G.")
PROVINCIAL = "Doanh thu viễn thông trên địa bàn tỉnh đạt 1.150 tỷ đồng."
TITLE = "Hội nghị tổng kết công tác năm 2023 của ngành thông tin và truyền thông"

BRIDGE = [
    # the bridge sentence after a player's lines and two paragraphs
    ("An Giang", [NATIONAL_LEAD, "0:00 / 0:00", "Giọng nữ miền Bắc", NATIONAL_FIGURES,
                  "Các đại biểu đánh giá cao kết quả đạt được.",
                  "Tại điểm cầu An Giang, đồng chí Phó Chủ tịch UBND tỉnh dự hội nghị.",
                  PROVINCIAL],
     {3680000: "national", 96000: "national", 1150: None}),
    # the bridge sentence is the last paragraph
    ("Lào Cai", [NATIONAL_LEAD, NATIONAL_FIGURES, "Hội nghị kéo dài cả ngày.",
                 "Dự hội nghị tại điểm cầu Lào Cai có lãnh đạo Sở Thông tin và Truyền thông."],
     {3680000: "national", 96000: "national"}),
    # the organiser is named only beside the bridge point
    ("Quảng Trị", ["Sáng 12/1/2024, hội nghị tổng kết năm 2023 diễn ra theo hình thức trực tuyến.",
                   "Năm 2023, cả nước có 6.000 trạm 5G.", "Chia sẻ",
                   "Tại điểm cầu tỉnh Quảng Trị, lãnh đạo tỉnh dự Hội nghị của Bộ Khoa học và Công "
                   "nghệ.", "Toàn tỉnh có 1.420 trạm BTS."],
     {6000: "national", 1420: None}),
    # near miss: a provincial meeting with bridge points in its districts
    ("Nghệ An", ["Ngày 10/1/2024, Sở Thông tin và Truyền thông tỉnh Nghệ An tổ chức hội nghị tổng "
                 "kết năm 2023, kết nối trực tuyến đến điểm cầu các huyện.",
                 "Năm 2023, toàn tỉnh có 4.200 trạm BTS."],
     {4200: None}),
    # near miss: a national organiser but no bridge point
    ("Hà Tĩnh", ["Ngày 9/1/2024, Sở Thông tin và Truyền thông tỉnh Hà Tĩnh tổng kết năm 2023, "
                 "thực hiện chỉ đạo của Bộ Thông tin và Truyền thông.",
                 "Năm 2023, tỉnh có 2.100 trạm BTS."],
     {2100: None}),
]


@pytest.mark.parametrize("province,lines,scopes", BRIDGE, ids=[b[0] for b in BRIDGE])
def test_a_bridge_point_anywhere_makes_the_countrys_figures_national(province, lines, scopes):
    ex = extract(page(TITLE, *lines), "x.txt")
    assert ex.province == province
    assert {f["value"]: f.get("scope") for f in ex.figures} == scopes


# --- page furniture ----------------------------------------------------------------------------

LEAD = ("Sáng ngày 04/01/2018, Sở Thông tin và Truyền thông tổ chức hội nghị tổng kết công tác "
        "năm 2017, triển khai nhiệm vụ năm 2018.")
HEADLINE = "Ngành Thông tin và Truyền thông tổng kết công tác năm 2017"
FURNITURE = {
    "site name": "Sở Thông tin Truyền thông Thanh Hóa",
    "breadcrumbs": "Trang chủ / Thông tin chỉ đạo, điều hành / Tin hoạt động",
    "header date": "Thứ 7, 27/04/2024, 00:27[GMT+7]",
    "ticker": "TIN VẮN:",
}
PLAYER = ["0:00 / 0:00", "Giọng nữ miền Bắc", "Giọng nam miền Nam", "Tốc độ đọc"]
PHOTO = ["Ảnh: Thanh Tâm", "Toàn cảnh hội nghị tổng kết năm 2017"]
SHAPES = {
    "all furniture above": [*FURNITURE.values(), HEADLINE, *PLAYER, *PHOTO, LEAD],
    "photo before the player": [*FURNITURE.values(), HEADLINE, *PHOTO, *PLAYER, LEAD],
    "header date first": [FURNITURE["header date"], FURNITURE["site name"],
                          FURNITURE["breadcrumbs"], HEADLINE, PHOTO[0], PHOTO[1], LEAD],
    "player only": [FURNITURE["site name"], HEADLINE, *PLAYER, LEAD],
    "caption under its credit, other wording": [FURNITURE["site name"], HEADLINE,
                                                "Ảnh: Báo Thanh Hóa",
                                                "Lãnh đạo Sở trao giấy khen cho các tập thể",
                                                LEAD],
}


@pytest.mark.parametrize("shape", SHAPES)
def test_page_furniture_never_becomes_the_lead(shape):
    text = "\n".join([*SHAPES[shape], "Năm 2017, toàn ngành đã hoàn thành 35/39 chỉ tiêu.",
                      SIGNATURE]) + "\n"
    ex = extract(text, "x.txt")
    assert ex.title == HEADLINE
    assert ex.summary == LEAD, "the real lead, not furniture"
    assert ex.date == dt.date(2018, 1, 4), "the real lead gives its date"
    assert ex.province == "Thanh Hóa", "the site-name line is province evidence"
    assert (ex.review_year, ex.plan_year) == (2017, 2018)
    for line in [*FURNITURE.values(), *PLAYER, *PHOTO, "Lãnh đạo Sở trao giấy khen"]:
        assert line not in ex.body


SOURCE_TAILS = {
    "copyright without a colon": "Nguồn: quangbinh.gov.vn\nBản quyền thuộc về Cổng Thông tin điện "
                                 "tử\nCơ quan chủ quản: Văn phòng UBND\n"
                                 "Điện thoại: 0232.3822.111\n",
    "a link": "Nguồn: https://quangbinh.gov.vn\nBản quyền thuộc về Cổng Thông tin điện tử\n",
    "the portal's name first": "Nguồn: Cổng TTĐT quangbinh.gov.vn\nBản quyền thuộc về Cổng Thông "
                               "tin điện tử\nGhi rõ nguồn khi phát hành lại thông tin\n",
    "upper case, a designer": "Nguồn: www.quangbinh.gov.vn.\nBẢN QUYỀN THUỘC VỀ CỔNG THÔNG TIN "
                              "ĐIỆN TỬ\nThiết kế bởi VNPT\n",
    "a line the importer does not know": "Nguồn: quangbinh.gov.vn\nTrang tin do Văn phòng UBND "
                                         "quản lý\n",
}


@pytest.mark.parametrize("tail", SOURCE_TAILS)
def test_the_source_domain_above_the_copyright_lines_names_the_province(tail):
    text = page("Ngành thông tin và truyền thông tổng kết công tác năm 2023",
                "Ngày 8/1/2024, Sở tổ chức hội nghị tổng kết công tác năm 2023.",
                "Năm 2023, toàn tỉnh có 1.310 trạm BTS.") + SOURCE_TAILS[tail]
    ex = extract(text, "x.txt")
    assert (ex.province, ex.outlet, ex.authors) == ("Quảng Bình", "quangbinh.gov.vn", [SIGNATURE])
    assert "Bản quyền" not in ex.body and "BẢN QUYỀN" not in ex.body


# --- after the 2025 merger: the Sở Khoa học và Công nghệ ------------------------------------

MERGED = page("Chuyển đổi số năm 2025: nhiều kết quả nổi bật",
              "Ngày 26/12/2025, Sở Khoa học và Công nghệ tổ chức hội nghị tổng kết công tác chuyển "
              "đổi số, bưu chính, viễn thông năm 2025, triển khai nhiệm vụ năm 2026.",
              "Năm 2025, toàn tỉnh có 2.450 trạm BTS, 98 % hồ sơ được xử lý trực tuyến.",
              "Phú Thọ là địa phương thuộc nhóm dẫn đầu cả nước về chuyển đổi số.")


def test_a_sở_khcn_review_is_a_digest_page_and_its_closing_sentence_names_the_province():
    ex = extract(MERGED, "x.txt")
    assert (ex.province, ex.review_year, ex.plan_year) == ("Phú Thọ", 2025, 2026)
    assert "Chuyển đổi số" in ex.topics and "Viễn thông" in ex.topics


def test_the_closing_sentence_is_no_evidence_when_another_province_competes():
    ex = extract(MERGED.replace("Sở Khoa học và Công nghệ tổ chức",
                                "Sở Khoa học và Công nghệ tỉnh Lào Cai tổ chức"), "x.txt")
    assert ex.province == "Lào Cai"


def test_a_sở_khcn_site_name_line_is_province_evidence():
    text = "Sở Khoa học và Công nghệ tỉnh Cà Mau\n" + page(
        "Tổng kết chuyển đổi số năm 2025",
        "Ngày 5/1/2026, Sở tổng kết công tác chuyển đổi số năm 2025, triển khai nhiệm vụ năm 2026.")
    assert extract(text, "x.txt").province == "Cà Mau"


# --- a year-end review published in the last days of December ------------------------------

YEAR_END = [
    page("Ngành Thông tin và Truyền thông Hà Giang: một năm nhiều dấu ấn", "29/12/2023 08:30",
         "Năm 2023, ngành Thông tin và Truyền thông tỉnh Hà Giang đã hoàn thành nhiều nhiệm vụ.",
         "Năm 2024, ngành sẽ tiếp tục đẩy mạnh chuyển đổi số."),
    page("Chuyển đổi số Cao Bằng năm 2023: những kết quả nổi bật", "Cập nhật: 30/12/2023",
         "Một năm qua, chuyển đổi số tỉnh Cao Bằng đạt nhiều kết quả.",
         "Trong năm 2024, tỉnh tiếp tục triển khai các nhiệm vụ chuyển đổi số."),
    page("Nhìn lại năm 2022 của ngành thông tin và truyền thông Bắc Kạn",
         "Thứ Sáu, 30/12/2022 | 14:40",
         "Năm 2022, Sở Thông tin và Truyền thông tỉnh Bắc Kạn đã tham mưu nhiều nhiệm vụ, chuẩn "
         "bị triển khai nhiệm vụ năm 2023."),
]


@pytest.mark.parametrize("text", YEAR_END, ids=["outlook", "no cue in the headline", "tasks"])
def test_a_year_end_review_reviews_its_year_and_sets_no_tasks(text):
    ex = extract(text, "x.txt")
    assert ex.date.month == 12 and ex.date.day >= 29
    assert (ex.review_year, ex.plan_year) == (ex.date.year, None)
    assert "no tasks year" in ex.missing["plan_year"]


def test_a_december_meeting_still_sets_next_years_tasks():
    ex = extract(page("Sở TT&TT Yên Bái tổng kết công tác năm 2022",
                      "Ngày 28/12/2022, Sở Thông tin và Truyền thông tỉnh Yên Bái tổ chức hội "
                      "nghị tổng kết công tác năm 2022, triển khai nhiệm vụ năm 2023."), "x.txt")
    assert (ex.review_year, ex.plan_year) == (2022, 2023)


# --- the import report: metrics read from a weak cue -------------------------------------------

REVENUE = "Doanh thu viễn thông đạt 1.320 tỷ đồng."
NEW_AND_TOTAL = ("Trong năm, các doanh nghiệp phát triển mới 48.000 thuê bao băng rộng cố định, "
                 "nâng tổng số lên 265.000 thuê bao.")


def import_report(tmp_path, *body: str) -> tuple[list[str], str]:
    """The lines `import` reports for one made-up seed, and the page it wrote."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(page(
        "Sở TT&TT Bắc Ninh tổng kết công tác năm 2023",
        "Ngày 9/1/2024, Sở Thông tin và Truyền thông tỉnh Bắc Ninh tổng kết công tác năm 2023.",
        *body), encoding="utf-8")
    lines: list[str] = []
    report = import_seeds(seeds, tmp_path / "content", out=lines.append)
    return lines, report.pages["a.txt"].read_text(encoding="utf-8")


def test_the_report_flags_figures_whose_metric_came_from_a_weak_cue(tmp_path):
    lines, written = import_report(tmp_path, NEW_AND_TOTAL, REVENUE)
    flagged = [line for line in lines if "weak cue" in line]
    assert len(flagged) == 1, lines
    assert "item 2 (265.000 thuê bao: broadband_subscribers)" in flagged[0]
    assert "1.320" not in flagged[0] and "48.000" not in flagged[0]
    assert "weak_cue" not in written, "the flag is for the report, never the page"


def test_a_page_without_weak_cues_gets_no_such_line(tmp_path):
    lines, _written = import_report(tmp_path, REVENUE)
    assert not [line for line in lines if "weak cue" in line]
