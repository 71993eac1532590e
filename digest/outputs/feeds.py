"""Atom feeds (RFC 4287): feed.xml for the whole digest, tinh/<slug>/feed.xml per province.

Three rules keep feed readers happy:
- Ids never change. RFC 4287 §4.2.6 says an atom:id MUST NOT change when a
  feed is relocated, so ids do not contain base_url (a fork that moves to
  its own domain keeps them): each is a name-based UUID (`urn:uuid:`, RFC
  4122 version 5) of the page's site-relative address, which is itself
  promised to be stable.
- `updated` comes from the content, never the clock: an entry's date is the
  page's date (midnight, Vietnam time), the feed's is its newest entry's, so
  two builds of the same content give byte-identical feeds.
- Links are absolute when base_url is set. Without it they are relative to
  the feed file, which RFC 4287 allows (they resolve against the feed's own
  address), so the feeds still work wherever the site is put.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
import xml.etree.ElementTree as ET
from typing import Iterator

from digest import __version__
from digest.model.routes import url_for
from digest.config import Config
from digest.content.schema import Article
from digest.model.groups import Site
from digest.model.urls import absolute_url, relative_url

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_FILE = url_for("feed")
FEED_SIZE = 20                                   # newest pages per feed
VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7))
NO_DATE = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)  # `updated` of a feed with no entries
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "ict-digest:")
_MIME = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp",
         "gif": "image/gif"}
# Characters XML 1.0 cannot carry at all, even escaped (control characters but tab and newlines).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def stable_id(site_path: str) -> str:
    """The permanent atom:id of a page or feed at `site_path` ('bai-viet/x/index.html')."""
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, site_path)}"


def atom_date(day: dt.date) -> str:
    """'2019-01-15T00:00:00+07:00': RFC 3339, the start of that day in Vietnam."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=VIETNAM_TIME).isoformat()


def site_feeds(site: Site, config: Config) -> Iterator[tuple[str, bytes]]:
    """(path, bytes) of every feed: the digest's, then one per province."""
    pictures = {a.url: site.assets.first_image(a.assets) for a in site.articles}
    yield FEED_FILE, atom_feed(FEED_FILE, url_for("home"), config.title, config.intro,
                               site.articles, config, pictures)
    for province in site.provinces:
        yield province.feed_url, atom_feed(
            province.feed_url, province.url, f"{province.name} · {config.title}",
            f"Bài mới của {province.name} trong {config.title}.", province.articles, config,
            pictures)


def atom_feed(feed_path: str, page_path: str, title: str, subtitle: str,
              articles: list[Article], config: Config, pictures: dict | None = None) -> bytes:
    """One Atom document listing the newest of `articles` (already newest first)."""
    def link(target: str) -> str:
        if config.base_url:
            return absolute_url(target, config.base_url)
        return relative_url(target, feed_path)

    entries = articles[:FEED_SIZE]
    updated = max((atom_date(a.date) for a in entries), default=NO_DATE.isoformat())
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": config.language})
    _text(feed, "id", stable_id(feed_path))
    _text(feed, "title", title)
    _text(feed, "subtitle", subtitle)
    _text(feed, "updated", updated)
    ET.SubElement(feed, "link", rel="self", type="application/atom+xml", href=link(feed_path))
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=link(page_path))
    author = ET.SubElement(feed, "author")
    _text(author, "name", config.title)
    _text(feed, "generator", "ICT Digest").set("version", __version__)
    for article in entries:
        feed.append(_entry(article, link, (pictures or {}).get(article.url)))
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _entry(article: Article, link, picture=None) -> ET.Element:
    entry = ET.Element("entry")
    _text(entry, "id", stable_id(article.url))
    _text(entry, "title", article.title)
    ET.SubElement(entry, "link", rel="alternate", type="text/html", href=link(article.url))
    _text(entry, "published", atom_date(article.date))
    _text(entry, "updated", atom_date(article.date))
    for name in article.authors:
        author = ET.SubElement(entry, "author")
        _text(author, "name", name)
    if article.province:
        ET.SubElement(entry, "category", term=_clean(article.province))
    for topic in article.topics:
        ET.SubElement(entry, "category", term=_clean(topic))
    if article.summary:
        _text(entry, "summary", article.summary).set("type", "text")
    if picture is not None:  # the page's photo, for readers that show one (RFC 4287 4.2.7.2)
        ET.SubElement(entry, "link", rel="enclosure", type=_MIME.get(
            picture.url.rsplit(".", 1)[-1].lower(), "image/jpeg"), href=link(picture.url))
    return entry


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    """A child element holding plain text; ElementTree escapes &, < and >."""
    element = ET.SubElement(parent, tag)
    element.text = _clean(text)
    return element


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)
