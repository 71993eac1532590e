"""The outlet table (data/outlets.yaml) and the `outlet:` key on the site (issue 12, 17)."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser

import pytest

from digest.content.schema import outlet_url
from digest.importer.dateline import find_publisher
from digest.lexicon.outlets import load_outlets
from digest.lexicon.places import load_gazetteer

BEFORE_2025 = dt.date(2024, 6, 30)


# --- the table -------------------------------------------------------------------

def test_every_one_of_the_63_provinces_has_an_outlet():
    gaz, table = load_gazetteer(), load_outlets()
    provinces = set(gaz.names(BEFORE_2025))
    assert len(provinces) == 63
    covered = {o.province for o in table.outlets}
    assert provinces - covered == set()
    assert covered <= provinces, "outlets are listed under the 63 names"


def test_outlet_domains_are_not_portal_domains_and_never_shared():
    gaz, table = load_gazetteer(), load_outlets()
    portals = {d for u in gaz.units for d in u.domains}
    domains = [d for o in table.outlets for d in o.domains]
    assert len(domains) == len(set(domains))
    assert not set(domains) & portals
    assert all(d == d.lower() and "." in d and not d.startswith("www.") for d in domains)


@pytest.mark.parametrize("written,name,province", [
    ("LSO", "Báo Lạng Sơn", "Lạng Sơn"), ("BDK.VN", "Báo Đồng Khởi", "Bến Tre"),
    ("bdk.vn", "Báo Đồng Khởi", "Bến Tre"), ("báo lạng sơn", "Báo Lạng Sơn", "Lạng Sơn"),
    ("Báo Ấp Bắc", "Báo Ấp Bắc", "Tiền Giang"), ("Báo Điện Biên Phủ", "Báo Điện Biên Phủ", "Điện Biên"),
])
def test_names_and_datelines_in_any_case(written, name, province):
    outlet = load_outlets().by_name(written)
    assert (outlet.name, outlet.province) == (name, province)


def test_hosts_and_their_subdomains():
    table = load_outlets()
    assert table.by_host("Laocaitv.vn").province == "Lào Cai"
    assert table.by_host("www.baolangson.vn").name == "Báo Lạng Sơn"
    assert table.by_host("baolangson.vn.example.com") is None
    assert table.by_host("notbaolangson.vn") is None


def test_a_row_with_an_unknown_province_is_refused(tmp_path):
    bad = tmp_path / "outlets.yaml"
    bad.write_text("outlets:\n  - {name: Báo X, province: Hà Tây, domains: [baox.vn]}\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match="Hà Tây"):
        load_outlets(bad)
    bad.write_text("outlets:\n  - {name: Báo A, province: Lạng Sơn, domains: [a.vn]}\n"
                   "  - {name: Báo B, province: Cao Bằng, domains: [a.vn]}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="a.vn"):
        load_outlets(bad)


# --- finding the publisher of a page ---------------------------------------------------

@pytest.mark.parametrize("lead,closing,footer,outlet,province", [
    ("LSO-Sáng nay (18/1), Sở tổ chức hội nghị.", [], [], "Báo Lạng Sơn", "Lạng Sơn"),
    ("(sonla.gov.vn) Ngày 10/01/2024, Sở tổ chức hội nghị.", [], [], "sonla.gov.vn", "Sơn La"),
    ("(Chinhphu.vn) - Sáng 5/1, Bộ tổ chức hội nghị.", [], [], "chinhphu.vn", None),
    ("HNP - Sáng 5/1, Sở tổ chức hội nghị.", [], [], None, None),
    ("(TP.HCM) - Sáng 5/1, Sở tổ chức hội nghị.", [], [], None, None),
    ("THVL.vn - Sáng 5/1, Sở tổ chức hội nghị.", [], [], "thvl.vn", "Vĩnh Long"),
    ("SGGPO - Sáng 5/1, Sở tổ chức hội nghị.", [], [], "Báo Sài Gòn Giải Phóng", "Thành phố Hồ Chí Minh"),
    ("Sáng 5/1, Sở tổ chức hội nghị.", ["Hồng Nhung", "Theo Báo Đồng Khởi"], [], "Báo Đồng Khởi", "Bến Tre"),
    ("Sáng 5/1, Sở tổ chức hội nghị.", ["Nguồn: stttt.laocai.gov.vn"], [], "stttt.laocai.gov.vn", "Lào Cai"),
    ("Sáng 5/1, Sở tổ chức hội nghị.", ["Theo Báo Tin tức"], [], None, None),
    ("Sáng 5/1, Sở tổ chức hội nghị.", [], ["Điện thoại: 0208 - Email: sotttt@thainguyen.gov.vn"],
     "thainguyen.gov.vn", "Thái Nguyên"),
    ("Sáng 5/1, Sở tổ chức hội nghị.", [], ["Email: info@gmail.com"], None, None),
])
def test_find_publisher(lead, closing, footer, outlet, province):
    found = find_publisher(lead, closing, footer, load_gazetteer())
    assert (found.outlet, found.province) == (outlet, province)


@pytest.mark.parametrize("lead,kept", [
    ("LSO-Sáng nay (18/1), Sở tổ chức hội nghị.", "Sáng nay (18/1), Sở tổ chức hội nghị."),
    ("(TTXVN) Sáng 5/1, Sở tổ chức hội nghị.", "Sáng 5/1, Sở tổ chức hội nghị."),
    ("Laocaitv.vn - Sáng 5/1, Sở tổ chức hội nghị.", "Sáng 5/1, Sở tổ chức hội nghị."),
    ("VNPT-Vinaphone Lạng Sơn đã phát triển 200 trạm.", "VNPT-Vinaphone Lạng Sơn đã phát triển 200 trạm."),
    ("HNP - Sáng 5/1, Sở tổ chức hội nghị.", "HNP - Sáng 5/1, Sở tổ chức hội nghị."),
])
def test_only_an_outlets_marker_leaves_the_lead(lead, kept):
    from digest.importer.dateline import lead_without_marker
    assert lead_without_marker(lead) == kept


# --- on the site -----------------------------------------------------------------

@pytest.mark.parametrize("outlet,url", [
    ("sonla.gov.vn", "https://sonla.gov.vn"), ("Laocaitv.vn", "https://laocaitv.vn"),
    ("https://baolangson.vn/tin/1", "https://baolangson.vn/tin/1"),
    ("Báo Lạng Sơn", None), ("javascript:alert(1)", None), ("x.txt", "https://x.txt"),
    ("", None), ("http://a b.vn", None),
])
def test_outlet_url(outlet, url):
    assert outlet_url(outlet) == url


class _Meta(HTMLParser):
    """The article's fact list: dt text -> (dd text, [(href, rel), …])."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.facts, self.key, self.where = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("dt", "dd"):
            self.where = tag
            if tag == "dt":
                self.key = ""
            else:
                self.facts[self.key] = ("", [])
        elif tag == "a" and self.where == "dd":
            self.facts[self.key][1].append((attrs.get("href"), attrs.get("rel")))

    def handle_endtag(self, tag):
        if tag in ("dt", "dd"):
            self.where = None

    def handle_data(self, data):
        if self.where == "dt":
            self.key += data
        elif self.where == "dd":
            text, links = self.facts[self.key]
            self.facts[self.key] = (text + data, links)


def article_facts(project, slug: str) -> dict:
    parser = _Meta()
    parser.feed((project.site / "bai-viet" / slug / "index.html").read_text(encoding="utf-8"))
    return parser.facts


PAGE = """---
title: {title}
date: 2024-01-10
province: Sơn La
review_year: 2023
source: 004_seed.txt
{outlet}---
Năm 2023, Sở đã hoàn thành các nhiệm vụ.
"""


def test_the_article_page_shows_the_outlet_never_the_seed_file(project):
    project.write("a.md", PAGE.format(title="Trang có tên miền", outlet="outlet: sonla.gov.vn\n"))
    project.write("b.md", PAGE.format(title="Trang có tên báo", outlet="outlet: Báo Sơn La\n"))
    project.write("c.md", PAGE.format(title="Trang không có nguồn", outlet=""))
    project.write("d.md", PAGE.format(title="Trang có nguồn lạ",
                                      outlet='outlet: "javascript:alert(1)<b>x</b>"\n'))
    assert project.build() == 0
    facts = article_facts(project, "trang-co-ten-mien")
    assert facts["Nguồn"] == ("sonla.gov.vn", [("https://sonla.gov.vn", "noopener")])
    assert article_facts(project, "trang-co-ten-bao")["Nguồn"] == ("Báo Sơn La", [])
    assert "Nguồn" not in article_facts(project, "trang-khong-co-nguon")
    odd = article_facts(project, "trang-co-nguon-la")["Nguồn"]
    assert odd == ("javascript:alert(1)<b>x</b>", []), "shown as text, never a link or markup"
    for slug in ("trang-co-ten-mien", "trang-co-ten-bao", "trang-khong-co-nguon"):
        html = (project.site / "bai-viet" / slug / "index.html").read_text(encoding="utf-8")
        assert "004_seed.txt" not in html
    data = json.loads((project.site / "du-lieu" / "digest.json").read_text(encoding="utf-8"))
    outlets = {p["title"]: p["outlet"] for p in data["pages"]}
    assert outlets["Trang có tên miền"] == "sonla.gov.vn"
    assert outlets["Trang có tên báo"] == "Báo Sơn La"
    assert outlets["Trang không có nguồn"] is None
    assert all(p["source"] for p in data["pages"] if p["title"].startswith("Trang")), \
        "the data download still names the seed, for analysts"


def test_an_edited_outlet_rebuilds_its_page(project):
    path = project.write("a.md", PAGE.format(title="Trang có tên miền", outlet="outlet: sonla.gov.vn\n"))
    assert project.build() == 0
    path.write_text(path.read_text(encoding="utf-8").replace("sonla.gov.vn", "baosonla.vn"),
                    encoding="utf-8")
    assert project.build() == 0
    facts = article_facts(project, "trang-co-ten-mien")
    assert facts["Nguồn"] == ("baosonla.vn", [("https://baosonla.vn", "noopener")])
