"""Extracted fields -> the text of a content page, and the import fingerprint.

The page is YAML front matter (keys in the content format's order) and the
Markdown body. Fields the importer could not determine carry a YAML comment
saying what to write. The last front matter line records a SHA-256 of
everything else in the file, so `--update` can tell a page nobody touched
(safe to rewrite) from one an editor changed (never rewritten).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import yaml

from digest.i18n import _
from digest.util.text import slugify
from digest.importer.extract import Extracted

FENCE = "---"
IMPORTED_KEY = "imported"
_IMPORTED_LINE = re.compile(rf"^{IMPORTED_KEY}:.*$", re.MULTILINE)
_FINGERPRINT = re.compile(r"fingerprint:\s*['\"]?([0-9a-f]{64})")
KEYS = ("title", "date", "province", "review_year", "plan_year", "authors", "topics",
        "summary", "source", "outlet", "slug", "draft", "figures")
OPTIONAL = {"outlet"}   # written only when found


def _dump(key: str, value) -> str:
    """One key as YAML: one line for scalars and flow-empty lists, a block for figures."""
    return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False,
                          width=1_000_000, default_flow_style=False)


def _comment(dumped: str, note: str | None) -> str:
    """Add '  # note' to a one-line key; block values stay uncommented."""
    if not note or dumped.count("\n") != 1:
        return dumped
    note = " ".join(note.split())
    return f"{dumped.rstrip()}  # {note}\n"


def needs_draft(ex: Extracted) -> bool:
    """A page without a date or any year would stop the site build: keep it a draft."""
    return ex.date is None or (ex.review_year is None and ex.plan_year is None) or not ex.title


def front_matter(ex: Extracted, slug: str) -> str:
    values = {
        "title": ex.title, "date": ex.date, "province": ex.province,
        "review_year": ex.review_year, "plan_year": ex.plan_year,
        "authors": list(ex.authors), "topics": list(ex.topics), "summary": ex.summary,
        "source": ex.source, "outlet": ex.outlet, "slug": slug, "draft": needs_draft(ex),
        "figures": [dict(f) for f in ex.figures],
    }
    notes = dict(ex.missing)
    if values["draft"]:
        notes["draft"] = _("set to false once the fields marked above are filled in")
    return "".join(_comment(_dump(key, values[key]), notes.get(key)) for key in KEYS
                   if values[key] is not None or key not in OPTIONAL)


def fingerprint(text_without_imported_line: str) -> str:
    return hashlib.sha256(text_without_imported_line.encode("utf-8")).hexdigest()


def render_page(ex: Extracted, slug: str) -> str:
    """The whole file: front matter, fingerprint line, closing fence, body."""
    head = front_matter(ex, slug)
    body = ex.body if ex.body.endswith("\n") or not ex.body else ex.body + "\n"
    unsigned = f"{FENCE}\n{head}{FENCE}\n\n{body}"
    line = f"{IMPORTED_KEY}: {{by: importer, fingerprint: {fingerprint(unsigned)}}}\n"
    return f"{FENCE}\n{head}{line}{FENCE}\n\n{body}"


def _front_end(text: str) -> int | None:
    """Offset of the closing fence line of the front matter, or None."""
    if not text.startswith(FENCE + "\n"):
        return None
    m = re.compile(rf"^{FENCE}[ \t]*$", re.MULTILINE).search(text, len(FENCE) + 1)
    return m.start() if m else None


def untouched(text: str) -> bool:
    """True when the page is exactly as the importer wrote it."""
    end = _front_end(text)
    if end is None:
        return False
    m = _IMPORTED_LINE.search(text, 0, end)
    found = _FINGERPRINT.search(m.group()) if m else None
    if not found:
        return False
    unsigned = text[:m.start()] + text[m.end() + 1:]
    return fingerprint(unsigned) == found.group(1)


_SOURCE = re.compile(r"^source:(.*)$", re.MULTILINE)


def source_of_broken(text: str) -> str | None:
    """A page whose YAML does not parse may still name its seed on its own line,
    read as YAML (quotes and all: the name is kept exactly, see ledger.py)."""
    end = _front_end(text)
    m = _SOURCE.search(text, 0, end if end is not None else min(len(text), 4000))
    try:
        source = yaml.safe_load(m.group(1)) if m else None
    except yaml.YAMLError:
        return None
    return source if isinstance(source, str) and source else None


# --- names ---------------------------------------------------------------------

SLUG_CHARS = 80


def base_slug(ex: Extracted) -> str:
    """slugify(title), cut at a word boundary rather than mid-word when too long."""
    words = ex.title.split()
    slug = slugify(ex.title, fallback="bai-viet")
    while len(words) > 1 and len(slugify(" ".join(words), fallback="")) > SLUG_CHARS - 1:
        words.pop()
        slug = slugify(" ".join(words), fallback="bai-viet")
    return slug


def unique_slug(ex: Extracted, taken: set[str], shared: bool) -> str:
    """slugify(title); if taken or shared with another new page, add the province,
    then the date, then a counter, until it is unique."""
    base = base_slug(ex)
    if base not in taken and not shared:
        return base
    suffixes = []
    if ex.province:
        suffixes.append(slugify(ex.province))
    if ex.date:
        suffixes.append(ex.date.isoformat())
    candidates = [f"{base}-{s}" for s in suffixes]
    last = candidates[-1] if candidates else base
    candidates += [f"{last}-{n}" for n in range(2, 10_000)]
    return next(c for c in candidates if c not in taken)


def file_name(date: dt.date | None, slug: str, attempt: int = 1) -> str:
    """'2020-01-13-<slug>.md'; an undated page has no date prefix."""
    stem = f"{date.isoformat()}-{slug}" if date else slug
    return f"{stem}.md" if attempt == 1 else f"{stem}-{attempt}.md"
