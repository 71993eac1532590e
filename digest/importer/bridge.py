"""A national conference seen from one province's bridge point.

The Ministry's yearly conference is held online; a provincial portal reports
it from its own bridge point ("Tại điểm cầu An Giang, …"). The page belongs
to that province, but most of its figures are the country's ("doanh thu
toàn ngành … 3.893.595 tỷ đồng"): those get `scope: national`, so that no
year table shows them as the province's own. On such a page a figure counts
as the province's only when its sentence ties it to the province (its name,
"tỉnh", "địa bàn"); a national figure taken for the province's would be a
wrong value, a provincial one marked national only leaves a cell empty.
"""

from __future__ import annotations

from digest.lexicon.places import Gazetteer
from digest.importer import lexicons

NATIONAL = "national"


def seen_from_a_bridge_point(paragraphs: list[str], gaz: Gazetteer) -> bool:
    """The page reports a national conference from a province's bridge point:
    "Tại điểm cầu [tỉnh] An Giang", "Dự hội nghị tại điểm cầu Lào Cai", in any
    paragraph (a player, a share bar or a photo may stand before it), with a
    national organiser in the lead, the paragraph after it or the same paragraph."""
    kinds = lexicons.page_kinds()
    opening = " ".join(paragraphs[:2])
    for paragraph in paragraphs:
        if not (kinds.national.search(opening) or kinds.national.search(paragraph)):
            continue
        for m in kinds.bridge.finditer(paragraph):
            after = paragraph[m.end():m.end() + 60]
            if any(mention.start <= 8 for mention in gaz.find_in_text(after)):   # " tỉnh " at most
                return True
    return False


def _local(sentence: str, province: str | None, gaz: Gazetteer) -> bool:
    if lexicons.page_kinds().local.search(sentence):
        return True
    return province is not None and any(
        gaz.canonical(m.name) == gaz.canonical(province) for m in gaz.find_in_text(sentence))


def mark_national(figures: list[dict], paragraphs: list[str], province: str | None,
                  gaz: Gazetteer) -> list[dict]:
    """The figures, with `scope: national` on the country's figures of a bridge-point page."""
    if not seen_from_a_bridge_point(paragraphs, gaz):
        return figures
    return [f if _local(str(f.get("text", "")), province, gaz) else {**f, "scope": NATIONAL}
            for f in figures]
