"""The content folder's files -> files of the site, staged like pages.

Documents and SVGs are published as they are; a raster image as the files
images.publish_image makes of it (its widths, in WebP and its own format),
each encoded once and kept in the build cache's images/ folder. Every
published file has a key (its original's content hash): a file whose key and
stamp are as the last build wrote them is neither read nor rewritten, and how
an image was published (its variants) comes from the last build's record, so
an unchanged image is not even opened. A deleted file's files are no longer in
the keys, and the commit removes them.
"""

from __future__ import annotations

from pathlib import Path

from digest.cache import SiteRecord, cache_path, file_stamp
from digest.config import Config
from digest.content.assets import Asset, Assets
from digest.i18n import _
from digest.problems import Problem
from digest.util import parallel
from digest.write.folder import StagedSite


def _raster(asset: Asset) -> bool:
    from digest.render.images import RASTER

    return asset.url.lower().endswith(RASTER)


def asset_key(asset: Asset) -> str:
    """What each file published for `asset` shows: its bytes (and, for an image,
    how it is encoded)."""
    if not _raster(asset):
        return f"file:{asset.hash}"
    from digest.render.images import SETTINGS

    return f"image:{asset.hash}:{SETTINGS}"


def _plain(published) -> tuple:
    return (published.url, published.width, published.height,
            tuple((v.url, v.width, v.height, v.mime) for v in published.variants))


def _from_plain(plain: tuple):
    from digest.render.images import PublishedImage, Variant

    url, width, height, variants = plain
    return PublishedImage(url, width, height, tuple(Variant(*v) for v in variants))


def _kept(asset: Asset, key: str, previous: SiteRecord | None, out: str):
    """How the last build published `asset`, if every file of it is still there as
    written (then nothing is read): (its urls, its PublishedImage or None)."""
    if previous is None:
        return None
    published = None
    if _raster(asset):
        known = previous.images.get(asset.url)
        if known is None or known[0] != asset.hash:
            return None
        try:
            published = _from_plain(known[1])
        except (TypeError, ValueError):
            return None
        urls = [v.url for v in published.variants]
    else:
        urls = [asset.url]
    if all(previous.keys.get(url) == key and file_stamp(out + url) == previous.stamps.get(url)
           for url in urls):
        return urls, published
    return None


def publish_assets(assets: Assets, config: Config, previous: SiteRecord | None,
                   staged: StagedSite) -> tuple[dict[str, str], dict, list[Problem]]:
    """Stage every file of `assets` that changed; (url -> key of every published
    file, image url -> (hash, how it was published) for the record, problems).
    Fills `assets.published` for the pages."""
    out = str(staged.out_dir) + "/"
    cache_dir = cache_path(config).parent / "images"
    keys, images, todo = {}, {}, []
    for asset in assets.by_path.values():
        key = asset_key(asset)
        kept = _kept(asset, key, previous, out)
        if kept is None:
            todo.append((asset, key))
            continue
        urls, published = kept
        for url in urls:
            staged.record(url, None)
            keys[url] = key
        if published is not None:
            assets.published[asset.url] = published
            images[asset.url] = (asset.hash, _plain(published))

    def run(job: tuple[Asset, str]):
        asset = job[0]
        try:
            data = Path(asset.file).read_bytes()
            if not _raster(asset):
                return [(asset.url, staged.add(asset.url, data))], None, None
            from digest.render.images import publish_image

            published, files = publish_image(data, asset.url, cache_dir)
        except OSError as err:
            return [], None, Problem(asset.path, None, _("cannot be read: {reason}").format(
                reason=err.strerror or str(err)), code="file-unreadable")
        except ValueError as err:  # images.ImageError
            return [], None, Problem(asset.path, None, _(
                "cannot be read as an image: {reason} — save it again as JPEG or PNG").format(
                reason=err), code="asset-image-unreadable")
        return [(url, staged.add(url, data)) for url, data in files], _plain(published), None

    problems = []
    for (asset, key), (files, plain, problem) in zip(
            todo, parallel.parallel_map(run, todo, min_items=8)):
        for url, written in files:
            staged.record(url, written)
            keys[url] = key
        if plain is not None:
            assets.published[asset.url] = _from_plain(plain)
            images[asset.url] = (asset.hash, plain)
        problems += [problem] if problem else []
    return keys, images, problems
