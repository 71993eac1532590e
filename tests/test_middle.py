"""The middle of the pipeline, in memory: the route table, the site model from a
list of articles, and the page plan (no files, no templates rendered)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from digest.config import Config
from digest.content.schema import Article, Figure
from digest.model.groups import UNKNOWN_PROVINCE, assign_urls, build_site
from digest.plan.pages import plan_pages
from digest.model.routes import ROUTES, url_for


def article(n: int, title: str, day: str, province: str | None, review: int | None,
            plan: int | None, topics=(), figures=()) -> Article:
    return Article(path=f"content/{n}.md", title=title, date=dt.date.fromisoformat(day),
                   province=province, review_year=review, plan_year=plan,
                   topics=tuple(topics), figures=tuple(figures), _body="Thân bài.")


def sample() -> list[Article]:
    revenue = Figure(1463, "tỷ đồng", "Doanh thu đạt 1.463 tỷ đồng.", "telecom_revenue",
                     "result", 2023, None, None, "so-lieu-1")
    articles = [
        article(1, "Sơn La tổng kết năm 2023", "2024-01-10", "Sơn La", 2023, 2024,
                ["Viễn thông"], [revenue]),
        article(2, "Đắk Lắk triển khai nhiệm vụ 2024", "2024-01-12", "Đắk Lắk", None, 2024,
                ["Chuyển đổi số"]),
        article(3, "Bắc Giang tổng kết năm 2023", "2024-01-05", "Bắc Giang", 2023, 2024,
                ["Viễn thông", "Bưu chính"]),
        article(4, "Một bài không rõ tỉnh", "2023-12-20", None, 2023, None),
    ]
    assert assign_urls(articles) == []
    return articles


# --- the route table -------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(ROUTES))
def test_every_route_names_a_file_inside_the_site(name):
    parts = {key: "x" for key in re.findall(r"{(\w+)}", ROUTES[name])}
    url = url_for(name, **parts)
    assert not url.startswith(("/", ".")) and ".." not in url
    assert re.search(r"\.(html|xml|js|json|csv|txt|yml|pdf)$", url)  # a file, never a folder


def test_routes_are_distinct_and_the_model_uses_them():
    filled = [url_for(n, **{k: "x" for k in re.findall(r"{(\w+)}", p)}) for n, p in ROUTES.items()]
    assert len(set(filled)) == len(filled)
    site = build_site(sample())
    assert site.year(2023).url == url_for("year", year=2023) == "nam/2023/index.html"
    assert {p.url for p in site.provinces} >= {url_for("province", slug="son-la"),
                                               url_for("province", slug="dak-lak")}
    assert site.articles[0].url.startswith("bai-viet/")


# --- the site model --------------------------------------------------------------------

def test_the_model_groups_and_orders_as_readers_expect():
    site = build_site(sample())
    names = [p.name for p in site.provinces]
    # Vietnamese order (Đ after D, before G), the unknown province last
    assert names == ["Bắc Giang", "Đắk Lắk", "Sơn La", UNKNOWN_PROVINCE]
    assert [a.title for a in site.articles][0] == "Đắk Lắk triển khai nhiệm vụ 2024"  # newest
    assert [y.year for y in site.years] == [2024, 2023]
    assert site.year(2023).counts == (3, 0)   # three pages report 2023's results
    assert site.year(2024).counts == (0, 3)   # three set 2024's tasks
    assert [t.name for t in site.topics] == ["Bưu chính", "Chuyển đổi số", "Viễn thông"]
    assert [len(t.articles) for t in site.topics] == [1, 1, 2]


def test_drafts_are_left_out_before_modelling_but_keep_their_address():
    articles = sample()
    articles[0] = dataclasses.replace(articles[0], draft=True, url="")
    assign_urls(articles)
    site = build_site([a for a in articles if not a.draft])
    assert "Sơn La" not in [p.name for p in site.provinces]
    assert articles[0].url == "bai-viet/son-la-tong-ket-nam-2023/index.html"


# --- the page plan ----------------------------------------------------------------------

def plan(articles: list[Article]) -> dict[str, str]:
    return {p.url: p.key for p in plan_pages(build_site(articles), Config())}


def test_the_plan_has_one_page_per_thing_a_reader_can_open():
    urls = set(plan(sample()))
    expected = {url_for(n) for n in ("home", "years", "provinces", "topics", "timeline",
                                     "data", "search", "not_found")}
    expected |= {url_for("year", year=y) for y in (2023, 2024)}
    expected |= {url_for("province", slug=s) for s in ("bac-giang", "dak-lak", "son-la",
                                                        "chua-xac-dinh")}
    expected |= {url_for("topic", slug=s) for s in ("buu-chinh", "chuyen-doi-so", "vien-thong")}
    expected |= {a.url for a in sample()}
    html = {u for u in urls if u.endswith(".html")}
    assert html == expected


def test_a_figure_edit_changes_the_keys_of_the_pages_that_show_it_only():
    before = plan(sample())
    edited = sample()
    figure = dataclasses.replace(edited[0].figures[0], value=1500)
    edited[0] = dataclasses.replace(edited[0], figures=(figure,))
    after = plan(edited)
    changed = {url for url in before if before[url] != after[url]}
    # its article, the year table that shows it, and the search index part that holds
    # it; not the province page (one year of a metric draws no chart) nor any list
    index_parts = {u for u in changed if u.startswith("tim-kiem/chi-muc-")}
    assert len(index_parts) == 1
    assert changed == {edited[0].url, url_for("year", year=2023)} | index_parts


def engine_imports() -> dict[str, set[str]]:
    """Module -> the engine's modules it imports, at module level, under
    TYPE_CHECKING or inside a function ("from package import module" counts as
    importing the module)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    modules = {p: ".".join(p.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
               for p in (root / "digest").rglob("*.py")}
    names = set(modules.values())
    graph: dict[str, set[str]] = {}
    for path, name in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1]
                                    + ([base] if base else []))
                # "from package import module" imports the module; "from module
                # import name", the module
                found |= {f"{base}.{a.name}" if f"{base}.{a.name}" in names else base
                          for a in node.names}
        graph[name] = {m for m in found if m in names and m != name}
    assert len(graph) > 50 and graph["digest.pipeline"]  # the walk saw the engine
    return graph


def test_the_engine_has_no_import_cycles():
    """Every `digest` import, at module level, under TYPE_CHECKING or inside a
    function, makes a graph without cycles: the data flows one way."""
    graph = engine_imports()

    def cycle_from(start: str, path: list[str], seen: set[str]) -> list[str] | None:
        for nxt in sorted(graph[start]):
            if nxt in path:
                return path[path.index(nxt):] + [nxt]
            if nxt not in seen:
                seen.add(nxt)
                found = cycle_from(nxt, path + [nxt], seen)
                if found:
                    return found
        return None

    cycles = [c for name in sorted(graph) if (c := cycle_from(name, [name], {name}))]
    assert cycles == []


# The middle packages, lowest first. cache.py keeps parsed content (it imports
# content/) and what the last build wrote, for render/stage.py: it stands below render.
LAYERS = ("digest.lexicon", "digest.content", "digest.model", "digest.outputs", "digest.plan",
          "digest.cache", "digest.render")
# Shared by every stage, and importing nothing of the stages; so is the package's
# own __init__ ("digest"), which holds only the version.
BASE = ("digest.util", "digest.write", "digest.keys", "digest.problems", "digest.i18n",
        "digest.config", "digest.ledger")


def _floor(module: str, floors: tuple[str, ...]) -> str | None:
    """The package or module of `floors` that `module` is, or is in."""
    return next((f for f in floors if module == f or module.startswith(f + ".")), None)


def test_the_middle_packages_depend_one_way():
    """A module of a middle package imports only its own package, a lower one and
    the shared modules; a shared module imports only shared modules. The edge
    (pipeline.py, quick.py, serve.py, commands.py, ...) may cross."""
    wrong = []
    for name, imported in sorted(engine_imports().items()):
        base = name == "digest" or _floor(name, BASE)
        layer = _floor(name, LAYERS)
        if not base and layer is None:
            continue  # the edge
        for other in sorted(imported):
            if other == "digest" or _floor(other, BASE):
                continue
            other_layer = _floor(other, LAYERS)
            if base or other_layer is None or LAYERS.index(other_layer) > LAYERS.index(layer):
                wrong.append(f"{name} imports {other}")
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)
