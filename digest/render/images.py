"""A page's images, sized for phones: raster files in, the files to publish out.

Pure functions that know nothing of pages. `publish_image` turns one raster
image into every file published for it: the full size and the widths of WIDTHS
narrower than it (never enlarged), each in WebP and in its own format (a WebP
only in WebP), EXIF orientation applied and every metadata block (EXIF, GPS,
XMP, comments) stripped; the ICC colour profile is kept. A GIF is published
unchanged (it may be animated). Reading an image's size and checking an SVG
are content/imagefacts.py's: the content folder's reading does them.

Encoding is the slow part, so every encoded file is kept under
cache_dir/<content hash of the original bytes>/: an unchanged image is never
encoded again, whatever it is called. A cached file's name carries the encoder
settings (a file made by others is not reused) and it opens with the hash of
its bytes (a damaged one is made again). Same bytes in, same
bytes out: Pillow writes no timestamps.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import PIL
from PIL import Image, ImageOps

from digest.content.imagefacts import ImageError, open_image, oriented_size
from digest.keys import content_hash, fingerprint

RASTER = (".jpg", ".jpeg", ".png", ".webp", ".gif")
WIDTHS = (480, 960, 1600)

# What an encoded file is made with: part of each cached file's name.
JPEG_OPTIONS = {"quality": 82, "progressive": True, "optimize": True}
PNG_OPTIONS = {"optimize": True}
WEBP_OPTIONS = {"quality": 80, "method": 4}          # from a JPEG or a WebP: lossy
WEBP_LOSSLESS = {"lossless": True, "quality": 80, "method": 4}   # from a PNG: drawings stay sharp
SETTINGS = fingerprint(PIL.__version__, sorted(JPEG_OPTIONS.items()), sorted(PNG_OPTIONS.items()),
                       sorted(WEBP_OPTIONS.items()), sorted(WEBP_LOSSLESS.items()), "lanczos")[:8]

FORMATS = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".webp": "webp", ".gif": "gif"}
MIME = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp", "gif": "image/gif"}
# Encodes done, by format ("webp", "jpeg", "png"): the tests read it to see the cache work.
ENCODED: Counter = Counter()


@dataclass(frozen=True)
class Variant:
    url: str        # its address in the site, e.g. "tep/anh/hoi-nghi-480.webp"
    width: int
    height: int
    mime: str       # "image/webp", "image/jpeg", "image/png", "image/gif"


@dataclass(frozen=True)
class PublishedImage:
    url: str                        # the full-size file in its own format: the url given
    width: int                      # after EXIF orientation
    height: int
    variants: tuple[Variant, ...]   # every file published for it, narrowest first, WebP first


def _plan(url: str, width: int, height: int) -> list[tuple[str, int, int, str]]:
    """(url, width, height, format) of every file published for a raster image, in order."""
    path = PurePosixPath(url)
    own, stem = FORMATS[path.suffix.lower()], str(path.with_suffix(""))
    plan = []
    for w in [w for w in WIDTHS if w < width] + [width]:        # never enlarged
        h = height if w == width else max(1, round(height * w / width))
        plan.append((f"{stem}.webp" if w == width else f"{stem}-{w}.webp", w, h, "webp"))
        if own != "webp":
            plan.append((url if w == width else f"{stem}-{w}{path.suffix}", w, h, own))
    return plan


def _cached(path: Path) -> bytes | None:
    """A cached file's bytes, if it is there and whole (it opens with the hash of the rest)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    return raw[16:] if len(raw) > 16 and raw[:16].hex() == content_hash(raw[16:]) else None


def _store(path: Path, data: bytes) -> None:
    """Written beside and renamed, so a build stopped halfway leaves no half file."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            out.write(bytes.fromhex(content_hash(data)) + data)
        os.replace(temporary, path)
    except OSError:                           # no cache this time: the files are still published
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _decoded(data: bytes) -> tuple[Image.Image, bytes | None]:
    """The pixels, turned upright, in a mode every encoder takes, with no metadata; and its ICC profile."""
    image = open_image(data)
    try:
        image.load()
        upright = ImageOps.exif_transpose(image)
    except Image.DecompressionBombError as error:
        raise ImageError(f"too many pixels to decode safely ({error})") from None
    except Exception as error:
        raise ImageError(f"the image is corrupt ({error})") from None
    icc = image.info.get("icc_profile") if image.mode in ("RGB", "RGBA", "L", "LA", "P") else None
    if upright.mode.startswith("I"):          # 16-bit grey: scaled to 8 bits, not clipped
        upright = upright.convert("I").point(lambda v: v / 257).convert("L")
    alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    mode = "RGBA" if alpha else "L" if upright.mode == "L" else "RGB"
    clean = upright.convert(mode) if upright.mode != mode else upright.copy()
    clean.info = {}                           # EXIF, GPS, XMP, comments: none goes further
    return clean, icc or None


def _encode(image: Image.Image, fmt: str, lossless: bool, icc: bytes | None) -> bytes:
    if fmt == "jpeg" and image.mode == "RGBA":            # JPEG has no alpha: lay it on white
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    options = {"jpeg": JPEG_OPTIONS, "png": PNG_OPTIONS,
               "webp": WEBP_LOSSLESS if lossless else WEBP_OPTIONS}[fmt]
    extra = {"icc_profile": icc} if icc else {}
    out = io.BytesIO()
    image.save(out, format=fmt.upper(), **options, **extra)
    ENCODED[fmt] += 1
    return out.getvalue()


def publish_image(data: bytes, url: str, cache_dir: Path) -> tuple[PublishedImage, list[tuple[str, bytes]]]:
    """The files to publish for one raster image (url -> bytes) and what the page needs to show it.

    Raises ImageError for a file that is not a readable image of its kind or has too many pixels."""
    suffix = PurePosixPath(url).suffix.lower()
    if suffix not in RASTER:
        raise ImageError(f"not a raster image: {url}")
    header = open_image(data)
    if suffix == ".gif":
        if header.format != "GIF":
            raise ImageError(f"named .gif but it is {header.format or 'not an image'}")
        variant = Variant(url, header.width, header.height, MIME["gif"])
        return PublishedImage(url, header.width, header.height, (variant,)), [(url, data)]
    width, height = oriented_size(header)
    folder = Path(cache_dir) / content_hash(data)
    lossless = FORMATS[suffix] == "png"
    files, variants = [], []
    decoded = icc = None
    sized: dict[int, Image.Image] = {}
    for address, w, h, fmt in _plan(url, width, height):
        entry = folder / f"{w}-{fmt}{'-lossless' if lossless and fmt == 'webp' else ''}-{SETTINGS}"
        encoded = _cached(entry)
        if encoded is None:
            if decoded is None:
                decoded, icc = _decoded(data)
                if decoded.size != (width, height):      # the header's size and the pixels disagree
                    raise ImageError("the image's size does not match its header")
            if w not in sized:
                sized[w] = decoded if w == width else decoded.resize(
                    (w, h), Image.Resampling.LANCZOS, reducing_gap=3.0)
            encoded = _encode(sized[w], fmt, lossless, icc)
            _store(entry, encoded)
        files.append((address, encoded))
        variants.append(Variant(address, w, h, MIME[fmt]))
    own = url if FORMATS[suffix] != "webp" else str(PurePosixPath(url).with_suffix(".webp"))
    return PublishedImage(own, width, height, tuple(variants)), files
