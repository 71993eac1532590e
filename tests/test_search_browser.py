"""Search as a reader uses it: headless Chromium, the site opened from disk (file://).

The site is built from tests/fixtures/search/. Expected results are read from
the fixture pages themselves (which pages are in Sơn La, which mention bưu
chính), not written down here.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

import pytest
import yaml

from gates import axe_check, open_page
from test_search import SEARCH_FIXTURES, build_search_site, read_parts
from digest.outputs import search
from digest.outputs.search_terms import search_fold, tokens

BOX = "#header-search"
OPTIONS = "#header-search-list [role=option]"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_search_site(tmp_path_factory.mktemp("search-browser")).site


def fixture_pages() -> list[dict]:
    pages = []
    for path in sorted(SEARCH_FIXTURES.glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        meta["body"] = body
        pages.append(meta)
    return pages


def titles_of(pages) -> set[str]:
    return {" ".join(p["title"].split()) for p in pages}


def type_in_box(page, query: str) -> list[str]:
    """Type `query` in the header box; the results' titles, in order (the last
    entry, "Xem tất cả kết quả", left out)."""
    page.focus(BOX)
    page.fill(BOX, query)
    page.wait_for_selector(f"{OPTIONS}.search-all")
    titles = page.locator(f"{OPTIONS} .result-title").all_inner_texts()
    return [" ".join(t.split()) for t in titles]


@pytest.fixture
def home(browser, site):
    with open_page(browser, site.resolve().as_uri() + "/index.html") as (page, report):
        yield page
        assert report.problems == []


def test_folding_in_the_browser_equals_python_on_every_vietnamese_letter(home):
    vowels = "aăâeêioôơuưy"
    tones = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
    letters = [unicodedata.normalize("NFC", v + t) for v, t in itertools.product(vowels, tones)]
    letters += list("bcdđghklmnpqrstvx") + ["Ð", "ð", "Ɖ", "ɖ"]
    letters += [c.upper() for c in letters]
    samples = letters + [unicodedata.normalize("NFD", c) for c in letters] + [
        "Đắk Lắk đạt 1.463 tỷ đồng, 96,4% (TT&TT) 4G/5G", "Hoà Bình — Thủy, THỪA THIÊN HUẾ",
        "Ðoàn ðường Ɖiện", "số 1.234.567,5 năm 2019–2020", "Москва 서울 Ελλάδα"]
    browser_fold = home.evaluate("s => s.map(window.digestSearch.fold)", samples)
    browser_tokens = home.evaluate("s => s.map(window.digestSearch.tokens)", samples)
    assert browser_fold == [search_fold(s) for s in samples]
    assert browser_tokens == [tokens(s) for s in samples]
    assert {search_fold(c) for c in letters} <= set("aeiouybcdghklmnpqrstvx")


def test_son_la_lists_every_son_la_page_before_any_other(home):
    son_la = titles_of(p for p in fixture_pages() if p["province"] == "Sơn La")
    for query in ("son la", "sơn la", "Sơn La"):
        found = type_in_box(home, query)
        assert set(found[:len(son_la)]) == son_la, (query, found)
        assert len(found) > len(son_la)  # a page that names Sơn La in its body, after them
    found = type_in_box(home, "son l")  # the reader is still typing
    assert set(found[:len(son_la)]) == son_la, found


def test_thai_nguyen_and_enter_opens_the_thai_nguyen_page(home):
    wanted = next(p for p in fixture_pages() if p["province"] == "Thái Nguyên")
    found = type_in_box(home, "thai nguyen")
    assert len(found) > 1 and found[0] == wanted["title"]  # another page has an author Thái, Nguyễn
    home.keyboard.press("Enter")
    home.wait_for_url(f"**/bai-viet/{wanted['slug']}/index.html")
    assert home.locator("h1").inner_text() == wanted["title"]


def test_buu_chinh_lists_every_page_about_buu_chinh(home):
    about = titles_of(p for p in fixture_pages()
                      if "buu chinh" in search_fold(" ".join([p["title"], p.get("summary", ""),
                                                              *p.get("topics", []), p["body"]])))
    assert len(about) >= 2
    assert set(type_in_box(home, "buu chinh")) == about


def test_dak_lak_and_a_figure_find_their_page_with_the_figure_marked(home):
    figure_page = next(p for p in fixture_pages() if p.get("figures"))
    assert type_in_box(home, "dak lak") == [figure_page["title"]]
    day = figure_page["date"]
    assert home.locator(f"{OPTIONS} .facts").all_inner_texts() == [
        f"{day.day} tháng {day.month}, {day.year} · {figure_page['province']}"]
    for query in ("1.463", "1463"):
        assert type_in_box(home, query) == [figure_page["title"]]
        assert home.locator(f"{OPTIONS} mark").all_inner_texts() == ["1.463"]


@pytest.mark.parametrize("query, words", [("chuyn doi so", "chuyển đổi số"),
                                          ("vien thongg", "viễn thông")])
def test_a_one_letter_typo_in_a_long_word_still_finds(home, query, words):
    having = titles_of(p for p in fixture_pages()
                       if search_fold(words) in search_fold(" ".join([p["title"], p.get("summary", ""),
                                                                      *p.get("topics", []), p["body"]])))
    assert having and having <= set(type_in_box(home, query))


def test_arrows_enter_and_escape_work_as_a_combobox(home):
    found = type_in_box(home, "son la")
    box = home.locator(BOX)
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "true"
    assert home.locator("#header-search-list").get_attribute("role") == "listbox"
    options = home.locator(OPTIONS)
    assert options.count() == len(found) + 1
    assert options.last.inner_text().startswith("Xem tất cả kết quả")

    def selected() -> list[int]:
        return [i for i in range(options.count()) if options.nth(i).get_attribute("aria-selected") == "true"]

    assert selected() == [0]  # the first is selected until the reader moves
    home.keyboard.press("ArrowDown")
    assert selected() == [1] and box.get_attribute("aria-activedescendant") == options.nth(1).get_attribute("id")
    home.keyboard.press("ArrowUp")
    home.keyboard.press("ArrowUp")  # wraps to the last entry
    assert selected() == [options.count() - 1]
    home.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and home.locator("#header-search-list").is_hidden()
    home.keyboard.press("ArrowDown")  # reopens, on the first result
    assert selected() == [0]
    home.keyboard.press("ArrowDown")
    home.keyboard.press("Enter")
    home.wait_for_url("**/bai-viet/**")
    assert " ".join(home.locator("h1").inner_text().split()) == found[1]


def test_see_all_opens_the_search_page_with_the_same_results(home):
    for query in ("sơn la", "chuyen doi so", "buu chinh", "2020", "tinh"):
        in_box = type_in_box(home, query)
        total = int(re.search(r"\((\d+)\)", home.locator(f"{OPTIONS}.search-all").inner_text()).group(1))
        home.locator(f"{OPTIONS}.search-all").click()
        home.wait_for_url("**/tim-kiem/index.html?q=*")
        assert home.input_value("#search-input") == query
        home.wait_for_selector("#search-results li")
        listed = [" ".join(t.split()) for t in home.locator("#search-results .result-title").all_inner_texts()]
        assert len(listed) == total and listed[:len(in_box)] == in_box, query
        assert home.locator("#search-results li a").count() == total  # each result a link
        home.go_back()


def test_the_index_loads_only_when_the_box_is_focused(home, site):
    loaded = "() => [typeof window.MiniSearch, document.querySelectorAll('script[src*=chi-muc]').length]"
    assert home.evaluate(loaded) == ["undefined", 0]
    assert home.locator(BOX).is_visible()
    type_in_box(home, "son la")
    assert home.evaluate(loaded) == ["function", 1 + len(read_parts(site))]  # the list, each part


def test_axe_passes_with_the_list_open(browser, site, http_server):
    # over HTTP: axe reads the stylesheets with XMLHttpRequest, which file:// refuses
    with open_page(browser, http_server(site).url + "index.html") as (page, report):
        type_in_box(page, "son la")
        assert page.locator("#header-search-list").is_visible()
        assert axe_check(page) == []
        assert report.problems == []


def test_script_text_in_a_page_neither_breaks_the_index_nor_runs(home):
    found = type_in_box(home, "window hacked")
    assert len(found) == 1 and found[0].startswith("Thử </script><script>window.hacked = 1</script>")
    type_in_box(home, "vienthong")  # a word of its body
    type_in_box(home, "hmong khong")  # its summary, with quotes and backslashes
    assert any("H'Mông nói \\'không\\' \\\\ \\\\'." in text for text in home.locator(f"{OPTIONS} .result-snippet").all_inner_texts())
    assert home.evaluate("typeof window.hacked") == "undefined"
    assert home.locator(f"{OPTIONS} script").count() == 0


def test_without_javascript_the_header_offers_the_timeline(browser, site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.resolve().as_uri() + "/index.html")
        assert page.locator(BOX).is_hidden()
        timeline = page.locator("header nav a", has_text="Dòng thời gian")
        assert timeline.get_attribute("href") == "dong-thoi-gian/index.html"
    finally:
        context.close()


def test_only_the_last_word_matches_as_a_prefix(home):
    lang_son = titles_of(p for p in fixture_pages() if p["province"] == "Lạng Sơn")
    assert lang_son <= set(type_in_box(home, "son lan"))  # "lan…" as the last word: Lạng
    assert type_in_box(home, "lan son") == []            # "lan" before another word is whole
    assert home.locator(f"{OPTIONS}.search-all").inner_text() == "Không có kết quả cho “lan son”"


def test_an_index_in_many_parts_finds_the_same_pages(browser, site, tmp_path, monkeypatch):
    monkeypatch.setattr(search, "PART_SIZE", 2)
    parted = build_search_site(tmp_path).site
    assert len(read_parts(parted)) == 8
    queries = ["son la", "buu chinh", "chuyn doi so", "2020", "1.463", "tuyen quang"]
    found = {}
    for where in (site, parted):
        with open_page(browser, where.resolve().as_uri() + "/index.html") as (page, report):
            found[where] = [type_in_box(page, q) for q in queries]
            assert report.problems == []
    assert [set(r) for r in found[parted]] == [set(r) for r in found[site]]
    son_la = titles_of(p for p in fixture_pages() if p["province"] == "Sơn La")
    assert set(found[parted][0][:len(son_la)]) == son_la


def test_marks_follow_the_query_diacritics(home):
    type_in_box(home, "sơn la")
    marked = {m.lower() for m in home.locator(f"{OPTIONS} mark").all_inner_texts()}
    assert marked == {"sơn", "la"}  # not "Lạng", not "làm"
    type_in_box(home, "chuyển đổi số")
    assert "sở" not in {m.lower() for m in home.locator(f"{OPTIONS} mark").all_inner_texts()}
    type_in_box(home, "son la")  # without diacritics every folded match is marked
    assert {"sơn", "la"} <= {m.lower() for m in home.locator(f"{OPTIONS} mark").all_inner_texts()}


def test_exact_diacritics_rank_above_folded_matches(home):
    def words(text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())

    for query in ("số", "sở"):  # both fold to "so"
        found = type_in_box(home, query)
        exact = [i for i, title in enumerate(found) if query in words(title)]
        folded_only = [i for i, title in enumerate(found) if query not in words(title)]
        assert exact and folded_only and max(exact) < min(folded_only), (query, found)


def test_the_search_page_shows_one_box_its_own(browser, site):
    with open_page(browser, site.resolve().as_uri() + "/tim-kiem/index.html?q=son+la") as (page, report):
        page.wait_for_selector("#search-results li")
        assert page.locator(BOX).is_hidden() and page.locator("#search-input").is_visible()
        assert report.problems == []


def box_html(page) -> str:
    return page.locator("#header-search-list").inner_html()


def test_typing_shows_what_a_fresh_page_shows(browser, site):
    # search.js remembers each word's scores and its last answer while the reader
    # types: what it shows after a query typed key by key, after other queries,
    # must be what a fresh page shows for that query alone (order, marks, count).
    queries = ["son la", "son 2020", "son la", "thong tin 2020", "thong 2020",
               "chuyen doi so", "sở thông tin", "tinh", "tinh son", "2020 tinh"]
    typed = []
    with open_page(browser, site.resolve().as_uri() + "/index.html") as (page, report):
        for query in queries:
            page.focus(BOX)
            page.fill(BOX, "")
            page.type(BOX, query)
            page.wait_for_selector(f"{OPTIONS}.search-all")
            typed.append(box_html(page))
        assert report.problems == []
    for query, html in zip(queries, typed):
        with open_page(browser, site.resolve().as_uri() + "/index.html") as (page, report):
            type_in_box(page, query)
            assert box_html(page) == html, query
    assert sum("<mark>" in html for html in typed) >= len(queries) - 1  # they found things


def test_the_first_results_are_those_a_full_sort_puts_first(home):
    # The box ranks only its first 8 of what may be thousands (firstInOrder): it
    # must give exactly what a stable sort of them all gives, ties in input order.
    home.focus(BOX)
    home.wait_for_function("window.digestSearch.ready()")
    same = home.evaluate("""() => {
      const order = (a, b) => b.tier - a.tier || b.score - a.score;
      let seed = 7, checks = 0;
      const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      for (let round = 0; round < 200; round++) {
        const items = Array.from({length: Math.floor(random() * 40)}, (_, i) =>
          ({i, tier: Math.floor(random() * 2), score: Math.floor(random() * 4)}));
        for (const limit of [1, 3, 8, 50]) {
          const full = items.slice().sort(order).slice(0, limit).map(x => x.i);
          const first = window.digestSearch.firstInOrder(items, order, limit).map(x => x.i);
          if (JSON.stringify(full) !== JSON.stringify(first)) return [items, limit, full, first];
          checks++;
        }
      }
      return checks;
    }""")
    assert same == 800


def test_the_last_word_is_a_prefix_from_three_letters_on(home, site):
    # README ("Matching"): the last word matches as a prefix from three characters on,
    # counted on the folded word; a shorter one matches whole words only.
    parts = read_parts(site)
    terms = {term for part in parts for term, _ in part["index"]}

    def titles_with(match) -> set[str]:
        return {" ".join(part["storedFields"][doc]["t"].split())
                for part in parts for term, fields in part["index"] if match(term)
                for docs in fields.values() for doc in docs}

    # the first three letters of a word, neither they nor their first two a word
    three = next(t[:3] for t in sorted(terms)
                 if t.isascii() and t.isalpha() and len(t) > 3 and t[:2] not in terms
                 and t[:3] not in terms)
    two = three[:2]
    expected = titles_with(lambda term: term.startswith(three))

    def found(query: str) -> tuple[set[str], int]:
        shown = set(type_in_box(home, query))
        total = re.search(r"\((\d+)\)", home.locator(f"{OPTIONS}.search-all").inner_text())
        return shown, int(total.group(1)) if total else 0

    shown, total = found(three)
    assert shown and shown <= expected and total == len(expected), three
    # two letters: whole words only, and no page has this one; letters are counted
    # on the folded word: with a tone mark (decomposed, three code points) it is two
    # (first, since search-engine.js reuses the answer to the same folded query)
    assert found(unicodedata.normalize("NFD", two[0] + two[1] + "\u0300")) == (set(), 0), two
    assert found(two) == (set(), 0), two
    # while a two-letter word that is one finds its pages ("hà", "tư"…)
    word = next(t for t in sorted(terms) if len(t) == 2 and t.isascii() and t.isalpha())
    shown, total = found(word)
    assert total == len(titles_with(lambda term: term == word)) > 0, word
