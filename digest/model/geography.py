"""Where provinces lie and what became of them: the home page's tile map,
coverage counts, and a province page's header facts.

The tile grid and regions are data (data/tiles.yaml, read once); mergers
come from the gazetteer (data/provinces.yaml via digest/lexicon/places.py). The
results are plain frozen records, ready to be fingerprinted and shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from digest.model.routes import url_for
from digest.lexicon.places import load_gazetteer
from digest.util.text import slugify, sort_key

TILES_PATH = Path(__file__).resolve().parents[2] / "data" / "tiles.yaml"
LAST_DAY_OF_63 = dt.date(2025, 6, 30)   # the 63 provinces, the day before the reorganisation
FIRST_DAY_OF_34 = dt.date(2025, 7, 1)   # the 34 units in force since
SHADES = ((0, "0 bài"), (1, "1 bài"), (2, "2–4 bài"), (5, "từ 5 bài"))  # lowest count, legend


@dataclass(frozen=True)
class TileData:
    name: str
    short: str
    row: int
    col: int
    region: str


@dataclass(frozen=True)
class Tile:
    name: str
    short: str
    row: int
    col: int
    count: int          # pages about this province (under any of its names)
    shade: int          # index into SHADES
    url: str | None     # its province page, None when it has no page


@dataclass(frozen=True)
class Coverage:
    pages: int
    provinces: int      # of the 63 provinces, how many have pages
    units: int          # of the 34 units since 1 July 2025, how many have pages
    total_provinces: int
    total_units: int
    first_year: int | None
    last_year: int | None
    years: int          # years with pages


@dataclass(frozen=True)
class ProvinceFacts:
    region: str | None
    became: str | None      # "Từ 1/7/2025 thuộc tỉnh Thái Nguyên"
    took_in: str | None     # "Từ 1/7/2025 sáp nhập thêm tỉnh Bắc Kạn"


@lru_cache(maxsize=1)
def load_tiles() -> tuple[TileData, ...]:
    """The tile grid in the file's order (north to south)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(TILES_PATH.read_text(encoding="utf-8"), Loader=loader)
    regions = data["regions"]
    return tuple(TileData(str(t["name"]), str(t["short"]), int(t["row"]), int(t["col"]),
                          regions[t["region"]]) for t in data["tiles"])


def shade(count: int) -> int:
    return max(i for i, (lowest, _) in enumerate(SHADES) if count >= lowest)


def _of_the_63(name: str) -> str | None:
    return load_gazetteer().canonical(name, LAST_DAY_OF_63)


def tile_map(provinces: list[tuple[str, str, int]]) -> tuple[Tile, ...]:
    """One tile per province of the 63, from (name, page url, page count) of
    the site's known provinces. A page filed under an older or newer name of
    the same place counts for its tile; the tile links to the page with the
    most pages."""
    found: dict[str, list[tuple[int, str]]] = {}
    for name, url, count in provinces:
        tile_name = _of_the_63(name)
        if tile_name is not None:
            found.setdefault(tile_name, []).append((count, url))
    tiles = []
    for t in load_tiles():
        pages = found.get(t.name, [])
        count = sum(c for c, _ in pages)
        url = max(pages, key=lambda p: (p[0], p[1] == url_for("province", slug=slugify(t.name))))[1] \
            if pages else None
        tiles.append(Tile(t.name, t.short, t.row, t.col, count, shade(count), url))
    return tuple(tiles)


def coverage(province_names: list[str], pages: int, years: list[int]) -> Coverage:
    gazetteer = load_gazetteer()
    old = {_of_the_63(n) for n in province_names} - {None}
    new = {gazetteer.canonical(n, FIRST_DAY_OF_34) for n in province_names} - {None}
    return Coverage(pages, len(old), len(new), len(gazetteer.names(LAST_DAY_OF_63)),
                    len(gazetteer.names(FIRST_DAY_OF_34)),
                    min(years) if years else None, max(years) if years else None, len(years))


def _day(day: dt.date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def _called(name: str) -> str:
    """'tỉnh Thái Nguyên', 'thành phố Đà Nẵng', 'Thành phố Hồ Chí Minh'."""
    unit = load_gazetteer().lookup(name)
    if unit is None or name.lower().startswith(("tỉnh ", "thành phố ")):
        return name
    return f"{'tỉnh' if unit.kind == 'tỉnh' else 'thành phố'} {name}"


@lru_cache(maxsize=256)
def province_facts(name: str) -> ProvinceFacts:
    """Region, and what the 2025 reorganisation (or an earlier renaming) did to it."""
    gazetteer = load_gazetteer()
    regions = {t.name: t.region for t in load_tiles()}
    unit = gazetteer.lookup(name)
    if unit is None:
        return ProvinceFacts(None, None, None)
    region = regions.get(unit.name) or regions.get(_of_the_63(unit.name) or "")
    became = None
    if unit.successor and unit.valid_to:
        after = _day(unit.valid_to + dt.timedelta(days=1))
        verb = "là" if _renamed(unit.name) else "thuộc"
        became = f"Từ {after} {verb} {_called(unit.successor)}"
    took_in = "; ".join(_taken_in(unit.name)) or None
    return ProvinceFacts(region, became, took_in)


def _renamed(name: str) -> bool:
    """The unit became another one alone, which began the next day (Thừa Thiên Huế -> Huế)."""
    gazetteer = load_gazetteer()
    unit = gazetteer.lookup(name)
    successor = gazetteer.lookup(unit.successor) if unit and unit.successor else None
    return bool(successor and successor.valid_from
                and successor.valid_from == unit.valid_to + dt.timedelta(days=1)
                and [u.name for u in gazetteer.units if u.successor == successor.name] == [name])


def _taken_in(name: str) -> list[str]:
    """'Từ 1/7/2025 sáp nhập thêm tỉnh Bắc Kạn', or 'Trước 1/1/2025 là tỉnh Thừa Thiên Huế'."""
    gazetteer = load_gazetteer()
    earlier = sorted((u for u in gazetteer.units if u.successor == name and u.valid_to),
                     key=lambda u: sort_key(u.name))
    by_day: dict[dt.date, list[str]] = {}
    for u in earlier:
        if _renamed(u.name):
            return [f"Trước {_day(u.valid_to + dt.timedelta(days=1))} là {_called(u.name)}"]
        by_day.setdefault(u.valid_to + dt.timedelta(days=1), []).append(_called(u.name))
    return [f"Từ {_day(day)} sáp nhập thêm {', '.join(names)}"
            for day, names in sorted(by_day.items())]
