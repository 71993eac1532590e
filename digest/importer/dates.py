"""The page's date: the day of the event the article reports, else its publication day.

Vietnamese leads open with the event's day and often no year ("Chiều 13/1",
"Sáng nay (18/1)", "Ngày 10- 1"); the year then comes from the publication
stamp or from the years the article is about. Plain regexes: dateparser reads
none of these forms, and needs day-first settings for "03-12-2018".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from digest.i18n import _
from digest.importer import lexicons
from digest.importer.normalize import sentences, strip_agency

MIN_YEAR, MAX_YEAR = 1945, 2100

_DAY_MONTH = (r"(?:(?P<d0>\d{1,2})\s*(?:[-–]|và|đến)\s*)?(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})"
              r"(?:\s*[/.-]\s*(?P<y>\d{4}))?(?![\d/])")
# "Chiều 13/1", "Sáng nay (18/1)", "Hôm qua (12-1)", "Ngày 10- 1", "ngày 13 và 14/1",
# "Sáng thứ Hai (13/1)"
_EVENT = re.compile(
    r"(?<!\w)(?:sáng|chiều|tối|trưa|đêm|hôm|ngày|mồng|mùng)"
    r"(?:\s+(?:nay|qua|mai|hôm qua|hôm nay|mồng|mùng))?"
    r"(?:\s+(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật))?"   # "Sáng thứ Hai (13/1)"
    r"\s*[,(]?\s*(?:ngày\s*)?" + _DAY_MONTH,
    re.IGNORECASE)
# "ngày 10 tháng 1 năm 2024"
_EVENT_WORDS = re.compile(
    r"(?<!\w)ngày\s*(?P<d>\d{1,2})\s*tháng\s*(?P<m>\d{1,2})(?:\s*(?:năm|,)\s*(?P<y>\d{4}))?",
    re.IGNORECASE)
# A date that belongs to a document ("Kế hoạch số 12/KH-UBND ngày 5/1/2024"), not an event.
_DOCUMENT = re.compile(
    r"(?:số\s*\d|\d+/[A-ZĐ]|quyết định|kế hoạch|công văn|thông tư|nghị định|nghị quyết|chỉ thị|"
    r"văn bản|thông báo|luật|ban hành)[^.;]{0,40}$",
    re.IGNORECASE)


@dataclass(frozen=True)
class DayMonth:
    day: int
    month: int
    year: int | None


def _valid(year: int, month: int, day: int) -> dt.date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day_in(sentence: str) -> DayMonth | None:
    for regex in (_EVENT, _EVENT_WORDS):
        for m in regex.finditer(sentence):
            if _DOCUMENT.search(sentence[:m.start()]):
                continue
            day = int(m.group("d0") or m.group("d")) if "d0" in m.groupdict() else int(m.group("d"))
            month, year = int(m.group("m")), m.group("y")
            year = int(year) if year else None
            if _valid(year or 2000, month, day):   # 2000 is a leap year: 29/2 stays possible
                return DayMonth(day, month, year)
    return None


def first_sentence(paragraph: str) -> str:
    """The paragraph's first sentence, without the outlet's marker."""
    first = sentences(strip_agency(paragraph))
    return first[0] if first else ""


def event_sentence(paragraphs: list[str]) -> tuple[str, DayMonth | None]:
    """The sentence that gives the event's day, and the day.

    The lead's first sentence, else the next paragraph's: portals often put a
    one-line summary ("(Sonla.gov.vn) – Sở TT&TT tổng kết năm 2022.") above
    the paragraph that opens "Ngày 20/12, Sở … tổ chức Hội nghị".
    """
    if not paragraphs:
        return "", None
    sentence = first_sentence(paragraphs[0])
    if (day := _day_in(sentence)) is not None:
        return sentence, day
    summary_line = len(sentences(strip_agency(paragraphs[0]))) == 1
    if summary_line and len(paragraphs) > 1:
        sentence = first_sentence(paragraphs[1])
        day = _day_in(sentence)
        if day is not None and lexicons.page_kinds().meeting.search(sentence):
            return sentence, day     # only a meeting's day: not "Ngày 15/3, Sở ban hành …"
    return "", None


def event_day(lead: str) -> DayMonth | None:
    """The event's day from the lead's first sentence, if it names one."""
    return event_sentence([lead])[1] if lead else None


def stamp_day(match: re.Match) -> DayMonth | None:
    """The day of a stamp line matched by a chrome.yaml pattern; its year may be absent."""
    groups = match.groupdict()
    try:
        day, month = int(groups["d"]), int(groups["m"])
        year = int(groups["y"]) if groups.get("y") else None
    except (KeyError, TypeError, ValueError):
        return None
    return DayMonth(day, month, year) if _valid(year or 2000, month, day) else None


def stamp_date(match: re.Match) -> dt.date | None:
    """The date of a stamp or header line matched by a chrome.yaml pattern."""
    day = stamp_day(match)
    return _valid(day.year, day.month, day.day) if day and day.year else None


@dataclass(frozen=True)
class HeldIn:
    """The year the text says the meeting is held in, and how it says so."""
    year: int
    how: str      # "the year named with the meeting", "the period it reports on"


def infer_year(month: int, stamp: dt.date | None, review: int | None,
               plan: int | None, meeting: HeldIn | None = None) -> tuple[int | None, str]:
    """The year of a day given without one, and where it came from.

    The page's own stamp wins, then a year named with the meeting ("hội nghị
    cán bộ, công chức năm 2024"). Otherwise: a meeting that reviews year R is
    held from December R to the spring of R+1, so a day in January–June is in
    R+1 and one in December in R (never a January day in R); one that sets
    the tasks of P is held from the autumn of P-1 to the first half of P.
    Anything else (the review and plan years the same, or far apart) is left
    for an editor: a wrong year is worse than none.
    """
    if stamp is not None:
        year = stamp.year - 1 if month - stamp.month > 6 else stamp.year   # Dec event, Jan stamp
        return year, _("the publication stamp")
    if meeting is not None:
        return meeting.year, meeting.how
    if review is not None and plan in (None, review + 1):
        source = _("the plan year") if plan else _("the review year")
        return (review + 1 if month <= 6 else review), source
    if plan is not None and review is None:
        return (plan if month <= 6 else plan - 1), _("the plan year")
    return None, ""


@dataclass(frozen=True)
class DateChoice:
    date: dt.date | None
    how: str      # "event", "event, year from …", "publication stamp", ""


def choose_date(event: DayMonth | None, stamps: list[DayMonth], review: int | None,
                plan: int | None, meeting: HeldIn | None = None) -> DateChoice:
    """Event day (year given or inferred) first, then the first publication stamp."""
    full = [_valid(s.year, s.month, s.day) for s in stamps if s.year]
    stamp = next((d for d in full if d), None)
    if event is not None:
        if event.year is not None:
            day = _valid(event.year, event.month, event.day)
            if day:
                return DateChoice(day, _("the event's day in the lead"))
        year, source = infer_year(event.month, stamp, review, plan, meeting)
        day = _valid(year, event.month, event.day) if year else None
        if day:
            return DateChoice(day, _("the event's day in the lead, year from {source}").format(
                source=source))
    if stamp is not None:
        return DateChoice(stamp, _("the publication stamp"))
    for s in stamps:   # a stamp without a year ("Ngày đăng: 9:29 | 08/03")
        year, source = infer_year(s.month, None, review, plan, meeting)
        day = _valid(year, s.month, s.day) if year else None
        if day:
            return DateChoice(day, _("the publication stamp, year from {source}").format(
                source=source))
    return DateChoice(None, "")
