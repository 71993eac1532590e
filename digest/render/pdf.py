"""HTML -> PDF with WeasyPrint, for the yearly editions (plan/yearbook.py).

WeasyPrint needs Pango, a system library: its wheel installs anywhere, but
importing it fails (OSError) where Pango is missing. So it is imported here
only, when an edition is wanted, and a failure becomes one line for the
editor (`yearbook: auto`) or an error (`yearbook: true`), never a crash.

The PDF is the same bytes for the same HTML: its dates come from the HTML's
<meta name="dcterms.created|modified"> (the content's own date, never the
clock), and its /ID is a hash of the file. The document may fetch nothing but
the fonts of the print folder: content is untrusted, and an image or a
stylesheet it names must not make the build read a file or the network.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from digest.config import Config
from digest.i18n import _
from digest.problems import Problem

PRINT_DIR = "print"         # templates/print: the edition's fonts, not published
PRINT_FONT = "Be Vietnam Pro"   # templates/print's, named in yearbook.html's @font-face
VARIANT = "pdf/ua-1"        # tagged PDF with its structure, for screen readers
PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0"


@functools.lru_cache(maxsize=1)
def weasyprint_error() -> str:
    """Why WeasyPrint cannot be loaded here ('' when it can)."""
    from PIL import ImageFile

    strict = ImageFile.LOAD_TRUNCATED_IMAGES
    try:
        import weasyprint  # noqa: F401  (imports Pango through cffi)
    except ImportError as err:
        return _("WeasyPrint is not installed ({error})").format(error=err)
    except OSError as err:  # the wheel is there, Pango is not
        return _("WeasyPrint cannot load Pango ({error})").format(
            error=str(err).splitlines()[0][:120])
    finally:
        # Importing WeasyPrint makes Pillow accept truncated images, for the whole
        # process: the content's images must still be refused when they are broken.
        ImageFile.LOAD_TRUNCATED_IMAGES = strict
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # not a line per missing glyph
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return ""


def editions_wanted(config: Config) -> tuple[bool, list[Problem]]:
    """(make the editions?, what to tell the editor) for the `yearbook` setting."""
    if config.yearbook is False:
        return False, []
    error = weasyprint_error()
    if not error:
        return True, []
    fix = _("install Pango ({packages} on Debian or Ubuntu) and pip install weasyprint").format(
        packages=PANGO_PACKAGES)
    if config.yearbook is True:
        return False, [Problem(str(config.file), None, _(
            "yearbook: true, but {error} — {fix}, or set yearbook: auto").format(
                error=error, fix=fix), code="yearbook-unavailable")]
    return False, [Problem(str(config.file), None, _(
        "the yearly PDF editions are left out: {error} — {fix}, or set yearbook: false").format(
            error=error, fix=fix), "warning", code="yearbook-skipped")]


def font_urls(templates_dir: Path) -> dict[str, str]:
    """The print fonts as file: URLs, for the edition's @font-face rules."""
    folder = (templates_dir / PRINT_DIR).resolve()
    return {"regular": (folder / "BeVietnamPro-Regular.ttf").as_uri(),
            "bold": (folder / "BeVietnamPro-Bold.ttf").as_uri()}


def html_to_pdf(html: bytes, templates_dir: Path, base_url: str | None) -> bytes:
    """The edition's HTML as PDF bytes. `base_url` (the edition's published address,
    or None) is what its links to the site's pages are resolved against."""
    import weasyprint

    document = weasyprint.HTML(string=html.decode("utf-8"), base_url=base_url,
                               url_fetcher=_print_folder_only(templates_dir))
    return document.write_pdf(pdf_variant=VARIANT)


def _print_folder_only(templates_dir: Path):
    """A URL fetcher that reads the print folder's files and nothing else."""
    from weasyprint.urls import URLFetcher

    allowed = (templates_dir / PRINT_DIR).resolve().as_uri() + "/"

    class PrintFolderOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith(allowed) or ".." in url[len(allowed):]:
                raise ValueError(f"not fetched: {url}")  # WeasyPrint skips the resource
            return super().fetch(url, headers)

    return PrintFolderOnly(allowed_protocols=("file",))
