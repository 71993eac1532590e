"""The page's date, review year and plan year, settled together.

Each is read on its own first (dates.py, years.py); then they are made to
agree, because each constrains the others and the text rarely states all
three. The rules, from real portal pages:

- a quarterly or half-year report ("sơ kết quý I/2023", "6 tháng đầu năm")
  is not an annual review: no review or plan year, and a note saying why;
  its period's year ("/2023") dates a day without one;
- a day without a year takes it from the page's stamp, then from a year named
  with the meeting, then from the review or plan year (dates.infer_year);
- a meeting held in January–March that reviews year Y sets the tasks of Y+1,
  unless the text names another plan year (a plan year equal to the review
  year, read from a weak cue such as "các nhiệm vụ năm 2023", is not one);
- a year the date contradicts (results of a later year, tasks more than a
  year ahead) is left empty with a note to check both.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from digest.i18n import _
from digest.importer import dates, years
from digest.importer import lexicons


@dataclass
class When:
    date: dt.date | None = None
    review_year: int | None = None
    plan_year: int | None = None
    how: dict[str, str] = field(default_factory=dict)       # field -> where it came from
    missing: dict[str, str] = field(default_factory=dict)   # field -> "why — what to write"


_PERIOD_YEAR = re.compile(r"^\s*(?:/|năm)?\s*(?P<y>(?:19|20)\d\d)(?!\d)", re.IGNORECASE)
_YEAR_END = re.compile(r"IV|4|cuối", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    phrase: str              # "quý I/2023", "6 tháng đầu năm 2024"
    year: int | None         # the year the meeting is in, when the phrase says it

    @property
    def held_in(self) -> dates.HeldIn | None:
        return dates.HeldIn(self.year, _('the period it reports on ("{phrase}")').format(
            phrase=self.phrase)) if self.year else None


def find_period(title: str, lead_sentence: str) -> Period | None:
    """The part of a year that the headline or the lead's first sentence reports on.

    A headline that reviews a whole year ("tổng kết công tác năm 2023") makes
    the page annual whatever its lead adds ("… và nhiệm vụ quý I/2024").
    "quý I/2023" and "6 tháng đầu năm 2023" are reviewed in 2023; a report on
    the fourth quarter or the end of the year may be held the year after, so
    it gives no year.
    """
    annual = any(e.kind == "review" for e in years.phrase_evidence(title, "title"))
    for text in [title] if annual else [title, lead_sentence]:
        m = lexicons.page_kinds().periods.search(text)
        if m:
            y = _PERIOD_YEAR.match(text[m.end():])
            phrase = m.group() + (y.group() if y else "")
            year = int(y.group("y")) if y and not _YEAR_END.search(m.group()) else None
            return Period(phrase.strip(), year)
    return None


def _meeting_year(sentence: str, event: dates.DayMonth | None, review: int | None,
                  plan: int | None) -> dates.HeldIn | None:
    """The meeting's own year, when it fits the years the page is about.

    A January–March meeting named after the year it reviews ("hội nghị cán bộ,
    công chức năm 2023" on a page reviewing 2023) is not held in that year.
    """
    year = years.meeting_year(sentence) if sentence else None
    if year is None:
        return None
    early = event is not None and event.month <= 3
    fits = ((review is None or year == review + 1 or (year == review and not early))
            and (plan is None or year in (plan - 1, plan)))
    return dates.HeldIn(year, _("the year named with the meeting")) if fits else None


def _reports_meeting(sentence: str) -> bool:
    return bool(sentence) and bool(lexicons.page_kinds().meeting.search(sentence))


def settle(title: str, paragraphs: list[str], stamps: list[dates.DayMonth]) -> When:
    when = When()
    review, plan = years.choose_years(title, paragraphs)
    sentence, event = dates.event_sentence(paragraphs)
    lead = dates.first_sentence(paragraphs[0]) if paragraphs else ""
    period = find_period(title, lead)
    if period:
        note = _('a report on a part of the year ("{phrase}"), not an annual review — '
                 "set a year only if the page belongs in that year's digest").format(
            phrase=period.phrase)
        when.missing["review_year"] = when.missing["plan_year"] = note
        review = plan = None
    meeting = _reports_meeting(sentence or lead)
    if meeting and review is not None and plan == review and event is not None and event.month <= 3:
        plan = None    # a January–March meeting cannot set the tasks of the year it reviews
    held_in = period.held_in if period else _meeting_year(sentence, event, review, plan)
    choice = dates.choose_date(event, stamps, review, plan, held_in)
    when.date, when.review_year, when.plan_year = choice.date, review, plan
    if choice.date:
        when.how["date"] = choice.how
    else:
        when.missing["date"] = _("not found in the text — write the day of the event, "
                                 "else the publication day: YYYY-MM-DD")
    if meeting and not period:
        _tasks_of_the_next_year(when)
    if not meeting and not period:
        _year_end_review(when, title)
    _agree_with_the_date(when)
    _note_missing_years(when)
    return when


def _tasks_of_the_next_year(when: When) -> None:
    """A meeting held in January–March of Y+1 that reviews Y sets the tasks of Y+1
    (a plan year equal to the review year was read from a weak cue: not the text's)."""
    review, day = when.review_year, when.date
    if review is None or day is None or day.month > 3 or day.year != review + 1:
        return
    if when.plan_year in (None, review):
        when.plan_year = review + 1
        when.how["plan_year"] = _("a meeting in January–March that reviews {review} "
                                  "sets the tasks of {plan}").format(review=review, plan=review + 1)


YEAR_END_FROM = 15      # a page published from 15 December on, about its own year
_TITLE_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?!\d)")


def _year_end_review(when: When, title: str) -> None:
    """A year-end review article (no meeting) published in the last days of December
    of Y is about Y: it reviews Y (when its headline names Y) and sets no tasks,
    whatever it says about next year's outlook."""
    day = when.date
    if day is None or day.month != 12 or day.day < YEAR_END_FROM:
        return
    if when.review_year is None and any(int(m.group("y")) == day.year
                                        for m in _TITLE_YEAR.finditer(title)):
        when.review_year = day.year
        when.how["review_year"] = _("a year-end review published on {date} about {year}").format(
            date=day.isoformat(), year=day.year)
    if when.review_year == day.year and when.plan_year is not None:
        when.missing["plan_year"] = _("no tasks year: a year-end review published on {date} "
                                      "reviews {year}; its outlook on {plan} is no plan — set it "
                                      "only if the page sets that year's tasks").format(
            date=day.isoformat(), year=day.year, plan=when.plan_year)
        when.plan_year = None


def _agree_with_the_date(when: When) -> None:
    """Drop a year the page's own date contradicts: results of a year that has not
    begun, or tasks more than a year ahead. The date is written in the text; the
    years are read from cue words, so they are the ones to doubt."""
    day = when.date
    if day is None:
        return
    if when.review_year is not None and when.review_year > day.year:
        when.missing["review_year"] = _("{year} looked like the year the page reviews, "
                                        "but its date is {date} — check both").format(
            year=when.review_year, date=day.isoformat())
        when.review_year = None
    if when.plan_year is not None and when.plan_year > day.year + 1:
        when.missing["plan_year"] = _("{year} looked like the year the page plans for, "
                                      "but its date is {date} — check both").format(
            year=when.plan_year, date=day.isoformat())
        when.plan_year = None


def _note_missing_years(when: When) -> None:
    """Say why a year is empty, unless a rule above has said so already."""
    notes = when.missing
    if when.review_year is None and when.plan_year is None:
        notes.setdefault("review_year", _("not found — the year whose results the page "
                                          "reports, e.g. 2019"))
        notes.setdefault("plan_year", _("not found — the year whose tasks the page sets, e.g. 2020 "
                                        "(set at least one of the two)"))
    elif when.review_year is None:
        notes.setdefault("review_year", _("no results year found — fine for a page that only "
                                          "sets tasks"))
    elif when.plan_year is None:
        notes.setdefault("plan_year", _("no tasks year found — fine for a page that only "
                                        "reports results"))
