"""The search index as the build writes it: terms, fields, script safety, rebuilds.

The pages are tests/fixtures/search/ (built in each test's own folder); what
the browser does with the index is in test_search_browser.py.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, Project
from digest.outputs import search
from digest.outputs.search import FIELDS, minisearch_json, script_safe
from digest.outputs.search_terms import search_fold, term_counts, tokens
from digest.util.text import fold

SEARCH_FIXTURES = FIXTURES / "search"


def build_search_site(root: Path) -> Project:
    project = Project(root)
    shutil.copytree(SEARCH_FIXTURES, project.content)
    (root / "seeds").mkdir()
    project.write_config(title="Bản tin thử nghiệm")
    assert project.build() == 0
    return project


def read_parts(site: Path) -> list[dict]:
    """Each part of the index, as MiniSearch will read it."""
    manifest = (site / "tim-kiem/chi-muc.js").read_text(encoding="utf-8")
    assert manifest.startswith("window.CHI_MUC_TIM_KIEM = ") and manifest.endswith(";\n")
    parts = []
    for name in json.loads(manifest.split(" = ", 1)[1][:-2])["phan"]:
        text = (site / "tim-kiem" / name).read_text(encoding="utf-8")
        prefix = "(window.CHI_MUC_PHAN = window.CHI_MUC_PHAN || []).push(JSON.parse('"
        assert text.startswith(prefix) and text.endswith("'));\n")
        quoted = text[len(prefix):-len("'));\n")]
        assert not re.search(r"(?<!\\)(?:\\\\)*'", quoted)  # no quote ends the string early
        parts.append(json.loads(re.sub(r"\\(.)", r"\1", quoted)))  # the JS string's escapes
    return parts


def read_index(site: Path) -> dict:
    """The index of a small site: one part."""
    (part,) = read_parts(site)
    return part


def postings(index: dict, term: str, field: str) -> set[str]:
    """Titles of the documents whose `field` holds `term`."""
    field_id = str(index["fieldIds"][field])
    by_field = dict(index["index"]).get(term, {})
    return {index["storedFields"][doc]["t"] for doc in by_field.get(field_id, {})}


@pytest.fixture(scope="module")
def search_site(tmp_path_factory) -> Project:
    return build_search_site(tmp_path_factory.mktemp("search-site"))


def test_folding_reads_every_look_alike_of_d_as_d():
    assert search_fold("Đắk Lắk") == "dak lak"
    assert search_fold("Ðoàn ðường Ɖiện ɖi") == "doan duong dien di"
    assert search_fold("Hòa Bình, Hoà Bình") == "hoa binh, hoa binh"
    assert search_fold("Thủy THỦY") == "thuy thuy"


def test_folding_is_the_slugs_fold_on_every_vietnamese_letter():
    vowels = "aăâeêioôơuưy"
    letters = [unicodedata.normalize("NFC", v + tone) for v in vowels
               for tone in ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")]
    letters += list("bcdđghklmnpqrstvx")
    text = " ".join(letters + [c.upper() for c in letters])
    assert search_fold(text) == fold(text)
    assert search_fold(unicodedata.normalize("NFD", text)) == fold(text)
    assert search_fold("Москва 서울 Ελλάδα") == "москва 서울 ελλαδα"  # other alphabets stay whole


def test_numbers_are_terms_as_written_and_as_bare_digits():
    assert term_counts("đạt 1.463 tỷ đồng, 96,4% và 1.234.567,5 người; năm 2019, 1.463") == {
        "dat": 1, "1.463": 2, "1463": 2, "ty": 1, "dong": 1, "96,4": 1, "va": 1,
        "1.234.567,5": 1, "1234567,5": 1, "nguoi": 1, "nam": 1, "2019": 1}
    assert tokens("Sở TT&TT, 4G/5G.") == ["so", "tt", "tt", "4", "g", "5", "g"]


def test_each_field_holds_what_the_issue_lists(search_site):
    index = read_index(search_site.site)
    assert index["fieldIds"] == {name: i for i, name in enumerate(FIELDS)}
    figure_page = "Doanh thu viễn thông tăng mạnh năm 2023"
    # figures: the number as written, as digits, the metric's label
    assert postings(index, "1.463", "s") == {figure_page}
    assert postings(index, "1463", "s") == {figure_page}
    assert postings(index, "96,4", "s") == {figure_page}
    assert figure_page in postings(index, "thu", "s")  # "Doanh thu viễn thông", the label
    # province: the name, and for a page before 1 July 2025 the unit it merged into
    ha_giang = "Hà Giang phổ cập điện thoại thông minh năm 2020"
    assert postings(index, "tuyen", "p") == {ha_giang}
    assert ha_giang in postings(index, "doan", "b")  # "Ðoàn", written with U+00D0
    # years, topics and authors
    assert "Sở Thông tin và Truyền thông tỉnh Sơn La tổng kết năm 2019" in postings(index, "2019", "m")
    assert postings(index, "thai", "m") == {"Hà Nội chia sẻ kinh nghiệm chuyển đổi số với các tỉnh miền núi"}
    assert postings(index, "thai", "p") == {"Công tác thông tin và truyền thông năm 2018 và nhiệm vụ trọng tâm năm 2019"}
    # every term is folded: no diacritics, no upper case
    assert all(term == search_fold(term) and term.isascii() for term, _ in index["index"])


def test_stored_fields_are_what_a_result_shows(search_site):
    index = read_index(search_site.site)
    stored = index["storedFields"]
    assert len(stored) == index["documentCount"] == len(list(SEARCH_FIXTURES.glob("*.md")))
    figure = next(doc for doc in stored.values() if doc["u"] == "bai-viet/dak-lak-2023/index.html")
    assert figure["i"] == "2024-01-12" and figure["p"] == "Đắk Lắk"
    assert figure["f"] == "Doanh thu viễn thông: 1.463 tỷ đồng · Tỷ lệ văn bản trao đổi điện tử: 96,4%"
    for doc in stored.values():  # each address is a built page
        assert (search_site.site / doc["u"]).is_file(), doc["u"]


def test_no_text_can_close_the_script_or_break_it(search_site):
    for part in (search_site.site / "tim-kiem").glob("chi-muc*.js"):
        text = part.read_text(encoding="utf-8")
        assert "<" not in text and "\u2028" not in text and "\u2029" not in text
    index = read_index(search_site.site)
    title = next(d["t"] for d in index["storedFields"].values() if d["u"].startswith("bai-viet/script"))
    assert title.startswith("Thử </script><script>window.hacked = 1</script>\u2028dòng")
    assert "\u2029" in title
    summary = next(d["x"] for d in index["storedFields"].values() if d["u"].startswith("bai-viet/script"))
    assert summary.endswith("người H'Mông nói \\'không\\' \\\\ \\\\'.")  # quotes, backslashes kept


def test_script_safe_escapes_keep_the_json_equal():
    data = json.dumps({"a": "</script>\u2028\u2029<!--"}, ensure_ascii=False)
    safe = script_safe(data)
    assert "<" not in safe and "\u2028" not in safe and json.loads(safe) == json.loads(data)


def test_minisearch_shape_counts_terms_per_field():
    docs = [[Counter(["son", "la"]), Counter(), Counter(), Counter(), Counter(["son", "son", "la", "x"])],
            [Counter(["lang", "son"]), Counter(), Counter(), Counter(), Counter()]]
    index = json.loads(minisearch_json(docs, [{"t": "A"}, {"t": "B"}]))
    assert index["fieldLength"] == {"0": [2, 0, 0, 0, 4], "1": [2, 0, 0, 0, 0]}
    assert index["averageFieldLength"] == [2.0, 0, 0, 0, 2.0]
    assert dict(index["index"])["son"] == {"0": {"0": 1, "1": 1}, "4": {"0": 2}}
    assert index["serializationVersion"] == 2 and index["documentIds"] == {"0": 0, "1": 1}
    assert index["storedFields"] == {"0": {"t": "A"}, "1": {"t": "B"}}


def test_an_edit_rebuilds_only_the_part_of_the_index_that_holds_the_article(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "PART_SIZE", 2)  # 9 articles: 8 parts
    project = build_search_site(tmp_path)
    parts = read_parts(project.site)
    assert len(parts) == 8 and sum(p["documentCount"] for p in parts) == 9
    files = sorted((project.site / "tim-kiem").glob("chi-muc*.js"))
    before = {f.name: f.stat().st_mtime_ns for f in files}
    assert project.build() == 0
    assert {f.name: f.stat().st_mtime_ns for f in files} == before  # nothing changed, nothing written
    page = project.content / "thai-nguyen-2018.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nHội thảo về điện toán đám mây.\n",
                    encoding="utf-8")
    assert project.build() == 0
    changed = [f.name for f in files if f.stat().st_mtime_ns != before[f.name]]
    holder = search.part_url(search.part_of("bai-viet/thai-nguyen-2018/index.html", 8))
    assert changed == [holder.rsplit("/", 1)[1]]
    merged = {doc["t"]: part for part in read_parts(project.site) for doc in part["storedFields"].values()}
    title = "Công tác thông tin và truyền thông năm 2018 và nhiệm vụ trọng tâm năm 2019"
    assert "may" in dict(merged[title]["index"])


class _BoxParser(HTMLParser):
    """The header's search form and the addresses it names."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("class") == "site-search":
            self.forms.append(attrs)
        if tag == "script":
            self.scripts.append(attrs.get("src"))


def test_every_page_names_the_search_files_by_working_relative_addresses(search_site):
    site = search_site.site.resolve()
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 20
    for path in pages:
        parser = _BoxParser()
        parser.feed(path.read_text(encoding="utf-8"))
        assert len(parser.forms) == 1, path
        form, here = parser.forms[0], path.parent
        assert "hidden" in form  # shown by search.js; without JavaScript the nav's timeline link stays
        assert (here / form["action"]).resolve() == site / "tim-kiem/index.html", path
        assert (here / form["data-index"]).resolve() == site / "tim-kiem/chi-muc.js", path
        assert (here / form["data-library"]).resolve() == site / "static/vendor/minisearch/minisearch.js"
        assert (here / (form["data-root"] or ".")).resolve() == site, path
        assert [(here / s).resolve() for s in parser.scripts] == [site / "static/search.js"], path


def test_the_header_box_reaches_index_parts_named_as_the_readme_says(search_site):
    # README's address table: the list of parts, then each part ("chi-muc-<N>.js")
    row = next(line for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines()
               if line.startswith("| `tim-kiem/chi-muc"))
    listing, part = re.findall(r"`([^`]+)`", row.split("|")[1])
    part_name = re.compile(re.escape(part).replace(re.escape("<N>"), r"(\d+)"))
    site = search_site.site.resolve()
    for page in ("index.html", "tim-kiem/index.html"):
        parser = _BoxParser()
        parser.feed((site / page).read_text(encoding="utf-8"))
        manifest = ((site / page).parent / parser.forms[0]["data-index"]).resolve()
        assert manifest == site / listing, page
        names = json.loads(manifest.read_text(encoding="utf-8").split(" = ", 1)[1][:-2])["phan"]
        parts = [manifest.parent / name for name in names]  # search.js: beside the list
        assert names and all(p.is_file() for p in parts), page
        named = [part_name.fullmatch(p.relative_to(site).as_posix()) for p in parts]
        assert all(named), (page, names)
        assert sorted(int(m.group(1)) for m in named) == list(range(len(names)))
        assert sorted((site / "tim-kiem").glob("*.js")) == sorted([manifest, *parts])
