"""Figures that mean what their sentence says (issue 26): the classes real portal
pages showed wrong, each with variants of our own wording.

Each row: a sentence (read on a page reviewing 2023 and planning 2024) and what
a careful reader writes down for each number: value, unit, metric, kind,
year, qualifier, scope. README's "Importing seeds" table names each class
with its count (CLASSES below).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from digest.importer.figures import find_figures

REVIEW, PLAN = 2023, 2024
FIELDS = ("value", "unit", "metric", "kind", "year", "qualifier", "scope")


def row(value, unit, metric=None, kind="result", year=REVIEW, qualifier=None, scope=None):
    return dict(zip(FIELDS, (value, unit, metric, kind, year, qualifier, scope)))


def read_figures(sentence: str) -> list[dict]:
    return [{key: figure.get(key) for key in FIELDS}
            for figure in find_figures([sentence], REVIEW, PLAN)]


# --- cue words from another clause ----------------------------------------------------------
CLAUSE = [
    ("Doanh thu bưu chính đạt 215 tỷ đồng; nộp ngân sách 12 tỷ đồng.",
     [row(215, "tỷ đồng", "postal_revenue"), row(12, "tỷ đồng")]),
    ("Doanh thu dịch vụ chuyển phát đạt 52 tỷ đồng, tăng 11 %, nộp ngân sách nhà nước "
     "3,4 tỷ đồng.",
     [row(52, "tỷ đồng", "postal_revenue"), row(11, "%", "postal_revenue", "change"),
      row(3.4, "tỷ đồng")]),
    ("Doanh thu ngành in trên địa bàn đạt 610 tỷ đồng.", [row(610, "tỷ đồng")]),
    ("Doanh thu viễn thông đạt 1.320 tỷ đồng, doanh thu ngành in đạt 75 tỷ đồng.",
     [row(1320, "tỷ đồng", "telecom_revenue"), row(75, "tỷ đồng")]),
    ("Doanh thu ngành in, xuất bản đạt 75 tỷ đồng, doanh thu viễn thông đạt 1.320 tỷ đồng.",
     [row(75, "tỷ đồng"), row(1320, "tỷ đồng", "telecom_revenue")]),
    ("Doanh thu dịch vụ viễn thông của các doanh nghiệp trong toàn ngành ước đạt 980 tỷ đồng.",
     [row(980, "tỷ đồng", "telecom_revenue", qualifier="ước")]),
    ("Doanh thu toàn ngành bưu chính, viễn thông đạt 2.800 tỷ đồng.",
     [row(2800, "tỷ đồng", "sector_revenue")]),
    ("Tổng doanh thu đạt 3.050 tỷ đồng, trong đó doanh thu bưu chính 410 tỷ đồng.",
     [row(3050, "tỷ đồng", "sector_revenue"), row(410, "tỷ đồng", "postal_revenue")]),
    ("Năm 2023 phát hành 48 đầu sách, nộp ngân sách 2,3 tỷ đồng.",
     [row(48, "đầu sách", "publications"), row(2.3, "tỷ đồng")]),
    ("Mức tăng trưởng đạt 14 %, nộp ngân sách hơn 900 triệu đồng.",
     [row(14, "%"), row(900, "triệu đồng", qualifier="hơn")]),
    ("Doanh thu bưu chính đạt 130 tỷ đồng, đồng thời ngành in nộp ngân sách 5 tỷ đồng.",
     [row(130, "tỷ đồng", "postal_revenue"), row(5, "tỷ đồng")]),
]

# --- shares that look alike: paid online is not processed online ---------------------------
SHARES = [
    ("Tỷ lệ hồ sơ thanh toán trực tuyến đạt 38,6 %.",
     [row(38.6, "%", "online_payment_share")]),
    ("Tỷ lệ hồ sơ được xử lý trực tuyến đạt 92 %, tỷ lệ thanh toán trực tuyến đạt 41 %.",
     [row(92, "%", "online_records_share"), row(41, "%", "online_payment_share")]),
    ("Có 12.400 hồ sơ được thanh toán qua mạng.",
     [row(12400, "hồ sơ", "online_payment_share")]),
    ("Tỷ lệ giao dịch thanh toán điện tử trên Cổng dịch vụ công của tỉnh đạt 52 %.",
     [row(52, "%", "online_payment_share")]),
    ("Tỷ lệ hồ sơ tiếp nhận trực tuyến đạt 76,5 %.", [row(76.5, "%", "online_records_share")]),
    ("Tỷ lệ thanh toán trực tuyến tăng 9 % so với năm 2022.",
     [row(9, "%", "online_payment_share", "change")]),
]

# --- densities and per-capita values -------------------------------------------------------
DENSITIES = [
    ("Mật độ thuê bao băng rộng di động đạt 88,2 thuê bao/100 dân.",
     [row(88.2, "thuê bao/100 dân", "internet_density")]),
    ("Mật độ điện thoại cố định và di động đạt 96,3 máy/100 dân.",
     [row(96.3, "máy/100 dân", "phone_density")]),
    ("Mật độ thuê bao Internet băng rộng cố định đạt 21,4 thuê bao/100 dân.",
     [row(21.4, "thuê bao/100 dân", "internet_density")]),
    ("Thuê bao di động đạt 128 thuê bao/100 dân, tăng 6 thuê bao/100 dân so với năm 2022.",
     [row(128, "thuê bao/100 dân", "phone_density"),
      row(6, "thuê bao/100 dân", "phone_density", "change")]),
    # "di động" belongs to the count's clause: the density's own words name nothing
    ("Toàn tỉnh có 1,35 triệu thuê bao di động, đạt 112 thuê bao/100 dân.",
     [row(1.35, "triệu thuê bao di động", "mobile_subscribers"),
      row(112, "thuê bao/100 dân")]),
    ("Mật độ máy điện thoại đạt 88 máy/100 người dân.",
     [row(88, "máy/100 dân", "phone_density")]),
    ("Mật độ thuê bao băng rộng di động đạt 95 thuê bao trên 100 dân.",
     [row(95, "thuê bao/100 dân", "internet_density")]),
    ("Phấn đấu đến năm 2025 mật độ thuê bao băng rộng cố định đạt 30 thuê bao/100 dân.",
     [row(30, "thuê bao/100 dân", "internet_density", "target", 2025)]),
]

# --- ranks: the rank as value, the total kept ----------------------------------------------
RANKS = [
    ("Tỉnh xếp thứ 12/63 về chỉ số chuyển đổi số cấp tỉnh.",
     [row(12, "/63", "dti_rank", "rank")]),
    ("Chỉ số chuyển đổi số của tỉnh đứng thứ 9/34 tỉnh, thành phố.",
     [row(9, "/34", "dti_rank", "rank")]),
    ("Chỉ số chuyển đổi số (DTI) năm 2023 của tỉnh xếp 11/63 tỉnh, thành phố.",
     [row(11, "/63", "dti_rank", "rank")]),
    ("Sau sắp xếp, chỉ số DTI của tỉnh xếp 9/34 tỉnh, thành.",
     [row(9, "/34", "dti_rank", "rank")]),
    ("Về chỉ số ICT Index, tỉnh đứng thứ 7 cả nước.", [row(7, "", "ict_index_rank", "rank")]),
    ("Tỉnh đứng thứ 14 cả nước về chỉ số chuyển đổi số.", [row(14, "", "dti_rank", "rank")]),
    ("Chỉ số DTI đạt 0,61 điểm (xếp thứ 8/63), tăng 12 bậc so với năm 2022.",
     [row(0.61, "điểm", "dti_score"), row(8, "/63", "dti_rank", "rank"),
      row(12, "bậc", kind="change")]),
    ("Xếp hạng ICT Index năm 2023, tỉnh xếp thứ 20/63.",
     [row(20, "/63", "ict_index_rank", "rank")]),
    ("Tỉnh xếp thứ 3 trong khu vực về thu hút đầu tư.", [row(3, "", kind="rank")]),
    # near miss: "xếp" without a total is no rank
    ("Sở sắp xếp 5 phòng chuyên môn theo chuyển đổi số.", [row(5, "phòng chuyên môn")]),
    ("Theo bộ chỉ số DTI cấp tỉnh năm 2023, tỉnh đứng 5/63.",
     [row(5, "/63", "dti_rank", "rank")]),
]

# --- compared with a requirement or a plan ------------------------------------------------
REQUIREMENTS = [
    ("Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình đạt 67,4 % so với 50 % kế hoạch.",
     [row(67.4, "%", "online_records_share"),
      row(50, "%", "online_records_share", "target")]),
    ("Tỷ lệ văn bản trao đổi dưới dạng điện tử đạt 97 % so với chỉ tiêu 90 %.",
     [row(97, "%", "edocs_share"), row(90, "%", "edocs_share", "target")]),
    ("Ngành đã hoàn thành 32/36 chỉ tiêu kế hoạch.", [row(32, "/36 chỉ tiêu kế hoạch")]),
    ("Có 7/9 chỉ tiêu đạt và vượt kế hoạch, 2 chỉ tiêu đạt trên 90 % kế hoạch.",
     [row(7, "/9 chỉ tiêu"), row(2, "chỉ tiêu"), row(90, "%", qualifier="trên")]),
    ("Tỷ lệ thôn, bản có sóng di động đạt 99 %, vượt 4 % so với kế hoạch.",
     [row(99, "%", "coverage_villages"),
      row(4, "%", "coverage_villages", "change", qualifier="vượt")]),
    ("Doanh thu bưu chính đạt 105 % kế hoạch năm.", [row(105, "%")]),
    ("Năm 2023 có 5/7 chỉ tiêu không đạt kế hoạch.", [row(5, "/7 chỉ tiêu")]),
    ("Phấn đấu năm 2024 có 100 % xã có cáp quang.",
     [row(100, "% xã", "fibre_communes", "target", 2024)]),
]

# --- results named with plan words ---------------------------------------------------------
PLAN_WORDS = [
    ("Các chỉ tiêu cơ bản đều đạt và vượt kế hoạch, trong đó tỷ lệ hồ sơ trực tuyến đạt 88 %.",
     [row(88, "%", "online_records_share")]),
    ("Kết quả thực hiện các chỉ tiêu kế hoạch năm 2023: 100 % xã có cáp quang, 96 % thôn có "
     "sóng 4G.",
     [row(100, "% xã", "fibre_communes"), row(96, "% thôn", "coverage_villages")]),
    ("Ngành hoàn thành vượt mức kế hoạch đề ra, kinh tế số chiếm 18,5 % GRDP của tỉnh.",
     [row(18.5, "%")]),
    ("Các mục tiêu của kế hoạch chuyển đổi số đã cơ bản hoàn thành, với 98 % hồ sơ được "
     "số hóa.",
     [row(98, "% hồ sơ")]),
    ("Ngành đạt 100 % kế hoạch về trạm 5G, với 320 trạm 5G được lắp đặt.",
     [row(100, "%"), row(320, "trạm 5G", "stations_5g")]),
    ("Vượt chỉ tiêu được giao, toàn tỉnh có 2.950 trạm BTS.",
     [row(2950, "trạm BTS", "bts_stations")]),
]

# --- new versus total: the two never swap -------------------------------------------------
NEW_AND_TOTAL = [
    ("Toàn tỉnh phát triển mới 12.000 thuê bao Internet, nâng tổng số lên 210.000 thuê bao.",
     [row(12000, "thuê bao", "broadband_subscribers", "change"),
      row(210000, "thuê bao", "broadband_subscribers")]),
    ("Trong năm, các doanh nghiệp phát triển mới 48.000 thuê bao băng rộng cố định, nâng tổng "
     "số lên 265.000 thuê bao.",
     [row(48000, "thuê bao băng rộng cố định", "broadband_subscribers", "change"),
      row(265000, "thuê bao", "broadband_subscribers")]),
    ("Tổng số thuê bao di động đạt 1,2 triệu thuê bao, phát triển mới 64 nghìn thuê bao.",
     [row(1.2, "triệu thuê bao", "mobile_subscribers"),
      row(64, "nghìn thuê bao", "mobile_subscribers", "change")]),
    ("Phát triển mới 210 trạm BTS, đưa tổng số trạm trên địa bàn lên 2.480 trạm.",
     [row(210, "trạm BTS", "bts_stations", "change"), row(2480, "trạm", "bts_stations")]),
    ("Toàn tỉnh hiện có 3.100 trạm 4G, trong năm lắp đặt mới 150 trạm 4G.",
     [row(3100, "trạm 4G", "stations_4g"), row(150, "trạm 4G", "stations_4g", "change")]),
    ("Số thuê bao Internet tăng 22.000 thuê bao, tổng cộng đạt 310.000 thuê bao.",
     [row(22000, "thuê bao", "broadband_subscribers", "change"),
      row(310000, "thuê bao", "broadband_subscribers")]),
    ("Năm 2023 phát triển mới 5.600 hộp thư điện tử công vụ; tổng số hộp thư đang sử dụng là "
     "41.000 hộp thư.",
     [row(5600, "hộp thư điện tử công vụ", "email_accounts", "change"),
      row(41000, "hộp thư", "email_accounts")]),
]

# --- logistics are no figures ---------------------------------------------------------------
LOGISTICS = [
    ("Hội nghị được truyền hình trực tuyến đến 705 điểm cầu trên cả nước.", []),
    ("Hội nghị trực tuyến với 63 tỉnh, thành phố do Bộ Thông tin và Truyền thông chủ trì.", []),
    ("Hội nghị kết nối trực tuyến tới 11 huyện, thành phố.", []),
    ("Quốc hội đã thông qua 3 luật và cho ý kiến 2 dự án luật thuộc lĩnh vực của Bộ.", []),
    ("Tin bài đã có 2.315 lượt xem.", []),
    # near misses: real figures beside the logistics words
    ("Năm 2023, Sở tham mưu ban hành 14 văn bản về chuyển đổi số.", [row(14, "văn bản")]),
    ("Hệ thống quản lý văn bản đã kết nối với 45 cơ quan.", [row(45, "cơ quan")]),
]

CLASSES = {
    "cue words from another clause": CLAUSE,
    "shares that look alike": SHARES,
    "densities": DENSITIES,
    "ranks": RANKS,
    "compared with a requirement or plan": REQUIREMENTS,
    "results named with plan words": PLAN_WORDS,
    "new versus total": NEW_AND_TOTAL,
    "logistics": LOGISTICS,
}
VARIANTS = [(name, sentence, expected) for name, rows in CLASSES.items()
            for sentence, expected in rows]


@pytest.mark.parametrize("cls,sentence,expected", VARIANTS,
                         ids=[f"{c[:12]}-{s[:40]}" for c, s, _e in VARIANTS])
def test_variant(cls, sentence, expected):
    assert read_figures(sentence) == expected


def test_readme_names_each_class_with_its_count():
    """README's "Importing seeds" table: one row per class, with this file's count."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    counted = dict(re.findall(r"^\| ([a-z ,-]+?) \((\d+)\): ", readme, re.MULTILINE))
    for name, rows in CLASSES.items():
        assert counted.get(name) == str(len(rows)), name
    assert f"{len(VARIANTS)} sentences of our own" in readme
