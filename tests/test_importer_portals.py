"""The importer on shapes seen on real provincial portals (issue 17, and issue 12's outlets).

Every text is made up for the test in the shape of a page the importer got
wrong: dates with no year, stamps with the time first, framework words above
the headline, outlets' datelines, quarterly reports, national conferences seen
from a bridge point. Each case states every main field; None means the
importer must leave the field empty *and* say why in `missing` (a null with
a clear "fill this in" is better than a wrong value).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from digest.importer import extract

D = dt.date


@dataclass
class Case:
    id: str
    lines: list[str]
    title: str
    date: dt.date | None
    province: str | None
    review: int | None
    plan: int | None
    outlet: str | None = None
    why: dict[str, str] = field(default_factory=dict)   # null field -> words its note must contain


SIGN = "Minh Châu"
CASES = [
    # --- the year of a date with no year ---------------------------------------------
    Case("jan-day-meeting-year", [
        "Sở TT&TT tỉnh Hậu Giang tổng kết công tác năm 2023",
        "Chiều 29/1, Sở Thông tin và Truyền thông tỉnh Hậu Giang tổ chức hội nghị cán bộ, "
        "công chức năm 2024.",
        "Năm 2023, Sở đã hoàn thành các nhiệm vụ năm 2023 với 98% hồ sơ xử lý trực tuyến.", SIGN],
        "Sở TT&TT tỉnh Hậu Giang tổng kết công tác năm 2023", D(2024, 1, 29), "Hậu Giang", 2023, 2024),
    Case("jan-day-review-only", [
        "Ngành thông tin và truyền thông Tuyên Quang tổng kết công tác năm 2021",
        "Sáng 14/1, Sở Thông tin và Truyền thông tỉnh Tuyên Quang tổ chức hội nghị tổng kết "
        "công tác năm 2021.", "Năm 2021, toàn tỉnh đã phát triển 1.320 trạm BTS.", SIGN],
        "Ngành thông tin và truyền thông Tuyên Quang tổng kết công tác năm 2021",
        D(2022, 1, 14), "Tuyên Quang", 2021, 2022),
    Case("march-day-review", [
        "Sở TT&TT Cà Mau tổng kết năm 2022",
        "Ngày 2/3, Sở Thông tin và Truyền thông tỉnh Cà Mau tổ chức hội nghị tổng kết công tác "
        "năm 2022.", "Năm 2022, Sở đã cấp 4.500 chứng thư số.", SIGN],
        "Sở TT&TT Cà Mau tổng kết năm 2022", D(2023, 3, 2), "Cà Mau", 2022, 2023),
    Case("december-day-review", [
        "Sở TT&TT Hưng Yên tổng kết công tác năm 2021",
        "Chiều 28/12, Sở Thông tin và Truyền thông tỉnh Hưng Yên tổ chức hội nghị tổng kết "
        "công tác năm 2021.", "Năm 2021, Sở đã hoàn thành 15/15 chỉ tiêu.", SIGN],
        "Sở TT&TT Hưng Yên tổng kết công tác năm 2021", D(2021, 12, 28), "Hưng Yên", 2021, None,
        why={"plan_year": "no tasks year"}),
    Case("equal-years-no-stamp", [
        "Hội nghị ngành thông tin và truyền thông tỉnh Ninh Bình",
        "Chiều 16/1, Sở Thông tin và Truyền thông tỉnh Ninh Bình tổ chức hội nghị tổng kết "
        "công tác năm 2022.", "Trong năm 2022, Sở tiếp tục triển khai nhiệm vụ năm 2022 đúng "
        "kế hoạch.", SIGN],
        "Hội nghị ngành thông tin và truyền thông tỉnh Ninh Bình", D(2023, 1, 16), "Ninh Bình",
        2022, 2023),
    Case("stated-year-wins", [
        "Sở TT&TT Hà Tĩnh tổng kết công tác năm 2020",
        "Ngày 8/1/2021, Sở Thông tin và Truyền thông tỉnh Hà Tĩnh tổ chức hội nghị tổng kết "
        "công tác năm 2020, triển khai nhiệm vụ năm 2021.", SIGN],
        "Sở TT&TT Hà Tĩnh tổng kết công tác năm 2020", D(2021, 1, 8), "Hà Tĩnh", 2020, 2021),
    Case("plan-only-december", [
        "Sở TT&TT Vĩnh Phúc triển khai kế hoạch năm 2020",
        "Sáng 27/12, Sở Thông tin và Truyền thông tỉnh Vĩnh Phúc tổ chức hội nghị triển khai "
        "kế hoạch năm 2020.", "Năm 2020, Sở tập trung xây dựng chính quyền số.", SIGN],
        "Sở TT&TT Vĩnh Phúc triển khai kế hoạch năm 2020", D(2019, 12, 27), "Vĩnh Phúc", None,
        2020, why={"review_year": "no results year"}),
    Case("no-year-anywhere", [
        "Sở TT&TT Bắc Ninh tổ chức hội nghị",
        "Chiều 20/1, Sở Thông tin và Truyền thông tỉnh Bắc Ninh tổ chức hội nghị cán bộ.", SIGN],
        "Sở TT&TT Bắc Ninh tổ chức hội nghị", None, "Bắc Ninh", None, None,
        why={"date": "not found", "review_year": "not found", "plan_year": "not found"}),

    Case("meeting-named-after-the-review-year", [
        "Sở TT&TT Quảng Trị tổng kết công tác năm 2023",
        "Chiều 25/1, Sở Thông tin và Truyền thông tỉnh Quảng Trị tổ chức hội nghị cán bộ, công "
        "chức, viên chức năm 2023.", "Năm 2023, Sở đã hoàn thành 12/12 chỉ tiêu.", SIGN],
        "Sở TT&TT Quảng Trị tổng kết công tác năm 2023", D(2024, 1, 25), "Quảng Trị", 2023, 2024),
    Case("second-paragraph-day-of-no-meeting", [
        "Sở TT&TT Hải Phòng tổng kết công tác năm 2021",
        "Sở Thông tin và Truyền thông thành phố Hải Phòng tổ chức hội nghị tổng kết công tác năm "
        "2021.", "Ngày 15/3, Sở đã ban hành kế hoạch chuyển đổi số.", SIGN],
        "Sở TT&TT Hải Phòng tổng kết công tác năm 2021", None, "Hải Phòng", 2021, None,
        why={"date": "not found", "plan_year": "no tasks year"}),

    # --- the plan year of a January meeting ----------------------------------------------
    Case("jan-plan-from-review", [
        "Sở Thông tin và Truyền thông Kon Tum tổng kết công tác năm 2019",
        "Ngày 9/1/2020, Sở Thông tin và Truyền thông tỉnh Kon Tum tổ chức hội nghị tổng kết "
        "công tác năm 2019.", "Năm 2019, Sở đã hoàn thành các nhiệm vụ năm 2019.", SIGN],
        "Sở Thông tin và Truyền thông Kon Tum tổng kết công tác năm 2019", D(2020, 1, 9), "Kon Tum",
        2019, 2020),
    Case("jan-plan-stated", [
        "Sở TT&TT Gia Lai triển khai nhiệm vụ năm 2024",
        "Sáng 11/1, Sở Thông tin và Truyền thông tỉnh Gia Lai tổ chức hội nghị tổng kết công tác "
        "năm 2023, triển khai nhiệm vụ năm 2024.", SIGN],
        "Sở TT&TT Gia Lai triển khai nhiệm vụ năm 2024", D(2024, 1, 11), "Gia Lai", 2023, 2024),
    Case("review-article-not-meeting", [
        "Nhìn lại chuyển đổi số Đồng Nai năm 2022",
        "05/02/2023 10:20",
        "Năm 2022, tỉnh Đồng Nai đã đạt nhiều kết quả trong chuyển đổi số, với 95% hồ sơ "
        "được xử lý trực tuyến.", SIGN],
        "Nhìn lại chuyển đổi số Đồng Nai năm 2022", D(2023, 2, 5), "Đồng Nai", 2022, None,
        why={"plan_year": "no tasks year"}),
    Case("stamp-only-equal-years", [
        "Sở TT&TT Bình Định tổng kết công tác năm 2022",
        "18/01/2023 09:00",
        "Sở Thông tin và Truyền thông tỉnh Bình Định vừa tổ chức hội nghị tổng kết công tác năm "
        "2022, hoàn thành nhiệm vụ năm 2022.", SIGN],
        "Sở TT&TT Bình Định tổng kết công tác năm 2022", D(2023, 1, 18), "Bình Định", 2022, 2023),
    Case("dec-review-plan-stated", [
        "Sở TT&TT Quảng Ngãi tổng kết năm 2018",
        "Chiều 26/12/2018, Sở Thông tin và Truyền thông tỉnh Quảng Ngãi tổng kết công tác năm "
        "2018, triển khai nhiệm vụ năm 2019.", SIGN],
        "Sở TT&TT Quảng Ngãi tổng kết năm 2018", D(2018, 12, 26), "Quảng Ngãi", 2018, 2019),

    Case("date-before-the-review-year", [
        "Sở TT&TT Khánh Hòa tổng kết công tác năm 2019",
        "Ngày 10/01/2018, Sở Thông tin và Truyền thông tỉnh Khánh Hòa tổ chức hội nghị tổng kết "
        "công tác năm 2019.", SIGN],
        "Sở TT&TT Khánh Hòa tổng kết công tác năm 2019", D(2018, 1, 10), "Khánh Hòa", None, None,
        why={"review_year": "2019 looked like the year the page reviews|check both",
             "plan_year": "not found"}),
    Case("plan-far-ahead-of-the-date", [
        "Sở TT&TT Tây Ninh triển khai nhiệm vụ năm 2026",
        "12/01/2023 08:00",
        "Sở Thông tin và Truyền thông tỉnh Tây Ninh tổ chức hội nghị triển khai nhiệm vụ năm 2026.",
        SIGN],
        "Sở TT&TT Tây Ninh triển khai nhiệm vụ năm 2026", D(2023, 1, 12), "Tây Ninh", None, None,
        why={"plan_year": "2026 looked like|2023-01-12", "review_year": "not found"}),

    # --- the event's day against the stamp ---------------------------------------------
    Case("stamp-then-event-day", [
        "Tổng kết công tác thông tin và truyền thông năm 2022",
        "21/12/2022 00:00",
        "Ngày 20/12, Sở Thông tin và Truyền thông tỉnh Thái Bình tổ chức Hội nghị tổng kết "
        "công tác năm 2022.", "Năm 2022, Sở đã hoàn thành 100% kế hoạch.", SIGN],
        "Tổng kết công tác thông tin và truyền thông năm 2022", D(2022, 12, 20), "Thái Bình", 2022,
        None, why={"plan_year": "no tasks year"}),
    Case("summary-line-then-event-day", [
        "Sơn La tổng kết công tác thông tin và truyền thông năm 2022",
        "21/12/2022 00:00",
        "(Sonla.gov.vn) – Sở Thông tin và Truyền thông tổng kết công tác năm 2022.",
        "Ngày 20/12, Sở Thông tin và Truyền thông tổ chức Hội nghị tổng kết công tác năm 2022.",
        SIGN],
        "Sơn La tổng kết công tác thông tin và truyền thông năm 2022", D(2022, 12, 20), "Sơn La",
        2022, None, outlet="sonla.gov.vn", why={"plan_year": "no tasks year"}),
    Case("january-stamp-december-event", [
        "Sở TT&TT Lai Châu tổng kết năm 2020",
        "04/01/2021 08:00",
        "Ngày 30/12, Sở Thông tin và Truyền thông tỉnh Lai Châu tổ chức hội nghị tổng kết công "
        "tác năm 2020, triển khai nhiệm vụ năm 2021.", SIGN],
        "Sở TT&TT Lai Châu tổng kết năm 2020", D(2020, 12, 30), "Lai Châu", 2020, 2021),
    Case("stamp-year-for-january-event", [
        "Sở TT&TT Hà Nam triển khai nhiệm vụ",
        "Thứ Năm, 18/01/2024 | 15:30",
        "Chiều 17/1, Sở Thông tin và Truyền thông tỉnh Hà Nam tổ chức hội nghị.",
        "Năm 2023, Sở đã hoàn thành các chỉ tiêu về hạ tầng số.", SIGN],
        "Sở TT&TT Hà Nam triển khai nhiệm vụ", D(2024, 1, 17), "Hà Nam", 2023, 2024),

    # --- stamps with the time first ---------------------------------------------------
    Case("time-first-pipe-counter", [
        "Quảng Bình tổng kết công tác thông tin và truyền thông năm 2023",
        "22:13 05-01-2024 | :533",
        "Sở Thông tin và Truyền thông tỉnh Quảng Bình vừa tổ chức hội nghị tổng kết công tác "
        "năm 2023.", SIGN],
        "Quảng Bình tổng kết công tác thông tin và truyền thông năm 2023", D(2024, 1, 5),
        "Quảng Bình", 2023, 2024),
    Case("date-dash-time", [
        "Sở TT&TT Thanh Hóa triển khai nhiệm vụ năm 2023",
        "13/01/2023 - 17:18",
        "Sở Thông tin và Truyền thông tỉnh Thanh Hóa vừa tổ chức hội nghị triển khai nhiệm vụ "
        "năm 2023.", SIGN],
        "Sở TT&TT Thanh Hóa triển khai nhiệm vụ năm 2023", D(2023, 1, 13), "Thanh Hóa", None, 2023,
        why={"review_year": "no results year"}),
    Case("posted-time-no-year", [
        "Sở TT&TT Trà Vinh triển khai nhiệm vụ năm 2023",
        "Ngày đăng: 9:29 | 08/03",
        "Sở Thông tin và Truyền thông tỉnh Trà Vinh vừa tổ chức hội nghị triển khai nhiệm vụ "
        "năm 2023.", SIGN],
        "Sở TT&TT Trà Vinh triển khai nhiệm vụ năm 2023", D(2023, 3, 8), "Trà Vinh", None, 2023,
        why={"review_year": "no results year"}),
    Case("updated-in-brackets", [
        "Long An đẩy mạnh chuyển đổi số năm 2023",
        "( Cập nhật lúc: 12/04/2023 )",
        "Năm 2023, UBND tỉnh Long An tiếp tục tập trung phát triển hạ tầng số.", SIGN],
        "Long An đẩy mạnh chuyển đổi số năm 2023", D(2023, 4, 12), "Long An", None, 2023,
        why={"review_year": "no results year"}),
    Case("time-first-no-counter", [
        "Kiên Giang tổng kết công tác năm 2019",
        "08:45 10/01/2020",
        "Sở Thông tin và Truyền thông tỉnh Kiên Giang vừa tổ chức hội nghị tổng kết công tác "
        "năm 2019, triển khai nhiệm vụ năm 2020.", SIGN],
        "Kiên Giang tổng kết công tác năm 2019", D(2020, 1, 10), "Kiên Giang", 2019, 2020),

    # --- framework words and menus are never the title ---------------------------------
    Case("detail-controller", [
        "DetailController", "Uỷ ban nhân dân Tỉnh",
        "Sở Thông tin và Truyền thông tổng kết công tác năm 2022",
        "Ngày 12/01/2023, Sở Thông tin và Truyền thông tỉnh Bình Thuận tổ chức hội nghị tổng "
        "kết công tác năm 2022.", SIGN],
        "Sở Thông tin và Truyền thông tổng kết công tác năm 2022", D(2023, 1, 12), "Bình Thuận",
        2022, 2023),
    Case("skip-ribbon", [
        "Skip Ribbon Commands", "Skip to main content",
        "Sở TT&TT Bình Thuận tổng kết năm 2022",
        "Ngày 06/4/2023, Sở Thông tin và Truyền thông tỉnh Bình Thuận tổ chức hội nghị tổng kết "
        "công tác năm 2022.", SIGN],
        "Sở TT&TT Bình Thuận tổng kết năm 2022", D(2023, 4, 6), "Bình Thuận", 2022, None,
        why={"plan_year": "no tasks year"}),
    Case("chi-tiet-tin-font-size", [
        "Chi tiết tin", "A+ | A | A-",
        "Lâm Đồng triển khai nhiệm vụ thông tin và truyền thông năm 2021",
        "Sáng 15/1, Sở Thông tin và Truyền thông tỉnh Lâm Đồng tổ chức hội nghị triển khai "
        "nhiệm vụ năm 2021.", SIGN],
        "Lâm Đồng triển khai nhiệm vụ thông tin và truyền thông năm 2021", D(2021, 1, 15),
        "Lâm Đồng", None, 2021, why={"review_year": "no results year"}),
    Case("breadcrumb", [
        "Trang chủ › Tin tức › Hoạt động của Sở",
        "Sở TT&TT Bắc Kạn tổng kết năm 2020",
        "Chiều 19/1, Sở Thông tin và Truyền thông tỉnh Bắc Kạn tổ chức hội nghị tổng kết công "
        "tác năm 2020, triển khai nhiệm vụ năm 2021.", SIGN],
        "Sở TT&TT Bắc Kạn tổng kết năm 2020", D(2021, 1, 19), "Bắc Kạn", 2020, 2021),
    Case("menu-above-headline", [
        "Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Văn bản", "Liên hệ",
        "Sở TT&TT Phú Thọ triển khai nhiệm vụ năm 2025",
        "08/01/2025 16:45",
        "Sở Thông tin và Truyền thông tỉnh Phú Thọ tổ chức hội nghị triển khai nhiệm vụ năm 2025.",
        SIGN],
        "Sở TT&TT Phú Thọ triển khai nhiệm vụ năm 2025", D(2025, 1, 8), "Phú Thọ", None, 2025,
        why={"review_year": "no results year"}),
    Case("menu-with-english-words", [
        "Skip navigation", "Trang chủ", "Dịch vụ công", "Hỏi đáp", "English",
        "Ngành Thông tin và Truyền thông Điện Biên tổng kết năm 2023",
        "10:05 15/01/2024",
        "Sở Thông tin và Truyền thông tỉnh Điện Biên tổ chức hội nghị tổng kết công tác năm 2023, "
        "triển khai nhiệm vụ năm 2024.", SIGN],
        "Ngành Thông tin và Truyền thông Điện Biên tổng kết năm 2023", D(2024, 1, 15),
        "Điện Biên", 2023, 2024),
    Case("news-list-above-the-headline", [
        "Tin mới", "• Lào Cai: Hội nghị tổng kết năm 2022 (12/01/2023)",
        "Yên Bái triển khai nhiệm vụ năm 2023 (10/01/2023)",
        "Sở TT&TT Hòa Bình tổng kết công tác năm 2022",
        "Sáng 13/1, Sở Thông tin và Truyền thông tỉnh Hòa Bình tổ chức hội nghị tổng kết công tác "
        "năm 2022, triển khai nhiệm vụ năm 2023.", SIGN],
        "Sở TT&TT Hòa Bình tổng kết công tác năm 2022", D(2023, 1, 13), "Hòa Bình", 2022, 2023),
    Case("no-vietnamese-word-is-no-headline", [
        "PortalHeader v2.1", "Home Page Content",
        "Sở TT&TT Yên Bái triển khai nhiệm vụ năm 2022",
        "Sáng 7/1, Sở Thông tin và Truyền thông tỉnh Yên Bái tổ chức hội nghị triển khai nhiệm vụ "
        "năm 2022.", SIGN],
        "Sở TT&TT Yên Bái triển khai nhiệm vụ năm 2022", D(2022, 1, 7), "Yên Bái", None, 2022,
        why={"review_year": "no results year"}),

    # --- provincial outlets -------------------------------------------------------------
    Case("laocaitv-dateline", [
        "Hội nghị tổng kết công tác thông tin và truyền thông năm 2022",
        "Laocaitv.vn - Sáng 10/1, Sở Thông tin và Truyền thông tổ chức hội nghị tổng kết công tác "
        "năm 2022, triển khai nhiệm vụ năm 2023.", SIGN],
        "Hội nghị tổng kết công tác thông tin và truyền thông năm 2022", D(2023, 1, 10), "Lào Cai",
        2022, 2023, outlet="laocaitv.vn"),
    Case("bdk-dateline", [
        "Sở TT&TT tổng kết công tác năm 2022",
        "BDK.VN - Ngày 13-1-2023, Sở Thông tin và Truyền thông tổ chức hội nghị tổng kết công tác "
        "năm 2022, triển khai nhiệm vụ năm 2023.", SIGN],
        "Sở TT&TT tổng kết công tác năm 2022", D(2023, 1, 13), "Bến Tre", 2022, 2023,
        outlet="Báo Đồng Khởi"),
    Case("lso-dateline", [
        "Sở Thông tin và Truyền thông triển khai nhiệm vụ năm 2019",
        "LSO-Chiều 17/1, Sở Thông tin và Truyền thông tổ chức hội nghị triển khai nhiệm vụ "
        "năm 2019.", SIGN],
        "Sở Thông tin và Truyền thông triển khai nhiệm vụ năm 2019", D(2019, 1, 17), "Lạng Sơn",
        None, 2019, outlet="Báo Lạng Sơn", why={"review_year": "no results year"}),
    Case("newspaper-domain-dateline", [
        "Ngành thông tin và truyền thông tổng kết năm 2021",
        "Baobinhduong.vn - Sáng 12/1, Sở Thông tin và Truyền thông tổ chức hội nghị tổng kết công "
        "tác năm 2021, triển khai nhiệm vụ năm 2022.", SIGN],
        "Ngành thông tin và truyền thông tổng kết năm 2021", D(2022, 1, 12), "Bình Dương", 2021,
        2022, outlet="baobinhduong.vn"),
    Case("closing-portal-domain", [
        "Sở TT&TT tổng kết công tác năm 2021",
        "Sáng 12/1, Sở Thông tin và Truyền thông tổ chức hội nghị tổng kết công tác năm 2021, "
        "triển khai nhiệm vụ năm 2022.", "Năm 2021, Sở đã hoàn thành các chỉ tiêu.", SIGN,
        "Nguồn: laocai.gov.vn"],
        "Sở TT&TT tổng kết công tác năm 2021", D(2022, 1, 12), "Lào Cai", 2021, 2022,
        outlet="laocai.gov.vn"),
    Case("closing-newspaper-credit", [
        "Sở TT&TT triển khai nhiệm vụ năm 2020",
        "Chiều 14/1, Sở Thông tin và Truyền thông tổ chức hội nghị triển khai nhiệm vụ năm 2020.",
        SIGN, "Theo Báo Quảng Ninh"],
        "Sở TT&TT triển khai nhiệm vụ năm 2020", D(2020, 1, 14), "Quảng Ninh", None, 2020,
        outlet="Báo Quảng Ninh", why={"review_year": "no results year"}),
    Case("national-agency-names-no-province", [
        "Ngành thông tin và truyền thông triển khai nhiệm vụ năm 2021",
        "(TTXVN) Sáng 6/1, Sở Thông tin và Truyền thông tổ chức hội nghị triển khai nhiệm vụ "
        "năm 2021.", SIGN],
        "Ngành thông tin và truyền thông triển khai nhiệm vụ năm 2021", D(2021, 1, 6), None, None,
        2021, why={"province": "not found", "review_year": "no results year"}),
    Case("outlet-after-the-merger", [
        "Sở TT&TT tổng kết công tác năm 2025",
        "Baohagiang.vn - Ngày 20/12/2025, Sở Khoa học và Công nghệ tổ chức hội nghị tổng kết công "
        "tác năm 2025.", SIGN],
        "Sở TT&TT tổng kết công tác năm 2025", D(2025, 12, 20), "Tuyên Quang", 2025, None,
        outlet="baohagiang.vn", why={"plan_year": "no tasks year"}),

    # --- quarterly and half-year reports -----------------------------------------------
    Case("first-quarter", [
        "Sở TT&TT sơ kết công tác quý I/2023",
        "Sáng 5/4, Sở Thông tin và Truyền thông tỉnh Nam Định sơ kết công tác quý I/2023, triển "
        "khai nhiệm vụ quý II/2023.", SIGN],
        "Sở TT&TT sơ kết công tác quý I/2023", D(2023, 4, 5), "Nam Định", None, None,
        why={"review_year": "quý I/2023", "plan_year": "not an annual review"}),
    Case("first-half", [
        "Sở TT&TT Hải Dương sơ kết 6 tháng đầu năm 2022",
        "Chiều 8/7, Sở Thông tin và Truyền thông tỉnh Hải Dương tổ chức hội nghị sơ kết công tác "
        "6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2022.", SIGN],
        "Sở TT&TT Hải Dương sơ kết 6 tháng đầu năm 2022", D(2022, 7, 8), "Hải Dương", None, None,
        why={"review_year": "6 tháng đầu năm 2022"}),
    Case("nine-months-stamped", [
        "Kết quả 9 tháng năm 2021 của ngành thông tin và truyền thông Phú Yên",
        "12/10/2021 09:00",
        "Sở Thông tin và Truyền thông tỉnh Phú Yên vừa báo cáo kết quả 9 tháng năm 2021.", SIGN],
        "Kết quả 9 tháng năm 2021 của ngành thông tin và truyền thông Phú Yên", D(2021, 10, 12),
        "Phú Yên", None, None, why={"review_year": "9 tháng năm 2021"}),
    Case("annual-review-with-a-quarter-task", [
        "Sở TT&TT Đà Nẵng tổng kết công tác năm 2023",
        "Chiều 12/1, Sở Thông tin và Truyền thông thành phố Đà Nẵng tổ chức hội nghị tổng kết công "
        "tác năm 2023, triển khai nhiệm vụ năm 2024 và quý I/2024.", SIGN],
        "Sở TT&TT Đà Nẵng tổng kết công tác năm 2023", D(2024, 1, 12), "Đà Nẵng", 2023, 2024),
    Case("fourth-quarter-gives-no-year", [
        "Sở TT&TT Bạc Liêu sơ kết quý IV/2020",
        "Chiều 6/1, Sở Thông tin và Truyền thông tỉnh Bạc Liêu sơ kết công tác quý IV/2020.", SIGN],
        "Sở TT&TT Bạc Liêu sơ kết quý IV/2020", None, "Bạc Liêu", None, None,
        why={"date": "not found", "review_year": "quý IV/2020"}),

    # --- a national conference seen from a bridge point ---------------------------------
    Case("bridge-point", [
        "Bộ Thông tin và Truyền thông tổng kết công tác năm 2023",
        "Sáng 10/1, Bộ Thông tin và Truyền thông tổ chức hội nghị trực tuyến tổng kết công tác "
        "năm 2023, triển khai nhiệm vụ năm 2024. Tại điểm cầu An Giang, đồng chí Giám đốc Sở "
        "Thông tin và Truyền thông dự hội nghị.",
        "Năm 2023, doanh thu toàn ngành ước đạt 3.893.595 tỷ đồng.",
        "Năm 2023, toàn tỉnh An Giang có 1.250 trạm BTS.", SIGN],
        "Bộ Thông tin và Truyền thông tổng kết công tác năm 2023", D(2024, 1, 10), "An Giang", 2023,
        2024),
    Case("bridge-point-second-paragraph", [
        "Hội nghị trực tuyến toàn quốc tổng kết ngành thông tin và truyền thông năm 2022",
        "Chiều 9/1, hội nghị trực tuyến toàn quốc tổng kết công tác năm 2022 của Bộ Thông tin và "
        "Truyền thông được tổ chức.",
        "Tại điểm cầu Cao Bằng có lãnh đạo Sở Thông tin và Truyền thông và các doanh nghiệp.",
        "Cả nước có 78 triệu thuê bao băng rộng cố định.", SIGN],
        "Hội nghị trực tuyến toàn quốc tổng kết ngành thông tin và truyền thông năm 2022",
        D(2023, 1, 9), "Cao Bằng", 2022, 2023),

    # --- a year-end review published in December ----------------------------------------
    Case("year-end-review", [
        "Dấu ấn ngành thông tin và truyền thông Yên Bái năm 2019",
        "26/12/2019 09:00",
        "Năm 2019, ngành thông tin và truyền thông tỉnh Yên Bái ghi dấu ấn với nhiều kết quả "
        "nổi bật.", "Toàn tỉnh có 1.100 trạm BTS.", SIGN],
        "Dấu ấn ngành thông tin và truyền thông Yên Bái năm 2019", D(2019, 12, 26), "Yên Bái", 2019,
        None, why={"plan_year": "no tasks year"}),
    Case("year-end-review-no-stamp", [
        "Ngành thông tin và truyền thông Sóc Trăng: một năm nhìn lại",
        "Năm 2020, ngành thông tin và truyền thông tỉnh Sóc Trăng đã hoàn thành nhiều chỉ tiêu, "
        "với 100% xã có cáp quang.", SIGN],
        "Ngành thông tin và truyền thông Sóc Trăng: một năm nhìn lại", None, "Sóc Trăng", 2020,
        None, why={"date": "not found", "plan_year": "no tasks year"}),
]

NULLABLE = {"date": "date", "province": "province", "review": "review_year", "plan": "plan_year"}


def test_there_are_at_least_forty_variants_with_distinct_names():
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_portal_variant(case: Case):
    ex = extract("\n".join(case.lines) + "\n", "x.txt")
    got = {"title": ex.title, "date": ex.date, "province": ex.province,
           "review": ex.review_year, "plan": ex.plan_year, "outlet": ex.outlet}
    want = {"title": case.title, "date": case.date, "province": case.province,
            "review": case.review, "plan": case.plan, "outlet": case.outlet}
    assert got == want
    for attr, key in NULLABLE.items():
        if want[attr] is None:
            assert key in ex.missing, f"{key} is null but the editor is not told"
            for words in case.why.get(key, "").split("|"):
                assert words in ex.missing[key]
        else:
            assert key not in ex.missing
    assert set(case.why) <= set(ex.missing)


def by_id(name: str) -> Case:
    return next(c for c in CASES if c.id == name)


def extracted(name: str):
    return extract("\n".join(by_id(name).lines) + "\n", "x.txt")


def test_bridge_point_page_marks_the_countrys_figures_national():
    scopes = {(f["value"], f["unit"]): f.get("scope") for f in extracted("bridge-point").figures}
    assert scopes == {(3893595, "tỷ đồng"): "national", (1250, "trạm BTS"): None}
    scopes = {f["value"]: f.get("scope") for f in extracted("bridge-point-second-paragraph").figures}
    assert scopes == {78: "national"}


def test_a_provincial_page_keeps_its_sector_figures_its_own():
    text = "\n".join([
        "Sở TT&TT Nghệ An tổng kết công tác năm 2022",
        "Ngày 10/1/2023, Sở Thông tin và Truyền thông tỉnh Nghệ An tổ chức hội nghị tổng kết "
        "công tác năm 2022.",
        "Năm 2022, doanh thu toàn ngành đạt 2.150 tỷ đồng.", SIGN])
    figures = extract(text, "x.txt").figures
    assert [(f["value"], f.get("scope")) for f in figures] == [(2150, None)]


@pytest.mark.parametrize("name,marker", [
    ("laocaitv-dateline", "Laocaitv.vn"), ("bdk-dateline", "BDK.VN"), ("lso-dateline", "LSO"),
    ("newspaper-domain-dateline", "Baobinhduong.vn"), ("summary-line-then-event-day", "Sonla.gov.vn"),
    ("national-agency-names-no-province", "TTXVN"),
])
def test_the_body_and_summary_no_longer_start_with_the_outlets_marker(name, marker):
    ex = extracted(name)
    assert marker in "\n".join(by_id(name).lines)
    assert marker not in ex.body and marker not in ex.summary
    assert ex.body[:1].isupper() and ex.summary[:1].isupper()


def test_a_quarterly_report_is_imported_as_a_draft_saying_why(tmp_path):
    from digest.content.frontmatter import parse_page
    from digest.importer import import_seeds
    seeds, content = tmp_path / "seeds", tmp_path / "content"
    seeds.mkdir()
    (seeds / "q1.txt").write_text("\n".join(by_id("first-quarter").lines) + "\n", encoding="utf-8")
    out: list[str] = []
    report = import_seeds(seeds, content, out=out.append)
    text = report.pages["q1.txt"].read_text(encoding="utf-8")
    page = parse_page(text, "q1.md").data
    assert page["draft"] is True and page["review_year"] is None and page["plan_year"] is None
    assert page["date"] == "2023-04-05" and page["province"] == "Nam Định"
    assert 'review_year: null  # a report on a part of the year ("quý I/2023")' in text
    assert any(line.startswith('q1.txt: review_year: a report on a part of the year ("quý I/2023")')
               for line in out)
    assert any("written as a draft" in line for line in out)


def test_a_provincial_meeting_with_district_bridge_points_keeps_its_figures():
    text = "\n".join([
        "Sở TT&TT Sơn La tổng kết công tác năm 2023",
        "Ngày 10/01/2024, Sở Thông tin và Truyền thông tỉnh Sơn La tổ chức hội nghị tổng kết công "
        "tác năm 2023, kết nối trực tuyến đến điểm cầu các huyện, thành phố.",
        "Doanh thu lĩnh vực viễn thông đạt 1.463 tỷ đồng.", SIGN])
    ex = extract(text, "x.txt")
    assert ex.province == "Sơn La"
    assert [(f["value"], f.get("scope")) for f in ex.figures] == [(1463, None)]


def test_the_main_bridge_point_in_hanoi_does_not_take_the_page():
    text = "\n".join([
        "Ngành thông tin và truyền thông tổng kết năm 2021",
        "Sáng 7/1, Bộ Thông tin và Truyền thông tổ chức hội nghị trực tuyến tổng kết công tác năm "
        "2021 tại điểm cầu chính Hà Nội. Tại điểm cầu Bình Phước, đồng chí Giám đốc Sở dự.",
        "Năm 2021, doanh thu toàn ngành đạt 3.600.000 tỷ đồng.", SIGN])
    ex = extract(text, "x.txt")
    assert ex.province == "Bình Phước"
    assert [(f["value"], f.get("scope")) for f in ex.figures] == [(3600000, "national")]


def test_an_imported_bridge_point_page_carries_the_scope_into_the_site(tmp_path):
    from digest.content.reader import read_content
    from digest.importer import import_seeds
    seeds, content = tmp_path / "seeds", tmp_path / "content"
    seeds.mkdir()
    (seeds / "cau.txt").write_text("\n".join(by_id("bridge-point").lines) + "\n", encoding="utf-8")
    import_seeds(seeds, content, out=lambda line: None)
    articles, problems = read_content(content)
    assert not [p for p in problems if p.level == "error"]
    (article,) = articles
    assert article.province == "An Giang"
    assert {(f.value, f.scope) for f in article.figures} == {(3893595, "national"), (1250, None)}


def test_a_page_without_a_vietnamese_line_gets_no_title_but_keeps_its_text():
    text = "\n".join(["DetailController", "So TT&TT tong ket cong tac nam 2020 (khong dau)",
                      "Ngay 12/1/2021, So Thong tin va Truyen thong to chuc hoi nghi."])
    ex = extract(text, "x.txt")
    assert ex.title == ""
    assert "no headline" in ex.missing["title"]
    assert "So TT&TT tong ket cong tac nam 2020" in ex.body
    assert "DetailController" not in ex.body
