"""Who published the page: the outlet marker on the lead, a closing credit, the footer.

Portals and newspapers put their mark in front of the lead ("(sonla.gov.vn)",
"LSO-", "BDK.VN -", "Laocaitv.vn -") and credits at the end ("Theo Báo
Lạng Sơn", "Nguồn: laocai.gov.vn"). The importer fills `outlet:` with what
a reader can follow (a domain, or an outlet's name from data/outlets.yaml),
takes the marker off the body, and counts a provincial outlet as strong
evidence of the page's province. An unknown abbreviation ("HNP -") is taken
off the body but names no outlet: a reader could not follow it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.lexicon.outlets import OutletTable, load_outlets
from digest.lexicon.places import Gazetteer
from digest.importer import lexicons
from digest.importer.normalize import split_marker

_HOST = re.compile(r"^(?:[\w-]+\.)+(?:vn|com|net|org|info)$", re.IGNORECASE)   # not "TP.HCM"
# A website or e-mail address in the footer: "stttt.sonla.gov.vn", "sotttt@thainguyen.gov.vn".
_FOOTER_HOST = re.compile(
    r"(?<![\w.-])(?:[\w.-]+@)?(?P<host>(?:[a-z0-9-]+\.)+(?:vn|com|net|org))(?![\w-])", re.IGNORECASE)
_CREDIT_WORD = re.compile(r"^(?:theo nguồn|nguồn tin|theo|nguồn)\s*:?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Publisher:
    outlet: str | None       # what the page's `outlet:` says; None to leave it out
    province: str | None     # the province it stands for (gazetteer name), if any
    how: str = ""            # "the lead's dateline", "the closing credit", "the footer"


NOBODY = Publisher(None, None)


def lead_without_marker(lead: str, table: OutletTable | None = None) -> str:
    """The lead without its outlet's marker.

    A marker in brackets or a domain always goes; a bare capitalised word
    before a dash only when it is a known dateline ("LSO-"), so that a lead
    opening "VNPT-Vinaphone Lạng Sơn đã …" keeps its first word.
    """
    marker, rest = split_marker(lead)
    if not marker:
        return lead
    bare = marker.isalpha() and not lead.lstrip().startswith("(")
    if bare and (table or load_outlets()).by_name(marker) is None:
        return lead
    return rest


_SCHEME = re.compile(r"^(?:https?://)?(?:www\.)?", re.IGNORECASE)


def _named(text: str, table: OutletTable, gaz: Gazetteer) -> Publisher:
    """A marker or credit text -> the outlet it names, if a reader can follow it."""
    text = _SCHEME.sub("", text.strip().rstrip("./"))
    outlet = table.by_name(text)
    if outlet is not None:                     # "LSO", "BDK.VN", "Báo Lạng Sơn"
        return Publisher(outlet.name, outlet.province)
    if not _HOST.match(text):
        return NOBODY
    host = text.lower().removeprefix("www.")
    outlet = table.by_host(host)
    if outlet is not None:                     # "Laocaitv.vn"
        return Publisher(host, outlet.province)
    portal = [m.name for m in gaz.find_in_text(host) if m.how == "domain"]
    return Publisher(host, portal[0] if portal else None)   # "sonla.gov.vn", "chinhphu.vn"


def _from_footer(footer: list[str], table: OutletTable, gaz: Gazetteer) -> Publisher:
    """The first portal or outlet domain in the footer (a website or an e-mail address)."""
    for line in footer:
        for m in _FOOTER_HOST.finditer(line):
            found = _named(m.group("host"), table, gaz)
            if found.province:
                return found
    return NOBODY


def find_publisher(lead: str, closing: list[str], footer: list[str], gaz: Gazetteer,
                   table: OutletTable | None = None) -> Publisher:
    """The lead's marker first, then a closing credit line, then the footer."""
    table = table or load_outlets()
    marker, _ = split_marker(lead)
    if marker:
        found = _named(marker, table, gaz)
        if found.outlet:
            return Publisher(found.outlet, found.province, "the lead's dateline")
    credits = lexicons.chrome().credits
    for line in reversed(closing):
        if credits.match(line):
            credit = _CREDIT_WORD.sub("", line)
            found = _named(credit, table, gaz)
            host = _FOOTER_HOST.search(credit)
            if not found.outlet and host:     # "Nguồn: Cổng TTĐT quangbinh.gov.vn"
                found = _named(host.group("host"), table, gaz)
            if found.outlet:
                return Publisher(found.outlet, found.province, "the closing credit")
    found = _from_footer(footer, table, gaz)
    return Publisher(found.outlet, found.province, "the footer") if found.outlet else NOBODY
