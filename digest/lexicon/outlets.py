"""Provincial news outlets (data/outlets.yaml): who published a page, and where from.

A provincial newspaper or radio-TV station names its province as surely as a
portal domain does, so a page that opens with an outlet's dateline ("LSO-",
"BDK.VN -", "Laocaitv.vn -") or closes with its credit ("Theo Báo Lạng Sơn",
"Nguồn: baolangson.vn") belongs to that province. This module reads the table
(checked against the gazetteer) and answers one question: which outlet, if
any, a short piece of text names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from digest.lexicon.places import Gazetteer, load_gazetteer
from digest.util.text import clean_text, fold

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "outlets.yaml"
_DOMAIN = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$")


@dataclass(frozen=True)
class Outlet:
    name: str                      # "Báo Lạng Sơn"
    province: str                  # the gazetteer's name of its province
    domains: tuple[str, ...] = ()
    datelines: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutletTable:
    outlets: tuple[Outlet, ...]
    by_domain: dict                # "baolangson.vn" -> Outlet
    by_key: dict                   # folded name or dateline -> Outlet

    def by_host(self, host: str) -> Outlet | None:
        """The outlet of a host or of any domain above it (www.baolangson.vn)."""
        labels = host.lower().strip(".").split(".")
        return next((self.by_domain[d] for d in (".".join(labels[i:]) for i in range(len(labels)))
                     if d in self.by_domain), None)

    def by_name(self, text: str) -> Outlet | None:
        """An outlet written out in full or as its dateline, in any case ("bdk.vn", "LSO")."""
        return self.by_key.get(_key(text))


def _key(text: str) -> str:
    return " ".join(fold(clean_text(text)).replace("-", " ").split())


def _outlet(row: dict, gaz: Gazetteer, path: Path) -> Outlet:
    name, province = clean_text(str(row.get("name") or "")), str(row.get("province") or "")
    unit = gaz.lookup(province)
    domains = tuple(str(d) for d in row.get("domains") or ())
    problems = [
        not name and "needs a name",
        unit is None and f"province {province!r} is not in data/provinces.yaml",
        unit is not None and unit.name != province and f"write the province as {unit.name!r}",
        any(not _DOMAIN.match(d) for d in domains) and "domains are lower-case host names",
        not domains and not row.get("datelines") and "needs a domain or a dateline",
    ]
    problems = [p for p in problems if p]
    if problems:
        raise ValueError(f"{path}, {name or row!r}: " + "; ".join(problems))
    return Outlet(name, unit.name, domains, tuple(str(d) for d in row.get("datelines") or ()))


def _build(path: Path, gaz: Gazetteer) -> OutletTable:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))["outlets"]
    outlets = tuple(_outlet(row, gaz, path) for row in rows)
    by_domain, by_key = {}, {}
    for outlet in outlets:
        for domain in outlet.domains:
            if by_domain.setdefault(domain, outlet) is not outlet:
                raise ValueError(f"{path}: {domain} belongs to two outlets")
        for form in (outlet.name, *outlet.datelines):
            if by_key.setdefault(_key(form), outlet) is not outlet:
                raise ValueError(f"{path}: {form!r} names two outlets")
    return OutletTable(outlets, by_domain, by_key)


@lru_cache(maxsize=1)
def _default() -> OutletTable:
    return _build(DEFAULT_PATH, load_gazetteer())


def load_outlets(path: str | Path | None = None) -> OutletTable:
    """The outlet table from `path`, or the repository's (read once, cached)."""
    return _default() if path is None else _build(Path(path), load_gazetteer())
