"""What a published site needs besides its pages.

`publish_files` yields (site-relative path, bytes) like `render_pages`, so
these files go through the same staging as the pages: a failed build writes
none of them, and an unchanged one is not rewritten.

- feed.xml and tinh/<slug>/feed.xml: Atom feeds (feeds.py)
- du-lieu/digest.json and du-lieu/figures.csv: data downloads (downloads.py)
- sitemap.xml: every HTML page but 404.html, by absolute address. The sitemap
  protocol allows only absolute addresses, so it is written only when
  base_url is set; without one the build says so in a warning.
- du-lieu/page.schema.json: the JSON Schema of a page's front matter (pageschema.py)
- admin/index.html and admin/config.yml: the editing page, only with `cms:` (cms.py)
- robots.txt: allows everything but admin/ (whether or not the CMS is on: the
  address is the editing page's, and one left from before stays unlisted) and
  names the sitemap when there is one.
  (Crawlers read it only at a domain root: for a project site such as
  user.github.io/repo/ it is informative, and the sitemap is found through
  the site's search console instead.)
- .nojekyll: tells GitHub Pages, when it publishes from a branch, to serve
  the files as they are instead of running Jekyll over them.

The 404 page and the data page are HTML pages, planned with the others in plan/pages.py;
the search index's files are planned like pages too (search.py), each with its own key.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Iterable, Iterator
from urllib.parse import urlsplit

from digest.model.routes import url_for
from digest.config import Config
from digest.i18n import _
from digest.outputs.cms import cms_files
from digest.outputs.downloads import data_downloads
from digest.outputs.pageschema import page_schema_json
from digest.outputs.feeds import site_feeds
from digest.problems import Problem
from digest.model.groups import Site
from digest.model.urls import absolute_url

SITEMAP_FILE = url_for("sitemap")
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def publish_warnings(config: Config) -> list[Problem]:
    """Without base_url, a warning (made when asked: its text is in the language chosen)."""
    if config.base_url:
        return []
    return [Problem(
        "base_url", None,
        _("not set — sitemap.xml is left out (its addresses must be absolute), feeds use "
          "relative links and 404.html works only one folder deep; for a published site, "
          "set base_url in config.yaml or pass --base-url https://user.github.io/repo/"),
        "warning", code="base-url-missing")]


def publish_files(site: Site, config: Config,
                  page_urls: Iterable[str]) -> Iterator[tuple[str, bytes]]:
    """Feeds, data downloads, the page schema, the CMS page (with `cms:`), sitemap,
    robots.txt and .nojekyll for `site`."""
    yield from site_feeds(site, config)
    yield from data_downloads(site, config)
    yield url_for("page_schema"), page_schema_json(config.language)
    yield from cms_files(config)
    if config.base_url:
        yield SITEMAP_FILE, sitemap_xml(page_urls, config.base_url)
    yield url_for("robots"), robots_txt(config)
    yield ".nojekyll", b""


def sitemap_xml(page_urls: Iterable[str], base_url: str) -> bytes:
    """Every HTML page's absolute address, in the order the pages were planned."""
    urlset = ET.Element("urlset", xmlns=SITEMAP_NS)
    not_found = url_for("not_found")  # served for every missing address, never listed
    for url in page_urls:
        if url.endswith(".html") and url != not_found:
            ET.SubElement(ET.SubElement(urlset, "url"), "loc").text = absolute_url(url, base_url)
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(config: Config) -> bytes:
    root = urlsplit(config.base_url).path if config.base_url else "/"
    admin = url_for("cms_page").rsplit("/", 1)[0]
    lines = [f"# {config.title}", "User-agent: *", f"Disallow: {root}{admin}/", "Allow: /"]
    if config.base_url:
        lines += ["", f"Sitemap: {absolute_url(SITEMAP_FILE, config.base_url)}"]
    return ("\n".join(lines) + "\n").encode("utf-8")
