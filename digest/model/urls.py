"""Site-relative paths -> the links pages and feeds write.

Every page lives at a site-relative path such as 'bai-viet/x/index.html'.
Links between pages are relative (`relative_url`), so the site works from
disk, under a sub-path and at a domain root. Only what must be absolute
(feeds, sitemap, canonical and Open Graph links, the 404 page) uses
`absolute_url`, which needs the configured base_url.
"""

from __future__ import annotations


def relative_url(target: str, page_url: str) -> str:
    """`target` (site-relative) as seen from the page at `page_url`.

    Both are clean site-relative paths ('tinh/x/index.html'), so plain string
    work does what posixpath.relpath does, at a fraction of its cost.
    """
    if "://" in target or target.startswith(("#", "mailto:")):
        return target
    here = page_url.split("/")[:-1]
    there = target.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:])


def absolute_url(target: str, base_url: str) -> str:
    """`target` (site-relative) as a full address under `base_url` (ending in '/').

    A folder's index.html is dropped, as readers share addresses:
    'bai-viet/x/index.html' -> 'https://user.github.io/repo/bai-viet/x/'.
    """
    if target == "index.html" or target.endswith("/index.html"):
        target = target[: -len("index.html")]
    return base_url + target


def public_url(target: str, base_url: str) -> str:
    """The address to hand out: absolute with a base_url, else the site-relative path."""
    return absolute_url(target, base_url) if base_url else target
