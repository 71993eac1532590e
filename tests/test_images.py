"""digest/render/images.py: the files published for a photo, their cache, and SVGs refused.

Every image is drawn here with Pillow, small, so the file runs in a second or two.
"""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from digest.render import images
from digest.content.imagefacts import ImageError, image_size, svg_problem
from digest.render.images import publish_image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def picture(width: int, height: int, fmt: str = "JPEG", exif: Image.Exif | None = None,
            mode: str = "RGB", **options) -> bytes:
    """A small noisy photo (noise, so the encoders have something to do)."""
    image = Image.effect_noise((width, height), 40).convert(mode)
    out = io.BytesIO()
    image.save(out, format=fmt, **({"exif": exif} if exif is not None else {}), **options)
    return out.getvalue()


def gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"                      # Make
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (21.0, 1.0, 30.0)          # latitude: Hà Nội
    gps[3], gps[4] = "E", (105.0, 51.0, 0.0)
    return exif


def encoded() -> int:
    return sum(images.ENCODED.values())


def test_widths_below_the_image_and_the_full_size_never_enlarged(tmp_path):
    image, files = publish_image(picture(700, 350), "anh/hoi-nghi.jpg", tmp_path)
    assert (image.url, image.width, image.height) == ("anh/hoi-nghi.jpg", 700, 350)
    assert [(v.url, v.width, v.height, v.mime) for v in image.variants] == [
        ("anh/hoi-nghi-480.webp", 480, 240, "image/webp"),
        ("anh/hoi-nghi-480.jpg", 480, 240, "image/jpeg"),
        ("anh/hoi-nghi.webp", 700, 350, "image/webp"),
        ("anh/hoi-nghi.jpg", 700, 350, "image/jpeg")]
    assert [url for url, _ in files] == [v.url for v in image.variants]
    for (url, data), variant in zip(files, image.variants):
        opened = Image.open(io.BytesIO(data))
        assert opened.size == (variant.width, variant.height), url
        assert opened.get_format_mimetype() == variant.mime, url


def test_a_big_jpeg_gets_every_width_in_webp_and_jpeg(tmp_path):
    image, files = publish_image(picture(1700, 100), "a/b.jpeg", tmp_path)
    assert [(v.width, v.mime) for v in image.variants] == [
        (w, mime) for w in (480, 960, 1600, 1700) for mime in ("image/webp", "image/jpeg")]
    assert [url for url, _ in files] == ["a/b-480.webp", "a/b-480.jpeg", "a/b-960.webp",
                                        "a/b-960.jpeg", "a/b-1600.webp", "a/b-1600.jpeg",
                                        "a/b.webp", "a/b.jpeg"]
    jpeg = Image.open(io.BytesIO(dict(files)["a/b-480.jpeg"]))
    assert jpeg.info.get("progressive") or jpeg.info.get("progression")


def test_an_image_no_wider_than_the_smallest_width_is_published_at_its_size(tmp_path):
    image, _ = publish_image(picture(480, 30), "x.jpg", tmp_path)
    assert [v.width for v in image.variants] == [480, 480]


def test_a_png_stays_png_and_a_webp_only_webp(tmp_path):
    source = picture(600, 40, "PNG", mode="RGBA")
    png, files = publish_image(source, "so-do.png", tmp_path)
    assert [v.url for v in png.variants] == ["so-do-480.webp", "so-do-480.png", "so-do.webp", "so-do.png"]
    assert Image.open(io.BytesIO(dict(files)["so-do.png"])).mode == "RGBA"
    assert Image.open(io.BytesIO(dict(files)["so-do.webp"])).convert("RGBA").tobytes() == \
        Image.open(io.BytesIO(source)).convert("RGBA").tobytes()            # a drawing's WebP is lossless
    webp, files = publish_image(picture(600, 40, "WEBP"), "anh.webp", tmp_path)
    assert webp.url == "anh.webp"
    assert [v.url for v in webp.variants] == ["anh-480.webp", "anh.webp"]


def test_a_transparent_png_called_jpg_becomes_a_jpeg_on_white(tmp_path):
    clear = Image.new("RGBA", (10, 10), (200, 0, 0, 0))
    out = io.BytesIO()
    clear.save(out, format="PNG")
    _, files = publish_image(out.getvalue(), "doi-ten.jpg", tmp_path)
    jpeg = Image.open(io.BytesIO(dict(files)["doi-ten.jpg"]))
    assert jpeg.format == "JPEG" and jpeg.convert("L").getextrema()[0] > 245


def test_sixteen_bit_grey_is_scaled_not_clipped(tmp_path):
    grey = Image.new("I;16", (2, 1))
    grey.putpixel((0, 0), 30000)
    out = io.BytesIO()
    grey.save(out, format="PNG")
    _, files = publish_image(out.getvalue(), "xam.png", tmp_path)
    assert Image.open(io.BytesIO(dict(files)["xam.png"])).convert("L").getpixel((0, 0)) == 30000 // 257


def test_a_gif_is_published_unchanged(tmp_path):
    frames = [Image.new("P", (20, 10), i) for i in range(3)]
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], duration=100)
    data = out.getvalue()
    before = encoded()
    image, files = publish_image(data, "dong.gif", tmp_path)
    assert files == [("dong.gif", data)] and encoded() == before
    assert image.variants == (images.Variant("dong.gif", 20, 10, "image/gif"),)


def test_exif_orientation_is_applied(tmp_path):
    data = picture(200, 100, exif=gps_exif(orientation=6))    # stored wide, shown tall
    assert image_size(data) == (100, 200)
    image, files = publish_image(data, "dung.jpg", tmp_path)
    assert (image.width, image.height) == (100, 200)
    for url, out in files:
        assert Image.open(io.BytesIO(out)).size == (100, 200), url


XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="21,1.5N"/>'
       b'</rdf:RDF></x:xmpmeta>')


@pytest.mark.parametrize("fmt, url, options", [
    ("JPEG", "gps.jpg", {"xmp": XMP, "comment": b"PhoneMaker comment"}),
    ("PNG", "gps.png", {}),
    ("WEBP", "gps.webp", {"xmp": XMP})])
def test_no_exif_and_no_gps_in_anything_published(tmp_path, fmt, url, options):
    data = picture(600, 50, fmt, exif=gps_exif(), **options)
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)   # the source has GPS
    _, files = publish_image(data, url, tmp_path)
    for name, out in files:
        opened = Image.open(io.BytesIO(out))
        assert not opened.getexif(), name
        assert not {"exif", "xmp", "comment"} & set(opened.info), name
        assert b"GPS" not in out and b"PhoneMaker" not in out, name


def test_a_second_call_encodes_nothing_and_returns_the_same_bytes(tmp_path):
    data = picture(1000, 60)
    first = publish_image(data, "a.jpg", tmp_path)
    before = encoded()
    assert publish_image(data, "a.jpg", tmp_path) == first
    assert encoded() == before


def test_a_renamed_image_reuses_the_cache(tmp_path):
    data = picture(1000, 60)
    _, first = publish_image(data, "cu/ten-cu.jpg", tmp_path)
    before = encoded()
    image, files = publish_image(data, "moi/ten-moi.jpg", tmp_path)
    assert encoded() == before
    assert image.url == "moi/ten-moi.jpg" and files[0][0] == "moi/ten-moi-480.webp"
    assert [out for _, out in files] == [out for _, out in first]


def test_a_damaged_cache_entry_is_made_again(tmp_path):
    data = picture(700, 60)
    _, first = publish_image(data, "a.jpg", tmp_path)
    (entry,) = [p for p in tmp_path.rglob("480-webp-*")]
    entry.write_bytes(entry.read_bytes()[:100])           # half-written
    before = encoded()
    _, again = publish_image(data, "a.jpg", tmp_path)
    assert again == first and encoded() == before + 1


def test_the_output_is_the_same_bytes_on_every_run(tmp_path):
    data = picture(700, 60, exif=gps_exif(orientation=3))
    _, first = publish_image(data, "a.jpg", tmp_path / "one")
    _, second = publish_image(data, "a.jpg", tmp_path / "two")
    assert first == second


def test_a_corrupt_image_is_an_image_error(tmp_path):
    whole = picture(300, 200)
    for data in (b"not an image at all", whole[:len(whole) // 3]):
        with pytest.raises(ImageError):
            publish_image(data, "hong.jpg", tmp_path)
    with pytest.raises(ImageError):
        image_size(b"")
    with pytest.raises(ImageError):
        publish_image(picture(20, 20, "PNG"), "gia.gif", tmp_path)     # a PNG called .gif


@pytest.mark.parametrize("pixels", [1000, 2000])   # past Pillow's own error, and between its warning and error
def test_a_pixel_bomb_is_an_image_error(tmp_path, monkeypatch, pixels):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", pixels)
    data = picture(100, 30, "PNG")                       # 3,000 pixels
    with pytest.raises(ImageError, match="too many pixels"):
        publish_image(data, "bom.png", tmp_path)
    with pytest.raises(ImageError, match="too many pixels"):
        image_size(data)


def test_image_size_matches_what_is_published(tmp_path):
    for data, url in ((picture(640, 20), "a.jpg"), (picture(30, 90, "PNG"), "b.png")):
        image, _ = publish_image(data, url, tmp_path)
        assert image_size(data) == (image.width, image.height)


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{}</svg>'


def test_a_plain_svg_is_accepted():
    body = ('<defs><circle id="c" r="2"/></defs><use href="#c"/><use xlink:href="#c"/>'
            '<a href="https://stttt.langson.gov.vn/"><text>Sở TT&amp;TT: 9.000 hộp thư</text></a>'
            '<style>circle { fill: #0b5c8e }</style>')
    assert svg_problem(SVG.format(body).encode("utf-8")) is None
    assert svg_problem(b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>') is None


@pytest.mark.parametrize("body, words", [
    ("<script>alert(1)</script>", "script"),
    ('<circle r="2" onload="alert(1)"/>', "onload"),
    ('<g onClick="alert(1)"/>', "onclick"),
    ('<a href="javascript:alert(1)"><text>x</text></a>', "javascript"),
    ('<a xlink:href=" jav&#x09;ascript:alert(1)"><text>x</text></a>', "javascript"),
    ('<image href="data:image/svg+xml;base64,PHN2Zz4="/>', "data"),
    ("<foreignObject><p>hi</p></foreignObject>", "foreignObject"),
    ('<use href="https://example.com/sprite.svg#x"/>', "another file"),
    ('<rect style="fill: url(javascript:alert(1))"/>', "script URL"),
    ('<a><set attributeName="href" to="javascript:alert(1)"/></a>', "animates"),
    ('<a><animate attributeName="xlink:href" values="https://x.org/;javascript:alert(1)"/></a>', "animates"),
    ("<style>@import url(https://example.com/x.css);</style>", "style"),
])
def test_a_dangerous_svg_is_refused(body, words):
    problem = svg_problem(SVG.format(body).encode("utf-8"))
    assert problem and words.lower() in problem.lower(), problem


@pytest.mark.parametrize("data, words", [
    (b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', "DOCTYPE"),
    (b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
     b'<svg xmlns="http://www.w3.org/2000/svg"/>', "DOCTYPE"),
    ('<!DOCTYPE svg [<!ENTITY a "a">]><svg/>'.encode("utf-16"), "DOCTYPE"),   # not found by a byte search
    (b'<?xml-stylesheet href="https://example.com/x.css"?><svg xmlns="http://www.w3.org/2000/svg"/>', "stylesheet"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'><g></svg>", "well-formed"),
    (b"<html><body/></html>", "not an SVG"),
    (b"", "well-formed"),
])
def test_a_declaration_or_a_broken_file_is_refused(data, words):
    problem = svg_problem(data)
    assert problem and words.lower() in problem.lower(), problem


def test_damaged_bytes_give_an_image_error_and_nothing_else(tmp_path):
    rng = random.Random(24)
    sources = [(picture(120, 40, fmt), url) for fmt, url in
               (("JPEG", "a.jpg"), ("PNG", "a.png"), ("WEBP", "a.webp"))]
    for _ in range(40):
        data, url = rng.choice(sources)
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        cut = rng.choice([len(damaged), rng.randrange(1, len(damaged))])
        try:
            publish_image(bytes(damaged[:cut]), url, tmp_path)
        except ImageError:
            pass
