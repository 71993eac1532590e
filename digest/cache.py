"""The build cache in .cache/: what was parsed and rendered last time.

Two parts, both trusted only when they provably match:
- articles: per content file, its (mtime, size), the hash of its bytes and
  the checked result. A file is parsed again unless its bytes hash the same.
- site: the salt (templates, configuration, code), every page's key and the
  (size, mtime) of every file written. A page is rendered again unless its
  key is unchanged and its file on disk is the one we wrote.
The file holds only plain values (marshal): loading it runs no code. A cache
from another version of the code or of Python is ignored; one that cannot be
read is ignored with a warning. Either way the build is then a cold one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import importlib.util
import marshal
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from digest import i18n
from digest.i18n import _
from digest.config import Config
from digest.content.schema import Article, Figure
from digest.keys import content_hash, fingerprint
from digest.ledger import ledger_path
from digest.content.reader import parse_file, unreadable
from digest.problems import Problem
from digest.write.folder import last_build_id
from digest.write.fsutil import atomic_write
from digest.util import parallel
from digest.util.files import visible_files

FORMAT = 6
_ARTICLE_FIELDS = ("path", "title", "date", "province", "review_year", "plan_year", "authors",
                   "topics", "summary", "source", "slug", "draft", "figures", "extra",
                   "body_line", "body_hash", "links_files", "outlet", "assets")
# Not `file`: it is where the file is now, relative to where the build runs, which
# may change between builds (the project built from its parent folder, then from
# inside it); each read gives it again.


def _article_to_plain(a: Article) -> tuple:
    values = [getattr(a, name) for name in _ARTICLE_FIELDS]
    values[2] = a.date.toordinal()
    values[12] = tuple(dataclasses.astuple(f) for f in a.figures)
    return tuple(values)


def _article_from_plain(values: tuple, file: str) -> Article:
    fields = dict(zip(_ARTICLE_FIELDS, values))
    fields["date"] = dt.date.fromordinal(fields["date"])
    fields["figures"] = tuple(Figure(*f) for f in fields["figures"])
    return Article(**fields, file=file)


def _problem_to_plain(p: Problem) -> tuple:
    return (p.path, p.line, p.message, p.level, p.code)


def problems_to_plain(problems: list[Problem]) -> tuple:
    return tuple(_problem_to_plain(p) for p in problems)


def problems_from_plain(plain: tuple) -> list[Problem]:
    return [Problem(*p) for p in plain]


# Bodies a build keeps in memory once read, in characters. Beyond it, the page and the
# search-index part that show a body read it again from its file (Article.body), so no
# process holds every body of a large site; below it, a body is read once (on a slow
# disk, two opens of each file were a twentieth of a cold build of 1,000 articles).
BODIES_KEPT = 16_000_000


def _parse_entry(item: tuple[str, str]) -> tuple[str, tuple, str | None]:
    """Read and check one file: its cache entry (plain values only), and its body
    apart (the entry, saved in .cache/, holds none)."""
    path, shown = Path(item[0]), item[1]
    try:
        stat = path.stat()
        data = path.read_bytes()
    except OSError as err:
        return shown, (None, "", None, (_problem_to_plain(unreadable(shown, err)),)), None
    article, problems = parse_file(data, path, shown)
    entry = ((stat.st_mtime_ns, stat.st_size), content_hash(data),
             article and _article_to_plain(article),
             tuple(_problem_to_plain(p) for p in problems))
    return shown, entry, article and article.body


@dataclass
class ArticleCache:
    """Parsed content files, reused while their bytes do not change."""

    entries: dict = field(default_factory=dict)  # shown path -> (stamp, hash, article, problems)
    used: set = field(default_factory=set)
    changed: bool = False
    # shown path -> (the entry it came from, the result): a preview server reuses the
    # very same Article objects between rebuilds, and with them what was computed from them.
    restored: dict = field(default_factory=dict)

    def read_all(self, files: list[tuple[str, str]]) -> list[tuple[Article | None, list[Problem]]]:
        """Read many content files (path, shown path): cached ones restored, the rest
        parsed over all cores."""
        results: dict[str, tuple] = {}
        misses = []
        for path, shown in files:
            self.used.add(shown)
            hit = self._hit(path, shown)
            if hit is None:
                misses.append((path, shown))
            else:
                results[shown] = hit
        parsed = parallel.parallel_map(_parse_entry, misses, min_items=parallel.MIN_ITEMS // 2)
        room = BODIES_KEPT
        for (path, _shown), (shown, entry, body) in zip(misses, parsed):
            self.entries[shown] = entry
            self.changed = True
            result = results[shown] = self._restore_once(path, shown, entry)
            if body is not None and result and result[0] and len(body) <= room:
                result[0]._body, room = body, room - len(body)
        return [results[shown] for _file, shown in files]

    def _hit(self, path: str, shown: str):
        """The cached result if the file's stamp, or else its bytes, are unchanged."""
        entry = self.entries.get(shown)
        if entry is None:
            return None
        try:
            stat = os.stat(path)
        except OSError:
            return None
        stamp = (stat.st_mtime_ns, stat.st_size)
        if entry[0] != stamp:
            try:
                with open(path, "rb") as handle:
                    if content_hash(handle.read()) != entry[1]:
                        return None
            except OSError:
                return None
            entry = self.entries[shown] = (stamp, *entry[1:])  # touched, not changed
            self.changed = True
        return self._restore_once(path, shown, entry)

    def _restore_once(self, path: str, shown: str, entry):
        known = self.restored.get(shown)
        if known is not None and known[0][1:] == entry[1:] and known[1] == path:
            return known[2]
        result = self._restore(entry, path)
        if result is not None:
            self.restored[shown] = (entry, path, result)
        return result

    @staticmethod
    def _restore(entry, path: str) -> tuple[Article | None, list[Problem]] | None:
        """The cached result, or None if the entry does not hold one we wrote."""
        try:
            _stamp, _hash, plain, problems = entry
            return (plain and _article_from_plain(plain, path)), [Problem(*p) for p in problems]
        except (TypeError, ValueError, KeyError, OverflowError):
            return None

    def forget_unused(self) -> None:
        """Drop entries of files that no longer exist."""
        gone = self.entries.keys() - self.used
        for shown in gone:
            del self.entries[shown]
            self.restored.pop(shown, None)
        self.changed |= bool(gone)


@dataclass
class SiteRecord:
    """What the last good build wrote into an output folder."""

    salt: str = ""
    keys: dict = field(default_factory=dict)    # url -> page key
    stamps: dict = field(default_factory=dict)  # url -> (size, mtime_ns) as written
    inputs: str = ""       # fingerprint of every input file's (path, mtime, size)
    summary: tuple = ()    # (pages, articles, provinces, years) of that build
    warnings: tuple = ()   # its warnings, as plain tuples, to say again
    build_id: str = ""     # the build that wrote it, as the folder's marker names it
    images: dict = field(default_factory=dict)  # image url -> (its hash, how it was published)


@dataclass
class BuildCache:
    path: Path
    articles: ArticleCache = field(default_factory=ArticleCache)
    code: str = ""                              # the code version that wrote it
    # output folder -> what the last good build wrote there, with or without drafts:
    # one record a folder, so a build always starts from what the folder holds.
    sites: dict = field(default_factory=dict)
    warning: Problem | None = None
    # the content folder's images and documents: shown path -> (stamp, hash, width,
    # height, problem), read again only when the stamp changes (content/assets.py)
    assets: dict = field(default_factory=dict)

    def site(self, out_dir: Path) -> SiteRecord | None:
        """What the last build wrote into `out_dir`, if that build is the one that
        wrote it last: another process, or a copy of the folder or of .cache,
        may have written it since, and then the record would lie."""
        record = self.sites.get(str(out_dir.resolve()))
        if record is None or not record.build_id or record.build_id != last_build_id(out_dir):
            return None
        return record

    def remember_site(self, out_dir: Path, record: SiteRecord) -> None:
        self.sites[str(out_dir.resolve())] = record

    def save(self) -> None:
        self.articles.forget_unused()
        data = {"format": FORMAT, "python": sys.version, "code": self.code,
                "language": i18n.language(),
                "articles": self.articles.entries, "assets": self.assets,
                "sites": {k: (r.salt, r.keys, r.stamps, r.inputs, r.summary, r.warnings,
                              r.build_id, r.images) for k, r in self.sites.items()}}
        atomic_write(self.path, marshal.dumps(data))


def load_cache(path: Path, code_version: str) -> BuildCache:
    """The cache at `path`, or an empty one (with a warning if it was unreadable)."""
    cache = BuildCache(path, code=code_version)
    if not path.exists():
        return cache
    try:
        data = marshal.loads(path.read_bytes())
        if not isinstance(data, dict) or data.get("format") != FORMAT \
                or data.get("python") != sys.version or data.get("code") != code_version \
                or data.get("language") != i18n.language():
            return cache  # another version, or its messages in another language: start afresh
        articles, assets = data["articles"], data["assets"]
        sites = {str(k): SiteRecord(*v) for k, v in data["sites"].items()}
        if not isinstance(articles, dict) or not all(
                isinstance(e, tuple) and len(e) == 4 for e in articles.values()) \
                or not isinstance(assets, dict):
            raise ValueError("unexpected structure")  # (each entry is proven when used)
    except Exception as err:  # anything wrong in the file means: do not trust it
        cache.warning = Problem(str(path), None,
                                _("the build cache could not be read ({error}) and was "
                                  "ignored; this build starts from scratch").format(
                                      error=type(err).__name__),
                                "warning", code="cache-unreadable")
        return cache
    cache.articles = ArticleCache(dict(articles))
    cache.sites, cache.assets = sites, assets
    return cache

# --- what a build can skip ----------------------------------------------------

def cache_path(config: Config) -> Path:
    return config.root / ".cache" / "build.marshal"


def open_cache(config: Config) -> BuildCache:
    return load_cache(cache_path(config), code_version())


def nothing_changed(previous: SiteRecord | None, inputs: str, out_dir: Path) -> bool:
    """Like make: no input changed since the last good build, and its files are
    all still there as written."""
    return previous is not None and bool(inputs) and previous.inputs == inputs \
        and intact(previous, out_dir)


def inputs_fingerprint(config: Config, drafts: bool, import_new: bool,
                       editions_on_request: bool = False) -> str:
    """Every input of a build, by file stamps: content, seed names, templates,
    configuration and code, and the options that decide what is an error.
    Equal fingerprints mean an equal site and equal problems."""
    stamps = []
    content_dir = config.path("content_dir")
    for folder, dirs, files in os.walk(content_dir):
        dirs.sort()
        for name in sorted(files):
            try:
                stat = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            stamps.append((os.path.relpath(folder, content_dir), name,
                           stat.st_mtime_ns, stat.st_size))
    seeds_dir = config.path("seeds_dir")
    seeds = sorted(p.name for p in seeds_dir.glob("*.txt")) if seeds_dir.is_dir() else []
    # The ledger too: deleting an imported page leaves content/ as it was before
    # the import, but the ledger now lists the seed (so the build must not shortcut).
    return fingerprint(stamps, seeds, file_stamp(str(ledger_path(seeds_dir))),
                       build_salt(config), drafts, import_new, editions_on_request)


def intact(record: SiteRecord, out_dir: Path) -> bool:
    """Every file the last build wrote is still there, as it was written."""
    out = str(out_dir) + os.sep
    return bool(record.stamps) and all(
        file_stamp(out + url) == stamp for url, stamp in record.stamps.items())


def still_published(previous: SiteRecord | None, salt: str, publish_key: str) -> dict[str, str]:
    """Last build's publish files (feeds, sitemap, data…) when their key still holds:
    they are not pages, so only the last record knows their names."""
    if previous is None or previous.salt != salt:
        return {}
    return {url: key for url, key in previous.keys.items() if key == publish_key}


def unchanged_files(previous: SiteRecord | None, salt: str, keys: dict[str, str],
                     publish_key: str, out_dir: Path) -> set[str]:
    """Output files that need no work: same key as last time, and the file on disk
    is the one we wrote. The publish files are kept all together or made all together."""
    if previous is None or previous.salt != salt:
        return set()
    out = str(out_dir) + os.sep
    unchanged = {url for url, key in keys.items() if previous.keys.get(url) == key
                 and file_stamp(out + url) == previous.stamps.get(url)}
    published = {url for url, key in keys.items() if key == publish_key}
    if not published <= unchanged:
        unchanged -= published
    return unchanged


def file_stamp(path: Path | str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns)


def build_salt(config: Config) -> str:
    """Fingerprint of everything besides content that shapes every page (hidden
    files do not: an editor's swap file must not make the next build a full one)."""
    templates = config.path("templates_dir")
    files = [Path(p) for p in visible_files(templates)]
    return fingerprint(repr(config), code_version(),
                       [(p.relative_to(templates).as_posix(), content_hash(p.read_bytes()))
                        for p in files])


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """The engine's code and data, and the libraries that shape its output: a new
    version of any of them invalidates what an old one built."""
    root = Path(__file__).parent
    files = sorted(root.glob("**/*.py")) + sorted(root.glob("**/*.js")) + \
        sorted((root.parent / "data").glob("*.yaml"))  # *.js: outputs/cms_preview.js
    return fingerprint([content_hash(p.read_bytes()) for p in files], library_versions())


def library_versions() -> tuple[str, ...]:
    """Python's and the renderers' versions: the same content may render otherwise."""
    import yaml  # the configuration already loaded it

    return (sys.version, _version("jinja2"), _version("markdown_it"), yaml.__version__,
            getattr(yaml, "__with_libyaml__", False), _version("weasyprint"),
            _version("markdown_it_pyrs"))  # (the same bytes as markdown-it's, by test)


# (WeasyPrint writes `VERSION = __version__ = '70.0'`)
_VERSION_LINE = re.compile(r"""^(?:[A-Z_]+\s*=\s*)?__version__\s*=\s*["']([^"']+)["']""", re.M)


def _version(package: str) -> str:
    """A package's __version__ without importing it when it is not loaded yet (a build
    with nothing to do never needs Jinja or markdown-it): read from its __init__.py."""
    module = sys.modules.get(package)
    if module is not None:
        return str(module.__version__)
    spec = importlib.util.find_spec(package)
    if spec is None:
        return ""  # not installed (WeasyPrint is optional)
    try:
        found = _VERSION_LINE.search(Path(spec.origin).read_text(encoding="utf-8"))
    except (AttributeError, OSError, TypeError):
        found = None
    return found.group(1) if found else str(importlib.import_module(package).__version__)
