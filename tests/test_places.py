"""The province gazetteer: the data against the 2025 reorganisation, and the
matching rules the importer relies on (never report a place that is not one)."""

import re
import time
import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from digest.lexicon import places
from digest.lexicon.places import load_gazetteer
from digest.util.text import slugify, sort_key

BEFORE, HUE_CITY, AFTER = date(2024, 1, 1), date(2025, 2, 1), date(2025, 8, 1)

# Resolution 202/2025/QH15: the 34 units from 1 July 2025 and what each absorbed.
MERGERS = {
    "Hà Nội": [], "Huế": [], "Lai Châu": [], "Điện Biên": [], "Sơn La": [],
    "Lạng Sơn": [], "Quảng Ninh": [], "Thanh Hóa": [], "Nghệ An": [],
    "Hà Tĩnh": [], "Cao Bằng": [],
    "Tuyên Quang": ["Hà Giang"], "Lào Cai": ["Yên Bái"], "Thái Nguyên": ["Bắc Kạn"],
    "Phú Thọ": ["Vĩnh Phúc", "Hòa Bình"], "Bắc Ninh": ["Bắc Giang"],
    "Hưng Yên": ["Thái Bình"], "Hải Phòng": ["Hải Dương"],
    "Ninh Bình": ["Hà Nam", "Nam Định"], "Quảng Trị": ["Quảng Bình"],
    "Đà Nẵng": ["Quảng Nam"], "Quảng Ngãi": ["Kon Tum"], "Gia Lai": ["Bình Định"],
    "Khánh Hòa": ["Ninh Thuận"], "Lâm Đồng": ["Đắk Nông", "Bình Thuận"],
    "Đắk Lắk": ["Phú Yên"],
    "Thành phố Hồ Chí Minh": ["Bình Dương", "Bà Rịa - Vũng Tàu"],
    "Đồng Nai": ["Bình Phước"], "Tây Ninh": ["Long An"],
    "Cần Thơ": ["Sóc Trăng", "Hậu Giang"], "Vĩnh Long": ["Bến Tre", "Trà Vinh"],
    "Đồng Tháp": ["Tiền Giang"], "Cà Mau": ["Bạc Liêu"], "An Giang": ["Kiên Giang"],
}
CITIES_AFTER = {"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Thành phố Hồ Chí Minh", "Cần Thơ"}
NEW_34 = set(MERGERS)
OLD_63 = (NEW_34 - {"Huế"}) | {"Thừa Thiên Huế"} | {o for olds in MERGERS.values() for o in olds}


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def found(gaz, text):
    return [(m.name, m.how, m.written) for m in gaz.find_in_text(text)]


# --- the data --------------------------------------------------------------------

def test_expected_sets_are_the_right_size():
    assert len(NEW_34) == 34 and len(OLD_63) == 63


def test_names_before_and_after_the_reorganisation(gaz):
    assert set(gaz.names(BEFORE)) == OLD_63 and len(gaz.names(BEFORE)) == 63
    assert set(gaz.names(AFTER)) == NEW_34 and len(gaz.names(AFTER)) == 34
    on_2025_02 = set(gaz.names(HUE_CITY))
    assert len(on_2025_02) == 63 and "Huế" in on_2025_02 and "Thừa Thiên Huế" not in on_2025_02
    assert set(gaz.names()) == OLD_63 | NEW_34


def test_every_merger_points_at_its_new_unit(gaz):
    for new, olds in MERGERS.items():
        for old in olds:
            assert gaz.canonical(old, date(2025, 6, 30)) == old
            assert gaz.canonical(old, date(2025, 7, 1)) == new, old
        assert gaz.canonical(new, AFTER) == new


def test_kinds(gaz):
    cities = lambda on: {n for n in gaz.names(on) if gaz.lookup(n).kind != "tỉnh"}
    assert cities(AFTER) == CITIES_AFTER
    assert cities(BEFORE) == CITIES_AFTER - {"Huế"}
    assert {u.kind for u in gaz.units} == set(places.KINDS)


def test_slugs_unique_ascii_and_from_the_name(gaz):
    slugs = [u.slug for u in gaz.units]
    assert len(slugs) == len(set(slugs)) == len(gaz.units)
    for u in gaz.units:
        assert re.fullmatch(r"[a-z0-9-]+", u.slug) and u.slug == slugify(u.name)
    assert gaz.lookup("Đắk Lắk").slug == "dak-lak"
    assert gaz.lookup("Bà Rịa - Vũng Tàu").slug == "ba-ria-vung-tau"


def test_names_are_nfc_and_units_once(gaz):
    names = [u.name for u in gaz.units]
    assert len(names) == len(set(names))
    assert all(unicodedata.is_normalized("NFC", n) for n in names)


def test_every_domain_is_detected_and_every_unit_has_one(gaz):
    for u in gaz.units:
        assert u.domains
        for d in u.domains:
            assert found(gaz, f"Xem https://www.{d}/tin-tuc.") == [(u.name, "domain", f"www.{d}")]


def test_bad_data_is_refused(tmp_path):
    bad = tmp_path / "p.yaml"
    bad.write_text("units:\n  - {name: Sơn La, slug: son_la, kind: tỉnh, domains: [sonla.gov.vn]}\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match="Sơn La"):
        load_gazetteer(bad)


def test_loads_fast():
    start = time.perf_counter()
    places._build(places.DEFAULT_PATH)
    assert time.perf_counter() - start < 0.05
    assert load_gazetteer() is load_gazetteer()


# --- lookup, canonical, suggest, names ------------------------------------------

def test_lookup_variants(gaz):
    pairs = {"Hoà Bình": "Hòa Bình", "Thanh Hoá": "Thanh Hóa", "Khánh Hoà": "Khánh Hòa",
             "Đắc Lắc": "Đắk Lắk", "Daklak": "Đắk Lắk", "TP.HCM": "Thành phố Hồ Chí Minh",
             "tp. hcm": "Thành phố Hồ Chí Minh", "TPHCM": "Thành phố Hồ Chí Minh",
             "BR-VT": "Bà Rịa - Vũng Tàu", "Bà Rịa – Vũng Tàu": "Bà Rịa - Vũng Tàu",
             "TT-Huế": "Thừa Thiên Huế", "Thừa Thiên - Huế": "Thừa Thiên Huế",
             "tỉnh Lạng Sơn": "Lạng Sơn", "LẠNG SƠN": "Lạng Sơn",
             unicodedata.normalize("NFD", "Hà Nội"): "Hà Nội"}
    for written, name in pairs.items():
        assert gaz.lookup(written).name == name, written


def test_lookup_is_not_diacritics_insensitive(gaz):
    assert gaz.lookup("Ha Giang") is None
    assert gaz.lookup("Bình") is None
    assert gaz.canonical("Ha Giang") is None


def test_canonical_across_2025(gaz):
    assert gaz.canonical("Hà Giang", date(2024, 5, 1)) == "Hà Giang"
    assert gaz.canonical("Hà Giang", date(2025, 8, 1)) == "Tuyên Quang"
    assert gaz.canonical("Hà Giang") == "Hà Giang"
    assert gaz.canonical("Thừa Thiên Huế", date(2024, 12, 31)) == "Thừa Thiên Huế"
    assert gaz.canonical("Thừa Thiên Huế", date(2025, 2, 1)) == "Huế"
    assert gaz.canonical("TT-Huế", date(2025, 8, 1)) == "Huế"
    assert gaz.canonical("Huế", date(2020, 1, 1)) == "Thừa Thiên Huế"
    assert gaz.canonical("BRVT", date(2025, 8, 1)) == "Thành phố Hồ Chí Minh"
    assert gaz.canonical("Hoà Bình", date(2025, 8, 1)) == "Phú Thọ"


def test_suggest(gaz):
    assert gaz.suggest("Ha Giang")[0] == "Hà Giang"
    assert gaz.suggest("Lang Son")[0] == "Lạng Sơn"
    assert gaz.suggest("Thanh Hoa")[0] == "Thanh Hóa"
    assert gaz.suggest("Hà Giag")[0] == "Hà Giang"      # typo
    assert gaz.suggest("Quang Ngai", limit=1) == ["Quảng Ngãi"]
    assert gaz.suggest("qwertyuiop") == []


def test_names_in_vietnamese_order(gaz):
    names = gaz.names()
    assert names == sorted(names, key=sort_key)
    start = ["An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh"]
    assert names[:6] == start
    # Đ is a letter of its own between D and E, not after Z.
    assert names.index("Cần Thơ") < names.index("Đà Nẵng") < names.index("Gia Lai")
    assert names.index("Hà Nội") < names.index("Hòa Bình") < names.index("Hưng Yên")


# --- find_in_text -----------------------------------------------------------------

def test_names_ending_in_binh_are_told_apart(gaz):
    text = "Ninh Bình, Thái Bình, Quảng Bình, Hòa Bình và Bình Định ký kết."
    assert [m[0] for m in found(gaz, text)] == [
        "Ninh Bình", "Thái Bình", "Quảng Bình", "Hòa Bình", "Bình Định"]


def test_ordinary_words_are_not_provinces(gaz):
    assert found(gaz, "Vì hòa bình và thịnh vượng, long an cho dân.") == []
    assert found(gaz, "Bình yên. Giang sơn. Hòa bình là mục tiêu.") == []
    assert found(gaz, "HÒA BÌNH") == [("Hòa Bình", "name", "HÒA BÌNH")]  # a headline in capitals


def test_tone_placement_and_nfd(gaz):
    assert found(gaz, "Hoà Bình và Thanh Hoá") == [
        ("Hòa Bình", "name", "Hoà Bình"), ("Thanh Hóa", "name", "Thanh Hoá")]
    nfd = unicodedata.normalize("NFD", "Sở TT&TT tỉnh Hoà Bình, Đắk Lắk.")
    ms = gaz.find_in_text(nfd)
    assert [m.name for m in ms] == ["Hòa Bình", "Đắk Lắk"]
    assert all(nfd[m.start:m.end] == m.written for m in ms)


def test_longest_name_wins(gaz):
    assert found(gaz, "Thừa Thiên Huế") == [("Thừa Thiên Huế", "name", "Thừa Thiên Huế")]
    assert [m[0] for m in found(gaz, "Bà Rịa – Vũng Tàu và Bà Rịa-Vũng Tàu")] == [
        "Bà Rịa - Vũng Tàu"] * 2
    assert found(gaz, "Chiến thắng Điện Biên Phủ") == []


def test_prefixed(gaz):
    assert found(gaz, "Sở TT&TT tỉnh Lạng Sơn và thành phố Thái Nguyên") == [
        ("Lạng Sơn", "prefixed", "tỉnh Lạng Sơn"), ("Thái Nguyên", "prefixed", "thành phố Thái Nguyên")]
    assert found(gaz, "TP. Huế, TP Cần Thơ") == [
        ("Huế", "prefixed", "TP. Huế"), ("Cần Thơ", "prefixed", "TP Cần Thơ")]
    assert found(gaz, "tỉnh hòa bình") == []


def test_ho_chi_minh_city_needs_its_level_word(gaz):
    hcm = "Thành phố Hồ Chí Minh"
    assert found(gaz, "Thành phố Hồ Chí Minh, TP. Hồ Chí Minh") == [
        (hcm, "name", "Thành phố Hồ Chí Minh"), (hcm, "prefixed", "TP. Hồ Chí Minh")]
    assert found(gaz, "Chủ tịch Hồ Chí Minh; đường Hồ Chí Minh") == []


def test_abbreviations(gaz):
    text = "TP.HCM, TP. HCM, TPHCM, BR-VT, BRVT, TT-Huế và Đắc Lắc"
    assert found(gaz, text) == [
        ("Thành phố Hồ Chí Minh", "abbreviation", "TP.HCM"),
        ("Thành phố Hồ Chí Minh", "abbreviation", "TP. HCM"),
        ("Thành phố Hồ Chí Minh", "abbreviation", "TPHCM"),
        ("Bà Rịa - Vũng Tàu", "abbreviation", "BR-VT"),
        ("Bà Rịa - Vũng Tàu", "abbreviation", "BRVT"),
        ("Thừa Thiên Huế", "abbreviation", "TT-Huế"),
        ("Đắk Lắk", "name", "Đắc Lắc")]
    assert found(gaz, "tphcm brvt") == []


def test_domains_subdomains_and_email(gaz):
    text = "Nguồn: stttt.sonla.gov.vn; liên hệ sotttt@thainguyen.gov.vn hoặc THUATHIENHUE.GOV.VN."
    assert found(gaz, text) == [
        ("Sơn La", "domain", "stttt.sonla.gov.vn"),
        ("Thái Nguyên", "domain", "thainguyen.gov.vn"),
        ("Thừa Thiên Huế", "domain", "THUATHIENHUE.GOV.VN")]
    assert found(gaz, "sonla.gov.vn.example.com, xsonla.gov.vn, hue.gov.vnx") == []


def test_streets_wards_and_people_are_not_provinces(gaz):
    for text in ("phố Huế", "đường Lạng Sơn", "huyện Hòa Bình", "nhà hát Hòa Bình",
                 "chị Huế", "Nguyễn Thị Hà Giang", "Trần Thái Bình"):
        assert found(gaz, text) == [], text
    # ...but a person's name after the place is fine, and "thành phố" is not "phố".
    assert [m[0] for m in found(gaz, "Chủ tịch UBND tỉnh Sơn La Hoàng Quốc Khánh; Viettel Hà Nội")] == [
        "Sơn La", "Hà Nội"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab HàNộiHoà\u0300\u0301.-@tỉnhTP,Bình"))
               ) | st.text())
def test_find_never_raises_and_offsets_slice_back(text):
    gaz = load_gazetteer()
    last_end = 0
    for m in gaz.find_in_text(text):
        assert text[m.start:m.end] == m.written and m.written
        assert m.start >= last_end
        last_end = m.end
        assert gaz.lookup(m.name) is not None
