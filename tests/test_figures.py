"""Key figures read by the importer: value, unit, metric, kind, year, qualifier, scope.

The variants below are our own sentences (other provinces, other phrasings,
near misses); each states what a careful reader would write down. The seed
facts at the end run the importer on the seed files themselves.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from digest.importer import extract
from digest.importer.figures import find_figures
from digest.lexicon.metrics import load_metrics

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def read(text: str, review: int | None = 2023, plan: int | None = 2024) -> list[tuple]:
    """(value, unit, metric, kind, year, qualifier, scope) of each figure of one paragraph."""
    return [(f["value"], f["unit"], f.get("metric"), f["kind"], f.get("year"),
             f.get("qualifier"), f.get("scope")) for f in find_figures([text], review, plan)]


def fig(value, unit, metric=None, kind="result", year=2023, qualifier=None, scope=None):
    return (value, unit, metric, kind, year, qualifier, scope)


VARIANTS = [
    # --- revenue -----------------------------------------------------------------
    ("Doanh thu viễn thông năm 2023 của tỉnh Hà Giang đạt 1.250 tỷ đồng.",
     [fig(1250, "tỷ đồng", "telecom_revenue")]),
    ("Doanh thu dịch vụ bưu chính đạt khoảng 95 tỷ đồng, tăng 12% so với cùng kỳ.",
     [fig(95, "tỷ đồng", "postal_revenue", qualifier="khoảng"),
      fig(12, "%", "postal_revenue", "change")]),
    ("Tổng doanh thu toàn ngành ước đạt 2.340 tỷ đồng.",
     [fig(2340, "tỷ đồng", "sector_revenue", qualifier="ước")]),
    ("Doanh thu bưu chính, viễn thông đạt hơn 3.100 tỷ đồng.",
     [fig(3100, "tỷ đồng", "sector_revenue", qualifier="hơn")]),
    ("Phấn đấu doanh thu viễn thông năm 2024 đạt 1.600 tỷ đồng.",
     [fig(1600, "tỷ đồng", "telecom_revenue", "target", 2024)]),
    ("Doanh thu viễn thông đạt 1.500 tỷ đồng, doanh thu bưu chính đạt 320 tỷ đồng.",
     [fig(1500, "tỷ đồng", "telecom_revenue"), fig(320, "tỷ đồng", "postal_revenue")]),
    ("Doanh thu viễn thông đạt xấp xỉ 1.200 tỷ đồng.",
     [fig(1200, "tỷ đồng", "telecom_revenue", qualifier="xấp xỉ")]),
    # near miss: IT industry revenue is none of the three revenue metrics
    ("Doanh thu công nghiệp công nghệ thông tin đạt 45.000 tỷ đồng.",
     [fig(45000, "tỷ đồng")]),
    # --- subscribers ---------------------------------------------------------------
    ("Toàn tỉnh Điện Biên có 1,7 triệu thuê bao di động.",
     [fig(1.7, "triệu thuê bao di động", "mobile_subscribers")]),
    ("Số thuê bao Internet băng rộng cố định đạt 210.000 thuê bao.",
     [fig(210000, "thuê bao", "broadband_subscribers")]),
    ("Có 85.400 thuê bao băng rộng di động, tăng 9.200 thuê bao so với năm 2022.",
     [fig(85400, "thuê bao băng rộng di động", "broadband_subscribers"),
      fig(9200, "thuê bao", "broadband_subscribers", "change")]),
    # --- stations --------------------------------------------------------------------
    ("Toàn tỉnh có 2.150 trạm BTS, trong đó 1.480 trạm 4G.",
     [fig(2150, "trạm BTS", "bts_stations"), fig(1480, "trạm 4G", "stations_4g")]),
    ("Viettel đã lắp đặt 35 trạm 5G tại thành phố Thái Nguyên.",
     [fig(35, "trạm 5G", "stations_5g")]),
    # "phát triển mới" counts what was added in the year, not the stock (issue 26)
    ("Các doanh nghiệp đã phát triển mới 320 trạm phát sóng di động.",
     [fig(320, "trạm phát sóng di động", "bts_stations", "change")]),
    # near miss: a health station is no BTS station
    ("Sở phối hợp kết nối mạng 4G cho 150 trạm y tế xã.", [fig(150, "trạm y tế xã")]),
    # --- coverage and fibre -------------------------------------------------------------
    ("Tỷ lệ thôn, bản có sóng di động đạt 98,6%.", [fig(98.6, "%", "coverage_villages")]),
    ("100% xã có sóng 4G.", [fig(100, "% xã", "coverage_communes")]),
    ("98,5% hộ gia đình được phủ sóng di động.",
     [fig(98.5, "% hộ gia đình", "coverage_households")]),
    ("Phấn đấu đến năm 2025, 100% thôn, bản có cáp quang.",
     [fig(100, "% thôn, bản", "fibre_villages", "target", 2025)]),
    ("Hoàn thành kéo cáp quang đến 100% xã.", [fig(100, "% xã", "fibre_communes")]),
    # near miss: villages still without a signal are not coverage
    ("Còn 45 thôn chưa có sóng điện thoại di động.", [fig(45, "thôn")]),
    ("Toàn tỉnh có 99,2% thôn, bản có sóng di động; còn 18 thôn lõm sóng.",
     [fig(99.2, "% thôn, bản", "coverage_villages"), fig(18, "thôn lõm sóng")]),
    ("Đến năm 2025, 100% thôn có sóng di động.",
     [fig(100, "% thôn", "coverage_villages", "target", 2025)]),
    # --- online public services ---------------------------------------------------------
    ("Tỉnh Quảng Ninh cung cấp 1.712 dịch vụ công trực tuyến, trong đó 985 dịch vụ toàn trình.",
     [fig(1712, "dịch vụ công trực tuyến", "online_services"),
      fig(985, "dịch vụ toàn trình", "online_services_full")]),
    ("Có 727 dịch vụ công trực tuyến một phần.",
     [fig(727, "dịch vụ công trực tuyến một phần", "online_services_partial")]),
    ("Toàn tỉnh có 312 dịch vụ công mức độ 4 được cung cấp.",
     [fig(312, "dịch vụ công mức độ 4", "online_services_level4")]),
    ("Đã cung cấp 154 dịch vụ công mức độ 3 trên cổng.",
     [fig(154, "dịch vụ công mức độ 3", "online_services_level3")]),
    ("Tỷ lệ hồ sơ giải quyết trực tuyến đạt 62,4%.", [fig(62.4, "%", "online_records_share")]),
    ("Mục tiêu năm 2025 có 80% hồ sơ thủ tục hành chính được xử lý trực tuyến.",
     [fig(80, "% hồ sơ thủ tục hành chính", "online_records_share", "target", 2025)]),
    ("97% văn bản trao đổi giữa các cơ quan nhà nước dưới dạng điện tử.",
     [fig(97, "% văn bản trao đổi", "edocs_share")]),
    ("Tổng số văn bản điện tử được gửi/nhận trên toàn tỉnh đạt gần: 800.000 văn bản điện tử.",
     [fig(800000, "văn bản điện tử", qualifier="gần")]),
    # --- digital government ---------------------------------------------------------------
    ("Đã cấp 4.520 chứng thư số cho cán bộ, công chức.",
     [fig(4520, "chứng thư số", "digital_signatures")]),
    ("Cấp mới hơn 2.000 chữ ký số.",
     [fig(2000, "chữ ký số", "digital_signatures", qualifier="hơn")]),
    ("Tổng số 6.850 hộp thư điện tử công vụ đã được cấp.",
     [fig(6850, "hộp thư điện tử công vụ", "email_accounts")]),
    # near miss: an identity account is no e-mail account
    ("Đã kích hoạt 350.000 tài khoản định danh điện tử.",
     [fig(350000, "tài khoản định danh điện tử")]),
    ("Toàn tỉnh có 1.940 tổ công nghệ số cộng đồng với 9.850 thành viên.",
     [fig(1940, "tổ công nghệ số cộng đồng", "community_digital_teams"),
      fig(9850, "thành viên")]),
    # --- postal network, industry, press ---------------------------------------------------
    ("Mạng lưới có 182 điểm phục vụ bưu chính và 96 điểm bưu điện văn hóa xã.",
     [fig(182, "điểm phục vụ bưu chính", "postal_points"),
      fig(96, "điểm bưu điện văn hóa xã", "cultural_post_offices")]),
    ("Trên địa bàn có 215 doanh nghiệp công nghệ số.",
     [fig(215, "doanh nghiệp công nghệ số", "it_enterprises")]),
    # near miss: firms helped to go digital are not digital-technology firms
    ("Sở đã hỗ trợ 150 doanh nghiệp chuyển đổi số.", [fig(150, "doanh nghiệp chuyển đổi số")]),
    ("Toàn tỉnh Nghệ An có 12 cơ quan báo chí.", [fig(12, "cơ quan báo chí", "press_agencies")]),
    ("Cấp giấy phép xuất bản 45 bản tin.", [fig(45, "bản tin", "publications")]),
    ("Có 120 đài truyền thanh cấp xã ứng dụng công nghệ thông tin.",
     [fig(120, "đài truyền thanh cấp xã", "radio_tv_stations")]),
    # --- security -----------------------------------------------------------------------
    ("Trung tâm đã xử lý 1.250 sự cố an toàn thông tin.",
     [fig(1250, "sự cố an toàn thông tin", "security_incidents")]),
    # near miss: a cut cable is no information-security incident
    ("Khắc phục 23 sự cố đứt cáp quang do thiên tai.", [fig(23, "sự cố đứt cáp quang")]),
    # --- ranks and scores --------------------------------------------------------------
    ("Chỉ số chuyển đổi số (DTI) năm 2023 của tỉnh xếp thứ 12/63 tỉnh, thành phố.",
     [fig(12, "/63", "dti_rank", "rank")]),
    ("Tỉnh đứng thứ 5 cả nước về chỉ số ICT Index.", [fig(5, "", "ict_index_rank", "rank")]),
    # near miss: digitised broadcasting ("số hóa truyền dẫn") is not chuyển đổi số
    ("Tỉnh xếp thứ 3 về số hóa truyền dẫn, phát sóng truyền hình.", [fig(3, "", None, "rank")]),
    ("Điểm chỉ số DTI của tỉnh đạt 0,52 điểm.", [fig(0.52, "điểm", "dti_score")]),
    ("Chỉ số DTI năm 2023 của tỉnh Lào Cai đạt 0,4862 điểm, xếp thứ 21/63 tỉnh, thành phố.",
     [fig(0.4862, "điểm", "dti_score"), fig(21, "/63", "dti_rank", "rank")]),
    # --- people, smart city -----------------------------------------------------------------
    ("Tổ chức 215 lớp tập huấn kỹ năng số cho 18.500 lượt người dân.",
     [fig(215, "lớp tập huấn kỹ năng số"), fig(18500, "lượt người dân", "digital_skills_trained")]),
    ("Đã tập huấn kỹ năng số cho 12.500 người dân.",
     [fig(12500, "người dân", "digital_skills_trained")]),
    ("Đào tạo 3.200 lượt cán bộ về chuyển đổi số.",
     [fig(3200, "lượt cán bộ", "digital_skills_trained")]),
    ("Lắp đặt 450 camera giám sát an ninh trật tự.",
     [fig(450, "camera giám sát an ninh trật tự", "cameras")]),
    ("Toàn tỉnh có gần 1.000 camera.", [fig(1000, "camera", "cameras", qualifier="gần")]),
    ("Hệ thống tiếp nhận 3.420 phản ánh hiện trường của người dân.",
     [fig(3420, "phản ánh hiện trường", "smart_city_reports")]),
    ("Triển khai 60 điểm wifi công cộng miễn phí.",
     [fig(60, "điểm wifi công cộng miễn phí", "wifi_points")]),
    # --- changes ------------------------------------------------------------------------
    ("Số doanh nghiệp bưu chính giảm 3 doanh nghiệp so với năm 2022.",
     [fig(-3, "doanh nghiệp", None, "change")]),
    ("Số sự cố mã độc giảm 35% so với cùng kỳ.", [fig(-35, "%", "security_incidents", "change")]),
    ("Doanh thu viễn thông tăng gần 10% so với năm trước.",
     [fig(10, "%", "telecom_revenue", "change", qualifier="gần")]),
    ("Tăng thêm 15 điểm phục vụ bưu chính.",
     [fig(15, "điểm phục vụ bưu chính", "postal_points", "change")]),
    ("Doanh thu viễn thông đạt 980 tỷ đồng, vượt 5% so với kế hoạch.",
     [fig(980, "tỷ đồng", "telecom_revenue"),
      fig(5, "%", "telecom_revenue", "change", qualifier="vượt")]),
    # --- targets and years ----------------------------------------------------------------
    ("Năm 2024, phấn đấu 100% xã có cáp quang.",
     [fig(100, "% xã", "fibre_communes", "target", 2024)]),
    ("Mục tiêu đến năm 2025 có 1.000 trạm 5G.",
     [fig(1000, "trạm 5G", "stations_5g", "target", 2025)]),
    ("Chỉ tiêu năm 2024: 90% hồ sơ được xử lý trực tuyến.",
     [fig(90, "% hồ sơ", "online_records_share", "target", 2024)]),
    ("Dự kiến năm 2024 sẽ phát triển thêm 200 trạm BTS.",
     [fig(200, "trạm BTS", "bts_stations", "target", 2024)]),
    ("Tính đến hết năm 2023, toàn tỉnh có 4.350 trạm BTS.",
     [fig(4350, "trạm BTS", "bts_stations")]),
    ("Thực hiện kế hoạch chuyển đổi số, tỉnh đã có 85% hồ sơ xử lý trực tuyến.",
     [fig(85, "% hồ sơ xử lý trực tuyến", "online_records_share")]),
    # --- qualifiers ------------------------------------------------------------------------
    ("Có trên 90% người dân sử dụng điện thoại thông minh.",
     [fig(90, "% người dân", qualifier="trên")]),
    ("Chỉ còn dưới 5% hồ sơ trễ hạn.", [fig(5, "% hồ sơ trễ hạn", qualifier="dưới")]),
    # --- the country's figures ---------------------------------------------------------------
    ("Cả nước có hơn 80.000 trạm 4G.",
     [fig(80000, "trạm 4G", "stations_4g", qualifier="hơn", scope="national")]),
    ("Tỉnh đứng đầu cả nước với 99% hồ sơ trực tuyến.",
     [fig(99, "% hồ sơ trực tuyến", "online_records_share")]),
    # --- lists written as one unit ---------------------------------------------------------
    ("Kết nối với 31 sở, ban, ngành và 9 huyện, thành phố, thị xã.",
     [fig(31, "sở, ban, ngành"), fig(9, "huyện, thành phố, thị xã")]),
    ("Triển khai tại 20 sở, ngành, 8 UBND cấp huyện.",
     [fig(20, "sở, ngành"), fig(8, "UBND cấp huyện")]),
    # --- numbers that are no key figures -------------------------------------------------------
    ("Trong 2 ngày 13 và 14/1, Sở tổ chức tập huấn.", []),
    ("Thực hiện Nghị định số 47/2020/NĐ-CP và Quyết định 749 của Thủ tướng.", []),
    ("Sở tổ chức hội nghị lần thứ 3 tại phòng 201.", []),
    ("Cung cấp dịch vụ công mức độ 3, 4 cho người dân.", []),
    ("Dự án kéo dài 5 năm, từ 2021 đến 2025.", []),
    ("Triển khai giai đoạn 2 dự án camera giám sát tại phòng 3 tầng 5 nhà A.", []),
]


def test_there_are_enough_variants():
    assert len(VARIANTS) >= 60


@pytest.mark.parametrize("sentence,expected", VARIANTS, ids=[v[0][:50] for v in VARIANTS])
def test_variant(sentence, expected):
    assert read(sentence) == expected


# --- paragraphs: the year a paragraph opens with ------------------------------------------

def test_a_paragraph_about_the_plan_year_sets_targets():
    text = ("Năm 2021, Sở tiếp tục đẩy mạnh chuyển đổi số. "
            "Tích hợp 50% dịch vụ công trực tuyến lên Cổng dịch vụ công quốc gia.")
    assert read(text, 2020, 2021) == [
        fig(50, "% dịch vụ công trực tuyến", "online_services", "target", 2021)]


def test_a_paragraph_about_the_review_year_reports_results():
    text = "Năm 2020, Sở đã cấp 3.000 chứng thư số. Toàn tỉnh có 210 trạm 5G."
    assert read(text, 2020, 2021) == [fig(3000, "chứng thư số", "digital_signatures", year=2020),
                                      fig(210, "trạm 5G", "stations_5g", year=2020)]


def test_a_year_end_review_without_a_plan_year_reports_results():
    text = "Năm 2019, ngành Thông tin và Truyền thông ghi dấu ấn với 120 trạm BTS mới."
    assert read(text, 2019, None) == [fig(120, "trạm BTS mới", "bts_stations", year=2019)]


def test_a_result_said_in_a_plan_paragraph_stays_a_result():
    text = "Năm 2024, Sở tập trung phát triển hạ tầng. Đến nay đã có 4.100 trạm BTS."
    assert read(text)[0][3] == "result"


def test_a_figure_said_twice_is_kept_once_but_two_metrics_with_one_value_are_two():
    text = ("Hoàn thành 100% xã có cáp quang, phổ cập 4G đến 100% xã. "
            "Hoàn thành 100% xã có cáp quang.")
    assert [f[2] for f in read(text)] == ["fibre_communes", "coverage_communes"]


def test_a_sentence_with_several_numbers_gives_one_record_per_number_with_the_sentence():
    text = "Có 182 điểm phục vụ bưu chính và 96 điểm bưu điện văn hóa xã."
    records = find_figures([text], 2023, 2024)
    assert [r["value"] for r in records] == [182, 96]
    assert all(r["text"] == text for r in records)


# --- the lexicon ------------------------------------------------------------------------

def test_the_lexicon_covers_the_sector():
    metrics = load_metrics()
    assert len(metrics) >= 25
    assert all(m.cues for m in metrics.values()), "every metric can be recognised"
    recognised = {f[2] for _, figures in VARIANTS for f in figures if f[2]}
    assert len(recognised) >= 25, "the variants exercise most metrics"


# --- the extractor never raises --------------------------------------------------------

_TEXT = st.text(alphabet=st.sampled_from(list(
    "0123456789.,%/:;()- \nabcdđêôơưăâáàảãạ"
    "ThángnămxếpthứtănggiảmvượtgầnkhoảngsởbanngànhtrạmBTS4G")), max_size=200)


@settings(max_examples=200, deadline=None)
@given(_TEXT, st.one_of(st.none(), st.integers(1990, 2030)),
       st.one_of(st.none(), st.integers(1990, 2030)))
def test_the_extractor_never_raises(text, review, plan):
    for figure in find_figures(text.split("\n"), review, plan):
        assert isinstance(figure["value"], (int, float))
        assert figure["kind"] in ("result", "target", "change", "rank")
        assert figure.get("metric") is None or figure["metric"] in load_metrics()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_the_extractor_never_raises_on_any_text(text):
    find_figures([text], 2023, 2024)
    extract(text, "x.txt")


# --- facts of the seeds --------------------------------------------------------------------

def seed_figures(prefix: str) -> list[dict]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return extract(path.read_text(encoding="utf-8"), path.name).figures


def only(figures: list[dict], value, unit: str | None = None) -> dict:
    found = [f for f in figures if f["value"] == value and (unit is None or f["unit"] == unit)]
    assert len(found) == 1, found
    return found[0]


def test_son_la_telecom_revenue_is_a_2023_result():
    figure = only(seed_figures("004"), 1463)
    assert (figure["unit"], figure["metric"], figure["kind"], figure["year"]) == \
        ("tỷ đồng", "telecom_revenue", "result", 2023)
    assert "qualifier" not in figure


def test_son_la_percentages_over_the_plan_are_changes():
    figures = seed_figures("004")
    assert only(figures, 8)["kind"] == "change" and only(figures, 82)["kind"] == "change"
    assert only(figures, 8)["qualifier"] == "vượt"


def test_seed_002_online_services_share_is_a_target_for_2020():
    figure = only(seed_figures("002"), 30)
    assert (figure["unit"], figure["metric"], figure["kind"], figure["year"]) == \
        ("% dịch vụ công trực tuyến mức độ 3, 4", "online_services", "target", 2020)


def test_thai_nguyen_15_enterprises_are_a_change():
    figures = seed_figures("003")
    assert only(figures, 15)["kind"] == "change"
    assert only(figures, 450)["kind"] == "result" and only(figures, 450)["qualifier"] == "ước"
    assert only(figures, 15)["metric"] == only(figures, 450)["metric"] == "it_enterprises"


def test_seed_000_keeps_khoang_and_the_full_unit():
    figures = seed_figures("000")
    revenue = only(figures, 310)
    assert (revenue["qualifier"], revenue["metric"]) == ("khoảng", "postal_revenue")
    assert only(figures, 20)["unit"] == "sở, ban, ngành"
