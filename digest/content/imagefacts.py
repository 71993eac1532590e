"""What a content image is, read from its bytes: its size as shown, and whether an
SVG is safe to publish.

Reading these is part of reading the content folder (content/assets.py keeps
them in its cache entry); making the files to publish is render/images.py's.
`image_size` reads the size a page declares (width/height, no layout shift)
from the header alone. `svg_problem` says why an SVG must not be published, or None.
"""

from __future__ import annotations

import io
import warnings
import xml.parsers.expat

from PIL import Image

SWAPS_SIDES = {5, 6, 7, 8}       # EXIF orientations that turn the image a quarter
ORIENTATION = 0x0112


class ImageError(ValueError):
    """An image that cannot be published: unreadable, corrupt, or too many pixels."""


def open_image(data: bytes) -> Image.Image:
    """The image, header read only, refused when it is corrupt or a decompression bomb."""
    try:
        with warnings.catch_warnings():       # a warning's worth of pixels is refused below
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as error:
        raise ImageError(f"too many pixels to decode safely ({error})") from None
    except Exception as error:      # a decoder fed any bytes may raise anything: OSError, struct.error…
        raise ImageError(f"not a readable image ({error})") from None
    if Image.MAX_IMAGE_PIXELS and image.width * image.height > Image.MAX_IMAGE_PIXELS:
        raise ImageError(f"too many pixels to decode safely: {image.width}×{image.height}, "
                         f"more than {Image.MAX_IMAGE_PIXELS:,}")
    if image.width < 1 or image.height < 1:
        raise ImageError("an image with no pixels")
    return image


def oriented_size(image: Image.Image) -> tuple[int, int]:
    try:
        orientation = image.getexif().get(ORIENTATION, 1)
    except Exception:                        # a broken EXIF block: exif_transpose ignores it too
        orientation = 1
    return (image.height, image.width) if orientation in SWAPS_SIDES else image.size


def image_size(data: bytes) -> tuple[int, int]:
    """(width, height) as shown, EXIF orientation applied; from the header where the format allows."""
    return oriented_size(open_image(data))


# SVG: published as it is, so it must hold nothing that runs or fetches.
SVG_NAMESPACES = ("", "http://www.w3.org/2000/svg")


class _Refused(Exception):
    pass


def _refuse(reason: str):
    raise _Refused(reason)


def _squeezed(value: str) -> str:
    """A URL as a browser reads it: spaces, tabs and control characters inside do not count."""
    return "".join(c for c in value if not c.isspace() and ord(c) > 31).lower()


def _check_element(name: str, attributes: dict[str, str], root: bool) -> None:
    namespace, _, element = name.rpartition(" ")
    element = element.lower()
    if root and (element != "svg" or namespace not in SVG_NAMESPACES):
        _refuse("it is not an SVG image (its root element is not <svg>)")
    if element in ("script", "foreignobject"):
        _refuse(f"it contains a <{'script' if element == 'script' else 'foreignObject'}> element")
    for key, value in attributes.items():
        attribute, url = key.rpartition(" ")[2].lower(), _squeezed(value)
        if attribute.startswith("on"):
            _refuse(f"it has an event handler attribute ({attribute})")
        if attribute == "href" and url.startswith(("javascript:", "vbscript:", "data:")):
            _refuse(f"it links to a {url.split(':')[0]}: URL")
        if attribute == "href" and element == "use" and not url.startswith("#"):
            _refuse("it uses an element from another file (<use href> outside the image)")
        if "javascript:" in url or "vbscript:" in url:
            _refuse(f"it has a script URL in the attribute {attribute}")
        if attribute == "attributename" and (url.startswith("on") or url.endswith("href")):
            _refuse(f"it animates the attribute {url}")


def svg_problem(data: bytes) -> str | None:
    """Why this SVG must not be published (a short English reason), or None when it is safe.

    Parsed by expat (what xml.etree uses) with no DTD: a DOCTYPE or ENTITY is refused
    before anything in it is read, so no entity can expand and nothing is fetched."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    open_elements: list[str] = []
    style: list[str] = []

    def start(name, attributes):
        _check_element(name, attributes, root=not open_elements)
        open_elements.append(name.rpartition(" ")[2].lower())

    def end(_name):
        if open_elements.pop() == "style":
            css = "".join(style).lower()
            if "javascript:" in _squeezed(css) or "@import" in css:
                _refuse("its style loads something or runs a script")
            style.clear()

    parser.StartDoctypeDeclHandler = lambda *_: _refuse(
        "it has a DOCTYPE declaration (entities could expand without end)")
    parser.EntityDeclHandler = lambda *_: _refuse("it declares an ENTITY")
    parser.ProcessingInstructionHandler = lambda target, _: target.lower() == "xml-stylesheet" \
        and _refuse("it loads a stylesheet (<?xml-stylesheet?>)")
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = lambda text: open_elements[-1:] == ["style"] and style.append(text)
    try:
        parser.Parse(data, True)
    except _Refused as reason:
        return str(reason)
    except xml.parsers.expat.ExpatError as error:
        return f"it is not well-formed XML ({xml.parsers.expat.ErrorString(error.code)})"
    return None
