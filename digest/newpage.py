"""`python build.py new "Tiêu đề" …`: start a page with every field of the format."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Callable

import yaml

from digest.content.schema import MAX_YEAR, MIN_YEAR, PLACEHOLDER
from digest.i18n import _
from digest.write.fsutil import write_new
from digest.importer.run import scan_content
from digest.lexicon.places import Gazetteer, Unit, load_gazetteer
from digest.util.text import clean_text, fold, slugify, sort_key


def free_slug(content_dir: Path, base: str, day: dt.date) -> str:
    """`base`, or with the date (and a number) added, whichever no page uses yet.

    Written into the new page, so that its address never moves, whatever
    pages with the same title are added later.
    """
    taken = set(scan_content(content_dir).slugs.values())
    candidates = [base, f"{base}-{day.isoformat()}"]
    candidates += (f"{base}-{day.isoformat()}-{n}" for n in range(2, len(taken) + 3))
    return next(c for c in candidates if c not in taken)


class NewPageError(Exception):
    """Something the editor asked for that cannot be a page; the message says what to do."""


def _value(value) -> str:
    """One YAML scalar, quoted only when it has to be."""
    return yaml.safe_dump(value, allow_unicode=True, width=1000).removesuffix("\n...\n").strip()


def page_text(title: str, day: dt.date, province: str | None,
              review_year: int | None, plan_year: int | None, slug: str,
              draft: bool = True) -> str:
    fields = [
        (f"title: {_value(title)}", ""),
        (f"date: {day.isoformat()}", _("the day of the event, else the publication day")),
        (f"province: {_value(province)}",
         _("canonical name, e.g. Lạng Sơn; null if not known")),
        (f"review_year: {_value(review_year)}",
         _("the year whose results the page reports, or null")),
        (f"plan_year: {_value(plan_year)}", _("the year whose tasks the page sets, or null")),
        ("authors: []", _("e.g. [Hoàng Vương, Minh Quang]")),
        ("topics: []", _("e.g. [Chuyển đổi số, Viễn thông, Bưu chính]")),
        ('summary: ""', _("one or two sentences shown in lists and search results")),
        ('source: ""', _("the seed file or web address the page comes from")),
        ('outlet: ""', _("who published it, shown to readers: sonla.gov.vn or Báo Lạng Sơn")),
        (f"slug: {slug}", _("the page's address: keep it once the page is published")),
        (f"draft: {_value(draft)}",
         _("true keeps the page out of the site; false publishes it")),
        ("figures: []", _("key figures, e.g.:")),
    ]
    width = max(len(line) for line, _note in fields) + 2
    front = "\n".join(f"{line:<{width}}# {note}" if note else line for line, note in fields)
    return f"""---
{front}
#  - value: 174
#    unit: điểm phục vụ bưu chính
#    text: Toàn tỉnh có 174 điểm phục vụ bưu chính.
---
{PLACEHOLDER}. Mỗi đoạn cách nhau một dòng trống.

1. Danh sách đánh số viết như thế này.
"""


_LEVEL_WORD = re.compile(r"^(?:tinh|thanh pho|tp) ")


def folded_name(name: str) -> str:
    """'Tỉnh Bà Rịa - Vũng Tàu' -> 'ba ria vung tau': no diacritics, case,
    punctuation or level word; what an editor without a Vietnamese keyboard types."""
    text = " ".join(re.sub(r"[^a-z0-9]+", " ", fold(clean_text(name))).split())
    return _LEVEL_WORD.sub("", text)


def units_folding_to(gazetteer: Gazetteer, name: str) -> list[Unit]:
    """Every unit one of whose spellings folds to what `name` folds to."""
    key = folded_name(name)
    found = [u for u in gazetteer.units
             if any(folded_name(form) == key for form in (u.name, *u.variants))]
    return sorted(found, key=lambda u: sort_key(u.name))


def find_province(gazetteer: Gazetteer, typed: str, note: Callable[[str], None]) -> Unit:
    """The unit an editor means: its name in any spelling, or without diacritics
    when only one unit folds to it; NewPageError with suggestions otherwise."""
    unit = gazetteer.lookup(clean_text(typed))
    if unit is not None:
        return unit
    same = units_folding_to(gazetteer, typed)
    if len(same) == 1:
        note(_('--province "{typed}": read as "{name}" (the only province written '
               "so without diacritics)").format(typed=typed, name=same[0].name))
        return same[0]
    names = [u.name for u in same]
    names += [n for n in gazetteer.suggest(typed) if n not in names]
    names = names[:max(3, len(same))]
    hint = _("did you mean {names}?").format(
        names=(" " + _("or") + " ").join(f'"{n}"' for n in names)) if names \
        else _('write a province name such as "Lạng Sơn"')
    if len(same) > 1:
        raise NewPageError(_('--province "{typed}" could be several provinces — {hint}').format(
            typed=typed, hint=hint))
    raise NewPageError(_('--province "{typed}" is not a province — {hint}').format(
        typed=typed, hint=hint))


def name_on(gazetteer: Gazetteer, unit: Unit, day: dt.date,
            note: Callable[[str], None]) -> str:
    """The unit's name in force on `day`, saying so when it is not the one typed."""
    now = gazetteer.canonical(unit.name, day) or unit.name
    if now == unit.name:
        return now
    if unit.valid_to and day > unit.valid_to:
        became = unit.valid_to + dt.timedelta(days=1)
        note(_('--province: "{old}" became part of "{new}" on {became}; '
               'on {day} the province is "{new}", which the page says').format(
            old=unit.name, new=now, became=became.isoformat(), day=day.isoformat()))
    else:
        note(_('--province: on {day} "{old}" was called "{new}", '
               "which the page says").format(day=day.isoformat(), old=unit.name, new=now))
    return now


def new_page(content_dir: Path, title: str, province: str | None = None,
             review_year: int | None = None, plan_year: int | None = None,
             date: str | None = None, publish: bool = False,
             note: Callable[[str], None] = lambda line: None) -> Path:
    """Write a new page (a draft unless `publish`) and return its path;
    NewPageError if the request is wrong. `note` hears what was read how."""
    title = clean_text(title).strip()
    if not title:
        raise NewPageError(_('the title is empty — write it in quotes: new "Tiêu đề bài"'))
    try:
        day = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        raise NewPageError(_('--date "{date}" is not a valid date — write YYYY-MM-DD').format(
            date=date)) from None
    if review_year is None and plan_year is None:
        raise NewPageError(_("give --review-year (the year whose results the page reports) "
                             "or --plan-year (the year whose tasks it sets), or both"))
    for flag, year in (("--review-year", review_year), ("--plan-year", plan_year)):
        if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
            raise NewPageError(_("{flag} {year} is out of range — write a year such as "
                                 "{example}").format(flag=flag, year=year, example=day.year))
    if province:
        gazetteer = load_gazetteer()
        province = name_on(gazetteer, find_province(gazetteer, province, note), day, note)
    slug = free_slug(content_dir, slugify(title), day)
    path = content_dir / f"{day.isoformat()}-{slugify(title)}.md"
    text = page_text(title, day, province, review_year, plan_year, slug, draft=not publish)
    if not write_new(path, text):
        raise NewPageError(_("{path} already exists — it was left as it is; "
                             "choose another title or edit that file").format(path=path))
    return path
