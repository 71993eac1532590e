"""Articles -> the site's structure: provinces, year digests, topics, timeline.

Everything here is plain data, sorted once, in the order readers see it:
provinces and topics in Vietnamese alphabetical order, years and article
lists newest first, the timeline oldest first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby

from digest.content.assets import Assets
from digest.content.schema import MAX_SLUG, Article
from digest.i18n import _
from digest.problems import Problem
from digest.model.routes import url_for
from digest.util.text import slugify, sort_key
from digest.util.memory import all_kept

UNKNOWN_PROVINCE = "Chưa xác định tỉnh"
UNKNOWN_PROVINCE_SLUG = "chua-xac-dinh"


@dataclass
class Province:
    name: str
    slug: str
    articles: list[Article] = field(default_factory=list)  # newest first

    @property
    def url(self) -> str:
        return url_for("province", slug=self.slug)

    @property
    def feed_url(self) -> str:
        return url_for("province_feed", slug=self.slug)

    @property
    def known(self) -> bool:
        return self.slug != UNKNOWN_PROVINCE_SLUG

    @property
    def by_year(self) -> list[tuple[int, list[Article]]]:
        """Articles grouped by the year they report on (review year, else plan year)."""
        ordered = sorted(self.articles, key=lambda a: (-main_year(a), newest_first(a)))
        return [(year, list(group)) for year, group in groupby(ordered, key=main_year)]


@dataclass
class Topic:
    name: str
    slug: str
    articles: list[Article] = field(default_factory=list)  # newest first

    @property
    def url(self) -> str:
        return url_for("topic", slug=self.slug)


@dataclass
class YearDigest:
    year: int
    results: list[tuple[Province, list[Article]]]  # pages whose review_year is this year
    tasks: list[tuple[Province, list[Article]]]    # pages whose plan_year is this year
    previous: YearDigest | None = None             # the next older year that has pages
    next: YearDigest | None = None

    @property
    def url(self) -> str:
        return url_for("year", year=self.year)

    @property
    def counts(self) -> tuple[int, int]:
        return (sum(len(a) for _p, a in self.results), sum(len(a) for _p, a in self.tasks))

    @property
    def province_counts(self) -> tuple[int, int]:
        """How many known provinces reported results for the year, and set tasks for it."""
        return (sum(p.known for p, _ in self.results), sum(p.known for p, _ in self.tasks))

    @property
    def missing_before(self) -> list[int]:
        """Years between the previous year with pages and this one: none have pages."""
        return list(range(self.previous.year + 1, self.year)) if self.previous else []

    @property
    def missing_after(self) -> list[int]:
        return list(range(self.year + 1, self.next.year)) if self.next else []


@dataclass
class Site:
    articles: list[Article]                 # newest first
    provinces: list[Province]               # Vietnamese order, the unknown province last
    years: list[YearDigest]                 # newest first
    topics: list[Topic]                     # Vietnamese order
    neighbours: dict[str, tuple[Article | None, Article | None]]  # url -> (older, newer) in its province
    assets: Assets = field(default_factory=Assets)  # the content folder's images and documents
    # Every page's address, drafts left out of this site included: a page added
    # while previewing must not take one (quick.py).
    taken_urls: frozenset[str] = frozenset()

    @property
    def known_provinces(self) -> list[Province]:
        return [p for p in self.provinces if p.known]

    @property
    def timeline(self) -> list[tuple[int, list[tuple[int, list[Article]]]]]:
        """[(year, [(month, articles)])], oldest first: a timeline reads forwards."""
        ordered = sorted(self.articles, key=lambda a: (a.date, sort_key(a.title), a.url))
        return [(year, [(month, list(items)) for month, items
                        in groupby(in_year, key=lambda a: a.date.month)])
                for year, in_year in ((y, list(g)) for y, g
                                      in groupby(ordered, key=lambda a: a.date.year))]

    def __post_init__(self) -> None:
        # lookups for the per-article questions below (asked once per article page)
        self._provinces = {p.slug: p for p in self.provinces}
        self._years = {y.year: y for y in self.years}
        self._topics = {t.slug: (i, t) for i, t in enumerate(self.topics)}

    def province_of(self, article: Article) -> Province:
        slug = slugify(article.province) if article.province else UNKNOWN_PROVINCE_SLUG
        return self._provinces[slug]

    def year(self, year: int | None) -> YearDigest | None:
        return self._years.get(year)

    def topics_of(self, article: Article) -> list[Topic]:
        found = [self._topics[s] for s in {slugify(t, "chu-de") for t in article.topics}
                 if s in self._topics]
        return [topic for _i, topic in sorted(found, key=lambda pair: pair[0])]


def main_year(article: Article) -> int:
    return article.review_year if article.review_year is not None else article.plan_year


def newest_first(article: Article) -> tuple:
    return (-article.date.toordinal(), sort_key(article.title), article.url)


def article_slug(article: Article) -> str:
    """The slug of an article's address: its `slug:`, else its title's slug."""
    return article.slug or slugify(article.title)


def assign_urls(articles: list[Article]) -> list[Problem]:
    """Give every article its address: its `slug:`, else its title's slug.

    An address depends on the page alone, so adding, removing or editing one
    page never moves another. Two pages that would share an address are an
    error naming both (the newer one is told to pin a slug of its own); `new`
    and the importer write a free `slug:` so that their pages never clash.
    """
    problems, owner = [], {}
    for article in sorted(articles, key=lambda a: (a.date, a.path)):
        slug = article_slug(article)
        first = owner.setdefault(slug, article)
        article.url = url_for("article", slug=slug)
        if first is not article:
            problems.append(Problem(
                article.path, None,
                _('this page and {other} would both be at {address} — give the page you added '
                  'last a "slug:" of its own, e.g. slug: {slug}, so that the other keeps its '
                  'address').format(other=first.path, address=f"bai-viet/{slug}/",
                                    slug=f"{slug[:MAX_SLUG - 11]}-{article.date.isoformat()}"),
                code="slug-taken"))
    return problems


def _group(articles: list[Article], names_of) -> dict[str, tuple[str, list[Article]]]:
    """slug -> (display name, articles). Spellings that fold to one slug are one group."""
    groups: dict[str, tuple[str, list[Article]]] = {}
    for article in articles:
        for name in names_of(article):
            slug = slugify(name, "chu-de")
            groups.setdefault(slug, (name, []))[1].append(article)
    return groups


@all_kept  # the groups it makes all live: no collection needs to walk them meanwhile
def build_site(articles: list[Article]) -> Site:
    """Group and order the (already validated, URL-bearing) articles."""
    articles = sorted(articles, key=newest_first)

    provinces = [Province(name, slug, items) for slug, (name, items)
                 in _group([a for a in articles if a.province], lambda a: [a.province]).items()]
    provinces.sort(key=lambda p: sort_key(p.name))
    unknown = [a for a in articles if not a.province]
    if unknown:
        provinces.append(Province(UNKNOWN_PROVINCE, UNKNOWN_PROVINCE_SLUG, unknown))

    topics = [Topic(name, slug, items) for slug, (name, items)
              in _group(articles, lambda a: a.topics).items()]
    topics.sort(key=lambda t: sort_key(t.name))

    years = _year_digests(articles, provinces)

    neighbours = {}
    for province in provinces:
        chain = sorted(province.articles, key=lambda a: (a.date, sort_key(a.title), a.url))
        for i, article in enumerate(chain):
            neighbours[article.url] = (chain[i - 1] if i else None,
                                       chain[i + 1] if i + 1 < len(chain) else None)
    return Site(articles, provinces, years, topics, neighbours)


def _year_digests(articles: list[Article], provinces: list[Province]) -> list[YearDigest]:
    province_order = {p.slug: i for i, p in enumerate(provinces)}
    by_province = {id(a): p for p in provinces for a in p.articles}

    def grouped(items: list[Article]) -> list[tuple[Province, list[Article]]]:
        buckets: dict[str, list[Article]] = defaultdict(list)
        for article in items:
            buckets[by_province[id(article)].slug].append(article)
        return [(by_province[id(group[0])], group)
                for _slug, group in sorted(buckets.items(),
                                           key=lambda kv: province_order[kv[0]])]

    all_years = sorted({y for a in articles for y in a.years}, reverse=True)
    digests = [YearDigest(year,
                          grouped([a for a in articles if a.review_year == year]),
                          grouped([a for a in articles if a.plan_year == year]))
               for year in all_years]
    for newer, older in zip(digests, digests[1:]):
        newer.previous, older.next = older, newer
    return digests
