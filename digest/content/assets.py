"""A page's files: the images and documents under content/, found, addressed and checked.

Every such file is published at `tep/<its path under content/, each part slugged>`
("content/anh/Hội nghị 1.JPG" -> "tep/anh/hoi-nghi-1.jpg"): the address depends
on that file's path alone, so adding or removing another never moves it. A
file is read only when its stamp (mtime, size) changed since the last build
(the build cache keeps its hash, its image size and what was wrong with it), so
a build with no change only stats the files.

A page refers to one by a relative Markdown image or link, relative to the
page's own file, as links between pages are (`page_references`). Only paths
inside the content folder can name a file: anything else is a missing file.
"""

from __future__ import annotations

import os
import posixpath
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from digest.i18n import _, decimal
from digest.keys import content_hash
from digest.problems import Problem
from digest.util import parallel
from digest.util.files import visible_files
from digest.util.text import slugify, vi_number

IMAGES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg")
DOCUMENTS = (".pdf", ".docx", ".xlsx", ".odt")
# What a reader is told a document is, beside its size: "PDF, 1,2 MB".
DOCUMENT_TYPES = {".pdf": "PDF", ".docx": "Word", ".xlsx": "Excel", ".odt": "OpenDocument"}
EXTENSIONS = IMAGES + DOCUMENTS
FOLDER = "tep"  # where the site publishes them
MB = 1024 * 1024


@dataclass(frozen=True)
class Asset:
    path: str                   # as shown to editors: content/anh/hoi-nghi.jpg
    file: str                   # the real path, to read it when publishing
    url: str                    # site-relative: tep/anh/hoi-nghi.jpg
    size: int                   # bytes
    hash: str                   # content hash of its bytes
    width: int | None = None    # an image's size as shown (EXIF orientation applied)
    height: int | None = None
    problem: str | None = None  # why it cannot be published (an unsafe SVG, a broken image)

    @property
    def is_image(self) -> bool:
        return self.url.endswith(IMAGES)


@dataclass
class Assets:
    """The content folder's files by shown path, and how each published image is
    shown (filled by the render stage once its files are made, before pages render)."""

    by_path: dict[str, Asset] = field(default_factory=dict)
    published: dict = field(default_factory=dict)  # url -> images.PublishedImage

    def first_image(self, refs):
        """The first raster image a page shows, as published (images.PublishedImage):
        the page's picture when it is shared (og:image, the feeds)."""
        return next((self.published[a.url] for a in self.referenced(refs)
                     if a.url in self.published), None)

    def documents(self, refs) -> list[Asset]:
        return [a for a in self.referenced(refs) if not a.is_image]

    def referenced(self, refs) -> list[Asset]:
        """The existing files among a page's references, each once, in order."""
        found = {ref[1]: self.by_path[ref[1]] for ref in refs if ref[1] in self.by_path}
        return list(found.values())


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def asset_address(relative: str) -> str:
    """'anh/Hội nghị 1.JPG' (relative to content/) -> 'tep/anh/hoi-nghi-1.jpg'."""
    *folders, name = relative.replace(os.sep, "/").split("/")
    stem, ext = posixpath.splitext(name)
    return "/".join([FOLDER, *(slugify(f, "thu-muc") for f in folders),
                     slugify(stem, "tep") + ext.lower()])


def asset_target(href: str, page_path: str, image: bool) -> str | None:
    """The content path a relative reference in the page `page_path` names, if it
    names a file: any relative image source, or a link to a file of EXTENSIONS.
    Absolute paths, fragments and addresses with a scheme are not the content's."""
    parts = urlsplit(href)
    path = unquote(parts.path)
    if parts.scheme or parts.netloc or not path or path.startswith("/") \
            or (not image and not path.lower().endswith(EXTENSIONS)):
        return None
    return _nfc(posixpath.normpath(posixpath.join(posixpath.dirname(page_path), path)))


def page_references(body: str, page_path: str, body_line: int
                    ) -> tuple[tuple[tuple[str, str, int], ...], list[Problem]]:
    """(href, content path, line) of every file a page's body names, and a warning
    for each image without alt text."""
    lowered = body.lower()
    if "![" not in body and not any(ext in lowered for ext in EXTENSIONS):
        return (), []  # (most pages: markdown-it is not even loaded)
    from digest.util.markdown_parser import references

    refs, problems = [], []
    for kind, href, alt, offset in references(body):
        line = body_line + offset
        if kind == "image" and not alt.strip():
            problems.append(Problem(page_path, line, _(
                "image {link} has no alt text — describe it between the brackets: "
                "![Quang cảnh hội nghị]({link})").format(link=href),
                "warning", code="image-alt-missing"))
        target = asset_target(href, page_path, kind == "image")
        if target is not None:
            refs.append((href, target, line))
    return tuple(refs), problems


# --- discovery ------------------------------------------------------------------

def _read_entry(item: tuple[str, str]) -> tuple[str, tuple]:
    """One file's cache entry: (stamp, hash, width, height, problem); None if unreadable."""
    path, shown = item
    try:
        stat = os.stat(path)
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as err:
        return shown, (None, err.strerror or str(err))
    width = height = problem = None
    ext = os.path.splitext(path)[1].lower()
    if ext in IMAGES:
        from digest.content.imagefacts import ImageError, image_size, svg_problem

        if ext == ".svg":
            problem = svg_problem(data)
        else:
            try:
                width, height = image_size(data)
            except ImageError as err:
                problem = str(err)
    return shown, ((stat.st_mtime_ns, stat.st_size), content_hash(data), width, height, problem)


def _fresh(entry, path: str) -> bool:
    try:
        stat = os.stat(path)
    except OSError:
        return False
    return entry is not None and entry[0] == (stat.st_mtime_ns, stat.st_size)


def discover(content_dir: Path, shown, entries: dict) -> tuple[Assets, list[Problem]]:
    """Every image and document of the content folder. `entries` is the build
    cache's (shown path -> entry): a file is read only if its stamp changed;
    `shown` turns a real path into the one editors see."""
    files = [(p, shown(p)) for p in visible_files(content_dir) if p.lower().endswith(EXTENSIONS)]
    misses = [(p, s) for p, s in files if not _fresh(entries.get(s), p)]
    for shown_path, entry in parallel.parallel_map(_read_entry, misses,
                                                   min_items=parallel.MIN_ITEMS // 4):
        entries[shown_path] = entry
    for gone in entries.keys() - {s for _p, s in files}:
        del entries[gone]
    assets, problems, taken = Assets(), [], {}
    for path, shown_path in files:
        entry = entries[shown_path]
        if entry[0] is None:
            problems.append(Problem(shown_path, None, _("cannot be read: {reason}").format(
                reason=entry[1]), code="file-unreadable"))
            continue
        url = asset_address(os.path.relpath(path, content_dir))
        if url in taken:
            problems.append(Problem(shown_path, None, _(
                "is published at {url}, as {other} is — rename one of them").format(
                url=url, other=taken[url]), code="asset-address-taken"))
            continue
        taken[url] = shown_path
        assets.by_path[_nfc(shown_path)] = Asset(shown_path, path, url, entry[0][1], *entry[1:])
    return assets, problems


def asset_problems(assets: Assets, articles, built, max_image_mb: float,
                   max_document_mb: float) -> list[Problem]:
    """What is wrong with the files: too big, unsafe, missing where a page of
    `built` names them; and those no page of `articles` (drafts too) names."""
    problems = []
    for asset in assets.by_path.values():
        limit, kind = (max_image_mb, _("images")) if asset.is_image \
            else (max_document_mb, _("documents"))
        if asset.size > limit * MB:
            problems.append(Problem(asset.path, None, _(
                "is {size} MB, over the limit of {limit} MB for {kind} — make it smaller, or "
                "raise the limit in config.yaml").format(
                size=_mb(asset.size), limit=_mb(limit * MB), kind=kind), code="asset-too-big"))
        if asset.problem and asset.url.endswith(".svg"):
            problems.append(Problem(asset.path, None, _(
                "is refused: {reason} — save the drawing again without it, or as a PNG").format(
                reason=asset.problem), code="asset-svg-unsafe"))
        elif asset.problem:
            problems.append(Problem(asset.path, None, _(
                "cannot be read as an image: {reason} — save it again as JPEG or PNG").format(
                reason=asset.problem), code="asset-image-unreadable"))
    for article in built:
        problems += [Problem(article.path, line, _(
            "{link}: no such file in the content folder — fix the file name, or put the file "
            "beside the page (images: {images}; documents: {documents})").format(
            link=href, images=" ".join(IMAGES), documents=" ".join(DOCUMENTS)),
            code="asset-missing") for href, target, line in article.assets
            if target not in assets.by_path]
    used = {ref[1] for article in articles for ref in article.assets}
    problems += [Problem(asset.path, None, _("no page refers to this file — link it from a "
                                             "page, or delete it"), "warning", code="asset-unused")
                 for path, asset in assets.by_path.items() if path not in used]
    return problems


def _mb(size: float) -> str:
    """1.2 (English) or 1,2 (Vietnamese); a whole number without decimals."""
    return decimal(size / MB, 0 if size % MB == 0 else 1)


def document_label(asset: Asset) -> str:
    """'PDF, 1,2 MB', '(Word, 35 KB)': what the article's list of documents says of one,
    in the site's language (Vietnamese numbers, whatever language messages are in)."""
    kind = DOCUMENT_TYPES.get(posixpath.splitext(asset.url)[1], "")
    size = size_label(asset.size)
    return f"{kind}, {size}" if kind else size


def size_label(size: int) -> str:
    """'1,2 MB', '35 KB': a file's size as the site writes it."""
    # (a no-break space: the number and its unit stay on one line)
    if size >= MB:
        return vi_number(round(size / MB, 1)) + "\u00a0MB"
    return f"{max(1, round(size / 1024))}\u00a0KB"
