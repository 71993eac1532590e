"""Parse generated pages for tests: links, assets, ids, headings and text."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRS = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
              ("source", "src"), ("iframe", "src")}


@dataclass
class Page:
    path: Path
    links: list[tuple[str, str]] = field(default_factory=list)   # (tag, url)
    ids: set[str] = field(default_factory=set)
    headings: list[tuple[int, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    title: str = ""
    text: str = ""
    lang: str | None = None

    def hrefs(self, tag: str = "a") -> list[str]:
        return [url for t, url in self.links if t == tag]

    def heading_texts(self, level: int) -> list[str]:
        return [text for lvl, text in self.headings if lvl == level]


class _Parser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page, self.stack, self.texts, self.heading = page, [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.page.tags.append(tag)
        if tag == "html":
            self.page.lang = attrs.get("lang")
        if "id" in attrs:
            self.page.ids.add(attrs["id"])
        for t, name in LINK_ATTRS:
            if tag == t and attrs.get(name) is not None:
                self.page.links.append((tag, attrs[name]))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading = (int(tag[1]), [])
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if self.heading and tag == f"h{self.heading[0]}":
            self.page.headings.append((self.heading[0], " ".join("".join(self.heading[1]).split())))
            self.heading = None
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        self.texts.append(data)
        if self.heading:
            self.heading[1].append(data)
        if self.stack and self.stack[-1] == "title":
            self.page.title += data


def parse_page(path: Path) -> Page:
    page = Page(path)
    parser = _Parser(page)
    parser.feed(path.read_text(encoding="utf-8"))
    page.text = " ".join(" ".join(parser.texts).split())
    return page


def is_internal(url: str) -> bool:
    parts = urlsplit(url)
    return not (parts.scheme or parts.netloc or url.startswith("//"))


def resolve(page_path: Path, url: str) -> tuple[Path, str]:
    """The file an internal link points to, and its #fragment."""
    parts = urlsplit(url)
    target = page_path.parent / unquote(parts.path) if parts.path else page_path
    return target.resolve(), parts.fragment


def site_pages(site: Path) -> dict[str, Page]:
    """Every HTML page under `site`, keyed by its site-relative path."""
    return {p.relative_to(site).as_posix(): parse_page(p) for p in sorted(site.rglob("*.html"))}


def broken_links(site: Path, pages: dict[str, Page] | None = None) -> list[str]:
    """Internal links or assets that do not resolve to a file (or an id) in `site`."""
    pages = pages if pages is not None else site_pages(site)
    problems = []
    for rel, page in pages.items():
        for tag, url in page.links:
            if not is_internal(url):
                continue
            target, fragment = resolve(page.path, url)
            if not target.is_file() or site.resolve() not in target.parents:
                problems.append(f"{rel}: {tag} {url} -> missing file")
            elif fragment and target.suffix == ".html":
                target_rel = target.relative_to(site.resolve()).as_posix()
                if fragment not in pages[target_rel].ids:
                    problems.append(f"{rel}: {url} -> no id {fragment!r}")
    return problems
