"""Articles the importer has never seen: other provinces, years, chrome and spellings.

Every text here is written for the test (none copies a seed).
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from digest.importer import extract, import_seeds
from digest.importer.body import to_markdown
from digest.importer.figures import figures_in, parse_number
from digest.importer.people import parse_signature


def lines(*parts: str) -> str:
    return "\n".join(parts) + "\n"


def test_nfd_text_with_crlf_and_bom():
    text = lines(
        "Tỉnh Quảng Ninh tổng kết công tác thông tin và truyền thông năm 2021",
        "",
        "Sáng 14/1, Sở Thông tin và Truyền thông tỉnh Quảng Ninh tổ chức hội nghị tổng kết "
        "công tác năm 2021, triển khai nhiệm vụ năm 2022.",
        "",
        "Năm 2021, toàn tỉnh có 1.250 trạm BTS, tỷ lệ hồ sơ xử lý trực tuyến đạt 99,5%.",
        "",
        "Thanh Hà",
    )
    raw = "\ufeff" + unicodedata.normalize("NFD", text).replace("\n", "\r\n")
    assert raw != text
    ex = extract(raw, "x.txt")
    assert ex.title == "Tỉnh Quảng Ninh tổng kết công tác thông tin và truyền thông năm 2021"
    assert ex.date == dt.date(2022, 1, 14)
    assert ex.province == "Quảng Ninh"
    assert (ex.review_year, ex.plan_year) == (2021, 2022)
    assert ex.authors == ["Thanh Hà"]
    assert "\r" not in ex.body and "\ufeff" not in ex.body
    assert unicodedata.is_normalized("NFC", ex.body + ex.title + ex.summary)
    figures = {(f["value"], f["unit"]) for f in ex.figures}
    assert (1250, "trạm BTS") in figures and (99.5, "%") in figures


def test_later_year_weekday_header_is_not_the_date():
    text = lines(
        "Thứ Sáu, 20/06/2025",
        "Hà Giang: Tổng kết công tác thông tin và truyền thông năm 2022",
        "Chiều 9/1, Sở TT&TT tỉnh Hà Giang tổ chức hội nghị tổng kết công tác năm 2022, "
        "triển khai nhiệm vụ năm 2023.",
        "Năm 2022, Sở đã hoàn thành 100% chỉ tiêu về dịch vụ công trực tuyến.",
        "Minh Khang",
    )
    ex = extract(text, "x.txt")
    assert ex.title.startswith("Hà Giang: Tổng kết")
    assert ex.date == dt.date(2023, 1, 9)
    assert ex.province == "Hà Giang", "the name in force in 2023, before the 2025 merger"
    assert "20/06/2025" not in ex.body and "Thứ Sáu" not in ex.body


def test_weekday_stamp_with_time_under_the_headline_is_the_publication_day():
    text = lines(
        "Sở TT&TT Bình Phước triển khai nhiệm vụ năm 2020",
        "Thứ Hai, 13/01/2020 | 14:40",
        "Vừa qua, Sở Thông tin và Truyền thông tỉnh Bình Phước tổ chức hội nghị triển khai "
        "nhiệm vụ năm 2020.",
        "Năm 2020, Sở tiếp tục đẩy mạnh chuyển đổi số.",
    )
    ex = extract(text, "x.txt")
    assert ex.date == dt.date(2020, 1, 13)
    assert "14:40" not in ex.body


def test_province_name_after_the_2025_merger():
    text = lines(
        "Sở Khoa học và Công nghệ triển khai nhiệm vụ chuyển đổi số năm 2026",
        "Ngày 15/12/2025, Sở Khoa học và Công nghệ tỉnh Hà Giang cũ tổ chức hội nghị "
        "triển khai nhiệm vụ năm 2026 trên địa bàn tỉnh Hà Giang.",
        "Năm 2026, Sở tiếp tục hoàn thiện nền tảng số dùng chung.",
    )
    ex = extract(text, "x.txt")
    assert ex.date == dt.date(2025, 12, 15)
    assert ex.province == "Tuyên Quang"


RELATED = [
    "Tin liên quan",
    "Yên Bái: Tổng kết công tác thông tin và truyền thông năm 2018 (15/01/2019)",
    "Sở TT&TT Hà Giang triển khai nhiệm vụ năm 2017",
    "Điện Biên đẩy mạnh chuyển đổi số năm 2022",
]


def test_related_news_block_names_other_provinces_and_years():
    text = lines(
        "Sở TT&TT Lào Cai triển khai nhiệm vụ năm 2021",
        "Ngày 12/1/2021, Sở Thông tin và Truyền thông tỉnh Lào Cai tổ chức hội nghị tổng kết "
        "năm 2020, triển khai nhiệm vụ năm 2021.",
        "Năm 2020, ngành đã hoàn thành 12 nhiệm vụ trọng tâm về hạ tầng số.",
        "Minh Đức",
        *RELATED,
    )
    ex = extract(text, "x.txt")
    assert ex.province == "Lào Cai"
    assert (ex.review_year, ex.plan_year) == (2020, 2021)
    assert ex.date == dt.date(2021, 1, 12)
    assert ex.authors == ["Minh Đức"]
    for line in RELATED:
        assert line not in ex.body
    assert "Yên Bái" not in ex.body and "Điện Biên" not in ex.body


def test_related_news_names_never_become_the_province():
    text = lines(
        "Sở Thông tin và Truyền thông triển khai nhiệm vụ năm 2021",
        "Sáng 12/1, Sở Thông tin và Truyền thông tổ chức hội nghị triển khai nhiệm vụ năm 2021.",
        "Năm 2021, Sở tập trung phát triển hạ tầng viễn thông.",
        "Bảo Ngọc",
        *RELATED,
        "Các tin khác",
        "Lạng Sơn: 98% hồ sơ được xử lý trực tuyến",
    )
    ex = extract(text, "x.txt")
    assert ex.province is None
    assert ex.plan_year == 2021 and ex.review_year is None
    assert "province" in ex.missing


@pytest.mark.parametrize("written,canonical", [
    ("Khánh Hoà", "Khánh Hòa"), ("Khánh Hòa", "Khánh Hòa"),
    ("Hoà Bình", "Hòa Bình"), ("Thanh Hoá", "Thanh Hóa"),
])
def test_tone_placement_variants(written, canonical):
    text = lines(
        f"Sở TT&TT tỉnh {written} tổng kết công tác năm 2019",
        f"Chiều 20/12/2019, Sở Thông tin và Truyền thông tỉnh {written} tổ chức hội nghị "
        "tổng kết công tác năm 2019.",
        "Năm 2019, toàn tỉnh đạt 320 tỷ đồng doanh thu bưu chính.",
    )
    ex = extract(text, "x.txt")
    assert ex.province == canonical
    assert ex.review_year == 2019


def test_tp_hcm_abbreviation():
    text = lines(
        "Sở TT&TT TP.HCM triển khai nhiệm vụ năm 2024",
        "Sáng 5/1, Sở Thông tin và Truyền thông TP.HCM tổ chức hội nghị tổng kết năm 2023 và "
        "triển khai nhiệm vụ năm 2024.",
        "Năm 2023, thành phố đã có 1.200 dịch vụ công trực tuyến toàn trình.",
        "Ngọc Lan",
    )
    ex = extract(text, "x.txt")
    assert ex.province == "Thành phố Hồ Chí Minh"
    assert ex.date == dt.date(2024, 1, 5)


def test_province_named_only_by_its_gov_domain():
    text = lines(
        "Sở Thông tin và Truyền thông tổng kết công tác năm 2020",
        "(quangtri.gov.vn) - Sáng 8/1, Sở Thông tin và Truyền thông tổ chức hội nghị tổng kết "
        "công tác năm 2020, triển khai nhiệm vụ năm 2021.",
        "Năm 2020, Sở đã cấp 2.500 chứng thư số cho cán bộ, công chức.",
    )
    ex = extract(text, "x.txt")
    assert ex.province == "Quảng Trị"
    assert ex.date == dt.date(2021, 1, 8)
    assert ex.summary.startswith("Sáng 8/1"), "the agency prefix is not part of the summary"


def test_neighbouring_province_mentioned_once_does_not_win():
    text = lines(
        "Sở TT&TT tỉnh Cao Bằng triển khai nhiệm vụ năm 2022",
        "Chiều 11/1, Sở Thông tin và Truyền thông tỉnh Cao Bằng tổ chức hội nghị triển khai "
        "nhiệm vụ năm 2022.",
        "Sở sẽ phối hợp với tỉnh Lạng Sơn xây dựng tuyến cáp quang dọc biên giới.",
        "Năm 2022, Sở tập trung phủ sóng 4G đến 100% xã.",
    )
    assert extract(text, "x.txt").province == "Cao Bằng"
    # Without its own province, a neighbour mentioned once is no reason to pick it.
    text = lines(
        "Sở Thông tin và Truyền thông triển khai nhiệm vụ năm 2022",
        "Chiều 11/1, Sở Thông tin và Truyền thông tổ chức hội nghị triển khai nhiệm vụ năm 2022.",
        "Sở sẽ phối hợp với tỉnh Lạng Sơn xây dựng tuyến cáp quang dọc biên giới.",
    )
    ex = extract(text, "x.txt")
    assert ex.province is None
    assert "Lạng Sơn" in ex.missing["province"]


def test_article_with_no_province_is_reported(tmp_path):
    seeds, content = tmp_path / "seeds", tmp_path / "content"
    seeds.mkdir()
    (seeds / "050_none.txt").write_text(lines(
        "Ngành Thông tin và Truyền thông triển khai nhiệm vụ năm 2019",
        "Sáng 16/1, Sở Thông tin và Truyền thông tổ chức hội nghị triển khai nhiệm vụ năm 2019.",
        "Năm 2019, ngành tiếp tục đẩy mạnh ứng dụng công nghệ thông tin.",
        "PV",
    ), encoding="utf-8")
    out: list[str] = []
    report = import_seeds(seeds, content, out=out.append)
    page = report.pages["050_none.txt"].read_text(encoding="utf-8")
    assert "province: null  # not found in the text" in page
    assert "authors: []  # the signature" in page
    assert any(line.startswith('050_none.txt: province: not found in the text — set "province:"')
               for line in out)


def test_only_a_trailing_update_stamp_gives_the_date():
    text = lines(
        "Đắk Lắk đẩy mạnh chuyển đổi số",
        "Vừa qua, Sở Thông tin và Truyền thông tỉnh Đắk Lắk đã tổng kết công tác năm 2020.",
        "Năm 2020, toàn tỉnh đã số hóa 45.000 hồ sơ hành chính.",
        "Hữu Thắng",
        "Cập nhật: 05/02/2021",
    )
    ex = extract(text, "x.txt")
    assert ex.date == dt.date(2021, 2, 5)
    assert ex.province == "Đắk Lắk"
    assert "Cập nhật" not in ex.body
    assert ex.authors == ["Hữu Thắng"]


def test_plan_only_article():
    text = lines(
        "Bình Định ban hành kế hoạch chuyển đổi số năm 2023",
        "12/02/2023 08:15",
        "UBND tỉnh Bình Định vừa ban hành kế hoạch chuyển đổi số năm 2023 với 45 nhiệm vụ.",
        "Theo kế hoạch, đến hết năm 2023 tỉnh phấn đấu 80% hồ sơ được xử lý trực tuyến.",
    )
    ex = extract(text, "x.txt")
    assert ex.plan_year == 2023 and ex.review_year is None
    assert ex.date == dt.date(2023, 2, 12)
    assert ex.province == "Bình Định"
    assert "plan_year" not in ex.missing


def test_abbreviation_signature_names_no_one():
    text = lines(
        "Sở TT&TT Nghệ An tổng kết năm 2019",
        "Sáng 6/1/2020, Sở Thông tin và Truyền thông tỉnh Nghệ An tổng kết công tác năm 2019.",
        "Năm 2019, Sở đã hoàn thành các chỉ tiêu đề ra.",
        "PV",
    )
    ex = extract(text, "x.txt")
    assert ex.authors == []
    assert "abbreviation" in ex.missing["authors"]
    assert "PV" not in ex.body


@pytest.mark.parametrize("line,authors", [
    ("Hồng Vân - Minh Quang", ["Hồng Vân", "Minh Quang"]),
    ("HOÀNG VƯƠNG", ["Hoàng Vương"]),
    ("Vũ Quốc Thạnh – Giám đốc sở TT&T", ["Vũ Quốc Thạnh"]),
    ("Minh Anh - TTXVN", ["Minh Anh"]),
    ("Tin, ảnh: Thu Trang", ["Thu Trang"]),
    ("(Lê Hà)", ["Lê Hà"]),
    ("Thanh Hà (Báo Hà Giang)", ["Thanh Hà"]),
    ("PV", []), ("BT", []), ("TH", []), ("CTV", []),
    ("THÔNG TIN TRA CỨU", None), ("Liên kết website", None),
    ("Tiếp tục đẩy mạnh cải cách hành chính.", None),
])
def test_signatures(line, authors):
    assert parse_signature(line) == authors


def test_captions_go_and_short_paragraphs_stay():
    text = lines(
        "Kon Tum tổng kết công tác thông tin và truyền thông năm 2019",
        "Sáng 10/1/2020, Sở Thông tin và Truyền thông tỉnh Kon Tum tổng kết công tác năm 2019.",
        "Quang cảnh hội nghị",
        "Năm 2019, Sở đã hoàn thành 8/8 chỉ tiêu.",
        "ảnh minh họa",
        "Năm 2020, Sở sẽ tập trung xây dựng chính quyền số.",
        "Đồng chí Nguyễn Văn A, Giám đốc Sở phát biểu tại hội nghị",
        "Kết quả nổi bật",
        "Toàn tỉnh có 120 điểm phục vụ bưu chính.",
        "Ảnh: Hồng Nhung",
        "Phương Thảo",
    )
    ex = extract(text, "x.txt")
    for caption in ("Quang cảnh hội nghị", "Nguyễn Văn A", "Ảnh: Hồng Nhung"):
        assert caption not in ex.body
    for kept in ("Năm 2019, Sở đã hoàn thành 8/8 chỉ tiêu.",
                 "Năm 2020, Sở sẽ tập trung xây dựng chính quyền số.",
                 "Kết quả nổi bật", "Toàn tỉnh có 120 điểm phục vụ bưu chính."):
        assert kept in ex.body
    assert ex.authors == ["Phương Thảo"]


def test_headings_near_pictures_are_not_captions():
    text = lines(
        "Gia Lai tổng kết công tác năm 2020",
        "Sáng 12/1/2021, Sở Thông tin và Truyền thông tỉnh Gia Lai tổng kết công tác năm 2020.",
        "KẾT QUẢ NỔI BẬT",
        "Năm 2020, Sở đã hoàn thành các chỉ tiêu.",
        "ảnh minh họa",
        "Về bưu chính, viễn thông",
        "Toàn tỉnh có 2.100 trạm BTS.",
        "ảnh",
        "Toàn cảnh hội nghị tổng kết",
        "II. Nhiệm vụ năm 2021",
        "Năm 2021, Sở tiếp tục phát triển hạ tầng số.",
    )
    ex = extract(text, "x.txt")
    for kept in ("KẾT QUẢ NỔI BẬT", "Về bưu chính, viễn thông", "II. Nhiệm vụ năm 2021"):
        assert kept in ex.body
    assert "Toàn cảnh" not in ex.body


def test_footer_and_counters_of_another_portal():
    text = lines(
        "Trang chủ > Tin tức > Hoạt động của Sở",
        "Phú Yên triển khai nhiệm vụ năm 2021",
        "Lượt xem: 356",
        "Chiều 15/1, Sở Thông tin và Truyền thông tổ chức hội nghị triển khai nhiệm vụ năm 2021.",
        "Năm 2021, Sở tiếp tục đầu tư 35 tỷ đồng cho hạ tầng số.",
        "Thanh Tùng",
        "In bài viết",
        "Chia sẻ: Facebook Zalo",
        "Liên kết website",
        "Cổng thông tin điện tử Chính phủ",
        "Bộ Thông tin và Truyền thông",
        "Thống kê truy cập",
        "Hôm nay: 120",
        "Tổng truy cập: 1.250.321",
        "CỔNG THÔNG TIN ĐIỆN TỬ SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH PHÚ YÊN",
        "Địa chỉ: 45 Lê Duẩn, phường 7, thành phố Tuy Hòa, tỉnh Phú Yên",
        "Điện thoại: 0257.3829.999 - Email: stttt@phuyen.gov.vn",
        "Ghi rõ nguồn khi phát hành lại thông tin từ website này.",
    )
    ex = extract(text, "x.txt")
    assert ex.title == "Phú Yên triển khai nhiệm vụ năm 2021"
    assert ex.province == "Phú Yên"
    assert ex.authors == ["Thanh Tùng"]
    assert ex.body.split("\n\n") == [
        "Chiều 15/1, Sở Thông tin và Truyền thông tổ chức hội nghị triển khai nhiệm vụ năm 2021.",
        "Năm 2021, Sở tiếp tục đầu tư 35 tỷ đồng cho hạ tầng số.\n"]


def test_lists_and_markdown_escapes():
    body = to_markdown([
        "Nhiệm vụ năm 2020:",
        "1. Phát triển hạ tầng.", "2) Chuyển đổi số.", "3- An toàn thông tin.",
        "- Một gạch đầu dòng", "- Hai",
        "# không phải tiêu đề", "> không phải trích dẫn", "2019. Một năm bận rộn.",
        "Chữ *nghiêng* và [liên kết](http://x) và <script>alert(1)</script> & &amp; x_y_z",
    ])
    blocks = body.split("\n\n")
    assert blocks[1] == "1. Phát triển hạ tầng.\n2. Chuyển đổi số.\n3. An toàn thông tin."
    assert blocks[2] == "- Một gạch đầu dòng\n- Hai"
    assert blocks[3] == "\\# không phải tiêu đề"
    assert blocks[4] == "\\> không phải trích dẫn"
    assert blocks[5] == "2019\\. Một năm bận rộn."
    assert "\\*nghiêng\\*" in blocks[6] and "\\[liên kết\\]" in blocks[6]
    assert "<script>" in blocks[6] and "\\&amp;" in blocks[6]
    from markdown_it import MarkdownIt
    html = MarkdownIt("commonmark", {"html": False}).render(body)
    assert "<h1>" not in html and "<blockquote>" not in html and "<em>" not in html
    assert "<ol>" in html and "<ul>" in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("text,value", [
    ("9.000", 9000), ("1.463", 1463), ("99,5", 99.5), ("800.000", 800000), ("1.234,5", 1234.5),
    ("9000", 9000), ("12", 12), ("2,5", 2.5), ("1,234,567", 1234567), ("abc", None),
])
def test_vietnamese_numbers(text, value):
    assert parse_number(text) == value
    assert type(parse_number(text)) is type(value)


@pytest.mark.parametrize("sentence,expected", [
    ("Toàn tỉnh có 174 điểm phục vụ bưu chính trên địa bàn.", [(174, "điểm phục vụ bưu chính")]),
    ("Doanh thu đạt 1.463 tỷ đồng, vượt 8% kế hoạch.", [(1463, "tỷ đồng"), (8, "%")]),
    ("Đã có 212/216 bản được phủ sóng.", [(212, "/216 bản")]),
    ("Phủ sóng 4G đến 100% xã.", [(100, "% xã")]),
    ("Tỷ lệ đạt 99,5%.", [(99.5, "%")]),
    ("Sở cấp gần 9.000 hộp thư điện tử.", [(9000, "hộp thư điện tử")]),
    ("Năm 2019, ngày 13/1, mức độ 3, 4 và lần thứ 4.", []),
    ("Điện thoại: 02083.655.369, giai đoạn 2016-2020.", []),
])
def test_figures(sentence, expected):
    assert [(f["value"], f["unit"]) for f in figures_in(sentence)] == expected


def test_dates_in_lead_forms():
    def date_of(lead: str, title: str = "Sở TT&TT triển khai nhiệm vụ năm 2020") -> dt.date | None:
        return extract(lines(title, lead, "Năm 2020, Sở tiếp tục chuyển đổi số."), "x").date
    assert date_of("Sáng nay (18/1), Sở tổ chức hội nghị.") == dt.date(2020, 1, 18)
    assert date_of("Ngày 10- 1, Sở tổng kết công tác năm 2019.") == dt.date(2020, 1, 10)
    assert date_of("Sáng thứ Hai (13/1), Sở tổ chức hội nghị.") == dt.date(2020, 1, 13)
    assert date_of("Hôm qua (12-1), Sở tổ chức hội nghị.") == dt.date(2020, 1, 12)
    assert date_of("Ngày 10/01/2021, Sở tổng kết.") == dt.date(2021, 1, 10)
    assert date_of("Trong 2 ngày 13 và 14/1, Sở tổ chức tập huấn.") == dt.date(2020, 1, 13)
    assert date_of("Ngày 28 tháng 12 năm 2019, Sở tổng kết.") == dt.date(2019, 12, 28)
    assert date_of("Tối 30/12, Sở tổng kết công tác năm 2019.",
                   "Sở TT&TT tổng kết năm 2019") == dt.date(2019, 12, 30)
    # A document's date is not the event's day.
    assert date_of("Thực hiện Kế hoạch số 12/KH-UBND ngày 5/1/2020, Sở đã tổ chức hội nghị.") is None
