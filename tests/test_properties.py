"""Property-based tests: the content reader, slugs, URLs and the sort order.

Whatever bytes an editor saves, reading the file gives an article or a list of
problems that point into the file, never a crash.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, strategies as st

from digest.content.schema import KNOWN_KEYS, MAX_YEAR, MIN_YEAR, Article, check_page
from digest.content.reader import read_file
from digest.content.frontmatter import ContentError, RawPage, decode, parse_page
from digest.problems import Problem
from digest.model.groups import assign_urls
from digest.util.text import clean_text, slugify, sort_key

SHOWN = "content/x.md"

# --- what editors might save -------------------------------------------------

DIGITS = "0123456789²³¹٣۵௫"  # isdigit() is true for all of them; int() takes only some
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(),
    st.text(max_size=20), st.text(alphabet=DIGITS, min_size=1, max_size=5),
    st.dates().map(str),
    st.tuples(st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)).map(
        lambda ymd: "%04d-%02d-%02d" % ymd))
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=10)
keys = st.sampled_from(sorted(KNOWN_KEYS)) | st.text(max_size=10)
front_matter = st.dictionaries(keys, values, max_size=8)

YAML_BITS = ["title: Sở TT&TT", "date: 2020-01-13", "date: 2020-02-30", "review_year: 2019",
             "plan_year: '2020'", "province: null", "topics: [a, b", "authors:\n  - An",
             "figures:\n  - value: .nan", "figures: [{value: 1e400}]", "draft: yes",
             ": :", "- a", "  b: c", "'unclosed", "a: &x [*x]", "k: *nowhere",
             "? [a, b]\n: c", "{", "}", "title: !!python/object:os.system x",
             "date: !!timestamp 2020-01-01", "title: |\n  many\n  lines", "\t", "---", "...",
             "title: a\ntitle: b"]
yaml_lines = st.lists(st.sampled_from(YAML_BITS) | st.text(max_size=15), max_size=8)


@st.composite
def content_files(draw) -> bytes:
    """Bytes shaped more or less like a content file, often broken on purpose."""
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(st.binary(max_size=200))
    if kind == 1:
        text = draw(st.text(max_size=200))
    else:
        if kind == 2:
            head = yaml.safe_dump(draw(front_matter), allow_unicode=True, sort_keys=False)
        else:
            head = "\n".join(draw(yaml_lines))
        body = draw(st.text(max_size=60))
        close = draw(st.sampled_from(["---\n", "--- \n", "---", "", "----\n"]))
        text = f"---\n{head}\n{close}{body}"
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "cp1258"]))
    return (bom + text.replace("\n", newline)).encode(encoding, errors="replace")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("reader") / "x.md"


def assert_problems_point_into_the_file(problems: list[Problem], raw: bytes) -> None:
    lines = max(raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n"),
                clean_text(raw.decode("utf-8", errors="replace")).count("\n")) + 1
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.path == SHOWN
        assert problem.level in ("error", "warning")
        assert problem.message.strip() and "Traceback" not in problem.message
        assert problem.line is None or 1 <= problem.line <= lines, (problem, lines)


# --- the reader --------------------------------------------------------------

@given(raw=content_files())
@example(raw=b"---\nreview_year: \xc2\xb2\ntitle: t\ndate: 2020-01-01\n---\n")
@example(raw=b"\xff\xfe\x00")
def test_reading_any_file_gives_an_article_or_problems(scratch, raw):
    scratch.write_bytes(raw)
    article, problems = read_file(scratch, SHOWN)
    assert_problems_point_into_the_file(problems, raw)
    errors = [p for p in problems if p.level == "error"]
    unfinished_draft = any("this draft stays out of the site" in p.message for p in problems)
    assert (article is None) == bool(errors or unfinished_draft)
    if article is not None:
        assert_is_valid(article)


def assert_is_valid(article: Article) -> None:
    assert isinstance(article.title, str) and article.title.strip()
    assert isinstance(article.date, dt.date) and article.date != dt.date.min
    assert article.years and all(MIN_YEAR <= y <= MAX_YEAR for y in article.years)
    assert all(type(y) is int for y in article.years)
    assert article.province is None or (isinstance(article.province, str) and article.province)
    assert article.slug is None or re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", article.slug)
    assert isinstance(article.draft, bool)
    for names in (article.authors, article.topics):
        assert all(isinstance(n, str) and n.strip() == n and n for n in names)
    for figure in article.figures:
        assert isinstance(figure.value, (int, float)) and not isinstance(figure.value, bool)
        assert isinstance(figure.label, str) and isinstance(figure.text, str)
    assert set(article.extra).isdisjoint(KNOWN_KEYS)


@given(st.binary(max_size=300))
def test_decode_gives_clean_text_or_a_problem(raw):
    try:
        text = decode(raw, SHOWN)
    except ContentError as err:
        assert_problems_point_into_the_file([err.problem], raw)
        assert "UTF-8" in err.problem.message
        return
    assert "\r" not in text and not text.startswith("\ufeff")
    assert unicodedata.is_normalized("NFC", text)


@given(st.text(max_size=300))
def test_parse_page_gives_a_page_or_a_problem(text):
    try:
        page = parse_page(text, SHOWN)
    except ContentError as err:
        assert_problems_point_into_the_file([err.problem], text.encode())
        return
    assert isinstance(page.data, dict) and all(isinstance(k, str) for k in page.data)
    assert set(page.key_lines) == set(page.data)
    assert page.body_line == page.end_line + 1


@given(front_matter)
def test_check_page_never_raises_on_any_values(data):
    page = RawPage(SHOWN, data, {key: n for n, key in enumerate(data, 2)}, "Thân bài.", 20, 19)
    article, problems = check_page(page)
    errors = any(p.level == "error" for p in problems)
    if errors:
        assert article is None
    elif article is None:  # an unfinished draft: left out, its gaps said as reminders
        assert data.get("draft") is True and problems
    else:
        assert_is_valid(article)


clean_text_values = st.text(max_size=20).map(clean_text)
clean_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), clean_text_values),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(clean_text_values, inner, max_size=3), max_leaves=10)


@given(st.dictionaries(st.sampled_from(sorted(KNOWN_KEYS)) | clean_text_values, clean_values,
                       max_size=8))
def test_front_matter_written_by_a_program_reads_back_as_written(data):
    """What the importer writes with yaml.safe_dump (of clean text) is what the reader reads."""
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\nThân bài.\n"
    page = parse_page(decode(text.encode("utf-8"), SHOWN), SHOWN)
    assert _same(page.data, data)


def _same(a, b) -> bool:
    """Equality in which nan equals nan."""
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return a == b and type(a) is type(b)


# --- slugs and URLs ----------------------------------------------------------

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # huyền hỏi ngã sắc nặng


@st.composite
def vietnamese_words(draw, max_letters: int = 8) -> str:
    """A word of Vietnamese letters, its vowels with any tone (tones sit on vowels)."""
    letters = draw(st.lists(st.sampled_from(VIETNAMESE), min_size=1, max_size=max_letters))
    tones = draw(st.lists(st.sampled_from(TONES), min_size=len(letters), max_size=len(letters)))
    return unicodedata.normalize("NFC", "".join(
        letter + (tone if letter in VOWELS else "") for letter, tone in zip(letters, tones)))


vietnamese_text = st.lists(vietnamese_words(), min_size=1, max_size=4).map(" ".join)


@given(vietnamese_text)
def test_slug_ignores_case_and_tones(text):
    assert slugify(text.upper()) == slugify(text) == slugify(strip_tones(text))
    assert slugify(text) == slugify(text).encode("ascii").decode()


def strip_tones(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES[1:]))


def article(title: str, day: dt.date, path: str, slug: str | None = None) -> Article:
    return Article(path=path, title=title, date=day, province=None, review_year=day.year,
                   plan_year=None, slug=slug)


titles = st.sampled_from(["Hà Nội", "Ha Noi", "HÀ NỘI", "???", "Hà Nội 2020 01 01"]) | st.text(max_size=12)
dates = st.dates(dt.date(2015, 1, 1), dt.date(2025, 12, 31))
slugs = st.none() | st.sampled_from(["ha-noi", "trang", "ha-noi-2020-01-01", "x"])


def own_address(title: str, slug: str | None) -> str:
    return f"bai-viet/{slug or slugify(title)}/index.html"


@given(st.lists(st.tuples(titles, dates, slugs), max_size=12))
def test_every_article_gets_its_own_url(items):
    articles = [article(t, d, f"content/{i}.md", s) for i, (t, d, s) in enumerate(items)]
    problems = assign_urls(articles)
    # An address is the page's own (its slug:, else its title's): nothing else decides it.
    assert [a.url for a in articles] == [own_address(t, s) for t, _, s in items]
    assert all(re.fullmatch(r"bai-viet/[a-z0-9]+(-[a-z0-9]+)*/index\.html", a.url)
               for a in articles)
    # Every page that shares an address with an older one is an error naming both.
    assert len(problems) == len(articles) - len({a.url for a in articles})
    clean = {a.path for a in articles} - {p.path for p in problems}
    assert len({a.url for a in articles if a.path in clean}) == len(clean)
    for problem in problems:
        loser = next(a for a in articles if a.path == problem.path)
        owner = next(a for a in articles if a.url == loser.url and a.path in clean)
        assert owner.path in problem.message and (owner.date, owner.path) < (loser.date, loser.path)


@given(st.lists(st.tuples(titles, dates, slugs), max_size=8), st.tuples(titles, dates, slugs),
       st.integers(0, 8))
def test_adding_a_page_older_or_newer_never_moves_another(items, extra, where):
    before = [article(t, d, f"content/{i}.md", s) for i, (t, d, s) in enumerate(items)]
    assign_urls(before)
    after = [article(t, d, f"content/{i}.md", s) for i, (t, d, s) in enumerate(items)]
    after.insert(min(where, len(after)), article(*extra[:2], "content/new.md", extra[2]))
    assign_urls(after)
    moved = {a.path: a.url for a in after if a.path != "content/new.md"}
    assert moved == {a.path: a.url for a in before}


@given(st.lists(st.tuples(titles, dates), min_size=1, max_size=10), titles, st.integers(0, 400))
def test_adding_a_newer_page_moves_no_url(items, title, days_later):
    old = [article(t, d, f"content/{i}.md") for i, (t, d) in enumerate(items)]
    assign_urls(old)
    before = {a.path: a.url for a in old}
    newest = max(d for _, d in items) + dt.timedelta(days=days_later + 1)
    again = [article(t, d, f"content/{i}.md") for i, (t, d) in enumerate(items)]
    assign_urls(again + [article(title, newest, "content/new.md")])
    assert {a.path: a.url for a in again} == before


# --- the Vietnamese sort order -----------------------------------------------

# The alphabet as a reader learns it; a code-point order gets ă, â, đ, ê, ô, ơ, ư wrong.
ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
letters_only = st.text(alphabet=ALPHABET + ALPHABET.upper(), min_size=1, max_size=6)


def alphabet_order(word: str) -> list[int]:
    return [ALPHABET.index(ch) for ch in word.lower()]


@given(st.lists(letters_only, min_size=2, max_size=8))
def test_sort_key_orders_words_as_the_alphabet_does(words):
    ordered = sorted(words, key=sort_key)
    assert [alphabet_order(w) for w in ordered] == sorted(alphabet_order(w) for w in words)


@given(letters_only, letters_only, letters_only)
def test_sort_key_order_is_transitive_and_follows_the_alphabet(a, b, c):
    ka, kb, kc = sort_key(a), sort_key(b), sort_key(c)
    if alphabet_order(a) != alphabet_order(b):
        assert (ka < kb) == (alphabet_order(a) < alphabet_order(b))
    if ka <= kb <= kc:
        assert ka <= kc


@given(st.text(max_size=12))
def test_sort_key_ignores_the_normal_form(text):
    nfc, nfd = (unicodedata.normalize(form, text) for form in ("NFC", "NFD"))
    assert sort_key(nfc)[:2] == sort_key(nfd)[:2]


@given(vietnamese_text, vietnamese_text)
def test_letters_decide_and_tones_only_break_ties(a, b):
    plain_a, plain_b = strip_tones(a), strip_tones(b)
    if plain_a != plain_b:
        assert (sort_key(a) < sort_key(b)) == (sort_key(plain_a) < sort_key(plain_b))
    rank = {letter: n for n, letter in enumerate(" " + VIETNAMESE)}
    assert (sort_key(plain_a) < sort_key(plain_b)) == \
        ([rank[ch] for ch in plain_a] < [rank[ch] for ch in plain_b])
