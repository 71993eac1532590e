"""How a page shows its images: <img> with srcset, sizes and its size, WebP in a
<picture>, lazy except the first, and <figure> with <figcaption> for a caption.

A caption is written either as the image's title, `![alt](x.jpg "Quang cảnh")`,
or as an italic line right under the image in the same paragraph:

    ![Quang cảnh hội nghị](anh/hoi-nghi.jpg)
    *Quang cảnh hội nghị tổng kết năm 2023*

Content is untrusted: every value is escaped; markdown-it has already refused
script addresses, and only files of the content folder get a picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Callable

from digest.content.assets import Asset, Assets, asset_target
from digest.model.urls import relative_url

SIZES = "(max-width: 48rem) 100vw, 48rem"  # the text column: full width on a phone
WEBP = "image/webp"


@dataclass(frozen=True)
class Picture:
    src: str                 # relative to the page
    width: int | None
    height: int | None
    srcset: str = ""         # "a-480.jpg 480w, a.jpg 1200w" (the image's own format)
    webp_srcset: str = ""    # the same widths in WebP, when there are any


def picture_for(asset: Asset, published, page_url: str) -> Picture:
    """How the page at `page_url` shows `asset`, given its published files (an
    images.PublishedImage), or as it is (an SVG)."""
    if published is None:
        return Picture(relative_url(asset.url, page_url), asset.width, asset.height)

    def srcset(variants) -> str:
        return ", ".join(f"{relative_url(v.url, page_url)} {v.width}w" for v in variants)

    webp = [v for v in published.variants if v.mime == WEBP]
    own = [v for v in published.variants if v.mime != WEBP] or webp
    return Picture(relative_url(published.url, page_url), published.width, published.height,
                   srcset(own) if len(own) > 1 else "", srcset(webp) if own is not webp else "")


def picture_resolver(page_path: str, page_url: str, assets: Assets
                     ) -> Callable[[str], Picture | None]:
    """An image source written in a page -> its Picture, or None to leave it as written."""
    def picture(src: str) -> Picture | None:
        target = asset_target(src, page_path, image=True)
        asset = assets.by_path.get(target) if target else None
        if asset is None or not asset.is_image:
            return None
        return picture_for(asset, assets.published.get(asset.url), page_url)
    return picture


def img_html(picture: Picture, alt: str, title: str | None, lazy: bool) -> str:
    attrs = [("src", picture.src)]
    if picture.srcset:
        attrs += [("srcset", picture.srcset), ("sizes", SIZES)]
    if picture.width and picture.height:
        attrs += [("width", str(picture.width)), ("height", str(picture.height))]
    attrs += [("alt", alt)] + ([("title", title)] if title else [])
    attrs += [("decoding", "async")] + ([("loading", "lazy")] if lazy else [])
    img = "<img " + " ".join(f'{name}="{escape(value)}"' for name, value in attrs) + ">"
    if not picture.webp_srcset:
        return img
    return (f'<picture><source type="{WEBP}" srcset="{escape(picture.webp_srcset)}" '
            f'sizes="{SIZES}">{img}</picture>')


def _html(content: str):
    """Markup we made (escaped), passed through by the renderer as it is."""
    from markdown_it.token import Token

    token = Token("html_inline", "", 0)
    token.content = content
    return token


def _caption(md, children: list) -> tuple[object, str, bool] | None:
    """(the image, its caption's HTML, whether that is its title) when a paragraph
    is an image with a caption."""
    kept = [c for c in children if not (c.type == "text" and not c.content.strip())]
    if not kept or kept[0].type != "image":
        return None
    image = kept[0]
    if len(kept) == 1 and image.attrGet("title"):
        return image, escape(str(image.attrGet("title"))), True
    if len(kept) > 3 and kept[1].type == "softbreak" and kept[2].type == "em_open" \
            and kept[-1].type == "em_close" \
            and not any(c.type == "em_open" for c in kept[3:-1]):
        return image, md.renderer.renderInline(kept[3:-1], md.options, {}), False
    return None


def show_pictures(md, tokens: list, picture: Callable[[str], Picture | None]) -> None:
    """Replace the images of a parsed body by their pictures and make figures, in place."""
    first = True
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.children:
            continue
        in_paragraph = 0 < index < len(tokens) - 1 and tokens[index - 1].type == \
            "paragraph_open" and tokens[index + 1].type == "paragraph_close"
        figure = _caption(md, token.children) if in_paragraph else None
        for number, child in enumerate(token.children):
            if child.type != "image":
                continue
            shown = picture(str(child.attrGet("src") or ""))
            title = None if figure and figure[2] else child.attrGet("title")  # or the caption
            alt = md.renderer.renderInlineAsText(child.children or [], md.options, {})
            html = img_html(shown, alt, str(title) if title else None, lazy=not first) \
                if shown else md.renderer.renderInline([child], md.options, {})
            first = first and shown is None
            token.children[number] = _html(html)
            if figure and figure[0] is child:
                figure = (html, figure[1], figure[2])
        if figure:
            tokens[index - 1].hidden = tokens[index + 1].hidden = True
            token.children = [_html(f"<figure>{figure[0]}<figcaption>{figure[1]}"
                                    "</figcaption></figure>\n")]
